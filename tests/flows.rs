//! Flow tests: the real App with a real store (a SQLite file), fed scripted keys.

mod common;
use chrono::Duration;
use common::*;
use loket::app::Msg;
use loket::screens::ScreenId;
use loket::text::Lang;

#[test]
fn a_clerk_logs_in_moves_between_screens_and_quits() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "siti", "1111");
    let user = app.state.session.clone().expect("logged in");
    assert_eq!(user.name, "siti");
    assert_eq!(app.state.screen, ScreenId::Home);
    send(&mut app, &["f2"]);
    assert_eq!(app.state.screen, ScreenId::Queue);
    send(&mut app, &["f3"]);
    assert_eq!(app.state.screen, ScreenId::Patients);
    // A clerk may not sell: the screen stays and a message says why.
    send(&mut app, &["f4"]);
    assert_eq!(app.state.screen, ScreenId::Patients);
    assert!(app.state.flash.as_ref().unwrap().text.contains("Petugas tidak boleh membuka layar Penjualan"));
    send(&mut app, &["esc"]);
    assert_eq!(app.state.screen, ScreenId::Home);
    // Quitting asks first; "n" keeps the app running, "y" quits.
    send(&mut app, &["ctrl-q", "n"]);
    assert!(!app.state.quit);
    send(&mut app, &["ctrl-q", "y"]);
    assert!(app.state.quit);
    let actions: Vec<String> = app.store.recent_audit(3).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions[0], "quit");
    assert!(actions.contains(&"login".to_string()));
}

#[test]
fn a_wrong_pin_says_so_without_telling_whether_the_user_exists() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "siti", "9999");
    assert!(app.state.session.is_none());
    let wrong_pin = app.state.login.message.clone().unwrap();
    assert_eq!(app.state.login.name.value(), "siti", "the name is kept for the retry");
    assert_eq!(app.state.login.pin.value(), "", "the PIN is cleared");
    app.state.login = Default::default();
    login(&mut app, "nobody", "9999");
    assert_eq!(app.state.login.message.clone().unwrap(), wrong_pin);
    assert_eq!(wrong_pin, "Nama atau PIN salah.");
}

#[test]
fn five_wrong_pins_lock_the_user_out() {
    let (_d, mut app) = app(Lang::En);
    login(&mut app, "budi", "0000");
    for _ in 0..4 {
        // After a failure the name stays and the cursor waits in the PIN field.
        send(&mut app, &["0000", "enter"]);
    }
    let msg = app.state.login.message.clone().unwrap();
    assert!(msg.starts_with("Too many wrong PINs"), "{msg}");
    // Even the right PIN is refused while locked.
    app.state.login = Default::default();
    login(&mut app, "budi", "2222");
    assert!(app.state.session.is_none());
    // After the lockout time the right PIN works.
    app.handle(Msg::Tick(fixed_now() + Duration::minutes(6)));
    app.state.login = Default::default();
    login(&mut app, "budi", "2222");
    assert_eq!(app.state.session.as_ref().map(|u| u.name.as_str()), Some("budi"));
}

#[test]
fn empty_fields_are_named() {
    let (_d, mut app) = app(Lang::En);
    send(&mut app, &["enter"]);
    assert_eq!(app.state.login.message.as_deref(), Some("Type your user name first."));
    send(&mut app, &["budi", "tab", "enter"]);
    assert_eq!(app.state.login.message.as_deref(), Some("Type your PIN first."));
    // Letters typed into the PIN field are ignored; only digits count.
    send(&mut app, &["12ab34"]);
    assert_eq!(app.state.login.pin.value(), "1234");
}

#[test]
fn lock_and_unlock_with_the_same_users_pin() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "budi", "2222");
    send(&mut app, &["f4", "ctrl-l"]);
    assert!(app.state.locked);
    // While locked, the screen keys do nothing.
    send(&mut app, &["f9"]);
    assert_eq!(app.state.screen, ScreenId::Sale);
    send(&mut app, &["1111", "enter"]);
    assert!(app.state.locked, "another user's PIN does not unlock");
    assert_eq!(app.state.unlock.message.as_deref(), Some("Nama atau PIN salah."));
    send(&mut app, &["2222", "enter"]);
    assert!(!app.state.locked);
    assert_eq!(app.state.screen, ScreenId::Sale, "back where the cashier was");
}

#[test]
fn switching_user_from_the_lock_screen() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "budi", "2222");
    send(&mut app, &["ctrl-l", "f12"]);
    assert!(app.state.session.is_none());
    login(&mut app, "joko", "4444");
    assert_eq!(app.state.session.as_ref().unwrap().name, "joko");
    assert!(!app.state.locked);
    assert_eq!(app.state.screen, ScreenId::Home);
}

#[test]
fn an_idle_counter_locks_itself() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "siti", "1111");
    app.handle(Msg::Tick(fixed_now() + Duration::minutes(14)));
    assert!(!app.state.locked);
    app.handle(Msg::Tick(fixed_now() + Duration::minutes(15)));
    assert!(app.state.locked);
    let actions: Vec<String> = app.store.recent_audit(1).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(actions, vec!["lock"]);
}

