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

/// The demo in tmux at 80x24 with the cashier budi logged in and his shift open.
fn cashier_with_an_open_shift(dir: &tempfile::TempDir) -> Tmux {
    let t = Tmux::start(&demo_command(dir, ""), 80, 24);
    t.wait_for("Database demo: pengguna dan PIN");
    t.keys(&["budi", "Enter", "2222", "Enter"]);
    t.wait_for("Selamat datang, Budi Santoso (Kasir).");
    open_shift(&t);
    t
}

/// F9, F5, a float of Rp100.000, Enter: the cashier's shift is open.
fn open_shift(t: &Tmux) {
    t.keys(&["F9", "F5", "100000", "Enter"]);
    t.wait_for("Shift dibuka.");
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
    open_shift(&t);
    t.keys(&["F4"]);
    t.wait_for("Minyakita 1 L");
    t.keys(&["F7"]);
    // A scanner types the digits then Enter; F10 and Enter pay the exact amount in cash.
    t.keys(&["8991000000034", "Enter"]);
    t.wait_for("Minyakita 1 L");
    t.keys(&["F10", "Enter"]);
    t.wait_for("lunas Rp15.700");
    t.keys(&["F9"]);
    t.wait_for(", modal Rp");
    t.keys(&["F3"]);
    t.wait_for("Kasir tidak boleh membuka layar Pasien & CKG.");
    t.keys(&["F1"]);
    t.wait_for("Bantuan: Shift & Laporan");
    t.keys(&["Escape"]);
    // Two Escapes in one read are one Esc to the terminal library (ESC ESC): wait for the first.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while t.screen().contains("Bantuan: Shift & Laporan") {
        assert!(std::time::Instant::now() < deadline, "the help stayed open");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
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

/// Issue #13: with no printer set (the demo's default), nothing was printed or stored. The demo
/// prints to demo-printer.out beside its database, and `loket printer show ID` shows the job.
#[test]
fn the_demo_prints_to_a_file_in_its_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(&demo_command(&dir, ""), 80, 24);
    t.wait_for("Database demo: pengguna dan PIN");
    t.keys(&["siti", "Enter", "1111", "Enter"]);
    t.wait_for("Selamat datang, Siti Aminah");
    t.keys(&["F2"]);
    t.wait_for("Sedang dilayani");
    t.keys(&["t", "Enter"]);
    t.wait_for("Tiket A-001");
    let out = dir.path().join("demo-printer.out");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let bytes = loop {
        let bytes = std::fs::read(&out).unwrap_or_default();
        if String::from_utf8_lossy(&bytes).contains("A-001") {
            break bytes;
        }
        assert!(std::time::Instant::now() < deadline, "the spool wrote nothing to {}", out.display());
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(bytes.starts_with(&[0x1b, b'@']), "ESC/POS bytes, starting with ESC @");
    t.keys(&["C-q"]);
    t.wait_for("Keluar dari Loket?");
    t.keys(&["y"]);
    t.wait_for("EXIT=0");
    let db = dir.path().join("demo.db");
    let (code, out, err) = common::run_loket(dir.path(), &["printer", "queue", "--all", "--db", db.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{err}");
    let id = out.lines().nth(1).and_then(|l| l.split_whitespace().next()).expect("a job listed").to_string();
    let (code, shown, err) = common::run_loket(dir.path(), &["printer", "show", &id, "--db", db.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(shown.replace(' ', "").contains("A-001") && shown.contains("Pendaftaran"), "{shown}");
}

#[test]
fn a_ckg_check_in_the_real_terminal_refuses_an_impossible_weight_then_saves_and_shows_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(&demo_command(&dir, ""), 80, 24);
    t.wait_for("Database demo: pengguna dan PIN");
    t.keys(&["siti", "Enter", "1111", "Enter"]);
    t.wait_for("Selamat datang");
    // A small child (born 1 January 2024: 1-6 years whatever today is).
    t.keys(&["F3", "F5", "Tab", "Bayu Pratama", "Tab", "L", "Tab", "01-01-2024", "Tab", "F10"]);
    t.wait_for("Tersimpan: RM-");
    t.keys(&["F7"]);
    t.wait_for("Lingkar kepala (cm)");
    t.keys(&["80", "Tab", "88", "Tab", "48", "F10"]);
    let s = t.wait_for("di luar 4-50 kg untuk umur ini");
    assert!(s.contains("Perbaiki isian yang ditandai dulu."), "{s}");
    t.keys(&["C-u", "12,5", "F10"]);
    t.wait_for("Belum diisi:");
    t.keys(&["F10"]);
    t.wait_for("CKG tersimpan.");
    // Back to the card first: ESC and F7's escape sequence in one read are ESC ESC to crossterm.
    t.keys(&["Escape"]);
    t.wait_for("Riwayat perubahan");
    t.keys(&["F7"]);
    let s = t.wait_for("F6: ubah dengan alasan");
    assert!(s.contains("12,5 kg"), "an Indonesian decimal comma: {s}");
}

#[test]
fn a_qris_payment_confirmed_with_enter_is_qris() {
    let dir = tempfile::tempdir().unwrap();
    let t = cashier_with_an_open_shift(&dir);
    t.keys(&["F4", "8991000000072", "Enter"]);
    t.wait_for("Garam Beryodium 250 g");
    t.keys(&["F10", "F6"]);
    t.wait_for("QRIS, no. referensi:");
    t.keys(&["123456", "Enter"]);
    let s = t.wait_for("lunas Rp3.000");
    assert!(s.contains("Kembalian Rp0."), "the reference is not cash: {s}");
    t.keys(&["C-q", "y"]);
    t.wait_for("EXIT=0");
    let c = rusqlite::Connection::open(dir.path().join("demo.db")).unwrap();
    let (method, reference, amount): (String, String, i64) = c
        .query_row("SELECT method, reference, amount FROM payments WHERE sale_id = (SELECT max(id) FROM sales)", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    assert_eq!((method.as_str(), reference.as_str(), amount), ("qris", "123456", 3_000));
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
    open_shift(&t);
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

/// The members screen in the real binary: a cashier opens a shift, finds the warung's member
/// record by name and pays in sukarela; the slip's balance shows on screen.
#[test]
fn a_cashier_takes_a_savings_deposit_on_the_members_screen() {
    let dir = tempfile::tempdir().unwrap();
    let t = cashier_with_an_open_shift(&dir);
    t.keys(&["Escape"]);
    t.wait_for("a  Anggota & simpan pinjam");
    t.keys(&["a"]);
    t.wait_for("Cari anggota:");
    t.keys(&["warung", "Enter"]);
    let s = t.wait_for("Warung Bu Tini");
    assert!(s.contains("Batas kasbon: Rp2.000.000"), "{s}");
    t.keys(&["F6"]);
    t.wait_for("Setor simpanan sukarela");
    t.keys(&["25000", "Enter"]);
    let s = t.wait_for("saldo Rp25.000");
    assert!(s.contains("Simpanan sukarela") && s.contains("Rp25.000"), "{s}");
    t.keys(&["C-q"]);
    t.wait_for("Keluar dari Loket?");
    t.keys(&["Enter"]);
    t.wait_for("EXIT=0");
}
