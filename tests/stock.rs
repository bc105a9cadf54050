//! Stock on the real store and screens: finding products by any spelling (barcode and PLU first,
//! the generic name, the same index after a catalog import), receiving (the rules, one
//! transaction with its slip, the screen with its dialogs) and the stock count.

mod common;
use common::*;
use loket::demo::demo_catalog;
use chrono::Duration;
use loket::store::Actor;

fn names(found: &[loket::store::stock::Product]) -> Vec<String> {
    found.iter().map(|p| p.name.clone()).collect()
}

#[test]
fn a_drug_is_found_by_any_spelling_and_by_its_generic_name() {
    let (_d, store) = demo_store();
    let first = |q: &str| store.search_products(q, 10).unwrap().first().map(|p| p.name.clone()).unwrap_or_default();
    assert_eq!(first("paracetamol"), "Parasetamol 500 mg");
    assert_eq!(first("Paracetamol 500"), "Parasetamol 500 mg");
    assert_eq!(first("amoxicillin"), "Amoksisilin 500 mg");
    assert_eq!(first("amoxicil"), "Amoksisilin 500 mg", "while it is being typed");
    assert_eq!(first("vitamin c"), "Vitamin C 50 mg");
    assert_eq!(first("vitamin c "), "Vitamin C 50 mg");
    assert_eq!(first("klorfeniramin"), "CTM 4 mg", "the generic name");
    assert_eq!(first("chlorpheniramine"), "CTM 4 mg");
    assert_eq!(first("asam ascorb"), "Vitamin C 50 mg", "asam askorbat: c is k before o");
    assert_eq!(first("dextromethorphan"), "Dekstrometorfan 15 mg");
    assert_eq!(first("amlodipine"), "Amlodipin 5 mg");
    assert!(store.search_products("zzzz", 10).unwrap().is_empty());
    // Part of a word that the index does not start with: the names that contain it.
    assert_eq!(first("setamol"), "Parasetamol 500 mg");
}

#[test]
fn an_exact_barcode_or_plu_comes_first() {
    let (_d, mut store) = demo_store();
    let (products, _) = demo_catalog(fixed_now());
    let ctm = products.iter().find(|p| p.name == "CTM 4 mg").unwrap().barcode.clone().unwrap();
    assert_eq!(names(&store.search_products(&ctm, 10).unwrap())[0], "CTM 4 mg");
    // A PLU made of digits that are also in a product's name: the PLU's product is first.
    let gula = store.product_id_by_barcode(products[3].barcode.as_deref().unwrap()).unwrap().unwrap();
    store.set_plu(&Actor::system("test"), gula, "500", fixed_now()).unwrap();
    let found = names(&store.search_products("500", 10).unwrap());
    assert_eq!(found[0], "Gula Pasir 1 kg", "{found:?}");
    assert!(found.contains(&"Parasetamol 500 mg".to_string()), "then the names: {found:?}");
}

#[test]
fn an_imported_product_is_found_by_its_spelling_too() {
    let (_d, mut store) = demo_store();
    let mut rows = store.catalog().unwrap();
    let mut p = rows.iter().find(|p| p.name == "Ibuprofen 200 mg").unwrap().clone();
    p.name = "Cetirizine 10 mg".into();
    p.barcode = Some("2990000000019".into());
    if let Some(d) = p.drug.as_mut() {
        d.generic_name = "Setirizin".into();
    }
    rows = vec![p];
    store.import_catalog(&Actor::system("test"), &rows, fixed_now()).unwrap();
    assert_eq!(names(&store.search_products("setirizin", 5).unwrap()), vec!["Cetirizine 10 mg"]);
    // A renamed product leaves its old name behind in the index.
    let mut again = store.catalog().unwrap().into_iter().find(|p| p.name == "Cetirizine 10 mg").unwrap();
    again.name = "Loratadin 10 mg".into();
    if let Some(d) = again.drug.as_mut() {
        d.generic_name = "Loratadin".into();
    }
    store.import_catalog(&Actor::system("test"), &[again], fixed_now()).unwrap();
    assert!(store.search_products("setirizin", 5).unwrap().is_empty());
    assert_eq!(names(&store.search_products("loratadine", 5).unwrap()), vec!["Loratadin 10 mg"]);
}

