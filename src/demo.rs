//! The demo database: realistic Indonesian data for trying Loket and for benchmarks. Users of
//! every role (their PINs are shown on the demo login screen), patients with valid NIKs, sembako
//! products with barcodes, generic drugs with batches and expiry dates, and a few days of stock
//! receipts. Generation is deterministic, so the same seed gives the same database.

use crate::domain::ean;
use crate::domain::nik::{Nik, PROVINCE_CODES};
use crate::store::catalog::{NewDrug, NewProduct, NewReceipt};
use crate::store::patients::PatientFields;
use crate::store::{Actor, Result, Store};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

pub use crate::domain::user::DEMO_USERS;

pub const DEFAULT_PATIENTS: u64 = 2_000;

/// The demo's printer: a file beside the demo database, so that receipts, tickets and labels
/// are stored as print jobs and their bytes land somewhere (`loket printer show ID` shows a job).
pub const DEMO_PRINTER_FILE: &str = "demo-printer.out";

/// With no printer in the settings, the demo prints to [`DEMO_PRINTER_FILE`] in the folder of its
/// database (a configured printer is left alone). Without a printer nothing would be stored.
pub fn with_demo_printer(config: &mut crate::config::Config, db: &std::path::Path) {
    if !config.printer.configured() {
        let folder = db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        config.printer.transport = crate::config::printer::TransportConfig::File(folder.join(DEMO_PRINTER_FILE));
    }
}

/// The demo's site, used by every command on a demo database when no settings file names one
/// (the app, tickets, the board and printouts then all say the same name).
pub fn use_demo_site(config: &mut crate::config::Config) {
    if config.source.is_none() {
        config.site.name = "KDKMP Sukamaju (DEMO)".into();
        config.site.address = "Desa Sukamaju, Kec. Cibeber, Kab. Cianjur".into();
    }
}

/// What seeding did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Seeded {
    pub users: usize,
    pub patients: u64,
    pub products: usize,
}

/// Fill whatever is still empty; a demo database that is already seeded is reused as it is.
pub fn seed(store: &mut Store, patients: u64, now: DateTime<Utc>) -> Result<Seeded> {
    let actor = Actor::system("demo");
    let mut done = Seeded::default();
    if store.user_count()? == 0 {
        for (name, full, role, pin) in DEMO_USERS {
            store.create_user(&actor, name, full, *role, pin, now)?;
        }
        store.mark_demo(&actor, now)?;
        // The demo's doctor: her profession and licence (a made-up SIP number).
        store.set_health_worker(&actor, "dewi", crate::domain::consult::Profession::Doctor, "503/0042/SIP-DU/DPMPTSP/2026", now)?;
        done.users = DEMO_USERS.len();
    }
    if store.patient_count()? == 0 && patients > 0 {
        let today = now.date_naive();
        done.patients = store.seed_patients(&actor, patients, |i| demo_patient(i, today, now), now)?;
    }
    if store.product_count()? == 0 {
        let (products, receipts) = demo_catalog(now);
        store.seed_catalog(&actor, &products, &receipts, now)?;
        done.products = products.len();
        // Weighed goods get the PLU the shop scale prints (20 + five digits).
        for (i, p) in products.iter().enumerate() {
            if p.sold_by != "piece" {
                if let Some(id) = p.barcode.as_deref().map(|b| store.product_id_by_barcode(b)).transpose()?.flatten() {
                    store.set_plu(&actor, id, &demo_plu(i), now)?;
                }
            }
        }
    }
    if store.member_count()? == 0 {
        seed_members_and_history(store, &actor, now)?;
    }
    Ok(done)
}

/// The PLU of the i-th demo product: `20` and five digits (`2000002` for the second).
pub fn demo_plu(i: usize) -> String {
    format!("20{:05}", i + 1)
}

