//! Queue tickets and their events. Every operation is one `BEGIN IMMEDIATE` transaction, so two
//! counters calling at the same moment are served one after the other and never get the same
//! ticket. Numbers restart every business day (the day is passed in, in the site's zone).

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError};
use crate::config::Counter;
use crate::domain::queue::{choose, ticket_label, OrderingRule, Pick, PriorityGroup};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, params_from_iter, OptionalExtension, Row, Transaction};

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
    tx.query_row(&format!("SELECT {TICKET_COLUMNS} {TICKET_FROM} WHERE t.id = ?1"), [id], ticket_from_row)
        .optional()?
        .ok_or(StoreError::NoSuchTicket)
}

fn current_at(tx: &Transaction, day: &str, counter: u32) -> Result<Option<Ticket>> {
    Ok(tx
        .query_row(
            &format!("SELECT {TICKET_COLUMNS} {TICKET_FROM} WHERE t.business_day = ?1 AND t.status = 'called' AND t.counter = ?2"),
            params![day, counter],
            ticket_from_row,
        )
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
    tx.execute(
        "INSERT INTO queue_events(ticket_id, at, business_day, kind, service, counter, user_id, wait_s, service_s, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![t.id, ts(now), day, kind, service, counter, actor.id, wait_s, service_s, detail],
    )?;
    let summary = match detail {
        Some(d) => format!("{} {kind} {service} -> {d}", t.label()),
        None => format!("{} {kind} {service}", t.label()),
    };
    append(tx, actor, &format!("queue-{kind}"), "tickets", Some(t.id), &summary, now)
}

/// End the service of the counter's current ticket (finish or skip), recording its service time.
fn end_current(tx: &Transaction, t: &Ticket, kind: &str, actor: &Actor, day: &str, now: DateTime<Utc>) -> Result<()> {
    let status = if kind == "skipped" { "skipped" } else { "done" };
    tx.execute("UPDATE tickets SET status = ?2 WHERE id = ?1", params![t.id, status])?;
    let service_s = t.called_at.map(|c| (now - c).num_seconds().max(0));
    event(tx, t, kind, &t.service, t.counter, actor, day, None, service_s, None, now)
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(",")
}

impl Store {
    /// Take a ticket for a service: the next number of the day for its letter.
    /// Take a ticket for a service: the next number of the day for its letter.
    pub fn take_ticket(&mut self, actor: &Actor, service: &str, priority: Option<PriorityGroup>, day: NaiveDate, now: DateTime<Utc>) -> Result<TakenTicket> {
        self.write(|tx| take_ticket_in(tx, actor, service, priority, day, now))
    }

    /// Call the next ticket to a counter by the ordering rule, finishing the one it was serving.
    /// `Ok(None)` when nobody waits (the current ticket, if any, stays).
    pub fn call_next(&mut self, actor: &Actor, counter: &Counter, rule: &OrderingRule, day: NaiveDate, now: DateTime<Utc>) -> Result<Option<Called>> {
        let day = day.to_string();
        let services = &counter.services;
        let oldest_sql = |priority: bool| {
            format!(
                "SELECT id, queued_at FROM tickets WHERE business_day = ? AND status = 'waiting' AND service IN ({}) AND priority IS {} NULL
                 ORDER BY queued_at, id LIMIT 1",
                placeholders(services.len()),
                if priority { "NOT" } else { "" }
            )
        };
        let (normal_sql, priority_sql) = (oldest_sql(false), oldest_sql(true));
        self.write(|tx| {
            let args = || std::iter::once(day.clone()).chain(services.iter().cloned());
            let oldest = |sql: &str| -> Result<Option<(i64, DateTime<Utc>)>> {
                Ok(tx
                    .query_row(sql, params_from_iter(args()), |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                    .optional()?
                    .map(|(id, at)| (id, parse_ts(&at).unwrap_or(now))))
            };
            let normal = oldest(&normal_sql)?;
            let priority = oldest(&priority_sql)?;
            // Normal calls this counter made today since its last priority call.
            let mut stmt = tx.prepare_cached(
                "SELECT t.priority IS NOT NULL FROM queue_events e JOIN tickets t ON t.id = e.ticket_id
                 WHERE e.counter = ?1 AND e.business_day = ?2 AND e.kind = 'called' ORDER BY e.id DESC LIMIT ?3",
            )?;
            let recent: Vec<bool> = stmt
                .query_map(params![counter.number, day, rule.normal_per_priority + 1], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let since = recent.iter().take_while(|p| !**p).count() as u32;
            let pick = choose(rule, since, normal.map(|n| n.1), priority.map(|p| p.1), now);
            let Some(pick) = pick else { return Ok(None) };
            let (id, queued_at) = match pick {
                Pick::Normal => normal.expect("chosen line has a ticket"),
                Pick::Priority => priority.expect("chosen line has a ticket"),
            };
            let finished = match current_at(tx, &day, counter.number)? {
                Some(cur) => {
                    end_current(tx, &cur, "finished", actor, &day, now)?;
                    Some(cur)
                }
                None => None,
            };
            tx.execute(
                "UPDATE tickets SET status = 'called', counter = ?2, called_at = ?3 WHERE id = ?1 AND status = 'waiting'",
                params![id, counter.number, ts(now)],
            )?;
            let ticket = ticket_by_id(tx, id)?;
            let wait_s = (now - queued_at).num_seconds().max(0);
            event(tx, &ticket, "called", &ticket.service, Some(counter.number), actor, &day, Some(wait_s), None, None, now)?;
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
                    tx.execute(
                        "UPDATE tickets SET status = 'called', counter = ?2, called_at = ?3 WHERE id = ?1",
                        params![id, counter, ts(now)],
                    )?;
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
            tx.execute(
                "UPDATE tickets SET status = 'waiting', service = ?2, queued_at = ?3, counter = NULL, called_at = NULL WHERE id = ?1",
                params![cur.id, to_service, ts(now)],
            )?;
            let service_s = cur.called_at.map(|c| (now - c).num_seconds().max(0));
            event(tx, &cur, "transferred", &cur.service, Some(counter), actor, &day, None, service_s, Some(to_service), now)?;
            ticket_by_id(tx, cur.id)
        })
    }

    /// What a counter sees: its ticket in service, who waits in its services, who was skipped.
    pub fn queue_view(&self, counter: &Counter, day: NaiveDate) -> Result<QueueView> {
        let day = day.to_string();
        let conn = self.conn();
        let current = conn
            .query_row(
                &format!("SELECT {TICKET_COLUMNS} {TICKET_FROM} WHERE t.business_day = ?1 AND t.status = 'called' AND t.counter = ?2"),
                params![day, counter.number],
                ticket_from_row,
            )
            .optional()?;
        let list = |status: &str| -> Result<Vec<Ticket>> {
            let sql = format!(
                "SELECT {TICKET_COLUMNS} {TICKET_FROM} WHERE t.business_day = ? AND t.status = ? AND t.service IN ({})
                 ORDER BY t.queued_at, t.id LIMIT 200",
                placeholders(counter.services.len())
            );
            let args = [day.clone(), status.to_string()].into_iter().chain(counter.services.iter().cloned());
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params_from_iter(args), ticket_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        };
        Ok(QueueView { current, waiting: list("waiting")?, skipped: list("skipped")? })
    }

    /// The newest calls (first calls and recalls), newest first, for the board.
    pub fn recent_calls(&self, limit: usize) -> Result<Vec<CallEvent>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.id, t.prefix, t.number, e.counter, e.at FROM queue_events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.kind IN ('called', 'recalled') ORDER BY e.id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], call_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The ticket each counter is serving today, by counter number.
    pub fn serving_now(&self, day: NaiveDate) -> Result<Vec<(u32, String)>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT counter, prefix, number FROM tickets WHERE business_day = ?1 AND status = 'called' ORDER BY counter")?;
        let rows = stmt.query_map([day.to_string()], |r| Ok((r.get::<_, u32>(0)?, ticket_label(&r.get::<_, String>(1)?, r.get(2)?))))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Today's statistics for the given services, in that order.
    pub fn queue_stats(&self, services: &[String], day: NaiveDate) -> Result<Vec<ServiceStats>> {
        let day = day.to_string();
        let mut out: Vec<ServiceStats> = services.iter().map(|s| ServiceStats { service: s.clone(), ..Default::default() }).collect();
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT service, kind, wait_s, service_s FROM queue_events WHERE business_day = ?1")?;
        let mut rows = stmt.query([&day])?;
        while let Some(r) = rows.next()? {
            let service: String = r.get(0)?;
            let Some(s) = out.iter_mut().find(|s| s.service == service) else { continue };
            let kind: String = r.get(1)?;
            match kind.as_str() {
                "taken" => s.taken += 1,
                "skipped" => s.skipped += 1,
                "finished" | "transferred" => s.served += 1,
                _ => {}
            }
            if let Some(w) = r.get::<_, Option<i64>>(2)? {
                s.wait_seconds.push(w);
            }
            if kind != "skipped" {
                if let Some(v) = r.get::<_, Option<i64>>(3)? {
                    s.service_seconds.push(v);
                }
            }
        }
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT service, count(*) FROM tickets WHERE business_day = ?1 AND status = 'waiting' GROUP BY service")?;
        let mut rows = stmt.query([&day])?;
        while let Some(r) = rows.next()? {
            let service: String = r.get(0)?;
            if let Some(s) = out.iter_mut().find(|s| s.service == service) {
                s.waiting = r.get(1)?;
            }
        }
        Ok(out)
    }

    /// The newest queue event id: the board announces only what comes after it.
    pub fn last_queue_event(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT coalesce(max(id), 0) FROM queue_events", [], |r| r.get(0))?)
    }

    /// Calls after a given event id, oldest first (what the board must still announce).
    pub fn calls_after(&self, event_id: i64) -> Result<Vec<CallEvent>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT e.id, t.prefix, t.number, e.counter, e.at FROM queue_events e JOIN tickets t ON t.id = e.ticket_id
             WHERE e.id > ?1 AND e.kind IN ('called', 'recalled') ORDER BY e.id LIMIT 50",
        )?;
        let rows = stmt.query_map([event_id], call_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Take a ticket for a service: the next number of the day for its letter.
/// Take a ticket for a service: the next number of the day for its letter.
pub fn take_ticket_in(tx: &Transaction, actor: &Actor, service: &str, priority: Option<PriorityGroup>, day: NaiveDate, now: DateTime<Utc>) -> Result<TakenTicket> {
    let day = day.to_string();
    let number: i64 = tx.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM tickets WHERE business_day = ?1 AND prefix = ?2",
        params![day, service],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO tickets(business_day, prefix, number, service, priority, status, taken_at, queued_at)
         VALUES (?1, ?2, ?3, ?2, ?4, 'waiting', ?5, ?5)",
        params![day, service, number, priority.map(|p| p.code()), ts(now)],
    )?;
    let ticket = ticket_by_id(tx, tx.last_insert_rowid())?;
    event(tx, &ticket, "taken", service, None, actor, &day, None, None, priority.map(|p| p.code()), now)?;
    let ahead: i64 = tx.query_row(
        "SELECT count(*) FROM tickets WHERE business_day = ?1 AND status = 'waiting' AND service = ?2 AND id != ?3
         AND (priority IS NOT NULL OR ?4 IS NULL)",
        params![day, service, ticket.id, priority.map(|p| p.code())],
        |r| r.get(0),
    )?;
    let avg: Option<f64> = tx.query_row(
        "SELECT avg(service_s) FROM queue_events WHERE business_day = ?1 AND service = ?2 AND service_s IS NOT NULL",
        params![day, service],
        |r| r.get(0),
    )?;
    Ok(TakenTicket { ticket, ahead, avg_service_seconds: avg.map(|a| a.round() as i64), wait_minutes: 0 })
}

impl Store {
    /// Bulk history for benchmarks: `days` business days before `today`, `per_day` finished
    /// tickets each spread over the services, with their taken/called/finished events.
    pub fn seed_queue_history(&mut self, services: &[String], days: i64, per_day: i64, today: NaiveDate) -> Result<i64> {
        self.conn().pragma_update(None, "cache_size", -262_144)?;
        let result = self.write(|tx| {
            let mut ticket = tx.prepare_cached(
                "INSERT INTO tickets(business_day, prefix, number, service, status, taken_at, queued_at, called_at, counter)
                 VALUES (?1, ?2, ?3, ?2, 'done', ?4, ?4, ?5, ?6)",
            )?;
            let mut ev = tx.prepare_cached(
                "INSERT INTO queue_events(ticket_id, at, business_day, kind, service, counter, wait_s, service_s)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut n = 0;
            for d in (1..=days).rev() {
                let day = today - chrono::Duration::days(d);
                let day_s = day.to_string();
                let open = day.and_hms_opt(1, 0, 0).expect("valid time").and_utc();
                for i in 0..per_day {
                    let service = &services[(i as usize) % services.len()];
                    let number = i / services.len() as i64 + 1;
                    let taken = open + chrono::Duration::seconds(i * 50);
                    let called = taken + chrono::Duration::seconds(300 + (i % 7) * 60);
                    let done = called + chrono::Duration::seconds(180 + (i % 5) * 60);
                    let counter = 1 + (i % 3) as u32;
                    ticket.execute(params![day_s, service, number, ts(taken), ts(called), counter])?;
                    let id = tx.last_insert_rowid();
                    ev.execute(params![id, ts(taken), day_s, "taken", service, None::<u32>, None::<i64>, None::<i64>])?;
                    ev.execute(params![id, ts(called), day_s, "called", service, counter, (called - taken).num_seconds(), None::<i64>])?;
                    ev.execute(params![id, ts(done), day_s, "finished", service, counter, None::<i64>, (done - called).num_seconds()])?;
                    n += 1;
                }
            }
            Ok(n)
        });
        self.conn().pragma_update(None, "cache_size", -2000)?;
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::store::testutil::temp_store;
    use chrono::Duration;

    fn setup() -> (tempfile::TempDir, Store, Counter, Actor) {
        let (d, s) = temp_store();
        let counter = Config::default().queue.counter(1).unwrap().clone();
        (d, s, counter, Actor::system("test"))
    }

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T01:00:00Z").unwrap().with_timezone(&Utc)
    }

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn numbers_count_per_letter_and_restart_each_day() {
        let (_d, mut s, _, a) = setup();
        assert_eq!(s.take_ticket(&a, "A", None, day(), t0()).unwrap().ticket.label(), "A-001");
        assert_eq!(s.take_ticket(&a, "A", None, day(), t0()).unwrap().ticket.label(), "A-002");
        assert_eq!(s.take_ticket(&a, "B", None, day(), t0()).unwrap().ticket.label(), "B-001");
        let next_day = day().succ_opt().unwrap();
        let t = s.take_ticket(&a, "A", None, next_day, t0() + Duration::days(1)).unwrap();
        assert_eq!((t.ticket.label(), t.ahead), ("A-001".into(), 0));
    }

    #[test]
    fn call_skip_recall_transfer_finish() {
        let (_d, mut s, counter, a) = setup();
        for _ in 0..3 {
            s.take_ticket(&a, "A", None, day(), t0()).unwrap();
        }
        let c = s.call_next(&a, &counter, &OrderingRule::default(), day(), t0() + Duration::minutes(4)).unwrap().unwrap();
        assert_eq!((c.ticket.label(), c.finished), ("A-001".into(), None));
        let skipped = s.skip_current(&a, 1, day(), t0() + Duration::minutes(5)).unwrap();
        assert_eq!(skipped.label(), "A-001");
        let c = s.call_next(&a, &counter, &OrderingRule::default(), day(), t0() + Duration::minutes(6)).unwrap().unwrap();
        assert_eq!(c.ticket.label(), "A-002");
        // A skipped ticket comes back only when the counter is free.
        assert!(matches!(s.recall(&a, 1, Some(skipped.id), day(), t0()), Err(StoreError::CounterBusy)));
        let moved = s.transfer_current(&a, 1, "B", day(), t0() + Duration::minutes(9)).unwrap();
        assert_eq!((moved.label(), moved.service.as_str(), moved.status), ("A-002".into(), "B", TicketStatus::Waiting));
        let back = s.recall(&a, 1, Some(skipped.id), day(), t0() + Duration::minutes(10)).unwrap();
        assert_eq!((back.label(), back.status), ("A-001".into(), TicketStatus::Called));
        s.finish_current(&a, 1, day(), t0() + Duration::minutes(12)).unwrap();
        assert!(matches!(s.finish_current(&a, 1, day(), t0()), Err(StoreError::NoCurrentTicket)));
        // Counter 2 serves B and now sees A-002 there, with its number kept.
        let c2 = Config::default().queue.counter(2).unwrap().clone();
        let view = s.queue_view(&c2, day()).unwrap();
        assert_eq!(view.waiting.iter().map(|t| t.label()).collect::<Vec<_>>(), ["A-002"]);
        let stats = s.queue_stats(&["A".into(), "B".into()], day()).unwrap();
        assert_eq!((stats[0].taken, stats[0].served, stats[0].skipped, stats[0].waiting), (3, 2, 1, 1));
        assert_eq!(stats[1].waiting, 1);
        assert_eq!(stats[0].wait_seconds, vec![240, 360]);
        assert_eq!(s.verify_audit().unwrap().problems(), None);
    }

    #[test]
    fn calling_on_an_empty_queue_says_so_and_keeps_the_current_ticket() {
        let (_d, mut s, counter, a) = setup();
        assert_eq!(s.call_next(&a, &counter, &OrderingRule::default(), day(), t0()).unwrap(), None);
        s.take_ticket(&a, "A", None, day(), t0()).unwrap();
        s.call_next(&a, &counter, &OrderingRule::default(), day(), t0()).unwrap().unwrap();
        assert_eq!(s.call_next(&a, &counter, &OrderingRule::default(), day(), t0()).unwrap(), None);
        assert_eq!(s.queue_view(&counter, day()).unwrap().current.unwrap().label(), "A-001");
    }

    #[test]
    fn priority_tickets_go_after_three_normal_calls() {
        let (_d, mut s, counter, a) = setup();
        for i in 0..6 {
            s.take_ticket(&a, "A", None, day(), t0() + Duration::seconds(i)).unwrap();
        }
        s.take_ticket(&a, "A", Some(PriorityGroup::Elderly), day(), t0() + Duration::seconds(10)).unwrap();
        let taken = s.take_ticket(&a, "A", Some(PriorityGroup::Pregnant), day(), t0() + Duration::seconds(11)).unwrap();
        assert_eq!(taken.ahead, 1, "a priority ticket waits only behind priority tickets");
        let order: Vec<String> = (0..8)
            .map(|i| s.call_next(&a, &counter, &OrderingRule::default(), day(), t0() + Duration::minutes(1 + i)).unwrap().unwrap().ticket.label())
            .collect();
        assert_eq!(order, ["A-001", "A-002", "A-003", "A-007", "A-004", "A-005", "A-006", "A-008"]);
    }
}
