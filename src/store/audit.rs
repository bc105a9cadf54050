//! The audit log: every change records who, when and what, in the same transaction as the change.
//!
//! Entries are hash-chained (BLAKE2s over the previous hash and the entry's fields), the table
//! refuses UPDATE and DELETE by trigger, and the newest entry's id and hash are kept in `meta`,
//! so `loket audit verify` detects an entry altered, removed from the middle or cut from the end.

use super::{parse_ts, set_meta, ts, Result, Store};
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
        .query_row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, prev) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let at = ts(now);
    let hash = entry_hash(&prev, id, &at, actor.id, &actor.name, action, tbl, row_id, summary);
    tx.execute(
        "INSERT INTO audit(id, at, actor_id, actor, action, tbl, row_id, summary, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![id, at, actor.id, actor.name, action, tbl, row_id, summary, prev, hash],
    )?;
    set_meta(tx, "audit_head", &format!("{id}:{hash}"))?;
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditReport {
    pub entries: i64,
    pub problem: Option<AuditBreak>,
}

impl Store {
    /// Walk the whole chain and report the first break, if any.
    pub fn verify_audit(&self) -> Result<AuditReport> {
        let mut stmt = self
            .conn()
            .prepare("SELECT id, at, actor_id, actor, action, tbl, row_id, summary, prev_hash, hash FROM audit ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut prev_hash = GENESIS.to_string();
        let mut prev_id = 0i64;
        let mut entries = 0;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let stored_prev: String = r.get(8)?;
            let hash: String = r.get(9)?;
            entries += 1;
            if id != prev_id + 1 || stored_prev != prev_hash {
                return Ok(AuditReport { entries, problem: Some(AuditBreak::Gap(id)) });
            }
            let computed = entry_hash(
                &stored_prev,
                id,
                &r.get::<_, String>(1)?,
                r.get(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
                &r.get::<_, String>(5)?,
                r.get(6)?,
                &r.get::<_, String>(7)?,
            );
            if computed != hash {
                return Ok(AuditReport { entries, problem: Some(AuditBreak::Altered(id)) });
            }
            prev_hash = hash;
            prev_id = id;
        }
        if let Some(head) = self.meta("audit_head")? {
            let (id, hash) = head.split_once(':').unwrap_or(("0", ""));
            let expected_last: i64 = id.parse().unwrap_or(0);
            if expected_last != prev_id || hash != prev_hash {
                return Ok(AuditReport { entries, problem: Some(AuditBreak::Truncated { expected_last, found_last: prev_id }) });
            }
        } else if prev_id != 0 {
            return Ok(AuditReport { entries, problem: Some(AuditBreak::Truncated { expected_last: 0, found_last: prev_id }) });
        }
        Ok(AuditReport { entries, problem: None })
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
        assert_eq!(store.verify_audit().unwrap(), AuditReport { entries: 5, problem: None });
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