/// Members (patients with a member number, and two without a patient record) and a few days of
/// sales history by the demo cashier.
fn seed_members_and_history(store: &mut Store, actor: &Actor, now: DateTime<Utc>) -> Result<()> {
    let ids: Vec<(i64, String, String)> = store.demo_member_patients(20)?;
    for (pid, no, name) in &ids {
        store.add_member(actor, no, name, Some(*pid), None, now)?;
    }
    store.add_member(actor, "KMP-9000001", "Warung Bu Tini", None, Some(2_000_000), now)?;
    store.add_member(actor, "KMP-9000002", "Pak RT Slamet", None, None, now)?;
    let Some(cashier) = store.user("budi")? else { return Ok(()) };
    seed_member_savings(store, &cashier.actor(), &ids, now)?;
    let products: Vec<(i64, i64, bool)> = store
        .catalog()?
        .into_iter()
        .filter(|p| p.drug.as_ref().is_none_or(|d| d.class == crate::domain::drug_policy::DrugClass::Bebas))
        .map(|p| (p.id, p.price, p.by_piece()))
        .collect();
    if products.is_empty() {
        return Ok(());
    }
    let zone = crate::config::Zone::Wib;
    let today = zone.business_day(now);
    let mut sales = Vec::new();
    for day_back in 1..=5i64 {
        let day = today - Duration::days(day_back);
        for n in 0..12u64 {
            let r = mix(day_back as u64 * 1000 + n);
            let at = now - Duration::days(day_back) + Duration::minutes((n * 25) as i64) - Duration::hours(1);
            let lines: Vec<(i64, i64, i64)> = (0..1 + r % 3)
                .map(|k| {
                    let (id, price, piece) = products[((r >> (8 * k)) % products.len() as u64) as usize];
                    let qty = if piece { 1000 * (1 + (r >> 20) as i64 % 2) } else { 250 + (r >> 24) as i64 % 4 * 250 };
                    (id, qty, price)
                })
                .collect();
            sales.push((day, at, lines));
        }
    }
    crate::store::sales::seed_history(store, &cashier.actor(), &sales)
}

/// The first members with a person record joined some months ago: their simpanan pokok and a
/// wajib deposit for each month since (entries from before the counter's shifts: no shift).
fn seed_member_savings(store: &mut Store, cashier: &Actor, members: &[(i64, String, String)], now: DateTime<Utc>) -> Result<()> {
    use crate::store::members::{add_entry_in, register_in, Counter, Joining, Money};
    let today = crate::config::Zone::Wib.business_day(now);
    let settings = crate::config::MemberSettings::default();
    store.write(|tx| {
        for (i, (pid, _, _)) in members.iter().take(8).enumerate() {
            let months = 3 + (mix(i as u64) % 18) as u32;
            let joined = today.checked_sub_months(chrono::Months::new(months)).unwrap_or(today);
            let at = Counter { shift_id: None, day: joined };
            let j = Joining { patient_id: *pid, joined_on: joined, heir: String::new(), heir_relation: String::new(), credit_limit: None, pokok: settings.pokok, money: Money::Cash };
            let (card, _) = register_in(tx, cashier, &j, &settings.number_prefix, at, now)?;
            // Some members are a month or two behind with wajib.
            for m in 0..months.saturating_sub((i % 3) as u32) {
                let day = joined.checked_add_months(chrono::Months::new(m)).unwrap_or(joined);
                add_entry_in(tx, cashier, card.id, crate::domain::savings::Kind::Wajib, settings.wajib, &Money::Cash, Counter { shift_id: None, day }, None, None, "", now)?;
            }
            if i % 2 == 0 {
                add_entry_in(tx, cashier, card.id, crate::domain::savings::Kind::Sukarela, 50_000 * (1 + i as i64), &Money::Cash, at, None, None, "", now)?;
            }
        }
        Ok(())
    })
}

/// SplitMix64: a tiny deterministic generator, so the demo needs no random-number crate.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

fn pick<'a>(list: &[&'a str], r: u64) -> &'a str {
    list[(r % list.len() as u64) as usize]
}

const MEN: &[&str] = &[
    "Ahmad", "Muhammad", "Budi", "Agus", "Joko", "Slamet", "Bambang", "Dedi", "Eko", "Hendra", "Rudi", "Wahyu", "Yusuf",
    "Andi", "Asep", "Ujang", "Dadang", "Iwan", "Teguh", "Rizki", "Fajar", "Hasan", "Imam", "Sutrisno", "Suparman",
];
const WOMEN: &[&str] = &[
    "Siti", "Sri", "Dewi", "Nur", "Ani", "Rina", "Wati", "Yuni", "Lestari", "Fitri", "Ratna", "Endang", "Sumiati", "Aisyah",
    "Kartini", "Neng", "Euis", "Tuti", "Indah", "Putri", "Rahayu", "Sari", "Wulan", "Nining", "Iis",
];
const FAMILY: &[&str] = &[
    "Santoso", "Wijaya", "Hidayat", "Saputra", "Kurniawan", "Setiawan", "Nugroho", "Rahman", "Hakim", "Siregar", "Nasution",
    "Lubis", "Sihombing", "Pratama", "Permana", "Suryadi", "Gunawan", "Sulistyo", "Maulana", "Hasibuan", "Aminah",
    "Rohmah", "Fauzi", "Firmansyah", "Kusuma",
];
const VILLAGES: &[&str] = &["Sukamaju", "Sukamulya", "Mekarsari", "Cibodas", "Sindangsari", "Margahayu", "Jayamukti", "Sirnagalih"];

