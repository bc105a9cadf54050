//! Finding products as they are typed at the till, the receiving desk or the count: an exact
//! barcode or PLU first, then the name index (`product_names`, FTS5), which holds each
//! product's name and a drug's generic name under one spelling key (`domain::names`), so
//! `paracetamol` finds Parasetamol and `klorfeniramin` finds CTM 4 mg. Every writer of a
//! product's name or drug facts re-indexes it here, in its own transaction.

use super::products::{product_row, Product, PRODUCT_COLUMNS};
use super::{Result, Store};
use crate::domain::names::{product_key, product_query};
use rusqlite::{params, Connection, OptionalExtension};

/// Put a product's name (and generic name) into the index, replacing what it held.
pub(crate) fn index_product_in(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    let names: Option<(String, Option<String>)> = conn
        .prepare_cached("SELECT p.name, d.generic_name FROM products p LEFT JOIN drugs d ON d.product_id = p.id WHERE p.id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    conn.prepare_cached("DELETE FROM product_names WHERE rowid = ?1")?.execute([id])?;
    if let Some((name, generic)) = names {
        let key = product_key(&[&name, generic.as_deref().unwrap_or("")]);
        conn.prepare_cached("INSERT INTO product_names(rowid, key) VALUES (?1, ?2)")?.execute(params![id, key])?;
    }
    Ok(())
}

/// Index every product again (after the spelling rules changed).
pub(crate) fn reindex_all_in(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("INSERT INTO product_names(product_names) VALUES('delete-all')", [])?;
    let ids: Vec<i64> = conn.prepare("SELECT id FROM products")?.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    for id in ids {
        index_product_in(conn, id)?;
    }
    Ok(())
}

/// The FTS5 expression for what was typed: finished words whole, the one being typed as a prefix.
fn match_expr(text: &str) -> Option<String> {
    let words = product_query(text);
    (!words.is_empty()).then(|| {
        words.iter().map(|w| if w.prefix { format!("\"{}\"*", w.key) } else { format!("\"{}\"", w.key) }).collect::<Vec<_>>().join(" AND ")
    })
}

impl Store {
    /// Products for what was typed, best first: an exact barcode, then an exact PLU, then the
    /// active products whose name or generic name holds every word in any spelling; when the
    /// index finds nothing, the names that contain the typed text as it is.
    pub fn search_products(&self, text: &str, limit: usize) -> Result<Vec<Product>> {
        let conn = self.conn();
        let mut out: Vec<Product> = Vec::new();
        let code = text.trim();
        if !code.is_empty() && !code.contains(char::is_whitespace) {
            for p in [self.product_by_barcode(code)?, self.product_by_plu(code)?].into_iter().flatten() {
                if !out.iter().any(|o| o.id == p.id) {
                    out.push(p);
                }
            }
        }
        if let Some(expr) = match_expr(text) {
            let sql = format!(
                "SELECT {PRODUCT_COLUMNS} FROM product_names f JOIN products p ON p.id = f.rowid LEFT JOIN drugs d ON d.product_id = p.id
                 WHERE product_names MATCH ?1 AND p.active = 1 ORDER BY p.name LIMIT ?2"
            );
            for p in conn.prepare_cached(&sql)?.query_map(params![expr, limit as i64], product_row)? {
                let p = p?;
                if !out.iter().any(|o| o.id == p.id) {
                    out.push(p);
                }
            }
        }
        if out.is_empty() {
            out = self.products_containing(text, limit)?;
        }
        out.truncate(limit);
        Ok(out)
    }

    /// Active products whose name contains every word as typed (the fallback for part of a word).
    fn products_containing(&self, text: &str, limit: usize) -> Result<Vec<Product>> {
        let words: Vec<String> = text.split_whitespace().take(4).map(|w| format!("%{}%", w.replace(['%', '_'], ""))).collect();
        if words.is_empty() {
            return Ok(vec![]);
        }
        let mut cond: Vec<String> = (1..=words.len()).map(|i| format!("p.name LIKE ?{i}")).collect();
        cond.push("p.active = 1".into());
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} FROM products p LEFT JOIN drugs d ON d.product_id = p.id WHERE {} ORDER BY p.name LIMIT {limit}",
            cond.join(" AND ")
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(words.iter()), product_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::match_expr;

    #[test]
    fn typed_text_becomes_an_index_query() {
        assert_eq!(match_expr("amoxicillin 5").unwrap(), "\"amoksisilin\" AND \"5\"*");
        assert_eq!(match_expr("parac").unwrap(), "\"para\"*");
        assert_eq!(match_expr("  "), None);
    }
}