#[test]
fn people_are_found_in_the_old_spelling() {
    use loket::domain::search::parse_query;
    use loket::store::patients::PatientFields;
    let (_d, mut store) = demo_store();
    let clerk = Actor::system("test");
    for (name, nik) in [("Wahyu Suryadi", "3204120101800001"), ("Dedi Cahyono", "3204120202810002")] {
        let f = PatientFields { nik: Some(nik.into()), name: name.into(), sex: "L".into(), birth_date: "1980-01-01".parse().ok(), ..Default::default() };
        store.register_patient(&clerk, &f, "RM-", 6, fixed_now()).unwrap().unwrap();
    }
    let today = fixed_now().date_naive();
    let found = |q: &str| store.search_patients(&parse_query(q), today, 20).unwrap().into_iter().map(|h| h.patient.name).collect::<Vec<_>>();
    for q in ["wahju surjadi", "Wahju Surjadi ", "wahyu surj", "Dedy Tjahjono", "dedy tjah"] {
        let hits = found(q);
        assert!(hits.iter().any(|n| n == "Wahyu Suryadi" || n == "Dedi Cahyono"), "{q}: {hits:?}");
    }
}

// ---- Receiving ----

use loket::domain::stock::StockRefusal;
use loket::store::receiving::{Delivery, ReceiveLine};
use loket::store::StoreError;
use loket::text::Lang;

fn product_id(store: &loket::store::Store, name: &str) -> i64 {
    store.catalog().unwrap().into_iter().find(|p| p.name == name).unwrap().id
}

