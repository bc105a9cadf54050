//! The Debian package: installed with dpkg on this machine, then the installed `loket` runs as
//! the `loket` user on the packaged data directory. `.ci/run` builds the package and names it in
//! LOKET_DEB; without it the test fails under CI and is skipped elsewhere.

mod common;

use std::os::unix::fs::MetadataExt;
use std::process::Command;

fn sh(cmd: &str) -> (bool, String) {
    let out = Command::new("sh").arg("-c").arg(cmd).output().unwrap();
    (out.status.success(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn the_package_installs_runs_and_removes() {
    let Some(deb) = std::env::var_os("LOKET_DEB") else {
        assert!(std::env::var_os("CI").is_none(), "CI must build the package and set LOKET_DEB (.ci/run)");
        eprintln!("Debian package test skipped: LOKET_DEB is not set");
        return;
    };
    let deb = deb.to_string_lossy().to_string();
    // What the test adds to the host goes again at the end (the package keeps the data folder).
    let had_data = std::path::Path::new("/var/lib/loket").exists();
    let (ok, out) = sh(&format!("dpkg -i {deb}"));
    assert!(ok, "{out}");
    let (ok, out) = sh("/usr/bin/loket --version");
    assert!(ok && out.starts_with("loket "), "{out}");
    let (ok, out) = sh("id loket && id loket-supervisor");
    assert!(ok, "{out}");
    assert!(out.contains("(loket)"), "{out}");
    let data = std::fs::metadata("/var/lib/loket").unwrap();
    assert_eq!(data.mode() & 0o777, 0o750, "tight permissions on the data directory");
    for f in [
        "/lib/systemd/system/loket-board.service",
        "/lib/systemd/system/loket-backup.timer",
        "/lib/systemd/system/loket-counter@.service",
        "/etc/ssh/sshd_config.d/loket-supervisor.conf",
        "/etc/loket/config.toml",
    ] {
        assert!(std::path::Path::new(f).exists(), "{f} installed");
    }
    // The site secret: made by the package, the loket user's alone.
    let key = std::fs::metadata("/var/lib/loket/loket.key").expect("the package makes the site secret");
    assert_eq!(key.mode() & 0o777, 0o600, "only its owner reads the secret");
    let (ok, out) = sh("runuser -u loket -- test -r /var/lib/loket/loket.key");
    assert!(ok, "the loket user reads it: {out}");
    let (ok, _) = sh("runuser -u loket-supervisor -- cat /var/lib/loket/loket.key");
    assert!(!ok, "the supervisors' account cannot read the secret");
    // The installed program, as the loket user, on the packaged data directory.
    let (ok, out) = sh("runuser -u loket -- env HOME=/var/lib/loket /usr/bin/loket demo --seed-only --patients 10 --db /var/lib/loket/pkgtest.db");
    assert!(ok, "{out}");
    let (ok, out) = sh("runuser -u loket -- env HOME=/var/lib/loket /usr/bin/loket backup /var/lib/loket/backups --db /var/lib/loket/pkgtest.db");
    assert!(ok, "{out}");
    // The packaged build aborts on a panic (no unwinding, no unwind tables; Cargo.toml and
    // build.rs): the hook still gives the terminal back, says one sentence and writes the log.
    let home = tempfile::tempdir().unwrap();
    let h = home.path().display();
    let t = common::Tmux::start(&format!("LOKET_PROBE=panic HOME={h} /usr/bin/loket demo --db {h}/demo.db --patients 5"), 80, 24);
    let s = t.wait_for("EXIT=");
    assert!(!t.alternate_on(), "left the alternate screen after the panic");
    assert!(s.contains("Loket berhenti karena kesalahan internal") && !s.contains("panicked at"), "{s}");
    assert!(s.contains("EXIT=134"), "aborted (SIGABRT): {s}");
    let log = std::fs::read_to_string(home.path().join(".local/share/loket/loket.log")).unwrap();
    assert!(log.contains("panic requested by LOKET_PROBE"), "{log}");
    t.keys(&["echo typed-ok", "Enter"]);
    t.wait_for("typed-ok");
    // The supervisor account reads the figures, read-only, through its group.
    let (ok, out) = sh("runuser -u loket-supervisor -- env HOME=/var/lib/loket-supervisor /usr/bin/loket report day --db /var/lib/loket/pkgtest.db");
    assert!(ok && out.contains("Ringkasan"), "{out}");
    let (ok, out) = sh("runuser -u loket-supervisor -- env HOME=/var/lib/loket-supervisor /usr/bin/loket ticket A --db /var/lib/loket/pkgtest.db");
    assert!(!ok, "the supervisor account cannot write: {out}");
    let (ok, out) = sh("dpkg --purge loket && rm -f /var/lib/loket/pkgtest.db* /var/lib/loket/pkgtest.key");
    assert!(ok, "{out}");
    assert!(!std::path::Path::new("/usr/bin/loket").exists());
    let (ok, _) = sh("id loket || id loket-supervisor");
    assert!(!ok, "no account is left behind");
    if !had_data {
        let _ = std::fs::remove_dir_all("/var/lib/loket");
        let _ = std::fs::remove_dir_all("/var/lib/loket-supervisor");
    }
}
