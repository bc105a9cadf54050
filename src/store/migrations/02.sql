-- 2: catalog and stock by batch; every stock change is a movement row.
CREATE TABLE products(
    id INTEGER PRIMARY KEY,
    barcode TEXT UNIQUE,
    name TEXT NOT NULL,
    section TEXT NOT NULL CHECK (section IN ('sembako','obat','lain')),
    unit TEXT NOT NULL,
    sold_by TEXT NOT NULL CHECK (sold_by IN ('piece','weight','volume')),
    price INTEGER NOT NULL CHECK (price >= 0),
    member_price INTEGER CHECK (member_price IS NULL OR member_price >= 0),
    tax_category TEXT NOT NULL DEFAULT 'standard',
    price_cap INTEGER,
    allow_negative INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE drugs(
    product_id INTEGER PRIMARY KEY REFERENCES products(id),
    generic_name TEXT NOT NULL,
    strength TEXT NOT NULL DEFAULT '',
    form TEXT NOT NULL DEFAULT '',
    class TEXT NOT NULL CHECK (class IN ('bebas','bebas_terbatas','keras','oot','psikotropika','narkotika')),
    warning TEXT CHECK (warning IS NULL OR warning IN ('P1','P2','P3','P4','P5','P6')),
    label TEXT NOT NULL DEFAULT 'oral' CHECK (label IN ('oral','external')),
    kfa_code TEXT
);
CREATE TABLE batches(
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    batch_no TEXT NOT NULL,
    expiry TEXT,
    UNIQUE (product_id, batch_no)
);
CREATE TABLE stock_movements(
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    batch_id INTEGER REFERENCES batches(id),
    kind TEXT NOT NULL CHECK (kind IN ('receipt','sale','return','adjustment','writeoff')),
    qty_milli INTEGER NOT NULL,
    unit_cost INTEGER,
    reason TEXT,
    reference TEXT,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id)
);
CREATE INDEX stock_movements_product ON stock_movements(product_id, batch_id);
