//! Sales: the sale screen driven by keys through the real app and store (scans, weighed codes,
//! member prices, drug rules, payments, voids), the store's whole-or-nothing rules, snapshots,
//! and a crash test that kills the real binary in the middle of committing sales.

mod common;
use common::*;
use loket::domain::cart::{Method, PayError, Tender};
use loket::domain::weighed;
use loket::store::sales::{NewLine, NewSale, Refusal, SaleRules};
use loket::store::{OpenMode, Store, StoreError};
use loket::text::Lang;
use rusqlite::Connection;

/// The demo product at index i: its barcode.
const BERAS_CURAH: usize = 1;
const MINYAKITA: usize = 2;
const GULA: usize = 3;
const PARASETAMOL: usize = 15;
const CTM: usize = 19;
const AMOKSISILIN: usize = 23;
const DEKSTROMETORFAN: usize = 26;

fn db(app: &loket::app::App) -> Connection {
    Connection::open(app.store.path()).unwrap()
}

fn count(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn product_id(app: &loket::app::App, i: usize) -> i64 {
    app.store.product_id_by_barcode(&code(i)).unwrap().unwrap()
}

fn cashier_at_sale(lang: Lang) -> (tempfile::TempDir, loket::app::App) {
    let (d, mut app) = app(lang);
    login_with_shift(&mut app, "budi", "2222");
    send(&mut app, &["f4"]);
    (d, app)
}

#[test]
fn scans_add_lines_and_cash_gives_exact_change() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    let oil = product_id(&app, MINYAKITA);
    let before = app.store.stock_on_hand(oil).unwrap();
    send(&mut app, &[&code(MINYAKITA), "enter", &code(MINYAKITA), "enter", &code(GULA), "enter"]);
    assert_eq!(app.state.sale.lines.len(), 2, "the same piece scanned twice is one line: {}", flash(&app));
    assert_eq!(app.state.sale.lines[0].qty_milli, 2000);
    assert_eq!(app.state.sale.total(&app.state.config.sales).total, 2 * 15_700 + 17_500);
    send(&mut app, &["f10", "40000", "enter"]);
    assert_eq!(flash(&app), "Masih kurang Rp8.900: bayar sisanya.");
    send(&mut app, &["10000", "enter"]);
    assert_eq!(flash(&app), "Penjualan 20261123-0001 lunas Rp48.900. Kembalian Rp1.100.");
    assert!(app.state.sale.lines.is_empty());
    let c = db(&app);
    assert_eq!(count(&c, "SELECT count(*) FROM sales WHERE status = 'paid' AND total = 48900 AND change_given = 1100"), 1);
    let last = "(SELECT max(id) FROM sales)";
    assert_eq!(count(&c, &format!("SELECT count(*) FROM payments WHERE method = 'cash' AND sale_id = {last}")), 2);
    assert_eq!(count(&c, &format!("SELECT sum(amount) FROM payments WHERE sale_id = {last}")), 48_900);
    assert_eq!(count(&c, &format!("SELECT tendered FROM payments WHERE sale_id = {last} ORDER BY id DESC LIMIT 1")), 10_000);
    assert_eq!(count(&c, &format!("SELECT count(*) FROM sales WHERE id = {last} AND user_id = (SELECT id FROM users WHERE name = 'budi') AND shift_id = (SELECT id FROM shifts WHERE closed_at IS NULL)")), 1);
    assert_eq!(count(&c, &format!("SELECT count(*) FROM stock_movements WHERE sale_id = {last} AND user_id IS NOT NULL")), 2);
    assert_eq!(app.store.stock_on_hand(oil).unwrap(), before - 2000);
    assert_eq!(app.store.check_sales().unwrap(), Vec::<String>::new());
}

