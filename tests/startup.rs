//! Each way a start can go wrong gets its own true sentence, in the user's language, before
//! the terminal is touched or a question is asked.

mod common;
use common::{loket_bin, run_loket};
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

#[test]
fn a_folder_given_as_the_database_is_called_a_folder() {
    let h = tempfile::tempdir().unwrap();
    let (code, _, err) = run_loket(h.path(), &["--db", h.path().to_str().unwrap()], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("adalah folder, bukan file database"), "{err}");
    assert!(!err.contains("tidak bisa ditulis"), "{err}");
}

#[test]
fn a_read_only_mount_is_called_a_read_only_mount() {
    let h = tempfile::tempdir().unwrap();
    let mnt = h.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let mounted = is_root() && Command::new("mount").args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"]).arg(&mnt).status().map(|s| s.success()).unwrap_or(false);
    if !mounted {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root and can mount a tmpfs");
        eprintln!("NOTICE: read-only mount test skipped (needs root to mount a tmpfs)");
        return;
    }
    let db = mnt.join("loket.db");
    let (code, _, err) = run_loket(h.path(), &["demo", "--seed-only", "--patients", "3", "--db", db.to_str().unwrap()], &[]);
    let remounted = Command::new("mount").args(["-o", "remount,ro"]).arg(&mnt).status().unwrap().success();
    let (rcode, _, rerr) = run_loket(h.path(), &["--db", db.to_str().unwrap()], &[]);
    let _ = Command::new("umount").arg(&mnt).status();
    assert_eq!(code, 0, "{err}");
    assert!(remounted);
    assert_eq!(rcode, 1, "{rerr}");
    assert!(rerr.contains("hanya-baca (read-only)"), "{rerr}");
    assert!(!rerr.contains("grup dan izin"), "{rerr}");
}

#[test]
fn a_missing_keymap_file_is_called_missing() {
    let h = tempfile::tempdir().unwrap();
    let missing = h.path().join("nope.toml");
    let (code, _, err) = run_loket(h.path(), &["keymap", "check", "--keymap", missing.to_str().unwrap()], &[]);
    let (code2, _, err2) = run_loket(h.path(), &["--keymap", missing.to_str().unwrap(), "--db", "/nonexistent.db"], &[]);
    for (code, err) in [(code, err), (code2, err2)] {
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("tidak ada"), "{err}");
        assert!(!err.to_lowercase().contains("toml") || err.contains("nope.toml"), "not a syntax error: {err}");
        assert!(!err.contains("sintaks"), "{err}");
    }
}

#[test]
fn a_wrong_type_in_the_config_is_one_sentence_in_the_users_language() {
    let h = tempfile::tempdir().unwrap();
    let cfg = h.path().join("site.toml");
    std::fs::write(&cfg, "[security]\nmax_pin_attempts = \"five\"\n").unwrap();
    let (code, _, err) = run_loket(h.path(), &["--config", cfg.to_str().unwrap(), "--db", "/x.db"], &[]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("security.max_pin_attempts"), "{err}");
    for english in ["invalid type", "expected", "string"] {
        assert!(!err.contains(english), "no serde English in the Indonesian message: {err}");
    }
}

#[test]
fn init_into_a_read_only_folder_says_so_before_asking_anything() {
    let h = tempfile::tempdir().unwrap();
    let ro = h.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(h.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut cmd = if is_root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(loket_bin());
        c
    } else {
        Command::new(loket_bin())
    };
    let out = cmd.args(["init", "--db", ro.join("loket.db").to_str().unwrap()]).env_clear().env("HOME", h.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("Nama login admin"), "no question before the folder was tried: {err}");
    assert!(err.contains("tidak bisa ditulis"), "{err}");
    assert!(!ro.join("loket.db").exists());
}
