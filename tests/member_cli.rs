//! `loket member ...` and `loket report members|savings|loans` from the shell: the commands that
//! move money need credentials, bad input says why and saves nothing, and the figures come out
//! as text, CSV and JSON.

mod common;
use common::run_loket;
use std::path::Path;

fn demo(dir: &Path) -> String {
    let db = dir.join("demo.db").display().to_string();
    let (code, _, err) = run_loket(dir, &["demo", "--seed-only", "--patients", "5", "--db", &db], &[]);
    assert_eq!(code, 0, "{err}");
    db
}

fn count(db: &str, sql: &str) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_member_from_joining_to_a_loan_installment_at_the_shell() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let db = demo(home);
    let budi = [("LOKET_AS_PIN", "2222")];
    let run = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--db", db.as_str()]);
        run_loket(home, &all, &budi)
    };
    // Credentials: none, then a clerk.
    let (code, _, err) = run_loket(home, &["member", "deposit", "A-000001", "wajib", "20000", "--db", &db], &[]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run_loket(home, &["member", "register", "RM-0000001", "--as", "siti", "--db", &db], &[("LOKET_AS_PIN", "1111")]);
    assert_eq!(code, 1, "a clerk does not take money: {err}");
    // No open shift: said plainly.
    let (code, _, err) = run(&["member", "register", "RM-0000001", "--as", "budi"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("shift"), "{err}");
    assert_eq!(run(&["shift", "open", "--float", "2000000", "--as", "budi"]).0, 0);
    let (code, out, err) = run(&["member", "register", "RM-0000001", "--heir", "Ani", "--relation", "istri", "--as", "budi"]);
    assert_eq!(code, 0, "{err}");
    let no = out.split_whitespace().last().unwrap().trim_end_matches('.').to_string();
    assert!(no.starts_with("A-"), "{out}");
    let (code, out, err) = run(&["member", "deposit", &no, "sukarela", "300.000", "--as", "budi"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Rp300.000"), "{out}");
    // Above the balance: refused, nothing saved.
    let before = count(&db, "SELECT count(*) FROM savings_entries");
    let (code, _, err) = run(&["member", "withdraw", &no, "300.001", "--as", "budi"]);
    assert_eq!(code, 1);
    assert!(err.contains("melebihi saldo (Rp300.000)"), "{err}");
    assert_eq!(count(&db, "SELECT count(*) FROM savings_entries"), before);
    let (code, _, err) = run(&["member", "deposit", &no, "sukarela", "-5", "--as", "budi"]);
    assert_eq!(code, 2, "{err}");
    // A loan: outside the product refused; applied, approved with the supervisor's PIN, disbursed, paid.
    let (code, _, err) = run(&["member", "loan", "apply", &no, "--product", "Pinjaman Umum", "--amount", "20000000", "--months", "3", "--as", "budi"]);
    assert_eq!(code, 1);
    assert!(err.contains("batas produk"), "{err}");
    let (code, out, err) = run(&["member", "loan", "apply", &no, "--product", "pinjaman umum", "--amount", "1.000.000", "--months", "3", "--as", "budi"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("PJ000001"), "{out}");
    let (code, _, _) = run(&["member", "loan", "approve", "PJ000001", "--as", "budi", "--approver", "joko", "--approver-pin", "0000"]);
    assert_eq!(code, 1, "a wrong PIN");
    assert_eq!(count(&db, "SELECT count(*) FROM loans WHERE status = 'applied'"), 1);
    let (code, _, err) = run(&["member", "loan", "approve", "PJ000001", "--as", "budi", "--approver", "joko", "--approver-pin", "4444"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["member", "loan", "disburse", "PJ000001", "--as", "budi"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Rp975.000") && out.contains("Rp333.334"), "{out}");
    let (code, out, err) = run(&["member", "loan", "pay", "PJ000001", "50000", "--as", "budi"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Bunga Rp15.000") && out.contains("Sisa pokok Rp965.000"), "{out}");
    // Statement as CSV; figures as JSON.
    let (code, csv, err) = run(&["member", "statement", &no, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(csv.lines().any(|l| l.starts_with("sukarela,") && l.ends_with(",cash,300000,300000,,,")), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("loan PJ000001,") && l.ends_with(",50000,,0,15000,35000")), "{csv}");
    let (code, json, err) = run(&["report", "loans", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["installments"]["interest"], 15_000);
    assert_eq!(v["outstanding"][0]["principal"], 965_000);
    let (code, text, _) = run(&["report", "savings"]);
    assert_eq!(code, 0);
    assert!(text.contains("Simpanan sukarela") && text.contains("Rp300.000"), "{text}");
    let (code, _, err) = run(&["member", "heir", &no, "--name", "Budi Kecil", "--relation", "anak", "--as", "budi"]);
    assert_eq!(code, 0, "{err}");
    let (_, show, _) = run(&["member", "show", &no]);
    assert!(show.contains("Ahli waris: Budi Kecil (anak)"), "{show}");
    // A resigned member takes no new money; only a supervisor records it.
    assert_eq!(run(&["member", "status", &no, "resigned", "--as", "budi"]).0, 1);
    let (code, _, err) = run_loket(home, &["member", "status", &no, "resigned", "--as", "joko", "--db", &db], &[("LOKET_AS_PIN", "4444")]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["member", "deposit", &no, "wajib", "20000", "--as", "budi"]);
    assert_eq!(code, 1);
    assert!(err.contains("berstatus keluar"), "{err}");
    let (code, _, err) = run(&["audit", "verify"]);
    assert_eq!(code, 0, "{err}");
}
