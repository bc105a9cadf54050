//! The audit log: every change records who, when and what, in the same transaction as the change.
//!
//! Entries are chained: each one's hash covers the previous hash, its own fields and the digest
//! of the rows it records (`audit_rows`), keyed with the site secret (BLAKE2s-MAC), so an edited
//! entry cannot be given a matching hash by someone who has the database but not the secret.
//! The table refuses UPDATE and DELETE by trigger; the newest entry's id and hash are kept in
//! `meta.audit_head` with a keyed tag, so `loket audit verify` detects an entry altered, removed
//! from the middle or cut from the end, and every record changed, added or removed behind
//! Loket's back. Entries written before the database was keyed (`meta.audit_keyed_from`) keep
//! their plain BLAKE2s hashes. A printed head (`SEQ:DIGEST`, on the Z report and the daily
//! figures) checks the log against an older copy: `audit verify --anchor SEQ:DIGEST`.

pub use super::audit_rows::RowProblem;
use super::secret::Secret;
use super::{parse_ts, set_meta, ts, Result, Store};
use std::cell::RefCell;
use blake2::{Blake2s256, Digest};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

/// Who did something: a logged-in user, or a named command-line or system actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: Option<i64>,
    pub name: String,
}

impl Actor {
    pub fn user(id: i64, name: &str) -> Actor {
        Actor { id: Some(id), name: name.to_string() }
    }

    /// A command run from the shell, named after the OS account that ran it.
    pub fn system(what: &str) -> Actor {
        let who = std::env::var("USER").or_else(|_| std::env::var("LOGNAME")).unwrap_or_else(|_| "?".into());
        Actor { id: None, name: format!("{what}:{who}") }
    }
}

thread_local! {
    /// The site secret of the store whose `write` is running on this thread: `append` keys its
    /// entries with it (the `*_in(tx, ...)` functions get only the transaction).
    static WRITER_SECRET: RefCell<Option<Secret>> = const { RefCell::new(None) };
}

/// Keeps the writer's secret for `append` while a `Store::write` runs; cleared when dropped.
pub(super) struct WriterSecret;

impl WriterSecret {
    pub(super) fn set(secret: Option<Secret>) -> WriterSecret {
        WRITER_SECRET.with(|s| *s.borrow_mut() = secret);
        WriterSecret
    }
}

impl Drop for WriterSecret {
    fn drop(&mut self) {
        WRITER_SECRET.with(|s| *s.borrow_mut() = None);
    }
}

/// How many hex digits of an entry's hash are printed as its short digest.
pub const SHORT_DIGEST: usize = 16;

#[allow(clippy::too_many_arguments)]
fn keyed_entry_hash(secret: &Secret, prev: &str, id: i64, at: &str, actor_id: Option<i64>, actor: &str, action: &str, tbl: &str, row_id: Option<i64>, summary: &str, row_digest: Option<&str>) -> String {
    let id = id.to_string();
    let actor_id = actor_id.map(|v| v.to_string()).unwrap_or_default();
    let row_id = row_id.map(|v| v.to_string()).unwrap_or_default();
    let parts: [&[u8]; 10] = [
        prev.as_bytes(),
        id.as_bytes(),
        at.as_bytes(),
        actor_id.as_bytes(),
        actor.as_bytes(),
        action.as_bytes(),
        tbl.as_bytes(),
        row_id.as_bytes(),
        summary.as_bytes(),
        row_digest.unwrap_or("").as_bytes(),
    ];
    secret.mac("audit-entry", &parts)
}

fn head_tag(secret: &Secret, id: i64, hash: &str) -> String {
    secret.mac("audit-head", &[id.to_string().as_bytes(), hash.as_bytes()])
}

