//! Paying at the counter, on the real store through the real app: each payment method chosen
//! explicitly and kept, large change confirmed, cash rounding as its own line, discounts and price
//! changes with a reason and, above the limit, a supervisor.

mod common;
use common::*;
use loket::text::Lang;
use rusqlite::Connection;

const MINYAKITA: usize = 2;
const GARAM: usize = 6;

fn count(app: &loket::app::App, sql: &str) -> i64 {
    Connection::open(app.store.path()).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn cashier_at_sale(lang: Lang) -> (tempfile::TempDir, loket::app::App) {
    let (d, mut app) = app(lang);
    login_with_shift(&mut app, "budi", "2222");
    send(&mut app, &["f4"]);
    (d, app)
}

const LAST_SALE: &str = "(SELECT max(id) FROM sales)";

#[test]
fn a_qris_payment_confirmed_with_enter_is_qris() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    assert_eq!(code(GARAM), "8991000000072");
    send(&mut app, &[&code(GARAM), "enter", "f10", "f6"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("QRIS, no. referensi:"), "the screen names the method being entered: {screen}");
    send(&mut app, &["123456"]);
    app.state.flash = None;
    insta::assert_snapshot!("sale_pay_qris_80x24", screen_text(&app.state, 80, 24));
    send(&mut app, &["enter"]);
    assert_eq!(flash(&app), "Penjualan 20261123-0001 lunas Rp3.000. Kembalian Rp0.");
    assert_eq!(count(&app, &format!("SELECT count(*) FROM payments WHERE sale_id = {LAST_SALE} AND method = 'qris' AND reference = '123456' AND amount = 3000")), 1);
    assert_eq!(count(&app, &format!("SELECT count(*) FROM payments WHERE sale_id = {LAST_SALE} AND method = 'cash'")), 0);
    assert_eq!(count(&app, &format!("SELECT change_given FROM sales WHERE id = {LAST_SALE}")), 0);
    // Reports count QRIS apart from cash.
    let day = "2026-11-23".parse().unwrap();
    let summary = app.store.summary(day, day, day, 30).unwrap();
    assert!(summary.sales.by_method.contains(&("qris".to_string(), 3_000)), "{:?}", summary.sales.by_method);
    assert!(!summary.sales.by_method.iter().any(|(m, _)| m == "cash"), "{:?}", summary.sales.by_method);
}

#[test]
fn the_chosen_method_stays_chosen_and_bad_references_save_nothing() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    let before = count(&app, "SELECT count(*) FROM sales");
    send(&mut app, &[&code(GARAM), "enter", "f10", "f6"]);
    for bad in ["", "3000", "Rp3.000", "50.000", "12"] {
        send(&mut app, &[bad, "enter"]);
        assert!(flash(&app).contains("QRIS"), "{bad:?}: {}", flash(&app));
        assert_eq!(app.state.sale.method, loket::domain::cart::Method::Qris, "still QRIS after {bad:?}");
        assert_eq!(count(&app, "SELECT count(*) FROM sales"), before, "nothing saved for {bad:?}");
    }
    send(&mut app, &["3000", "enter"]);
    assert_eq!(flash(&app), "Itu seperti jumlah uang, bukan nomor referensi QRIS. Untuk tunai, pilih Tunai dulu.");
    // In English too.
    let (_d2, mut en) = cashier_at_sale(Lang::En);
    send(&mut en, &[&code(GARAM), "enter", "f10", "f6", "", "enter"]);
    assert_eq!(flash(&en), "Type the QRIS reference from the app or terminal once the payment shows as paid.");
}

#[test]
fn change_above_the_limit_is_confirmed_a_second_time() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    let before = count(&app, "SELECT count(*) FROM sales");
    // The reference typed into the cash field: Rp123.456 for a Rp3.000 bill.
    send(&mut app, &[&code(GARAM), "enter", "f10", "123456", "enter"]);
    assert_eq!(flash(&app), "Diterima Rp123.456 berarti kembalian Rp120.456. Benar? Enter lagi = ya, atau ketik jumlah lain.");
    assert_eq!(count(&app, "SELECT count(*) FROM sales"), before, "not yet");
    // Another amount replaces it; a Rp100.000 note for a small bill needs no second Enter.
    send(&mut app, &["100000", "enter"]);
    assert_eq!(flash(&app), "Penjualan 20261123-0001 lunas Rp3.000. Kembalian Rp97.000.");
    send(&mut app, &[&code(GARAM), "enter", "f10", "123456", "enter", "enter"]);
    assert_eq!(flash(&app), "Penjualan 20261123-0002 lunas Rp3.000. Kembalian Rp120.456.");
    assert_eq!(count(&app, &format!("SELECT tendered FROM payments WHERE sale_id = {LAST_SALE}")), 123_456);
    let _ = MINYAKITA;
}

