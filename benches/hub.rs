//! The district hub at scale, on a private local PostgreSQL cluster (tests/support/pg.rs):
//! SITES sites (default 1,000) each sending a year of daily figures (a day's sales and queue, a
//! day's CKG counts, consultations and referrals, members' money, a closed shift, and a few
//! dozen products' stock), through the sender's own
//! batch insert, several sites at once; then the district report for a month and for the year.
//! Prints rows per second and the report's time. Size: LOKET_HUB_BENCH_SITES, _DAYS, _THREADS.
//! Run with `cargo bench --bench hub`.

#[path = "../tests/support/pg.rs"]
#[allow(dead_code)]
mod pg;

use chrono::{Duration, NaiveDate};
use loket::hub::conn::{connect, Target};
use loket::hub::{admin, report, schema, sender};
use loket::store::hub_outbox::HubEntry;
use std::time::Instant;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn day_payload(i: usize, d: usize) -> String {
    let n = 20 + (i + d) % 40;
    format!(
        r#"{{"sales":{{"n":{n},"amount":{}}},"sections":{{"sembako":{{"n":{n},"amount":{}}},"obat":{{"n":4,"amount":52000}}}},"methods":{{"cash":{{"n":{n},"amount":{}}},"qris":{{"n":3,"amount":41000}}}},"queue":{{"A":{{"taken":{n},"served":{n},"skipped":1,"waits":{n},"wait_s":{}}},"B":{{"taken":9,"served":9,"waits":9,"wait_s":2700}}}},"totals":{{"queue_taken":{},"queue_served":{},"waits":{},"wait_s":{}}}}}"#,
        n * 35_000,
        n * 30_000,
        n * 31_000,
        n * 420,
        n + 9,
        n + 9,
        n + 9,
        n * 420 + 2700
    )
}

