//! `update` on its own: a `State` from the default settings and keymap at a fixed time, keys and
//! the store's answers fed in as messages, and the effects asked for checked as data. No store,
//! no terminal, no clock.

use super::{update, Effect, FlashKind, Modal, Msg, State};
use crate::action::Action;
use crate::config::Config;
use crate::domain::fefo::BatchStock;
use crate::domain::user::Role;
use crate::keymap::{Key, Keymap};
use crate::screens::patients::PatientOp;
use crate::screens::queue::{QueueOp, QueueOutcome};
use crate::screens::sale::{Found, Mode, SaleMsg, SaleOp, ScanError};
use crate::screens::shift::ShiftOp;
use crate::screens::ScreenId;
use crate::store::queue::{Called, Ticket, TicketStatus};
use crate::store::stock::Product;
use crate::store::users::{AuthFailure, User};
use crate::text::{Lang, Text};
use crate::theme::Theme;
use chrono::{DateTime, Duration, TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Monday 23 November 2026, 09:15 WIB.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 2, 15, 0).unwrap()
}

fn state() -> State {
    State::new(&Config::default(), Keymap::defaults(), Theme::new(true, false), Text::new(Lang::En), false, now())
}

fn user(name: &str, role: Role) -> User {
    User { id: 7, name: name.into(), full_name: String::new(), role, disabled: false, failed_attempts: 0, locked_until: None }
}

/// A state with `name` logged in, on the home screen.
fn logged_in(name: &str, role: Role) -> State {
    let mut s = state();
    let effects = update(&mut s, Msg::LoginResult(Ok(user(name, role))));
    // A cashier's open shift is read at login, for the status line.
    let reads_shift = matches!(role, Role::Cashier | Role::Pharmacy);
    assert_eq!(effects, if reads_shift { vec![Effect::Shift(ShiftOp::Load)] } else { vec![] });
    s
}

/// A key by its keymap name (`f5`, `enter`, `ctrl-q`).
fn key(s: &mut State, name: &str) -> Vec<Effect> {
    let k = Key::parse(name).unwrap_or_else(|| panic!("bad key name {name}"));
    update(s, Msg::Key(KeyEvent::new(k.code, k.mods)))
}

/// The key the default keymap binds to `action` where the user is now.
fn press(s: &mut State, action: Action) -> Vec<Effect> {
    let scope = s.active_scope();
    let k = s.keymap.key_for(scope, action).unwrap_or_else(|| panic!("{action:?} is not bound in {scope:?}"));
    update(s, Msg::Key(KeyEvent::new(k.code, k.mods)))
}

/// Type text letter by letter; the effects of every letter, in order.
fn type_text(s: &mut State, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| update(s, Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))).collect()
}

fn flash(s: &State) -> Option<(FlashKind, &str)> {
    s.flash.as_ref().map(|f| (f.kind, f.text.as_str()))
}

fn ticket(prefix: &str, number: i64) -> Ticket {
    Ticket {
        id: number,
        prefix: prefix.into(),
        number,
        service: prefix.into(),
        priority: None,
        status: TicketStatus::Called,
        taken_at: now(),
        queued_at: now(),
        called_at: Some(now()),
        counter: Some(1),
        patient_name: None,
    }
}

/// Sugar sold by the piece, with plenty in one batch without an expiry date.
fn sugar() -> Found {
    let product = Product {
        id: 11,
        barcode: Some("8991234567895".into()),
        plu: None,
        name: "Gula Pasir 1 kg".into(),
        section: "sembako".into(),
        unit: "pcs".into(),
        sold_by: "piece".into(),
        price: 17_500,
        member_price: None,
        tax_category: "standard".into(),
        price_cap: None,
        allow_negative: false,
        active: true,
        reorder_level: None,
        drug: None,
    };
    let batches = vec![BatchStock { batch_id: Some(1), batch_no: None, expiry: None, on_hand: 50_000 }];
    Found { product, qty_milli: 1000, fixed_amount: None, batches, cost: Some(15_000) }
}

