//! PINs give nothing away: known, unknown, disabled and locked names get the same answers and
//! cost the same (one keyed argon2 check each, counted); the hashes are keyed with the site
//! secret kept beside the database in a file only its owner can read, so a copy of the database
//! (or of a backup) alone cannot test PINs.

mod common;
use chrono::Utc;
use loket::config::Security;
use loket::domain::user::Role;
use loket::store::users::{hashes_checked, AuthFailure};
use loket::store::{Actor, OpenMode, Store, StoreError};
use std::os::unix::fs::PermissionsExt;

fn policy() -> Security {
    Security { max_pin_attempts: 5, lockout_minutes: 5, idle_lock_minutes: 0 }
}

fn site() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("site.db"), OpenMode::Create).unwrap();
    let now = Utc::now();
    store.init_admin("admin", "Admin", "1234", now).unwrap();
    store.create_user(&Actor::system("test"), "budi", "Budi", Role::Cashier, "2222", now).unwrap();
    store.create_user(&Actor::system("test"), "lama", "Lama", Role::Clerk, "3333", now).unwrap();
    store.set_user_disabled(&Actor::system("test"), "lama", true, now).unwrap();
    (dir, store)
}

/// The answers to six wrong PINs in a row for a name.
fn answers(store: &mut Store, name: &str) -> Vec<String> {
    let now = Utc::now();
    (0..6)
        .map(|_| match store.authenticate(name, "0000", now, &policy()).unwrap() {
            Ok(_) => "ok".to_string(),
            Err(AuthFailure::BadCredentials) => "bad".to_string(),
            Err(AuthFailure::Locked { .. }) => "locked".to_string(),
        })
        .collect()
}

#[test]
fn known_unknown_and_disabled_names_get_the_same_answers() {
    let (_d, mut store) = site();
    let known = answers(&mut store, "budi");
    assert_eq!(known, ["bad", "bad", "bad", "bad", "locked", "locked"]);
    assert_eq!(answers(&mut store, "nobody"), known, "an unknown name is locked out the same way");
    assert_eq!(answers(&mut store, "lama"), known, "a disabled user too");
    // Even the right PIN waits out the lock, and an admin's reset lifts it.
    assert!(matches!(store.authenticate("budi", "2222", Utc::now(), &policy()).unwrap(), Err(AuthFailure::Locked { .. })));
    store.reset_pin(&Actor::system("test"), "budi", "5678", Utc::now()).unwrap();
    assert!(store.authenticate("budi", "5678", Utc::now(), &policy()).unwrap().is_ok());
    // Lockouts are per name typed, whatever its case.
    assert!(matches!(store.authenticate("NOBODY", "0000", Utc::now(), &policy()).unwrap(), Err(AuthFailure::Locked { .. })));
}

#[test]
fn every_pin_check_costs_one_keyed_hash_whoever_is_named() {
    let (_d, mut store) = site();
    let now = Utc::now();
    for _ in 0..5 {
        let _ = store.authenticate("budi", "0000", now, &policy()).unwrap();
    }
    for (name, what) in [("budi", "locked"), ("nobody", "unknown"), ("lama", "disabled"), ("admin", "known, wrong PIN"), ("admin", "known, right PIN")] {
        let pin = if what.ends_with("right PIN") { "1234" } else { "0000" };
        let before = hashes_checked();
        let _ = store.authenticate(name, pin, now, &policy()).unwrap();
        assert_eq!(hashes_checked() - before, 1, "{what}: exactly one argon2 check");
    }
}

#[test]
fn a_copy_of_the_database_alone_cannot_test_pins() {
    let (dir, store) = site();
    let key = dir.path().join("site.key");
    let mode = std::fs::metadata(&key).expect("the site secret is made with the database").permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "only its owner reads the secret");
    drop(store);
    // The hash in the file does not verify with argon2 alone.
    let conn = rusqlite::Connection::open(dir.path().join("site.db")).unwrap();
    let hash: String = conn.query_row("SELECT pin_hash FROM users WHERE name = 'budi'", [], |r| r.get(0)).unwrap();
    let phc = hash.trim_start_matches(|c: char| c != '$');
    use argon2::password_hash::{PasswordHash, PasswordVerifier};
    let parsed = PasswordHash::new(phc).unwrap();
    assert!(argon2::Argon2::default().verify_password(b"2222", &parsed).is_err(), "the right PIN does not verify without the secret");
    drop(conn);
    // The database copied elsewhere without its secret refuses to open for writing, saying why.
    let other = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("site.db"), other.path().join("site.db")).unwrap();
    match Store::open(&other.path().join("site.db"), OpenMode::Existing) {
        Err(StoreError::SecretMissing(p)) => assert_eq!(p, other.path().join("site.key")),
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("opened without its secret"),
    }
    // A wrong secret is refused too.
    std::fs::write(other.path().join("site.key"), "00".repeat(32)).unwrap();
    assert!(matches!(Store::open(&other.path().join("site.db"), OpenMode::Existing), Err(StoreError::SecretMismatch(_))));
}

#[test]
fn init_makes_the_secret_and_backups_leave_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("loket.db");
    let (code, _, err) = common::run_loket(dir.path(), &["init", "--db", db.to_str().unwrap(), "--admin", "admin", "--full-name", "A", "--site", "S"], &[("LOKET_PIN", "1234")]);
    assert_eq!(code, 0, "{err}");
    let key = dir.path().join("loket.key");
    assert_eq!(std::fs::metadata(&key).unwrap().permissions().mode() & 0o777, 0o600);
    let out = dir.path().join("bk");
    std::fs::create_dir(&out).unwrap();
    let (code, _, err) = common::run_loket(dir.path(), &["backup", out.to_str().unwrap(), "--db", db.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{err}");
    let secret = std::fs::read(&key).unwrap();
    for f in std::fs::read_dir(&out).unwrap() {
        let bytes = std::fs::read(f.unwrap().path()).unwrap();
        assert!(!bytes.windows(secret.len().min(32)).any(|w| w == &secret[..secret.len().min(32)]), "the secret is in no backup");
    }
}
