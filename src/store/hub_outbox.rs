//! The district hub's outbox: figures for the PostgreSQL hub, written in the same transaction as
//! the change they describe (migration 24). Triggers note which key changed (a day, a product, a
//! shift) in `hub_dirty`; [`flush_in`], called by `Store::write` just before each commit, turns
//! every noted key into one snapshot row of `hub_outbox`. `hub::sender` sends them oldest first.
//!
//! A figure is a snapshot, not a delta: the hub keeps the one with the highest `seq` per key, so
//! sending one twice, or late, never changes a total, and a newer snapshot replaces an unsent
//! older one of its key (seq numbers then have gaps, which the hub does not mind). Adding a kind of figure is one trigger in
//! a migration that notes its key and one payload function in [`payload_in`] (members, loans and
//! consultations come this way). Nothing here names a person: counts and totals, product and
//! batch facts, and member ids only as [`pseudonym_in`].

use super::audit::{append, Actor};
use super::{ts, Result, Store};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::{json, Map, Value};

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
        if let Some((day, payload)) = payload_in(tx, kind, key)? {
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

/// The snapshot for one key of one kind, with the day it belongs to; None when there is nothing
/// to say (an open shift, a product gone). One arm per kind.
pub fn payload_in(tx: &Transaction, kind: &str, key: &str) -> Result<Option<(String, Value)>> {
    match kind {
        "day" => day_payload(tx, key).map(|p| Some((key.to_string(), p))),
        "ckg" => ckg_payload(tx, key).map(|p| Some((key.to_string(), p))),
        "stock" => stock_payload(tx, key),
        "shift" => shift_payload(tx, key),
        _ => Ok(None),
    }
}

/// A day's sales (count and total), the items returned, totals by section and by payment method
/// (net of refunds: returns and voids included), and per queue service the tickets taken, served and skipped with
/// the waits. From `day_figures` (migration 12); the per-cashier figures stay on the site.
fn day_payload(tx: &Transaction, day: &str) -> Result<Value> {
    let mut st = tx.prepare_cached("SELECT figure, n, amount FROM day_figures WHERE business_day = ?1 ORDER BY figure")?;
    let mut rows = st.query([day])?;
    let (mut sections, mut methods, mut queue) = (Map::new(), Map::new(), Map::new());
    let (mut sales_n, mut sales_amount) = (0i64, 0i64);
    while let Some(r) = rows.next()? {
        let (figure, n, amount): (String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let (name, arg) = figure.split_once(':').unwrap_or((figure.as_str(), ""));
        let mut q = |service: &str, field: &str, v: Value| {
            let e = queue.entry(service.to_string()).or_insert_with(|| json!({}));
            e[field] = v;
        };
        match name {
            "sales" => (sales_n, sales_amount) = (n, amount),
            "section" => {
                sections.insert(arg.to_string(), json!({"n": n, "amount": amount}));
            }
            "method" => {
                methods.insert(arg.to_string(), json!({"n": n, "amount": amount}));
            }
            "q-taken" => q(arg, "taken", json!(n)),
            "q-served" => q(arg, "served", json!(n)),
            "q-skipped" => q(arg, "skipped", json!(n)),
            "q-wait" => {
                q(arg, "waits", json!(n));
                q(arg, "wait_s", json!(amount));
            }
            _ => {}
        }
    }
    // Items given back from the day's paid sales (a whole sale given back is a void, already
    // out of the total), as the supervisor's figures count them.
    let (returns_n, returns_amount): (i64, i64) = tx.query_row(
        "SELECT count(*), coalesce(sum(r.amount), 0) FROM sale_returns r JOIN sales s ON s.id = r.sale_id
         WHERE s.business_day = ?1 AND r.whole_sale = 0 AND s.status = 'paid'",
        [day],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // The services added up, which the hub stores as columns without reading each service.
    let total = |field: &str| queue.values().map(|q| q[field].as_i64().unwrap_or(0)).sum::<i64>();
    let totals = json!({"queue_taken": total("taken"), "queue_served": total("served"), "waits": total("waits"), "wait_s": total("wait_s")});
    Ok(json!({
        "sales": {"n": sales_n, "amount": sales_amount}, "returns": {"n": returns_n, "amount": returns_amount},
        "sections": sections, "methods": methods, "queue": queue, "totals": totals,
    }))
}

/// A day's CKG checks by age group and referral, and the results by age group, item and result
/// class: counts only, never a person.
fn ckg_payload(tx: &Transaction, day: &str) -> Result<Value> {
    let mut checks = Map::new();
    let mut st = tx.prepare_cached("SELECT age_group, sum(referral = 0), sum(referral = 1) FROM ckg_checks WHERE business_day = ?1 GROUP BY 1 ORDER BY 1")?;
    let mut rows = st.query([day])?;
    while let Some(r) = rows.next()? {
        let (group, plain, referred): (String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        checks.insert(group, json!({"checks": plain + referred, "referred": referred}));
    }
    let mut classes = Vec::new();
    let mut st = tx.prepare_cached(
        "SELECT c.age_group, r.code, coalesce(r.class, ''), count(*) FROM ckg_results r JOIN ckg_checks c ON c.id = r.check_id
         WHERE c.business_day = ?1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    )?;
    let mut rows = st.query([day])?;
    while let Some(r) = rows.next()? {
        let (group, code, class, n): (String, String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        classes.push(json!({"group": group, "item": code, "class": class, "n": n}));
    }
    let total = |field: &str| checks.values().map(|g| g[field].as_i64().unwrap_or(0)).sum::<i64>();
    let totals = json!({"checks": total("checks"), "referred": total("referred")});
    Ok(json!({"groups": checks, "results": classes, "totals": totals}))
}

/// A product's stock on hand and its batches with stock and an expiry date.
fn stock_payload(tx: &Transaction, key: &str) -> Result<Option<(String, Value)>> {
    let Ok(product_id) = key.parse::<i64>() else { return Ok(None) };
    let product: Option<(Option<String>, String, String, String)> = tx
        .query_row("SELECT barcode, name, section, unit FROM products WHERE id = ?1", [product_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((barcode, name, section, unit)) = product else { return Ok(None) };
    let on_hand: i64 = tx.query_row("SELECT coalesce(sum(qty_milli), 0) FROM stock_levels WHERE product_id = ?1", [product_id], |r| r.get(0))?;
    let mut st = tx.prepare_cached(
        "SELECT b.batch_no, b.expiry, l.qty_milli FROM stock_levels l JOIN batches b ON b.id = l.batch_key
         WHERE l.product_id = ?1 AND l.qty_milli > 0 AND b.expiry IS NOT NULL ORDER BY b.expiry, b.batch_no",
    )?;
    let batches: Vec<Value> = st
        .query_map([product_id], |r| Ok(json!({"batch": r.get::<_, String>(0)?, "expiry": r.get::<_, String>(1)?, "qty_milli": r.get::<_, i64>(2)?})))?
        .collect::<rusqlite::Result<_>>()?;
    let today: String = tx.query_row("SELECT date('now')", [], |r| r.get(0))?;
    let payload = json!({
        "product": barcode.unwrap_or_else(|| format!("id:{product_id}")),
        "name": name, "section": section, "unit": unit, "on_hand_milli": on_hand, "batches": batches,
    });
    Ok(Some((today, payload)))
}

/// A closed shift: its day, Z number, the cash expected and counted, and the difference.
fn shift_payload(tx: &Transaction, key: &str) -> Result<Option<(String, Value)>> {
    let Ok(shift_id) = key.parse::<i64>() else { return Ok(None) };
    type ShiftRow = (String, Option<String>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, i64);
    let row: Option<ShiftRow> = tx
        .query_row(
            "SELECT business_day, closed_at, z_number, expected_cash, counted_cash, counted_noncash, opening_float FROM shifts WHERE id = ?1",
            [shift_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?;
    let Some((day, Some(_closed), z, expected, counted, noncash, float)) = row else { return Ok(None) };
    let difference = match (expected, counted) {
        (Some(e), Some(c)) => Some(c - e),
        _ => None,
    };
    let payload = json!({
        "shift": shift_id, "z": z, "opening_float": float, "expected_cash": expected,
        "counted_cash": counted, "counted_noncash": noncash, "difference": difference,
    });
    Ok(Some((day, payload)))
}

/// A member's id as the hub sees it: a keyed digest with this site's pseudonym key, the same for
/// the same member on this site and unlinkable across sites. For the members and loans figures.
pub fn pseudonym_in(tx: &Transaction, member_id: i64) -> Result<Option<String>> {
    let key: Option<String> = tx.query_row("SELECT pseudonym_key FROM hub_link", [], |r| r.get(0)).optional()?;
    Ok(key.map(|k| {
        use blake2::digest::{FixedOutput, KeyInit, Update};
        let mut m = <blake2::Blake2sMac256 as KeyInit>::new_from_slice(k.as_bytes()).expect("any key length up to 32");
        m.update(&member_id.to_le_bytes());
        m.finalize_fixed().iter().take(12).map(|b| format!("{b:02x}")).collect()
    }))
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

    fn link() -> NewHubLink {
        NewHubLink {
            site_id: "KAL01".into(),
            url: "postgresql://127.0.0.1:5432/hub".into(),
            user_name: "loket_site_kal01".into(),
            password_file: "/nonexistent".into(),
            ca_file: None,
            install_id: "i1".into(),
        }
    }

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
        let last: Value = serde_json::from_str(&after.last().unwrap().payload).unwrap();
        assert_eq!(last["sales"]["amount"], 5000);
        assert_eq!(last["methods"]["cash"]["amount"], 5700);
        assert_eq!(last["queue"]["A"]["taken"], 3);
    }

    #[test]
    fn a_pseudonym_is_stable_on_a_site_and_differs_across_sites() {
        let (_d, mut s) = crate::store::testutil::temp_store();
        s.join_hub(&Actor::system("test"), &link(), "key-one", Utc::now()).unwrap();
        let a = s.write(|tx| pseudonym_in(tx, 7)).unwrap().unwrap();
        assert_eq!(a, s.write(|tx| pseudonym_in(tx, 7)).unwrap().unwrap());
        let (_d2, mut t) = crate::store::testutil::temp_store();
        t.join_hub(&Actor::system("test"), &link(), "key-two", Utc::now()).unwrap();
        assert_ne!(a, t.write(|tx| pseudonym_in(tx, 7)).unwrap().unwrap());
        assert_ne!(a, s.write(|tx| pseudonym_in(tx, 8)).unwrap().unwrap());
    }
}
