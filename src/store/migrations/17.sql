-- 17: each audit entry carries the keyed digest of the rows it records (store::audit_rows).
ALTER TABLE audit ADD COLUMN row_digest TEXT;