#[test]
fn bad_scans_quantities_and_searches_say_what_is_wrong() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    send(&mut app, &["8990000000000", "enter"]);
    assert!(flash(&app).contains("digit cek"), "{}", flash(&app));
    let unknown = loket::domain::ean::with_check_digit("899999999999").unwrap();
    send(&mut app, &[&unknown, "enter"]);
    assert!(flash(&app).starts_with(&format!("Barcode {unknown} tidak dikenal")), "{}", flash(&app));
    assert!(app.state.sale.lines.is_empty());
    // Typing a name searches; Enter adds the selected product.
    send(&mut app, &["gula", "enter"]);
    assert_eq!(app.state.sale.hits.len(), 1);
    send(&mut app, &["enter"]);
    assert_eq!(app.state.sale.lines[0].product.name, "Gula Pasir 1 kg");
    send(&mut app, &["0", "f6"]);
    assert_eq!(flash(&app), "Gula Pasir 1 kg: jumlah tidak boleh nol.");
    send(&mut app, &["1,5", "f6"]);
    assert_eq!(flash(&app), "Gula Pasir 1 kg dijual per buah: jumlah harus bulat.");
    send(&mut app, &["5000", "f6"]);
    assert!(flash(&app).contains("terlalu besar"), "{}", flash(&app));
    send(&mut app, &["900", "f6"]);
    assert!(flash(&app).starts_with("Stok Gula Pasir 1 kg tidak cukup"), "{}", flash(&app));
    send(&mut app, &["3", "f6"]);
    assert_eq!(app.state.sale.lines[0].qty_milli, 3000);
    send(&mut app, &["f7"]);
    assert!(app.state.sale.lines.is_empty());
    assert_eq!(count(&db(&app), "SELECT count(*) FROM sales"), 60, "only the demo history");
}

#[test]
fn weighed_codes_add_the_weight_inside() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    let scale = weighed::make("2000002", 1_250, &weighed::Layout::default()).unwrap();
    send(&mut app, &[&scale, "enter"]);
    let line = &app.state.sale.lines[0];
    assert_eq!((line.product.name.as_str(), line.qty_milli), ("Beras Premium curah", 1_250));
    assert_eq!(app.state.sale.total(&app.state.config.sales).total, 18_625);
    let rice = product_id(&app, BERAS_CURAH);
    let before = app.store.stock_on_hand(rice).unwrap();
    send(&mut app, &["f10", "enter"]);
    assert_eq!(flash(&app), "Penjualan 20261123-0001 lunas Rp18.625. Kembalian Rp0.");
    assert_eq!(app.store.stock_on_hand(rice).unwrap(), before - 1_250);
}

#[test]
fn member_prices_apply_and_member_credit_pays() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    send(&mut app, &["KMP-9000001", "f8"]);
    assert_eq!(flash(&app), "Anggota KMP-9000001 Warung Bu Tini: harga anggota berlaku.");
    send(&mut app, &[&code(MINYAKITA), "enter"]);
    assert_eq!(app.state.sale.total(&app.state.config.sales).total, 14_915);
    send(&mut app, &["f10", "f7", "enter"]);
    assert!(flash(&app).starts_with("Penjualan 20261123-0001 lunas Rp14.915"), "{}", flash(&app));
    let m = app.store.member_by_no("KMP-9000001").unwrap().unwrap();
    assert_eq!(m.credit_used, 14_915);
    let c = db(&app);
    assert_eq!(count(&c, "SELECT count(*) FROM sales WHERE member_id IS NOT NULL"), 1);
    assert_eq!(count(&c, "SELECT member_price FROM sale_lines ORDER BY id DESC LIMIT 1"), 1);
    // Credit needs a member.
    send(&mut app, &[&code(GULA), "enter", "f10", "f7"]);
    assert_eq!(flash(&app), "Kredit hanya untuk anggota: pasang anggota dulu.");
}

#[test]
fn split_payment_and_qris_needs_its_reference() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    send(&mut app, &[&code(GULA), "enter", "f10", "f6", "enter"]);
    assert!(flash(&app).starts_with("Ketik nomor referensi QRIS"), "{}", flash(&app));
    send(&mut app, &["f5", "10000", "enter", "f6", "QR-778812", "enter"]);
    assert!(flash(&app).starts_with("Penjualan 20261123-0001 lunas Rp17.500. Kembalian Rp0."), "{}", flash(&app));
    let c = db(&app);
    assert_eq!(count(&c, "SELECT amount FROM payments WHERE method = 'qris' AND reference = 'QR-778812'"), 7_500);
    assert_eq!(count(&c, "SELECT amount FROM payments WHERE method = 'cash' AND sale_id = (SELECT max(id) FROM sales)"), 10_000);
}

