//! Cash control, on the real store through the real app: the open shift on the status line, the
//! cashier's blind X report and the supervisor's full one, closing with a confirmed count (note by
//! note if wanted), and the QRIS total reported against the QRIS recorded.

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


#[test]
fn the_status_line_shows_the_open_shift() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "budi", "2222");
    assert!(screen_text(&app.state, 80, 24).lines().next().unwrap().contains("Shift: -"));
    send(&mut app, &["f9", "f5", "100000", "enter", "esc"]);
    let top = screen_text(&app.state, 80, 24).lines().next().unwrap().to_string();
    assert!(top.contains(" sejak 09:15") && top.contains("Shift #"), "{top}");
    // Still there after logging out and in again (it is read at login, not only on F9).
    send(&mut app, &["f12"]);
    login(&mut app, "budi", "2222");
    let top = screen_text(&app.state, 80, 24).lines().next().unwrap().to_string();
    assert!(top.contains(" sejak 09:15") && top.contains("Shift #"), "{top}");
}

fn entry_error(app: &loket::app::App) -> Option<String> {
    app.state.shift.entry.as_ref().and_then(|e| e.error.clone())
}

#[test]
fn the_cashiers_x_report_is_blind_and_the_supervisors_is_not() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    // A cash sale of Rp15.700, a QRIS sale of Rp3.000, and Rp50.000 put in; the float is Rp100.000.
    send(&mut app, &[&code(MINYAKITA), "enter", "f10", "enter"]);
    send(&mut app, &[&code(GARAM), "enter", "f10", "f6", "QR-5521", "enter"]);
    send(&mut app, &["f9", "f6", "50000", "tab", "uang kecil", "enter", "f8"]);
    assert_eq!(flash(&app), "Laporan X dicetak.");
    let x = app.store.recent_print_jobs(1).unwrap().remove(0).preview;
    assert!(x.contains("LAPORAN X") && x.contains("Jumlah transaksi") && x.contains("QRIS") && x.contains("Rp3.000"), "{x}");
    let squeezed: String = x.split_whitespace().collect();
    assert!(squeezed.contains("Jumlahtransaksi2") && squeezed.contains("Kasmasuk(kali)1"), "{x}");
    for figure in ["15.700", "100.000", "50.000", "165.700", "18.700"] {
        assert!(!x.contains(figure), "the cashier's X report shows no {figure}: {x}");
    }
    // The supervisor's X report of the same shift shows every figure, the expected cash too.
    let joko = app.store.user("joko").unwrap().unwrap();
    let budi = app.store.user("budi").unwrap().unwrap();
    loket::ops::shifts::x_report_for(&mut app.store, &app.state.config, &joko, budi.id, fixed_now()).unwrap();
    let x = app.store.recent_print_jobs(1).unwrap().remove(0).preview;
    assert!(x.contains("Rp165.700") && x.contains("Rp15.700") && x.contains("Rp100.000"), "{x}");
}

#[test]
fn closing_asks_with_the_counted_amounts_and_counts_by_denomination() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    send(&mut app, &[&code(MINYAKITA), "enter", "f10", "enter", "f9"]);
    // A count with a stray dot is refused, nothing closes.
    send(&mut app, &["f10", "1.5000", "enter"]);
    assert_eq!(entry_error(&app).as_deref(), Some("\"1.5000\" bukan jumlah rupiah (contoh: 230.700, atau per pecahan 100000x2 50000x1)."));
    let mut e = app.state.shift.entry.clone().unwrap();
    e.inputs[0] = tui_input::Input::default();
    app.state.shift.entry = Some(e);
    send(&mut app, &["25000x2", "enter"]);
    assert_eq!(entry_error(&app).as_deref(), Some("\"25000x2\": tidak ada uang kertas atau logam rupiah sebesar itu."));
    let mut e = app.state.shift.entry.clone().unwrap();
    e.inputs[0] = tui_input::Input::default();
    app.state.shift.entry = Some(e);
    // Float 100.000 + 15.700, counted note by note.
    send(&mut app, &["100000x1 10000x1 5000x1 500x1 200x1", "enter"]);
    app.state.flash = None;
    let screen = screen_text(&app.state, 80, 24);
    insta::assert_snapshot!("shift_close_confirm_80x24", screen);
    assert!(screen.contains("Tunai Rp115.700, QRIS Rp0: tutup? Enter = ya, Esc = ubah"), "{screen}");
    assert!(app.state.shift.shift.as_ref().unwrap().0.closed_at.is_none());
    // Esc goes back to the count; Enter asks again; Enter closes.
    send(&mut app, &["esc"]);
    assert!(app.state.shift.entry.as_ref().is_some_and(|e| e.confirm.is_none()), "back at the count");
    send(&mut app, &["enter", "enter"]);
    assert_eq!(flash(&app), "Shift ditutup. Laporan Z tersimpan.");
    assert_eq!(count(&app, "SELECT counted_cash - expected_cash FROM shifts WHERE z_number = (SELECT max(z_number) FROM shifts)"), 0);
    let d: String = Connection::open(app.store.path()).unwrap().query_row("SELECT denominations FROM shifts WHERE z_number = (SELECT max(z_number) FROM shifts)", [], |r| r.get(0)).unwrap();
    assert_eq!(d, "100000x1,10000x1,5000x1,500x1,200x1");
    // The Z report keeps the expected cash and the difference: it prints after the count is final.
    let z = app.store.recent_print_jobs(1).unwrap().remove(0).preview;
    assert!(z.contains("LAPORAN Z") && z.contains("Rp115.700"), "{z}");
}

