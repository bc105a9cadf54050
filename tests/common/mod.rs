//! Shared test environment: real SQLite files in temp dirs, the app state with fixed time, key
//! helpers, and a tmux harness that drives the built binary in a real terminal.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use loket::app::{App, Msg, State};
use loket::config::Config;
use loket::keymap::{Key, Keymap};
use loket::store::{OpenMode, Store};
use loket::text::{Lang, Text};
use loket::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use ratatui::Terminal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Monday 23 November 2026, 09:15 WIB.
pub fn fixed_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 2, 15, 0).unwrap()
}

/// A demo database (a few patients) in its own temp dir.
pub fn demo_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    loket::demo::seed(&mut store, 50, fixed_now()).unwrap();
    (dir, store)
}

pub fn demo_config() -> Config {
    let mut c = Config::default();
    c.site.name = "KDKMP Sukamaju (DEMO)".into();
    c
}

pub fn state(lang: Lang, ascii: bool) -> State {
    State::new(&demo_config(), Keymap::defaults(), Theme::new(ascii, true), Text::new(lang), true, fixed_now())
}

/// Pretend a printer is configured (or not): jobs are then stored with what they print. Tests
/// start no spool, so nothing is ever sent to the file named.
pub fn set_printer(app: &mut App, configured: bool) {
    app.state.config.printer.transport =
        if configured { loket::print::TransportConfig::File(PathBuf::from("/dev/null")) } else { loket::print::TransportConfig::None };
}

pub fn app(lang: Lang) -> (tempfile::TempDir, App) {
    let (dir, store) = demo_store();
    (dir, App::new(state(lang, false), store))
}

pub fn key(name: &str) -> KeyEvent {
    let k = Key::parse(name).unwrap_or_else(|| panic!("bad key name {name}"));
    KeyEvent::new(k.code, k.mods)
}

/// Send key names; a name of several characters that is not a key name is typed letter by letter.
pub fn send(app: &mut App, keys: &[&str]) {
    for k in keys {
        match Key::parse(k) {
            Some(_) => app.handle(Msg::Key(key(k))),
            None => {
                for c in k.chars() {
                    let ev = KeyEvent::new(ratatui::crossterm::event::KeyCode::Char(c), ratatui::crossterm::event::KeyModifiers::NONE);
                    app.handle(Msg::Key(ev));
                }
            }
        }
    }
}

pub fn login(app: &mut App, name: &str, pin: &str) {
    send(app, &[name, "enter", pin, "enter"]);
}

pub fn render(state: &State, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| loket::app::draw(state, f)).unwrap();
    t
}

/// The whole screen as plain text lines.
pub fn screen_text(state: &State, w: u16, h: u16) -> String {
    let t = render(state, w, h);
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

pub fn loket_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_loket"))
}

