//! Tampering with a copy of the database, as an attacker with the file but not the site secret
//! would, is found by `loket audit verify` (the real binary), which names what was touched.

mod common;
use blake2::{Blake2s256, Digest};
use common::run_loket;
use rusqlite::{params, Connection};
use std::path::Path;

fn seeded(dir: &Path) -> String {
    let db = dir.join("site.db").display().to_string();
    let (code, _, err) = run_loket(dir, &["demo", "--seed-only", "--patients", "5", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    // A few live operations on top of the demo history: a delivery, sales, a write-off.
    let (code, _, err) = run_loket(dir, &["sales", "simulate", "--count", "5", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    db
}

fn verify(dir: &Path, db: &str, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["audit", "verify", "--db", db];
    args.extend(extra);
    let (code, out, err) = run_loket(dir, &args, &[]);
    (code, format!("{out}{err}"))
}

/// Open the file as an attacker: triggers that guard append-only tables dropped.
fn attacker(db: &str) -> Connection {
    let c = Connection::open(db).unwrap();
    c.execute_batch(
        "DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;
         DROP TRIGGER IF EXISTS stock_movements_no_update; DROP TRIGGER IF EXISTS stock_movements_no_delete;",
    )
    .unwrap();
    c
}

/// The unkeyed chain hash (what the log used before it was keyed): an attacker can compute it.
fn plain_hash(prev: &str, r: &[String]) -> String {
    let mut h = Blake2s256::new();
    for f in std::iter::once(prev.to_string()).chain(r.iter().cloned()) {
        h.update((f.len() as u64).to_le_bytes());
        h.update(f.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Recompute the chain from entry `from` on and the head, as the old check allowed.
fn rechain(c: &Connection, from: i64) {
    let mut prev: String = c.query_row("SELECT coalesce((SELECT hash FROM audit WHERE id = ?1 - 1), ?2)", params![from, "0".repeat(64)], |r| r.get(0)).unwrap();
    let rows: Vec<(i64, Vec<String>)> = {
        let mut st = c.prepare("SELECT id, at, coalesce(actor_id, ''), actor, action, tbl, coalesce(row_id, ''), summary FROM audit WHERE id >= ?1 ORDER BY id").unwrap();
        st.query_map([from], |r| {
            let id: i64 = r.get(0)?;
            Ok((id, vec![id.to_string(), r.get(1)?, r.get::<_, rusqlite::types::Value>(2).map(val)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get::<_, rusqlite::types::Value>(6).map(val)?, r.get(7)?]))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
    };
    let mut last = (0, String::new());
    for (id, fields) in rows {
        let hash = plain_hash(&prev, &fields);
        c.execute("UPDATE audit SET prev_hash = ?2, hash = ?3 WHERE id = ?1", params![id, prev, hash]).unwrap();
        prev = hash.clone();
        last = (id, hash);
    }
    c.execute("UPDATE meta SET value = ?1 WHERE key = 'audit_head'", [format!("{}:{}", last.0, last.1)]).unwrap();
}

fn val(v: rusqlite::types::Value) -> String {
    match v {
        rusqlite::types::Value::Integer(i) => i.to_string(),
        rusqlite::types::Value::Text(t) => t,
        _ => String::new(),
    }
}

#[test]
fn an_untouched_log_verifies_and_prints_its_anchor() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let (code, out) = verify(dir.path(), &db, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("rantai hash cocok"), "{out}");
    let anchor = out.lines().find_map(|l| l.strip_prefix("Audit: #")).expect("the anchor is printed").replace(' ', ":");
    let (code, out) = verify(dir.path(), &db, &["--anchor", &anchor]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = verify(dir.path(), &db, &["--anchor", "1:ffff"]);
    assert_eq!(code, 1, "a wrong anchor: {out}");
    assert!(out.contains("tidak cocok dengan yang tercetak"), "{out}");
}

#[test]
fn an_edited_entry_with_its_chain_and_head_recomputed_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let c = attacker(&db);
    let id: i64 = c.query_row("SELECT max(id) - 3 FROM audit", [], |r| r.get(0)).unwrap();
    c.execute("UPDATE audit SET summary = 'nothing happened' WHERE id = ?1", [id]).unwrap();
    rechain(&c, id);
    drop(c);
    let (code, out) = verify(dir.path(), &db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("entri {id} telah diubah")), "{out}");
}

#[test]
fn the_last_entry_deleted_and_the_head_moved_back_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let (code, out) = verify(dir.path(), &db, &[]);
    assert_eq!(code, 0, "{out}");
    let printed = out.lines().find_map(|l| l.strip_prefix("Audit: #")).unwrap().replace(' ', ":");
    let c = attacker(&db);
    c.execute("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)", []).unwrap();
    let (id, hash): (i64, String) = c.query_row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    c.execute("UPDATE meta SET value = ?1 WHERE key = 'audit_head'", [format!("{id}:{hash}")]).unwrap();
    drop(c);
    let (code, out) = verify(dir.path(), &db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("penanda entri terakhir dipindah") || out.contains("tidak ada entri audit"), "{out}");
    let (code, out) = verify(dir.path(), &db, &["--anchor", &printed]);
    assert_eq!(code, 1, "{out}");
}

#[test]
fn a_sale_lowered_by_rp1000_with_its_lines_and_payment_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let c = attacker(&db);
    let sale: i64 = c.query_row("SELECT max(id) FROM sales", [], |r| r.get(0)).unwrap();
    c.execute_batch(&format!(
        "UPDATE sales SET total = total - 1000 WHERE id = {sale};
         UPDATE sale_lines SET amount = amount - 1000, unit_price = unit_price - 1000 WHERE id = (SELECT min(id) FROM sale_lines WHERE sale_id = {sale});
         UPDATE payments SET amount = amount - 1000 WHERE sale_id = {sale};"
    ))
    .unwrap();
    drop(c);
    let (code, _, _) = run_loket(dir.path(), &["sales", "check", "--db", &db], &[]);
    assert_eq!(code, 0, "the sale is still whole: only the audit can tell");
    let (code, out) = verify(dir.path(), &db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("sales #{sale}: isinya berubah")), "{out}");
}

#[test]
fn a_whole_sale_deleted_with_its_rows_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let c = attacker(&db);
    let sale: i64 = c.query_row("SELECT min(id) FROM sales", [], |r| r.get(0)).unwrap();
    c.execute_batch(&format!(
        "PRAGMA foreign_keys = OFF;
         DELETE FROM stock_movements WHERE sale_id = {sale}; DELETE FROM payments WHERE sale_id = {sale};
         DELETE FROM sale_lines WHERE sale_id = {sale}; DELETE FROM sale_returns WHERE sale_id = {sale};
         DELETE FROM print_jobs WHERE sale_id = {sale}; DELETE FROM sales WHERE id = {sale};"
    ))
    .or_else(|_| c.execute_batch(&format!(
        "PRAGMA foreign_keys = OFF;
         DELETE FROM stock_movements WHERE sale_id = {sale}; DELETE FROM payments WHERE sale_id = {sale};
         DELETE FROM sale_lines WHERE sale_id = {sale}; DELETE FROM sales WHERE id = {sale};"
    )))
    .unwrap();
    drop(c);
    let (code, out) = verify(dir.path(), &db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("sales #{sale}: sudah tidak ada")), "{out}");
}

#[test]
fn a_clerk_made_admin_and_a_movement_slipped_in_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let c = attacker(&db);
    let siti: i64 = c.query_row("SELECT id FROM users WHERE name = 'siti'", [], |r| r.get(0)).unwrap();
    c.execute("UPDATE users SET role = 'admin' WHERE id = ?1", [siti]).unwrap();
    c.execute("INSERT INTO stock_movements(product_id, kind, qty_milli, at) VALUES ((SELECT min(id) FROM products), 'adjustment', 50000, '2026-11-23T02:00:00.000Z')", []).unwrap();
    let movement = c.last_insert_rowid();
    drop(c);
    let (code, out) = verify(dir.path(), &db, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("users #{siti}: isinya berubah")), "{out}");
    assert!(out.contains(&format!("stock_movements #{movement}: tidak ada entri audit")), "{out}");
}

#[test]
fn the_daily_figures_print_an_anchor_that_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let (code, out, err) = run_loket(dir.path(), &["report", "day", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    let anchor = out.lines().find_map(|l| l.strip_prefix("Audit: #")).expect("the figures carry the head").replace(' ', ":");
    // More work after the figures were printed does not disturb the printed anchor.
    let (code, _, err) = run_loket(dir.path(), &["sales", "simulate", "--count", "3", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    let (code, out) = verify(dir.path(), &db, &["--anchor", &anchor]);
    assert_eq!(code, 0, "{out}");
}
