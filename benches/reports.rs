//! The supervisor's figures over history: one day and one whole year, at 300 sales and 500
//! queue tickets a day (target: under 200 ms for the year). Run with `cargo bench --bench reports`;
//! the seeded database stays in target/bench-data.

use chrono::{Duration, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use loket::config::Config;
use loket::store::stock::Product;
use loket::store::stock::ReceiveLine;
use loket::store::{OpenMode, Store};
use std::path::PathBuf;

fn history_db() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("reports-1y.db");
    let marker = dir.join("reports-1y.seeded");
    if marker.exists() {
        // Bring an older seeded file up to the current schema before reading it.
        drop(Store::open(&path, OpenMode::Existing).unwrap());
        return path;
    }
    let _ = std::fs::remove_file(&path);
    let now = Utc::now();
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    loket::demo::seed(&mut store, 100, now).unwrap();
    // A shop's catalog of 2,000 items with stock, so no item carries an unreal share of the sales.
    let admin = loket::store::Actor::system("bench");
    let rows: Vec<Product> = (0..2_000u64)
        .map(|n| Product {
            id: 0,
            active: true,
            barcode: loket::domain::ean::with_check_digit(&format!("2{:011}", 10_000_000 + n)),
            plu: None,
            name: format!("Barang {n:05}"),
            section: ["sembako", "obat", "lain"][(n % 3) as usize].into(),
            unit: "pcs".into(),
            sold_by: "piece".into(),
            price: 5_000,
            member_price: None,
            tax_category: "standard".into(),
            price_cap: None,
            allow_negative: false,
            reorder_level: None,
            drug: None,
        })
        .collect();
    store.import_catalog(&admin, &rows, now).unwrap();
    let first = store.product_count().unwrap() - 2_000 + 1;
    let lines: Vec<ReceiveLine> = (first..first + 2_000)
        .map(|id| ReceiveLine { product_id: id, batch_no: None, expiry: None, qty_milli: 100_000_000, unit_cost: 3_000, free: false })
        .collect();
    let cashier = store.user("budi").unwrap().unwrap().actor();
    store.receive(&cashier, "Bulog", "BENCH-1", &lines, now - Duration::days(400)).unwrap();
    let today = now.date_naive();
    let config = Config::default();
    let codes: Vec<String> = config.queue.services.iter().map(|s| s.code.clone()).collect();
    store.seed_queue_history(&codes, 365, 500, today).unwrap();
    let mut x: u64 = 7;
    for month in 0..12 {
        let mut sales = Vec::new();
        for d in 0..31 {
            let back = 365 - (month * 31 + d) as i64;
            if back < 1 {
                continue;
            }
            let day = today - Duration::days(back);
            for s in 0..300 {
                let at = now - Duration::days(back) + Duration::seconds(s * 100);
                let lines = (0..1 + s % 3)
                    .map(|_| {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        let id = first + ((x >> 33) as i64 % 2_000);
                        (id, 1000, 5_000)
                    })
                    .collect();
                sales.push((day, at, lines));
            }
        }
        loket::store::sales::seed_history(&mut store, &cashier, &sales).unwrap();
    }
    std::fs::write(&marker, "ok").unwrap();
    path
}

fn reports(c: &mut Criterion) {
    let path = history_db();
    drop(Store::open(&path, OpenMode::Existing).unwrap()); // brings an older seeded file up to date
    let mut store = Store::open(&path, OpenMode::ReadOnly).unwrap();
    let today = Utc::now().date_naive();
    let day = today - Duration::days(10);
    let s = store.summary(today - Duration::days(365), today, today, 30).unwrap();
    eprintln!("a year: {} sales, {} queue lines", s.sales.count, s.queue.len());
    c.bench_function("summary for one day (1 year of history)", |b| b.iter(|| store.summary(day, day, today, 30).unwrap()));
    c.bench_function("summary for a whole year", |b| b.iter(|| store.summary(today - Duration::days(365), today, today, 30).unwrap()));
    // The same figures counted from the rows: what the kept per-day figures save.
    c.bench_function("summary for a whole year, counted from the rows", |b| {
        b.iter(|| store.summary_from_rows(today - Duration::days(365), today, today, 30).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = reports
}
criterion_main!(benches);
