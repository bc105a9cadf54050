//! Queue tickets and their events. Every operation is one `BEGIN IMMEDIATE` transaction, so two
//! counters calling at the same moment are served one after the other and never get the same
//! ticket. Numbers restart every business day (the day is passed in, in the site's zone).

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError};
use crate::config::Counter;
use crate::domain::queue::{calling_order, extends_priority_run, ticket_label, OrderingRule, PriorityGroup, Waiting};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, Transaction};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketStatus {
    Waiting,
    Called,
    Skipped,
    Done,
}

impl TicketStatus {
    fn parse(s: &str) -> TicketStatus {
        match s {
            "called" => TicketStatus::Called,
            "skipped" => TicketStatus::Skipped,
            "done" => TicketStatus::Done,
            _ => TicketStatus::Waiting,
        }
    }
}

/// A ticket as the counter screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub id: i64,
    pub prefix: String,
    pub number: i64,
    /// The service it waits in or is served in now.
    pub service: String,
    pub priority: Option<PriorityGroup>,
    pub status: TicketStatus,
    pub taken_at: DateTime<Utc>,
    pub queued_at: DateTime<Utc>,
    pub called_at: Option<DateTime<Utc>>,
    pub counter: Option<u32>,
    pub patient_name: Option<String>,
}

impl Ticket {
    pub fn label(&self) -> String {
        ticket_label(&self.prefix, self.number)
    }
}

/// What taking a ticket gives the person: the printed ticket's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenTicket {
    pub ticket: Ticket,
    /// Tickets before this one in its line.
    pub ahead: i64,
    /// Today's average service time of the service, if any ticket was served yet.
    pub avg_service_seconds: Option<i64>,
    /// The wait the ticket promises, in minutes (`ops::queue::take_ticket` works it out from the
    /// site's settings; 0 from the store alone).
    pub wait_minutes: i64,
}

/// What a call did: the ticket now called, and the one finished to make room, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Called {
    pub ticket: Ticket,
    pub finished: Option<Ticket>,
}

/// A counter's view of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QueueView {
    pub current: Option<Ticket>,
    pub waiting: Vec<Ticket>,
    pub skipped: Vec<Ticket>,
}

/// A call shown on the waiting-room board and spoken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallEvent {
    pub event_id: i64,
    pub prefix: String,
    pub number: i64,
    pub counter: u32,
    pub at: DateTime<Utc>,
}

impl CallEvent {
    pub fn label(&self) -> String {
        ticket_label(&self.prefix, self.number)
    }
}

/// Today's figures for one service.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceStats {
    pub service: String,
    pub taken: i64,
    pub served: i64,
    pub skipped: i64,
    pub waiting: i64,
    pub wait_seconds: Vec<i64>,
    pub service_seconds: Vec<i64>,
}

const TICKET_COLUMNS: &str = "t.id, t.prefix, t.number, t.service, t.priority, t.status, t.taken_at, t.queued_at, t.called_at, t.counter, p.name";
const TICKET_FROM: &str = "FROM tickets t LEFT JOIN patients p ON p.id = t.patient_id";

fn ticket_from_row(r: &Row) -> rusqlite::Result<Ticket> {
    Ok(Ticket {
        id: r.get(0)?,
        prefix: r.get(1)?,
        number: r.get(2)?,
        service: r.get(3)?,
        priority: r.get::<_, Option<String>>(4)?.as_deref().and_then(PriorityGroup::parse),
        status: TicketStatus::parse(&r.get::<_, String>(5)?),
        taken_at: parse_ts(&r.get::<_, String>(6)?).unwrap_or_default(),
        queued_at: parse_ts(&r.get::<_, String>(7)?).unwrap_or_default(),
        called_at: r.get::<_, Option<String>>(8)?.as_deref().and_then(parse_ts),
        counter: r.get(9)?,
        patient_name: r.get(10)?,
    })
}

/// Columns: event id, prefix, number, counter, at.
fn call_from_row(r: &Row) -> rusqlite::Result<CallEvent> {
    Ok(CallEvent {
        event_id: r.get(0)?,
        prefix: r.get(1)?,
        number: r.get(2)?,
        counter: r.get(3)?,
        at: parse_ts(&r.get::<_, String>(4)?).unwrap_or_default(),
    })
}

