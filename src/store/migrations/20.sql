-- 20: stock counts (stock opname): a sheet per count, a line per product and batch with the
-- count and what the books said when it was counted; at most one count open at a time.
CREATE TABLE stock_counts(
    id INTEGER PRIMARY KEY,
    section TEXT,
    started_at TEXT NOT NULL,
    started_by INTEGER REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','approved','cancelled')),
    approved_at TEXT,
    approved_by INTEGER REFERENCES users(id),
    reason TEXT
);
CREATE UNIQUE INDEX stock_counts_one_open ON stock_counts(status) WHERE status = 'open';
CREATE TABLE stock_count_lines(
    count_id INTEGER NOT NULL REFERENCES stock_counts(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    batch_key INTEGER NOT NULL,
    counted INTEGER CHECK (counted IS NULL OR counted >= 0),
    expected INTEGER,
    counted_at TEXT,
    counted_by INTEGER REFERENCES users(id),
    PRIMARY KEY (count_id, product_id, batch_key)
) WITHOUT ROWID;
