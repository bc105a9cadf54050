//! Running a full-screen view (the counter, the waiting-room board, the supervisor's view): the
//! terminal check, the theme, the panic hook, and the terminal taken and given back, in one place.

use super::common::{fail, CliResult, Ctx};
use crate::paths;
use crate::term_input::{Stop, TermInput};
use crate::text::Text;
use crate::theme::Theme;
use chrono::Utc;
use crate::term_output::Screen;
use std::io::{IsTerminal, Write};

/// What has to be a terminal for a view to start.
pub(super) enum Needs {
    /// Standard output (the board and the supervisor's view).
    Output,
    /// Standard input and output (the counter).
    InputAndOutput,
}

/// Run a full-screen view. Without the terminal it `needs` the command fails with one sentence
/// before anything starts. Then `prepare` gets the theme (ASCII with --ascii or on the Linux
/// console) and makes what the view runs with; the panic hook is installed, the stop signals are
/// caught ([`TermInput`]), the terminal enters raw mode and the alternate screen, `view` runs
/// (reading the terminal through the `TermInput`), and the terminal is restored whether it
/// returned, failed, was stopped by a signal or lost its terminal. On a panic ratatui's hook
/// restores the terminal and ours logs it. What `prepare` made is dropped after the terminal is
/// restored. A stop by a signal exits with 128 + the signal, as a shell would report it.
pub(super) fn run_tui<S>(
    ctx: &Ctx,
    needs: Needs,
    prepare: impl FnOnce(Theme) -> S,
    view: impl FnOnce(&mut Screen, &TermInput, &mut S) -> std::io::Result<()>,
) -> CliResult {
    let text = ctx.text;
    let terminal = std::io::stdout().is_terminal() && (matches!(needs, Needs::Output) || std::io::stdin().is_terminal());
    if !terminal {
        return Err(fail(1, text.no_terminal()));
    }
    let mut prepared = prepare(Theme::detect(ctx.ascii));
    install_panic_hook(text);
    let input = TermInput::install().map_err(|e| fail(1, e.to_string()))?;
    // ratatui's set-up (raw mode, the alternate screen, its panic hook), drawn through the
    // backend that sends fewer bytes for the same screen (`term_output`).
    let mut terminal = ratatui::try_init()
        .and_then(|plain| {
            drop(plain);
            crate::term_output::screen()
        })
        .map_err(|e| fail(1, e.to_string()))?;
    // Pastes come as keys: a terminal left in bracketed-paste mode by another program would wrap
    // them in markers, and a paste cut before its end marker would hold every key after it.
    let _ = ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::event::DisableBracketedPaste);
    let result = view(&mut terminal, &input, &mut prepared);
    ratatui::restore();
    drop(prepared);
    result.map_err(|e| match Stop::from_error(&e) {
        Some(Stop::TerminalGone) => {
            log_line(&format!("stopped: {}", text.terminal_gone()));
            fail(Stop::TerminalGone.exit_code(), text.terminal_gone())
        }
        Some(stop) => fail(stop.exit_code(), text.stopped_by_signal(stop.signal_name())),
        None => fail(1, e.to_string()),
    })
}

/// One line in the log file (for what happens when no one can read the terminal any more).
fn log_line(line: &str) {
    let _ = std::fs::create_dir_all(paths::data_dir());
    if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(paths::log_file()) {
        let _ = writeln!(f, "{} {line}", Utc::now().to_rfc3339());
    }
}

/// On a panic: the terminal is restored (ratatui's hook, installed after this one, runs first),
/// the details go to the log file, and the user sees one sentence in their language.
fn install_panic_hook(text: Text) {
    std::panic::set_hook(Box::new(move |info| {
        let log = paths::log_file();
        let _ = std::fs::create_dir_all(paths::data_dir());
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(&log) {
            let _ = writeln!(f, "{} panic: {info}\n{}", Utc::now().to_rfc3339(), std::backtrace::Backtrace::force_capture());
        }
        eprintln!("\nloket: {} {}", text.unexpected_error(), log.display());
    }));
}
