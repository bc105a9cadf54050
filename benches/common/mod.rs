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
