//! The examination room's figure of a day for the district hub (kind 'clinic', migration 29):
//! consultations by age group and outcome, the primary diagnoses by ICD-10 chapter letter, and
//! referral letters by facility and by where they came from (a CKG check or a consultation).
//! Counts only: the birth date that gives the age group, the complaint, the notes and whose
//! diagnosis it was stay on the site (health records go only to SATUSEHAT, issue 19). The day's
//! diagnosis codes themselves are not sent: in a village of a few hundred people one code on one
//! day can name the person who had it; the chapter letter is coarse enough to count.

use super::Result;
use crate::domain::ckg::age_group;
use chrono::NaiveDate;
use rusqlite::Transaction;
use serde_json::{json, Map, Value};

pub fn clinic_payload(tx: &Transaction, day: &str) -> Result<Value> {
    let on: Option<NaiveDate> = day.parse().ok();
    let mut groups = Map::new();
    let mut st = tx.prepare_cached(
        "SELECT p.birth_date, c.outcome FROM consultations c JOIN patients p ON p.id = c.patient_id WHERE c.business_day = ?1",
    )?;
    let mut rows = st.query([day])?;
    let mut consultations = 0i64;
    while let Some(r) = rows.next()? {
        let (birth, outcome): (String, String) = (r.get(0)?, r.get(1)?);
        let group = match (birth.parse::<NaiveDate>().ok(), on) {
            (Some(b), Some(d)) if b <= d => age_group(b, d).code(),
            _ => "unknown",
        };
        let e = groups.entry(group.to_string()).or_insert_with(|| json!({"n": 0}));
        e["n"] = json!(e["n"].as_i64().unwrap_or(0) + 1);
        e[outcome.as_str()] = json!(e[outcome.as_str()].as_i64().unwrap_or(0) + 1);
        consultations += 1;
    }
    let mut chapters = Map::new();
    let mut st = tx.prepare_cached(
        "SELECT upper(substr(d.code, 1, 1)), count(*) FROM consultation_diagnoses d JOIN consultations c ON c.id = d.consultation_id
         WHERE d.is_primary = 1 AND c.business_day = ?1 GROUP BY 1 ORDER BY 1",
    )?;
    let mut rows = st.query([day])?;
    while let Some(r) = rows.next()? {
        chapters.insert(r.get(0)?, json!(r.get::<_, i64>(1)?));
    }
    let mut st = tx.prepare_cached(
        "SELECT facility_code, facility_name,
                CASE WHEN ckg_check_id IS NOT NULL THEN 'ckg' WHEN consultation_id IS NOT NULL THEN 'consultation' ELSE 'other' END,
                count(*)
         FROM referrals WHERE business_day = ?1 GROUP BY 1, 2, 3 ORDER BY 1, 3",
    )?;
    let referrals: Vec<Value> = st
        .query_map([day], |r| {
            Ok(json!({"facility": r.get::<_, String>(0)?, "name": r.get::<_, String>(1)?, "from": r.get::<_, String>(2)?, "n": r.get::<_, i64>(3)?}))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let from = |src: &str| referrals.iter().filter(|r| src.is_empty() || r["from"] == src).map(|r| r["n"].as_i64().unwrap_or(0)).sum::<i64>();
    let totals = json!({"consultations": consultations, "referrals": from(""), "referrals_ckg": from("ckg"), "referrals_consultation": from("consultation")});
    Ok(json!({"groups": groups, "chapters": chapters, "referrals": referrals, "totals": totals}))
}
