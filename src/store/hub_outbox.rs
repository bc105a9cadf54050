//! The district hub's outbox: figures for the PostgreSQL hub, written in the same transaction as
//! the change they describe (migration 28). Triggers note which key changed (a day, a product, a
//! shift) in `hub_dirty`; [`flush_in`], called by `Store::write` just before each commit, turns
//! every noted key into one snapshot row of `hub_outbox`. `hub::sender` sends them oldest first.
//!
//! A figure is a snapshot, not a delta: the hub keeps the one with the highest `seq` per key, so
//! sending one twice, or late, never changes a total, and a newer snapshot replaces an unsent
//! older one of its key (seq numbers then have gaps, which the hub does not mind). What each
//! figure holds is `store::hub_figures`.

use super::audit::{append, Actor};
use super::{ts, Result, Store};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

/// How long a sent figure stays in the outbox (for `loket hub status` and a look by hand); the
/// hub has it, and a mini PC's disk is small.
pub const KEEP_SENT_DAYS: i64 = 30;

/// How far back `loket hub join` fills the outbox with what happened before the site joined.
pub const BACKFILL_DAYS: i64 = 62;

/// The hub this site is bound to, and the sender's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubLink {
    pub site_id: String,
    /// The hub's address without a password (`postgresql://host:port/db?sslmode=...`).
    pub url: String,
    pub user_name: String,
    pub password_file: String,
    pub ca_file: Option<String>,
    /// Random, made at join: tells the hub this file from another claiming the same site id.
    pub install_id: String,
    pub joined_at: DateTime<Utc>,
    pub attempts: i64,
    pub next_try_at: Option<DateTime<Utc>>,
    pub last_try_at: Option<DateTime<Utc>>,
    pub last_ok_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub clock_skew_s: Option<i64>,
}

/// What `loket hub join` records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewHubLink {
    pub site_id: String,
    pub url: String,
    pub user_name: String,
    pub password_file: String,
    pub ca_file: Option<String>,
    pub install_id: String,
}

/// One figure to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubEntry {
    pub seq: i64,
    pub kind: String,
    pub key: String,
    pub day: String,
    pub payload: String,
    pub created_at: String,
}

/// The outbox at a glance.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HubCounts {
    pub pending: i64,
    pub sent: i64,
    pub oldest_pending: Option<DateTime<Utc>>,
}

/// The hub link with its outbox counts, for the sync screen and `loket hub status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubSummary {
    pub link: HubLink,
    pub counts: HubCounts,
}

