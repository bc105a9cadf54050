//! The running application: the state plus the store that effects act on, and the loop that
//! reads the terminal, feeds messages through `update` and draws.

use super::{update, Msg, State};
use crate::print::spool::SpoolHandle;
use crate::store::Store;
use chrono::Utc;
use crate::term_input::TermInput;
use ratatui::crossterm::event::{Event, KeyEventKind};
use std::collections::VecDeque;

/// Measurement and test hooks, chosen with the environment variable `LOKET_PROBE`:
/// `first-frame` exits after drawing the first frame (start-up benchmarks), `panic` panics there
/// (the end-to-end test that the terminal is restored after a panic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    None,
    ExitAfterFirstFrame,
    PanicAfterFirstFrame,
}

impl Probe {
    pub fn from_env() -> Probe {
        match std::env::var("LOKET_PROBE").as_deref() {
            Ok("first-frame") => Probe::ExitAfterFirstFrame,
            Ok("panic") => Probe::PanicAfterFirstFrame,
            _ => Probe::None,
        }
    }
}

/// The running application: state plus the store that effects act on.
pub struct App {
    pub state: State,
    pub store: Store,
    data_version: Option<i64>,
    /// The print spool's thread, when a printer is configured.
    pub spool: Option<SpoolHandle>,
    /// The store's `data_version` when the printer status was last read.
    printer_seen: Option<i64>,
    /// The SATUSEHAT sender's thread, when SATUSEHAT is configured.
    pub sender: Option<crate::sync::sender::SenderHandle>,
}

impl App {
    pub fn new(state: State, store: Store) -> App {
        App { state, store, data_version: None, spool: None, printer_seen: None, sender: None }
    }

    /// Read the spool's state when the database changed since last time (another process's
    /// commit, the spool thread's included) or when this process wrote.
    pub fn refresh_printer(&mut self, force: bool) {
        let version = self.store.data_version().ok();
        if !force && version.is_some() && version == self.printer_seen {
            return;
        }
        self.printer_seen = version;
        if let Ok(counts) = self.store.spool_counts() {
            let status = counts.status(self.state.config.printer.configured());
            if status != self.state.printer {
                self.handle(Msg::Printer(status));
            }
        }
    }

    /// Feed a message through `update`, carry out the effects, and feed their results back.
    pub fn handle(&mut self, msg: Msg) {
        let mut queue = VecDeque::from([msg]);
        while let Some(msg) = queue.pop_front() {
            for effect in update(&mut self.state, msg) {
                if let Some(reply) = self.perform(effect) {
                    queue.push_back(reply);
                }
            }
        }
    }

    /// Draw, wait for a key or the next clock second, repeat until the user quits.
    pub fn run(&mut self, terminal: &mut ratatui::DefaultTerminal, input: &TermInput, probe: Probe) -> std::io::Result<()> {
        self.refresh_printer(true);
        loop {
            terminal.draw(|f| super::draw(&self.state, f))?;
            match probe {
                Probe::ExitAfterFirstFrame => return Ok(()),
                Probe::PanicAfterFirstFrame => panic!("panic requested by LOKET_PROBE (a test of terminal restoration)"),
                Probe::None if self.state.quit => return Ok(()),
                Probe::None => {}
            }
            let millis = 1000 - (Utc::now().timestamp_subsec_millis() as u64).min(999);
            if let Some(ev) = input.next(std::time::Duration::from_millis(millis))? {
                match ev {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        self.handle(Msg::Tick(Utc::now()));
                        self.handle(Msg::Key(k));
                        // A key may have stored a print job: look at the spool now.
                        self.refresh_printer(true);
                        if let Some(spool) = &self.spool {
                            spool.wake();
                        }
                        // ... or a CKG result for SATUSEHAT.
                        if let Some(sender) = &self.sender {
                            sender.wake();
                        }
                    }
                    _ => {} // a resize or anything else: just redraw
                }
            } else {
                self.handle(Msg::Tick(Utc::now()));
                self.refresh_printer(false);
            }
            // Other counters' work shows within a second: PRAGMA data_version is a cheap check.
            if let Ok(v) = self.store.data_version() {
                if self.data_version != Some(v) {
                    self.data_version = Some(v);
                    self.handle(Msg::DataChanged);
                }
            }
        }
    }
}
