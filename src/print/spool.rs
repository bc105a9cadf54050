//! The spool: sends stored jobs, oldest first, and records what happened. Each printer has its
//! own spool thread, which sends only the jobs naming that printer (its `Lane`), so a receipt
//! printer that is out of paper never holds up the kiosk's tickets. Each runs with its own
//! database connection, so committing a sale or calling a ticket never waits on a printer; the
//! status line learns the spools' state from the database.

use super::transport::{self, Transport};
pub use crate::domain::printing::PrinterStatus;
use super::{PrintError, PrinterSettings};
pub use crate::store::print_jobs::Lane;
use crate::store::{OpenMode, Result, Store};
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

/// What one round of the spool did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Round {
    pub sent: Vec<i64>,
    /// The job that failed and why; the round stops there (later jobs wait behind it).
    pub failed: Option<(i64, PrintError)>,
}

/// Send every due job of a site with one printer (the default printer's lane).
pub fn run_once(store: &mut Store, transport: &mut dyn Transport, owner: &str, now: DateTime<Utc>) -> Result<Round> {
    run_lane(store, transport, owner, &Lane::single(), now)
}

/// The jobs a printer's spool sends: those naming it (and, for the default printer, those
/// naming none).
pub fn lane(settings: &PrinterSettings) -> Lane {
    Lane { printer: settings.name.clone(), is_default: settings.is_default }
}

/// Send every due job of one printer, in order, until one fails or none is left.
pub fn run_lane(store: &mut Store, transport: &mut dyn Transport, owner: &str, lane: &Lane, now: DateTime<Utc>) -> Result<Round> {
    let mut round = Round::default();
    // Bounded: a round never sends more jobs than were waiting when it started, plus a few.
    // Read-only first: an idle spool never takes the write lock other counters need.
    let pending = store.spool_counts()?.pending;
    if pending == 0 {
        return Ok(round);
    }
    let limit = pending + 8;
    for _ in 0..limit {
        let Some(job) = store.claim_print_job(owner, lane, now)? else { break };
        match transport.send(&job.bytes) {
            Ok(()) => {
                store.mark_print_sent(job.id, owner, now)?;
                round.sent.push(job.id);
            }
            Err(e) => {
                store.mark_print_failed(job.id, owner, &e, now)?;
                round.failed = Some((job.id, e));
                break;
            }
        }
    }
    Ok(round)
}

/// A name for this process's claims on jobs.
pub fn owner_name() -> String {
    format!("pid{}-{}", std::process::id(), Utc::now().timestamp_millis())
}

/// The running spool threads, one a printer. Dropping the handle stops them (after the job in
/// hand, if any).
pub struct SpoolHandle {
    wake: Vec<Sender<()>>,
}

impl SpoolHandle {
    /// Look at the spools now (a job was just stored) instead of at the next poll.
    pub fn wake(&self) {
        for w in &self.wake {
            let _ = w.send(());
        }
    }
}

/// Start a spool thread for every configured printer (`Config::all_printers`). None when no
/// printer is configured: nothing is printed then.
pub fn start_all<'a>(db: PathBuf, printers: impl IntoIterator<Item = &'a PrinterSettings>) -> Option<SpoolHandle> {
    let wake: Vec<Sender<()>> = printers.into_iter().filter_map(|p| start(db.clone(), p.clone())).flat_map(|h| h.wake).collect();
    (!wake.is_empty()).then_some(SpoolHandle { wake })
}

/// How often the spool looks for due jobs when nobody wakes it.
const POLL: Duration = Duration::from_secs(2);

/// Start the spool thread for the printer in the settings, on its own connection to `db`.
/// Returns None when no printer is configured: jobs then wait in the database.
pub fn start(db: PathBuf, settings: PrinterSettings) -> Option<SpoolHandle> {
    if !settings.configured() {
        return None;
    }
    let (wake, rx) = mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("loket-spool".into())
        .spawn(move || {
            let Ok(mut store) = Store::open(&db, OpenMode::Existing) else { return };
            let mut transport = transport::open(&settings);
            let owner = owner_name();
            let lane = lane(&settings);
            loop {
                // A store error (busy past every retry, disk full) is tried again at the next poll.
                let _ = run_lane(&mut store, transport.as_mut(), &owner, &lane, Utc::now());
                match rx.recv_timeout(POLL) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        })
        .ok()?;
    Some(SpoolHandle { wake: vec![wake] })
}

/// Send one job now, on the caller's thread (`loket printer test`), on the printer it names
/// (`settings`), and record the outcome.
pub fn send_now(store: &mut Store, settings: &PrinterSettings, id: i64, now: DateTime<Utc>) -> Result<std::result::Result<(), PrintError>> {
    let owner = owner_name();
    let mut transport = transport::open(settings);
    // Jobs before this one go first: the printer prints in order. A person is waiting, so none
    // of them pauses between tries now.
    store.print_jobs_due_now()?;
    let round = run_lane(store, transport.as_mut(), &owner, &lane(settings), now)?;
    if round.sent.contains(&id) {
        return Ok(Ok(()));
    }
    if let Some((_, e)) = round.failed {
        return Ok(Err(e));
    }
    // Not sent and not failed: it waits behind an earlier job that is pausing between tries.
    let job_error = store.print_job(id)?.and_then(|j| j.last_error);
    Ok(Err(job_error.or(store.spool_counts()?.error).unwrap_or(PrintError::NoReply)))
}
