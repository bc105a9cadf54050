//! The examination room as the user waits for it: finishing a consultation with a two-drug
//! prescription durably (the visit, prescription, ticket, outbox entry, slip and audit in one
//! transaction), the ICD-10 search per key as the code or name is typed, and the pharmacy's
//! waiting list with 200 prescriptions waiting. The raw SQLite figure beside it: one row
//! inserted and committed with the same PRAGMAs. Run with `cargo bench --bench clinic`.

use chrono::{Duration, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use loket::domain::consult::{Entered, NewConsultation, Outcome, RxLine};
use loket::domain::rx::{Order, Route};
use loket::store::{OpenMode, Store};
use std::time::Instant;

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 * p) as usize).min(v.len() - 1)]
}

fn clinic(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("clinic.db"), OpenMode::Create).unwrap();
    let now = Utc::now();
    loket::demo::seed(&mut store, 2_000, now).unwrap();
    let mut config = loket::config::Config::default();
    config.printer.transport = loket::print::TransportConfig::File("/dev/null".into());
    let dewi = store.user("dewi").unwrap().unwrap();
    let drug = |name: &str| store.catalog().unwrap().into_iter().find(|p| p.name == name).unwrap().id;
    let (para, amlo) = (drug("Parasetamol 500 mg"), drug("Amlodipin 5 mg"));
    let order = |per_day| Order { dose_milli: 1000, per_day, days: 1, route: Route::Oral, after_meals: true };
    let visit = |patient_id: i64| NewConsultation {
        patient_id,
        ticket_id: None,
        started: now - Duration::minutes(10),
        complaint: "Pusing".into(),
        history: String::new(),
        note: String::new(),
        vitals: vec![(loket::domain::ckg::Measure::Systolic, 150), (loket::domain::ckg::Measure::Diastolic, 95)],
        diagnoses: vec![Entered { code: "I10".into(), primary: true }, Entered { code: "R51".into(), primary: false }],
        outcome: Outcome::Prescription,
        follow_up: None,
        allergies: vec![],
        prescription: vec![RxLine { product_id: para, order: order(3) }, RxLine { product_id: amlo, order: order(1) }],
        referral: None,
    };
    let mut times = Vec::new();
    for i in 0..200 {
        let v = visit(1 + i % 2_000);
        let t = Instant::now();
        loket::ops::consult::finish_consultation(&mut store, &config, &dewi, &v, now).unwrap();
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("finish a consultation with 2 drugs: median {:.2} ms, p99 {:.2} ms", percentile(times.clone(), 0.5), percentile(times, 0.99));
    // The raw limit beside it: one row inserted and committed durably in the same file.
    let raw = rusqlite::Connection::open(dir.path().join("clinic.db")).unwrap();
    raw.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS raw_bench(id INTEGER PRIMARY KEY, v TEXT)").unwrap();
    let mut raws = Vec::new();
    for i in 0..200 {
        let t = Instant::now();
        raw.execute_batch(&format!("BEGIN IMMEDIATE; INSERT INTO raw_bench(v) VALUES ('{i}'); COMMIT;")).unwrap();
        raws.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("raw: one-row INSERT + COMMIT: median {:.2} ms, p99 {:.2} ms", percentile(raws.clone(), 0.5), percentile(raws, 0.99));
    let mut times = Vec::new();
    for _ in 0..50 {
        for typed in ["j", "j0", "j06", "j06.", "j06.9", "h", "hi", "hip", "hipe", "hiper", "hipert", "hiperte", "hiperten", "hipertens", "hipertensi"] {
            let t = Instant::now();
            std::hint::black_box(loket::domain::icd10::search(typed, 3));
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    println!("ICD-10 search per key: median {:.4} ms, p99 {:.4} ms", percentile(times.clone(), 0.5), percentile(times, 0.99));
    let mut times = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        std::hint::black_box(store.waiting_prescriptions(50).unwrap());
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("waiting prescriptions (200 waiting, 50 shown): median {:.2} ms, p99 {:.2} ms", percentile(times.clone(), 0.5), percentile(times, 0.99));
    c.bench_function("icd10 search 'hipertensi'", |b| b.iter(|| loket::domain::icd10::search("hipertensi", 3)));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = clinic
}
criterion_main!(benches);
