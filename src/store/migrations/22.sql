-- 22: goods sent back to a supplier (expired or damaged), each line a movement linked to the
-- return (kind writeoff: migration 2 fixed the kinds).
CREATE TABLE supplier_returns(
    id INTEGER PRIMARY KEY,
    supplier TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (reason IN ('expired','damaged')),
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id)
);
ALTER TABLE stock_movements ADD COLUMN supplier_return_id INTEGER REFERENCES supplier_returns(id);