#[test]
fn cash_rounding_is_its_own_line_of_the_sale_printed_and_counted() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    app.state.config.sales.cash_rounding = loket::domain::payment::CashRounding { step: 100, down: false };
    login_with_shift(&mut app, "budi", "2222");
    // A member's Minyakita: Rp14.915, which no coins can pay.
    send(&mut app, &["f4", "KMP-9000001", "f8", &code(MINYAKITA), "enter", "f10"]);
    assert!(screen_text(&app.state, 80, 24).contains("Tunai dibulatkan Rp14.900"));
    send(&mut app, &["enter"]);
    assert_eq!(flash(&app), "Penjualan 20261123-0001 lunas Rp14.900. Kembalian Rp0. Struk dicetak.");
    assert_eq!(count(&app, &format!("SELECT amount FROM sale_adjustments WHERE sale_id = {LAST_SALE} AND kind = 'rounding'")), -15);
    assert_eq!(count(&app, &format!("SELECT total FROM sales WHERE id = {LAST_SALE}")), 14_900);
    assert_eq!(count(&app, &format!("SELECT amount FROM payments WHERE sale_id = {LAST_SALE} AND method = 'cash'")), 14_900);
    let sale_id = count(&app, "SELECT max(id) FROM sales");
    let receipt = app.store.print_jobs_for("sales", sale_id).unwrap().remove(0).preview;
    let squeezed: String = receipt.split_whitespace().collect();
    assert!(squeezed.contains("PembulatantunaiRp-15") || squeezed.contains("Pembulatantunai-Rp15"), "{receipt}");
    assert!(squeezed.contains("Subtotal") && squeezed.contains("Rp14.915") && squeezed.contains("Rp14.900"), "{receipt}");
    // QRIS and member credit stay exact.
    send(&mut app, &["KMP-9000001", "f8", &code(MINYAKITA), "enter", "f10", "f6", "QR-991", "enter"]);
    assert!(flash(&app).contains("lunas Rp14.915"), "{}", flash(&app));
    assert_eq!(count(&app, &format!("SELECT count(*) FROM sale_adjustments WHERE sale_id = {LAST_SALE}")), 0);
    assert_eq!(app.store.check_sales().unwrap(), Vec::<String>::new());
    // Counted in the reports.
    let day = "2026-11-23".parse().unwrap();
    assert_eq!(app.store.summary(day, day, day, 30).unwrap().sales.rounding, -15);
    // A void gives back what was paid, rounding included.
    let budi = app.store.user("budi").unwrap().unwrap();
    let req = loket::ops::sales::VoidRequest { number: "20261123-0001".into(), line: None, supervisor: "joko".into(), pin: "4444".into(), reason: "salah input".into() };
    let refund = loket::ops::sales::void_or_return(&mut app.store, &app.state.config, &budi, &req, fixed_now()).unwrap().unwrap();
    assert_eq!(refund.total, 14_900);
    assert_eq!(app.store.check_sales().unwrap(), Vec::<String>::new());
    // The voided sale's rounding leaves the kept figures as it leaves the rows.
    assert_eq!(app.store.summary(day, day, day, 30).unwrap().sales.rounding, 0);
    assert_eq!(app.store.check_figures(day, day).unwrap(), Vec::<String>::new());
    // The Z report: float 100.000, 14.900 in and out again.
    send(&mut app, &["f9", "f10", "100000", "tab", "14915", "enter", "enter"]);
    assert_eq!(count(&app, "SELECT expected_cash FROM shifts WHERE z_number = (SELECT max(z_number) FROM shifts)"), 100_000);
}

mod discounts_in_the_store {
    use super::*;
    use loket::domain::cart::{Method, Tender};
    use loket::domain::discount::{Change, DiscountError, Off};
    use loket::store::sales::{Adjusted, NewLine, NewSale, Refusal};
    use loket::store::StoreError;

    fn sale(oil: i64, change: Option<Adjusted>, discount: Option<Adjusted>) -> NewSale {
        NewSale {
            lines: vec![NewLine { product_id: oil, qty_milli: 2_000, fixed_amount: None, prescription: None, change }],
            member_id: None,
            patient_id: None,
            tenders: vec![Tender { method: Method::Cash, amount: 100_000, reference: None }],
            business_day: "2026-11-23".parse().unwrap(),
            shift_id: None,
            discount,
        }
    }

