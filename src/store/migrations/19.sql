-- 19: a delivery keeps its invoice's date and total, to check the lines against.
ALTER TABLE receivings ADD COLUMN invoice_date TEXT;
ALTER TABLE receivings ADD COLUMN invoice_total INTEGER;
CREATE INDEX receivings_supplier ON receivings(supplier, at);