fn count(store: &loket::store::Store, sql: &str) -> i64 {
    rusqlite::Connection::open(store.path()).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn drug_line(id: i64, qty: i64, cost: i64, batch: &str, expiry: &str) -> ReceiveLine {
    ReceiveLine { product_id: id, batch_no: Some(batch.into()), expiry: Some(expiry.parse().unwrap()), qty_milli: qty, unit_cost: cost, free: false }
}

fn delivery(lines: Vec<ReceiveLine>) -> Delivery {
    Delivery { supplier: "PBF Sehat Sentosa".into(), invoice_no: "INV-1".into(), invoice_date: "2026-11-23".parse().ok(), invoice_total: Some(42_500), lines }
}

/// Stock by the sum of movements and by the levels the trigger keeps: they agree.
fn on_hand(store: &loket::store::Store, id: i64) -> i64 {
    let levels = count(store, &format!("SELECT coalesce(sum(qty_milli), 0) FROM stock_levels WHERE product_id = {id}"));
    let sum = store.stock_on_hand(id).unwrap();
    assert_eq!(levels, sum, "stock levels follow the movements");
    sum
}

#[test]
fn a_delivery_is_one_transaction_with_its_slip() {
    let (_d, mut store) = demo_store();
    let mut config = demo_config();
    config.printer.transport = loket::print::TransportConfig::File("/dev/null".into());
    let rina = Actor::user(3, "rina");
    let para = product_id(&store, "Parasetamol 500 mg");
    let gula = product_id(&store, "Gula Pasir 1 kg");
    let (p0, g0) = (on_hand(&store, para), on_hand(&store, gula));
    let mut bonus = drug_line(para, 2_000, 0, "B-NEW", "2027-12-01");
    bonus.free = true;
    let rice = ReceiveLine { product_id: gula, batch_no: None, expiry: None, qty_milli: 5_000, unit_cost: 14_000, free: false };
    let d = delivery(vec![drug_line(para, 10_000, 4_250, "B-NEW", "2027-12-01"), bonus, rice]);
    let got = loket::ops::stock::receive(&mut store, &config, &rina, &d, fixed_now()).unwrap();
    assert_eq!((got.lines, got.value), (3, 42_500 + 70_000));
    assert_eq!(on_hand(&store, para), p0 + 12_000);
    assert_eq!(on_hand(&store, gula), g0 + 5_000);
    assert_eq!(count(&store, "SELECT count(*) FROM stock_movements WHERE reason = 'free goods' AND unit_cost = 0"), 1);
    assert_eq!(count(&store, &format!("SELECT invoice_total FROM receivings WHERE id = {}", got.id)), 42_500);
    let slip: String = rusqlite::Connection::open(store.path())
        .unwrap()
        .query_row("SELECT preview FROM print_jobs WHERE kind = 'receiving-slip' AND ref_id = ?1", [got.id], |r| r.get(0))
        .unwrap();
    for want in ["PENERIMAAN", "PBF Sehat Sentosa", "INV-1", "Parasetamol 500 mg", "B-NEW", "bonus", "Rp112.500", "Rp42.500", "rina"] {
        assert!(slip.contains(want), "{want} missing from the slip:\n{slip}");
    }
    assert_eq!(store.suppliers(5).unwrap()[0], "PBF Sehat Sentosa", "the supplier list grows as used");
}

#[test]
fn bad_lines_are_refused_and_nothing_is_saved() {
    let (_d, mut store) = demo_store();
    let config = demo_config();
    let rina = Actor::user(3, "rina");
    let para = product_id(&store, "Parasetamol 500 mg");
    let good = drug_line(para, 10_000, 4_250, "B-NEW", "2027-12-01");
    let before = (count(&store, "SELECT count(*) FROM receivings"), count(&store, "SELECT count(*) FROM stock_movements"));
    let refused = |store: &mut loket::store::Store, bad: ReceiveLine| match loket::ops::stock::receive(store, &config, &rina, &delivery(vec![good.clone(), bad]), fixed_now()) {
        Err(StoreError::Stock(r)) => r,
        other => panic!("not refused: {other:?}"),
    };
    let name = "Parasetamol 500 mg".to_string();
    assert_eq!(refused(&mut store, drug_line(para, 0, 4_250, "B", "2027-12-01")), StockRefusal::Quantity(name.clone()));
    assert_eq!(refused(&mut store, drug_line(para, -1_000, 4_250, "B", "2027-12-01")), StockRefusal::Quantity(name.clone()));
    assert_eq!(refused(&mut store, drug_line(para, 1_000, 0, "B", "2027-12-01")), StockRefusal::ZeroCost(name.clone()));
    assert_eq!(refused(&mut store, drug_line(para, 1_000, 10, "B", "2026-11-22")), StockRefusal::Expired(name.clone(), "2026-11-22".parse().unwrap()));
    let mut no_batch = drug_line(para, 1_000, 10, "B", "2027-12-01");
    no_batch.batch_no = None;
    assert_eq!(refused(&mut store, no_batch), StockRefusal::BatchNeeded(name.clone()));
    let mut no_supplier = delivery(vec![good.clone()]);
    no_supplier.supplier = " ".into();
    assert!(matches!(loket::ops::stock::receive(&mut store, &config, &rina, &no_supplier, fixed_now()), Err(StoreError::Stock(StockRefusal::NoSupplier))));
    let after = (count(&store, "SELECT count(*) FROM receivings"), count(&store, "SELECT count(*) FROM stock_movements"));
    assert_eq!(before, after, "nothing saved half-way");
    // Each refusal reads as a sentence in the user's language.
    let t = loket::text::Text::new(Lang::Id);
    assert!(t.store_error(&StoreError::Stock(StockRefusal::ZeroCost(name))).contains("bonus"));
}

/// The receiving screen through the real app: header, a scan, the line dialog (an expiry close
/// to today asks first), the invoice total, F10.
fn at_receiving(lang: Lang) -> (tempfile::TempDir, loket::app::App) {
    let (d, mut app) = app(lang);
    login(&mut app, "rina", "3333");
    send(&mut app, &["r"]);
    assert_eq!(app.state.screen, loket::screens::ScreenId::Receiving);
    (d, app)
}

fn barcode_of(name: &str) -> String {
    demo_catalog(fixed_now()).0.iter().find(|p| p.name == name).unwrap().barcode.clone().unwrap()
}

#[test]
fn receiving_on_screen() {
    let (_d, mut app) = at_receiving(Lang::Id);
    let para = product_id(&app.store, "Parasetamol 500 mg");
    let before = on_hand(&app.store, para);
    send(&mut app, &["PBF Sehat", "tab", "INV-9", "tab", "23-11-2026", "tab", "40.000", "tab"]);
    send(&mut app, &[&barcode_of("Parasetamol 500 mg"), "enter"]);
    assert!(app.state.receiving.form.is_some(), "the scan opened the line: {}", flash(&app));
    // The cost comes from the last delivery (Rp4.250); an expiry ten days away asks first.
    send(&mut app, &["10", "enter", "enter", "B-NEW", "enter", "03-12-2026", "enter"]);
    let f = app.state.receiving.form.as_ref().expect("asked about the close expiry");
    assert!(f.error.as_deref().unwrap_or("").contains("10 hari"), "{:?}", f.error);
    send(&mut app, &["ctrl-u", "01-12-2027", "enter"]);
    assert!(app.state.receiving.form.is_none());
    assert_eq!(app.state.receiving.lines.len(), 1);
    insta::assert_snapshot!("receiving_80x24", screen_text(&app.state, 80, 24));
    // The lines (Rp42.500) differ from the invoice (Rp40.000): F10 warns, F10 again saves.
    send(&mut app, &["f10"]);
    assert!(flash(&app).contains("Rp2.500"), "{}", flash(&app));
    assert_eq!(on_hand(&app.store, para), before);
    send(&mut app, &["f10"]);
    assert!(flash(&app).contains("disimpan"), "{}", flash(&app));
    assert_eq!(on_hand(&app.store, para), before + 10_000);
    assert!(app.state.receiving.lines.is_empty(), "a new delivery starts empty");
    assert_eq!(app.state.receiving.suppliers, vec!["PBF Sehat".to_string()]);
}

#[test]
fn receiving_line_dialog_80x24_and_bad_input() {
    let (_d, mut app) = at_receiving(Lang::Id);
    send(&mut app, &["tab", "tab", "tab", "tab", "amoxicillin", "f5"]);
    assert_eq!(app.state.receiving.hits.len(), 1, "search by any spelling");
    send(&mut app, &["enter"]);
    assert!(app.state.receiving.form.is_some());
    // Zero cost without free goods, then an expiry in the past: clear messages, no line.
    send(&mut app, &["5", "enter", "ctrl-u", "0", "enter", "B1", "enter", "01-01-2027", "enter"]);
    let err = app.state.receiving.form.as_ref().unwrap().error.clone().unwrap_or_default();
    assert!(err.contains("bonus"), "{err}");
    send(&mut app, &["f8", "enter"]);
    assert!(app.state.receiving.form.is_none(), "free goods at cost zero are accepted");
    send(&mut app, &["amoksisilin", "f5", "enter", "5", "enter", "enter", "B2", "enter", "01-01-2025", "enter"]);
    let err = app.state.receiving.form.as_ref().unwrap().error.clone().unwrap_or_default();
    assert!(err.contains("sudah lewat"), "{err}");
    insta::assert_snapshot!("receiving_line_80x24", screen_text(&app.state, 80, 24));
    send(&mut app, &["esc"]);
    assert_eq!(app.state.receiving.lines.len(), 1);
    // No supplier yet: F10 says so and saves nothing.
    send(&mut app, &["f10"]);
    assert!(flash(&app).contains("pemasok"), "{}", flash(&app));
}

// ---- Stock count ----

use loket::ops::stock::{approve_count, record_count, start_count, Approver};

#[test]
fn a_count_is_blind_resumable_and_approved_by_a_supervisor() {
    let (_d, mut store) = demo_store();
    let config = demo_config();
    let rina = Actor::user(3, "rina");
    let sheet = start_count(&mut store, &rina, Some("obat"), fixed_now()).unwrap();
    assert!(sheet.lines.iter().all(|l| l.expected.is_none() && l.counted.is_none()), "nothing counted yet, nothing expected shown");
    assert!(matches!(start_count(&mut store, &rina, None, fixed_now()), Err(StoreError::Stock(StockRefusal::CountOpen))));
    let para = product_id(&store, "Parasetamol 500 mg");
    let para_lines: Vec<_> = sheet.lines.iter().filter(|l| l.product_id == para).cloned().collect();
    assert_eq!(para_lines.len(), 2, "one line per batch holding stock");
    let book: Vec<i64> = para_lines.iter().map(|l| store.batch_stock(para).unwrap().iter().find(|b| b.batch_id == l.batch_id).unwrap().on_hand).collect();
    // Two short in the first batch, the second as the books say.
    record_count(&mut store, &rina, sheet.id, para, para_lines[0].batch_id, book[0] - 2_000, fixed_now()).unwrap();
    record_count(&mut store, &rina, sheet.id, para, para_lines[1].batch_id, book[1], fixed_now()).unwrap();
    // Bad input: a product not on the sheet, a negative count.
    let gula = product_id(&store, "Gula Pasir 1 kg");
    assert!(matches!(record_count(&mut store, &rina, sheet.id, gula, None, 1_000, fixed_now()), Err(StoreError::Stock(StockRefusal::NotInSheet(_)))));
    assert!(matches!(record_count(&mut store, &rina, sheet.id, para, para_lines[0].batch_id, -1, fixed_now()), Err(StoreError::Stock(StockRefusal::Quantity(_)))));
    // Paused and resumed: the open count keeps what was counted.
    let resumed = store.open_count().unwrap().unwrap();
    assert_eq!(resumed.id, sheet.id);
    assert_eq!(resumed.lines.iter().filter(|l| l.counted.is_some()).count(), 2);
    let before = on_hand(&store, para);
    let movements = count(&store, "SELECT count(*) FROM stock_movements");
    // A wrong PIN, a cashier's PIN, no reason: nothing adjusted, the count stays open.
    let pin = |name: &str, pin: &str| Approver::Pin { name: name.into(), pin: pin.into() };
    assert!(approve_count(&mut store, &config, &rina, &pin("joko", "0000"), sheet.id, "opname", fixed_now()).unwrap().is_err());
    assert!(matches!(approve_count(&mut store, &config, &rina, &pin("budi", "2222"), sheet.id, "opname", fixed_now()), Err(StoreError::Sale(_))));
    assert!(matches!(approve_count(&mut store, &config, &rina, &pin("joko", "4444"), sheet.id, " ", fixed_now()), Err(StoreError::Stock(StockRefusal::NeedReason))));
    assert_eq!(count(&store, "SELECT count(*) FROM stock_movements"), movements);
    let approved = approve_count(&mut store, &config, &rina, &pin("joko", "4444"), sheet.id, "opname akhir bulan", fixed_now()).unwrap().unwrap();
    let short = approved.lines.iter().find(|l| l.batch_id == para_lines[0].batch_id).unwrap();
    assert_eq!((short.expected, short.counted, short.variance()), (Some(book[0]), Some(book[0] - 2_000), Some(-2_000)));
    assert_eq!(short.variance_value(), Some(-8_500), "two strips at the last cost Rp4.250");
    assert_eq!(on_hand(&store, para), before - 2_000, "stock is the sum of movements, the adjustment included");
    assert_eq!(count(&store, "SELECT count(*) FROM stock_movements"), movements + 1, "only the difference is adjusted");
    assert!(store.open_count().unwrap().is_none());
    let card = store.stock_card(para).unwrap();
    let last = card.last().unwrap();
    assert_eq!((last.kind.as_str(), last.qty_milli, last.reference.as_str(), last.user.as_str()), ("adjustment", -2_000, "opname #1", "joko"));
    assert_eq!(count(&store, "SELECT count(*) FROM audit WHERE action = 'approve' AND tbl = 'stock_counts'"), 1);
    // Every movement the count made is in the audit log with its digest.
    assert_eq!(store.verify_audit().unwrap().problems(), None);
}

#[test]
fn counting_on_screen_blind_then_approved() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "rina", "3333");
    send(&mut app, &["o"]);
    assert_eq!(app.state.screen, loket::screens::ScreenId::StockCount);
    send(&mut app, &["beras", "f5"]);
    assert!(flash(&app).contains("Bagian"), "{}", flash(&app));
    send(&mut app, &["ctrl-u", "obat", "f5"]);
    let sheet = app.state.count.sheet.clone().expect("a sheet for the drugs");
    // A name in another spelling goes to its line.
    send(&mut app, &["amoxicillin", "enter"]);
    assert_eq!(sheet.lines[app.state.count.selected].name, "Amoksisilin 500 mg");
    // Scan the CTM to go to its line, count two short of the books.
    let ctm = product_id(&app.store, "CTM 4 mg");
    send(&mut app, &[&barcode_of("CTM 4 mg"), "enter"]);
    let line = sheet.lines[app.state.count.selected].clone();
    assert_eq!(line.product_id, ctm);
    let book = app.store.batch_stock(ctm).unwrap().iter().find(|b| b.batch_id == line.batch_id).unwrap().on_hand;
    send(&mut app, &[&(book / 1000 - 2).to_string(), "enter"]);
    // A product that is not on the sheet (rice in a drug count).
    send(&mut app, &[&barcode_of("Gula Pasir 1 kg"), "enter"]);
    assert!(flash(&app).contains("tidak ada di lembar"), "{}", flash(&app));
    app.state.flash = None;
    let screen = screen_text(&app.state, 80, 24);
    let batch = line.batch_no.clone().unwrap();
    let row = screen.lines().find(|r| r.contains(&batch)).unwrap();
    let words: Vec<&str> = row.split_whitespace().collect();
    assert!(words.contains(&loket::domain::money::format_milli(book - 2_000).as_str()), "the count is shown: {row}");
    assert!(!words.contains(&loket::domain::money::format_milli(book).as_str()), "blind: the book figure is not shown: {row}");
    insta::assert_snapshot!("count_sheet_80x24", screen);
    // Paused: away and back, the count is still there.
    send(&mut app, &["esc", "o"]);
    assert_eq!(app.state.count.sheet.as_ref().map(|s| s.id), Some(sheet.id));
    let before = on_hand(&app.store, ctm);
    send(&mut app, &["f10", "joko", "tab", "4444", "tab", "opname bulanan", "enter"]);
    assert!(flash(&app).contains("disetujui"), "{}", flash(&app));
    assert_eq!(on_hand(&app.store, ctm), before - 2_000);
    insta::assert_snapshot!("count_variances_80x24", screen_text(&app.state, 80, 24));
}

