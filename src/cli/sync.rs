//! `loket sync [status|retry ID]`: SATUSEHAT from the shell, send the waiting CKG results now,
//! see what waits or failed, and send one again after fixing it.

use super::common::{fail, open_store, store_fail, CliResult, Ctx};
use super::users::{authorise_role, AsUser};
use crate::domain::user::Role;
use crate::store::{OpenMode, Store};
use chrono::Utc;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum SyncCommand {
    /// Pending, sent and failed counts, the oldest waiting entry, and the entries that need a fix
    Status,
    /// Send a failed (or waiting) entry again after fixing its problem (a clerk or supervisor)
    Retry {
        id: i64,
        #[command(flatten)]
        by: AsUser,
    },
}

pub(super) fn sync_command(ctx: &Ctx, cmd: Option<SyncCommand>) -> CliResult {
    use crate::sync::{client::Client, sender};
    let (config, text) = (&ctx.config, &ctx.text);
    let store_err = store_fail(text);
    let now = Utc::now();
    let send = |store: &mut Store| -> CliResult {
        let Some(settings) = &config.satusehat else { return Err(fail(1, text.sync_not_configured())) };
        // A person is waiting: nothing pauses between tries now.
        store.outbox_all_due_now().map_err(store_err)?;
        let mut client = Client::new(settings).map_err(|e| fail(2, e.message(text)))?;
        let round = sender::run_once(store, &mut client, settings, Utc::now()).map_err(store_err)?;
        out!("{}", text.sync_round(round.sent, round.found_on_server, round.failed, round.waiting_patient));
        match round.stopped {
            Some(e) => Err(fail(1, e.message(text))),
            None => Ok(()),
        }
    };
    match cmd {
        None => {
            let mut store = open_store(ctx, OpenMode::Existing)?;
            send(&mut store)
        }
        Some(SyncCommand::Retry { id, by }) => {
            let mut store = open_store(ctx, OpenMode::Existing)?;
            // The clerks enter the CKG results that go out; a supervisor oversees them.
            let actor = authorise_role(ctx, &mut store, &by, &[Role::Clerk, Role::Supervisor])?;
            store.retry_outbox(&actor, id, now).map_err(store_err)?;
            out!("{}", text.sync_retried(id));
            if config.satusehat.is_some() {
                send(&mut store)?;
            }
            Ok(())
        }
        Some(SyncCommand::Status) => {
            let store = open_store(ctx, OpenMode::ReadOnly)?;
            let c = store.outbox_counts().map_err(store_err)?;
            out!("{}", text.sync_counts(c.pending, c.waiting_patient, c.sent, c.failed));
            match c.oldest_pending {
                Some(t) => out!("{}", text.sync_oldest((now - t).num_minutes().max(0))),
                None => out!("{}", text.sync_nothing_waiting()),
            }
            match &config.satusehat {
                Some(s) => out!("{}", text.sync_on_line(&s.environment)),
                None => out!("{}", text.sync_off_line()),
            }
            if let Some(e) = &c.last_error {
                out!("{}", text.sync_problem(e));
            }
            let problems = store.outbox_problems(50).map_err(store_err)?;
            if !problems.is_empty() {
                out!("{}", text.sync_problems_header());
                for e in problems {
                    let created = crate::print::docs::local_time(e.created_at, config.site.zone);
                    let problem = e.last_error.as_deref().map(|p| text.sync_problem(p)).unwrap_or_default();
                    out!("{:<5} {:<16} {:<5} {:<17} {}", e.id, text.sync_status_name(e.status), e.attempts, created, problem);
                }
            }
            Ok(())
        }
    }
}
