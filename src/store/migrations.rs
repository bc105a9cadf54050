//! Numbered schema migrations, tracked in `PRAGMA user_version` and applied at open, each in its
//! own transaction. Append new ones; never edit one that has shipped.

use rusqlite::Connection;

/// Migration N is `migrations/NN.sql` (its comment says what it does and why).
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/01.sql"),
    include_str!("migrations/02.sql"),
    include_str!("migrations/03.sql"),
    include_str!("migrations/04.sql"),
    include_str!("migrations/05.sql"),
    include_str!("migrations/06.sql"),
    include_str!("migrations/07.sql"),
    include_str!("migrations/08.sql"),
    include_str!("migrations/09.sql"),
    include_str!("migrations/10.sql"),
    include_str!("migrations/11.sql"),
    include_str!("migrations/12.sql"),
    include_str!("migrations/13.sql"),
    include_str!("migrations/14.sql"),
    include_str!("migrations/15.sql"),
    include_str!("migrations/16.sql"),
    include_str!("migrations/17.sql"),
    include_str!("migrations/18.sql"),
    include_str!("migrations/19.sql"),
    include_str!("migrations/20.sql"),
    include_str!("migrations/21.sql"),
    include_str!("migrations/22.sql"),
    include_str!("migrations/23.sql"),
    include_str!("migrations/24.sql"),
    include_str!("migrations/25.sql"),
    include_str!("migrations/26.sql"),
    include_str!("migrations/27.sql"),
    include_str!("migrations/28.sql"),
    include_str!("migrations/29.sql"),
    include_str!("migrations/30.sql"),
    include_str!("migrations/31.sql"),
    include_str!("migrations/32.sql"),
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the schema up to date, one numbered migration per transaction.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    migrate_to(conn, LATEST_VERSION)
}

pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> rusqlite::Result<()> {
    loop {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version >= target {
            return Ok(());
        }
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current == version {
            let sql = MIGRATIONS[version as usize];
            let schema_version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
            tx.execute_batch(sql)?;
            if sql.contains("PRAGMA writable_schema = ON") {
                // The schema's text was edited in place: every connection must read it again.
                tx.pragma_update(None, "schema_version", schema_version + 1)?;
                check_schema_edit(&tx, version + 1)?;
            }
            // The index's first making (migration 5) fills it from the names; its remaking (32)
            // with today's index text (birth years, names joined to them).
            if version + 1 == 5 && MIGRATIONS[version as usize].contains("patient_names USING fts5") {
                backfill_name_keys(&tx)?;
            }
            if MIGRATIONS[version as usize].contains("product_names USING fts5") || version + 1 == 32 {
                reindex_search(&tx)?;
            }
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.pragma_update(None, "application_id", super::APPLICATION_ID)?;
        }
        tx.commit()?;
    }
}

/// What an in-place schema edit must have left (a failed replace would leave the old text and
/// the migration would claim a change it did not make).
fn check_schema_edit(tx: &rusqlite::Transaction, migration: i64) -> rusqlite::Result<()> {
    let edits: &[(&str, &str)] = match migration {
        24 => &[("stock_movements", "'supplier-return'")],
        27 => &[("users", "'examiner'"), ("outbox", "'consultation'")],
        _ => return Ok(()),
    };
    for (table, needle) in edits {
        let sql: String = tx.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))?;
        if !sql.contains(needle) {
            return Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT), Some(format!("migration {migration}: {table} was not changed"))));
        }
    }
    Ok(())
}

/// Patients registered before the search index existed get their name key, computed in Rust.
fn backfill_name_keys(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT id, name FROM patients")?;
    let mut update = tx.prepare("UPDATE patients SET name_key = ?2 WHERE id = ?1")?;
    let mut index = tx.prepare("INSERT INTO patient_names(rowid, name_key) VALUES (?1, ?2)")?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let (id, name): (i64, String) = (r.get(0)?, r.get(1)?);
        let key = crate::domain::names::normalize_name(&name);
        update.execute(rusqlite::params![id, key])?;
        index.execute(rusqlite::params![id, key])?;
    }
    Ok(())
}