#[test]
fn an_unknown_barcode_opens_a_short_new_product_form() {
    let (_d, mut app) = at_receiving(Lang::Id);
    let code = loket::domain::ean::with_check_digit("899123456789").unwrap();
    send(&mut app, &["tab", "tab", "tab", "tab", &code, "enter"]);
    assert!(app.state.receiving.new_product.is_some(), "{}", flash(&app));
    send(&mut app, &["Sabun Cuci 800 g", "enter", "enter", "bungkus", "enter", "0", "enter"]);
    let err = app.state.receiving.new_product.as_ref().unwrap().error.clone().unwrap_or_default();
    assert!(err.contains("Harga jual"), "{err}");
    let screen = screen_text(&app.state, 80, 24);
    assert!(!screen.contains("Bonus"), "free goods belong to a delivery line, not to the new-product form:\n{screen}");
    insta::assert_snapshot!("receiving_new_product_80x24", screen);
    send(&mut app, &["ctrl-u", "12.000", "enter"]);
    assert!(app.state.receiving.new_product.is_none());
    assert!(app.state.receiving.form.is_some(), "the line for the new product follows");
    send(&mut app, &["6", "enter", "9.500", "enter"]);
    assert_eq!(app.state.receiving.lines.len(), 1);
    assert_eq!(app.store.search_products("sabun cuci", 5).unwrap()[0].barcode.as_deref(), Some(code.as_str()), "indexed for search");
    // The same barcode again is refused as a new product; nothing is added.
    let fields = loket::store::products::ProductFields {
        barcode: Some(code.clone()),
        name: "Lain".into(),
        section: "lain".into(),
        unit: "pcs".into(),
        price: 1_000,
        member_price: None,
        generic_name: None,
        class: None,
        facts: None,
    };
    let products = app.store.product_count().unwrap();
    let e = loket::ops::stock::add_product(&mut app.store, &Actor::user(3, "rina"), &fields, fixed_now()).unwrap_err();
    assert!(matches!(e, StoreError::Stock(StockRefusal::DuplicateBarcode(_))), "{e:?}");
    assert_eq!(app.store.product_count().unwrap(), products);
}

