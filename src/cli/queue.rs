//! `loket ticket` (a kiosk button), `loket queue call|stats` (call buttons and scripts) and
//! `loket board`, the waiting-room display.

use super::common::{fail, load_keymap, open_store, store_fail, CliResult, Ctx};
use super::tui::{run_tui, Needs};
use crate::paths;
use crate::store::{Actor, OpenMode};
use chrono::Utc;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum QueueCommand {
    /// Call the next ticket to this counter (--counter) and print it
    Call,
    /// Today's figures per service
    Stats,
}

pub(super) fn take_ticket(ctx: &Ctx, service: &str, priority: Option<&str>) -> CliResult {
    use crate::domain::queue::PriorityGroup;
    let (config, text) = (&ctx.config, &ctx.text);
    let sv = config.queue.service(service).ok_or_else(|| fail(2, text.unknown_service(service)))?;
    let priority = match priority {
        Some(p) => Some(PriorityGroup::parse(p).ok_or_else(|| fail(2, text.unknown_priority(p)))?),
        None => None,
    };
    let mut store = open_store(ctx, OpenMode::Existing)?;
    let now = Utc::now();
    let taken = crate::ops::queue::take_ticket(&mut store, config, &Actor::system("kiosk"), &sv.code, priority, now).map_err(store_fail(text))?;
    let minutes = taken.wait_minutes;
    // A kiosk button has no counter app running beside it: send the ticket to the printer now.
    let printer = config.printer_for(crate::domain::printing::DocKind::Ticket);
    if printer.configured() {
        let jobs = store.print_jobs_for("tickets", taken.ticket.id).map_err(store_fail(text))?;
        for j in jobs {
            if let Err(e) = crate::print::spool::send_now(&mut store, printer, j.id, now).map_err(store_fail(text))? {
                eprintln!("loket: {} {}", text.print_error(&e), text.print_left_waiting(j.id));
            }
        }
    }
    let local = config.site.zone.local(now);
    let when = format!("{} {}", local.format("%d/%m/%Y %H:%M"), config.site.zone.name());
    let prio = taken.ticket.priority.map(|p| text.priority_group(p));
    outp!("{}", text.ticket_preview(&config.site.name, &taken.ticket.label(), &sv.name, prio, &when, taken.ahead, minutes));
    Ok(())
}

pub(super) fn queue_command(ctx: &Ctx, cmd: QueueCommand) -> CliResult {
    let (config, text) = (&ctx.config, &ctx.text);
    let now = Utc::now();
    let day = config.site.zone.business_day(now);
    match cmd {
        QueueCommand::Call => {
            let mut store = open_store(ctx, OpenMode::Existing)?;
            let counter = config.queue.counter(config.queue.this_counter).ok_or_else(|| fail(2, text.unknown_service("?")))?;
            let actor = Actor::system(&format!("counter-{}", counter.number));
            match crate::ops::queue::call_next(&mut store, config, counter, &actor, now).map_err(store_fail(text))? {
                Some(c) => {
                    out!("{}", text.calling(&c.ticket.label(), &counter.name));
                    Ok(())
                }
                None => Err(fail(3, text.queue_empty())),
            }
        }
        QueueCommand::Stats => {
            use crate::domain::queue::mean_and_p90;
            let store = open_store(ctx, OpenMode::ReadOnly)?;
            let codes: Vec<String> = config.queue.services.iter().map(|s| s.code.clone()).collect();
            let stats = store.queue_stats(&codes, day).map_err(store_fail(text))?;
            let cols = text.stats_columns();
            out!("{:<20}{:>6}{:>7}{:>6}{:>6}{:>14}{:>14}", cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]);
            for st in stats {
                let name = config.queue.service(&st.service).map(|s| s.name.clone()).unwrap_or_default();
                let m = |v: &[i64]| {
                    let mut v = v.to_vec();
                    mean_and_p90(&mut v).map(|(a, p)| format!("{}/{}", (a + 30) / 60, (p + 30) / 60)).unwrap_or_else(|| "-".into())
                };
                out!(
                    "{:<20}{:>6}{:>7}{:>6}{:>6}{:>14}{:>14}",
                    format!("{} {name}", st.service),
                    st.taken,
                    st.served,
                    st.skipped,
                    st.waiting,
                    m(&st.wait_seconds),
                    m(&st.service_seconds)
                );
            }
            Ok(())
        }
    }
}

/// The waiting-room display: read-only, no login; speaks each call.
pub(super) fn board(ctx: &Ctx) -> CliResult {
    let (config, text) = (&ctx.config, ctx.text);
    let keymap = load_keymap(&ctx.keymap, &text)?;
    let store = open_store(ctx, OpenMode::ReadOnly)?;
    let prepare = |theme| {
        let state = crate::board::BoardState::new(config, text, theme, Utc::now());
        (state, crate::voice::Announcer::start(config.voice.clone(), paths::log_file()))
    };
    run_tui(ctx, Needs::Output, prepare, |terminal, input, (state, announcer)| crate::board::run(terminal, input, &store, state, &keymap, announcer))
}
