//! Patient search as you type on 1,000,000 patients (target p99 under 10 ms per keystroke), and
//! saving a new patient durably. Run with `cargo bench --bench patients`; the seeded database is
//! kept in target/bench-data.

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

fn patients(c: &mut Criterion) {
    let path = common::patients_1m();
    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    let today = Utc::now().date_naive();
    let nik = store.patient(500_000).unwrap().unwrap().nik.unwrap();
    let phone = store.patient(750_001).unwrap().unwrap().phone.unwrap_or_else(|| "0812".into());
    for (what, text) in [("name", "siti aminah"), ("name+year", "budi santoso 1980"), ("NIK prefix", nik.as_str()), ("phone", phone.as_str())] {
        let mut times = Vec::new();
        for _ in 0..20 {
            for typed in keystrokes(text) {
                let q = parse_query(&typed);
                let t = Instant::now();
                let hits = store.search_patients(&q, today, 50).unwrap();
                times.push(t.elapsed().as_secs_f64() * 1e3);
                std::hint::black_box(hits);
            }
        }
        eprintln!("search {what:<10} per keystroke: median {:.2} ms, p99 {:.2} ms ({} searches)", percentile(times.clone(), 0.5), percentile(times.clone(), 0.99), times.len());
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