/// The i-th demo patient. NIKs are unique by construction: each block of 9,999 patients has its
/// own province/regency/district code and serials 1..9999 within it.
/// A demo person and when the record was made.
pub fn demo_patient(i: u64, today: NaiveDate, now: DateTime<Utc>) -> (PatientFields, DateTime<Utc>) {
    let r = mix(i);
    let female = r & 1 == 1;
    let age_days = (mix(r) % (85 * 365)) as i64;
    let birth = today - Duration::days(age_days);
    let block = i / 9_999;
    let serial = (i % 9_999) as u16 + 1;
    // Start at Jawa Barat (32) so a small demo is one village.
    let start = PROVINCE_CODES.iter().position(|p| *p == 32).unwrap_or(0) as u64;
    let province = PROVINCE_CODES[((start + block) % PROVINCE_CODES.len() as u64) as usize];
    let regency = (1 + (block / PROVINCE_CODES.len() as u64) % 99) as u8;
    let district = (1 + (block / (PROVINCE_CODES.len() as u64 * 99)) % 99) as u8;
    let nik = Nik::from_parts(province, regency, district, birth.day() as u8, birth.month() as u8, (birth.year() % 100) as u8, female, serial)
        .expect("demo NIKs are valid by construction");
    let first = if female { pick(WOMEN, r >> 8) } else { pick(MEN, r >> 8) };
    let name = format!("{first} {}", pick(FAMILY, r >> 16));
    let family = i / 4;
    let fields = PatientFields {
        nik: Some(nik.as_str().to_string()),
        bpjs: ((r >> 24) % 10 < 7).then(|| format!("{:013}", 1_000_000_000 + i * 7)),
        rm_number: Some(format!("RM-{:07}", i + 1)),
        name,
        sex: if female { "P" } else { "L" }.to_string(),
        birth_date: Some(birth),
        village: pick(VILLAGES, r >> 32).to_string(),
        rt_rw: format!("{:03}/{:03}", 1 + (r >> 36) % 12, 1 + (r >> 40) % 6),
        address: format!("Kp. {} No. {}", pick(VILLAGES, r >> 44), 1 + (r >> 48) % 120),
        phone: ((r >> 52) % 10 < 8).then(|| format!("08{}{:09}", 1 + (r >> 20) % 9, mix(r ^ 0xABCD) % 1_000_000_000)),
        kk: Some(format!("{province:02}{regency:02}{district:02}{:010}", 1_000_000 + family)),
        member_no: ((r >> 56) % 5 == 0).then(|| format!("KMP-{:07}", i + 1)),
    };
    (fields, now - Duration::days((r >> 4) as i64 % 7) - Duration::minutes((r >> 12) as i64 % 600))
}

fn barcode(n: u64) -> Option<String> {
    ean::with_check_digit(&format!("899{:09}", 100_000_000 + n))
}

