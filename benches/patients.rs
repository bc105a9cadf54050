//! Patient search as you type on 1,000,000 and 3,000,000 patients (the cost must not grow with
//! the village), and saving a new patient durably. Run with `cargo bench --bench patients`; the
//! seeded databases are kept in target/bench-data.

mod common;

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use loket::domain::patient::PatientFields;
use loket::domain::search::parse_query;
use loket::store::{Actor, OpenMode, Store};
use std::time::Instant;

/// Every prefix of what a clerk types, as the screen searches after each key.
fn keystrokes(full: &str) -> Vec<String> {
    (1..=full.chars().count()).map(|n| full.chars().take(n).collect()).collect()
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 * p) as usize).min(v.len() - 1)]
}

/// The search per keystroke at one size of village, printed as median and p99.
fn per_keystroke(store: &Store, size: &str) {
    let today = Utc::now().date_naive();
    let nik = store.patient(500_000).unwrap().unwrap().nik.unwrap();
    let phone = store.patient(750_001).unwrap().unwrap().phone.unwrap_or_else(|| "0812".into());
    for (what, text) in [("name", "siti aminah"), ("name+year", "budi santoso 1980"), ("NIK prefix", nik.as_str()), ("phone", phone.as_str())] {
        let mut times = Vec::new();
        let mut slowest: Vec<(f64, String)> = Vec::new();
        for _ in 0..20 {
            // As the screen searches: from the second character on (one is not searched).
            for typed in keystrokes(text).into_iter().filter(|t| !loket::domain::search::too_short(t)) {
                let q = parse_query(&typed);
                let t = Instant::now();
                let hits = store.search_patients(&q, today, 50).unwrap();
                times.push(t.elapsed().as_secs_f64() * 1e3);
                slowest.push((*times.last().unwrap(), typed.clone()));
                std::hint::black_box(hits);
            }
        }
        if std::env::var_os("LOKET_BENCH_DETAIL").is_some() {
            slowest.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
            eprintln!("  slowest: {:?}", &slowest[..5.min(slowest.len())]);
        }
        eprintln!("{size}: search {what:<10} per keystroke: median {:.2} ms, p99 {:.2} ms ({} searches)", percentile(times.clone(), 0.5), percentile(times.clone(), 0.99), times.len());
    }
}

fn patients(c: &mut Criterion) {
    let path = common::patients_1m();
    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    let today = Utc::now().date_naive();
    per_keystroke(&store, "1M");
    // 3,000,000 patients (a big ward's worth of records over the years): seeded once, about
    // 1.2 GB; skipped with LOKET_BENCH_SKIP_3M=1.
    if std::env::var_os("LOKET_BENCH_SKIP_3M").is_none() {
        let big = Store::open(&common::patients_n(3_000_000, "patients-3m.db"), OpenMode::Existing).unwrap();
        per_keystroke(&big, "3M");
    }
    c.bench_function("search 'siti ami' on 1M patients", |b| {
        let q = parse_query("siti ami");
        b.iter(|| store.search_patients(&q, today, 50).unwrap())
    });
    let actor = Actor::system("bench");
    let mut n = 0u64;
    c.bench_function("register a patient durably (1M patients)", |b| {
        b.iter(|| {
            n += 1;
            let f = PatientFields {
                name: format!("Pasien Uji {n}"),
                sex: "L".into(),
                birth_date: Some("1990-01-01".parse().unwrap()),
                phone: Some(format!("0899{:08}", n + Utc::now().timestamp() as u64 % 1_000_000)),
                ..Default::default()
            };
            store.register_patient(&actor, &f, "UJI-", 9, Utc::now()).unwrap().unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = patients
}
criterion_main!(benches);
