//! Every exit gives the terminal back: SIGTERM, SIGHUP, SIGINT and SIGQUIT sent to the real
//! binary (the counter, the supervisor's view, the board) running in tmux, and a terminal that
//! vanishes without a SIGHUP. Afterwards `stty -a` in the same pane must show a cooked terminal
//! (the settings the shell had before), and the alternate screen must be off.

mod common;
use common::{loket_bin, Tmux};
use std::path::Path;
use std::time::{Duration, Instant};

/// A demo database made once per test (seeded, no terminal needed).
fn seeded(dir: &Path) -> String {
    let db = dir.join("demo.db");
    let (code, _, err) = common::run_loket(dir, &["demo", "--db", db.to_str().unwrap(), "--patients", "5", "--seed-only"], &[]);
    assert_eq!(code, 0, "{err}");
    db.display().to_string()
}

/// The shell line run in the pane: remember the terminal's settings, run loket (its pid written
/// to a file), then report whether the settings came back, whether the terminal is raw, and the
/// exit status.
fn wrapped(dir: &Path, view: &str, db: &str, prefix: &str) -> String {
    let pid = dir.join("pid");
    format!(
        "before=$(stty -g); {prefix} sh -c 'echo $$ > {pid}; exec env HOME={home} {bin} {view} --db {db}'; rc=$?; \
         [ \"$before\" = \"$(stty -g)\" ] && echo TTY=SAME || echo TTY=CHANGED; \
         stty -a | grep -q -- '-icanon' && echo MODE=RAW || echo MODE=COOKED; echo EXIT=$rc",
        pid = pid.display(),
        home = dir.display(),
        bin = loket_bin().display(),
    )
}

fn read_pid(dir: &Path) -> i32 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Some(pid) = std::fs::read_to_string(dir.join("pid")).ok().and_then(|s| s.trim().parse().ok()) {
            return pid;
        }
        assert!(Instant::now() < deadline, "no pid file");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn alive(pid: i32) -> bool {
    // A zombie is gone for our purpose: its /proc stat says state Z.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat.rsplit(')').next().unwrap_or("").trim_start().starts_with('Z'),
        Err(_) => false,
    }
}

fn send_signal(pid: i32, name: &str) {
    let status = std::process::Command::new("kill").arg(format!("-{name}")).arg(pid.to_string()).status().unwrap();
    assert!(status.success());
}

/// What each view shows once it is running.
const VIEWS: [(&str, &str); 3] = [("run", "Masuk"), ("supervisor", "Pengawas (hanya baca)"), ("board", "Antrean")];

fn signal_case(view: &str, ready: &str, signal: &str, code: i32) {
    let dir = tempfile::tempdir().unwrap();
    let db = seeded(dir.path());
    let t = Tmux::start(&wrapped(dir.path(), view, &db, ""), 80, 24);
    t.wait_for(ready);
    assert!(t.alternate_on(), "{view} is full screen");
    let pid = read_pid(dir.path());
    send_signal(pid, signal);
    let s = t.wait_for("EXIT=");
    assert!(!t.alternate_on(), "{view} after SIG{signal}: the alternate screen is off\n{s}");
    assert!(s.contains("TTY=SAME"), "{view} after SIG{signal}: stty settings restored\n{s}");
    assert!(s.contains("MODE=COOKED"), "{view} after SIG{signal}: not raw\n{s}");
    assert!(s.contains(&format!("EXIT={code}")), "{view} after SIG{signal}: exit status 128+signal\n{s}");
}

#[test]
fn sigterm_restores_the_terminal_in_every_view() {
    for (view, ready) in VIEWS {
        signal_case(view, ready, "TERM", 143);
    }
}

#[test]
fn sighup_restores_the_terminal_in_every_view() {
    for (view, ready) in VIEWS {
        signal_case(view, ready, "HUP", 129);
    }
}

#[test]
fn sigint_restores_the_terminal_in_every_view() {
    for (view, ready) in VIEWS {
        signal_case(view, ready, "INT", 130);
    }
}

#[test]
fn sigquit_restores_the_terminal_in_every_view() {
    for (view, ready) in VIEWS {
        signal_case(view, ready, "QUIT", 131);
    }
}

/// The terminal goes away without a SIGHUP reaching loket (it runs in a session of its own, as
/// after some SSH drops): reads give EOF or EIO. The process must end within a second instead of
/// spinning.
#[test]
fn a_vanished_terminal_ends_the_process_within_a_second() {
    for (view, ready) in VIEWS {
        let dir = tempfile::tempdir().unwrap();
        let db = seeded(dir.path());
        let t = Tmux::start(&wrapped(dir.path(), view, &db, "setsid -w"), 80, 24);
        t.wait_for(ready);
        let pid = read_pid(dir.path());
        assert!(alive(pid));
        drop(t); // kills the tmux server: the pane's terminal is closed
        let gone = Instant::now();
        while alive(pid) && gone.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let took = gone.elapsed();
        if alive(pid) {
            send_signal(pid, "KILL");
            panic!("{view}: still running 5 s after its terminal vanished");
        }
        eprintln!("{view}: ended {} ms after its terminal vanished", took.as_millis());
        assert!(took < Duration::from_millis(1500), "{view}: took {took:?}");
    }
}

/// The PIN prompt puts the terminal in raw mode too (no echo): a signal there gives it back.
#[test]
fn a_signal_at_the_pin_prompt_restores_the_terminal() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130), ("QUIT", 131)] {
        let dir = tempfile::tempdir().unwrap();
        let db = seeded(dir.path());
        let t = Tmux::start(&wrapped(dir.path(), "user add tamu --role clerk --full-name Tamu --pin 5678 --as admin", &db, ""), 80, 24);
        t.wait_for("PIN admin");
        let pid = read_pid(dir.path());
        send_signal(pid, signal);
        let s = t.wait_for("EXIT=");
        assert!(s.contains("TTY=SAME") && s.contains("MODE=COOKED"), "SIG{signal} at the PIN prompt: {s}");
        assert!(s.contains(&format!("EXIT={code}")), "SIG{signal}: {s}");
    }
}