    fn adj(change: Change, reason: &str, approved_by: Option<i64>) -> Option<Adjusted> {
        Some(Adjusted { change, reason: reason.into(), approved_by })
    }

    #[test]
    fn discounts_are_checked_stored_printed_and_counted_by_cashier() {
        let (_d, mut app) = app(Lang::Id);
        let budi = app.store.user("budi").unwrap().unwrap();
        let joko = app.store.user("joko").unwrap().unwrap();
        let rules = loket::ops::sales::rules(&app.state.config, &budi);
        let commit = |app: &mut loket::app::App, s: &NewSale| app.store.commit_sale(&budi.actor(), s, &rules, fixed_now());
        let before = count(&app, "SELECT count(*) FROM sales");
        let oil = app.store.product_id_by_barcode(&code(MINYAKITA)).unwrap().unwrap();
        // Above the price, without a reason, or above the cashier's limit without approval: refused, nothing saved.
        let e = commit(&mut app, &sale(oil, adj(Change::Discount(Off::Amount(40_000)), "rusak", None), None)).unwrap_err();
        assert!(matches!(e, StoreError::Sale(Refusal::Discount(_, DiscountError::AbovePrice { price: 31_400 }))), "{e:?}");
        assert_eq!(app.state.text.store_error(&e), "Minyakita 1 L: diskon tidak boleh melebihi harganya (Rp31.400).");
        let e = commit(&mut app, &sale(oil, adj(Change::Discount(Off::Percent(1000)), "", None), None)).unwrap_err();
        assert!(matches!(e, StoreError::Sale(Refusal::Discount(_, DiscountError::MissingReason))), "{e:?}");
        let e = commit(&mut app, &sale(oil, adj(Change::Discount(Off::Percent(5000)), "promo", None), None)).unwrap_err();
        assert!(matches!(e, StoreError::Sale(Refusal::NeedsApproval(_))), "Rp15.700 is above the Rp10.000 a cashier may give: {e:?}");
        let e = commit(&mut app, &sale(oil, adj(Change::Price(15_000), "harga lama", None), None)).unwrap_err();
        assert!(matches!(e, StoreError::Sale(Refusal::NeedsApproval(_))), "a cashier may not change prices: {e:?}");
        assert_eq!(count(&app, "SELECT count(*) FROM sales"), before);
        // 10 % off the line (Rp3.140), then Rp1.000 off the whole sale.
        let s = sale(oil, adj(Change::Discount(Off::Percent(1000)), "kemasan penyok", None), adj(Change::Discount(Off::Amount(1_000)), "pelanggan tetap", None));
        let done = commit(&mut app, &s).unwrap();
        assert_eq!((done.total, done.lines[0].amount, done.lines[0].discount, done.discount), (27_260, 28_260, 3_140, 1_000));
        assert_eq!(count(&app, &format!("SELECT discount FROM sale_lines WHERE sale_id = {}", done.id)), 3_140);
        assert_eq!(count(&app, &format!("SELECT amount FROM sale_adjustments WHERE sale_id = {} AND kind = 'discount'", done.id)), -1_000);
        // A price change approved by the supervisor.
        let done2 = commit(&mut app, &sale(oil, adj(Change::Price(15_000), "harga lama", Some(joko.id)), None)).unwrap();
        assert_eq!(done2.total, 30_000);
        assert_eq!(count(&app, &format!("SELECT discount_approved_by FROM sale_lines WHERE sale_id = {}", done2.id)), joko.id);
        assert_eq!(app.store.check_sales().unwrap(), Vec::<String>::new());
        // On the receipt.
        let jobs = loket::print::sale_jobs::sale_jobs(&app.state.config, &done, "Budi");
        let r: String = jobs[0].preview.split_whitespace().collect();
        assert!(r.contains("Diskon-Rp3.140") && r.contains("Diskon-Rp1.000") && r.contains("Rp27.260"), "{}", jobs[0].preview);
        // In the figures by cashier.
        let day = "2026-11-23".parse().unwrap();
        let sum = app.store.summary(day, day, day, 30).unwrap();
        assert_eq!(sum.sales.discounts_by_cashier, vec![("budi".to_string(), 3, 3_140 + 1_000 + 1_400)]);
        // A return of one of the two bottles gives back its share after both discounts.
        let cashier = budi.clone();
        let req = loket::ops::sales::VoidRequest { number: done.number.clone(), line: Some((1, 1_000)), supervisor: "joko".into(), pin: "4444".into(), reason: "bocor".into() };
        let refund = loket::ops::sales::void_or_return(&mut app.store, &app.state.config, &cashier, &req, fixed_now()).unwrap().unwrap();
        // 28.260 / 2 = 14.130, less 14.130 x 1.000 / 28.260 = 500.
        assert_eq!(refund.total, 13_630);
        // The figures kept per day (discounts, the partial return) agree with the rows.
        assert_eq!(app.store.check_figures(day, day).unwrap(), Vec::<String>::new());
        assert_eq!(app.store.summary(day, day, day, 30).unwrap().sales.returned, 13_630);
    }
}

