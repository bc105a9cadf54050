//! Reading the terminal for the full-screen views (counter, board, supervisor) so that every way
//! out gives the terminal back: SIGTERM, SIGHUP, SIGINT and SIGQUIT are caught and turn into a
//! [`Stop`] the view's loop returns (after the operation in progress has finished, since the
//! loop only waits here between operations), and a terminal that went away (the pty's other end
//! closed: poll reports a hang-up, reads give EOF or EIO) is a [`Stop`] too instead of a spin.
//!
//! The terminal's bytes are read here and decoded by [`decode::Decoder`], not by crossterm's
//! event reader: that one spins on EOF or EIO in a loop of its own (100% CPU after an SSH drop)
//! and stalls on a paste start marker without its end (see `decode.rs`). A resize arrives as
//! SIGWINCH and becomes an [`Event::Resize`]. A watchdog thread still ends the process if the
//! terminal hangs up and the loop does not notice within a grace period.

mod decode;

use decode::Decoder;
use ratatui::crossterm::event::Event;
use rustix::event::{poll, PollFd, PollFlags, Timespec};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
use std::cell::RefCell;
use std::fs::File;
use std::io::{self, IsTerminal};
use std::os::fd::{AsFd, BorrowedFd};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The signals that end a view.
pub const STOP_SIGNALS: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];

/// Why a view stopped without the user quitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// One of [`STOP_SIGNALS`].
    Signal(i32),
    /// The terminal is gone (hang-up, EOF, EIO).
    TerminalGone,
}

impl Stop {
    /// The exit status: 128 + the signal, as a shell reports a death by that signal; 129 (as
    /// for SIGHUP) when the terminal vanished.
    pub fn exit_code(self) -> i32 {
        match self {
            Stop::Signal(s) => 128 + s,
            Stop::TerminalGone => 128 + SIGHUP,
        }
    }

    pub fn signal_name(self) -> &'static str {
        match self {
            Stop::Signal(SIGTERM) => "SIGTERM",
            Stop::Signal(SIGHUP) => "SIGHUP",
            Stop::Signal(SIGINT) => "SIGINT",
            Stop::Signal(SIGQUIT) => "SIGQUIT",
            Stop::Signal(_) => "signal",
            Stop::TerminalGone => "SIGHUP",
        }
    }

    /// The stop carried by an error a view's loop returned, if it was one.
    pub fn from_error(e: &io::Error) -> Option<Stop> {
        e.get_ref().and_then(|inner| inner.downcast_ref::<StopError>()).map(|s| s.0)
    }
}

#[derive(Debug)]
struct StopError(Stop);

impl std::fmt::Display for StopError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for StopError {}

impl From<Stop> for io::Error {
    fn from(s: Stop) -> io::Error {
        io::Error::new(io::ErrorKind::Interrupted, StopError(s))
    }
}

/// The terminal's input for one view: the signal flags and the descriptor to poll (standard
/// input when it is a terminal, else /dev/tty, as crossterm chooses).
pub struct TermInput {
    signal: Arc<AtomicUsize>,
    resized: Arc<AtomicBool>,
    tty: Option<File>,
    decoder: RefCell<Decoder>,
    /// The handlers installed, removed when dropped (the signals' default comes back).
    handlers: Vec<signal_hook::SigId>,
}

