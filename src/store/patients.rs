//! Patients: registration with duplicate checks, search as you type (identifiers by prefix, names
//! through a normalised full-text index), edits that keep their history, merges of two records
//! of one person, and the patient card.

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError};
use crate::domain::names::normalize_name;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

pub use crate::domain::patient::PatientFields;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patient {
    pub id: i64,
    pub nik: Option<String>,
    pub bpjs: Option<String>,
    pub rm_number: String,
    pub name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub village: String,
    pub rt_rw: String,
    pub address: String,
    pub phone: Option<String>,
    pub kk: Option<String>,
    pub member_no: Option<String>,
    pub ihs_number: Option<String>,
    pub merged_into: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl Patient {
    pub fn fields(&self) -> PatientFields {
        PatientFields {
            nik: self.nik.clone(),
            bpjs: self.bpjs.clone(),
            rm_number: Some(self.rm_number.clone()),
            name: self.name.clone(),
            sex: self.sex.clone(),
            birth_date: Some(self.birth_date),
            village: self.village.clone(),
            rt_rw: self.rt_rw.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            kk: self.kk.clone(),
            member_no: self.member_no.clone(),
        }
    }
}

/// Which identifier is already taken, and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub field: &'static str,
    pub name: String,
    pub rm_number: String,
}

/// How a search result matched: identifiers exactly rank first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    ExactId,
    IdPrefix,
    Name,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub patient: Patient,
    pub matched: MatchKind,
}

/// One entry of a patient's edit history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub field: String,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// What the patient card lists besides the identifiers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardFacts {
    /// (business day, ticket label, service) newest first.
    pub visits: Vec<(String, String, String)>,
    /// (business day, referral) newest first.
    pub checks: Vec<(String, bool)>,
    /// (business day, sale number, total) newest first.
    pub purchases: Vec<(String, String, i64)>,
    pub history: Vec<HistoryEntry>,
}

pub use crate::domain::search::SearchQuery;

pub(super) const COLUMNS: &str = "id, nik, bpjs, rm_number, name, sex, birth_date, village, rt_rw, address, phone, kk, member_no, ihs_number, merged_into, created_at";

pub(super) fn patient_from_row(r: &Row) -> rusqlite::Result<Patient> {
    Ok(Patient {
        id: r.get(0)?,
        nik: r.get(1)?,
        bpjs: r.get(2)?,
        rm_number: r.get(3)?,
        name: r.get(4)?,
        sex: r.get(5)?,
        birth_date: r.get::<_, String>(6)?.parse().unwrap_or_default(),
        village: r.get(7)?,
        rt_rw: r.get(8)?,
        address: r.get(9)?,
        phone: r.get(10)?,
        kk: r.get(11)?,
        member_no: r.get(12)?,
        ihs_number: r.get(13)?,
        merged_into: r.get(14)?,
        created_at: parse_ts(&r.get::<_, String>(15)?).unwrap_or_default(),
    })
}

/// An FTS5 query matching every typed word as a prefix ("sit ami" -> "sit"* "ami"*).
/// What the name index holds for a person: the normalised name and the birth year as a token of
/// its own (`siti aminah y1985`), so a search narrowed by year is answered inside the index.
/// What the name index holds for a person: the name's words, the birth year as a token
/// ("y1985"), and each word joined to the year ("budi1985"), so that a name with a year is
/// found through the few people of that name born that year rather than all of that name
/// (migration 32).
pub(super) fn index_text(name_key: &str, birth_date: Option<&str>) -> String {
    match birth_date.and_then(|d| d.get(..4)) {
        Some(year) => {
            let joined: Vec<String> = name_key.split_whitespace().map(|w| format!("{w}{year}")).collect();
            format!("{name_key} y{year} {}", joined.join(" "))
        }
        None => name_key.to_string(),
    }
}

pub(super) fn index_row(tx: &Transaction, id: i64, name_key: &str, birth_date: Option<NaiveDate>) -> Result<()> {
    let birth = birth_date.map(|d| d.to_string());
    tx.prepare_cached("INSERT INTO patient_names(rowid, name_key) VALUES (?1, ?2)")?.execute(params![id, index_text(name_key, birth.as_deref())])?;
    Ok(())
}

fn next_rm(tx: &Transaction, prefix: &str, digits: usize) -> Result<String> {
    let upper = format!("{prefix}\u{10FFFF}");
    let last: Option<String> = tx
        .query_row(
            "SELECT rm_number FROM patients WHERE rm_number >= ?1 AND rm_number < ?2 ORDER BY rm_number DESC LIMIT 1",
            params![prefix, upper],
            |r| r.get(0),
        )
        .optional()?;
    let n = last.and_then(|l| l[prefix.len()..].parse::<u64>().ok()).unwrap_or(0) + 1;
    Ok(format!("{prefix}{n:0digits$}"))
}