pub(super) fn keyed_from_value(secret: &Secret, id: i64) -> String {
    format!("{id}:{}", secret.mac("audit-keyed-from", &[id.to_string().as_bytes()]))
}

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[allow(clippy::too_many_arguments)]
fn entry_hash(prev: &str, id: i64, at: &str, actor_id: Option<i64>, actor: &str, action: &str, tbl: &str, row_id: Option<i64>, summary: &str) -> String {
    let mut h = Blake2s256::new();
    let fields = [
        prev.to_string(),
        id.to_string(),
        at.to_string(),
        actor_id.map(|v| v.to_string()).unwrap_or_default(),
        actor.to_string(),
        action.to_string(),
        tbl.to_string(),
        row_id.map(|v| v.to_string()).unwrap_or_default(),
        summary.to_string(),
    ];
    for f in &fields {
        h.update((f.len() as u64).to_le_bytes());
        h.update(f.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Append an entry inside the caller's transaction.
pub(crate) fn append(tx: &Transaction, actor: &Actor, action: &str, tbl: &str, row_id: Option<i64>, summary: &str, now: DateTime<Utc>) -> Result<()> {
    let last: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, prev) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let at = ts(now);
    let secret = WRITER_SECRET.with(|s| s.borrow().clone());
    let (hash, row_digest, head) = match &secret {
        Some(secret) => {
            let row_digest = match row_id {
                Some(r) => super::audit_rows::digest(tx, secret, tbl, r)?,
                None => None,
            };
            let hash = keyed_entry_hash(secret, &prev, id, &at, actor.id, &actor.name, action, tbl, row_id, summary, row_digest.as_deref());
            let head = format!("{id}:{hash}:{}", head_tag(secret, id, &hash));
            (hash, row_digest, head)
        }
        None => {
            let hash = entry_hash(&prev, id, &at, actor.id, &actor.name, action, tbl, row_id, summary);
            let head = format!("{id}:{hash}");
            (hash, None, head)
        }
    };
    tx.prepare_cached(
        "INSERT INTO audit(id, at, actor_id, actor, action, tbl, row_id, summary, prev_hash, hash, row_digest)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![id, at, actor.id, actor.name, action, tbl, row_id, summary, prev, hash, row_digest])?;
    set_meta(tx, "audit_head", &head)?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub tbl: String,
    pub row_id: Option<i64>,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditBreak {
    /// The entry's content does not match its hash: it was altered.
    Altered(i64),
    /// The entry does not follow the one before it: entries before it were removed or reordered.
    Gap(i64),
    /// The newest entry is not the one recorded as the head: entries were cut from the end.
    Truncated { expected_last: i64, found_last: i64 },
    /// The recorded head carries no valid keyed tag: it was moved by hand.
    HeadForged,
    /// Where the keyed part of the log starts is missing or forged.
    KeyedFromForged,
    /// Keyed entries cannot be checked by this account: the site secret is not readable.
    NoSecret,
    /// The printed anchor (`SEQ:DIGEST`) does not match the log: the log was rewritten.
    AnchorMismatch { seq: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    pub entries: i64,
    pub problem: Option<AuditBreak>,
    /// Records that do not match their entries (checked only when the chain is whole).
    pub rows: Vec<RowProblem>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.problem.is_none() && self.rows.is_empty()
    }

    /// What is wrong, for a test's message: the chain's break, else the records that differ.
    pub fn problems(&self) -> Option<String> {
        match (&self.problem, self.rows.is_empty()) {
            (None, true) => None,
            (Some(b), _) => Some(format!("{b:?}")),
            (None, false) => Some(format!("{:?}", self.rows)),
        }
    }
}

/// The head inside an operation's transaction (the Z report prints it).
pub fn anchor_in(tx: &Transaction) -> Result<Option<(i64, String)>> {
    let head: Option<String> = tx.query_row("SELECT value FROM meta WHERE key = 'audit_head'", [], |r| r.get(0)).optional()?;
    Ok(head.and_then(|h| parse_head(&h)))
}

fn parse_head(h: &str) -> Option<(i64, String)> {
    let mut parts = h.split(':');
    let id = parts.next()?.parse().ok()?;
    let hash = parts.next()?;
    Some((id, hash.chars().take(SHORT_DIGEST).collect()))
}

impl Store {
    /// The head to print (Z report, daily figures): its sequence number and short digest.
    pub fn audit_anchor(&self) -> Result<Option<(i64, String)>> {
        Ok(self.meta("audit_head")?.and_then(|h| parse_head(&h)))
    }

    /// Walk the whole chain and report the first break, if any; then, when the chain is whole
    /// and the secret at hand, every record that no longer matches its entries.
    pub fn verify_audit(&self) -> Result<AuditReport> {
        self.verify_audit_against(None)
    }

    /// [`Store::verify_audit`], also checking that entry `seq` has the printed short digest.
    pub fn verify_audit_against(&self, anchor: Option<(i64, &str)>) -> Result<AuditReport> {
        let secret = self.secret();
        let keyed_from = match self.meta("audit_keyed_from")? {
            None => i64::MAX,
            Some(v) => {
                let id: i64 = v.split(':').next().and_then(|n| n.parse().ok()).unwrap_or(i64::MAX);
                match secret {
                    Some(s) if keyed_from_value(s, id) != v => return Ok(AuditReport { entries: 0, problem: Some(AuditBreak::KeyedFromForged), rows: vec![] }),
                    _ => id,
                }
            }
        };
        if self.meta("secret_id")?.is_some() && keyed_from == i64::MAX {
            return Ok(AuditReport { entries: 0, problem: Some(AuditBreak::KeyedFromForged), rows: vec![] });
        }
        let mut stmt = self
            .conn()
            .prepare("SELECT id, at, actor_id, actor, action, tbl, row_id, summary, prev_hash, hash, row_digest FROM audit ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut prev_hash = GENESIS.to_string();
        let mut prev_id = 0i64;
        let mut entries = 0;
        let report = |entries, problem| Ok(AuditReport { entries, problem: Some(problem), rows: vec![] });
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let stored_prev: String = r.get(8)?;
            let hash: String = r.get(9)?;
            entries += 1;
            if id != prev_id + 1 || stored_prev != prev_hash {
                return report(entries, AuditBreak::Gap(id));
            }
            let (at, actor_id, actor, action, tbl, row_id, summary): (String, Option<i64>, String, String, String, Option<i64>, String) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?);
            let row_digest: Option<String> = r.get(10)?;
            let computed = if id >= keyed_from {
                let Some(secret) = secret else { return report(entries, AuditBreak::NoSecret) };
                keyed_entry_hash(secret, &stored_prev, id, &at, actor_id, &actor, &action, &tbl, row_id, &summary, row_digest.as_deref())
            } else {
                entry_hash(&stored_prev, id, &at, actor_id, &actor, &action, &tbl, row_id, &summary)
            };
            if computed != hash {
                return report(entries, AuditBreak::Altered(id));
            }
            if let Some((seq, short)) = anchor {
                if seq == id && !hash.starts_with(&short.to_ascii_lowercase()) {
                    return report(entries, AuditBreak::AnchorMismatch { seq });
                }
            }
            prev_hash = hash;
            prev_id = id;
        }
        if let Some((seq, _)) = anchor {
            if seq > prev_id {
                return report(entries, AuditBreak::AnchorMismatch { seq });
            }
        }
        if let Some(head) = self.meta("audit_head")? {
            let mut parts = head.split(':');
            let expected_last: i64 = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let hash = parts.next().unwrap_or("");
            let tag = parts.next();
            if expected_last != prev_id || hash != prev_hash {
                return report(entries, AuditBreak::Truncated { expected_last, found_last: prev_id });
            }
            if prev_id >= keyed_from {
                let Some(secret) = secret else { return report(entries, AuditBreak::NoSecret) };
                if tag != Some(head_tag(secret, prev_id, hash).as_str()) {
                    return report(entries, AuditBreak::HeadForged);
                }
            }
        } else if prev_id != 0 {
            return report(entries, AuditBreak::Truncated { expected_last: 0, found_last: prev_id });
        }
        let rows = match secret {
            Some(s) if keyed_from != i64::MAX => super::audit_rows::check(self.conn(), s)?,
            _ => vec![],
        };
        Ok(AuditReport { entries, problem: None, rows })
    }

    /// The newest entries first.
    pub fn recent_audit(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, at, actor, action, tbl, row_id, summary FROM audit ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: parse_ts(&r.get::<_, String>(1)?).unwrap_or_default(),
                actor: r.get(2)?,
                action: r.get(3)?,
                tbl: r.get(4)?,
                row_id: r.get(5)?,
                summary: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::temp_store;

    fn fill(store: &mut Store, n: usize) {
        let actor = Actor::user(1, "siti");
        for i in 0..n {
            store.write(|tx| append(tx, &actor, "test", "things", Some(i as i64), &format!("entry {i}"), Utc::now())).unwrap();
        }
    }

    #[test]
    fn an_intact_chain_verifies() {
        let (_d, mut store) = temp_store();
        fill(&mut store, 5);
        assert_eq!(store.verify_audit().unwrap(), AuditReport { entries: 5, problem: None, rows: vec![] });
        assert_eq!(store.recent_audit(2).unwrap()[0].summary, "entry 4");
    }

    #[test]
    fn the_table_refuses_updates_and_deletes() {
        let (_d, mut store) = temp_store();
        fill(&mut store, 2);
        assert!(store.conn().execute("UPDATE audit SET summary = 'x' WHERE id = 1", []).is_err());
        assert!(store.conn().execute("DELETE FROM audit WHERE id = 1", []).is_err());
    }

    fn tamper(store: &Store, sql: &str) {
        store
            .conn()
            .execute_batch(&format!("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; {sql}"))
            .unwrap();
    }

    #[test]
    fn detects_an_altered_entry() {
        let (_d, mut store) = temp_store();
        fill(&mut store, 5);
        tamper(&store, "UPDATE audit SET summary = 'nothing happened' WHERE id = 3");
        assert_eq!(store.verify_audit().unwrap().problem, Some(AuditBreak::Altered(3)));
    }

    #[test]
    fn detects_a_deleted_entry() {
        let (_d, mut store) = temp_store();
        fill(&mut store, 5);
        tamper(&store, "DELETE FROM audit WHERE id = 2");
        assert_eq!(store.verify_audit().unwrap().problem, Some(AuditBreak::Gap(3)));
    }

    #[test]
    fn detects_entries_cut_from_the_end() {
        let (_d, mut store) = temp_store();
        fill(&mut store, 5);
        tamper(&store, "DELETE FROM audit WHERE id >= 4");
        assert_eq!(
            store.verify_audit().unwrap().problem,
            Some(AuditBreak::Truncated { expected_last: 5, found_last: 3 })
        );
    }
}
