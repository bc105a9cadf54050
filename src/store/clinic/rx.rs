//! E-prescriptions: written in the consultation's transaction, read by the pharmacy's waiting
//! list in the order they were sent, each line with what is still owed.

use super::super::audit::{append, Actor};
use super::super::{parse_ts, ts, Result};
use crate::domain::rx::{Order, Route};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// One line as written (checked by `ops::clinic`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    pub product_id: i64,
    pub generic_name: String,
    pub strength: String,
    pub order: Order,
    pub directions: String,
    pub qty_milli: i64,
    /// Warning codes the examiner saw and accepted ("allergy:amoksisilin duplicate").
    pub warnings: String,
}

/// The prescription number: R-YYYYMMDD-NNN, by day.
fn next_number(tx: &Transaction, day: NaiveDate) -> Result<String> {
    let n: i64 = tx.query_row("SELECT count(*) + 1 FROM e_prescriptions WHERE business_day = ?1", [day.to_string()], |r| r.get(0))?;
    Ok(format!("R-{}-{n:03}", day.format("%Y%m%d")))
}

/// Write a prescription with its lines; returns (id, number).
pub fn save_prescription_in(
    tx: &Transaction,
    actor: &Actor,
    consultation_id: i64,
    patient_id: i64,
    ticket_id: Option<i64>,
    items: &[ItemRow],
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(i64, String)> {
    let number = next_number(tx, day)?;
    tx.execute(
        "INSERT INTO e_prescriptions(number, consultation_id, patient_id, prescriber_id, ticket_id, written_at, business_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![number, consultation_id, patient_id, actor.id, ticket_id, ts(now), day.to_string()],
    )?;
    let id = tx.last_insert_rowid();
    let mut st = tx.prepare_cached(
        "INSERT INTO e_prescription_items(prescription_id, line_no, product_id, generic_name, strength, dose_milli, per_day, days, route, after_meals, directions, qty_milli, warnings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (i, it) in items.iter().enumerate() {
        let o = &it.order;
        st.execute(params![
            id,
            i as i64 + 1,
            it.product_id,
            it.generic_name,
            it.strength,
            o.dose_milli,
            o.per_day,
            o.days,
            o.route.code(),
            o.after_meals as i64,
            it.directions,
            it.qty_milli,
            it.warnings
        ])?;
    }
    append(tx, actor, "prescription-send", "e_prescriptions", Some(id), &format!("{number}: {} lines", items.len()), now)?;
    Ok((id, number))
}

/// A prescription line with what was handed out of it so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: i64,
    pub line_no: i64,
    pub product_id: i64,
    pub generic_name: String,
    pub strength: String,
    pub order: Order,
    pub directions: String,
    pub qty_milli: i64,
    pub dispensed_milli: i64,
    pub warnings: String,
    /// The unit the product is sold in (strip, botol).
    pub unit: String,
}

impl Item {
    pub fn owed(&self) -> i64 {
        crate::domain::rx::still_owed(self.qty_milli, self.dispensed_milli)
    }
}

/// A prescription as the pharmacy reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prescription {
    pub id: i64,
    pub number: String,
    pub consultation_id: i64,
    pub patient_id: i64,
    pub patient_name: String,
    pub rm_number: String,
    pub prescriber_id: i64,
    pub prescriber: String,
    pub ticket_id: Option<i64>,
    pub ticket_label: Option<String>,
    pub written_at: DateTime<Utc>,
    pub items: Vec<Item>,
}

impl Prescription {
    /// Something is still owed (waiting, or partly handed out).
    pub fn open(&self) -> bool {
        self.items.iter().any(|i| i.owed() > 0)
    }

    pub fn partly_given(&self) -> bool {
        self.open() && self.items.iter().any(|i| i.dispensed_milli > 0)
    }
}

