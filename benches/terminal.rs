//! Bytes sent to the terminal per key (issue 20): a clerk typing a patient search at human speed,
//! each key its own frame, on 1,000,000 patients at 80x24 (target mean under 300 bytes per key),
//! and one scanner burst on the sale screen (one frame for the lot). The real app is fed the
//! keys through its loop (`App::apply_waiting`) and draws into ratatui's crossterm backend, whose
//! writer only counts. Beside each figure, the raw limit: the typed characters alone, and the
//! search field's echo drawn by itself (its cell, colours and cursor, nothing else changing).
//!
//! Run with `cargo bench --bench terminal`; `LOKET_BENCH_PATIENTS=N` uses a smaller database
//! (seeded once into target/bench-data), `LOKET_BENCH_DUMP=1` prints each frame's bytes escaped.

mod common;

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use loket::app::{App, ScriptedInput, State};
use loket::config::Config;
use loket::keymap::Keymap;
use loket::store::{OpenMode, Store};
use loket::text::{Lang, Text};
use loket::term_output::Thrifty;
use loket::theme::Theme;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Write;
use std::path::Path;
use std::rc::Rc;

/// What the terminal was sent: a count, and the last frame's bytes to show them.
#[derive(Default)]
struct Tally {
    bytes: usize,
    last: Vec<u8>,
}

/// A terminal that only counts what it is sent (the tally is shared: the backend's own writer
/// accessor is unstable in ratatui).
#[derive(Default, Clone)]
struct Counting(Rc<RefCell<Tally>>);

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut t = self.0.borrow_mut();
        t.bytes += buf.len();
        t.last.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A terminal over a counting writer, and its tally.
struct Term<B: Backend> {
    terminal: Terminal<B>,
    tally: Rc<RefCell<Tally>>,
}

/// What the app draws through (`term_output::Thrifty`).
type AppBackend = Thrifty<Counting>;
/// ratatui's crossterm backend, as the app drew before.
type PlainBackend = CrosstermBackend<Counting>;

impl<B: Backend> Term<B> {
    /// Draw one frame; the bytes it sent.
    fn draw(&mut self, render: impl FnOnce(&mut ratatui::Frame)) -> usize {
        let before = self.tally.borrow().bytes;
        self.tally.borrow_mut().last.clear();
        self.terminal.draw(render).unwrap();
        self.tally.borrow().bytes - before
    }

    fn last(&self) -> String {
        escaped(&self.tally.borrow().last)
    }
}

/// An 80x24 terminal over `backend` writing to a counting writer (fixed size: there is no tty
/// to ask).
fn terminal<B: Backend>(backend: impl FnOnce(Counting) -> B) -> Term<B> {
    let writer = Counting::default();
    let tally = writer.0.clone();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)) };
    Term { terminal: Terminal::with_options(backend(writer), options).unwrap(), tally }
}

fn app_terminal() -> Term<AppBackend> {
    terminal(Thrifty::new)
}

fn plain_terminal() -> Term<PlainBackend> {
    terminal(CrosstermBackend::new)
}

fn keys(text: &str) -> VecDeque<Event> {
    text.chars().map(KeyCode::Char).map(|c| Event::Key(KeyEvent::new(c, KeyModifiers::NONE))).collect()
}

fn key(code: KeyCode) -> VecDeque<Event> {
    VecDeque::from([Event::Key(KeyEvent::new(code, KeyModifiers::NONE))])
}

/// Apply the waiting events through the app's loop, draw one frame, and return its bytes.
fn frame<B: Backend>(app: &mut App, term: &mut Term<B>, events: VecDeque<Event>) -> usize {
    app.apply_waiting(&mut ScriptedInput(events)).unwrap();
    term.draw(|f| loket::app::draw(&app.state, f))
}

/// The frame's bytes made readable (ESC as `\e`, CR and LF as `\r` and `\n`).
fn escaped(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\u{1b}', "\\e").replace('\r', "\\r").replace('\n', "\\n")
}

/// The app logged in as `user` with the screen of `screen_key` open and drawn once.
fn app_on<B: Backend>(path: &Path, user: &str, pin: &str, screen_key: KeyCode, mut term: Term<B>) -> (App, Term<B>) {
    let store = Store::open(path, OpenMode::Existing).unwrap();
    let demo = store.is_demo().unwrap();
    let state = State::new(&Config::default(), Keymap::defaults(), Theme::new(false, true), Text::new(Lang::Id), demo, Utc::now());
    let mut app = App::new(state, store);
    frame(&mut app, &mut term, VecDeque::new());
    for step in [keys(user), key(KeyCode::Enter), keys(pin), key(KeyCode::Enter), key(screen_key)] {
        frame(&mut app, &mut term, step);
    }
    assert!(app.state.session.is_some(), "logged in as {user}");
    (app, term)
}

