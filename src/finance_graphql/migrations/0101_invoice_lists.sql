-- Indexes for the invoice list's sort keys (invoices/repository.py SORTS).
-- ISSUED_ON sorts by coalesce(issued_on, '9999-12-31') so that unissued (PENDING) invoices have a
-- value too; each sort has an index alone (super organization: no tenant filter) and after each
-- tenant column (0002 already has the (tenant, amount | status, id) ones).
CREATE INDEX invoices_issued_sort ON invoices ((coalesce(issued_on, DATE '9999-12-31')), id);
CREATE INDEX invoices_workspace_issued_sort
    ON invoices (workspace_id, (coalesce(issued_on, DATE '9999-12-31')), id);
CREATE INDEX invoices_parent_issued_sort
    ON invoices (parent_id, (coalesce(issued_on, DATE '9999-12-31')), id);
CREATE INDEX invoices_amount_sort ON invoices (amount, id);
CREATE INDEX invoices_status_sort ON invoices (status, id);
