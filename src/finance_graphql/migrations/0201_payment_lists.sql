-- Payments lists seen by the super organization have no tenant column to lead an index: one
-- index per sort key (with id, the keyset's tie-breaker) keeps every page an index range scan.
-- Tenant-scoped lists use the (workspace_id | parent_id, key, id) indexes of 0002.
CREATE INDEX payments_modified ON payments (modified_at, id);
CREATE INDEX payments_date ON payments (payment_date, id);
CREATE INDEX payments_amount ON payments (amount, id);
CREATE INDEX payments_status ON payments (status, id);
