-- 24: goods sent back to a supplier get a stock movement kind of their own, 'supplier-return'
-- (they were 'writeoff' with a supplier_return_id: a return to the supplier is not a loss, the
-- supplier credits it). Widening a CHECK changes no stored row, so the table's SQL is edited in
-- place, SQLite's documented procedure for changes that leave the stored content as it is
-- (https://sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes", the
-- writable_schema steps); the migration code bumps schema_version and checks the edit took.
-- Movements already written keep their kind (their audit digests cover it); readers take a
-- 'writeoff' with a supplier_return_id as a supplier return.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''adjustment'',''writeoff'')', '''adjustment'',''writeoff'',''supplier-return'')')
 WHERE type = 'table' AND name = 'stock_movements';
PRAGMA writable_schema = OFF;
