//! Setup on the real store and screens: users (the admin's changes with the CLI's rules) and
//! products and prices (dated changes with their history, the price cap, shelf labels).

mod common;
use chrono::Duration;
use common::*;
use loket::demo::demo_catalog;
use loket::domain::stock::StockRefusal;
use loket::store::{Actor, StoreError};
use loket::text::Lang;

fn product_id(store: &loket::store::Store, name: &str) -> i64 {
    store.catalog().unwrap().into_iter().find(|p| p.name == name).unwrap().id
}

fn barcode_of(name: &str) -> String {
    demo_catalog(fixed_now()).0.iter().find(|p| p.name == name).unwrap().barcode.clone().unwrap()
}

#[test]
fn users_on_screen_with_the_rules_of_the_cli() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "rina", "3333");
    send(&mut app, &["u"]);
    assert_ne!(app.state.screen, loket::screens::ScreenId::Users, "only an admin");
    send(&mut app, &["f12"]);
    login(&mut app, "admin", "1234");
    send(&mut app, &["u"]);
    assert_eq!(app.state.screen, loket::screens::ScreenId::Users);
    // The demo's five users and its doctor.
    assert_eq!(app.state.users.rows.len(), 6);
    // Add: a PIN too short is refused in the form, then the user is added.
    send(&mut app, &["f5", "lina", "enter", "Lina Marlina", "enter", "kasir", "enter", "12", "enter"]);
    let err = app.state.users.form.as_ref().unwrap().error.clone().unwrap_or_default();
    assert!(err.contains("PIN"), "{err}");
    insta::assert_snapshot!("users_add_80x24", screen_text(&app.state, 80, 24));
    send(&mut app, &["ctrl-u", "5555", "enter"]);
    assert!(app.state.users.form.is_none(), "{:?}", app.state.users.form.as_ref().map(|f| f.error.clone()));
    assert_eq!(app.store.user("lina").unwrap().unwrap().role, loket::domain::user::Role::Cashier);
    let lina = app.state.users.rows.iter().position(|r| r.user.name == "lina").unwrap();
    for _ in 0..lina {
        send(&mut app, &["down"]);
    }
    send(&mut app, &["f7", "farmasi", "enter"]);
    assert_eq!(app.store.user("lina").unwrap().unwrap().role, loket::domain::user::Role::Pharmacy);
    send(&mut app, &["f8", "123", "enter"]);
    assert!(app.state.users.form.as_ref().and_then(|f| f.error.clone()).is_some(), "a bad NIK is refused");
    send(&mut app, &["ctrl-u", "3204124508850003", "enter"]);
    assert_eq!(app.state.users.rows[lina].practitioner_nik.as_deref(), Some("3204124508850003"));
    send(&mut app, &["f6", "7777", "enter"]);
    let security = app.state.config.security.clone();
    assert!(app.store.authenticate("lina", "7777", fixed_now(), &security).unwrap().is_ok(), "the new PIN works");
    send(&mut app, &["f10"]);
    assert!(app.store.user("lina").unwrap().unwrap().disabled);
    assert!(app.store.authenticate("lina", "7777", fixed_now(), &security).unwrap().is_err(), "a disabled user cannot log in");
    // The last admin stays admin.
    for _ in 0..10 {
        send(&mut app, &["up"]);
    }
    send(&mut app, &["f7", "kasir", "enter"]);
    assert!(app.state.users.form.as_ref().and_then(|f| f.error.clone()).unwrap_or_default().contains("Admin aktif terakhir"));
    assert_eq!(app.store.user("admin").unwrap().unwrap().role, loket::domain::user::Role::Admin);
    let audit: Vec<String> = app.store.recent_audit(20).unwrap().into_iter().map(|e| e.action).collect();
    for a in ["user-add", "user-role", "user-set-nik", "user-reset-pin", "user-disable"] {
        assert!(audit.contains(&a.to_string()), "{a} in {audit:?}");
    }
}


