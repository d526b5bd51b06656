-- ISSUED_ON sorts unissued (PENDING) invoices as issued at 'infinity' rather than 9999-12-31:
-- asyncpg sends Python's date.max as 'infinity', so a cursor holding 9999-12-31 would compare
-- wrongly, while 'infinity' reads back as date.max and goes out as 'infinity' again.
DROP INDEX IF EXISTS invoices_issued_sort;
DROP INDEX IF EXISTS invoices_workspace_issued_sort;
DROP INDEX IF EXISTS invoices_parent_issued_sort;
CREATE INDEX invoices_issued_sort ON invoices ((coalesce(issued_on, 'infinity'::date)), id);
CREATE INDEX invoices_workspace_issued_sort
    ON invoices (workspace_id, (coalesce(issued_on, 'infinity'::date)), id);
CREATE INDEX invoices_parent_issued_sort
    ON invoices (parent_id, (coalesce(issued_on, 'infinity'::date)), id);
