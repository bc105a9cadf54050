//! Goods back to a supplier on screen (F7 in the low-stock list): issue 18 had the expired
//! batches' return on F6 but no way to send back damaged goods.

mod common;
use common::*;
use loket::demo::demo_catalog;
use loket::text::Lang;

fn barcode_of(name: &str) -> String {
    demo_catalog(fixed_now()).0.iter().find(|p| p.name == name).unwrap().barcode.clone().unwrap()
}

fn count(store: &loket::store::Store, sql: &str) -> i64 {
    rusqlite::Connection::open(store.path()).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn damaged_goods_go_back_on_screen_batch_by_batch_with_a_note() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    login(&mut app, "rina", "3333");
    send(&mut app, &["l", "f7"]);
    assert!(app.state.reorder.goods.is_some());
    // Saving with nothing in it names what is missing.
    send(&mut app, &["f10"]);
    assert!(flash(&app).contains("pemasok"), "{}", flash(&app));
    send(&mut app, &["PBF Sehat", "enter", &barcode_of("Parasetamol 500 mg"), "enter"]);
    let pending = app.state.reorder.goods.as_ref().unwrap().pending.as_ref().expect("the batches to choose from");
    assert_eq!(pending.batches.len(), 2, "both batches hold stock");
    assert!(pending.batches[0].expiry <= pending.batches[1].expiry, "the first to expire first");
    // More than the batch holds is refused in the dialog; the second batch takes 3.
    send(&mut app, &["9999", "enter"]);
    let err = app.state.reorder.goods.as_ref().unwrap().pending.as_ref().unwrap().error.clone().unwrap_or_default();
    assert!(err.contains("Lebih dari stok batch ini"), "{err}");
    send(&mut app, &["ctrl-u", "3", "down"]);
    insta::assert_snapshot!("supplier_return_batch_80x24", screen_text(&app.state, 80, 24));
    send(&mut app, &["enter"]);
    let form = app.state.reorder.goods.as_ref().unwrap();
    assert_eq!(form.lines.len(), 1);
    let batch = form.lines[0].batch_no.clone().unwrap();
    // A product without batches, by name; then the reason switches to expired and back.
    send(&mut app, &["Gula Pasir", "enter", "2", "enter", "f8", "f8"]);
    insta::assert_snapshot!("supplier_return_lines_80x24", screen_text(&app.state, 80, 24));
    let before = count(&app.store, "SELECT count(*) FROM print_jobs");
    send(&mut app, &["f10"]);
    assert!(app.state.reorder.goods.is_none(), "{}", flash(&app));
    assert!(flash(&app).contains("Retur #1 ke pemasok tersimpan: 2 baris"), "{}", flash(&app));
    assert_eq!(count(&app.store, "SELECT count(*) FROM supplier_returns WHERE supplier = 'PBF Sehat' AND reason = 'damaged'"), 1);
    assert_eq!(count(&app.store, "SELECT count(*) FROM stock_movements WHERE kind = 'supplier-return' AND supplier_return_id = 1"), 2);
    assert_eq!(
        count(&app.store, &format!("SELECT -qty_milli FROM stock_movements m JOIN batches b ON b.id = m.batch_id WHERE m.supplier_return_id = 1 AND b.batch_no = '{batch}'")),
        3_000
    );
    assert_eq!(count(&app.store, "SELECT count(*) FROM print_jobs"), before + 1, "the return note");
    assert_eq!(app.store.verify_audit().unwrap().problems(), None);
}