#[test]
fn prices_change_from_a_date_and_keep_their_history() {
    let (_d, mut store) = demo_store();
    let mut config = demo_config();
    let joko = Actor::user(4, "joko");
    let minyak = product_id(&store, "Minyakita 1 L");
    let today = fixed_now().date_naive();
    // Today: at once. The day before: refused, nothing saved.
    loket::ops::products::change_price(&mut store, &config, &joko, minyak, 15_500, Some(15_000), today, fixed_now()).unwrap();
    assert_eq!((store.product(minyak).unwrap().unwrap().price, store.product(minyak).unwrap().unwrap().member_price), (15_500, Some(15_000)));
    let e = loket::ops::products::change_price(&mut store, &config, &joko, minyak, 16_000, None, today - Duration::days(1), fixed_now()).unwrap_err();
    assert!(matches!(e, StoreError::Stock(StockRefusal::PriceInPast(_))), "{e:?}");
    assert!(matches!(
        loket::ops::products::change_price(&mut store, &config, &joko, minyak, 15_000, Some(15_500), today, fixed_now()),
        Err(StoreError::Stock(StockRefusal::MemberPriceAbove))
    ));
    // A week ahead: waits, then applies when its day comes.
    loket::ops::products::change_price(&mut store, &config, &joko, minyak, 15_700, Some(15_200), today + Duration::days(7), fixed_now()).unwrap();
    assert_eq!(store.product(minyak).unwrap().unwrap().price, 15_500);
    assert_eq!(loket::ops::products::apply_due_prices(&mut store, &config, &joko, fixed_now() + Duration::days(6)).unwrap(), 0);
    assert_eq!(loket::ops::products::apply_due_prices(&mut store, &config, &joko, fixed_now() + Duration::days(7)).unwrap(), 1);
    assert_eq!(store.product(minyak).unwrap().unwrap().price, 15_700);
    let history = store.price_history(minyak, 10).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!((history[0].old_price, history[0].price, history[0].user.as_str(), history[0].applied), (15_500, 15_700, "joko", true));
    assert_eq!((history[1].old_price, history[1].price), (15_700, 15_500), "the first change kept the demo price as old");
    // A shelf label prints on the receipt printer (name, price, member price, barcode).
    assert!(!loket::ops::products::print_shelf_label(&mut store, &config, &joko, minyak, fixed_now()).unwrap(), "no printer, no label");
    config.printer.transport = loket::print::TransportConfig::File("/dev/null".into());
    assert!(loket::ops::products::print_shelf_label(&mut store, &config, &joko, minyak, fixed_now()).unwrap());
    let label: String = rusqlite::Connection::open(store.path())
        .unwrap()
        .query_row("SELECT preview FROM print_jobs WHERE kind = 'shelf-label'", [], |r| r.get(0))
        .unwrap();
    let compact = label.replace(' ', "");
    for want in ["Minyakita1L", "Rp15.700", "Rp15.200", "EAN-138991000000034"] {
        assert!(compact.contains(want), "{want} missing:\n{label}");
    }
}