// ---- Reordering ----

#[test]
fn the_low_stock_list_suggests_what_covers_the_lead_time_and_prints_orders_by_supplier() {
    let (_d, mut store) = demo_store();
    let mut config = demo_config();
    config.sales.lead_times.insert("Bulog".into(), 2);
    let rina = Actor::user(3, "rina");
    let gula = product_id(&store, "Gula Pasir 1 kg");
    let rice = ReceiveLine { product_id: gula, batch_no: None, expiry: None, qty_milli: 2_000, unit_cost: 14_000, free: false };
    let d = Delivery { supplier: "Bulog".into(), invoice_no: "B-1".into(), invoice_date: None, invoice_total: None, lines: vec![rice] };
    loket::ops::stock::receive(&mut store, &config, &rina, &d, fixed_now() - Duration::days(40)).unwrap();
    // Sell all but one over the last ten days.
    let left = on_hand(&store, gula);
    let budi = Actor::user(2, "budi");
    let per_day = (left - 1_000) / 10_000 * 1_000;
    let sales: Vec<_> = (1..=10)
        .map(|i| {
            let at = fixed_now() - Duration::days(i);
            let qty = if i == 1 { left - 1_000 - 9 * per_day } else { per_day };
            (at.date_naive(), at, vec![(gula, qty, 17_500)])
        })
        .collect();
    loket::store::sales::seed_history(&mut store, &budi, &sales).unwrap();
    let on = on_hand(&store, gula);
    let list = loket::ops::stock::reorder_list(&store, &config, fixed_now()).unwrap();
    let line = list.iter().find(|l| l.product_id == gula).expect("gula is low");
    assert_eq!((line.supplier.as_deref(), line.lead_days, line.on_hand), (Some("Bulog"), 2, on));
    let sold = count(&store, &format!("SELECT -sum(qty_milli) FROM stock_movements WHERE product_id = {gula} AND kind IN ('sale','return') AND at >= '{}'", (fixed_now() - Duration::days(30)).format("%Y-%m-%dT%H:%M:%S")));
    assert_eq!(line.suggested, loket::domain::stock::suggested_order(sold, 30, 2, 3, on, true));
    assert!(line.suggested > 0);
    assert_eq!(list[0].supplier.as_deref(), Some("Bulog"), "by supplier, those without one last");
    // One purchase order per supplier with something to order.
    assert_eq!(loket::ops::stock::print_purchase_orders(&mut store, &config, &rina, fixed_now()).unwrap(), 0, "no printer");
    config.printer.transport = loket::print::TransportConfig::File("/dev/null".into());
    let n = loket::ops::stock::print_purchase_orders(&mut store, &config, &rina, fixed_now()).unwrap();
    assert!(n >= 1);
    assert_eq!(count(&store, "SELECT count(*) FROM print_jobs WHERE kind = 'purchase-order'"), n as i64);
    let po: String = rusqlite::Connection::open(store.path())
        .unwrap()
        .query_row("SELECT preview FROM print_jobs WHERE kind = 'purchase-order' AND preview LIKE '%Bulog%'", [], |r| r.get(0))
        .unwrap();
    assert!(po.contains("Gula Pasir 1 kg") && po.contains("PESANAN PEMBELIAN"), "{po}");
}