#[test]
fn drug_rules_fefo_and_prescriptions_with_labels() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    send(&mut app, &[&code(AMOKSISILIN), "enter"]);
    assert_eq!(flash(&app), "Amoksisilin 500 mg hanya boleh dijual petugas farmasi dengan resep.");
    send(&mut app, &[&code(DEKSTROMETORFAN), "enter"]);
    assert_eq!(flash(&app), "Dekstrometorfan 15 mg (obat-obat tertentu (OOT)) tidak boleh dijual di loket ini.");
    assert!(app.state.sale.lines.is_empty());
    send(&mut app, &[&code(CTM), "enter"]);
    assert!(flash(&app).starts_with("P1 Awas! Obat Keras. Bacalah aturan memakainya."), "{}", flash(&app));
    // Parasetamol: 10 pieces in an expired batch are never sold; FEFO takes the good batch.
    send(&mut app, &[&code(PARASETAMOL), "enter", "12", "f6", "f10", "enter"]);
    let c = db(&app);
    let expired_sold = count(
        &c,
        "SELECT count(*) FROM stock_movements m JOIN batches b ON b.id = m.batch_id WHERE m.kind = 'sale' AND b.expiry <= '2026-11-23'",
    );
    assert_eq!(expired_sold, 0);
    assert_eq!(count(&c, "SELECT -sum(qty_milli) FROM stock_movements WHERE kind = 'sale' AND sale_id = (SELECT max(id) FROM sales)"), 13_000);

    // The pharmacist sells the prescription drug once the prescription is recorded.
    let (_d2, mut app) = app_with_printer();
    login_with_shift(&mut app, "rina", "3333");
    send(&mut app, &["f4", &code(AMOKSISILIN), "enter"]);
    assert_eq!(app.state.sale.mode, loket::screens::sale::Mode::Prescription);
    send(&mut app, &["dr. Andi", "tab", "446/12/SIP/2025", "tab", "20-11-2026", "tab", "R/0042", "tab", "RM-0000001", "tab", "3 x sehari 1 kapsul sesudah makan", "f10"]);
    assert_eq!(app.state.sale.lines.len(), 1, "{}", flash(&app));
    send(&mut app, &["f10", "enter"]);
    assert!(flash(&app).contains("lunas Rp8.000"), "{}", flash(&app));
    let c = db(&app);
    assert_eq!(count(&c, "SELECT count(*) FROM prescriptions WHERE number = 'R/0042' AND prescriber = 'dr. Andi'"), 1);
    let sale_id = count(&c, "SELECT max(id) FROM sales");
    let jobs = app.store.print_jobs_for("sales", sale_id).unwrap();
    assert_eq!(jobs.len(), 2, "a receipt and a label");
    assert!(jobs[0].preview.contains("Amoksisilin 500 mg") && jobs[0].preview.contains("Rp8.000"));
    // Directions print in double size (spaced out in the preview).
    let label: String = jobs[1].preview.split_whitespace().collect();
    let patient: String = db(&app).query_row("SELECT replace(name, ' ', '') FROM patients WHERE rm_number = 'RM-0000001'", [], |r| r.get(0)).unwrap();
    assert!(label.contains("3xsehari1kapsulsesudahmakan") && label.contains("R/0042") && label.contains(&patient), "{}", jobs[1].preview);
    assert!(jobs[1].preview.contains("OBAT DALAM"), "a white label for oral use");
}