#[test]
fn products_and_prices_on_screen() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "joko", "4444");
    send(&mut app, &["p"]);
    assert_eq!(app.state.screen, loket::screens::ScreenId::Products);
    send(&mut app, &["minyakita"]);
    assert_eq!(app.state.products.hits.first().map(|p| p.name.as_str()), Some("Minyakita 1 L"));
    // Over the cap (HET Rp15.700): asked first, then saved; the history shows it.
    send(&mut app, &["f6", "16.000", "enter", "enter", "enter"]);
    let err = app.state.products.form.as_ref().and_then(|f| f.error.clone()).unwrap_or_default();
    assert!(err.contains("HET"), "{err}");
    send(&mut app, &["enter"]);
    assert!(app.state.products.form.is_none(), "{}", flash(&app));
    let id = product_id(&app.store, "Minyakita 1 L");
    assert_eq!(app.store.product(id).unwrap().unwrap().price, 16_000);
    assert_eq!(app.state.products.history.len(), 1);
    // A date in the past is refused, nothing saved.
    send(&mut app, &["f6", "15.000", "enter", "enter", "ctrl-u", "01-11-2026", "enter"]);
    let err = app.state.products.form.as_ref().and_then(|f| f.error.clone()).unwrap_or_default();
    assert!(err.contains("sudah lewat"), "{err}");
    send(&mut app, &["esc"]);
    insta::assert_snapshot!("products_80x24", screen_text(&app.state, 80, 24));
    // A new product whose barcode another has is refused; a new one is added and found.
    let taken = barcode_of("Gula Pasir 1 kg");
    send(&mut app, &["f5", &taken, "enter", "Gula Aren", "enter", "enter", "enter", "25.000", "enter", "enter"]);
    let err = app.state.products.form.as_ref().and_then(|f| f.error.clone()).unwrap_or_default();
    assert!(err.contains("sudah dipakai"), "{err}");
    send(&mut app, &["esc", "f5", "enter", "Cetirizine 10 mg", "enter", "ctrl-u", "obat", "enter", "ctrl-u", "strip", "enter", "9.000", "enter", "enter", "Setirizin", "enter", "bebas_terbatas", "enter", "10 mg", "enter", "tablet", "enter", "P1", "f10"]);
    assert!(app.state.products.form.is_none(), "{:?}", app.state.products.form.as_ref().map(|f| f.error.clone()));
    let found = app.store.search_products("cetirizin", 5).unwrap();
    assert_eq!(found[0].drug.as_ref().map(|d| d.class), Some(loket::domain::drug_policy::DrugClass::BebasTerbatas));
    // A shelf label without a printer says so.
    send(&mut app, &["f8"]);
    assert!(flash(&app).contains("Printer"), "{}", flash(&app));
}

#[test]
fn a_product_and_its_drug_facts_are_edited_on_screen() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "joko", "4444");
    send(&mut app, &["p", "ctm"]);
    assert_eq!(app.state.products.hits.first().map(|p| p.name.as_str()), Some("CTM 4 mg"));
    // The name and the class change; the generic name stays findable, the old name is gone.
    // A keras drug carries no P-warning: the P1 it had is refused until cleared.
    send(&mut app, &["f7", "ctrl-u", "Klorfeniramin 4 mg", "enter", "enter", "enter", "enter", "ctrl-u", "keras", "f10"]);
    let err = app.state.products.form.as_ref().and_then(|f| f.error.clone()).unwrap_or_default();
    assert!(err.contains("hanya untuk obat bebas terbatas"), "{err}");
    send(&mut app, &["ctrl-u", "f10"]);
    assert!(app.state.products.form.is_none(), "{:?}", app.state.products.form.as_ref().map(|f| f.error.clone()));
    let p = app.store.search_products("chlorpheniramine", 5).unwrap().remove(0);
    assert_eq!(p.name, "Klorfeniramin 4 mg");
    assert_eq!(p.drug.map(|d| d.class), Some(loket::domain::drug_policy::DrugClass::Keras));
    assert!(app.store.search_products("ctm", 5).unwrap().is_empty(), "the old name left the index");
    // Another product's barcode is refused, nothing changed.
    send(&mut app, &["ctrl-u", "klorfen", "f7", "backtab", "ctrl-u", &barcode_of("Gula Pasir 1 kg"), "f10"]);
    let err = app.state.products.form.as_ref().and_then(|f| f.error.clone()).unwrap_or_default();
    assert!(err.contains("sudah dipakai"), "{err}");
    let audit: Vec<String> = app.store.recent_audit(5).unwrap().into_iter().map(|e| e.action).collect();
    assert!(audit.contains(&"edit".to_string()), "{audit:?}");
}