#[test]
fn discounts_at_the_counter_with_a_reason_and_a_supervisor_above_the_limit() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    login_with_shift(&mut app, "budi", "2222");
    send(&mut app, &["f4", &code(MINYAKITA), "enter", &code(MINYAKITA), "enter"]);
    // A discount above the price: refused, said in the user's language, nothing changes.
    send(&mut app, &["ctrl-k", "40.000", "tab", "rusak", "f10"]);
    assert_eq!(flash(&app), "Minyakita 1 L: diskon tidak boleh melebihi harganya (Rp31.400).");
    assert!(app.state.sale.lines[0].change.is_none());
    send(&mut app, &["esc", "ctrl-k", "10%", "tab", "f10"]);
    assert_eq!(flash(&app), "Minyakita 1 L: isi alasan diskon atau perubahan harga.");
    send(&mut app, &["kemasan penyok", "f10"]);
    assert_eq!(flash(&app), "Minyakita 1 L: diskon/harga dicatat; total sekarang Rp28.260.");
    // A parked cart would lose the discount: refused, nothing parked.
    send(&mut app, &["f11"]);
    assert_eq!(flash(&app), "Penjualan dengan diskon tidak bisa ditahan: selesaikan dulu, atau hapus barisnya.");
    assert!(app.store.parked_sales().unwrap().is_empty() && app.state.sale.lines.len() == 1);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Minyakita 1 L %") && screen.contains("Diskon baris (%) -Rp3.140"), "{screen}");
    // Rp15.000 off the whole sale is above the Rp10.000 a cashier may give: a supervisor's PIN.
    send(&mut app, &["ctrl-k", "backtab", "backspace", "tab", "15.000", "tab", "pelanggan tetap"]);
    app.state.flash = None;
    insta::assert_snapshot!("sale_discount_form_80x24", screen_text(&app.state, 80, 24));
    send(&mut app, &["f10"]);
    assert_eq!(flash(&app), "diskon ini perlu persetujuan pengawas: isi nama dan PIN pengawas.");
    send(&mut app, &["tab", "joko", "tab", "9999", "f10"]);
    assert_eq!(flash(&app), "Nama atau PIN salah.");
    assert!(app.state.sale.discount.is_none());
    send(&mut app, &["4444", "f10"]);
    assert_eq!(flash(&app), "Diskon penjualan dicatat; total sekarang Rp13.260.");
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Diskon penjualan -Rp15.000") && screen.contains("TOTAL Rp13.260"), "{screen}");
    send(&mut app, &["f10", "enter"]);
    assert!(flash(&app).starts_with("Penjualan 20261123-0001 lunas Rp13.260."), "{}", flash(&app));
    let joko = app.store.user("joko").unwrap().unwrap().id;
    assert_eq!(count(&app, &format!("SELECT approved_by FROM sale_adjustments WHERE sale_id = {LAST_SALE} AND kind = 'discount'")), joko);
    assert_eq!(count(&app, "SELECT count(*) FROM audit WHERE action = 'approve-discount'"), 1);
    let sale_id = count(&app, "SELECT max(id) FROM sales");
    let r: String = app.store.print_jobs_for("sales", sale_id).unwrap().remove(0).preview.split_whitespace().collect();
    assert!(r.contains("Diskon-Rp3.140") && r.contains("Diskon-Rp15.000") && r.contains("TOTALRp13.260"), "{r}");
    // A price change by a cashier always takes the supervisor.
    send(&mut app, &[&code(GARAM), "enter", "ctrl-u", "2500", "tab", "harga lama", "f10"]);
    assert_eq!(flash(&app), "Garam Beryodium 250 g: diskon ini perlu persetujuan pengawas: isi nama dan PIN pengawas.");
    let day = "2026-11-23".parse().unwrap();
    assert_eq!(app.store.summary(day, day, day, 30).unwrap().sales.discounts_by_cashier, vec![("budi".to_string(), 2, 18_140)]);
    assert_eq!(app.store.check_figures(day, day).unwrap(), Vec::<String>::new(), "the kept discounts agree with the rows");
}