#[test]
fn the_qris_total_reported_at_closing_is_compared_with_the_qris_recorded() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    send(&mut app, &[&code(GARAM), "enter", "f10", "f6", "QR-5521", "enter"]);
    // The slips add up to Rp2.500: one slip is missing.
    send(&mut app, &["f9", "f10", "100000", "tab", "2500", "enter", "enter"]);
    assert_eq!(flash(&app), "Shift ditutup. Laporan Z tersimpan.");
    let z: String = app.store.recent_print_jobs(1).unwrap().remove(0).preview.split_whitespace().collect();
    assert!(z.contains("QRISdilaporkanRp2.500") && z.contains("QRIStercatatRp3.000") && z.contains("SelisihQRIS-Rp500"), "{z}");
    send(&mut app, &["f12"]);
    login(&mut app, "joko", "4444");
    send(&mut app, &["f9"]);
    let screen = screen_text(&app.state, 100, 40);
    assert!(screen.contains("QRIS: dilaporkan Rp2.500, tercatat Rp3.000, selisih -Rp500"), "{screen}");
}

#[test]
fn a_supervisor_prints_a_cashiers_full_x_report_from_the_shell() {
    let (dir, store) = demo_store();
    let db = store.path().to_path_buf();
    drop(store);
    let dbs = db.to_str().unwrap();
    let (code, _, err) = run_loket(dir.path(), &["shift", "open", "--float", "150.000", "--as", "budi", "--db", dbs], &[("LOKET_AS_PIN", "2222")]);
    assert_eq!(code, 0, "{err}");
    // The cashier's own X from the shell is blind; another cashier's X is for supervisors only.
    let (code, _, err) = run_loket(dir.path(), &["shift", "x", "--as", "budi", "--db", dbs], &[("LOKET_AS_PIN", "2222")]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_loket(dir.path(), &["shift", "x", "--cashier", "budi", "--as", "rina", "--db", dbs, "--lang", "en"], &[("LOKET_AS_PIN", "3333")]);
    assert_eq!(code, 1);
    assert!(err.contains("Another cashier's X report is for supervisors only."), "{err}");
    let (code, out, err) = run_loket(dir.path(), &["shift", "x", "--cashier", "budi", "--as", "joko", "--db", dbs], &[("LOKET_AS_PIN", "4444")]);
    assert_eq!((code, out.trim()), (0, "Laporan X dicetak."), "{err}");
    let store = loket::store::Store::open(&db, loket::store::OpenMode::Existing).unwrap();
    let jobs = store.recent_print_jobs(2).unwrap();
    let full = jobs.iter().find(|j| j.preview.contains("Rp150.000")).expect("the supervisor's X shows the float and the expected cash");
    assert!(full.preview.contains("LAPORAN X"), "{}", full.preview);
    assert!(jobs.iter().any(|j| j.preview.contains("LAPORAN X") && !j.preview.contains("150.000")), "the cashier's own is blind");
}

#[test]
fn the_supervisor_prints_the_full_x_report_of_every_open_shift_on_f9() {
    let (_d, mut app) = cashier_at_sale(Lang::Id);
    send(&mut app, &[&code(MINYAKITA), "enter", "f10", "enter", "f12"]);
    login(&mut app, "joko", "4444");
    send(&mut app, &["f9", "f8"]);
    assert_eq!(flash(&app), "Laporan X lengkap dicetak untuk 1 shift terbuka.");
    let x = app.store.recent_print_jobs(1).unwrap().remove(0).preview;
    // Float 100.000 + the cash sale 15.700.
    assert!(x.contains("LAPORAN X") && x.contains("Rp115.700") && x.contains("budi"), "{x}");
}
