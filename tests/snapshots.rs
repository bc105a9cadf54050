//! Screen snapshots: the whole frame drawn on ratatui's TestBackend at 80x24 (the minimum) and
//! larger, compared with the reviewed snapshots in tests/snapshots/.

mod common;
use common::*;
use insta::assert_snapshot;
use loket::app::Modal;
use loket::domain::user::Role;
use loket::screens::ScreenId;
use loket::store::users::User;
use loket::text::Lang;

fn user(name: &str, full: &str, role: Role) -> User {
    User { id: 1, name: name.into(), full_name: full.into(), role, disabled: false, failed_attempts: 0, locked_until: None }
}

#[test]
fn login_screen_of_the_demo() {
    let s = state(Lang::Id, false);
    assert_snapshot!("login_80x24", render(&s, 80, 24).backend());
    assert_snapshot!("login_120x40", render(&s, 120, 40).backend());
}

#[test]
fn login_with_an_error_in_english() {
    let mut s = state(Lang::En, false);
    s.login.message = Some(s.text.bad_credentials().into());
    s.login.name = tui_input::Input::new("budi".into());
    assert_snapshot!("login_error_en_80x24", render(&s, 80, 24).backend());
}

#[test]
fn home_of_a_cashier() {
    let mut s = state(Lang::Id, false);
    s.session = Some(user("budi", "Budi Santoso", Role::Cashier));
    assert_snapshot!("home_cashier_80x24", render(&s, 80, 24).backend());
    assert_snapshot!("home_cashier_120x40", render(&s, 120, 40).backend());
}

/// The screens in two columns at 80x24, the ones the role may not open named on one line: the
/// list had filled the screen (one row each), with no room for the screens still to come.
#[test]
fn home_of_an_admin() {
    let mut s = state(Lang::Id, false);
    s.session = Some(user("admin", "Admin Koperasi", Role::Admin));
    let text = screen_text(&s, 80, 24);
    assert!(text.contains("Bukan untuk peran Anda: Penjualan, Penerimaan barang, Stok opname"), "an admin does not sell or receive: {text}");
    let quit_row = text.lines().position(|l| l.contains("Keluar dari Loket")).unwrap();
    assert!(quit_row <= 17, "at least four rows to spare at 80x24: {text}");
    assert_snapshot!("home_admin_80x24", render(&s, 80, 24).backend());
}

#[test]
fn queue_screen_help() {
    let mut s = state(Lang::Id, false);
    s.session = Some(user("siti", "Siti Aminah", Role::Clerk));
    s.screen = ScreenId::Queue;
    s.modals.push(Modal::Help { scope: loket::action::Scope::Queue, scroll: 0 });
    assert_snapshot!("queue_help_80x24", render(&s, 80, 24).backend());
}

#[test]
fn quit_confirmation_and_lock_screen() {
    let mut s = state(Lang::Id, false);
    s.session = Some(user("joko", "Joko Susilo", Role::Supervisor));
    s.modals.push(Modal::ConfirmQuit);
    assert_snapshot!("confirm_quit_80x24", render(&s, 80, 24).backend());
    s.modals.clear();
    s.locked = true;
    assert_snapshot!("locked_80x24", render(&s, 80, 24).backend());
}

#[test]
fn ascii_mode_draws_no_box_characters() {
    let mut s = state(Lang::Id, true);
    s.session = Some(user("rina", "apt. Rina Wulandari", Role::Pharmacy));
    let text = screen_text(&s, 80, 24);
    assert!(text.is_ascii(), "{text}");
    assert_snapshot!("home_ascii_80x24", render(&s, 80, 24).backend());
}

#[test]
fn a_terminal_smaller_than_80x24_says_so() {
    let s = state(Lang::Id, false);
    let text = screen_text(&s, 60, 20);
    assert!(text.contains("Terminal terlalu kecil (60x20)"), "{text}");
}
