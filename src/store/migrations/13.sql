-- 13: fewer index pages written per sale. The covering indexes of 9 served the figures now
-- kept per day (12); a member's and a return's lookups use partial indexes that ordinary
-- sales do not touch; the stock card reads movements in id order (time order) through the
-- (product, batch) index FEFO uses anyway.
DROP INDEX sales_figures;
DROP INDEX sale_lines_figures;
DROP INDEX payments_figures;
DROP INDEX queue_events_figures;
DROP INDEX stock_movements_at;
DROP INDEX sales_member;
CREATE INDEX sales_member ON sales(member_id) WHERE member_id IS NOT NULL;
DROP INDEX stock_movements_sale;
CREATE INDEX stock_movements_line ON stock_movements(sale_line_id) WHERE sale_line_id IS NOT NULL;
