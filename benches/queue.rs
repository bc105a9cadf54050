//! Queue latency on two years of history at 500 tickets a day: taking a ticket and calling the
//! next one (target p99 under 5 ms), and loading a counter's view. Run with
//! `cargo bench --bench queue`; the seeded database stays in target/bench-data.

mod common;

use chrono::{Duration, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use loket::config::Config;
use loket::store::{Actor, OpenMode, Store};
use std::path::PathBuf;
use std::time::Instant;

fn history_db(config: &Config) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("queue-2y.db");
    let marker = dir.join("queue-2y.seeded");
    if !marker.exists() {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path, OpenMode::Create).unwrap();
        let codes: Vec<String> = config.queue.services.iter().map(|s| s.code.clone()).collect();
        let today = config.site.zone.business_day(Utc::now());
        let n = store.seed_queue_history(&codes, 730, 500, today).unwrap();
        eprintln!("seeded {n} tickets of history");
        std::fs::write(&marker, "ok").unwrap();
    }
    path
}

fn p99(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[v.len() / 2], v[(v.len() * 99 / 100).min(v.len() - 1)])
}

fn queue(c: &mut Criterion) {
    let config = Config::default();
    let path = history_db(&config);
    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    let actor = Actor::system("bench");
    let counter = config.queue.counter(1).unwrap().clone();
    let rule = config.queue.rule;
    // Work on a day of its own in the future, so every run starts from an empty line.
    let mut day = config.site.zone.business_day(Utc::now()) + Duration::days(1 + (Utc::now().timestamp() % 10_000));

    // The p99 of a burst of 2,000 take + call pairs, measured by hand (criterion reports means).
    let (mut takes, mut calls) = (Vec::new(), Vec::new());
    for _ in 0..2_000 {
        let t = Instant::now();
        store.take_ticket(&actor, "A", None, &rule, day, Utc::now()).unwrap();
        takes.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        store.call_next(&actor, &counter, &rule, day, Utc::now()).unwrap().unwrap();
        calls.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let (tm, tp) = p99(takes);
    let (cm, cp) = p99(calls);
    let (rm, rp) = common::raw_commit();
    eprintln!(
        "take ticket: median {tm:.3} ms, p99 {tp:.3} ms; call next: median {cm:.3} ms, p99 {cp:.3} ms (raw one-row INSERT+COMMIT, WAL, synchronous=FULL: median {rm:.3} ms, p99 {rp:.3} ms; {:.1}x / {:.1}x)",
        tm / rm,
        cm / rm
    );

    day += Duration::days(1);
    c.bench_function("take ticket + call next (2 years of history)", |b| {
        b.iter(|| {
            store.take_ticket(&actor, "A", None, &rule, day, Utc::now()).unwrap();
            store.call_next(&actor, &counter, &rule, day, Utc::now()).unwrap().unwrap()
        })
    });
    c.bench_function("counter view + today's stats", |b| {
        let codes: Vec<String> = config.queue.services.iter().map(|s| s.code.clone()).collect();
        b.iter(|| (store.queue_view(&counter, &rule, day, Utc::now()).unwrap(), store.queue_stats(&codes, day).unwrap()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = queue
}
criterion_main!(benches);
