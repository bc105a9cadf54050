-- 15: money at the counter. A sale's adjustments are lines of their own: cash rounding and a
-- discount on the whole sale (with a reason and who approved it); the sale's total is its
-- lines plus its adjustments. A line's own discount or price change is kept on the line (its
-- amount is after it), with the reason and the approver. Drugs know how many pieces a unit holds (a strip of
-- 10 kapsul) for the label; a prescription records the prescriber's licence number (SIP).
CREATE TABLE sale_adjustments(
    id INTEGER PRIMARY KEY,
    sale_id INTEGER NOT NULL REFERENCES sales(id),
    kind TEXT NOT NULL CHECK (kind IN ('rounding','discount')),
    line_no INTEGER,
    amount INTEGER NOT NULL,
    reason TEXT,
    approved_by INTEGER REFERENCES users(id),
    shift_id INTEGER
);
CREATE INDEX sale_adjustments_sale ON sale_adjustments(sale_id);
ALTER TABLE drugs ADD COLUMN pieces_per_unit INTEGER CHECK (pieces_per_unit IS NULL OR pieces_per_unit > 0);
ALTER TABLE prescriptions ADD COLUMN prescriber_sip TEXT;
ALTER TABLE sale_lines ADD COLUMN discount INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sale_lines ADD COLUMN discount_reason TEXT;
ALTER TABLE sale_lines ADD COLUMN discount_approved_by INTEGER REFERENCES users(id);