fn app_with_printer() -> (tempfile::TempDir, loket::app::App) {
    let (d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    (d, app)
}

#[test]
fn voids_and_returns_need_a_supervisor_pin_and_put_stock_back() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    let oil = product_id(&app, MINYAKITA);
    let start = app.store.stock_on_hand(oil).unwrap();
    send(&mut app, &[&code(MINYAKITA), "enter", &code(MINYAKITA), "enter", &code(GULA), "enter", "f10", "50000", "enter"]);
    let number = app.state.sale.last.as_ref().unwrap().number.clone();
    // Return one oil (line 1), approved by the supervisor: a wrong PIN first.
    send(&mut app, &["ctrl-x", "enter", "1", "tab", "1", "tab", "joko", "tab", "9999", "tab", "rusak", "f10"]);
    assert_eq!(flash(&app), "Nama atau PIN salah.");
    assert_eq!(app.state.sale.form[loket::screens::sale::VOID_PIN].value(), "", "the PIN leaves the form");
    send(&mut app, &["tab", "tab", "tab", "tab", "tab", "4444", "f10"]);
    assert_eq!(flash(&app), format!("Retur dari {number} dicatat; kembalikan Rp15.700."));
    assert_eq!(app.store.stock_on_hand(oil).unwrap(), start - 1000);
    // A cashier cannot approve.
    send(&mut app, &["ctrl-x", "enter", "tab", "tab", "budi", "tab", "2222", "tab", "salah input", "f10"]);
    assert_eq!(flash(&app), "Yang menyetujui harus pengawas.");
    send(&mut app, &["esc", "ctrl-x", "enter", "tab", "tab", "joko", "tab", "4444", "tab", "salah input", "f10"]);
    assert_eq!(flash(&app), format!("Penjualan {number} dibatalkan; kembalikan Rp33.200."));
    assert_eq!(app.store.stock_on_hand(oil).unwrap(), start);
    let c = db(&app);
    assert_eq!(count(&c, &format!("SELECT count(*) FROM sales WHERE number = '{number}' AND status = 'voided' AND void_reason = 'salah input'")), 1);
    assert_eq!(count(&c, "SELECT sum(amount) FROM payments WHERE kind = 'refund'"), 48_900);
    assert_eq!(count(&c, "SELECT count(*) FROM sale_returns"), 2);
    assert_eq!(app.store.check_sales().unwrap(), Vec::<String>::new());
    send(&mut app, &["ctrl-x", "enter", "tab", "tab", "joko", "tab", "4444", "tab", "lagi", "f10"]);
    assert_eq!(flash(&app), format!("Penjualan {number} sudah dibatalkan."));
}

#[test]
fn park_and_resume() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    send(&mut app, &["KMP-9000002", "f8", &code(GULA), "enter", "f11"]);
    assert!(flash(&app).starts_with("Penjualan ditahan"), "{}", flash(&app));
    assert!(app.state.sale.lines.is_empty() && app.state.sale.member.is_none());
    send(&mut app, &[&code(MINYAKITA), "enter", "f10", "enter", "ctrl-r"]);
    assert_eq!(app.state.sale.parked.len(), 1);
    send(&mut app, &["enter"]);
    assert_eq!(app.state.sale.lines.len(), 1);
    assert_eq!(app.state.sale.member.as_ref().unwrap().member_no, "KMP-9000002");
    assert_eq!(app.state.sale.total(&app.state.config.sales).total, 16_625, "member price after resuming");
    assert!(app.store.parked_sales().unwrap().is_empty());
}

#[test]
fn a_sale_is_whole_or_not_at_all() {
    let (_d, mut app) = app(Lang::Id);
    let budi = app.store.user("budi").unwrap().unwrap();
    let rules = SaleRules {
        charges_vat: false,
        fefo: loket::domain::fefo::Rules { warn_days: 30, block_near_expiry: false, allow_negative: false },
        credit_limit: 0,
        policy: Default::default(),
        pharmacist: false,
        rounding: Default::default(),
        discounts: Default::default(),
        seller_role: loket::domain::user::Role::Cashier,
    };
    let day = "2026-11-23".parse().unwrap();
    let ids: Vec<i64> = (0..27).map(|i| product_id(&app, i)).collect();
    let line = |i: usize, q: i64| NewLine { product_id: ids[i], qty_milli: q, fixed_amount: None, prescription: None, change: None };
    let cash = |a: i64| vec![Tender { method: Method::Cash, amount: a, reference: None }];
    let before = count(&db(&app), "SELECT count(*) FROM stock_movements");
    // The second line has no stock: nothing of the first is written either.
    let sale = NewSale { lines: vec![line(GULA, 1000), line(MINYAKITA, 999_000)], member_id: None, patient_id: None, tenders: cash(10_000_000), business_day: day, shift_id: None, discount: None };
    let e = app.store.commit_sale(&budi.actor(), &sale, &rules, fixed_now()).unwrap_err();
    assert!(matches!(e, StoreError::Sale(Refusal::OutOfStock { .. })), "{e:?}");
    // Paying less than the total.
    let sale = NewSale { lines: vec![line(GULA, 1000)], tenders: cash(17_000), ..sale };
    let e = app.store.commit_sale(&budi.actor(), &sale, &rules, fixed_now()).unwrap_err();
    assert!(matches!(e, StoreError::Sale(Refusal::Payment(PayError::Short { due: 500 }))), "{e:?}");
    // An expired-only drug.
    let sale = NewSale { lines: vec![line(PARASETAMOL, 200_000)], tenders: cash(10_000_000), ..sale };
    let e = app.store.commit_sale(&budi.actor(), &sale, &rules, fixed_now()).unwrap_err();
    assert!(matches!(e, StoreError::Sale(Refusal::OutOfStock { expired: 10_000, .. })), "{e:?}");
    let c = db(&app);
    assert_eq!(count(&c, "SELECT count(*) FROM stock_movements"), before);
    assert_eq!(count(&c, "SELECT count(*) FROM sales"), 60);
    assert_eq!(app.store.verify_audit().unwrap().problems(), None);
}

