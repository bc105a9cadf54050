//! The supervisor's figures of the examination room: visits by primary diagnosis (top 10),
//! prescriptions written and how long they waited for the pharmacy, referrals by facility.

use super::super::{parse_ts, Result};
use chrono::NaiveDate;
use rusqlite::params;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClinicFigures {
    pub visits: i64,
    /// (code, name, visits) by primary diagnosis, most first, at most 10.
    pub top_diagnoses: Vec<(String, String, i64)>,
    pub prescriptions: i64,
    /// Prescriptions handed out in full.
    pub dispensed: i64,
    /// Minutes from sending to the first dispensing: the median and the longest.
    pub wait_median_min: Option<i64>,
    pub wait_max_min: Option<i64>,
    /// (facility, referrals) most first.
    pub referrals: Vec<(String, i64)>,
}

impl super::super::Store {
    /// The figures of the days from..=to.
    pub fn clinic_figures(&self, from: NaiveDate, to: NaiveDate) -> Result<ClinicFigures> {
        let c = self.conn();
        let (f, t) = (from.to_string(), to.to_string());
        let mut out = ClinicFigures {
            visits: c.query_row("SELECT count(*) FROM consultations WHERE business_day BETWEEN ?1 AND ?2", params![f, t], |r| r.get(0))?,
            ..Default::default()
        };
        out.top_diagnoses = c
            .prepare_cached(
                "SELECT d.code, d.name, count(*) AS n FROM consultation_diagnoses d JOIN consultations c ON c.id = d.consultation_id
                 WHERE d.is_primary = 1 AND c.business_day BETWEEN ?1 AND ?2 GROUP BY d.code ORDER BY n DESC, d.code LIMIT 10",
            )?
            .query_map(params![f, t], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        out.prescriptions = c.query_row("SELECT count(*) FROM e_prescriptions WHERE business_day BETWEEN ?1 AND ?2", params![f, t], |r| r.get(0))?;
        out.dispensed = c.query_row(
            "SELECT count(*) FROM e_prescriptions e WHERE e.business_day BETWEEN ?1 AND ?2 AND NOT EXISTS (
                SELECT 1 FROM e_prescription_items i WHERE i.prescription_id = e.id
                AND i.qty_milli > coalesce((SELECT sum(l.qty_milli) FROM dispense_lines l WHERE l.item_id = i.id), 0))",
            params![f, t],
            |r| r.get(0),
        )?;
        let mut waits: Vec<i64> = c
            .prepare_cached(
                "SELECT e.written_at, (SELECT min(x.at) FROM dispenses x WHERE x.prescription_id = e.id) FROM e_prescriptions e
                 WHERE e.business_day BETWEEN ?1 AND ?2",
            )?
            .query_map(params![f, t], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)))?
            .filter_map(|r| r.ok())
            .filter_map(|(w, d)| Some((parse_ts(&d?)? - parse_ts(&w)?).num_minutes().max(0)))
            .collect();
        waits.sort_unstable();
        out.wait_median_min = waits.get(waits.len().saturating_sub(1) / 2).copied();
        out.wait_max_min = waits.last().copied();
        out.referrals = c
            .prepare_cached("SELECT facility_name, count(*) AS n FROM referrals WHERE business_day BETWEEN ?1 AND ?2 GROUP BY facility_name ORDER BY n DESC, facility_name")?
            .query_map(params![f, t], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(out)
    }
}
