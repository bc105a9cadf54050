-- 8: sales. A sale is written whole in one transaction: its lines, payments and the stock
-- movements they cause. Voids and returns are new rows (the original stays, marked).
-- `shift_id` is filled once shifts exist.
ALTER TABLE products ADD COLUMN plu TEXT;
CREATE UNIQUE INDEX products_plu ON products(plu) WHERE plu IS NOT NULL;
CREATE INDEX products_name ON products(name COLLATE NOCASE);
CREATE TABLE members(
    id INTEGER PRIMARY KEY,
    member_no TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    patient_id INTEGER REFERENCES patients(id),
    credit_limit INTEGER,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE prescriptions(
    id INTEGER PRIMARY KEY,
    prescriber TEXT NOT NULL,
    written_on TEXT NOT NULL,
    number TEXT NOT NULL,
    patient_name TEXT NOT NULL DEFAULT '',
    directions TEXT NOT NULL DEFAULT '',
    patient_id INTEGER REFERENCES patients(id),
    recorded_at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id)
);
CREATE TABLE sales(
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    business_day TEXT NOT NULL,
    at TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    shift_id INTEGER,
    member_id INTEGER REFERENCES members(id),
    patient_id INTEGER REFERENCES patients(id),
    total INTEGER NOT NULL,
    vat INTEGER NOT NULL DEFAULT 0,
    change_given INTEGER NOT NULL DEFAULT 0,
    line_count INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'paid' CHECK (status IN ('paid','voided')),
    voided_at TEXT,
    voided_by INTEGER REFERENCES users(id),
    approved_by INTEGER REFERENCES users(id),
    void_reason TEXT
);
CREATE INDEX sales_day ON sales(business_day);
CREATE INDEX sales_member ON sales(member_id);
CREATE TABLE sale_lines(
    id INTEGER PRIMARY KEY,
    sale_id INTEGER NOT NULL REFERENCES sales(id),
    line_no INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    name TEXT NOT NULL,
    qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
    unit_price INTEGER NOT NULL,
    amount INTEGER NOT NULL,
    tax_category TEXT NOT NULL,
    member_price INTEGER NOT NULL DEFAULT 0,
    prescription_id INTEGER REFERENCES prescriptions(id),
    returned_milli INTEGER NOT NULL DEFAULT 0,
    UNIQUE (sale_id, line_no)
);
CREATE INDEX sale_lines_product ON sale_lines(product_id);
CREATE TABLE payments(
    id INTEGER PRIMARY KEY,
    sale_id INTEGER NOT NULL REFERENCES sales(id),
    kind TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment','refund')),
    method TEXT NOT NULL CHECK (method IN ('cash','qris','member_credit')),
    amount INTEGER NOT NULL,
    tendered INTEGER,
    reference TEXT,
    at TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    shift_id INTEGER
);
CREATE INDEX payments_sale ON payments(sale_id);
CREATE TABLE sale_returns(
    id INTEGER PRIMARY KEY,
    sale_id INTEGER NOT NULL REFERENCES sales(id),
    at TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    approved_by INTEGER NOT NULL REFERENCES users(id),
    reason TEXT NOT NULL,
    amount INTEGER NOT NULL,
    whole_sale INTEGER NOT NULL CHECK (whole_sale IN (0,1))
);
CREATE TABLE parked_sales(
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    parked_at TEXT NOT NULL,
    label TEXT NOT NULL,
    member_id INTEGER REFERENCES members(id),
    lines TEXT NOT NULL
);
CREATE TABLE receivings(
    id INTEGER PRIMARY KEY,
    supplier TEXT NOT NULL,
    invoice_no TEXT NOT NULL,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id)
);
ALTER TABLE stock_movements ADD COLUMN sale_id INTEGER REFERENCES sales(id);
ALTER TABLE stock_movements ADD COLUMN receiving_id INTEGER REFERENCES receivings(id);
ALTER TABLE stock_movements ADD COLUMN shift_id INTEGER;
ALTER TABLE stock_movements ADD COLUMN sale_line_id INTEGER REFERENCES sale_lines(id);
ALTER TABLE products ADD COLUMN reorder_level INTEGER;
CREATE INDEX stock_movements_sale ON stock_movements(sale_id);
CREATE INDEX stock_movements_at ON stock_movements(product_id, at);