#[test]
fn help_lists_every_binding_of_the_screen() {
    let (_d, mut app) = app(Lang::En);
    login(&mut app, "admin", "1234");
    send(&mut app, &["f2", "f1"]);
    let lines = loket::screens::dialogs::help_lines(&app.state.ctx(), loket::action::Scope::Queue);
    let keys: Vec<&str> = lines.iter().map(|(k, _)| k.as_str()).collect();
    for k in ["F1", "F2", "F3", "F4", "F9", "Esc", "Ctrl-L", "F12", "Ctrl-Q"] {
        assert!(keys.contains(&k), "{k} missing from help: {keys:?}");
    }
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Help: Queue"));
    assert!(screen.contains("Lock the screen; unlock with your PIN"));
    send(&mut app, &["esc"]);
    assert!(app.state.modals.is_empty());
    assert_eq!(app.state.screen, loket::screens::ScreenId::Queue, "esc closed the help, not the screen");
}

#[test]
fn a_user_keymap_changes_what_the_keys_do_and_the_footer_shows_it() {
    let (_d, mut app) = app(Lang::Id);
    app.state.keymap.merge_str("[global]\nf2 = \"none\"\nf6 = \"queue\"\n", "keymap.toml").unwrap();
    login(&mut app, "siti", "1111");
    send(&mut app, &["f2"]);
    assert_eq!(app.state.screen, ScreenId::Home);
    send(&mut app, &["esc", "f6"]);
    assert_eq!(app.state.screen, ScreenId::Queue);
    send(&mut app, &["esc"]);
    let footer = screen_text(&app.state, 80, 24).lines().last().unwrap().to_string();
    assert!(footer.contains("F6 Antrean"), "{footer}");
    assert!(!footer.contains("F2"), "{footer}");
}

/// A scanner burst (13 digits and Enter, all waiting at once) is applied whole before a frame is
/// drawn: the loop draws once for the burst, not once per digit.
#[test]
fn a_scanner_burst_is_applied_before_one_frame_is_drawn() {
    use loket::app::ScriptedInput;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let (_d, mut app) = app(loket::text::Lang::Id);
    login_with_shift(&mut app, "budi", "2222");
    send(&mut app, &["f4"]);
    let burst = "8991000000072".chars().map(KeyCode::Char).chain([KeyCode::Enter]).map(|c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE))).collect();
    // The loop reads the real clock before a burst; the test's session is as fresh as that.
    app.state.last_input = chrono::Utc::now();
    let mut input = ScriptedInput(burst);
    assert_eq!(app.apply_waiting(&mut input).unwrap(), 14, "every waiting key in one go");
    assert!(input.0.is_empty());
    assert_eq!(app.state.sale.lines.len(), 1, "the scanned product is on the cart before the frame: {:?} {:?}", app.state.flash, app.state.screen);
}

/// A site that moves "save" from F10 to F9 sees F9 in the hints, not a key written into the text.
#[test]
fn hints_name_the_keys_the_site_bound() {
    let mut keymap = loket::keymap::Keymap::defaults();
    keymap.merge_str("[patient-form]\nf10 = \"none\"\nf9 = \"save\"\n", "k.toml").unwrap();
    let (_d, mut app) = app(Lang::Id);
    app.state.keymap = keymap;
    login(&mut app, "siti", "1111");
    send(&mut app, &["f3", "f5"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("F9: simpan bila semua benar"), "{screen}");
    assert!(!screen.contains("F10: simpan"), "{screen}");
}

/// A message longer than the line wraps instead of losing its end (at 80 columns the expiry date
/// of "Perhatian: ... kedaluwarsa DD-MM-YYYY" was cut off); the footer always keeps F1.
#[test]
fn a_long_message_wraps_and_the_footer_keeps_help() {
    let (_d, mut app) = app(Lang::Id);
    login_with_shift(&mut app, "budi", "2222");
    send(&mut app, &["f4"]);
    let long = "Perhatian: CTM 4 mg kedaluwarsa dalam 30 hari; Parasetamol 500 mg kedaluwarsa dalam 12 hari; periksa batch 2411A sebelum 12-12-2026";
    app.state.flash = Some(loket::screens::Flash { kind: loket::screens::FlashKind::Info, text: long.into(), until: app.state.now + Duration::seconds(60) });
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("12-12-2026"), "the end of the message shows: {screen}");
    let footer = screen.lines().last().unwrap();
    assert!(footer.contains("F1"), "{footer}");
}

/// A message belongs to the screen it was made on: "you are on the home screen" does not follow
/// the clerk onto the patient screen.
#[test]
fn a_message_goes_when_its_screen_goes() {
    let (_d, mut app) = app(Lang::En);
    login(&mut app, "siti", "1111");
    send(&mut app, &["esc"]);
    assert!(app.state.flash.as_ref().is_some_and(|f| f.text.contains("home screen")), "{:?}", app.state.flash);
    send(&mut app, &["f3"]);
    assert_eq!(app.state.flash, None);
    let screen = screen_text(&app.state, 80, 24);
    assert!(!screen.contains("home screen"), "{screen}");
}