/// Run the binary with an isolated HOME, returning (exit code, stdout, stderr).
pub fn run_loket(home: &Path, args: &[&str], envs: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(loket_bin());
    cmd.args(args).env_clear().env("HOME", home).env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run the binary like [`run_loket`], with `input` typed on its standard input.
pub fn run_loket_with_input(home: &Path, args: &[&str], envs: &[(&str, &str)], input: &str) -> (i32, String, String) {
    use std::io::Write;
    use std::process::Stdio;
    let mut cmd = Command::new(loket_bin());
    cmd.args(args).env_clear().env("HOME", home).env("PATH", std::env::var("PATH").unwrap_or_default());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A tmux server of the test's own, running one command in a window of a given size.
pub struct Tmux {
    socket: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmux {
    pub fn start(command: &str, width: u16, height: u16) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("tmux.sock");
        let t = Tmux { socket, _dir: dir };
        // After the program ends, the shell prints its exit code and keeps the pane open.
        let wrapped = format!("{command}; echo EXIT=$?; sleep 120");
        let status = t
            .cmd()
            .args(["new-session", "-d", "-s", "t", "-x", &width.to_string(), "-y", &height.to_string(), &wrapped])
            .status()
            .unwrap();
        assert!(status.success(), "tmux failed to start");
        t
    }

    fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S").arg(&self.socket).arg("-f").arg("/dev/null");
        c
    }

    /// Send tmux key names (F2, C-q, Enter) or literal text.
    pub fn keys(&self, keys: &[&str]) {
        for k in keys {
            let status = self.cmd().args(["send-keys", "-t", "t", k]).status().unwrap();
            assert!(status.success());
        }
    }

    /// Send raw bytes to the program, as a terminal would write them (escape sequences included).
    pub fn raw(&self, bytes: &[u8]) {
        let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let status = self.cmd().args(["send-keys", "-t", "t", "-H"]).args(&hex).status().unwrap();
        assert!(status.success());
    }

    /// The cursor's row and column (0-based), where the focused field is.
    pub fn cursor(&self) -> (usize, usize) {
        let out = self.cmd().args(["display-message", "-p", "-t", "t", "#{cursor_y} #{cursor_x}"]).output().unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        let mut it = s.split_whitespace().map(|n| n.parse().unwrap());
        (it.next().unwrap(), it.next().unwrap())
    }

    pub fn screen(&self) -> String {
        let out = self.cmd().args(["capture-pane", "-p", "-t", "t"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Whether the program is in the alternate screen (a full-screen app is running).
    pub fn alternate_on(&self) -> bool {
        let out = self.cmd().args(["display-message", "-p", "-t", "t", "#{alternate_on}"]).output().unwrap();
        String::from_utf8_lossy(&out.stdout).trim() == "1"
    }

    /// Poll the screen until it holds `needle`; never a blind sleep.
    pub fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if s.contains(needle) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {needle:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn resize(&self, width: u16, height: u16) {
        let status = self
            .cmd()
            .args(["resize-window", "-t", "t", "-x", &width.to_string(), "-y", &height.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().args(["kill-server"]).status();
    }
}

/// Log in and open a shift with a float (F9, F5): sales belong to the cashier's open shift.
pub fn login_with_shift(app: &mut App, name: &str, pin: &str) {
    login(app, name, pin);
    send(app, &["f9", "f5", "100000", "enter", "esc"]);
    assert!(app.state.shift.shift.is_some(), "shift opened: {:?}", app.state.flash);
}

/// The message line's text (empty when there is none).
pub fn flash(app: &App) -> String {
    app.state.flash.as_ref().map(|f| f.text.clone()).unwrap_or_default()
}

/// The barcode of the demo catalog's product number `i`.
pub fn code(i: usize) -> String {
    loket::demo::demo_catalog(fixed_now()).0[i].barcode.clone().unwrap()
}

/// A seeded demo database, then three rounds of `loket <what> simulate` on it, each killed with
/// SIGKILL once it has printed `lines(round)` lines (committed operations) and is in the middle
/// of the next: the kill -9 tests of sales and members' money. Returns the database's path.
pub fn killed_simulations(dir: &tempfile::TempDir, what: &str, lines: impl Fn(usize) -> usize) -> PathBuf {
    use std::io::Read;
    let path = dir.path().join("crash.db");
    {
        let mut store = loket::store::Store::open(&path, loket::store::OpenMode::Create).unwrap();
        loket::demo::seed(&mut store, 20, chrono::Utc::now()).unwrap();
    }
    for round in 0..3 {
        let mut child = std::process::Command::new(loket_bin())
            .args([what, "simulate", "--count", "100000", "--db"])
            .arg(&path)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut out = child.stdout.take().unwrap();
        let (mut seen, mut buf) = (Vec::new(), [0u8; 256]);
        while seen.iter().filter(|b| **b == b'\n').count() < lines(round) {
            let n = out.read(&mut buf).unwrap();
            assert!(n > 0, "simulate ended early: {}", String::from_utf8_lossy(&seen));
            seen.extend_from_slice(&buf[..n]);
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    path
}
