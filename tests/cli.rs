//! The command line as a user meets it: setup commands, and every kind of bad input giving one
//! clear sentence and a non-zero exit (before any terminal mode is touched).

mod common;
use common::run_loket;
use std::fs;

fn home() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn db_arg(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

#[test]
fn init_then_manage_users() {
    let h = home();
    let db = db_arg(&h, "site.db");
    let (code, out, err) = run_loket(h.path(), &["init", "--db", &db, "--admin", "kepala", "--pin", "24680", "--site", "KDKMP Mekarsari"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("admin pertama: kepala"), "{out}");
    let config = fs::read_to_string(h.path().join(".config/loket/config.toml")).unwrap();
    assert!(config.contains("name = \"KDKMP Mekarsari\""), "{config}");
    // A second init is refused.
    let (code, _, err) = run_loket(h.path(), &["init", "--db", &db, "--admin", "x", "--pin", "1234"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("sudah disiapkan"), "{err}");
    // Adding a user needs an admin's PIN.
    let add = ["user", "add", "dewi", "--role", "cashier", "--db", &db, "--pin", "1357", "--as", "kepala"];
    let (code, _, err) = run_loket(h.path(), &add, &[("LOKET_AS_PIN", "1111")]);
    assert_eq!(code, 1);
    assert!(err.contains("Nama atau PIN salah"), "{err}");
    let (code, out, err) = run_loket(h.path(), &add, &[("LOKET_AS_PIN", "24680")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("dewi (Kasir) ditambahkan"), "{out}");
    let (_, out, _) = run_loket(h.path(), &["user", "list", "--db", &db, "--lang", "en"], &[]);
    assert!(out.contains("dewi") && out.contains("Cashier") && out.contains("active"), "{out}");
    // Reset and disable, then the audit chain is intact and records all of it.
    let (code, _, err) = run_loket(h.path(), &["user", "reset-pin", "dewi", "--pin", "9753", "--db", &db, "--as", "kepala"], &[("LOKET_AS_PIN", "24680")]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_loket(h.path(), &["user", "disable", "dewi", "--db", &db, "--as", "kepala"], &[("LOKET_AS_PIN", "24680")]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run_loket(h.path(), &["user", "list", "--db", &db], &[]);
    assert!(out.contains("nonaktif"), "{out}");
    let (code, _, err) = run_loket(h.path(), &["user", "disable", "kepala", "--db", &db, "--as", "kepala"], &[("LOKET_AS_PIN", "24680")]);
    assert_eq!(code, 1);
    assert!(err.contains("Admin aktif terakhir"), "{err}");
    let (code, out, err) = run_loket(h.path(), &["audit", "verify", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Log audit utuh"), "{out}");
}

#[test]
fn weak_pins_and_bad_names_are_refused() {
    let h = home();
    let db = db_arg(&h, "site.db");
    let (code, _, err) = run_loket(h.path(), &["init", "--db", &db, "--admin", "kepala", "--pin", "12"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("PIN harus 4 sampai 8 angka"), "{err}");
    let (code, _, err) = run_loket(h.path(), &["init", "--db", &db, "--admin", "ke pala", "--pin", "1234", "--lang", "en"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("login name may hold"), "{err}");
    assert!(!h.path().join("site.db").exists(), "nothing written on bad input");
}

#[test]
fn a_missing_database_says_how_to_create_one() {
    let h = home();
    let db = db_arg(&h, "none.db");
    let (code, _, err) = run_loket(h.path(), &["--db", &db], &[]);
    assert_eq!(code, 1);
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
    assert!(err.contains("belum ada") && err.contains("loket init"), "{err}");
    let (code, _, err) = run_loket(h.path(), &["demo", "--seed-only", "--db", "/nonexistent/dir/demo.db"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("Folder /nonexistent/dir tidak ada"), "{err}");
}

#[test]
fn a_corrupt_or_foreign_file_is_refused() {
    let h = home();
    let path = h.path().join("junk.db");
    fs::write(&path, vec![0x42u8; 8192]).unwrap();
    let (code, _, err) = run_loket(h.path(), &["--db", path.to_str().unwrap()], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("bukan database Loket atau rusak"), "{err}");
    // Another program's SQLite database is not ours either.
    let other = h.path().join("other.db");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
    drop(conn);
    let (code, _, err) = run_loket(h.path(), &["--db", other.to_str().unwrap(), "--lang", "en"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("is not a Loket database or is damaged"), "{err}");
    assert_eq!(fs::read(&path).unwrap(), vec![0x42u8; 8192], "the file is left untouched");
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let h = home();
    let db = db_arg(&h, "new.db");
    let (code, _, _) = run_loket(h.path(), &["demo", "--seed-only", "--db", &db, "--patients", "5"], &[]);
    assert_eq!(code, 0);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let (code, _, err) = run_loket(h.path(), &["--db", &db], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("versi Loket yang lebih baru (skema 999"), "{err}");
}

#[test]
fn an_unwritable_database_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let h = home();
    let db = db_arg(&h, "ro.db");
    run_loket(h.path(), &["demo", "--seed-only", "--db", &db, "--patients", "5"], &[]);
    // Root may write anything, so run as "nobody" when the tests run as root (as CI does).
    fs::set_permissions(h.path(), fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(&db, fs::Permissions::from_mode(0o444)).unwrap();
    let mut cmd = if is_root() {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(common::loket_bin());
        c
    } else {
        std::process::Command::new(common::loket_bin())
    };
    let out = cmd.args(["--db", &db]).env("HOME", h.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("tidak bisa ditulis"), "{err}");
}

fn is_root() -> bool {
    std::process::Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

#[test]
fn a_bad_config_names_file_key_and_problem() {
    let h = home();
    let cfg = h.path().join("site.toml");
    fs::write(&cfg, "[site]\nname = \"KDKMP\"\ntimezone = \"GMT+7\"\n").unwrap();
    let (code, _, err) = run_loket(h.path(), &["--config", cfg.to_str().unwrap(), "--db", "/x.db"], &[]);
    assert_eq!(code, 2);
    assert_eq!(
        err.trim(),
        format!("loket: {}: site.timezone: \"GMT+7\" bukan zona waktu; pakai WIB, WITA atau WIT", cfg.display())
    );
    fs::write(&cfg, "[site]\nlanguag = \"en\"\n").unwrap();
    let (code, _, err) = run_loket(h.path(), &["--config", cfg.to_str().unwrap(), "--lang", "en"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("site.languag: unknown key"), "{err}");
    let (code, _, err) = run_loket(h.path(), &["--config", "/no/such.toml"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such.toml: tidak bisa dibaca"), "{err}");
    let (code, _, err) = run_loket(h.path(), &["--lang", "fr"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("\"fr\" bukan bahasa"), "{err}");
}

#[test]
fn the_config_language_applies_to_messages() {
    let h = home();
    let dir = h.path().join(".config/loket");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("config.toml"), "[site]\nlanguage = \"en\"\n").unwrap();
    let (_, _, err) = run_loket(h.path(), &["--db", "/tmp/definitely-missing-loket.db"], &[]);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn keymap_check_reports_file_table_key_and_problem() {
    let h = home();
    let km = h.path().join("keys.toml");
    fs::write(&km, "[queue]\nf2 = \"home\"\nctrl-x = \"call-everyone\"\n").unwrap();
    let (code, _, err) = run_loket(h.path(), &["keymap", "check", km.to_str().unwrap()], &[]);
    assert_eq!(code, 2);
    assert_eq!(err.trim(), format!("loket: {}: queue: ctrl-x: aksi \"call-everyone\" tidak dikenal", km.display()));
    fs::write(&km, "[global]\nf10 = \"sale\"\n").unwrap();
    let (code, out, _) = run_loket(h.path(), &["keymap", "check", km.to_str().unwrap()], &[]);
    assert_eq!(code, 0);
    assert!(out.contains("Keymap benar"), "{out}");
    let (code, out, _) = run_loket(h.path(), &["keymap", "check"], &[]);
    assert_eq!(code, 0);
    assert!(out.contains("keymaps/default.toml"), "{out}");
    // The user's keymap.toml in the config directory is checked when the app starts, too.
    let dir = h.path().join(".config/loket");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("keymap.toml"), "[global]\nhyper-q = \"quit\"\n").unwrap();
    let (code, _, err) = run_loket(h.path(), &["demo", "--db", &db_arg(&h, "d.db"), "--patients", "1"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("keymap.toml: global: hyper-q: nama tombol tidak dikenal"), "{err}");
}

#[test]
fn audit_verify_detects_tampering() {
    let h = home();
    let db = db_arg(&h, "a.db");
    run_loket(h.path(), &["demo", "--seed-only", "--db", &db, "--patients", "10"], &[]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone-else' WHERE id = 2;").unwrap();
    drop(conn);
    let (code, _, err) = run_loket(h.path(), &["audit", "verify", "--db", &db], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("entri 2 telah diubah"), "{err}");
}

#[test]
fn the_app_refuses_to_run_without_a_terminal() {
    let h = home();
    let db = db_arg(&h, "d.db");
    let (code, _, err) = run_loket(h.path(), &["demo", "--db", &db, "--patients", "3"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("perlu terminal interaktif"), "{err}");
}

/// On a demo database every command uses the demo's site name, as the app does: a ticket from
/// the kiosk command says the same name as the counter screen.
#[test]
fn commands_on_the_demo_use_the_demo_site() {
    let h = tempfile::tempdir().unwrap();
    let db = h.path().join("demo.db");
    let db = db.to_str().unwrap();
    let (code, _, err) = run_loket(h.path(), &["demo", "--seed-only", "--db", db, "--patients", "10"], &[]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run_loket(h.path(), &["ticket", "A", "--db", db], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("KDKMP Sukamaju (DEMO)") && !out.contains("Koperasi Desa Merah Putih"), "{out}");
}

/// A command line clap cannot read is one sentence in the user's language, exit status 2.
#[test]
fn usage_errors_speak_the_users_language() {
    let h = tempfile::tempdir().unwrap();
    let (code, _, err) = run_loket(h.path(), &["frobnicate"], &[]);
    assert_eq!(code, 2);
    assert_eq!(err.trim(), "loket: perintah \"frobnicate\" tidak dikenal. Lihat: loket --help");
    let (code, _, err) = run_loket(h.path(), &["report", "weekly"], &[("LOKET_LANG", "en")]);
    assert_eq!(code, 2);
    assert!(err.contains("the value \"weekly\" cannot be used. Choose: shift, day, range, ckg, members, savings, loans, clinic."), "{err}");
    let (_, _, err) = run_loket(h.path(), &["ticket", "A", "--bogus"], &[]);
    assert!(err.contains("pilihan \"--bogus\" tidak dikenal"), "{err}");
    assert!(!err.contains("Usage:") && !err.contains("error:"), "no English from clap: {err}");
}
