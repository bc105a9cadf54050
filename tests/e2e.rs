//! End-to-end: the built binary in a real terminal (tmux), driven with the default keymap,
//! reading the screen back.

mod common;
use common::{loket_bin, Tmux};

fn demo_command(dir: &tempfile::TempDir, extra: &str) -> String {
    format!(
        "HOME={home} {bin} demo --db {db} --patients 20 {extra}",
        home = dir.path().display(),
        bin = loket_bin().display(),
        db = dir.path().join("demo.db").display()
    )
}

#[test]
fn log_in_visit_every_screen_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(&demo_command(&dir, ""), 80, 24);
    let s = t.wait_for("Database demo: pengguna dan PIN");
    assert!(s.contains("siti    PIN 1111  Petugas"), "{s}");
    assert!(t.alternate_on());
    // A wrong PIN first.
    t.keys(&["budi", "Enter", "9999", "Enter"]);
    t.wait_for("Nama atau PIN salah.");
    t.keys(&["2222", "Enter"]);
    let s = t.wait_for("Selamat datang, Budi Santoso (Kasir).");
    assert!(s.contains("budi (Kasir)"), "status line shows the user: {s}");
    t.keys(&["F2"]);
    t.wait_for("Sedang dilayani");
    // A sale needs the cashier's open shift: F9, F5, the float, Enter.
    t.keys(&["F4"]);
    t.wait_for("Pindai/ketik:");
    t.keys(&["8991000000034", "Enter"]);
    t.wait_for("Minyakita 1 L");
    t.keys(&["F10", "Enter"]);
    t.wait_for("Buka shift dulu (F9) sebelum menjual.");
    t.keys(&["F9", "F5", "100000", "Enter"]);
    t.wait_for("Shift dibuka.");
    t.keys(&["F4"]);
    t.wait_for("Minyakita 1 L");
    t.keys(&["F7"]);
    // A scanner types the digits then Enter; F10 and Enter pay the exact amount in cash.
    t.keys(&["8991000000034", "Enter"]);
    t.wait_for("Minyakita 1 L");
    t.keys(&["F10", "Enter"]);
    t.wait_for("lunas Rp15.700");
    t.keys(&["F9"]);
    t.wait_for("Shift #1 dibuka");
    t.keys(&["F3"]);
    t.wait_for("Kasir tidak boleh membuka layar Pasien & CKG.");
    t.keys(&["F1"]);
    t.wait_for("Bantuan: Shift & Laporan");
    t.keys(&["Escape"]);
    t.keys(&["Escape"]);
    t.wait_for("Pilih layar dengan tombol fungsi");
    // Lock and unlock.
    t.keys(&["C-l"]);
    t.wait_for("Dikunci oleh budi.");
    t.keys(&["2222", "Enter"]);
    t.wait_for("Pilih layar dengan tombol fungsi");
    t.keys(&["C-q"]);
    t.wait_for("Keluar dari Loket?");
    t.keys(&["y"]);
    let s = t.wait_for("EXIT=0");
    assert!(!t.alternate_on(), "the terminal left the alternate screen");
    assert!(!s.contains("Beranda"), "the app's screen is gone: {s}");
}

#[test]
fn english_at_a_larger_size_survives_resizing() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(&demo_command(&dir, "--lang en"), 120, 40);
    t.wait_for("Demo database: users and PINs");
    t.keys(&["joko", "Tab", "4444", "Enter"]);
    t.wait_for("Welcome, Joko Susilo (Supervisor).");
    t.resize(60, 20);
    t.wait_for("The terminal is too small (60x20)");
    t.resize(80, 24);
    let s = t.wait_for("Welcome, Joko Susilo");
    assert!(s.contains("Ctrl-Q Quit"), "{s}");
    t.keys(&["C-q", "Enter"]);
    t.wait_for("EXIT=0");
    assert!(!t.alternate_on());
}

#[test]
fn the_terminal_is_restored_after_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(&format!("LOKET_PROBE=panic {}", demo_command(&dir, "")), 80, 24);
    let s = t.wait_for("EXIT=");
    assert!(!t.alternate_on(), "left the alternate screen after the panic");
    assert!(s.contains("Loket berhenti karena kesalahan internal"), "{s}");
    assert!(!s.contains("panicked at"), "no raw panic text reaches the user: {s}");
    assert!(s.contains("EXIT=101"), "{s}");
    let log = std::fs::read_to_string(dir.path().join(".local/share/loket/loket.log")).unwrap();
    assert!(log.contains("panic requested by LOKET_PROBE"), "{log}");
    // Typing still echoes: the terminal is out of raw mode.
    t.keys(&["echo typed-ok", "Enter"]);
    t.wait_for("typed-ok");
}

