-- Credits (issue 4): who last changed a credit, and the index of the super organization's list
-- (every credit, newest change first). The organization's and the customer's lists use
-- credits_parent and credits_workspace from 0002.
ALTER TABLE credits ADD COLUMN modified_by bigint REFERENCES users (id);
ALTER TABLE credits ADD COLUMN revoked_at timestamptz;
CREATE INDEX credits_modified ON credits (modified_at, id);
-- A claimed credit always carries its business details and claim time.
ALTER TABLE credits ADD CONSTRAINT credits_claimed_details CHECK (
    status <> 2 OR (claimed_at IS NOT NULL AND customer_name IS NOT NULL
                    AND contact_person_email IS NOT NULL)
);