fn taken(tx: &Transaction, fields: &PatientFields, except: Option<i64>) -> Result<Option<Taken>> {
    let checks = [("nik", &fields.nik), ("bpjs", &fields.bpjs), ("rm_number", &fields.rm_number), ("member_no", &fields.member_no)];
    for (field, value) in checks {
        let Some(v) = value else { continue };
        let hit: Option<(i64, String, String)> = tx
            .query_row(&format!("SELECT id, name, rm_number FROM patients WHERE {field} = ?1"), [v], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        if let Some((id, name, rm_number)) = hit.filter(|(id, _, _)| Some(*id) != except) {
            let _ = id;
            return Ok(Some(Taken { field, name, rm_number }));
        }
    }
    Ok(None)
}

fn history(tx: &Transaction, patient: i64, actor: &Actor, field: &str, old: Option<&str>, new: Option<&str>, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "INSERT INTO patient_history(patient_id, at, user_id, actor, field, old_value, new_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![patient, ts(now), actor.id, actor.name, field, old, new],
    )?;
    Ok(())
}

/// The stored columns of the editable fields, in the order the INSERT and UPDATE name them:
/// nik, bpjs, rm_number, name, sex, birth_date, village, rt_rw, address, phone, kk, member_no, name_key.
fn field_params(f: &PatientFields, key: &str) -> Vec<rusqlite::types::Value> {
    use rusqlite::types::Value;
    let opt = |v: &Option<String>| v.clone().map(Value::Text).unwrap_or(Value::Null);
    vec![
        opt(&f.nik),
        opt(&f.bpjs),
        opt(&f.rm_number),
        Value::Text(f.name.clone()),
        Value::Text(f.sex.clone()),
        opt(&f.birth_date.map(|d| d.to_string())),
        Value::Text(f.village.clone()),
        Value::Text(f.rt_rw.clone()),
        Value::Text(f.address.clone()),
        opt(&f.phone),
        opt(&f.kk),
        opt(&f.member_no),
        Value::Text(key.to_string()),
    ]
}