/// Every name key made again with the spelling rules of today: people (their key and their
/// row in the name index, birth year included) and products.
fn reindex_search(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT id, name, birth_date, merged_into FROM patients")?;
    let mut update = tx.prepare("UPDATE patients SET name_key = ?2 WHERE id = ?1")?;
    let mut index = tx.prepare("INSERT INTO patient_names(rowid, name_key) VALUES (?1, ?2)")?;
    tx.execute("INSERT INTO patient_names(patient_names) VALUES('delete-all')", [])?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let (id, name, birth, merged): (i64, String, Option<String>, Option<i64>) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let key = crate::domain::names::normalize_name(&name);
        update.execute(rusqlite::params![id, key])?;
        if merged.is_none() {
            index.execute(rusqlite::params![id, super::patients::index_text(&key, birth.as_deref())])?;
        }
    }
    super::product_search::reindex_all_in(tx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{OpenMode, Store};

    /// Migration 24 widens a CHECK in place: the new kind is taken, an unknown one still refused,
    /// and rows written before keep their kind.
    #[test]
    fn supplier_returns_get_a_movement_kind_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut conn = Connection::open(&path).unwrap();
        migrate_to(&mut conn, 23).unwrap();
        conn.execute("INSERT INTO products(name, section, unit, sold_by, price, created_at) VALUES ('Parasetamol', 'obat', 'strip', 'piece', 5000, '2026-01-01T00:00:00.000Z')", []).unwrap();
        let insert = |conn: &Connection, kind: &str| {
            conn.execute("INSERT INTO stock_movements(product_id, kind, qty_milli, at) VALUES (1, ?1, -1000, '2026-01-01T00:00:00.000Z')", [kind])
        };
        assert!(insert(&conn, "supplier-return").is_err(), "not a kind before 24");
        insert(&conn, "writeoff").unwrap();
        migrate_to(&mut conn, 24).unwrap();
        insert(&conn, "supplier-return").unwrap();
        assert!(insert(&conn, "gift").is_err(), "the CHECK still holds");
        let kinds: Vec<String> = conn.prepare("SELECT kind FROM stock_movements ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().map(|k| k.unwrap()).collect();
        assert_eq!(kinds, ["writeoff", "supplier-return"]);
        // Another connection (a counter opened before) reads the new schema too.
        let other = Connection::open(&path).unwrap();
        insert(&other, "supplier-return").unwrap();
        let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
    }

    #[test]
    fn migrates_from_every_earlier_version() {
        for start in 0..LATEST_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.db");
            {
                let mut conn = Connection::open(&path).unwrap();
                migrate_to(&mut conn, start).unwrap();
                if start >= 1 {
                    conn.execute(
                        "INSERT INTO users(name, role, pin_hash, created_at) VALUES ('lama', 'admin', 'x', '2026-01-01T00:00:00.000Z')",
                        [],
                    )
                    .unwrap();
                    conn.execute(
                        "INSERT INTO patients(rm_number, name, sex, birth_date, created_at) VALUES ('RM-1', 'Hj. Sitti Aminah', 'P', '1970-01-01', '2026-01-01T00:00:00.000Z')",
                        [],
                    )
                    .ok();
                }
                if start >= 2 {
                    conn.execute(
                        "INSERT INTO products(name, section, unit, sold_by, price, created_at) VALUES ('Parasetamol 500 mg', 'obat', 'strip', 'piece', 5000, '2026-01-01T00:00:00.000Z')",
                        [],
                    )
                    .unwrap();
                }
            }
            // Version 0 is an empty file: only `init` (Create) may take it; a counter refuses it.
            let mode = if start == 0 { OpenMode::Create } else { OpenMode::Existing };
            let store = Store::open(&path, mode).unwrap();
            let product_index = MIGRATIONS.iter().position(|m| m.contains("product_names USING fts5")).unwrap() as i64;
            if start >= 2 && start <= product_index {
                let found = store.search_products("paracetamol", 5).unwrap();
                assert_eq!(found.len(), 1, "products made before the name index are found after migrating from {start}");
            }
            assert_eq!(store.schema_version().unwrap(), LATEST_VERSION, "from {start}");
            if start >= 1 {
                let n: i64 = store.conn().query_row("SELECT count(*) FROM users WHERE name = 'lama'", [], |r| r.get(0)).unwrap();
                assert_eq!(n, 1, "data kept when migrating from {start}");
                // Patients inserted before the search index existed are indexed by the migration.
                let index_migration = MIGRATIONS.iter().position(|m| m.contains("patient_names USING fts5")).unwrap() as i64;
                if start <= index_migration {
                    let found: i64 = store
                        .conn()
                        .query_row("SELECT count(*) FROM patient_names WHERE patient_names MATCH 'sit* ami*'", [], |r| r.get(0))
                        .unwrap();
                    assert_eq!(found, 1, "older patients are searchable after migrating from {start}");
                }
            }
            let fk: i64 = store.conn().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
            assert_eq!(fk, 0);
        }
    }
}