fn ticket_by_id(tx: &Transaction, id: i64) -> Result<Ticket> {
    tx.prepare_cached(&format!("SELECT {TICKET_COLUMNS} {TICKET_FROM} WHERE t.id = ?1"))?
        .query_row([id], ticket_from_row)
        .optional()?
        .ok_or(StoreError::NoSuchTicket)
}

fn current_at(tx: &Transaction, day: &str, counter: u32) -> Result<Option<Ticket>> {
    Ok(tx
        .prepare_cached(&format!("SELECT {TICKET_COLUMNS} {TICKET_FROM} WHERE t.business_day = ?1 AND t.status = 'called' AND t.counter = ?2"))?
        .query_row(params![day, counter], ticket_from_row)
        .optional()?)
}

#[allow(clippy::too_many_arguments)]
fn event(
    tx: &Transaction,
    t: &Ticket,
    kind: &str,
    service: &str,
    counter: Option<u32>,
    actor: &Actor,
    day: &str,
    wait_s: Option<i64>,
    service_s: Option<i64>,
    detail: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO queue_events(ticket_id, at, business_day, kind, service, counter, user_id, wait_s, service_s, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![t.id, ts(now), day, kind, service, counter, actor.id, wait_s, service_s, detail])?;
    let summary = match detail {
        Some(d) if kind == "called" => format!("{} {kind} {service} ({d})", t.label()),
        Some(d) => format!("{} {kind} {service} -> {d}", t.label()),
        None => format!("{} {kind} {service}", t.label()),
    };
    append(tx, actor, &format!("queue-{kind}"), "tickets", Some(t.id), &summary, now)
}

/// End the service of the counter's current ticket (finish or skip), recording its service time.
fn end_current(tx: &Transaction, t: &Ticket, kind: &str, actor: &Actor, day: &str, now: DateTime<Utc>) -> Result<()> {
    let status = if kind == "skipped" { "skipped" } else { "done" };
    tx.prepare_cached("UPDATE tickets SET status = ?2 WHERE id = ?1")?
        .execute(params![t.id, status])?;
    let service_s = t.called_at.map(|c| (now - c).num_seconds().max(0));
    event(tx, t, kind, &t.service, t.counter, actor, day, None, service_s, None, now)
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(",")
}

/// The `detail` of a `called` event that lengthens the run of priority calls made while normal
/// tickets waited (`domain::queue::extends_priority_run`).
const AHEAD_OF_NORMAL: &str = "ahead-of-normal";

