-- 30: the last cost of a product (shown on every scan, the margin check) read from its receipts
-- alone: through stock_movements_product it visited every movement of the product, so a scan
-- of rice grew slower with each bag sold. Receipts are few; an ordinary sale writes nothing here.
CREATE INDEX stock_movements_receipt_cost ON stock_movements(product_id, id) WHERE kind = 'receipt' AND unit_cost IS NOT NULL;