fn ckg_payload(d: usize) -> String {
    format!(r#"{{"groups":{{"dewasa":{{"checks":{},"referred":2}},"lansia":{{"checks":5,"referred":1}}}},"results":[{{"group":"dewasa","item":"td","class":"tinggi","n":3}}],"totals":{{"checks":{},"referred":3}}}}"#, 10 + d % 7, 15 + d % 7)
}

fn clinic_payload(i: usize, d: usize) -> String {
    let n = 6 + (i + d) % 9;
    format!(
        r#"{{"groups":{{"adult":{{"n":{n},"done":{n}}},"elderly":{{"n":3,"referral":1}},"child":{{"n":2,"prescription":2}}}},"chapters":{{"J":{n},"I":3,"K":2}},"referrals":[{{"facility":"PKM{:02}","name":"Puskesmas {}","from":"consultation","n":1}},{{"facility":"RSUD","name":"RSUD Kabupaten","from":"ckg","n":1}}],"totals":{{"consultations":{},"referrals":2,"referrals_ckg":1,"referrals_consultation":1}}}}"#,
        i % 32,
        i % 32,
        n + 5
    )
}

fn money_payload(i: usize, d: usize) -> String {
    let balance = 50_000_000 + (i * 1_000 + d * 25_000) as i64;
    let outstanding = 80_000_000 - (d as i64 * 20_000);
    format!(
        r#"{{"savings":{{"pokok":{{"in":100000,"out":0,"balance":{}}},"wajib":{{"in":250000,"out":0,"balance":{}}},"sukarela":{{"in":150000,"out":{},"balance":{}}}}},"disbursed":{{"n":0,"principal":0}},"installments":{{"n":4,"amount":600000,"late_fee":10000,"interest":90000,"principal":500000}},"outstanding":{{"lancar":{{"n":40,"principal":{}}},"dpk":{{"n":3,"principal":3000000}},"kurang_lancar":{{"n":0,"principal":0}},"diragukan":{{"n":0,"principal":0}},"macet":{{"n":1,"principal":1000000}}}},"totals":{{"savings_in":500000,"savings_out":{},"savings_balance":{balance},"disbursed_n":0,"disbursed":0,"installments_n":4,"installments":600000,"loans":44,"outstanding":{outstanding},"overdue":4000000}}}}"#,
        balance / 4,
        balance / 2,
        (i + d) % 3 * 50_000,
        balance / 4,
        outstanding - 4_000_000,
        (i + d) % 3 * 50_000
    )
}

fn main() {
    let Some(pg) = pg::Pg::start() else { return };
    let sites = env("LOKET_HUB_BENCH_SITES", 1000);
    let days = env("LOKET_HUB_BENCH_DAYS", 365);
    let threads = env("LOKET_HUB_BENCH_THREADS", 4);
    pg.create_db("hub");
    let admin_url = pg.admin_url("hub");
    let mut c = connect(&Target { url: &admin_url, ..Default::default() }).unwrap();
    schema::migrate_to(&mut c, schema::VERSION).unwrap();
    let t = Instant::now();
    for i in 0..sites {
        admin::add_site(&mut c, &format!("S{i:05}"), "", "pw", Some(1000), None).unwrap();
    }
    eprintln!("{sites} sites registered in {:.1} s", t.elapsed().as_secs_f64());
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let url = pg.url("hub");
    let t = Instant::now();
    let rows: usize = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|w| {
                let url = url.clone();
                s.spawn(move || {
                    let mut rows = 0;
                    for i in (w..sites).step_by(threads) {
                        let site = format!("S{i:05}");
                        let mut c = connect(&Target { url: &url, user: Some(&loket::hub::site_role(&site)), password: Some("pw"), ca_file: None }).unwrap();
                        sender::hello(&mut c, &format!("install-{i}"), chrono::Utc::now()).unwrap();
                        let mut seq = 0i64;
                        let mut entry = |kind: &str, key: String, day: &NaiveDate, payload: String| {
                            seq += 1;
                            HubEntry { seq, kind: kind.into(), key, day: day.to_string(), payload, created_at: format!("{day}T10:00:00.000Z") }
                        };
                        let mut all = Vec::with_capacity(days * 5 + 40);
                        for d in 0..days {
                            let day = first + Duration::days(d as i64);
                            all.push(entry("day", day.to_string(), &day, day_payload(i, d)));
                            all.push(entry("ckg", day.to_string(), &day, ckg_payload(d)));
                            all.push(entry("clinic", day.to_string(), &day, clinic_payload(i, d)));
                            all.push(entry("money", day.to_string(), &day, money_payload(i, d)));
                            all.push(entry("shift", format!("{d}"), &day, format!(r#"{{"shift":{d},"expected_cash":500000,"counted_cash":{},"difference":{}}}"#, 500000 - (d % 3) as i64 * 500, -((d % 3) as i64) * 500)));
                        }
                        let last = first + Duration::days(days as i64 - 1);
                        for p in 0..40 {
                            let expiry = last + Duration::days(((i * 7 + p * 13) % 200) as i64);
                            all.push(entry("stock", format!("{p}"), &last, format!(r#"{{"product":"899100000{p:04}","name":"Produk {p}","unit":"pcs","on_hand_milli":24000,"batches":[{{"batch":"B{p}","expiry":"{expiry}","qty_milli":12000}}]}}"#)));
                        }
                        for batch in all.chunks(sender::BATCH) {
                            rows += sender::send_batch(&mut c, &site, batch).unwrap().len();
                        }
                    }
                    rows
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).sum()
    });
    let secs = t.elapsed().as_secs_f64();
    println!("hub insert: {rows} figures from {sites} sites x {days} days in {secs:.1} s = {:.0} rows/s ({threads} sites at once)", rows as f64 / secs);
    // What autovacuum would have done by the time anyone reads a year's figures.
    c.batch_execute("ANALYZE").unwrap();
    let size: String = c.query_one("SELECT pg_size_pretty(pg_database_size('hub'))", &[]).unwrap().get(0);
    println!("hub database size: {size}");
    let last = first + Duration::days(days as i64 - 1);
    for (what, from) in [("a day", last), ("a month", last - Duration::days(29)), ("the year", first)] {
        let t = Instant::now();
        let r = report::district(&mut c, from, last, 30, None).unwrap();
        println!(
            "district report for {what} ({} sites, {} batches expiring): {:.0} ms; sales total {}, consultations {}, outstanding {}",
            r.sites.len(),
            r.expiring.len(),
            t.elapsed().as_secs_f64() * 1000.0,
            r.total.sales_amount,
            r.total.consultations,
            r.total.outstanding
        );
    }
}