/// The priority calls made in a row, most recent first, in these services today while normal
/// tickets waited (by any counter: the normal line must not starve however many counters call).
/// Counting stops at `rule.priority_run`, the most the rule looks at.
fn priority_run(conn: &Connection, day: &str, services: &[String], rule: &OrderingRule) -> Result<u32> {
    let sql = format!(
        "SELECT coalesce(detail, '') FROM queue_events WHERE business_day = ? AND kind = 'called' AND service IN ({})
         ORDER BY id DESC LIMIT {}",
        placeholders(services.len()),
        rule.priority_run
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let args = std::iter::once(day.to_string()).chain(services.iter().cloned());
    let details: Vec<String> = stmt.query_map(params_from_iter(args), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(details.iter().take_while(|d| d.as_str() == AHEAD_OF_NORMAL).count() as u32)
}

/// The waiting tickets of these services in the order they will be called
/// (`domain::queue::calling_order`, as of `now`). The call, the counter's waiting list and the
/// number ahead printed on a ticket all come from here.
fn waiting_in_order(conn: &Connection, day: &str, services: &[String], rule: &OrderingRule, now: DateTime<Utc>) -> Result<Vec<Ticket>> {
    let sql = format!(
        "SELECT {TICKET_COLUMNS} {TICKET_FROM} WHERE t.business_day = ? AND t.status = 'waiting' AND t.service IN ({})
         ORDER BY t.queued_at, t.id",
        placeholders(services.len())
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let args = std::iter::once(day.to_string()).chain(services.iter().cloned());
    let tickets: Vec<Ticket> = stmt.query_map(params_from_iter(args), ticket_from_row)?.collect::<rusqlite::Result<_>>()?;
    let lines: Vec<Waiting> = tickets.iter().map(|t| Waiting { priority: t.priority.is_some(), queued_at: t.queued_at }).collect();
    let order = calling_order(rule, &lines, priority_run(conn, day, services, rule)?, now);
    let mut slots: Vec<Option<Ticket>> = tickets.into_iter().map(Some).collect();
    Ok(order.into_iter().filter_map(|i| slots[i].take()).collect())
}

impl Store {
    /// Take a ticket for a service: the next number of the day for its letter.
    pub fn take_ticket(&mut self, actor: &Actor, service: &str, priority: Option<PriorityGroup>, rule: &OrderingRule, day: NaiveDate, now: DateTime<Utc>) -> Result<TakenTicket> {
        self.write(|tx| take_ticket_in(tx, actor, service, priority, rule, day, now))
    }

    /// Call the next ticket to a counter by the ordering rule, finishing the one it was serving.
    /// `Ok(None)` when nobody waits (the current ticket, if any, stays).
    pub fn call_next(&mut self, actor: &Actor, counter: &Counter, rule: &OrderingRule, day: NaiveDate, now: DateTime<Utc>) -> Result<Option<Called>> {
        let day = day.to_string();
        self.write(|tx| {
            let waiting = waiting_in_order(tx, &day, &counter.services, rule, now)?;
            let Some(next) = waiting.first() else { return Ok(None) };
            let (id, queued_at) = (next.id, next.queued_at);
            let normal_waits = waiting[1..].iter().any(|t| t.priority.is_none());
            let detail = extends_priority_run(next.priority.is_some(), normal_waits).then_some(AHEAD_OF_NORMAL);
            let finished = match current_at(tx, &day, counter.number)? {
                Some(cur) => {
                    end_current(tx, &cur, "finished", actor, &day, now)?;
                    Some(cur)
                }
                None => None,
            };
            tx.prepare_cached("UPDATE tickets SET status = 'called', counter = ?2, called_at = ?3 WHERE id = ?1 AND status = 'waiting'")?
                .execute(params![id, counter.number, ts(now)])?;
            let ticket = ticket_by_id(tx, id)?;
            let wait_s = (now - queued_at).num_seconds().max(0);
            event(tx, &ticket, "called", &ticket.service, Some(counter.number), actor, &day, Some(wait_s), None, detail, now)?;
            Ok(Some(Called { ticket, finished }))
        })
    }

    /// Call the counter's current ticket again, or bring back a skipped ticket of today.
    pub fn recall(&mut self, actor: &Actor, counter: u32, ticket_id: Option<i64>, day: NaiveDate, now: DateTime<Utc>) -> Result<Ticket> {
        let day = day.to_string();
        self.write(|tx| {
            let current = current_at(tx, &day, counter)?;
            let target = match (ticket_id, &current) {
                (None, Some(cur)) => cur.clone(),
                (None, None) => return Err(StoreError::NoCurrentTicket),
                (Some(id), Some(cur)) if cur.id == id => cur.clone(),
                (Some(_), Some(_)) => return Err(StoreError::CounterBusy),
                (Some(id), None) => {
                    let t = ticket_by_id(tx, id)?;
                    if t.status != TicketStatus::Skipped {
                        return Err(StoreError::NoSuchTicket);
                    }
                    tx.prepare_cached("UPDATE tickets SET status = 'called', counter = ?2, called_at = ?3 WHERE id = ?1")?
                        .execute(params![id, counter, ts(now)])?;
                    ticket_by_id(tx, id)?
                }
            };
            event(tx, &target, "recalled", &target.service, Some(counter), actor, &day, None, None, None, now)?;
            Ok(target)
        })
    }

    /// The person did not come: set the ticket aside; it can be recalled later today.
    pub fn skip_current(&mut self, actor: &Actor, counter: u32, day: NaiveDate, now: DateTime<Utc>) -> Result<Ticket> {
        self.end_current_ticket(actor, counter, "skipped", day, now)
    }

    /// Service at this counter is done.
    pub fn finish_current(&mut self, actor: &Actor, counter: u32, day: NaiveDate, now: DateTime<Utc>) -> Result<Ticket> {
        self.end_current_ticket(actor, counter, "finished", day, now)
    }

    fn end_current_ticket(&mut self, actor: &Actor, counter: u32, kind: &str, day: NaiveDate, now: DateTime<Utc>) -> Result<Ticket> {
        let day = day.to_string();
        self.write(|tx| {
            let cur = current_at(tx, &day, counter)?.ok_or(StoreError::NoCurrentTicket)?;
            end_current(tx, &cur, kind, actor, &day, now)?;
            Ok(cur)
        })
    }

    /// Send the counter's current ticket on to another service: it keeps its number and joins the
    /// end of that service's line.
    pub fn transfer_current(&mut self, actor: &Actor, counter: u32, to_service: &str, day: NaiveDate, now: DateTime<Utc>) -> Result<Ticket> {
        let day = day.to_string();
        self.write(|tx| {
            let cur = current_at(tx, &day, counter)?.ok_or(StoreError::NoCurrentTicket)?;
            tx.prepare_cached("UPDATE tickets SET status = 'waiting', service = ?2, queued_at = ?3, counter = NULL, called_at = NULL WHERE id = ?1")?
                .execute(params![cur.id, to_service, ts(now)])?;
            let service_s = cur.called_at.map(|c| (now - c).num_seconds().max(0));
            event(tx, &cur, "transferred", &cur.service, Some(counter), actor, &day, None, service_s, Some(to_service), now)?;
            ticket_by_id(tx, cur.id)
        })
    }

}

impl Store {
    /// A ticket as it stands now.
    pub fn ticket(&self, id: i64) -> Result<Ticket> {
        self.conn()
            .query_row(&format!("SELECT {TICKET_COLUMNS} {TICKET_FROM} WHERE t.id = ?1"), [id], ticket_from_row)
            .optional()?
            .ok_or(StoreError::NoSuchTicket)
    }
}

/// Send a ticket on to another service from wherever it is (the examination room sends the
/// patient's ticket to the pharmacy with the prescription): it keeps its number and joins the
/// end of that service's line. A finished ticket stays finished.
pub fn transfer_ticket_in(tx: &Transaction, actor: &Actor, ticket_id: i64, to_service: &str, day: NaiveDate, now: DateTime<Utc>) -> Result<Option<Ticket>> {
    let cur = ticket_by_id(tx, ticket_id)?;
    if cur.status == TicketStatus::Done {
        return Ok(None);
    }
    if cur.service == to_service && cur.status == TicketStatus::Waiting {
        return Ok(Some(cur));
    }
    tx.prepare_cached("UPDATE tickets SET status = 'waiting', service = ?2, queued_at = ?3, counter = NULL, called_at = NULL WHERE id = ?1")?
        .execute(params![cur.id, to_service, ts(now)])?;
    let service_s = cur.called_at.map(|c| (now - c).num_seconds().max(0));
    event(tx, &cur, "transferred", &cur.service, cur.counter, actor, &day.to_string(), None, service_s, Some(to_service), now)?;
    Ok(Some(ticket_by_id(tx, cur.id)?))
}

/// Take a ticket for a service: the next number of the day for its letter.
/// The number ahead is the ticket's place in its service's calling order.
pub fn take_ticket_in(
    tx: &Transaction,
    actor: &Actor,
    service: &str,
    priority: Option<PriorityGroup>,
    rule: &OrderingRule,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<TakenTicket> {
    let day = day.to_string();
    let number: i64 = tx.prepare_cached("SELECT coalesce(max(number), 0) + 1 FROM tickets WHERE business_day = ?1 AND prefix = ?2")?
        .query_row(params![day, service], |r| r.get(0))?;
    tx.prepare_cached(
        "INSERT INTO tickets(business_day, prefix, number, service, priority, status, taken_at, queued_at)
         VALUES (?1, ?2, ?3, ?2, ?4, 'waiting', ?5, ?5)",
    )?
    .execute(params![day, service, number, priority.map(|p| p.code()), ts(now)])?;
    let ticket = ticket_by_id(tx, tx.last_insert_rowid())?;
    event(tx, &ticket, "taken", service, None, actor, &day, None, None, priority.map(|p| p.code()), now)?;
    let order = waiting_in_order(tx, &day, &[service.to_string()], rule, now)?;
    let ahead = order.iter().position(|t| t.id == ticket.id).unwrap_or(order.len()) as i64;
    // The day's service times of this service, kept per day (migration 31).
    let avg: Option<f64> = tx
        .prepare_cached("SELECT CAST(amount AS REAL) / n FROM day_figures WHERE business_day = ?1 AND figure = 'q-svc:' || ?2 AND n > 0")?
        .query_row(params![day, service], |r| r.get(0))
        .optional()?;
    Ok(TakenTicket { ticket, ahead, avg_service_seconds: avg.map(|a| a.round() as i64), wait_minutes: 0 })
}

mod views;

#[cfg(test)]
mod tests;
