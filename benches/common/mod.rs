//! Seeded databases shared by the benchmarks, kept in target/bench-data so later runs reuse them.
#![allow(dead_code)]

use chrono::Utc;
use loket::store::{OpenMode, Store};
use std::path::PathBuf;

pub fn bench_data() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The demo database with 1,000,000 patients (seeded once, about 22 s in a release build).
pub fn patients_1m() -> PathBuf {
    patients_n(1_000_000, "patients-1m.db")
}

/// A database of `n` seeded patients in target/bench-data, made once and kept.
pub fn patients_n(n: u64, file: &str) -> PathBuf {
    let path = bench_data().join(file);
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    if store.patient_count().unwrap() < n as i64 {
        drop(store);
        for ext in ["db", "db-wal", "db-shm"] {
            let _ = std::fs::remove_file(path.with_extension(ext));
        }
        store = Store::open(&path, OpenMode::Create).unwrap();
        loket::demo::seed(&mut store, n, Utc::now()).unwrap();
    }
    path
}

fn median_p99(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[v.len() / 2], v[(v.len() * 99 / 100).min(v.len() - 1)])
}

/// The raw limit a durable operation is measured against, in the same run, on the same disk and
/// with the same bundled SQLite and settings: one row inserted and committed (WAL,
/// synchronous=FULL), 1,000 times. Median and p99 in ms.
pub fn raw_commit() -> (f64, f64) {
    let path = bench_data().join("raw-commit.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t(id INTEGER PRIMARY KEY, at TEXT, amount INTEGER);").unwrap();
    let mut times = Vec::new();
    for i in 0..1_000i64 {
        let t = std::time::Instant::now();
        raw.execute_batch("BEGIN IMMEDIATE").unwrap();
        raw.prepare_cached("INSERT INTO t(at, amount) VALUES (?1, ?2)").unwrap().execute(rusqlite::params![Utc::now().to_rfc3339(), i]).unwrap();
        raw.execute_batch("COMMIT").unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    median_p99(times)
}