impl Drop for TermInput {
    fn drop(&mut self) {
        for id in self.handlers.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// How long the rest of an escape sequence may take to arrive after its ESC before the ESC is
/// taken for the Esc key (a terminal sends a sequence in one write; over a slow SSH link it can
/// be split, and vim's default `ttimeoutlen` is 100 ms).
const SEQUENCE_WAIT: Duration = Duration::from_millis(50);
/// How long the input may stay quiet inside a paste before the paste is taken as over (a paste
/// arrives as one burst; its end marker may have been lost).
const PASTE_IDLE: Duration = Duration::from_millis(200);

/// How long the watchdog waits, after a hang-up, for the view's loop to stop by itself.
const WATCHDOG_GRACE: Duration = Duration::from_millis(500);

impl TermInput {
    /// Catch the stop signals (a second one of them ends the process at once, should the loop
    /// be stuck) and start the hang-up watchdog.
    pub fn install() -> io::Result<TermInput> {
        let signal = Arc::new(AtomicUsize::new(0));
        let mut handlers = Vec::new();
        for sig in STOP_SIGNALS {
            // Registered before the flag: the first signal only sets the flag, a second one
            // exits with 128 + signal even if the loop never looks.
            let fired = Arc::new(std::sync::atomic::AtomicBool::new(false));
            handlers.push(signal_hook::flag::register_conditional_shutdown(sig, 128 + sig, Arc::clone(&fired))?);
            handlers.push(signal_hook::flag::register(sig, fired)?);
            handlers.push(signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)?);
        }
        let resized = Arc::new(AtomicBool::new(false));
        handlers.push(signal_hook::flag::register(SIGWINCH, Arc::clone(&resized))?);
        let tty = if io::stdin().is_terminal() { None } else { Some(File::options().read(true).write(true).open("/dev/tty")?) };
        let input = TermInput { signal, resized, tty, decoder: RefCell::new(Decoder::new()), handlers };
        input.start_watchdog()?;
        Ok(input)
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match &self.tty {
            Some(f) => f.as_fd(),
            None => {
                // Standard input lives as long as the process.
                unsafe { BorrowedFd::borrow_raw(0) }
            }
        }
    }

    /// Wait up to `timeout` for a terminal event. `Ok(None)` on timeout; `Err` carrying a
    /// [`Stop`] (see [`Stop::from_error`]) on a signal or a vanished terminal. Events already
    /// read and decoded (a scanner burst, fast typing) come back at once.
    pub fn next(&self, timeout: Duration) -> io::Result<Option<Event>> {
        let deadline = Instant::now() + timeout;
        let mut decoder = self.decoder.borrow_mut();
        loop {
            self.check_signal()?;
            if self.resized.swap(false, Ordering::SeqCst) {
                let (w, h) = ratatui::crossterm::terminal::size()?;
                return Ok(Some(Event::Resize(w, h)));
            }
            if let Some(ev) = decoder.next(false) {
                return Ok(Some(ev));
            }
            // The rest of a sequence (or of a paste) may still be on its way: wait for it a
            // little, then settle what is there.
            if decoder.has_pending() {
                if self.poll_tty(SEQUENCE_WAIT)? {
                    self.read_into(&mut decoder)?;
                } else if let Some(ev) = decoder.next(true) {
                    return Ok(Some(ev));
                }
                continue;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if decoder.in_paste() {
                if self.poll_tty(PASTE_IDLE.min(left.max(SEQUENCE_WAIT)))? {
                    self.read_into(&mut decoder)?;
                    continue;
                }
                decoder.end_paste();
            }
            // Wait for input, a signal (which interrupts the wait) or a hang-up; with no time
            // left, only take what the terminal already has.
            if self.poll_tty(left)? {
                self.read_into(&mut decoder)?;
            } else if left.is_zero() || Instant::now() >= deadline {
                return Ok(None);
            }
        }
    }

    /// Read what the terminal has (poll said it has something). End of file or an I/O error
    /// means the terminal is gone.
    fn read_into(&self, decoder: &mut Decoder) -> io::Result<()> {
        let mut buf = [0u8; 1024];
        match rustix::io::read(self.fd(), &mut buf) {
            Ok(0) => Err(Stop::TerminalGone.into()),
            Ok(n) => {
                decoder.feed(&buf[..n]);
                Ok(())
            }
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => Ok(()),
            Err(_) => Err(Stop::TerminalGone.into()),
        }
    }

    fn check_signal(&self) -> io::Result<()> {
        match self.signal.load(Ordering::SeqCst) {
            0 => Ok(()),
            sig => Err(Stop::Signal(sig as i32).into()),
        }
    }

    /// Whether the terminal has input within `wait`; a hang-up or error is a [`Stop`], a
    /// signal interrupting the wait returns `false` (the caller looks at the flags next).
    fn poll_tty(&self, wait: Duration) -> io::Result<bool> {
        let fd = self.fd();
        let mut fds = [PollFd::from_borrowed_fd(fd, PollFlags::IN)];
        let ts = Timespec { tv_sec: wait.as_secs() as i64, tv_nsec: wait.subsec_nanos() as i64 };
        match poll(&mut fds, Some(&ts)) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => return Ok(false),
            Err(e) => return Err(e.into()),
        }
        let rev = fds[0].revents();
        if rev.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
            return Err(Stop::TerminalGone.into());
        }
        Ok(rev.contains(PollFlags::IN))
    }

    /// A thread that sleeps until the terminal hangs up; if the process is still running
    /// [`WATCHDOG_GRACE`] later (the loop busy or stuck elsewhere), it exits.
    fn start_watchdog(&self) -> io::Result<()> {
        let fd = rustix::io::dup(self.fd())?;
        std::thread::Builder::new().name("tty-watchdog".into()).spawn(move || loop {
            let mut fds = [PollFd::new(&fd, PollFlags::empty())];
            match poll(&mut fds, None) {
                Err(rustix::io::Errno::INTR) => continue,
                Err(_) => return,
                Ok(_) if fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) => {
                    std::thread::sleep(WATCHDOG_GRACE);
                    std::process::exit(Stop::TerminalGone.exit_code());
                }
                Ok(_) => continue,
            }
        })?;
        Ok(())
    }
}