/// Turn every key noted by the triggers in this transaction into an outbox row.
pub fn flush_in(tx: &Transaction) -> Result<usize> {
    let dirty: Vec<(String, String)> = {
        let mut st = tx.prepare_cached("SELECT kind, key FROM hub_dirty")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    if dirty.is_empty() {
        return Ok(0);
    }
    let now = ts(Utc::now());
    let mut n = 0;
    for (kind, key) in &dirty {
        if let Some((day, payload)) = super::hub_figures::payload_in(tx, kind, key)? {
            // A newer snapshot makes an unsent older one of the same key pointless: the outbox
            // holds at most one unsent figure per key, however long the hub is away.
            tx.execute("DELETE FROM hub_outbox WHERE kind = ?1 AND key = ?2 AND sent_at IS NULL", params![kind, key])?;
            tx.execute(
                "INSERT INTO hub_outbox(kind, key, day, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![kind, key, day, payload.to_string(), now],
            )?;
            n += 1;
        }
    }
    tx.execute("DELETE FROM hub_dirty", [])?;
    Ok(n)
}

fn link_from_row(r: &rusqlite::Row) -> rusqlite::Result<HubLink> {
    let t = |i: usize| -> rusqlite::Result<Option<DateTime<Utc>>> { Ok(r.get::<_, Option<String>>(i)?.and_then(|s| super::parse_ts(&s))) };
    Ok(HubLink {
        site_id: r.get(0)?,
        url: r.get(1)?,
        user_name: r.get(2)?,
        password_file: r.get(3)?,
        ca_file: r.get(4)?,
        install_id: r.get(5)?,
        joined_at: t(6)?.unwrap_or_default(),
        attempts: r.get(7)?,
        next_try_at: t(8)?,
        last_try_at: t(9)?,
        last_ok_at: t(10)?,
        last_error: r.get(11)?,
        clock_skew_s: r.get(12)?,
    })
}

impl Store {
    /// The hub this site is bound to, if any.
    pub fn hub_link(&self) -> Result<Option<HubLink>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT site_id, url, user_name, password_file, ca_file, install_id, joined_at, attempts, next_try_at, last_try_at, last_ok_at, last_error, clock_skew_s FROM hub_link",
                [],
                link_from_row,
            )
            .optional()?)
    }

    /// Bind this site to a hub (after the hub accepted it), and fill the outbox with what the
    /// site already knows: the last [`BACKFILL_DAYS`] days, every product's stock, closed shifts.
    /// Joining again (a new address or password file) keeps the install id and the outbox.
    pub fn join_hub(&mut self, actor: &Actor, link: &NewHubLink, pseudonym_key: &str, now: DateTime<Utc>) -> Result<usize> {
        self.write(|tx| {
            let existed = tx.query_row("SELECT count(*) FROM hub_link", [], |r| r.get::<_, i64>(0))? > 0;
            tx.execute(
                "INSERT INTO hub_link(id, site_id, url, user_name, password_file, ca_file, install_id, pseudonym_key, joined_at)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(id) DO UPDATE SET site_id = excluded.site_id, url = excluded.url, user_name = excluded.user_name,
                   password_file = excluded.password_file, ca_file = excluded.ca_file, attempts = 0, next_try_at = NULL, last_error = NULL",
                params![link.site_id, link.url, link.user_name, link.password_file, link.ca_file, link.install_id, pseudonym_key, ts(now)],
            )?;
            if !existed {
                let from = (now.date_naive() - chrono::Duration::days(BACKFILL_DAYS)).to_string();
                tx.execute("INSERT OR IGNORE INTO hub_dirty SELECT DISTINCT 'day', business_day FROM day_figures WHERE business_day >= ?1", [&from])?;
                tx.execute("INSERT OR IGNORE INTO hub_dirty SELECT DISTINCT 'ckg', business_day FROM ckg_checks WHERE business_day >= ?1", [&from])?;
                tx.execute("INSERT OR IGNORE INTO hub_dirty SELECT DISTINCT 'stock', product_id FROM stock_levels", [])?;
                tx.execute("INSERT OR IGNORE INTO hub_dirty SELECT 'shift', id FROM shifts WHERE closed_at IS NOT NULL AND business_day >= ?1", [&from])?;
                for table in ["consultations", "referrals"] {
                    tx.execute(&format!("INSERT OR IGNORE INTO hub_dirty SELECT DISTINCT 'clinic', business_day FROM {table} WHERE business_day >= ?1"), [&from])?;
                }
                for (table, col) in [("savings_entries", "business_day"), ("loan_payments", "business_day"), ("loans", "disbursed_on")] {
                    tx.execute(&format!("INSERT OR IGNORE INTO hub_dirty SELECT DISTINCT 'money', {col} FROM {table} WHERE {col} >= ?1"), [&from])?;
                }
            }
            append(tx, actor, "hub-join", "hub_link", Some(1), &format!("site {} at {}", link.site_id, link.url), now)?;
            flush_in(tx)
        })
    }

    /// The install id this file uses towards a hub (made at the first join).
    pub fn hub_install_id(&self) -> Result<Option<String>> {
        Ok(self.conn().query_row("SELECT install_id FROM hub_link", [], |r| r.get(0)).optional()?)
    }

    /// Up to `limit` unsent figures, oldest first.
    pub fn hub_pending(&self, limit: usize) -> Result<Vec<HubEntry>> {
        let mut st = self.conn().prepare_cached(
            "SELECT seq, kind, key, day, payload, created_at FROM hub_outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?1",
        )?;
        let rows = st.query_map([limit as i64], |r| {
            Ok(HubEntry { seq: r.get(0)?, kind: r.get(1)?, key: r.get(2)?, day: r.get(3)?, payload: r.get(4)?, created_at: r.get(5)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The hub has these figures (committed there): mark them sent, and the link as working.
    pub fn hub_sent(&mut self, seqs: &[i64], skew_s: i64, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let mut st = tx.prepare_cached("UPDATE hub_outbox SET sent_at = ?2 WHERE seq = ?1 AND sent_at IS NULL")?;
            for s in seqs {
                st.execute(params![s, ts(now)])?;
            }
            tx.execute(
                "UPDATE hub_link SET attempts = 0, next_try_at = NULL, last_try_at = ?1, last_ok_at = ?1, last_error = NULL, clock_skew_s = ?2",
                params![ts(now), skew_s],
            )?;
            let cutoff = ts(now - chrono::Duration::days(KEEP_SENT_DAYS));
            tx.execute("DELETE FROM hub_outbox WHERE sent_at IS NOT NULL AND sent_at < ?1", [cutoff])?;
            Ok(())
        })
    }

    /// A round that could not send: why, and when to try again.
    pub fn hub_failed(&mut self, problem: &str, next_try: DateTime<Utc>, skew_s: Option<i64>, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE hub_link SET attempts = attempts + 1, next_try_at = ?1, last_try_at = ?2, last_error = ?3, clock_skew_s = coalesce(?4, clock_skew_s)",
                params![ts(next_try), ts(now), problem, skew_s],
            )?;
            Ok(())
        })
    }

    /// The hub has figures of this site up to `hub_last`, more than this file ever numbered:
    /// the file was restored from an older backup. Its unsent figures move past `hub_last`, and
    /// so does the numbering, so that no new figure reuses a number the hub already has.
    pub fn hub_continue_after(&mut self, hub_last: i64) -> Result<bool> {
        self.write(|tx| {
            let local: i64 = tx
                .query_row("SELECT seq FROM sqlite_sequence WHERE name = 'hub_outbox'", [], |r| r.get(0))
                .optional()?
                .unwrap_or(0);
            if hub_last <= local {
                return Ok(false);
            }
            let shift = hub_last - local;
            // Through negative numbers: moving them up one by one would meet each other.
            tx.execute("UPDATE hub_outbox SET seq = -seq WHERE sent_at IS NULL", [])?;
            tx.execute("UPDATE hub_outbox SET seq = -seq + ?1 WHERE seq < 0", [shift])?;
            tx.execute("UPDATE sqlite_sequence SET seq = max(seq + ?1, (SELECT max(seq) FROM hub_outbox)) WHERE name = 'hub_outbox'", [shift])?;
            tx.execute("INSERT INTO sqlite_sequence(name, seq) SELECT 'hub_outbox', ?1 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'hub_outbox')", [hub_last])?;
            Ok(true)
        })
    }

    /// `loket hub sync` from a person: try now, whatever the pause.
    pub fn hub_due_now(&mut self) -> Result<()> {
        self.write(|tx| Ok(tx.execute("UPDATE hub_link SET next_try_at = NULL", []).map(|_| ())?))
    }

    /// The link and its counts; None when this site has joined no hub.
    pub fn hub_summary(&self) -> Result<Option<HubSummary>> {
        let Some(link) = self.hub_link()? else { return Ok(None) };
        Ok(Some(HubSummary { link, counts: self.hub_counts()? }))
    }

    pub fn hub_counts(&self) -> Result<HubCounts> {
        let (pending, sent, oldest): (i64, i64, Option<String>) = self.conn().query_row(
            "SELECT count(*) FILTER (WHERE sent_at IS NULL), count(*) FILTER (WHERE sent_at IS NOT NULL),
                    min(created_at) FILTER (WHERE sent_at IS NULL) FROM hub_outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(HubCounts { pending, sent, oldest_pending: oldest.and_then(|s| super::parse_ts(&s)) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::testutil::hub_link as link;

    #[test]
    fn nothing_is_noted_before_a_join_and_a_change_writes_its_figure_in_its_own_transaction() {
        let (_d, mut s) = crate::store::testutil::temp_store();
        let actor = Actor::system("test");
        // A day inside the backfill window.
        let day = (Utc::now().date_naive() - chrono::Duration::days(3)).to_string();
        s.write(|tx| Ok(tx.execute(&format!("INSERT INTO day_figures VALUES ('{day}', 'sales', 1, 5000)"), [])?)).unwrap();
        assert_eq!(s.hub_counts().unwrap().pending, 0);
        // The join picks up the day that is already there.
        s.join_hub(&actor, &link(), "k", Utc::now()).unwrap();
        let before = s.hub_pending(10).unwrap();
        assert!(before.iter().any(|e| e.kind == "day" && e.key == day));
        // A change and its figure commit together; a rolled-back change leaves no figure.
        let r: Result<()> = s.write(|tx| {
            tx.execute(&format!("UPDATE day_figures SET n = n + 1, amount = amount + 700 WHERE business_day = '{day}'"), [])?;
            Err(crate::store::StoreError::NoSuchTicket)
        });
        assert!(r.is_err());
        assert_eq!(s.hub_pending(10).unwrap().len(), before.len());
        s.write(|tx| Ok(tx.execute(&format!("INSERT INTO day_figures VALUES ('{day}', 'method:cash', 2, 5700), ('{day}', 'q-taken:A', 3, 0)"), [])?)).unwrap();
        // The day's newer figure replaces its unsent older one.
        let after = s.hub_pending(10).unwrap();
        assert_eq!(after.len(), before.len());
        let last: serde_json::Value = serde_json::from_str(&after.last().unwrap().payload).unwrap();
        assert_eq!(last["sales"]["amount"], 5000);
        assert_eq!(last["methods"]["cash"]["amount"], 5700);
        assert_eq!(last["queue"]["A"]["taken"], 3);
    }
}