#[test]
fn login_submits_the_name_and_pin_typed() {
    let mut s = state();
    assert!(type_text(&mut s, "budi").is_empty());
    assert!(key(&mut s, "enter").is_empty(), "Enter in the name field moves on to the PIN");
    type_text(&mut s, "1234");
    assert_eq!(key(&mut s, "enter"), vec![Effect::Authenticate { name: "budi".into(), pin: "1234".into() }]);
    assert!(s.session.is_none(), "nobody is logged in before the store says so");

    update(&mut s, Msg::LoginResult(Err(AuthFailure::BadCredentials)));
    assert_eq!(s.login.message.as_deref(), Some(s.text.bad_credentials()));
    assert_eq!((s.login.name.value(), s.login.pin.value()), ("budi", ""), "the name stays, the PIN goes");

    update(&mut s, Msg::LoginResult(Ok(user("budi", Role::Cashier))));
    assert_eq!(s.session.as_ref().map(|u| u.name.as_str()), Some("budi"));
    assert_eq!(s.screen, ScreenId::Home);
    assert_eq!(s.login.name.value(), "", "the form is cleared for the next user");
}

#[test]
fn an_empty_pin_is_refused_without_asking_the_store() {
    let mut s = state();
    type_text(&mut s, "budi");
    key(&mut s, "tab");
    assert!(key(&mut s, "enter").is_empty());
    assert_eq!(s.login.message.as_deref(), Some(s.text.pin_missing()));
}

#[test]
fn the_counter_calls_the_next_ticket_and_says_whom() {
    let mut s = logged_in("siti", Role::Clerk);
    assert_eq!(press(&mut s, Action::Queue), vec![Effect::LoadQueue]);
    assert_eq!(s.screen, ScreenId::Queue);
    assert_eq!(key(&mut s, "f5"), vec![Effect::Queue(QueueOp::CallNext)]);

    let called = Called { ticket: ticket("A", 1), finished: None };
    assert_eq!(update(&mut s, Msg::QueueDone(QueueOutcome::Called(called))), vec![Effect::LoadQueue], "the view is reloaded");
    let counter = s.config.queue.counter(1).unwrap().name.clone();
    let expected = s.text.calling("A-001", &counter);
    assert_eq!(flash(&s), Some((FlashKind::Info, expected.as_str())));

    update(&mut s, Msg::QueueDone(QueueOutcome::NobodyWaiting));
    assert_eq!(flash(&s).map(|f| f.0), Some(FlashKind::Error), "an empty line is said as a problem");
}

#[test]
fn a_ticket_is_taken_through_its_dialog() {
    let mut s = logged_in("siti", Role::Clerk);
    press(&mut s, Action::Queue);
    assert!(press(&mut s, Action::TakeTicket).is_empty());
    assert_eq!(s.modals, vec![Modal::TakeTicket { service: 0, priority: None }]);
    type_text(&mut s, "b2");
    assert!(matches!(s.modals.last(), Some(Modal::TakeTicket { service: 1, priority: Some(_) })), "{:?}", s.modals);
    let effects = press(&mut s, Action::Confirm);
    assert!(matches!(&effects[..], [Effect::Queue(QueueOp::Take { service, priority: Some(_) })] if service == "B"), "{effects:?}");
    assert!(s.modals.is_empty(), "the dialog closes");
}

#[test]
fn typing_on_the_patients_screen_searches_for_the_text_so_far() {
    let mut s = logged_in("siti", Role::Clerk);
    assert!(press(&mut s, Action::Patients).is_empty());
    let effects = type_text(&mut s, "sit");
    assert_eq!(
        effects,
        ["s", "si", "sit"].map(|q| Effect::Patients(PatientOp::Search(q.into()))).to_vec(),
        "one search per letter, each for the whole box"
    );
    assert_eq!(key(&mut s, "backspace"), vec![Effect::Patients(PatientOp::Search("si".into()))]);
    // An answer for text no longer in the box is dropped.
    update(&mut s, Msg::PatientHits("sit".into(), vec![]));
    assert!(s.patients.hits.is_empty());
    assert!(key(&mut s, "enter").is_empty(), "nothing to open without hits");
}