#[test]
fn the_low_stock_screen_80x24() {
    let (_d, mut app) = app(Lang::Id);
    // Gula sold down to one in the last days.
    let gula = product_id(&app.store, "Gula Pasir 1 kg");
    let left = on_hand(&app.store, gula);
    let at = fixed_now() - Duration::days(2);
    loket::store::sales::seed_history(&mut app.store, &Actor::user(2, "budi"), &[(at.date_naive(), at, vec![(gula, left - 1_000, 17_500)])]).unwrap();
    login(&mut app, "rina", "3333");
    send(&mut app, &["l"]);
    assert_eq!(app.state.screen, loket::screens::ScreenId::Reorder);
    assert!(app.state.reorder.loaded);
    let expected = loket::ops::stock::reorder_list(&app.store, &app.state.config, fixed_now()).unwrap();
    assert_eq!(app.state.reorder.lines, expected);
    insta::assert_snapshot!("reorder_80x24", screen_text(&app.state, 80, 24));
    send(&mut app, &["f8"]);
    assert!(flash(&app).contains("printer") || flash(&app).contains("pesanan"), "{}", flash(&app));
    // A batch that came from a supplier expires: F6 asks, F6 again sends it back.
    let para = product_id(&app.store, "Parasetamol 500 mg");
    let short = drug_line(para, 6_000, 4_000, "B-SHORT", &(fixed_now().date_naive() + Duration::days(2)).to_string());
    let d = Delivery { supplier: "PBF Sehat".into(), invoice_no: "R-2".into(), invoice_date: None, invoice_total: None, lines: vec![short] };
    let config = app.state.config.clone();
    loket::ops::stock::receive(&mut app.store, &config, &Actor::user(3, "rina"), &d, fixed_now()).unwrap();
    // A week later (the counter is not locked for it here).
    app.state.config.security.idle_lock_minutes = 0;
    app.handle(loket::app::Msg::Tick(fixed_now() + Duration::days(7)));
    send(&mut app, &["esc", "l", "f6"]);
    assert!(flash(&app).contains("1 batch kedaluwarsa"), "{}", flash(&app));
    send(&mut app, &["f6"]);
    assert!(flash(&app).contains("dikembalikan"), "{}", flash(&app));
    let left = app.store.batch_stock(para).unwrap().into_iter().find(|b| b.batch_no.as_deref() == Some("B-SHORT")).unwrap().on_hand;
    assert_eq!(left, 0);
}

