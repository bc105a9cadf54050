//! A damaged database is found before anything is written to it: a 0-byte file is refused with
//! `loket init` as the hint; overwritten pages are caught at open (or, in a running counter, by
//! the background check, after which every write is refused) with the restore as the hint.

mod common;
use common::run_loket;
use loket::store::{OpenMode, Store, StoreError};
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

fn seeded(dir: &Path) -> String {
    let db = dir.join("site.db").display().to_string();
    let (code, _, err) = run_loket(dir, &["demo", "--seed-only", "--patients", "200", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    db
}

/// The database's page size, from its header.
fn page_size(db: &str) -> u64 {
    rusqlite::Connection::open(db).unwrap().query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap()
}

/// Overwrite whole pages of the database file, as a failing disk would, after folding the
/// write-ahead log into it (else the log's newer copies of those pages hide the damage).
fn overwrite_pages(db: &str, pages: &[u64]) {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).unwrap();
    drop(c);
    let size = page_size(db);
    let mut f = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    for p in pages {
        f.seek(SeekFrom::Start((p - 1) * size)).unwrap();
        f.write_all(&vec![0xAA; size as usize]).unwrap();
    }
    f.sync_all().unwrap();
}

#[test]
fn a_zero_byte_file_is_refused_and_stays_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    std::fs::write(&db, b"").unwrap();
    for args in [vec!["--db", db.to_str().unwrap()], vec!["ticket", "A", "--db", db.to_str().unwrap()], vec!["user", "list", "--db", db.to_str().unwrap()]] {
        let (code, _, err) = run_loket(dir.path(), &args, &[]);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("kosong") && err.contains("loket init"), "{args:?}: {err}");
    }
    assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "nothing was written into it");
}

#[test]
fn three_overwritten_pages_are_found_before_any_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let pages = std::fs::metadata(&db).unwrap().len() / page_size(&db);
    assert!(pages > 60, "{pages} pages");
    overwrite_pages(&db, &[pages / 4, pages / 2, pages * 3 / 4]);
    let before = std::fs::read(&db).unwrap();
    let (code, _, err) = run_loket(dir.path(), &["ticket", "A", "--db", &db], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("rusak") && err.contains("loket restore"), "{err}");
    let (code, _, err) = run_loket(dir.path(), &["--db", &db], &[]);
    assert_eq!(code, 1, "the counter does not start: {err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing was written");
}

#[test]
fn damage_found_by_the_background_check_stops_every_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let mut store = Store::open(Path::new(&db), OpenMode::Existing).unwrap();
    store.checkpoint().unwrap();
    let pages = std::fs::metadata(&db).unwrap().len() / page_size(&db);
    overwrite_pages(&db, &[pages / 3, pages * 2 / 3]);
    store.start_background_check().join().unwrap();
    let now = chrono::Utc::now();
    match store.take_ticket(&loket::store::Actor::system("t"), "A", None, &Default::default(), now.date_naive(), now) {
        Err(StoreError::Corrupt(p)) => assert_eq!(p, Path::new(&db)),
        other => panic!("a write after the check failed: {other:?}"),
    }
}
