-- 9: covering indexes for long-range figures, and stock levels kept beside the movements (one row per product and batch, 0 = no batch),
-- updated by trigger in the same transaction as each movement; movements are append-only.
-- Reports read the levels instead of summing all history. Tests check both agree.
CREATE TABLE stock_levels(
    product_id INTEGER NOT NULL REFERENCES products(id),
    batch_key INTEGER NOT NULL,
    qty_milli INTEGER NOT NULL,
    PRIMARY KEY (product_id, batch_key)
) WITHOUT ROWID;
INSERT INTO stock_levels(product_id, batch_key, qty_milli)
    SELECT product_id, coalesce(batch_id, 0), sum(qty_milli) FROM stock_movements GROUP BY product_id, coalesce(batch_id, 0);
CREATE TRIGGER stock_levels_follow AFTER INSERT ON stock_movements BEGIN
    INSERT INTO stock_levels(product_id, batch_key, qty_milli) VALUES (NEW.product_id, coalesce(NEW.batch_id, 0), NEW.qty_milli)
    ON CONFLICT(product_id, batch_key) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli;
END;
CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
    BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
    BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
-- Covering indexes for the supervisor's figures over long ranges (read without the tables).
CREATE INDEX queue_events_figures ON queue_events(business_day, kind, service, wait_s);
CREATE INDEX sale_lines_figures ON sale_lines(sale_id, product_id, amount);
CREATE INDEX payments_figures ON payments(sale_id, method, kind, amount);
CREATE INDEX sales_figures ON sales(business_day, status, user_id, total);