#[test]
fn expired_and_damaged_goods_go_back_to_the_supplier_as_their_own_movements() {
    use loket::store::supplier_returns::{ReturnLine, ReturnReason};
    let (_d, mut store) = demo_store();
    let config = demo_config();
    let rina = Actor::user(3, "rina");
    let para = product_id(&store, "Parasetamol 500 mg");
    let today = fixed_now().date_naive();
    let short = drug_line(para, 6_000, 4_000, "B-SHORT", &(today + Duration::days(2)).to_string());
    let d = Delivery { supplier: "PBF Sehat".into(), invoice_no: "R-1".into(), invoice_date: None, invoice_total: None, lines: vec![short] };
    loket::ops::stock::receive(&mut store, &config, &rina, &d, fixed_now()).unwrap();
    let batch = store.batch_stock(para).unwrap().into_iter().find(|b| b.batch_no.as_deref() == Some("B-SHORT")).unwrap();
    // Damaged: more than the batch holds is refused, nothing written; two strips go back.
    let before = on_hand(&store, para);
    let too_many = [ReturnLine { product_id: para, batch_id: batch.batch_id, qty_milli: 7_000 }];
    assert!(matches!(loket::ops::stock::return_to_supplier(&mut store, &config, &rina, "PBF Sehat", ReturnReason::Damaged, &too_many, fixed_now()), Err(StoreError::Stock(StockRefusal::AboveStock(_, 6_000)))));
    assert_eq!(on_hand(&store, para), before);
    let two = [ReturnLine { product_id: para, batch_id: batch.batch_id, qty_milli: 2_000 }];
    loket::ops::stock::return_to_supplier(&mut store, &config, &rina, "PBF Sehat", ReturnReason::Damaged, &two, fixed_now()).unwrap();
    assert_eq!(on_hand(&store, para), before - 2_000);
    // A week later the batch has expired: the rest goes back to the supplier it came from.
    let (returns, lines) = loket::ops::stock::return_expired(&mut store, &config, &rina, fixed_now() + Duration::days(7)).unwrap();
    assert!(returns >= 1 && lines >= 1);
    let left = store.batch_stock(para).unwrap().into_iter().find(|b| b.batch_no.as_deref() == Some("B-SHORT")).unwrap().on_hand;
    assert_eq!(left, 0);
    assert_eq!(count(&store, "SELECT count(*) FROM supplier_returns WHERE supplier = 'PBF Sehat'"), 2);
    assert_eq!(count(&store, "SELECT count(*) FROM stock_movements WHERE supplier_return_id IS NOT NULL AND reference = 'PBF Sehat'"), 2);
    // Their own kind, not a write-off (a return is credited by the supplier, not lost), on the
    // stock card as such.
    assert_eq!(count(&store, "SELECT count(*) FROM stock_movements WHERE kind = 'supplier-return'"), 2);
    assert_eq!(count(&store, &format!("SELECT count(*) FROM stock_movements WHERE kind = 'writeoff' AND product_id = {para}")), 0);
    let card = store.stock_card(para).unwrap();
    assert_eq!(card.iter().filter(|r| r.kind == "supplier-return").count(), 2, "{card:?}");
    // Every movement sent back is in the audit log with its digest.
    assert_eq!(store.verify_audit().unwrap().problems(), None);
}