#[test]
fn sale_screen_80x24() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    send(&mut app, &["KMP-9000001", "f8", &code(MINYAKITA), "enter", &code(MINYAKITA), "enter", &code(GULA), "enter"]);
    let scale = weighed::make("2000002", 1_250, &weighed::Layout::default()).unwrap();
    send(&mut app, &[&scale, "enter"]);
    app.state.flash = None;
    insta::assert_snapshot!("sale_cart_80x24", screen_text(&app.state, 80, 24));
    send(&mut app, &["f10", "50000", "enter"]);
    app.state.flash = None;
    insta::assert_snapshot!("sale_pay_80x24", screen_text(&app.state, 80, 24));
}

#[test]
fn killed_in_the_middle_of_sales_every_sale_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    // Some sales committed, then kill -9 in the middle of the next ones, three times.
    let path = killed_simulations(&dir, "sales", |round| 20 + round * 7);
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(store.check_sales().unwrap(), Vec::<String>::new());
    let c = Connection::open(&path).unwrap();
    assert_eq!(c.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap(), "ok");
    // Stock on hand (the sum of movements) equals receipts minus what the sales lines hold.
    let mismatched = count(
        &c,
        "SELECT count(*) FROM products p WHERE
           (SELECT coalesce(sum(qty_milli), 0) FROM stock_movements m WHERE m.product_id = p.id)
           != (SELECT coalesce(sum(qty_milli), 0) FROM stock_movements m WHERE m.product_id = p.id AND m.kind IN ('receipt', 'adjustment', 'writeoff'))
              - (SELECT coalesce(sum(l.qty_milli - l.returned_milli), 0) FROM sale_lines l WHERE l.product_id = p.id)",
    );
    assert_eq!(mismatched, 0);
    assert!(count(&c, "SELECT count(*) FROM sales WHERE business_day >= date('now', '-1 day')") >= 60);
    assert_eq!(store.verify_audit().unwrap().problems(), None);
}

#[test]
fn receiving_reports_writeoff_and_the_stock_card() {
    let (_d, mut app) = app(Lang::Id);
    let budi = app.store.user("budi").unwrap().unwrap().actor();
    let para = product_id(&app, PARASETAMOL);
    let today: chrono::NaiveDate = "2026-11-23".parse().unwrap();
    let before = app.store.stock_on_hand(para).unwrap();
    let line = |batch: &str, expiry: &str, qty: i64| loket::store::stock::ReceiveLine {
        product_id: para,
        batch_no: Some(batch.into()),
        expiry: Some(expiry.parse().unwrap()),
        qty_milli: qty,
        unit_cost: 4_000,
        free: false,
    };
    app.store.receive(&budi, "PBF Sehat", "INV-77", &[line("EARLY", "2026-12-01", 5_000)], fixed_now()).unwrap();
    // A drug without batch and expiry is refused, and nothing of that receiving is kept.
    let mut no_batch = line("X", "2027-01-01", 1_000);
    no_batch.batch_no = None;
    let e = app.store.receive(&budi, "PBF Sehat", "INV-78", &[line("LATE", "2028-01-01", 1_000), no_batch], fixed_now()).unwrap_err();
    assert!(matches!(e, StoreError::Stock(loket::domain::stock::StockRefusal::BatchNeeded(_))));
    assert_eq!(app.store.stock_on_hand(para).unwrap(), before + 5_000);
    // FEFO now takes the new batch expiring 1 December first.
    let batches = app.store.batch_stock(para).unwrap();
    let picked = loket::domain::fefo::pick(&batches, 6_000, today, loket::domain::fefo::Rules { warn_days: 30, block_near_expiry: false, allow_negative: false }).unwrap();
    assert_eq!(picked.takes[0].batch_no.as_deref(), Some("EARLY"));
    assert_eq!(picked.expiring_soon, Some("2026-12-01".parse().unwrap()));
    let expiring = app.store.expiring(today, 30).unwrap();
    assert!(expiring.iter().any(|e| e.batch_no == "EARLY"));
    assert!(expiring.iter().any(|e| e.product == "Parasetamol 500 mg" && e.expiry < today), "the expired batch is listed");
    let n = app.store.write_off_expired(&budi, today, fixed_now()).unwrap();
    assert_eq!(n, 3, "the three demo drugs with an expired batch");
    let card = app.store.stock_card(para).unwrap();
    assert_eq!(card.last().unwrap().balance, app.store.stock_on_hand(para).unwrap());
    assert!(card.iter().any(|r| r.kind == "writeoff" && r.qty_milli == -10_000));
    assert!(card.iter().any(|r| r.reference == "PBF Sehat / INV-77"));
    let low = app.store.low_stock(30_000).unwrap();
    assert!(low.iter().all(|o| o.on_hand <= 30_000) && !low.is_empty());
}

