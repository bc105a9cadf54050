-- 21: price changes with the date they take effect and their history (who, when, old, new);
-- one dated today or before applies at once, a later one when its day comes.
CREATE TABLE price_changes(
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products(id),
    price INTEGER NOT NULL CHECK (price > 0),
    member_price INTEGER,
    old_price INTEGER NOT NULL,
    old_member_price INTEGER,
    effective_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    applied_at TEXT
);
CREATE INDEX price_changes_product ON price_changes(product_id, id);
CREATE INDEX price_changes_due ON price_changes(effective_on) WHERE applied_at IS NULL;
