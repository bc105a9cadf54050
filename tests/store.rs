//! Store tests on real SQLite files in temp dirs: WAL, several connections at once (as several
//! counters are), read-only viewers, and noticing other processes' changes.

mod common;
use chrono::Utc;
use loket::domain::user::Role;
use loket::store::{Actor, OpenMode, Store, StoreError, LATEST_VERSION};

fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("site.db");
    let mut s = Store::open(&path, OpenMode::Create).unwrap();
    s.init_admin("admin", "Admin", "1234", Utc::now()).unwrap();
    (dir, path)
}

#[test]
fn a_new_database_is_in_wal_mode_at_the_latest_schema() {
    let (_d, path) = fresh();
    let s = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(s.journal_mode().unwrap(), "wal");
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    assert!(path.with_extension("db-wal").exists() || path.exists());
}

/// New databases have 1 KiB pages (a sale writes a quarter of the bytes); a database made with
/// 4 KiB pages keeps them and works on.
#[test]
fn new_databases_have_small_pages_and_old_ones_keep_theirs() {
    let (d, path) = fresh();
    let size = |p: &std::path::Path| -> i64 { rusqlite::Connection::open(p).unwrap().query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap() };
    assert_eq!(size(&path), loket::store::PAGE_SIZE);
    let old = d.path().join("old.db");
    {
        let c = rusqlite::Connection::open(&old).unwrap();
        c.execute_batch("PRAGMA page_size = 4096; VACUUM;").unwrap();
    }
    let mut s = Store::open(&old, OpenMode::Create).unwrap();
    s.init_admin("admin", "Admin", "1234", Utc::now()).unwrap();
    drop(s);
    assert_eq!(size(&old), 4096);
    let s = Store::open(&old, OpenMode::Existing).unwrap();
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
}

#[test]
fn concurrent_writers_never_break_the_audit_chain() {
    let (_d, path) = fresh();
    let admin = Store::open(&path, OpenMode::Existing).unwrap().user("admin").unwrap().unwrap();
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            let admin = admin.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path, OpenMode::Existing).unwrap();
                for _ in 0..100 {
                    s.record_session_event(&admin, "lock", Utc::now()).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let s = Store::open(&path, OpenMode::Existing).unwrap();
    let report = s.verify_audit().unwrap();
    assert_eq!(report.problem, None);
    assert_eq!(report.entries, 401, "the admin's creation plus 400 locks, none lost");
}

#[test]
fn a_read_only_viewer_reads_but_cannot_write() {
    let (_d, path) = fresh();
    let mut ro = Store::open(&path, OpenMode::ReadOnly).unwrap();
    assert_eq!(ro.user_count().unwrap(), 1);
    let err = ro.create_user(&Actor::system("test"), "x", "", Role::Clerk, "1234", Utc::now()).unwrap_err();
    assert!(matches!(err, StoreError::NotWritable(_)), "{err:?}");
    assert_eq!(ro.user_count().unwrap(), 1);
}

#[test]
fn other_processes_changes_are_noticed_through_data_version() {
    let (_d, path) = fresh();
    let watcher = Store::open(&path, OpenMode::ReadOnly).unwrap();
    let before = watcher.data_version().unwrap();
    assert_eq!(watcher.data_version().unwrap(), before, "no change, no new version");
    let mut writer = Store::open(&path, OpenMode::Existing).unwrap();
    writer.create_user(&Actor::system("test"), "siti", "", Role::Clerk, "1111", Utc::now()).unwrap();
    assert_ne!(watcher.data_version().unwrap(), before);
}

#[test]
fn a_failed_operation_leaves_nothing_half_written() {
    let (_d, path) = fresh();
    let mut s = Store::open(&path, OpenMode::Existing).unwrap();
    let before = s.verify_audit().unwrap().entries;
    let err = s.create_user(&Actor::system("test"), "ADMIN", "", Role::Clerk, "1111", Utc::now()).unwrap_err();
    assert!(matches!(err, StoreError::UserExists(_)));
    assert_eq!(s.user_count().unwrap(), 1);
    assert_eq!(s.verify_audit().unwrap().entries, before, "no audit entry for what did not happen");
}

#[test]
fn seeding_a_large_demo_is_one_transaction_and_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let mut s = Store::open(&path, OpenMode::Create).unwrap();
    loket::demo::seed(&mut s, 20_000, Utc::now()).unwrap();
    assert_eq!(s.patient_count().unwrap(), 20_000);
    drop(s);
    let out = std::process::Command::new("sqlite3").arg(&path).arg("PRAGMA integrity_check;").output();
    if let Ok(out) = out {
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "ok");
    }
}

/// A process that is the database's only user leaves an empty WAL when it ends, so the next
/// command does not read a long log at open; read-only viewers still open the file (the WAL file
/// itself stays, empty).
#[test]
fn the_wal_is_emptied_when_the_only_user_ends() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let wal = dir.path().join("w.db-wal");
    {
        let mut store = Store::open(&path, OpenMode::Create).unwrap();
        let actor = loket::store::Actor::system("t");
        let now = chrono::Utc::now();
        for _ in 0..200 {
            store.take_ticket(&actor, "A", None, &Default::default(), now.date_naive(), now).unwrap();
        }
        assert!(std::fs::metadata(&wal).unwrap().len() > 100_000, "the log grew while working");
    }
    assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0, "emptied at the end");
    let viewer = Store::open(&path, OpenMode::ReadOnly).unwrap();
    assert_eq!(viewer.schema_version().unwrap(), loket::store::LATEST_VERSION);
    // With a viewer reading, a writer's end leaves the log to the next checkpoint; nothing breaks.
    {
        let mut store = Store::open(&path, OpenMode::Existing).unwrap();
        let now = chrono::Utc::now();
        store.take_ticket(&loket::store::Actor::system("t"), "A", None, &Default::default(), now.date_naive(), now).unwrap();
    }
    assert!(viewer.data_version().is_ok());
}
