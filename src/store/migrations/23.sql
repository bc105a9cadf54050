-- 23: indexes for what is read by record or by shift. The audit digest of a delivery reads its
-- movements and of a sale its returns (partial indexes, not written by an ordinary sale; a sale's
-- own movements are found through its lines, stock_movements_line). A shift's figures (the
-- shift screen, X and Z reports, the supervisor's QRIS check per shift) read its sales and
-- payments: without these every one of them read all sales and payments ever made (a year of
-- figures took 2.7 s). Each sale writes one entry more in each, at the right edge of the index.
-- The discounts given (per cashier, per shift) are read from the discounted lines alone.
CREATE INDEX stock_movements_receiving ON stock_movements(receiving_id) WHERE receiving_id IS NOT NULL;
CREATE INDEX sale_returns_sale ON sale_returns(sale_id);
CREATE INDEX sales_shift ON sales(shift_id);
CREATE INDEX payments_shift ON payments(shift_id);
CREATE INDEX sale_lines_discounted ON sale_lines(sale_id) WHERE discount > 0;
