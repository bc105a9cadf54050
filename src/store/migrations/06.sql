-- 6: shifts: one open shift per cashier, cash in and out with a reason, a blind count at close
-- and a numbered Z report; a closed shift never changes.
CREATE TABLE shifts(
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    business_day TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    opening_float INTEGER NOT NULL CHECK (opening_float >= 0),
    closed_at TEXT,
    counted_cash INTEGER CHECK (counted_cash IS NULL OR counted_cash >= 0),
    counted_noncash INTEGER CHECK (counted_noncash IS NULL OR counted_noncash >= 0),
    denominations TEXT,
    expected_cash INTEGER,
    z_number INTEGER UNIQUE
);
CREATE UNIQUE INDEX shifts_one_open ON shifts(user_id) WHERE closed_at IS NULL;
CREATE INDEX shifts_day ON shifts(business_day);
CREATE TRIGGER shifts_closed_stay BEFORE UPDATE ON shifts WHEN OLD.closed_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'a closed shift never changes'); END;
CREATE TABLE cash_movements(
    id INTEGER PRIMARY KEY,
    shift_id INTEGER NOT NULL REFERENCES shifts(id),
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('in','out')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    user_id INTEGER REFERENCES users(id)
);
CREATE INDEX cash_movements_shift ON cash_movements(shift_id);
