//! What the queue looks like: a counter's view (the ticket in service, the line in calling
//! order, the skipped), the board's calls, today's figures per service, and seeding a history
//! for benchmarks.

use super::*;

impl Store {
    /// What a counter sees: its ticket in service, who waits in its services in calling order,
    /// who was skipped.
    pub fn queue_view(&self, counter: &Counter, rule: &OrderingRule, day: NaiveDate, now: DateTime<Utc>) -> Result<QueueView> {
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
        let mut waiting = waiting_in_order(conn, &day, &counter.services, rule, now)?;
        waiting.truncate(200);
        Ok(QueueView { current, waiting, skipped: list("skipped")? })
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