fn field_values(f: &PatientFields) -> [(&'static str, Option<String>); 12] {
    [
        ("nik", f.nik.clone()),
        ("bpjs", f.bpjs.clone()),
        ("rm_number", f.rm_number.clone()),
        ("name", Some(f.name.clone())),
        ("sex", Some(f.sex.clone())),
        ("birth_date", f.birth_date.map(|d| d.to_string())),
        ("village", Some(f.village.clone())),
        ("rt_rw", Some(f.rt_rw.clone())),
        ("address", Some(f.address.clone())),
        ("phone", f.phone.clone()),
        ("kk", f.kk.clone()),
        ("member_no", f.member_no.clone()),
    ]
}

impl Store {
    pub fn patient_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM patients", [], |r| r.get(0))?)
    }

    pub fn patient(&self, id: i64) -> Result<Option<Patient>> {
        Ok(self.conn().query_row(&format!("SELECT {COLUMNS} FROM patients WHERE id = ?1"), [id], patient_from_row).optional()?)
    }

    /// Register a patient. An identifier already taken is refused (`Err(Taken)` inside Ok).
    pub fn register_patient(&mut self, actor: &Actor, fields: &PatientFields, rm_prefix: &str, rm_digits: usize, now: DateTime<Utc>) -> Result<Result<Patient, Taken>> {
        self.write(|tx| {
            let mut f = fields.clone();
            if f.rm_number.is_none() {
                f.rm_number = Some(next_rm(tx, rm_prefix, rm_digits)?);
            }
            if let Some(t) = taken(tx, &f, None)? {
                return Ok(Err(t));
            }
            let key = normalize_name(&f.name);
            tx.execute(
                "INSERT INTO patients(nik, bpjs, rm_number, name, sex, birth_date, village, rt_rw, address, phone, kk, member_no, name_key, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                rusqlite::params_from_iter(field_params(&f, &key).into_iter().chain([
                    rusqlite::types::Value::Text(ts(now)),
                    actor.id.map(rusqlite::types::Value::Integer).unwrap_or(rusqlite::types::Value::Null),
                ])),
            )?;
            let id = tx.last_insert_rowid();
            index_row(tx, id, &key, f.birth_date)?;
            history(tx, id, actor, "registered", None, f.rm_number.as_deref(), now)?;
            append(tx, actor, "patient-register", "patients", Some(id), &format!("{} {}", f.rm_number.as_deref().unwrap_or(""), f.name), now)?;
            let p = tx.query_row(&format!("SELECT {COLUMNS} FROM patients WHERE id = ?1"), [id], patient_from_row)?;
            Ok(Ok(p))
        })
    }

    /// Change a patient's facts; every changed field is a history entry.
    pub fn update_patient(&mut self, actor: &Actor, id: i64, fields: &PatientFields, now: DateTime<Utc>) -> Result<Result<Patient, Taken>> {
        let old = self.patient(id)?.ok_or(StoreError::NoSuchPatient)?;
        self.write(|tx| {
            let mut f = fields.clone();
            f.rm_number = f.rm_number.or_else(|| Some(old.rm_number.clone()));
            if let Some(t) = taken(tx, &f, Some(id))? {
                return Ok(Err(t));
            }
            let before = field_values(&old.fields());
            let after = field_values(&f);
            let mut changed = Vec::new();
            for ((field, o), (_, n)) in before.iter().zip(after.iter()) {
                if o != n {
                    history(tx, id, actor, field, o.as_deref(), n.as_deref(), now)?;
                    changed.push(*field);
                }
            }
            if changed.is_empty() {
                return Ok(Ok(old.clone()));
            }
            let key = normalize_name(&f.name);
            tx.execute(
                "UPDATE patients SET nik = ?1, bpjs = ?2, rm_number = ?3, name = ?4, sex = ?5, birth_date = ?6, village = ?7, rt_rw = ?8,
                 address = ?9, phone = ?10, kk = ?11, member_no = ?12, name_key = ?13 WHERE id = ?14",
                rusqlite::params_from_iter(field_params(&f, &key).into_iter().chain([rusqlite::types::Value::Integer(id)])),
            )?;
            tx.execute("DELETE FROM patient_names WHERE rowid = ?1", [id])?;
            index_row(tx, id, &key, f.birth_date)?;
            append(tx, actor, "patient-edit", "patients", Some(id), &changed.join(","), now)?;
            Ok(Ok(tx.query_row(&format!("SELECT {COLUMNS} FROM patients WHERE id = ?1"), [id], patient_from_row)?))
        })
    }

    /// Whether an identifier of `fields` belongs to another patient.
    pub fn identifier_taken(&mut self, fields: &PatientFields, except: Option<i64>) -> Result<Option<Taken>> {
        let tx = self.conn_mut().transaction()?;
        let t = taken(&tx, fields, except)?;
        tx.finish()?;
        Ok(t)
    }

    /// Patients with the same birth date and the same normalised name (or first name): shown to
    /// the clerk before saving a new record.
    pub fn similar_patients(&self, name: &str, birth: NaiveDate, except: Option<i64>) -> Result<Vec<Patient>> {
        let key = normalize_name(name);
        let first = key.split(' ').next().unwrap_or("").to_string();
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM patients WHERE birth_date = ?1 AND merged_into IS NULL
             AND (name_key = ?2 OR name_key = ?3 OR name_key LIKE ?3 || ' %') LIMIT 10"
        ))?;
        let rows = stmt.query_map(params![birth.to_string(), key, first], patient_from_row)?;
        let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        out.retain(|p| Some(p.id) != except);
        Ok(out)
    }

    /// Merge two records of one person (a supervisor's decision): the removed record's visits and
    /// checks move to the kept one, identifiers the kept one lacks move with them, both histories
    /// stay, and the removed record points to the kept one.
    pub fn merge_patients(&mut self, actor: &Actor, keep: i64, remove: i64, now: DateTime<Utc>) -> Result<()> {
        if keep == remove {
            return Err(StoreError::NoSuchPatient);
        }
        let k = self.patient(keep)?.ok_or(StoreError::NoSuchPatient)?;
        let r = self.patient(remove)?.ok_or(StoreError::NoSuchPatient)?;
        if r.merged_into.is_some() || k.merged_into.is_some() {
            return Err(StoreError::NoSuchPatient);
        }
        self.write(|tx| {
            for (column, kv, rv) in [("nik", &k.nik, &r.nik), ("bpjs", &k.bpjs, &r.bpjs), ("phone", &k.phone, &r.phone), ("kk", &k.kk, &r.kk), ("member_no", &k.member_no, &r.member_no)] {
                if kv.is_none() && rv.is_some() {
                    if column != "phone" && column != "kk" {
                        tx.execute(&format!("UPDATE patients SET {column} = NULL WHERE id = ?1"), [remove])?;
                    }
                    tx.execute(&format!("UPDATE patients SET {column} = ?2 WHERE id = ?1"), params![keep, rv])?;
                    history(tx, keep, actor, column, None, rv.as_deref(), now)?;
                }
            }
            tx.execute("UPDATE tickets SET patient_id = ?1 WHERE patient_id = ?2", params![keep, remove])?;
            tx.execute("UPDATE ckg_checks SET patient_id = ?1 WHERE patient_id = ?2", params![keep, remove])?;
            tx.execute("UPDATE patients SET merged_into = ?1 WHERE id = ?2", params![keep, remove])?;
            tx.execute("DELETE FROM patient_names WHERE rowid = ?1", [remove])?;
            history(tx, keep, actor, "merged_from", None, Some(&r.rm_number), now)?;
            history(tx, remove, actor, "merged_into", None, Some(&k.rm_number), now)?;
            append(tx, actor, "patient-merge", "patients", Some(keep), &format!("{} <- {}", k.rm_number, r.rm_number), now)
        })
    }

    /// Link a queue ticket to a patient (the visit then shows on the patient card).
    pub fn link_ticket(&mut self, actor: &Actor, ticket_id: i64, patient_id: i64, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let n = tx.execute("UPDATE tickets SET patient_id = ?2 WHERE id = ?1", params![ticket_id, patient_id])?;
            if n == 0 {
                return Err(StoreError::NoSuchTicket);
            }
            append(tx, actor, "queue-linked", "tickets", Some(ticket_id), &format!("patient {patient_id}"), now)
        })
    }

    /// Visits, checks and edit history for the patient card.
    pub fn card_facts(&self, id: i64) -> Result<CardFacts> {
        let conn = self.conn();
        let mut stmt = conn.prepare_cached("SELECT business_day, prefix, number, service FROM tickets WHERE patient_id = ?1 ORDER BY id DESC LIMIT 20")?;
        let visits = stmt
            .query_map([id], |r| Ok((r.get(0)?, crate::domain::queue::ticket_label(&r.get::<_, String>(1)?, r.get(2)?), r.get(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn.prepare_cached("SELECT business_day, referral FROM ckg_checks WHERE patient_id = ?1 ORDER BY id DESC LIMIT 20")?;
        let checks = stmt.query_map([id], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn.prepare_cached("SELECT business_day, number, total FROM sales WHERE patient_id = ?1 AND status = 'paid' ORDER BY id DESC LIMIT 20")?;
        let purchases = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = conn.prepare_cached("SELECT at, actor, field, old_value, new_value FROM patient_history WHERE patient_id = ?1 ORDER BY id DESC LIMIT 50")?;
        let history = stmt
            .query_map([id], |r| {
                Ok(HistoryEntry {
                    at: parse_ts(&r.get::<_, String>(0)?).unwrap_or_default(),
                    actor: r.get(1)?,
                    field: r.get(2)?,
                    old_value: r.get(3)?,
                    new_value: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(CardFacts { visits, checks, purchases, history })
    }

    /// Insert `count` generated patients in one transaction with one audit entry (demo and
    /// benchmark seeding). `make(i)` must be deterministic: a busy retry calls it again.
    pub fn seed_patients(&mut self, actor: &Actor, count: u64, mut make: impl FnMut(u64) -> (PatientFields, DateTime<Utc>), now: DateTime<Utc>) -> Result<u64> {
        // A larger page cache while seeding keeps index inserts in memory.
        self.conn().pragma_update(None, "cache_size", -262_144)?;
        let result = self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO patients(nik, bpjs, rm_number, name, sex, birth_date, village, rt_rw, address, phone, kk, member_no, created_at, name_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            let mut names = tx.prepare_cached("INSERT INTO patient_names(rowid, name_key) VALUES (?1, ?2)")?;
            for i in 0..count {
                let (p, created_at) = make(i);
                let key = normalize_name(&p.name);
                stmt.execute(params![
                    p.nik,
                    p.bpjs,
                    p.rm_number,
                    p.name,
                    p.sex,
                    p.birth_date.map(|d| d.to_string()),
                    p.village,
                    p.rt_rw,
                    p.address,
                    p.phone,
                    p.kk,
                    p.member_no,
                    ts(created_at),
                    key
                ])?;
                let birth = p.birth_date.map(|d| d.to_string());
                names.execute(params![tx.last_insert_rowid(), index_text(&key, birth.as_deref())])?;
            }
            append(tx, actor, "seed", "patients", None, &format!("{count} demo patients"), now)?;
            Ok(count)
        });
        self.conn().pragma_update(None, "cache_size", -super::open::PAGE_CACHE_KIB)?;
        result
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::temp_store;

    fn fields(name: &str, nik: Option<&str>, birth: &str) -> PatientFields {
        PatientFields {
            nik: nik.map(str::to_string),
            name: name.into(),
            sex: "P".into(),
            birth_date: Some(birth.parse().unwrap()),
            ..Default::default()
        }
    }

    fn today() -> NaiveDate {
        "2026-11-23".parse().unwrap()
    }

    #[test]
    fn register_search_edit_and_merge() {
        let (_d, mut s) = temp_store();
        let a = Actor::system("test");
        let now = Utc::now();
        let p1 = s.register_patient(&a, &fields("Hj. Sitti Aminah", Some("3204124508850003"), "1985-08-05"), "RM-", 6, now).unwrap().unwrap();
        assert_eq!(p1.rm_number, "RM-000001");
        let p2 = s.register_patient(&a, &fields("Siti Aminah", None, "1985-08-05"), "RM-", 6, now).unwrap().unwrap();
        assert_eq!(p2.rm_number, "RM-000002");
        // The same NIK twice is refused and names the holder.
        let dup = s.register_patient(&a, &fields("Other", Some("3204124508850003"), "1990-01-01"), "RM-", 6, now).unwrap().unwrap_err();
        assert_eq!((dup.field, dup.name.as_str()), ("nik", "Hj. Sitti Aminah"));
        assert_eq!(s.similar_patients("Ibu Siti Aminah", "1985-08-05".parse().unwrap(), None).unwrap().len(), 2);
        let q = |text: &str| SearchQuery { name: Some(text.into()), ..Default::default() };
        assert_eq!(s.search_patients(&q("sit ami"), today(), 10).unwrap().len(), 2);
        let by_nik = s.search_patients(&SearchQuery { digits: Some("3204124508850003".into()), ..Default::default() }, today(), 10).unwrap();
        assert_eq!((by_nik[0].patient.id, by_nik[0].matched), (p1.id, MatchKind::ExactId));
        let by_prefix = s.search_patients(&SearchQuery { digits: Some("320412".into()), ..Default::default() }, today(), 10).unwrap();
        assert_eq!(by_prefix[0].matched, MatchKind::IdPrefix);
        // Edit: the change is in the history.
        let mut f = p2.fields();
        f.phone = Some("081234567890".into());
        s.update_patient(&a, p2.id, &f, now).unwrap().unwrap();
        let facts = s.card_facts(p2.id).unwrap();
        assert_eq!(facts.history[0].field, "phone");
        // Merge p2 into p1: p2 no longer shows in search; p1 gains the phone.
        s.merge_patients(&a, p1.id, p2.id, now).unwrap();
        let hits = s.search_patients(&q("siti"), today(), 10).unwrap();
        assert_eq!(hits.iter().map(|h| h.patient.id).collect::<Vec<_>>(), vec![p1.id]);
        assert_eq!(s.patient(p1.id).unwrap().unwrap().phone.as_deref(), Some("081234567890"));
        assert_eq!(s.patient(p2.id).unwrap().unwrap().merged_into, Some(p1.id));
        assert_eq!(s.verify_audit().unwrap().problems(), None);
    }

    #[test]
    fn birth_year_and_age_narrow_a_name_search() {
        let (_d, mut s) = temp_store();
        let a = Actor::system("test");
        s.register_patient(&a, &fields("Budi Santoso", None, "1980-02-01"), "RM-", 6, Utc::now()).unwrap().unwrap();
        s.register_patient(&a, &fields("Budi Setiawan", None, "1990-02-01"), "RM-", 6, Utc::now()).unwrap().unwrap();
        let q = SearchQuery { name: Some("budi".into()), born_in: Some(1990), ..Default::default() };
        assert_eq!(s.search_patients(&q, today(), 10).unwrap()[0].patient.name, "Budi Setiawan");
        let q = SearchQuery { name: Some("budi".into()), age: Some(46), ..Default::default() };
        let hits = s.search_patients(&q, today(), 10).unwrap();
        assert_eq!(hits.iter().map(|h| h.patient.name.as_str()).collect::<Vec<_>>(), ["Budi Santoso"]);
        let (list, n) = s.birthdays_between("2026-01-30".parse().unwrap(), "2026-02-05".parse().unwrap(), 10).unwrap();
        assert_eq!((list.len(), n), (2, 2));
        let (_, n) = s.birthdays_between("2026-12-28".parse().unwrap(), "2027-01-03".parse().unwrap(), 10).unwrap();
        assert_eq!(n, 0);
    }
}
