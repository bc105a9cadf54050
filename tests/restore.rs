//! `loket restore` never loses an acknowledged write: against a live seller it refuses (naming
//! how many processes have the database open); with nobody else using the database it replaces
//! the content under SQLite's own locking and keeps the replaced content; it needs an admin's
//! credentials and a typed confirmation.

mod common;
use common::{loket_bin, run_loket};
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

fn seeded(dir: &Path) -> String {
    let db = dir.join("site.db").display().to_string();
    let (code, _, err) = run_loket(dir, &["demo", "--seed-only", "--patients", "5", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    db
}

/// Enough stock of everything for thousands of sales, received as a delivery (audited).
fn stock_up(dir: &Path, db: &str) {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut st = c.prepare("SELECT p.barcode FROM products p WHERE p.barcode IS NOT NULL AND p.barcode != '' AND p.id NOT IN (SELECT product_id FROM drugs)").unwrap();
    let lines: Vec<String> = st.query_map([], |r| r.get::<_, String>(0)).unwrap().map(|b| format!("{}:100000:1000", b.unwrap())).collect();
    let mut args = vec!["stock", "receive", "--supplier", "Gudang", "--invoice", "T-1", "--as", "admin", "--db", db];
    args.extend(lines.iter().map(String::as_str));
    let (code, _, err) = run_loket(dir, &args, &[("LOKET_AS_PIN", "1234")]);
    assert_eq!(code, 0, "{err}");
}

/// Run `loket restore` with `stdin` typed in (the confirmation), returning (code, stdout, stderr).
fn restore(home: &Path, db: &str, file: &Path, extra: &[&str], envs: &[(&str, &str)], stdin: &str) -> (i32, String, String) {
    let mut args = vec!["restore", file.to_str().unwrap(), "--db", db];
    args.extend(extra);
    common::run_loket_with_input(home, &args, envs, stdin)
}

const ADMIN: &[&str] = &["--as", "admin"];
const ADMIN_PIN: &[(&str, &str)] = &[("LOKET_AS_PIN", "1234")];

fn sale_numbers(db: &Path) -> HashSet<String> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut st = c.prepare("SELECT number FROM sales").unwrap();
    st.query_map([], |r| r.get::<_, String>(0)).unwrap().map(|r| r.unwrap()).collect()
}

fn backup(home: &Path, db: &str) -> std::path::PathBuf {
    let out = home.join("backups");
    std::fs::create_dir_all(&out).unwrap();
    let (code, _, err) = run_loket(home, &["backup", out.to_str().unwrap(), "--db", db], &[]);
    assert_eq!(code, 0, "{err}");
    std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()).max().unwrap()
}

#[test]
fn restore_against_a_live_seller_loses_no_acknowledged_sale() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let file = backup(dir.path(), &db);
    stock_up(dir.path(), &db);
    // The seller: every line on its standard output is a sale it reported saved.
    let mut seller = Command::new(loket_bin())
        .args(["sales", "simulate", "--count", "1000000", "--db", &db])
        .env_clear()
        .env("HOME", dir.path())
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(seller.stdout.take().unwrap()).lines();
    let mut acked: Vec<String> = Vec::new();
    // Wait for the first acknowledged sale, then try restores while it keeps selling.
    acked.push(lines.next().expect("the seller sold").unwrap());
    let reader = std::thread::spawn(move || lines.map(|l| l.unwrap()).collect::<Vec<_>>());
    let mut refused = 0;
    for _ in 0..5 {
        assert!(seller.try_wait().unwrap().is_none(), "the seller is still selling");
        let (code, out, err) = restore(dir.path(), &db, &file, ADMIN, ADMIN_PIN, "PULIHKAN\n");
        if code == 0 {
            panic!("restore went ahead while a seller had the database open: {out}");
        }
        assert!(err.contains("1 proses lain"), "the refusal names how many: {err}");
        refused += 1;
    }
    assert!(seller.try_wait().unwrap().is_none(), "the seller was not disturbed");
    // The seller stops hard (as in a power cut); what it printed before is what it acknowledged.
    seller.kill().unwrap();
    seller.wait().unwrap();
    acked.extend(reader.join().unwrap());
    let acked: HashSet<String> = acked.iter().map(|l| l.split_whitespace().next().unwrap().to_string()).collect();
    assert!(acked.len() > 100, "{}", acked.len());
    let live = sale_numbers(Path::new(&db));
    let lost: Vec<_> = acked.difference(&live).collect();
    eprintln!("restore vs live seller: {refused} refused, {} acknowledged sales, {} lost", acked.len(), lost.len());
    assert!(lost.is_empty(), "acknowledged sales missing from the live database: {lost:?}");

    // With the seller gone the restore goes ahead; every sale is in the kept copy.
    let (code, out, err) = restore(dir.path(), &db, &file, ADMIN, ADMIN_PIN, "PULIHKAN\n");
    assert_eq!(code, 0, "{err}");
    let kept = out.rsplit("disimpan di ").next().unwrap().trim().trim_end_matches('.').to_string();
    let in_kept = sale_numbers(Path::new(&kept));
    assert!(acked.is_subset(&in_kept), "the kept copy holds every acknowledged sale ({} of {})", acked.intersection(&in_kept).count(), acked.len());
    assert_eq!(sale_numbers(Path::new(&db)), sale_numbers(&file), "the backup's content is in place");
    assert!(acked.is_disjoint(&sale_numbers(&file)));
    let (code, _, err) = run_loket(dir.path(), &["audit", "verify", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn restore_needs_an_admin_and_a_typed_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let file = backup(dir.path(), &db);
    let before = std::fs::read(&db).unwrap();
    let (code, _, err) = restore(dir.path(), &db, &file, &[], &[], "PULIHKAN\n");
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--as"), "{err}");
    let (code, _, err) = restore(dir.path(), &db, &file, &["--as", "budi"], &[("LOKET_AS_PIN", "2222")], "PULIHKAN\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bukan admin"), "{err}");
    let (code, _, err) = restore(dir.path(), &db, &file, ADMIN, &[("LOKET_AS_PIN", "9999")], "PULIHKAN\n");
    assert_eq!(code, 1, "{err}");
    let (code, _, err) = restore(dir.path(), &db, &file, ADMIN, ADMIN_PIN, "ya\n");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("dibatalkan"), "{err}");
    // Nothing changed but the wrong PIN counted (that write is the only difference allowed):
    // no sales, same patients, the file not replaced.
    assert!(std::fs::read(&db).unwrap().len() >= before.len() / 2);
    assert!(!dir.path().read_dir().unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("before-restore")));
    let (code, out, err) = restore(dir.path(), &db, &file, ADMIN, ADMIN_PIN, "PULIHKAN\n");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("dipulihkan"), "{out}");
    let c = rusqlite::Connection::open(&db).unwrap();
    let entries: i64 = c.query_row("SELECT count(*) FROM audit WHERE action = 'restore' AND actor LIKE '%admin%'", [], |r| r.get(0)).unwrap();
    assert_eq!(entries, 1, "the restore and who did it are in the audit log");
}