#[test]
fn a_scanned_barcode_goes_onto_the_cart_and_paying_in_cash_commits_it() {
    let mut s = logged_in("budi", Role::Cashier);
    assert!(press(&mut s, Action::Sale).is_empty());
    assert!(type_text(&mut s, "8991234567895").is_empty(), "digits wait in the entry field");
    assert_eq!(key(&mut s, "enter"), vec![Effect::Sale(SaleOp::Scan("8991234567895".into()))]);
    assert_eq!(s.sale.entry.value(), "", "the field is emptied for the next scan");

    assert!(update(&mut s, Msg::Sale(Box::new(SaleMsg::Found(Ok(sugar()))))).is_empty());
    assert_eq!(s.sale.lines.len(), 1);
    assert_eq!(s.sale.total(&s.config.sales).total, 17_500);
    update(&mut s, Msg::Sale(Box::new(SaleMsg::Found(Ok(sugar())))));
    assert_eq!((s.sale.lines.len(), s.sale.lines[0].qty_milli), (1, 2000), "the same piece again is one line of two");

    assert!(press(&mut s, Action::Pay).is_empty());
    assert_eq!(s.sale.mode, Mode::Pay);
    type_text(&mut s, "20000");
    assert!(key(&mut s, "enter").is_empty(), "Rp20.000 of Rp35.000 is not enough");
    assert_eq!(s.sale.due(&s.config.sales), 15_000);
    assert_eq!(flash(&s).map(|f| f.0), Some(FlashKind::Info));
    assert_eq!(key(&mut s, "enter"), vec![Effect::Sale(SaleOp::Commit)], "an empty field pays what is due");
}

#[test]
fn a_good_scan_takes_down_the_error_a_bad_one_left() {
    let mut s = logged_in("budi", Role::Cashier);
    press(&mut s, Action::Sale);
    update(&mut s, Msg::Sale(Box::new(SaleMsg::Found(Err(ScanError::Unknown("123".into()))))));
    assert_eq!(flash(&s).map(|f| f.0), Some(FlashKind::Error));
    update(&mut s, Msg::Sale(Box::new(SaleMsg::Found(Ok(sugar())))));
    assert_eq!(flash(&s), None);
}

#[test]
fn a_shift_opens_with_the_float_typed() {
    let mut s = logged_in("budi", Role::Cashier);
    assert_eq!(press(&mut s, Action::Shift), vec![Effect::Shift(ShiftOp::Load)]);
    update(&mut s, Msg::ShiftLoaded(None));
    assert!(press(&mut s, Action::CashIn).is_empty());
    assert_eq!(flash(&s).map(|f| f.0), Some(FlashKind::Error), "no cash in without an open shift");
    assert!(s.shift.entry.is_none());

    press(&mut s, Action::OpenShift);
    assert!(s.shift.entry.is_some());
    type_text(&mut s, "150.000");
    assert_eq!(press(&mut s, Action::Confirm), vec![Effect::Shift(ShiftOp::Open(150_000))]);
    assert!(s.shift.entry.is_none(), "the dialog closes");
    assert_eq!(update(&mut s, Msg::ShiftDone("opened".into())), vec![Effect::Shift(ShiftOp::Load)]);
}

#[test]
fn quitting_asks_first_and_is_recorded() {
    let mut s = logged_in("budi", Role::Cashier);
    assert!(key(&mut s, "ctrl-q").is_empty());
    assert_eq!(s.modals, vec![Modal::ConfirmQuit]);
    assert!(press(&mut s, Action::Cancel).is_empty());
    assert!(s.modals.is_empty() && !s.quit, "cancelled: still running");

    press(&mut s, Action::Quit);
    assert_eq!(press(&mut s, Action::Confirm), vec![Effect::Record { user: user("budi", Role::Cashier), action: "quit" }]);
    assert!(s.quit);
}

#[test]
fn an_idle_counter_locks_itself() {
    let mut s = logged_in("budi", Role::Cashier);
    let idle = Duration::minutes(s.config.security.idle_lock_minutes as i64);
    assert!(update(&mut s, Msg::Tick(now() + idle - Duration::seconds(1))).is_empty());
    assert!(!s.locked);
    assert_eq!(update(&mut s, Msg::Tick(now() + idle)), vec![Effect::Record { user: user("budi", Role::Cashier), action: "lock" }]);
    assert!(s.locked);
    assert_eq!(s.unlock.message.as_deref(), Some(s.text.locked_idle()));

    type_text(&mut s, "1234");
    assert_eq!(key(&mut s, "enter"), vec![Effect::Unlock { name: "budi".into(), pin: "1234".into() }]);
}

#[test]
fn a_key_pressed_in_time_keeps_the_counter_open() {
    let mut s = logged_in("budi", Role::Cashier);
    let idle = Duration::minutes(s.config.security.idle_lock_minutes as i64);
    update(&mut s, Msg::Tick(now() + idle - Duration::minutes(1)));
    key(&mut s, "f1");
    assert!(update(&mut s, Msg::Tick(now() + idle)).is_empty());
    assert!(!s.locked);
}