/// The bytes of the search field's echo alone for each key: the same field drawn by itself.
fn echo_only<B: Backend>(text: &str, mut term: Term<B>) -> Vec<usize> {
    let theme = Theme::new(false, true);
    let mut input = tui_input::Input::default();
    let area = Rect::new(2, 3, 76, 1);
    let draw = |term: &mut Term<B>, input: &tui_input::Input| term.draw(|f| loket::widgets::field::render(f, area, input, true, false, &theme));
    draw(&mut term, &input);
    text.chars()
        .map(|c| {
            input.handle(tui_input::InputRequest::InsertChar(c));
            draw(&mut term, &input)
        })
        .collect()
}

fn mean_max(v: &[usize]) -> (f64, usize) {
    (v.iter().sum::<usize>() as f64 / v.len().max(1) as f64, v.iter().copied().max().unwrap_or(0))
}

/// Type `text` into the patient search one key per frame; bytes per key.
fn type_search<B: Backend>(path: &Path, text: &str, dump: bool, term: Term<B>) -> Vec<usize> {
    let (mut app, mut term) = app_on(path, "siti", "1111", KeyCode::F(3), term);
    let mut per_key = Vec::new();
    for c in text.chars() {
        let n = frame(&mut app, &mut term, keys(&c.to_string()));
        if dump {
            eprintln!("--- {:?} ({} hits): {n} bytes\n{}", app.state.patients.query.value(), app.state.patients.hits.len(), term.last());
        }
        per_key.push(n);
    }
    assert_eq!(app.state.patients.query.value(), text);
    per_key
}

/// Scan each barcode as one burst on the sale screen; bytes per burst.
fn scans<B: Backend>(path: &Path, barcodes: &[String], dump: bool, term: Term<B>) -> Vec<usize> {
    let (mut app, mut term) = app_on(path, "budi", "2222", KeyCode::F(4), term);
    let mut bursts = Vec::new();
    for code in barcodes {
        let mut events = keys(code);
        events.extend(key(KeyCode::Enter));
        let n = frame(&mut app, &mut term, events);
        if dump {
            eprintln!("--- scan {code}: {n} bytes\n{}", term.last());
        }
        bursts.push(n);
    }
    assert_eq!(app.state.sale.lines.len(), barcodes.len(), "every scan made a line");
    bursts
}

fn terminal_bytes(c: &mut Criterion) {
    let path = match std::env::var("LOKET_BENCH_PATIENTS").ok().and_then(|n| n.parse::<u64>().ok()) {
        Some(n) => common::patients_n(n, &format!("patients-{n}.db")),
        None => common::patients_1m(),
    };
    let dump = std::env::var_os("LOKET_BENCH_DUMP").is_some();
    for text in ["siti aminah", "budi santoso 1980"] {
        let per_key = type_search(&path, text, dump, app_terminal());
        let (mean, max) = mean_max(&per_key);
        let (plain_mean, plain_max) = mean_max(&type_search(&path, text, false, plain_terminal()));
        let (echo_mean, echo_max) = mean_max(&echo_only(text, app_terminal()));
        eprintln!(
            "search {text:?} typed one key per frame, 80x24: mean {mean:.0} bytes per key, max {max} ({per_key:?}); with ratatui's crossterm backend alone: mean {plain_mean:.0}, max {plain_max}; raw: the typed characters {} bytes (1 per key), the field's echo alone mean {echo_mean:.0}, max {echo_max}",
            text.len()
        );
    }

    // A scanner burst on the sale screen: 13 digits and Enter waiting together, one frame.
    let raw = rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let barcodes: Vec<String> = raw
        .prepare("SELECT barcode FROM products WHERE barcode IS NOT NULL AND sold_by = 'piece' AND section = 'sembako' ORDER BY id LIMIT 6")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let (bursts, plain_bursts) = (scans(&path, &barcodes, dump, app_terminal()), scans(&path, &barcodes, false, plain_terminal()));
    let (mean, max) = mean_max(&bursts);
    let (plain_mean, plain_max) = mean_max(&plain_bursts);
    eprintln!(
        "scanner burst (13 digits + Enter, one frame) on the sale screen, 80x24: first {} bytes, mean {mean:.0}, max {max} over {} scans ({bursts:?}); with ratatui's crossterm backend alone: mean {plain_mean:.0}, max {plain_max}; raw: the 13 digits {} bytes",
        bursts[0],
        bursts.len(),
        barcodes[0].len()
    );

    // The time of a key and its frame, for criterion: typing and erasing one letter.
    let (mut app, mut term) = app_on(&path, "siti", "1111", KeyCode::F(3), app_terminal());
    frame(&mut app, &mut term, keys("siti amina"));
    c.bench_function("a key in the patient search and its frame (1M patients, 80x24)", |b| {
        b.iter(|| {
            frame(&mut app, &mut term, keys("h"));
            frame(&mut app, &mut term, key(KeyCode::Backspace))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = terminal_bytes
}
criterion_main!(benches);