fn sembako(n: u64, name: &str, unit: &'static str, sold_by: &'static str, price: i64, tax: &'static str, cap: Option<i64>) -> NewProduct {
    NewProduct {
        barcode: barcode(n),
        name: name.to_string(),
        section: "sembako",
        unit,
        sold_by,
        price,
        member_price: Some(price - price / 20),
        tax_category: tax,
        price_cap: cap,
        drug: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn drug(n: u64, name: &str, generic: &str, strength: &str, form: &str, class: &'static str, warning: Option<&'static str>, label: &'static str, price: i64) -> NewProduct {
    NewProduct {
        barcode: barcode(500 + n),
        name: name.to_string(),
        section: "obat",
        unit: "strip",
        sold_by: "piece",
        price,
        member_price: None,
        tax_category: "standard",
        price_cap: None,
        drug: Some(NewDrug {
            generic_name: generic.to_string(),
            strength: strength.to_string(),
            form: form.to_string(),
            class,
            warning,
            label,
            kfa_code: Some(format!("9300{:04}", 1000 + n)),
            // Tablets and capsules come ten to a strip.
            pieces_per_unit: matches!(form, "tablet" | "kapsul" | "tablet kunyah").then_some(10),
        }),
    }
}

/// The demo catalog and a few days of deliveries (some drug batches near or past expiry, to show
/// the warnings).
pub fn demo_catalog(now: DateTime<Utc>) -> (Vec<NewProduct>, Vec<NewReceipt>) {
    let products = vec![
        sembako(1, "Beras Medium SPHP 5 kg", "karung", "piece", 62_500, "exempt", Some(62_500)),
        sembako(2, "Beras Premium curah", "kg", "weight", 14_900, "exempt", Some(14_900)),
        sembako(3, "Minyakita 1 L", "pouch", "piece", 15_700, "standard", Some(15_700)),
        sembako(4, "Gula Pasir 1 kg", "kg", "piece", 17_500, "exempt", None),
        sembako(5, "Telur Ayam curah", "kg", "weight", 29_000, "exempt", None),
        sembako(6, "Tepung Terigu 1 kg", "kg", "piece", 13_000, "standard", None),
        sembako(7, "Garam Beryodium 250 g", "bungkus", "piece", 3_000, "exempt", None),
        sembako(8, "Mi Instan Goreng", "bungkus", "piece", 3_500, "standard", None),
        sembako(9, "Susu Kental Manis 370 g", "kaleng", "piece", 12_500, "exempt", None),
        sembako(10, "Kecap Manis 520 ml", "botol", "piece", 22_000, "standard", None),
        sembako(11, "Teh Celup isi 25", "kotak", "piece", 7_500, "standard", None),
        sembako(12, "Kopi Bubuk 165 g", "bungkus", "piece", 14_000, "standard", None),
        sembako(13, "Sabun Mandi 85 g", "batang", "piece", 4_000, "standard", None),
        sembako(14, "Bawang Merah curah", "kg", "weight", 38_000, "exempt", None),
        sembako(15, "Cabai Rawit curah", "kg", "weight", 45_000, "exempt", None),
        drug(1, "Parasetamol 500 mg", "Parasetamol", "500 mg", "tablet", "bebas", None, "oral", 5_000),
        drug(2, "Oralit 200 ml", "Oralit", "200 ml", "serbuk", "bebas", None, "oral", 1_500),
        drug(3, "Antasida Doen", "Antasida", "200 mg", "tablet kunyah", "bebas", None, "oral", 4_000),
        drug(4, "Vitamin C 50 mg", "Asam askorbat", "50 mg", "tablet", "bebas", None, "oral", 3_000),
        drug(5, "CTM 4 mg", "Klorfeniramin maleat", "4 mg", "tablet", "bebas_terbatas", Some("P1"), "oral", 2_500),
        drug(6, "OBH Sirup 100 ml", "Obat batuk hitam", "100 ml", "sirup", "bebas_terbatas", Some("P1"), "oral", 12_000),
        drug(7, "Povidon Iodin 10% 30 ml", "Povidon iodin", "10%", "larutan", "bebas_terbatas", Some("P3"), "external", 14_000),
        drug(8, "Ibuprofen 200 mg", "Ibuprofen", "200 mg", "tablet", "bebas_terbatas", Some("P1"), "oral", 6_000),
        drug(9, "Amoksisilin 500 mg", "Amoksisilin", "500 mg", "kapsul", "keras", None, "oral", 8_000),
        drug(10, "Amlodipin 5 mg", "Amlodipin", "5 mg", "tablet", "keras", None, "oral", 6_500),
        drug(11, "Metformin 500 mg", "Metformin", "500 mg", "tablet", "keras", None, "oral", 7_000),
        drug(12, "Dekstrometorfan 15 mg", "Dekstrometorfan", "15 mg", "tablet", "oot", None, "oral", 3_500),
    ];
    let mut receipts = Vec::new();
    let today = now.date_naive();
    for (i, p) in products.iter().enumerate() {
        let r = mix(i as u64 + 77);
        let days_ago = 1 + (r % 6) as i64;
        let at = now - Duration::days(days_ago) - Duration::hours(2);
        let qty = if p.sold_by == "piece" { 24_000 + (r % 5) as i64 * 12_000 } else { 50_000 + (r % 4) as i64 * 25_000 };
        let cost = p.price * 85 / 100;
        let supplier = if p.drug.is_some() { "PBF Sehat Sentosa" } else { "Bulog Cabang" };
        let reference = format!("{supplier} / INV-{}-{:03}", (today - Duration::days(days_ago)).format("%y%m%d"), i + 1);
        if p.drug.is_some() {
            // Two batches per drug: one expiring soon (or, for one drug, already expired), one later.
            let soon = if i % 5 == 0 { today - Duration::days(3) } else { today + Duration::days(20 + (r % 40) as i64) };
            receipts.push(NewReceipt {
                product: i,
                batch_no: Some(format!("B{:02}{:04}A", i, r % 10_000)),
                expiry: Some(soon),
                qty_milli: 10_000,
                unit_cost: cost,
                reference: reference.clone(),
                at,
            });
            receipts.push(NewReceipt {
                product: i,
                batch_no: Some(format!("B{:02}{:04}B", i, (r >> 16) % 10_000)),
                expiry: Some(today + Duration::days(300 + (r % 400) as i64)),
                qty_milli: qty,
                unit_cost: cost,
                reference,
                at: at + Duration::days(1),
            });
        } else {
            receipts.push(NewReceipt { product: i, batch_no: None, expiry: None, qty_milli: qty, unit_cost: cost, reference, at });
        }
    }
    (products, receipts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::temp_store;

    #[test]
    fn the_demo_prints_to_a_file_beside_its_database_unless_a_printer_is_set() {
        use crate::config::printer::TransportConfig;
        let mut c = crate::config::Config::default();
        with_demo_printer(&mut c, std::path::Path::new("/home/u/.local/share/loket/demo.db"));
        assert_eq!(c.printer.transport, TransportConfig::File("/home/u/.local/share/loket/demo-printer.out".into()));
        let mut c = crate::config::Config::default();
        with_demo_printer(&mut c, std::path::Path::new("demo.db"));
        assert_eq!(c.printer.transport, TransportConfig::File("./demo-printer.out".into()));
        let mut c = crate::config::Config::default();
        c.printer.transport = TransportConfig::Tcp { host: "10.0.0.9".into(), port: 9100 };
        with_demo_printer(&mut c, std::path::Path::new("/tmp/demo.db"));
        assert_eq!(c.printer.transport, TransportConfig::Tcp { host: "10.0.0.9".into(), port: 9100 });
    }

    #[test]
    fn the_demo_day_has_stock_alerts_and_queue_figures() {
        let (_d, mut s) = temp_store();
        let now = Utc::now();
        seed(&mut s, 10, now).unwrap();
        let today = now.date_naive();
        let a = crate::store::Actor::system("t");
        s.take_ticket(&a, "A", None, &Default::default(), today, now).unwrap();
        let sum = s.summary(today, today, today, 30).unwrap();
        assert_eq!(sum.queue[0].service, "A");
        assert_eq!(sum.queue[0].taken, 1);
        // The demo has a drug batch past its expiry and others expiring within 30 days.
        assert!(sum.stock_alerts.iter().any(|a| a.kind == "expired"));
        assert!(sum.stock_alerts.iter().any(|a| a.kind == "expiring"));
    }

    #[test]
    fn the_kept_day_figures_agree_with_the_rows_through_sales_voids_returns_and_calls() {
        let (_d, mut s) = temp_store();
        let now = Utc::now();
        seed(&mut s, 20, now).unwrap();
        let today = now.date_naive();
        let (from, to) = (today - chrono::Duration::days(10), today + chrono::Duration::days(1));
        assert_eq!(s.check_figures(from, to).unwrap(), Vec::<String>::new());
        // A void and a partial return, approved by the supervisor; calls with waits.
        let budi = s.user("budi").unwrap().unwrap();
        let joko = s.user("joko").unwrap().unwrap();
        let numbers: Vec<String> = s.conn().prepare("SELECT number FROM sales WHERE status = 'paid' ORDER BY id LIMIT 2").unwrap()
            .query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect();
        s.write(|tx| crate::store::returns::void_or_return_in(tx, &budi.actor(), &joko, &numbers[0], None, "salah input", None, now)).unwrap();
        s.write(|tx| crate::store::returns::void_or_return_in(tx, &budi.actor(), &joko, &numbers[1], Some((1, 1000)), "rusak", None, now)).ok();
        let counter = crate::config::Config::default().queue.counters[0].clone();
        let rule = crate::config::Config::default().queue.rule;
        let a = crate::store::Actor::system("t");
        for i in 0..5 {
            s.take_ticket(&a, "A", None, &rule, today, now - chrono::Duration::minutes(40 - i)).unwrap();
        }
        for i in 0..4 {
            s.call_next(&a, &counter, &rule, today, now + chrono::Duration::minutes(i)).unwrap();
        }
        assert_eq!(s.check_figures(from, to).unwrap(), Vec::<String>::new(), "kept figures = the rows");
        let kept = s.summary(from, to, today, 30).unwrap();
        let rows = s.summary_from_rows(from, to, today, 30).unwrap();
        assert_eq!(kept, rows);
        assert!(kept.queue.iter().any(|q| q.service == "A" && q.p90_wait_min.is_some()));
        assert!(kept.sales.returned > 0, "the partial return is counted: {:?}", kept.sales);
    }

    #[test]
    fn stock_levels_follow_the_movements_and_a_drift_is_caught() {
        let (_d, mut s) = temp_store();
        seed(&mut s, 5, Utc::now()).unwrap();
        assert_eq!(s.check_sales().unwrap(), Vec::<String>::new());
        assert!(s.conn().execute("DELETE FROM stock_movements WHERE id = 1", []).is_err(), "movements are append-only");
        s.conn().execute("UPDATE stock_levels SET qty_milli = qty_milli + 1 WHERE product_id = 1", []).unwrap();
        assert_eq!(s.check_sales().unwrap().len(), 1);
    }


    #[test]
    fn demo_patients_have_valid_unique_niks() {
        let now = Utc::now();
        let mut seen = std::collections::HashSet::new();
        for i in (0..30_000).chain(999_000..1_000_000) {
            let (p, _) = demo_patient(i, now.date_naive(), now);
            let nik = Nik::parse(p.nik.as_deref().unwrap()).unwrap();
            assert_eq!(nik.sex().code(), p.sex);
            assert_eq!(nik.birth_day() as u32, p.birth_date.unwrap().day());
            assert!(seen.insert(nik.as_str().to_string()), "duplicate NIK at {i}");
            if let Some(b) = &p.bpjs {
                assert_eq!(b.len(), 13);
            }
        }
    }

    #[test]
    fn seeding_fills_every_part_once() {
        let (_d, mut store) = temp_store();
        let now = Utc::now();
        let s = seed(&mut store, 300, now).unwrap();
        assert_eq!(s, Seeded { users: 6, patients: 300, products: 27 });
        assert!(store.is_demo().unwrap());
        // Reusing the database seeds nothing again.
        assert_eq!(seed(&mut store, 300, now).unwrap(), Seeded::default());
        assert_eq!(store.patient_count().unwrap(), 300);
        let id = store.product_id_by_barcode(products_first_barcode().as_str()).unwrap().unwrap();
        assert!(store.stock_on_hand(id).unwrap() > 0);
        assert_eq!(store.verify_audit().unwrap().problems(), None);
        assert_eq!(store.sale_count().unwrap(), 60, "five days of history");
        let outside: i64 = store.conn().query_row("SELECT count(*) FROM sales WHERE shift_id IS NULL", [], |r| r.get(0)).unwrap();
        assert_eq!(outside, 0, "every demo sale belongs to a shift");
        let open: i64 = store.conn().query_row("SELECT count(*) FROM shifts WHERE closed_at IS NULL", [], |r| r.get(0)).unwrap();
        assert_eq!(open, 0, "the history's shifts are closed, with their Z numbers");
        assert_eq!(store.member_count().unwrap(), 22);
        assert_eq!(store.check_sales().unwrap(), Vec::<String>::new());
        assert!(store.product_by_plu(&demo_plu(1)).unwrap().is_some(), "weighed goods have a PLU");
    }

    fn products_first_barcode() -> String {
        demo_catalog(Utc::now()).0[0].barcode.clone().unwrap()
    }

    #[test]
    fn demo_barcodes_are_valid_ean13() {
        for p in demo_catalog(Utc::now()).0 {
            assert!(ean::is_valid(p.barcode.as_deref().unwrap()), "{}", p.name);
        }
    }
}
