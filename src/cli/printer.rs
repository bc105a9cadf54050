//! `loket printer test|queue|show|retry|cancel|reprint`: the receipt printer and its spool.

use super::common::{fail, open_store, store_fail, CliResult, Ctx, Fail};
use super::users::{authorise_role, AsUser};
use crate::domain::user::Role;
use crate::store::{OpenMode, Store};
use crate::text::Text;
use chrono::{DateTime, Utc};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum PrinterCommand {
    /// Print the test page on the configured printer and say what happened
    Test {
        #[command(flatten)]
        by: AsUser,
    },
    /// List print jobs still waiting (or the latest ones with --all)
    Queue {
        #[arg(long)]
        all: bool,
    },
    /// Show what a job prints
    Show { id: i64 },
    /// Send a waiting job again now (any user)
    Retry {
        id: i64,
        #[command(flatten)]
        by: AsUser,
    },
    /// Give up on a waiting job (a supervisor: the printout is then never made)
    Cancel {
        id: i64,
        #[command(flatten)]
        by: AsUser,
    },
    /// Print a job again; the copy says SALINAN / COPY (any user)
    Reprint {
        id: i64,
        #[command(flatten)]
        by: AsUser,
    },
}

pub(super) fn printer_command(ctx: &Ctx, cmd: PrinterCommand) -> CliResult {
    use crate::print::docs;
    let (config, text) = (&ctx.config, &ctx.text);
    let store_err = store_fail(text);
    let mut store = open_store(ctx, OpenMode::Existing)?;
    let now = Utc::now();
    // Every user may print, retry and reprint (a copy says SALINAN); only a supervisor may give
    // up on a printout. Whoever it is, the audit names them.
    const ANY: &[Role] = &[Role::Clerk, Role::Cashier, Role::Pharmacy, Role::Supervisor];
    match cmd {
        PrinterCommand::Test { by } => {
            let actor = authorise_role(ctx, &mut store, &by, ANY)?;
            let settings = config.printer_for(crate::domain::printing::DocKind::TestPage);
            // Printouts are in the site's language (customers read them), whatever the user's.
            let (id, error) = crate::ops::printing::test_page(&mut store, config, &actor, now).map_err(store_err)?;
            if !settings.configured() {
                return Err(left_waiting(text, text.printer_not_configured(), id));
            }
            if let Some(e) = &error {
                return Err(left_waiting(text, &text.print_error(e), id));
            }
            send_now(ctx, &mut store, id, now)
        }
        PrinterCommand::Queue { all } => {
            let jobs = if all { store.recent_print_jobs(50) } else { store.waiting_print_jobs() }.map_err(store_err)?;
            if jobs.is_empty() {
                out!("{}", text.print_no_jobs());
                return Ok(());
            }
            out!("{}", text.print_jobs_header());
            for j in jobs {
                let kind = j.kind.map(|k| text.doc_kind(k)).unwrap_or("?");
                let created = docs::local_time(j.created_at, config.site.zone);
                let error = j.last_error.as_ref().map(|e| text.print_error_short(e)).unwrap_or("");
                // A job naming no printer was stored before printers had names: the default's.
                let printer = j.printer.as_deref().unwrap_or(&config.printer.name);
                out!("{:<5} {:<11} {:<10} {:<5} {:<20} {:<10} {}", j.id, kind, text.job_status(j.status), j.attempts, created, printer, error);
            }
            Ok(())
        }
        PrinterCommand::Show { id } => {
            let job = store.print_job(id).map_err(store_err)?.ok_or_else(|| store_err(crate::store::StoreError::NoSuchPrintJob(id)))?;
            outp!("{}", job.preview);
            if let Some(e) = &job.last_error {
                out!("{}", text.print_error(e));
            }
            Ok(())
        }
        PrinterCommand::Retry { id, by } => {
            let actor = authorise_role(ctx, &mut store, &by, ANY)?;
            crate::ops::printing::retry(&mut store, config, &actor, id, now).map_err(store_err)?;
            if !job_printer(config, &store, id).configured() {
                out!("{}", text.print_retried(id));
                return Ok(());
            }
            send_now(ctx, &mut store, id, now)
        }
        PrinterCommand::Cancel { id, by } => {
            let actor = authorise_role(ctx, &mut store, &by, &[Role::Supervisor])?;
            crate::ops::printing::cancel(&mut store, &actor, id, now).map_err(store_err)?;
            out!("{}", text.print_cancelled(id));
            Ok(())
        }
        PrinterCommand::Reprint { id, by } => {
            let actor = authorise_role(ctx, &mut store, &by, ANY)?;
            let new_id = crate::ops::printing::reprint(&mut store, config, &actor, id, now).map_err(store_err)?;
            out!("{}", text.print_reprinted(id, new_id));
            if job_printer(config, &store, new_id).configured() {
                return send_now(ctx, &mut store, new_id, now);
            }
            Ok(())
        }
    }
}

/// Send job `id` to the configured printer now and say so, or fail with the printer's problem
/// and where the job waits.
fn send_now(ctx: &Ctx, store: &mut Store, id: i64, now: DateTime<Utc>) -> CliResult {
    let (settings, text) = (job_printer(&ctx.config, store, id), &ctx.text);
    match crate::print::spool::send_now(store, settings, id, now).map_err(store_fail(text))? {
        Ok(()) => {
            out!("{}", text.print_sent(id, &settings.describe()));
            Ok(())
        }
        Err(e) => Err(left_waiting(text, &text.print_error(&e), id)),
    }
}

/// The printer a stored job names (the default printer for a job naming none, or a printer no
/// longer in the settings).
fn job_printer<'a>(config: &'a crate::config::Config, store: &Store, id: i64) -> &'a crate::print::PrinterSettings {
    let name = store.print_job(id).ok().flatten().and_then(|j| j.printer);
    name.as_deref().and_then(|n| config.printer_named(n)).unwrap_or(&config.printer)
}

/// A printing problem, and that job `id` stays in the print queue (exit status 1).
fn left_waiting(text: &Text, problem: &str, id: i64) -> Fail {
    fail(1, format!("{problem} {}", text.print_left_waiting(id)))
}
