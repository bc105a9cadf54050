//! What every command shares: the context (the parsed global flags, the configuration and the
//! language), failures as one sentence and an exit code, opening the store, the keymap, `--as
//! NAME` with its PIN, and reading from the user. Full-screen views are run from `tui.rs`.

use crate::config::Config;
use crate::keymap::Keymap;
use crate::paths;
use crate::store::users::{AuthFailure, User};
use crate::store::{OpenMode, Store, StoreError};
use crate::text::Text;
use chrono::Utc;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// A failure reported as one sentence; `code` is the exit status.
pub(super) struct Fail {
    pub code: i32,
    pub message: String,
}

pub(super) fn fail(code: i32, message: impl Into<String>) -> Fail {
    Fail { code, message: message.into() }
}

pub(super) type CliResult = Result<(), Fail>;

/// What a command runs with: the global flags, and the configuration loaded from `config_path`.
pub(super) struct Ctx {
    /// `--db` (or LOKET_DB), when given; [`Ctx::db`] falls back to the default.
    pub db: Option<PathBuf>,
    /// `--keymap` (or LOKET_KEYMAP), when given.
    pub keymap: Option<PathBuf>,
    pub config_path: PathBuf,
    pub config: Config,
    pub text: Text,
    /// `--ascii`.
    pub ascii: bool,
}

impl Ctx {
    /// The database file: `--db`, or loket.db in the user's data directory.
    pub fn db(&self) -> PathBuf {
        self.db.clone().unwrap_or_else(paths::default_db)
    }
}

/// Open the command's database (`--db`, or the default) in `mode`. Every failure, here as after,
/// is the sentence [`Text::store_error`] gives, with exit status 1.
pub(super) fn open_store(ctx: &Ctx, mode: OpenMode) -> Result<Store, Fail> {
    Store::open(&ctx.db(), mode).map_err(store_fail(&ctx.text))
}

/// A store error as a command's failure: `.map_err(store_fail(text))`.
pub(super) fn store_fail(text: &Text) -> impl Fn(StoreError) -> Fail + Copy {
    let text = *text;
    move |e| fail(1, text.store_error(&e))
}

/// The shipped keymap, merged with the user's file: the one named, or keymap.toml in the config
/// directory when it exists.
pub(super) fn load_keymap(explicit: &Option<PathBuf>, text: &Text) -> Result<Keymap, Fail> {
    let file = explicit.clone().or_else(|| Some(paths::default_keymap()).filter(|p| p.exists()));
    Keymap::load(file.as_deref()).map_err(|e| fail(2, text.keymap_error(&e)))
}

/// Check `--as NAME` with that user's PIN (the flag or LOKET_AS_PIN, else asked for here) against
/// the store; a wrong PIN counts towards the user's lockout. What the user may do is the caller's
/// to decide.
pub(super) fn authenticate_as(ctx: &Ctx, store: &mut Store, name: &str, pin: Option<&str>) -> Result<Result<User, AuthFailure>, Fail> {
    let pin = match pin {
        Some(p) => p.to_string(),
        None => prompt_secret(ctx.text.prompt_as_pin())?,
    };
    store.authenticate(name, &pin, Utc::now(), &ctx.config.security).map_err(store_fail(&ctx.text))
}

pub(super) fn prompt_line(prompt: &str) -> Result<String, Fail> {
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| fail(1, e.to_string()))?;
    Ok(line.trim().to_string())
}

/// Read a PIN without echoing it when typed at a terminal.
pub(super) fn prompt_secret(prompt: &str) -> Result<String, Fail> {
    if !std::io::stdin().is_terminal() {
        return prompt_line(prompt);
    }
    use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
    struct RawGuard;
    impl Drop for RawGuard {
        fn drop(&mut self) {
            let _ = disable_raw_mode();
        }
    }
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    // Signals and a vanished terminal end the prompt with the terminal given back, as in the
    // full-screen views.
    let input = crate::term_input::TermInput::install().map_err(|e| fail(1, e.to_string()))?;
    enable_raw_mode().map_err(|e| fail(1, e.to_string()))?;
    let guard = RawGuard;
    let mut secret = String::new();
    loop {
        let event = match input.next(std::time::Duration::from_secs(1)) {
            Ok(Some(e)) => e,
            Ok(None) => continue,
            Err(e) => {
                drop(guard);
                eprintln!();
                return Err(match crate::term_input::Stop::from_error(&e) {
                    Some(stop) => fail(stop.exit_code(), stop.signal_name()),
                    None => fail(1, e.to_string()),
                });
            }
        };
        match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break,
                KeyCode::Backspace => {
                    secret.pop();
                }
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    drop(guard);
                    eprintln!();
                    return Err(fail(130, "^C"));
                }
                KeyCode::Char(c) => secret.push(c),
                _ => {}
            },
            _ => {}
        }
    }
    drop(guard);
    eprintln!();
    Ok(secret)
}

/// Write to standard output; a closed pipe ends the process with success, other errors are
/// ignored (there is nobody left to tell).
pub(super) fn write_out(args: std::fmt::Arguments, newline: bool) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let result = out.write_fmt(args).and_then(|_| if newline { out.write_all(b"\n") } else { Ok(()) });
    if let Err(e) = result.and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}