#[test]
fn the_receive_command_follows_the_same_rules() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let (code, _, err) = run_loket(dir.path(), &["demo", "--seed-only", "--db", db], &[]);
    assert_eq!(code, 0, "{err}");
    let gula = barcode_of("Gula Pasir 1 kg");
    let receive = |line: &str| run_loket(dir.path(), &["stock", "receive", "--db", db, "--supplier", "Bulog", "--invoice", "C-1", "--as", "budi", line], &[("LOKET_AS_PIN", "2222")]);
    let (code, out, err) = receive(&format!("{gula}:2:0"));
    assert_ne!(code, 0, "a cost of zero without free goods: {out}");
    assert!(err.contains("bonus"), "{err}");
    let (code, out, err) = receive(&format!("{gula}:2:bonus"));
    assert_eq!(code, 0, "{out}{err}");
    let c = rusqlite::Connection::open(db).unwrap();
    let free: i64 = c.query_row("SELECT count(*) FROM stock_movements WHERE reason = 'free goods' AND qty_milli = 2000", [], |r| r.get(0)).unwrap();
    assert_eq!(free, 1);
}

/// Issue 18: damaged goods had no way back to the supplier from the shell; the command names
/// the batch (or takes the only one holding stock), refuses what is not there, prints the note.
#[test]
fn damaged_goods_go_back_to_the_supplier_from_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let (code, _, err) = run_loket(dir.path(), &["demo", "--seed-only", "--db", db], &[]);
    assert_eq!(code, 0, "{err}");
    let (para, gula) = (barcode_of("Parasetamol 500 mg"), barcode_of("Gula Pasir 1 kg"));
    let rina = [("LOKET_AS_PIN", "3333")];
    let printed = dir.path().join("printer.out");
    let cfg = dir.path().join("site.toml");
    std::fs::write(&cfg, format!("[printer]\ntransport = \"file\"\npath = \"{}\"\n", printed.display())).unwrap();
    let cfg = cfg.display().to_string();
    let run = |args: &[&str]| {
        let mut all = vec!["stock", "return", "--db", db, "--config", &cfg, "--as", "rina", "--supplier", "PBF Sehat"];
        all.extend_from_slice(args);
        run_loket(dir.path(), &all, &rina)
    };
    let (code, _, err) = run(&[&format!("{para}:2")]);
    assert_eq!(code, 2, "two batches: which one? {err}");
    assert!(err.contains("sebutkan batchnya"), "{err}");
    let (code, _, err) = run(&[&format!("{gula}:99999")]);
    assert_eq!(code, 1);
    assert!(err.contains("stok (batch ini) hanya"), "{err}");
    let store = loket::store::Store::open(std::path::Path::new(db), loket::store::OpenMode::ReadOnly).unwrap();
    let batch = store.batch_stock(product_id(&store, "Parasetamol 500 mg")).unwrap().into_iter().find(|b| b.on_hand > 20_000).unwrap();
    drop(store);
    let (code, out, err) = run(&[&format!("{para}:2:{}", batch.batch_no.clone().unwrap()), &format!("{gula}:1")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Retur #1 ke pemasok tersimpan: 2 baris"), "{out}");
    let store = loket::store::Store::open(std::path::Path::new(db), loket::store::OpenMode::ReadOnly).unwrap();
    assert_eq!(count(&store, "SELECT count(*) FROM stock_movements WHERE kind = 'supplier-return' AND supplier_return_id = 1"), 2);
    assert_eq!(count(&store, "SELECT count(*) FROM supplier_returns WHERE reason = 'damaged'"), 1);
    // The return note is stored with the return, for the supplier to sign.
    let (_, shown, _) = run_loket(dir.path(), &["printer", "queue", "--all", "--db", db, "--config", &cfg], &[]);
    let job = shown.lines().find(|l| l.contains("nota retur")).unwrap_or_else(|| panic!("{shown}"));
    let id = job.split_whitespace().next().unwrap();
    let (_, note, _) = run_loket(dir.path(), &["printer", "show", id, "--db", db, "--config", &cfg], &[]);
    for needle in ["RETUR KE PEMASOK", "PBF Sehat", "rusak", "Parasetamol 500 mg", "Gula Pasir 1 kg", "Diterima pemasok"] {
        assert!(note.contains(needle), "{needle}: {note}");
    }
    assert_eq!(store.verify_audit().unwrap().problems(), None);
}