fn items(conn: &Connection, id: i64) -> Result<Vec<Item>> {
    let mut st = conn.prepare_cached(
        "SELECT i.id, i.line_no, i.product_id, i.generic_name, i.strength, i.dose_milli, i.per_day, i.days, i.route, i.after_meals, i.directions, i.qty_milli,
                coalesce((SELECT sum(l.qty_milli) FROM dispense_lines l WHERE l.item_id = i.id), 0), i.warnings,
                (SELECT p.unit FROM products p WHERE p.id = i.product_id)
         FROM e_prescription_items i WHERE i.prescription_id = ?1 ORDER BY i.line_no",
    )?;
    let rows = st.query_map([id], |r| {
        Ok(Item {
            id: r.get(0)?,
            line_no: r.get(1)?,
            product_id: r.get(2)?,
            generic_name: r.get(3)?,
            strength: r.get(4)?,
            order: Order {
                dose_milli: r.get(5)?,
                per_day: r.get(6)?,
                days: r.get(7)?,
                route: Route::parse(&r.get::<_, String>(8)?).unwrap_or(Route::Oral),
                after_meals: r.get::<_, i64>(9)? != 0,
            },
            directions: r.get(10)?,
            qty_milli: r.get(11)?,
            dispensed_milli: r.get(12)?,
            warnings: r.get(13)?,
            unit: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

const HEAD: &str = "SELECT e.id, e.number, e.consultation_id, e.patient_id, p.name, p.rm_number, e.prescriber_id,
        CASE WHEN u.full_name = '' THEN u.name ELSE u.full_name END, e.ticket_id,
        (SELECT t.prefix || '-' || printf('%03d', t.number) FROM tickets t WHERE t.id = e.ticket_id), e.written_at
    FROM e_prescriptions e JOIN patients p ON p.id = e.patient_id JOIN users u ON u.id = e.prescriber_id";

fn head(r: &rusqlite::Row) -> rusqlite::Result<Prescription> {
    Ok(Prescription {
        id: r.get(0)?,
        number: r.get(1)?,
        consultation_id: r.get(2)?,
        patient_id: r.get(3)?,
        patient_name: r.get(4)?,
        rm_number: r.get(5)?,
        prescriber_id: r.get(6)?,
        prescriber: r.get(7)?,
        ticket_id: r.get(8)?,
        ticket_label: r.get(9)?,
        written_at: parse_ts(&r.get::<_, String>(10)?).unwrap_or_default(),
        items: Vec::new(),
    })
}

pub(crate) fn prescription(conn: &Connection, id: i64) -> Result<Option<Prescription>> {
    let Some(mut p) = conn.query_row(&format!("{HEAD} WHERE e.id = ?1"), [id], head).optional()? else { return Ok(None) };
    p.items = items(conn, id)?;
    Ok(Some(p))
}

pub fn prescription_in(tx: &Transaction, id: i64) -> Result<Option<Prescription>> {
    prescription(tx, id)
}

impl super::super::Store {
    pub fn prescription(&self, id: i64) -> Result<Option<Prescription>> {
        prescription(self.conn(), id)
    }

    pub fn prescription_by_number(&self, number: &str) -> Result<Option<Prescription>> {
        let id: Option<i64> = self.conn().query_row("SELECT id FROM e_prescriptions WHERE number = ?1", [number.trim()], |r| r.get(0)).optional()?;
        match id {
            Some(id) => prescription(self.conn(), id),
            None => Ok(None),
        }
    }

    /// Prescriptions with something still owed, oldest first (the order they were sent), at
    /// most `limit` (a clinic has a few dozen a day; the index on dispense lines keeps it cheap).
    pub fn waiting_prescriptions(&self, limit: usize) -> Result<Vec<Prescription>> {
        let mut st = self.conn().prepare_cached(&format!(
            "{HEAD} WHERE EXISTS (SELECT 1 FROM e_prescription_items i WHERE i.prescription_id = e.id
                 AND i.qty_milli > coalesce((SELECT sum(l.qty_milli) FROM dispense_lines l WHERE l.item_id = i.id), 0))
             ORDER BY e.id LIMIT ?1"
        ))?;
        let heads = st.query_map([limit as i64], head)?.collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(heads.len());
        for mut p in heads {
            p.items = items(self.conn(), p.id)?;
            out.push(p);
        }
        Ok(out)
    }
}

/// The prescription written in a consultation, inside a transaction.
pub fn prescription_for_consultation_in(tx: &Transaction, consultation_id: i64) -> Result<Option<Prescription>> {
    let id: Option<i64> = tx.query_row("SELECT id FROM e_prescriptions WHERE consultation_id = ?1", [consultation_id], |r| r.get(0)).optional()?;
    match id {
        Some(id) => prescription(tx, id),
        None => Ok(None),
    }
}
