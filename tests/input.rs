//! The terminal's bytes as the real binary reads them in tmux: keys that arrive in odd shapes
//! (a paste start marker with no end, Esc followed at once by another key) still work.

mod common;
use common::{loket_bin, Tmux};

fn demo(dir: &tempfile::TempDir) -> String {
    format!("env HOME={} {} demo --patients 5", dir.path().display(), loket_bin().display())
}

/// Issue 21: `ESC [200~` with no `ESC [201~` made the counter ignore every key after it.
#[test]
fn a_paste_start_without_its_end_does_not_deafen_the_counter() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(&demo(&dir), 80, 24);
    t.wait_for("Database demo: pengguna dan PIN");
    // The start marker as raw bytes, then nothing for a while, then a login typed by hand.
    t.raw(b"\x1b[200~");
    std::thread::sleep(std::time::Duration::from_millis(400));
    t.keys(&["siti", "Enter", "1111", "Enter"]);
    let s = t.wait_for("Selamat datang, Siti Aminah");
    assert!(s.contains("Selamat datang"), "{s}");
    t.keys(&["C-q", "y"]);
    t.wait_for("EXIT=0");
}

/// A pasted text is typed into the field it lands in, but its line break does not press Enter.
#[test]
fn a_bracketed_paste_is_typed_without_its_enter() {
    let dir = tempfile::tempdir().unwrap();
    let t = Tmux::start(&demo(&dir), 80, 24);
    t.wait_for("Database demo: pengguna dan PIN");
    t.raw(b"\x1b[200~siti\r\x1b[201~");
    let s = t.wait_for("Nama    siti");
    std::thread::sleep(std::time::Duration::from_millis(300));
    let name_row = s.lines().position(|l| l.contains("Nama    siti")).unwrap();
    assert_eq!(t.cursor().0, name_row, "the cursor stays in the name field: the paste's line break pressed nothing\n{s}");
    // Still on the name field: Enter now moves on to the PIN.
    t.keys(&["Enter", "1111", "Enter"]);
    t.wait_for("Selamat datang, Siti Aminah");
    t.keys(&["C-q", "y"]);
    t.wait_for("EXIT=0");
}
