-- 18: one spelling key for products and people (`domain::names`: c/k/s, ph/f, x/ks, y/i,
-- j written for y, a final e): the product name index (name and generic name), filled by
-- `reindex_search` in Rust, which also makes every person's name key again with the rules.
CREATE VIRTUAL TABLE product_names USING fts5(key, content='', contentless_delete=1, prefix='1 2 3');
