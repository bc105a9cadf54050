//! Patients. This module holds what the foundation needs (counting, bulk seeding for the demo and
//! benchmarks); registration, search and history come with the patients issue.

use super::audit::{append, Actor};
use super::{ts, Result, Store};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPatient {
    pub nik: Option<String>,
    pub bpjs: Option<String>,
    pub rm_number: String,
    pub name: String,
    /// "L" or "P".
    pub sex: &'static str,
    pub birth_date: NaiveDate,
    pub village: String,
    pub rt_rw: String,
    pub address: String,
    pub phone: Option<String>,
    pub kk: Option<String>,
    pub member_no: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Store {
    pub fn patient_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM patients", [], |r| r.get(0))?)
    }

    /// Insert `count` generated patients in one transaction with one audit entry (demo and
    /// benchmark seeding). `make(i)` must be deterministic: a busy retry calls it again.
    pub fn seed_patients(&mut self, actor: &Actor, count: u64, mut make: impl FnMut(u64) -> NewPatient, now: DateTime<Utc>) -> Result<u64> {
        // A larger page cache while seeding keeps index inserts in memory.
        self.conn().pragma_update(None, "cache_size", -262_144)?;
        let result = self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO patients(nik, bpjs, rm_number, name, sex, birth_date, village, rt_rw, address, phone, kk, member_no, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?;
            for i in 0..count {
                let p = make(i);
                stmt.execute(params![
                    p.nik,
                    p.bpjs,
                    p.rm_number,
                    p.name,
                    p.sex,
                    p.birth_date.to_string(),
                    p.village,
                    p.rt_rw,
                    p.address,
                    p.phone,
                    p.kk,
                    p.member_no,
                    ts(p.created_at)
                ])?;
            }
            append(tx, actor, "seed", "patients", None, &format!("{count} demo patients"), now)?;
            Ok(count)
        });
        self.conn().pragma_update(None, "cache_size", -2000)?;
        result
    }
}
