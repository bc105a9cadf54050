//! Commands that change data need a user with the right role (`--as NAME` + PIN); `sales
//! simulate` is for tests only, refused on a site database.

mod common;
use common::run_loket;
use std::path::Path;

fn demo(dir: &Path) -> String {
    let db = dir.join("demo.db").display().to_string();
    let (code, _, err) = run_loket(dir, &["demo", "--seed-only", "--patients", "3", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    db
}

fn site(dir: &Path) -> String {
    let db = dir.join("site.db").display().to_string();
    let (code, _, err) = run_loket(dir, &["init", "--db", &db, "--admin", "admin", "--full-name", "A", "--site", "S"], &[("LOKET_PIN", "1234")]);
    assert_eq!(code, 0, "{err}");
    db
}

fn audit_count(db: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row("SELECT count(*) FROM audit", [], |r| r.get(0)).unwrap()
}

#[test]
fn catalog_import_needs_an_admin() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let csv = dir.path().join("c.csv");
    std::fs::write(&csv, "barcode,name,unit,sold_by,price\n8991000000034,Minyakita 1 L,liter,piece,1\n").unwrap();
    let before = audit_count(&db);
    let (code, _, err) = run_loket(dir.path(), &["catalog", "import", csv.to_str().unwrap(), "--db", &db], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--as"), "{err}");
    let (code, _, err) = run_loket(dir.path(), &["catalog", "import", csv.to_str().unwrap(), "--db", &db, "--as", "budi"], &[("LOKET_AS_PIN", "2222")]);
    assert_eq!(code, 1, "a cashier may not: {err}");
    assert_eq!(audit_count(&db), before + 1, "only the PIN check was recorded");
    let (code, _, err) = run_loket(dir.path(), &["catalog", "import", csv.to_str().unwrap(), "--db", &db, "--as", "admin"], &[("LOKET_AS_PIN", "1234")]);
    assert_eq!(code, 0, "{err}");
    let actor: String = rusqlite::Connection::open(&db).unwrap().query_row("SELECT actor FROM audit WHERE action = 'import' ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(actor, "admin", "the import names who did it");
}

#[test]
fn stock_writeoff_needs_pharmacy_or_admin() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let (code, _, err) = run_loket(dir.path(), &["stock", "writeoff", "--db", &db], &[]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run_loket(dir.path(), &["stock", "writeoff", "--db", &db, "--as", "siti"], &[("LOKET_AS_PIN", "1111")]);
    assert_eq!(code, 1, "a clerk may not: {err}");
    let (code, _, err) = run_loket(dir.path(), &["stock", "writeoff", "--db", &db, "--as", "rina"], &[("LOKET_AS_PIN", "3333")]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn sales_simulate_is_for_demo_databases_only_and_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let db = site(dir.path());
    let (code, _, err) = run_loket(dir.path(), &["sales", "simulate", "--count", "1", "--db", &db], &[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("database demo"), "{err}");
    let (_, help, _) = run_loket(dir.path(), &["sales", "--help"], &[]);
    assert!(!help.contains("simulate"), "not offered in the help: {help}");
    let demo_db = demo(dir.path());
    let (code, _, err) = run_loket(dir.path(), &["sales", "simulate", "--count", "2", "--db", &demo_db], &[]);
    assert_eq!(code, 0, "{err}");
}

/// The printer's and SATUSEHAT's commands from the shell name who did them: printing, retrying
/// and reprinting for any user, giving up on a printout for a supervisor, sending a health
/// record again for a clerk or supervisor.
#[test]
fn printer_and_sync_commands_need_a_user_with_the_right_role() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let as_user = |args: &[&str], name: &str, pin: &str| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--db", &db, "--as", name]);
        run_loket(dir.path(), &all, &[("LOKET_AS_PIN", pin)])
    };
    let (code, _, err) = run_loket(dir.path(), &["printer", "test", "--db", &db], &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--as"), "{err}");
    let (code, _, err) = as_user(&["printer", "test"], "siti", "9999");
    assert_eq!(code, 1, "a wrong PIN: {err}");
    let jobs = || -> i64 { rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM print_jobs", [], |r| r.get(0)).unwrap() };
    assert_eq!(jobs(), 0, "nothing printed for a wrong PIN");
    // A clerk prints a test page (the demo database has no printer: the job waits).
    let (_, _, err) = as_user(&["printer", "test"], "siti", "1111");
    assert!(err.contains("Pekerjaan 1 tetap menunggu"), "{err}");
    let actor: String = rusqlite::Connection::open(&db).unwrap().query_row("SELECT actor FROM audit ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(actor, "siti", "the audit names who printed");
    let (code, _, err) = as_user(&["printer", "cancel", "1"], "budi", "2222");
    assert_eq!(code, 1, "a cashier may not give up on a printout: {err}");
    assert!(err.contains("tidak boleh"), "{err}");
    let (code, out, err) = as_user(&["printer", "reprint", "1"], "budi", "2222");
    assert_eq!(code, 0, "a cashier may reprint: {err}");
    assert!(out.contains("pekerjaan 2"), "{out}");
    let (code, out, err) = as_user(&["printer", "cancel", "1"], "joko", "4444");
    assert_eq!(code, 0, "a supervisor may: {err}");
    assert!(out.contains("Pekerjaan 1 dibatalkan"), "{out}");
    let (code, _, err) = as_user(&["sync", "retry", "1"], "budi", "2222");
    assert_eq!(code, 1, "a cashier may not resend health records: {err}");
    assert!(err.contains("tidak boleh"), "{err}");
}