#[test]
fn ascii_mode_on_the_linux_console() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(&format!("TERM=linux {}", demo_command(&dir, "")), 80, 24);
    let s = t.wait_for("Database demo");
    assert!(s.contains("+ Loket - Masuk -"), "{s}");
    assert!(!s.contains('┌'), "{s}");
    t.keys(&["C-q", "y"]);
    t.wait_for("EXIT=0");
}

/// Stock from delivery to count in the real binary: receive a delivery by scanning, sell from
/// it, count it (blind), a supervisor approves the difference, and stock on hand is the sum of
/// its movements (`loket sales check` agrees with the levels kept beside them).
#[test]
fn receive_sell_count_and_approve() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let t = Tmux::start(&demo_command(&dir, ""), 80, 24);
    t.wait_for("Database demo: pengguna dan PIN");
    t.keys(&["rina", "Enter", "3333", "Enter"]);
    t.wait_for("Selamat datang");
    let minyakita = "8991000000034";
    let on_hand = || -> i64 {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row(
            "SELECT coalesce(sum(m.qty_milli), 0) FROM stock_movements m JOIN products p ON p.id = m.product_id WHERE p.barcode = ?1",
            [minyakita],
            |r| r.get(0),
        )
        .unwrap()
    };
    let start = on_hand();
    // Receiving: the invoice, then a scan and the line (24 pouches at the last cost).
    t.keys(&["r"]);
    t.wait_for("Penerimaan barang");
    t.keys(&["PBF Sehat", "Tab", "INV-E2E", "Tab", "Tab", "Tab", minyakita, "Enter"]);
    t.wait_for("Harga beli satuan");
    t.keys(&["24", "Enter", "Enter"]);
    t.wait_for("1 baris, nilai");
    t.keys(&["F10"]);
    t.wait_for("Penerimaan #1 disimpan: 1 baris");
    assert_eq!(on_hand(), start + 24_000);
    // Sell one from it (a shift first).
    t.keys(&["F9", "F5", "100000", "Enter"]);
    t.wait_for("Shift dibuka.");
    t.keys(&["F4"]);
    t.wait_for("Pindai/ketik:");
    t.keys(&[minyakita, "Enter"]);
    t.wait_for("Minyakita 1 L");
    t.keys(&["F10", "Enter"]);
    t.wait_for("lunas Rp15.700");
    assert_eq!(on_hand(), start + 23_000);
    // Count the sembako: scan to the line, one pouch missing.
    // Back home; an Esc that arrives right behind another may be read as one Alt-Esc, so each
    // waits for its screen.
    for _ in 0..3 {
        t.keys(&["Escape"]);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
        while !t.screen().contains("Pilih layar") && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        if t.screen().contains("Pilih layar") {
            break;
        }
    }
    t.wait_for("Pilih layar");
    t.keys(&["o"]);
    t.wait_for("Tidak ada opname terbuka");
    t.keys(&["sembako", "F5"]);
    t.wait_for("Stok opname #1 - sembako");
    t.keys(&[minyakita, "Enter"]);
    let counted = (start + 23_000) / 1000 - 1;
    t.keys(&[&counted.to_string(), "Enter"]);
    let s = t.wait_for("1 dari");
    assert!(s.contains("Hitung buta"), "{s}");
    // The supervisor approves at the counter with name, PIN and reason.
    t.keys(&["F10", "joko", "Tab", "4444", "Tab", "selisih rak", "Enter"]);
    let s = t.wait_for("disetujui: 1 penyesuaian");
    assert!(s.contains("Minyakita 1 L") && s.contains("-Rp"), "the variance list: {s}");
    t.keys(&["C-q", "y"]);
    t.wait_for("EXIT=0");
    assert_eq!(on_hand(), counted * 1000, "stock is the counted figure, as the sum of movements");
    let c = rusqlite::Connection::open(&db).unwrap();
    let kinds: Vec<String> = c
        .prepare("SELECT m.kind FROM stock_movements m JOIN products p ON p.id = m.product_id WHERE p.barcode = ?1 ORDER BY m.id DESC LIMIT 3")
        .unwrap()
        .query_map([minyakita], |r| r.get(0))
        .unwrap()
        .map(|k| k.unwrap())
        .collect();
    assert_eq!(kinds, vec!["adjustment", "sale", "receipt"]);
    let (code, out, err) = common::run_loket(dir.path(), &["sales", "check", "--db", db.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{out}{err}");
}