/// Issue 18: a drug's strength, form, P-warning, label and KFA code could not be set on screen.
#[test]
fn a_drugs_facts_are_typed_checked_and_kept() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "joko", "4444");
    send(&mut app, &["p", "f5", "", "tab", "Salep Kulit 10 g", "tab", "ctrl-u", "obat", "tab", "ctrl-u", "tube", "tab", "9.000", "tab", "tab", "Asam salisilat", "tab", "terbatas", "tab", "2%", "tab", "salep", "tab", "P3", "tab", "oral", "tab", "9300101"]);
    let screen = screen_text(&app.state, 80, 24);
    for label in ["Kekuatan (mis. 500 mg)", "Bentuk (tablet, sirup)", "Peringatan (P1-P6)", "Etiket (oral/luar)", "Kode KFA"] {
        assert!(screen.contains(label), "{label}: {screen}");
    }
    insta::assert_snapshot!("product_new_drug_80x24", screen);
    // P3 is for external use: an oral label is refused, the cursor on the label.
    send(&mut app, &["f10"]);
    let form = app.state.products.form.as_ref().expect("still open");
    assert!(form.error.as_deref().unwrap_or("").contains("etiketnya luar"), "{:?}", form.error);
    assert_eq!(form.focus, loket::screens::products::P_LABEL);
    // Left empty, the label follows the warning; a KFA code of 7 digits is refused next.
    send(&mut app, &["ctrl-u", "f10"]);
    let form = app.state.products.form.as_ref().expect("still open");
    assert!(form.error.as_deref().unwrap_or("").contains("KFA"), "{:?}", form.error);
    assert_eq!(form.focus, loket::screens::products::P_KFA);
    send(&mut app, &["9", "f10"]);
    assert!(app.state.products.form.is_none(), "{:?}", app.state.products.form.as_ref().map(|f| f.error.clone()));
    let p = app.store.search_products("salep kulit", 5).unwrap().remove(0);
    let d = p.drug.expect("a drug");
    assert_eq!((d.strength.as_str(), d.form.as_str(), d.warning.as_deref(), d.label.as_str(), d.kfa_code.as_deref()), ("2%", "salep", Some("P3"), "external", Some("93001019")));
    // Edited: the facts are shown as kept, and a new strength is saved.
    send(&mut app, &["ctrl-u", "salep kulit", "f7"]);
    let form = app.state.products.form.as_ref().unwrap();
    assert_eq!(form.inputs[loket::screens::products::E_WARNING].value(), "P3");
    assert_eq!(form.inputs[loket::screens::products::E_KFA].value(), "93001019");
    for _ in 0..5 {
        send(&mut app, &["tab"]);
    }
    send(&mut app, &["ctrl-u", "5%", "f10"]);
    assert!(app.state.products.form.is_none(), "{:?}", app.state.products.form.as_ref().map(|f| f.error.clone()));
    assert_eq!(app.store.product(p.id).unwrap().unwrap().drug.unwrap().strength, "5%");
    let audit = app.store.recent_audit(3).unwrap();
    assert!(audit.iter().any(|e| e.action == "edit" && e.summary.contains("5% salep P3 external KFA 93001019")), "{audit:?}");
}

#[test]
fn a_price_dated_tomorrow_applies_when_the_day_changes_at_a_counter_left_logged_in() {
    let (_d, mut app) = app(Lang::Id);
    app.state.config.security.idle_lock_minutes = 0;
    login(&mut app, "joko", "4444");
    let minyak = product_id(&app.store, "Minyakita 1 L");
    let config = app.state.config.clone();
    let tomorrow = fixed_now().date_naive() + Duration::days(1);
    loket::ops::products::change_price(&mut app.store, &config, &Actor::user(4, "joko"), minyak, 15_600, None, tomorrow, fixed_now()).unwrap();
    app.handle(loket::app::Msg::Tick(fixed_now() + Duration::hours(3)));
    assert_ne!(app.store.product(minyak).unwrap().unwrap().price, 15_600, "not yet");
    app.handle(loket::app::Msg::Tick(fixed_now() + Duration::days(1)));
    assert_eq!(app.store.product(minyak).unwrap().unwrap().price, 15_600);
}
