-- 12: the supervisor's figures kept per day beside the rows they count, by triggers in the
-- same transaction as each sale, line, payment, void and queue event (as stock levels
-- are), so a year of figures is a few hundred rows to add up. Figures: `sales`,
-- `cashier:<user id>`, `section:<section>`, `method:<method>` (net of refunds),
-- `q-taken|q-served|q-skipped:<service>`, `q-wait:<service>` (n calls, amount seconds) and
-- `q-waitm:<service>:<minutes>` (calls per rounded minute, for the 90th percentile).
-- `Store::check_figures` compares them with the rows.
CREATE TABLE day_figures(
    business_day TEXT NOT NULL,
    figure TEXT NOT NULL,
    n INTEGER NOT NULL DEFAULT 0,
    amount INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (business_day, figure)
) WITHOUT ROWID;
CREATE TRIGGER day_figures_sale AFTER INSERT ON sales WHEN NEW.status = 'paid' BEGIN
    INSERT INTO day_figures(business_day, figure, n, amount)
        VALUES (NEW.business_day, 'sales', 1, NEW.total), (NEW.business_day, 'cashier:' || NEW.user_id, 1, NEW.total)
        ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;
CREATE TRIGGER day_figures_line AFTER INSERT ON sale_lines BEGIN
    INSERT INTO day_figures(business_day, figure, n, amount)
        SELECT s.business_day, 'section:' || coalesce((SELECT section FROM products WHERE id = NEW.product_id), 'lain'), 1, NEW.amount
        FROM sales s WHERE s.id = NEW.sale_id AND s.status = 'paid'
        ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;
CREATE TRIGGER day_figures_void AFTER UPDATE OF status ON sales WHEN OLD.status = 'paid' AND NEW.status <> 'paid' BEGIN
    INSERT INTO day_figures(business_day, figure, n, amount)
        VALUES (OLD.business_day, 'sales', -1, -OLD.total), (OLD.business_day, 'cashier:' || OLD.user_id, -1, -OLD.total)
        ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    INSERT INTO day_figures(business_day, figure, n, amount)
        SELECT OLD.business_day, 'section:' || coalesce(p.section, 'lain'), -count(*), -sum(l.amount)
        FROM sale_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.sale_id = OLD.id GROUP BY 2
        ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;
CREATE TRIGGER day_figures_payment AFTER INSERT ON payments BEGIN
    INSERT INTO day_figures(business_day, figure, n, amount)
        SELECT s.business_day, 'method:' || NEW.method, 1, CASE WHEN NEW.kind = 'refund' THEN -NEW.amount ELSE NEW.amount END
        FROM sales s WHERE s.id = NEW.sale_id
        ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;
CREATE TRIGGER day_figures_queue AFTER INSERT ON queue_events WHEN NEW.kind IN ('taken', 'skipped', 'finished', 'transferred') BEGIN
    INSERT INTO day_figures(business_day, figure, n, amount)
        VALUES (NEW.business_day, CASE NEW.kind WHEN 'taken' THEN 'q-taken:' WHEN 'skipped' THEN 'q-skipped:' ELSE 'q-served:' END || NEW.service, 1, 0)
        ON CONFLICT(business_day, figure) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER day_figures_wait AFTER INSERT ON queue_events WHEN NEW.kind = 'called' AND NEW.wait_s IS NOT NULL BEGIN
    INSERT INTO day_figures(business_day, figure, n, amount)
        VALUES (NEW.business_day, 'q-wait:' || NEW.service, 1, NEW.wait_s),
               (NEW.business_day, 'q-waitm:' || NEW.service || ':' || ((NEW.wait_s + 30) / 60), 1, 0)
        ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
END;
INSERT INTO day_figures SELECT business_day, 'sales', count(*), sum(total) FROM sales WHERE status = 'paid' GROUP BY business_day;
INSERT INTO day_figures SELECT business_day, 'cashier:' || user_id, count(*), sum(total) FROM sales WHERE status = 'paid' GROUP BY business_day, user_id;
INSERT INTO day_figures SELECT s.business_day, 'section:' || coalesce(p.section, 'lain'), count(*), sum(l.amount)
    FROM sale_lines l JOIN sales s ON s.id = l.sale_id LEFT JOIN products p ON p.id = l.product_id WHERE s.status = 'paid' GROUP BY 1, 2;
INSERT INTO day_figures SELECT s.business_day, 'method:' || y.method, count(*), sum(CASE WHEN y.kind = 'refund' THEN -y.amount ELSE y.amount END)
    FROM payments y JOIN sales s ON s.id = y.sale_id GROUP BY 1, 2;
INSERT INTO day_figures SELECT business_day, CASE kind WHEN 'taken' THEN 'q-taken:' WHEN 'skipped' THEN 'q-skipped:' ELSE 'q-served:' END || service, count(*), 0
    FROM queue_events WHERE kind IN ('taken', 'skipped', 'finished', 'transferred') GROUP BY 1, 2;
INSERT INTO day_figures SELECT business_day, 'q-wait:' || service, count(*), sum(wait_s)
    FROM queue_events WHERE kind = 'called' AND wait_s IS NOT NULL GROUP BY 1, 2;
INSERT INTO day_figures SELECT business_day, 'q-waitm:' || service || ':' || ((wait_s + 30) / 60), count(*), 0
    FROM queue_events WHERE kind = 'called' AND wait_s IS NOT NULL GROUP BY 1, 2;
