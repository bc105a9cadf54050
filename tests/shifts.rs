//! Shifts as a cashier works them, the supervisor's figures, reports for scripts, and backups.

mod common;
use chrono::Utc;
use common::*;
use loket::store::{OpenMode, Store};
use loket::text::Lang;
use std::os::unix::fs::PermissionsExt;
use std::process::Command;

#[test]
fn a_cashier_shift_with_a_blind_count_and_the_supervisor_sees_the_difference() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "budi", "2222");
    send(&mut app, &["f9"]);
    assert!(screen_text(&app.state, 80, 24).contains("Belum ada shift terbuka."));
    // Cash in before opening is refused with a message.
    send(&mut app, &["f6"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Belum ada shift terbuka.");
    send(&mut app, &["f5", "200.000", "enter"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Shift dibuka.");
    // A cash-out without a reason asks for one; letters are not an amount.
    send(&mut app, &["f7", "abc", "tab", "enter"]);
    assert_eq!(app.state.shift.entry.as_ref().unwrap().error.as_deref(), Some("Jumlah harus angka rupiah 0 atau lebih."));
    send(&mut app, &["backtab", "30000", "enter"]);
    assert_eq!(app.state.shift.entry.as_ref().unwrap().error.as_deref(), Some("Isi alasannya."));
    send(&mut app, &["tab", "bayar galon air", "enter"]);
    send(&mut app, &["f6", "50000", "tab", "uang kecil dari kantor", "enter"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Rp50.000") && screen.contains("Rp30.000"), "{screen}");
    assert!(!screen.contains("Rp220.000"), "the expected cash is not shown to the cashier: {screen}");
    // A cash sale in the shift: Minyakita 1 L, Rp15.700, paid exactly.
    send(&mut app, &["f4", "8991000000034", "enter", "f10", "enter"]);
    assert!(app.state.flash.as_ref().unwrap().text.contains("lunas Rp15.700"), "{:?}", app.state.flash);
    send(&mut app, &["f9"]);
    send(&mut app, &["f8"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Laporan X dicetak.");
    let x = app.store.recent_print_jobs(1).unwrap();
    assert!(x[0].preview.contains("LAPORAN X") && !x[0].preview.contains("235.700"), "{}", x[0].preview);
    // Blind: the sale is counted, but no cash figure is printed from which the expected cash follows.
    assert!(!x[0].preview.contains("15.700") && !x[0].preview.contains("200.000"), "{}", x[0].preview);
    // Close with the count: 5,000 short of float 200,000 + sale 15,700 + 50,000 in - 30,000 out.
    // Closing asks once more, with the amounts read.
    send(&mut app, &["f10", "230700", "tab", "0", "enter"]);
    assert!(app.state.shift.shift.as_ref().is_some_and(|s| s.0.closed_at.is_none()), "not closed on one Enter");
    send(&mut app, &["enter"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Shift ditutup. Laporan Z tersimpan.");
    let z = app.store.recent_print_jobs(1).unwrap();
    assert!(z[0].preview.contains("LAPORAN Z") && z[0].preview.contains("Rp235.700"), "{}", z[0].preview);
    // The supervisor's F9 shows the shift with its difference.
    send(&mut app, &["f12"]);
    login(&mut app, "joko", "4444");
    send(&mut app, &["f9"]);
    let screen = screen_text(&app.state, 100, 40);
    // Its Z number follows the demo history's closed shifts.
    let row = screen.lines().find(|l| l.contains("-Rp5.000")).unwrap_or_default();
    assert!(row.contains(" Z") && row.contains("budi"), "{screen}");
    assert!(screen.contains("Penjualan: 1 transaksi, Rp15.700"), "{screen}");
    assert!(screen.contains("bagian sembako") && screen.contains("tunai"), "{screen}");
}

fn seeded(dir: &std::path::Path) -> String {
    let db = dir.join("site.db").display().to_string();
    let (code, _, err) = run_loket(dir, &["demo", "--seed-only", "--patients", "20", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    db
}

#[test]
fn reports_for_scripts_in_text_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    run_loket(dir.path(), &["ticket", "B", "--db", &db], &[]);
    let (code, out, _) = run_loket(dir.path(), &["report", "day", "--format", "json", "--db", &db], &[]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["queue"][0]["service"], "B");
    assert_eq!(v["queue"][0]["taken"], 1);
    let (_, out, _) = run_loket(dir.path(), &["report", "range", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "csv", "--db", &db], &[]);
    assert!(out.starts_with("Periode\nDari,Sampai\n2026-01-01,2026-12-31\n"), "{out}");
    assert!(out.contains("\nAntrean\nLayanan,Diambil,Dilayani,Dilewati,"), "named columns, not a,b,c: {out}");
    assert!(!out.contains(",a,b,c"), "{out}");
    let (code, _, err) = run_loket(dir.path(), &["report", "range", "--from", "2026-12-31", "--to", "2026-01-01", "--db", &db], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("Tanggal akhir lebih awal dari tanggal mulai."), "{err}");
    let (code, _, err) = run_loket(dir.path(), &["report", "day", "--from", "31-12-2026", "--db", &db, "--lang", "en"], &[]);
    assert_eq!(code, 2);
    assert!(err.contains("Not a date; write yyyy-mm-dd."), "{err}");
}

#[test]
fn a_backup_made_while_a_counter_writes_is_whole_and_only_n_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let out = dir.path().join("usb");
    std::fs::create_dir(&out).unwrap();
    // A counter keeps taking tickets while backups are made.
    let writer_db = db.clone();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop2 = stop.clone();
    let writer = std::thread::spawn(move || {
        let mut s = Store::open(std::path::Path::new(&writer_db), OpenMode::Existing).unwrap();
        let mut n = 0;
        while !stop2.load(std::sync::atomic::Ordering::Relaxed) {
            s.take_ticket(&loket::store::Actor::system("t"), "A", None, &Default::default(), Utc::now().date_naive(), Utc::now()).unwrap();
            n += 1;
        }
        n
    });
    for _ in 0..3 {
        let (code, msg, err) = run_loket(dir.path(), &["backup", out.to_str().unwrap(), "--keep", "2", "--db", &db], &[]);
        assert_eq!(code, 0, "{err}");
        assert!(msg.contains("dibuat dan diperiksa"), "{msg}");
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(writer.join().unwrap() > 0);
    let kept: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    // A backup holds no secret: it opens with the site's, kept beside the database.
    let key = loket::store::secret::key_path(std::path::Path::new(&db));
    for k in &kept {
        let s = Store::open_keyed(k, OpenMode::Existing, &key).unwrap();
        assert_eq!(s.verify_audit().unwrap().problems(), None);
        assert_eq!(s.patient_count().unwrap(), 20);
    }
    // Restore the newest backup in place of a damaged database.
    let newest = kept.iter().max().unwrap();
    std::fs::write(&db, b"damaged by a power cut").unwrap();
    let (code, _, err) = common::run_loket_with_input(dir.path(), &["restore", newest.to_str().unwrap(), "--db", &db, "--as", "admin"], &[("LOKET_AS_PIN", "1234")], "PULIHKAN\n");
    assert_eq!(code, 0, "{err}");
    assert_eq!(Store::open(std::path::Path::new(&db), OpenMode::Existing).unwrap().patient_count().unwrap(), 20);
}

#[test]
fn restore_refuses_a_damaged_or_newer_file_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let before = std::fs::read(&db).unwrap();
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let (code, _, err) = common::run_loket_with_input(dir.path(), &["restore", junk.to_str().unwrap(), "--db", &db, "--as", "admin"], &[("LOKET_AS_PIN", "1234")], "PULIHKAN\n");
    assert_eq!(code, 1);
    assert!(err.contains("bukan cadangan Loket yang utuh"), "{err}");
    let newer = dir.path().join("newer.db");
    run_loket(dir.path(), &["demo", "--seed-only", "--patients", "1", "--db", newer.to_str().unwrap()], &[]);
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 999).unwrap();
    let (code, _, err) = common::run_loket_with_input(dir.path(), &["restore", newer.to_str().unwrap(), "--db", &db, "--as", "admin"], &[("LOKET_AS_PIN", "1234")], "PULIHKAN\n");
    assert_eq!(code, 1);
    assert!(err.contains("versi Loket yang lebih baru"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

fn root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

#[test]
fn a_full_or_read_only_backup_folder_gets_a_clear_message_and_keeps_older_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let usb = dir.path().join("usb");
    std::fs::create_dir(&usb).unwrap();
    // A small stick: a 64 KiB tmpfs (root only; CI runs as root).
    let mounted = root() && Command::new("mount").args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"]).arg(&usb).status().map(|s| s.success()).unwrap_or(false);
    if !mounted {
        assert!(std::env::var_os("CI").is_none(), "CI runs as root and can mount a tmpfs");
        eprintln!("full-disk backup test skipped (needs root to mount a tmpfs)");
    } else {
        std::fs::write(usb.join("loket-20200101-000000.db"), b"an older backup").unwrap();
        let (code, _, err) = run_loket(dir.path(), &["backup", usb.to_str().unwrap(), "--db", &db], &[]);
        let left: Vec<String> = std::fs::read_dir(&usb).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        let _ = Command::new("umount").arg(&usb).status();
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("tidak cukup"), "{err}");
        assert_eq!(left, vec!["loket-20200101-000000.db".to_string()], "no partial file is left behind");
    }
    // A read-only folder, for a user who is not root.
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    for f in ["site.db", "site.db-wal", "site.db-shm"] {
        let p = dir.path().join(f);
        if p.exists() {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let mut cmd = if root() {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]).arg(loket_bin());
        c
    } else {
        Command::new(loket_bin())
    };
    let out = cmd.args(["backup", ro.to_str().unwrap(), "--db", &db]).env("HOME", dir.path()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("tidak bisa dipakai"), "{err}");
}

#[test]
fn a_shift_opened_and_closed_from_the_shell_goes_through_the_same_operation() {
    let (dir, store) = demo_store();
    let db = store.path().to_path_buf();
    drop(store);
    let dbs = db.to_str().unwrap();
    let pin = [("LOKET_AS_PIN", "2222")];
    let (code, out, err) = run_loket(dir.path(), &["shift", "open", "--float", "150.000", "--as", "budi", "--db", dbs], &pin);
    assert_eq!((code, out.trim()), (0, "Shift dibuka."), "{err}");
    // A count with a stray dot is refused, as at the till; nothing closes.
    let (code, _, err) = run_loket(dir.path(), &["shift", "close", "--counted", "1.5000", "--as", "budi", "--db", dbs], &pin);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("Jumlah harus angka rupiah"), "{err}");
    let (code, _, err) = run_loket(dir.path(), &["shift", "close", "--counted", "140.000", "--as", "budi", "--db", dbs], &[("LOKET_AS_PIN", "9999")]);
    assert_eq!(code, 1, "a wrong PIN closes nothing: {err}");
    let (code, out, err) = run_loket(dir.path(), &["shift", "close", "--counted", "140.000", "--as", "budi", "--db", dbs], &pin);
    assert_eq!((code, out.trim()), (0, "Shift ditutup. Laporan Z tersimpan."), "{err}");
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let shifts = store.shifts_between(day("2000-01-01"), day("2100-01-01")).unwrap();
    let closed = shifts.iter().rev().find(|s| s.z_number.is_some()).unwrap();
    assert_eq!((closed.opening_float, closed.counted_cash, closed.difference()), (150_000, Some(140_000), Some(-10_000)));
    // The Z report is stored with the closing, as when the cashier closes on F9.
    let jobs = store.recent_print_jobs(5).unwrap();
    assert!(jobs.iter().any(|j| j.kind == Some(loket::domain::printing::DocKind::ShiftZ)), "{jobs:?}");
    // A clerk has no shift.
    let (code, _, _) = run_loket(dir.path(), &["shift", "open", "--float", "0", "--as", "siti", "--db", dbs], &[("LOKET_AS_PIN", "1111")]);
    assert_eq!(code, 1);
}

/// `loket report shift --shift ID` gives that shift's own figures, not its whole day; every
/// report read by `head -1` ends quietly with success (no "Broken pipe" panic).
#[test]
fn a_shift_report_is_the_shift_and_reports_end_quietly_into_head() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let pin = [("LOKET_AS_PIN", "2222")];
    run_loket(dir.path(), &["ticket", "B", "--db", &db], &[]);
    let (code, _, err) = run_loket(dir.path(), &["shift", "open", "--float", "50000", "--as", "budi", "--db", &db], &pin);
    assert_eq!(code, 0, "{err}");
    let store = Store::open(std::path::Path::new(&db), OpenMode::Existing).unwrap();
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let shift = store.shifts_between(day("2000-01-01"), day("2100-01-01")).unwrap().last().unwrap().id;
    drop(store);
    let (code, out, err) = run_loket(dir.path(), &["report", "shift", "--shift", &shift.to_string(), "--format", "json", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["shifts"].as_array().unwrap().len(), 1);
    assert_eq!(v["shifts"][0]["id"], shift);
    assert_eq!(v["queue"].as_array().unwrap().len(), 0, "the day's queue is not the shift's: {out}");
    for (what, extra) in [("day", vec![]), ("range", vec!["--from", "2026-01-01", "--to", "2026-12-31"]), ("shift", vec![])] {
        for format in ["text", "csv", "json"] {
            let mut args: Vec<String> = vec!["report".into(), what.into(), "--format".into(), format.into(), "--db".into(), db.clone()];
            args.extend(extra.iter().map(|s| s.to_string()));
            // The reader goes away before the report is written, as `head` does after its line.
            let mut child = Command::new(loket_bin())
                .args(&args)
                .env("HOME", dir.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            drop(child.stdout.take());
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "report {what} {format} with its reader gone: {stderr}");
            assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
        }
    }
}
