//! Numbered schema migrations, tracked in `PRAGMA user_version` and applied at open, each in its
//! own transaction. Append new ones; never edit one that has shipped.

use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    // 1: the foundation: settings kept in the database, users, the audit log, patients.
    r#"
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE users(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        full_name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('clerk','cashier','pharmacy','supervisor','admin')),
        pin_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
        created_at TEXT NOT NULL
    );
    CREATE TABLE audit(
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id INTEGER,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        tbl TEXT NOT NULL,
        row_id INTEGER,
        summary TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TABLE patients(
        id INTEGER PRIMARY KEY,
        nik TEXT UNIQUE CHECK (nik IS NULL OR length(nik) = 16),
        bpjs TEXT UNIQUE CHECK (bpjs IS NULL OR length(bpjs) = 13),
        rm_number TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        sex TEXT NOT NULL CHECK (sex IN ('L','P')),
        birth_date TEXT NOT NULL,
        village TEXT NOT NULL DEFAULT '',
        rt_rw TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        phone TEXT,
        kk TEXT,
        member_no TEXT UNIQUE,
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id)
    );
    CREATE INDEX patients_phone ON patients(phone);
    "#,
    // 2: catalog and stock by batch; every stock change is a movement row.
    r#"
    CREATE TABLE products(
        id INTEGER PRIMARY KEY,
        barcode TEXT UNIQUE,
        name TEXT NOT NULL,
        section TEXT NOT NULL CHECK (section IN ('sembako','obat','lain')),
        unit TEXT NOT NULL,
        sold_by TEXT NOT NULL CHECK (sold_by IN ('piece','weight','volume')),
        price INTEGER NOT NULL CHECK (price >= 0),
        member_price INTEGER CHECK (member_price IS NULL OR member_price >= 0),
        tax_category TEXT NOT NULL DEFAULT 'standard',
        price_cap INTEGER,
        allow_negative INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    CREATE TABLE drugs(
        product_id INTEGER PRIMARY KEY REFERENCES products(id),
        generic_name TEXT NOT NULL,
        strength TEXT NOT NULL DEFAULT '',
        form TEXT NOT NULL DEFAULT '',
        class TEXT NOT NULL CHECK (class IN ('bebas','bebas_terbatas','keras','oot','psikotropika','narkotika')),
        warning TEXT CHECK (warning IS NULL OR warning IN ('P1','P2','P3','P4','P5','P6')),
        label TEXT NOT NULL DEFAULT 'oral' CHECK (label IN ('oral','external')),
        kfa_code TEXT
    );
    CREATE TABLE batches(
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id),
        batch_no TEXT NOT NULL,
        expiry TEXT,
        UNIQUE (product_id, batch_no)
    );
    CREATE TABLE stock_movements(
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id),
        batch_id INTEGER REFERENCES batches(id),
        kind TEXT NOT NULL CHECK (kind IN ('receipt','sale','return','adjustment','writeoff')),
        qty_milli INTEGER NOT NULL,
        unit_cost INTEGER,
        reason TEXT,
        reference TEXT,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    );
    CREATE INDEX stock_movements_product ON stock_movements(product_id, batch_id);
    "#,
    // 3: the print spool: each job's bytes, stored with what it prints, then sent.
    r#"
    CREATE TABLE print_jobs(
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        bytes BLOB NOT NULL,
        preview TEXT NOT NULL,
        document TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_attempt_at TEXT,
        next_try_at TEXT,
        sent_at TEXT,
        reprint_of INTEGER REFERENCES print_jobs(id),
        ref_table TEXT,
        ref_id INTEGER,
        lease_owner TEXT,
        lease_until TEXT
    );
    CREATE INDEX print_jobs_waiting ON print_jobs(status, id) WHERE status IN ('pending','failed');
    CREATE INDEX print_jobs_ref ON print_jobs(ref_table, ref_id);
    "#,
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
            tx.execute_batch(MIGRATIONS[version as usize])?;
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.pragma_update(None, "application_id", super::APPLICATION_ID)?;
        }
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{OpenMode, Store};

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
                }
            }
            let store = Store::open(&path, OpenMode::Existing).unwrap();
            assert_eq!(store.schema_version().unwrap(), LATEST_VERSION, "from {start}");
            if start >= 1 {
                let n: i64 = store.conn().query_row("SELECT count(*) FROM users WHERE name = 'lama'", [], |r| r.get(0)).unwrap();
                assert_eq!(n, 1, "data kept when migrating from {start}");
            }
            let fk: i64 = store.conn().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
            assert_eq!(fk, 0);
        }
    }
}
