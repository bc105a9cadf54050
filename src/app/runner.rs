//! The running application: the state plus the store that effects act on, and the loop that
//! reads the terminal, feeds messages through `update` and draws.

use super::{update, Msg, State};
use crate::print::spool::SpoolHandle;
use crate::store::Store;
use chrono::Utc;
use crate::term_input::TermInput;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::Terminal;
use std::collections::VecDeque;
use std::time::Duration;

/// Where the loop's events come from: the terminal, or a script (benchmarks and tests replay a
/// scanner burst through the same loop).
pub trait Input {
    /// The next event, waiting at most `timeout`; `None` when nothing came.
    fn next_event(&mut self, timeout: Duration) -> std::io::Result<Option<Event>>;
}

/// The terminal, with its stop signals and hang-up watch ([`TermInput`]).
impl Input for &TermInput {
    fn next_event(&mut self, timeout: Duration) -> std::io::Result<Option<Event>> {
        TermInput::next(self, timeout)
    }
}

/// Events given in advance; nothing waits once they are used up.
#[derive(Debug, Default)]
pub struct ScriptedInput(pub VecDeque<Event>);

impl Input for ScriptedInput {
    fn next_event(&mut self, _timeout: Duration) -> std::io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }
}

/// The most events applied before a frame is drawn (a long paste still shows progress).
const BURST: usize = 512;

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
    /// The store's change mark when the printer status was last read.
    printer_seen: Option<(u64, i64)>,
    /// The SATUSEHAT sender's thread, when SATUSEHAT is configured.
    pub sender: Option<crate::sync::sender::SenderHandle>,
    /// The district hub's sender thread, when this site has joined a hub.
    #[cfg(feature = "hub")]
    pub hub_sender: Option<crate::hub::sender::SenderHandle>,
    /// The store's change mark at the last idle checkpoint.
    checkpointed: Option<(u64, i64)>,
}

impl App {
    pub fn new(state: State, store: Store) -> App {
        App {
            state,
            store,
            data_version: None,
            spool: None,
            printer_seen: None,
            sender: None,
            #[cfg(feature = "hub")]
            hub_sender: None,
            checkpointed: None,
        }
    }

    /// Read the spool's state when the database changed since last time (another process's
    /// commit, the spool thread's included, or this process's own), not on every key.
    pub fn refresh_printer(&mut self, force: bool) {
        let version = self.store.change_mark().ok();
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
    pub fn run(&mut self, terminal: &mut crate::term_output::Screen, input: &TermInput, probe: Probe) -> std::io::Result<()> {
        self.run_with(terminal, &mut &*input, probe)
    }

    /// The loop, for any terminal backend and event source.
    pub fn run_with<B: Backend>(&mut self, terminal: &mut Terminal<B>, input: &mut impl Input, probe: Probe) -> std::io::Result<()> {
        self.refresh_printer(true);
        loop {
            terminal.draw(|f| super::draw(&self.state, f)).map_err(|e| std::io::Error::other(e.to_string()))?;
            match probe {
                Probe::ExitAfterFirstFrame => return Ok(()),
                Probe::PanicAfterFirstFrame => panic!("panic requested by LOKET_PROBE (a test of terminal restoration)"),
                Probe::None if self.state.quit => return Ok(()),
                Probe::None => {}
            }
            let millis = 1000 - (Utc::now().timestamp_subsec_millis() as u64).min(999);
            if let Some(first) = input.next_event(Duration::from_millis(millis))? {
                self.apply_burst(Some(first), input)?;
            } else {
                self.handle(Msg::Tick(Utc::now()));
                self.refresh_printer(false);
                // An idle second: fold the WAL into the database now, not on the next commit.
                if self.store.change_mark().ok() != self.checkpointed {
                    let _ = self.store.checkpoint_idle();
                    self.checkpointed = self.store.change_mark().ok();
                }
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

    /// Apply every event already waiting (a scanner burst, a paste, fast typing), so that one
    /// frame is drawn for the lot; then look at the spool once. Returns how many keys.
    pub fn apply_waiting(&mut self, input: &mut impl Input) -> std::io::Result<usize> {
        self.apply_burst(None, input)
    }

    /// [`App::apply_waiting`], starting with an event already read.
    fn apply_burst(&mut self, first: Option<Event>, input: &mut impl Input) -> std::io::Result<usize> {
        let mut keys = 0;
        let mut next = first;
        for _ in 0..BURST {
            let ev = match next.take() {
                Some(ev) => ev,
                None => match input.next_event(Duration::ZERO)? {
                    Some(ev) => ev,
                    None => break,
                },
            };
            match ev {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    if keys == 0 {
                        self.handle(Msg::Tick(Utc::now()));
                    }
                    self.handle(Msg::Key(k));
                    keys += 1;
                }
                _ => {} // a resize or anything else: the next frame redraws
            }
            if self.state.quit {
                break;
            }
        }
        if keys > 0 {
            // A key may have stored a print job (the spool) or a CKG result (SATUSEHAT).
            self.refresh_printer(false);
            if let Some(spool) = &self.spool {
                spool.wake();
            }
            if let Some(sender) = &self.sender {
                sender.wake();
            }
        }
        Ok(keys)
    }
}
