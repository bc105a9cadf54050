//! Operations: one public function per user operation. Each runs the domain checks, writes one
//! store transaction with its audit entry, and adds, inside that same transaction, the print jobs
//! (rendered here) and the SATUSEHAT outbox entry that belong to it. The TUI's effects
//! (`app::perform*`) and the command line (`cli`) call these functions; nothing else writes.
//!
//! Layering: ops imports domain, config, store, print and sync; app and cli import ops.

pub mod ckg;
pub mod loans;
pub mod members;
pub(crate) mod clinic_sync;
pub mod consult;
pub mod dispense;
pub mod referrals;
pub mod patients;
pub mod printing;
pub mod products;
pub mod queue;
pub mod sales;
pub mod shifts;
pub mod stock;
pub mod users;

use crate::config::Config;
use crate::store::print_jobs::{insert_job, NewPrintJob};
use crate::store::{Result, Tx};
use chrono::{DateTime, Utc};

/// Store print jobs inside the operation's transaction, each for the printer the site's rule
/// gives its kind (`print::routed_job`), when that printer is configured. Without one, nothing
/// is stored: a site without a printer keeps no unprintable jobs.
pub(crate) fn print_in(tx: &Tx, config: &Config, now: DateTime<Utc>, make: impl FnOnce() -> Vec<NewPrintJob>) -> Result<()> {
    if config.all_printers().any(|p| p.configured()) {
        for job in make() {
            let printer = job.printer.as_deref().and_then(|n| config.printer_named(n)).unwrap_or(&config.printer);
            if printer.configured() {
                insert_job(tx, &job, now)?;
            }
        }
    }
    Ok(())
}