#[test]
fn catalog_csv_exports_imports_and_names_bad_lines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let dbs = db.to_str().unwrap();
    let (code, _, err) = run_loket(dir.path(), &["demo", "--seed-only", "--patients", "10", "--db", dbs], &[]);
    assert_eq!(code, 0, "{err}");
    let (code, csv, _) = run_loket(dir.path(), &["catalog", "export", "--db", dbs], &[]);
    assert_eq!(code, 0);
    assert_eq!(csv.lines().count(), 28);
    assert!(csv.contains("Povidon Iodin 10% 30 ml,obat,strip,piece,14000,,standard,,0,,Povidon iodin,10%,larutan,bebas_terbatas,P3,external,"));
    let edited = csv.replace("Gula Pasir 1 kg,sembako,kg,piece,17500", "Gula Pasir 1 kg,sembako,kg,piece,18000")
        + "2000099,,\"Kacang Tanah, curah\",sembako,kg,weight,32000,,exempt,,0,2,,,,,,,\n";
    let file = dir.path().join("k.csv");
    std::fs::write(&file, edited).unwrap();
    let (code, out, err) = run_loket(dir.path(), &["catalog", "import", file.to_str().unwrap(), "--db", dbs, "--as", "admin"], &[("LOKET_AS_PIN", "1234")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "Katalog: 1 barang ditambahkan, 27 diperbarui.");
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    assert_eq!(store.search_products("gula", 5).unwrap()[0].price, 18_000);
    assert_eq!(store.search_products("kacang", 5).unwrap()[0].reorder_level, Some(2_000));
    std::fs::write(&file, "name,price,class\nKopi,15000,\nObat X,abc,\n").unwrap();
    let (code, _, err) = run_loket(dir.path(), &["catalog", "import", file.to_str().unwrap(), "--db", dbs, "--lang", "en"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("k.csv:3: price: invalid value \"abc\""), "{err}");
    std::fs::write(&file, "barcode,name,price\n8991000000011,Salah,1000\n").unwrap();
    let (_, _, err) = run_loket(dir.path(), &["catalog", "import", file.to_str().unwrap(), "--db", dbs, "--lang", "en"], &[]);
    assert!(err.contains("k.csv:2: barcode: Barcode 8991000000011 misread"), "{err}");
    assert_eq!(store.product_count().unwrap(), 28, "a bad file changes nothing");
}

#[test]
fn a_dynamic_qris_code_is_drawn_for_the_buyer_and_printed() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    let payload = "00020101021126630011ID.DANA.WWW011893600915300000000102150000000000000000303UMI51440014ID.CO.QRIS.WWW0215ID10200000000000303UMI5204541153033605802ID5914KDKMP SUKAMAJU6007CIANJUR61054325162070703A016304";
    // A configured payload ends in its CRC (config refuses one without).
    let payload = &format!("{payload}{:04X}", loket::domain::qris::crc16(payload.as_bytes()));
    app.state.config.sales.qris_payload = Some(payload.into());
    send(&mut app, &[&code(MINYAKITA), "enter", "f10", "f8"]);
    let screen = screen_text(&app.state, 110, 40);
    assert!(screen.contains('▀') && screen.contains('▄'), "the QR is drawn on a counter monitor: {screen}");
    let jobs = app.store.recent_print_jobs(1).unwrap();
    assert_eq!(jobs.len(), 1, "and printed");
}
