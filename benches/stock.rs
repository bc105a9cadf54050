//! Stock latency on 20,000 products (a quarter of them drugs with generic names): a product
//! search for each keystroke of a name typed in any spelling (target p99 under 5 ms), beside the
//! raw FTS5 query alone; and committing a 50-line delivery durably through `ops::stock::receive`
//! (synchronous=FULL, target p99 under 50 ms). Run with `cargo bench --bench stock`; the seeded
//! database stays in target/bench-data.

use chrono::{Duration, Utc};
use loket::config::Config;
use loket::domain::ean;
use loket::domain::user::Role;
use loket::store::receiving::{Delivery, ReceiveLine};
use loket::store::stock::{Drug, Product};
use loket::store::{Actor, OpenMode, Store};
use std::path::PathBuf;
use std::time::Instant;

const PRODUCTS: u64 = 20_000;

const GENERICS: &[&str] = &[
    "Parasetamol", "Amoksisilin", "Klorfeniramin maleat", "Asam askorbat", "Ibuprofen", "Amlodipin", "Metformin", "Dekstrometorfan",
    "Setirizin", "Loratadin", "Omeprazol", "Ranitidin", "Simvastatin", "Kaptopril", "Siprofloksasin", "Deksametason",
];
const WORDS: &[&str] = &["beras", "minyak", "gula", "sabun", "kopi", "teh", "mi", "susu", "kecap", "garam", "tepung", "sarden", "biskuit"];

fn seeded() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("stock-20k.db");
    let marker = dir.join("stock-20k.seeded");
    if !marker.exists() {
        let _ = std::fs::remove_file(&path);
        let mut store = Store::open(&path, OpenMode::Create).unwrap();
        let now = Utc::now();
        let admin = Actor::system("bench");
        store.create_user(&admin, "rina", "Rina", Role::Pharmacy, "3333", now).unwrap();
        let rows: Vec<Product> = (0..PRODUCTS)
            .map(|n| {
                let drug = n % 4 == 0;
                let generic = GENERICS[(n as usize / 4) % GENERICS.len()];
                let name = if drug { format!("{generic} {} mg merek {n:05}", 5 * (1 + n % 100)) } else { format!("{} {n:05} kemasan {}", WORDS[n as usize % WORDS.len()], n % 9) };
                Product {
                    id: 0,
                    active: true,
                    barcode: ean::with_check_digit(&format!("899{:09}", 300_000_000 + n)),
                    plu: None,
                    name,
                    section: if drug { "obat" } else { "sembako" }.into(),
                    unit: "pcs".into(),
                    sold_by: "piece".into(),
                    price: 1_000 + (n as i64 % 97) * 500,
                    member_price: None,
                    tax_category: "standard".into(),
                    price_cap: None,
                    allow_negative: false,
                    reorder_level: None,
                    drug: drug.then(|| Drug {
                        generic_name: generic.into(),
                        strength: String::new(),
                        form: "tablet".into(),
                        class: loket::domain::drug_policy::DrugClass::Bebas,
                        warning: None,
                        label: "oral".into(),
                        kfa_code: None,
                        pieces_per_unit: None,
                    }),
                }
            })
            .collect();
        store.import_catalog(&admin, &rows, now).unwrap();
        std::fs::write(&marker, "ok").unwrap();
    }
    path
}

fn percentiles(mut v: Vec<f64>) -> String {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let p = |q: f64| v[((v.len() as f64 * q) as usize).min(v.len() - 1)];
    format!("n={} p50={:.2} ms p99={:.2} ms max={:.2} ms", v.len(), p(0.5), p(0.99), v[v.len() - 1])
}

fn main() {
    let path = seeded();
    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    // Typed letter by letter, in the spellings people use.
    let typed = ["paracetamol 500", "amoxicillin", "chlorpheniramine", "klorfeniramin", "vitamin c", "cetirizine", "sabun 0012", "beras kemasan 3", "ciprofloxacin", "dexamethasone"];
    let mut ours = Vec::new();
    let mut found = 0;
    for _ in 0..5 {
        for q in typed {
            for end in 1..=q.len() {
                let t = Instant::now();
                let hits = store.search_products(&q[..end], 50).unwrap();
                ours.push(t.elapsed().as_secs_f64() * 1000.0);
                found += hits.len();
            }
        }
    }
    println!("product search per keystroke ({PRODUCTS} products): {}  ({found} hits in all)", percentiles(ours));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut raw = Vec::new();
    for _ in 0..20 {
        for e in ["\"parasetamol\" AND \"500\"*", "\"amoksisilin\"*", "\"klorfeniramin\"*", "\"p\"*", "\"b\"*"] {
            let t = Instant::now();
            let n: i64 = conn
                .prepare_cached("SELECT count(*) FROM (SELECT rowid FROM product_names WHERE product_names MATCH ?1 LIMIT 50)")
                .unwrap()
                .query_row([e], |r| r.get(0))
                .unwrap();
            std::hint::black_box(n);
            raw.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    println!("raw FTS5 query alone:                          {}", percentiles(raw));

    let config = Config::default();
    let rina = store.user("rina").unwrap().unwrap().actor();
    let today = Utc::now().date_naive();
    let mut commits = Vec::new();
    for round in 0..30 {
        let lines = (0..50)
            .map(|i| {
                let id = 1 + ((round * 50 + i) * 4 % PRODUCTS as i64);
                ReceiveLine { product_id: id, batch_no: Some(format!("R{round}-{i}")), expiry: Some(today + Duration::days(400)), qty_milli: 12_000, unit_cost: 900, free: false }
            })
            .collect();
        let d = Delivery { supplier: "PBF Bench".into(), invoice_no: format!("B-{round}"), invoice_date: Some(today), invoice_total: None, lines };
        let t = Instant::now();
        loket::ops::stock::receive(&mut store, &config, &rina, &d, Utc::now()).unwrap();
        commits.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("50-line delivery committed durably:            {}", percentiles(commits));
}
