//! Members at scale: 5,000 members with ten years of monthly wajib deposits (600,000 entries)
//! and 2,000 loans. Measures a member's statement for the year read and laid out for the screen
//! (target under 20 ms), the year's SHU for every member (under 2 s), and posting an installment
//! durably through `ops::loans::pay` (p99 under 20 ms). Run with `cargo bench --bench members`;
//! the seeded database stays in target/bench-data (seeded with plain SQL in one transaction, so
//! its rows carry no audit digests: `audit verify` is not meant to pass on it).

use chrono::{Datelike, Duration, NaiveDate, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use loket::config::Config;
use loket::domain::loans::{schedule, Method, Terms};
use loket::store::{OpenMode, Store};
use std::path::PathBuf;
use std::time::Instant;

const MEMBERS: i64 = 5_000;
const LOANS: i64 = 2_000;
const MONTHS: i64 = 120;

fn pcts(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[v.len() / 2], v[(v.len() * 99 / 100).min(v.len() - 1)])
}

fn seeded() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("members-5k.db");
    let marker = dir.join("members-5k.seeded");
    if marker.exists() {
        drop(Store::open(&path, OpenMode::Existing).unwrap());
        return path;
    }
    for ext in ["db", "db-wal", "db-shm"] {
        let _ = std::fs::remove_file(path.with_extension(ext));
    }
    let now = Utc::now();
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    loket::demo::seed(&mut store, 10, now).unwrap();
    let budi = store.user("budi").unwrap().unwrap().id;
    let joko = store.user("joko").unwrap().unwrap().id;
    drop(store);
    let mut c = rusqlite::Connection::open(&path).unwrap();
    let tx = c.transaction().unwrap();
    let today = now.date_naive();
    let joined = NaiveDate::from_ymd_opt(today.year() - 10, today.month(), 1).unwrap();
    {
        let mut person = tx.prepare("INSERT INTO patients(rm_number, name, sex, birth_date, created_at, member_no) VALUES (?1, ?2, 'P', '1980-01-01', ?3, ?4)").unwrap();
        let mut member = tx.prepare("INSERT INTO members(member_no, name, patient_id, created_at, joined_on) VALUES (?1, ?2, ?3, ?4, ?5)").unwrap();
        let mut entry = tx
            .prepare("INSERT INTO savings_entries(member_id, kind, amount, method, at, business_day, user_id) VALUES (?1, ?2, ?3, 'cash', ?4, ?5, ?6)")
            .unwrap();
        let mut mids = Vec::new();
        for i in 0..MEMBERS {
            let no = format!("B-{i:06}");
            person.execute(rusqlite::params![format!("RM-B{i:07}"), format!("Anggota {i}"), now.to_rfc3339(), no]).unwrap();
            let pid = tx.last_insert_rowid();
            member.execute(rusqlite::params![no, format!("Anggota {i}"), pid, now.to_rfc3339(), joined.to_string()]).unwrap();
            let mid = tx.last_insert_rowid();
            mids.push(mid);
            entry.execute(rusqlite::params![mid, "pokok", 100_000, now.to_rfc3339(), joined.to_string(), budi]).unwrap();
            for m in 0..MONTHS {
                let day = joined.checked_add_months(chrono::Months::new(m as u32)).unwrap();
                entry.execute(rusqlite::params![mid, "wajib", 20_000, now.to_rfc3339(), day.to_string(), budi]).unwrap();
            }
        }
        let mut loan = tx
            .prepare(
                "INSERT INTO loans(number, member_id, product, principal, rate_bp, method, tenor_months, admin_fee, late_fee_kind, late_fee, status,
                  applied_at, applied_by, approved_at, approved_by, disbursed_at, disbursed_on, disbursed_by)
                 VALUES (?1, ?2, 'Pinjaman Umum', ?3, 150, 'declining', 24, 25000, 'day', 1000, 'active', ?4, ?5, ?4, ?6, ?4, ?7, ?5)",
            )
            .unwrap();
        let mut line = tx.prepare("INSERT INTO loan_schedule(loan_id, no, due_on, principal, interest, remaining) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").unwrap();
        for l in 0..LOANS {
            let start = today - Duration::days(30 * (l % 12) + 15);
            let principal = 1_000_000 + 10_000 * (l % 400);
            loan.execute(rusqlite::params![format!("PJ{:06}", l + 1), mids[((l * 7) % MEMBERS) as usize], principal, now.to_rfc3339(), budi, joko, start.to_string()]).unwrap();
            let id = tx.last_insert_rowid();
            for i in schedule(&Terms { principal, rate_bp: 150, tenor_months: 24, method: Method::Declining }, start) {
                line.execute(rusqlite::params![id, i.no, i.due.to_string(), i.principal, i.interest, i.remaining]).unwrap();
            }
        }
    }
    tx.commit().unwrap();
    std::fs::write(&marker, "").unwrap();
    path
}

fn members(c: &mut Criterion) {
    let path = seeded();
    let mut config = Config::default();
    config.members.loans[0].method = Method::Declining;
    let now = Utc::now();
    let today = now.date_naive();
    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    let t = loket::text::Text::new(loket::text::Lang::Id);
    let member = store.find_member("B-002500").unwrap().unwrap();
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap();
    let statement = |store: &Store| {
        let st = store.statement(member.id, year_start, today).unwrap();
        loket::member_report::statement_text(&t, &st, 0).len()
    };
    let mut times = Vec::new();
    for _ in 0..200 {
        let s = Instant::now();
        statement(&store);
        times.push(s.elapsed().as_secs_f64() * 1e3);
    }
    let (sm, sp) = pcts(times);
    let s = Instant::now();
    let (lines, d) = loket::ops::loans::shu(&store, &config, today.year() - 1, 250_000_000, now).unwrap();
    let shu_ms = s.elapsed().as_secs_f64() * 1e3;
    assert!(lines.len() as i64 >= MEMBERS && d.shares.iter().map(|s| s.total()).sum::<i64>() + d.left_over == 250_000_000);
    let budi = store.user("budi").unwrap().unwrap();
    if store.open_shift(budi.id).unwrap().is_none() {
        loket::ops::shifts::open(&mut store, &config, &budi.actor(), 0, now).unwrap();
    }
    let mut k = 0i64;
    let mut pay = |store: &mut Store| {
        k += 1;
        let number = format!("PJ{:06}", 1 + k % LOANS);
        loket::ops::loans::pay(store, &config, &budi, &number, 1_000, &loket::store::members::Money::Cash, Utc::now()).unwrap();
    };
    let mut times = Vec::new();
    for _ in 0..500 {
        let s = Instant::now();
        pay(&mut store);
        times.push(s.elapsed().as_secs_f64() * 1e3);
    }
    let (pm, pp) = pcts(times);
    eprintln!("member statement for the year, read and laid out: median {sm:.3} ms, p99 {sp:.3} ms");
    eprintln!("SHU of {} members for {}: {shu_ms:.0} ms", lines.len(), today.year() - 1);
    eprintln!("post an installment durably: median {pm:.3} ms, p99 {pp:.3} ms");
    c.bench_function("member statement (10 years of wajib)", |b| b.iter(|| statement(&store)));
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = members
}
criterion_main!(benches);
