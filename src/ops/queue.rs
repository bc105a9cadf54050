//! Queue operations: take a ticket (with its wait estimate and printed ticket), and call, recall,
//! skip, transfer and finish at this terminal's counter.

use super::print_in;
use crate::config::{Config, Counter};
use crate::domain::queue::{estimated_wait_minutes, PriorityGroup};
use crate::store::queue::{self as q, Called, QueueView, TakenTicket, Ticket};
use crate::store::{Actor, Result, Store};
use chrono::{DateTime, Utc};

/// The estimated wait of a new ticket: the tickets ahead (its place in the calling order,
/// `domain::queue::calling_order`) times today's average service time (or
/// the site's default before anyone was served), shared by the counters serving the service.
pub fn wait_minutes(config: &Config, taken: &TakenTicket) -> i64 {
    let avg = taken.avg_service_seconds.unwrap_or(config.queue.default_service_minutes as i64 * 60);
    estimated_wait_minutes(taken.ahead, avg, config.queue.counters_serving(&taken.ticket.service))
}

/// Take a ticket for a service; its printout is stored in the same transaction.
pub fn take_ticket(store: &mut Store, config: &Config, actor: &Actor, service: &str, priority: Option<PriorityGroup>, now: DateTime<Utc>) -> Result<TakenTicket> {
    let day = config.site.zone.business_day(now);
    let name = config.queue.service(service).map(|s| s.name.clone()).unwrap_or_default();
    store.write(|tx| {
        let mut taken = q::take_ticket_in(tx, actor, service, priority, &config.queue.rule, day, now)?;
        taken.wait_minutes = wait_minutes(config, &taken);
        print_in(tx, config, now, || vec![crate::print::jobs::ticket(config, &name, &taken)])?;
        Ok(taken)
    })
}

/// This terminal's counter.
pub fn this_counter(config: &Config) -> Option<&Counter> {
    config.queue.counter(config.queue.this_counter)
}

/// What a counter sees, its waiting list in calling order (the ordering rule as of `now`).
pub fn view(store: &Store, config: &Config, counter: &Counter, now: DateTime<Utc>) -> Result<QueueView> {
    store.queue_view(counter, &config.queue.rule, config.site.zone.business_day(now), now)
}

/// Call the next ticket by the ordering rule (the one in service counts as finished).
pub fn call_next(store: &mut Store, config: &Config, counter: &Counter, actor: &Actor, now: DateTime<Utc>) -> Result<Option<Called>> {
    store.call_next(actor, counter, &config.queue.rule, config.site.zone.business_day(now), now)
}

pub fn recall(store: &mut Store, config: &Config, counter: &Counter, actor: &Actor, ticket: Option<i64>, now: DateTime<Utc>) -> Result<Ticket> {
    store.recall(actor, counter.number, ticket, config.site.zone.business_day(now), now)
}

pub fn skip(store: &mut Store, config: &Config, counter: &Counter, actor: &Actor, now: DateTime<Utc>) -> Result<Ticket> {
    store.skip_current(actor, counter.number, config.site.zone.business_day(now), now)
}

pub fn finish(store: &mut Store, config: &Config, counter: &Counter, actor: &Actor, now: DateTime<Utc>) -> Result<Ticket> {
    store.finish_current(actor, counter.number, config.site.zone.business_day(now), now)
}

pub fn transfer(store: &mut Store, config: &Config, counter: &Counter, actor: &Actor, to: &str, now: DateTime<Utc>) -> Result<Ticket> {
    store.transfer_current(actor, counter.number, to, config.site.zone.business_day(now), now)
}
