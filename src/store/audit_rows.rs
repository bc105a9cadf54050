//! What an audit entry covers: the digest of the rows it records, keyed with the site secret.
//! A sale is its row with its lines (and their discounts), payments, stock movements, returns and
//! adjustments (rounding, a discount on the whole sale); a user is its name,
//! role, PIN hash and state; a delivery is its row with its movements; a movement of its own (an
//! adjustment, a write-off, an opening stock) is its row. The latest entry naming a record holds
//! the digest of that record as the entry's transaction left it, so `audit verify` re-reads every
//! record and names each one whose content changed without an entry, each with no entry at all,
//! and each entry whose record is gone.
//!
//! The columns are listed, not `*`: a later migration that adds a column does not change the
//! digest of rows written before it.

use super::secret::Secret;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use std::collections::{BTreeMap, BTreeSet};

struct Covered {
    /// The `tbl` its entries name.
    tbl: &'static str,
    /// Every record that must have an entry.
    ids: &'static str,
    /// The record's parts, each a query over its id; the first one finds the record itself.
    parts: &'static [&'static str],
}

const COVERED: &[Covered] = &[
    Covered {
        tbl: "sales",
        ids: "SELECT id FROM sales",
        parts: &[
            "SELECT id, number, business_day, at, user_id, shift_id, member_id, patient_id, total, vat, change_given, line_count, status, voided_at, voided_by, approved_by, void_reason FROM sales WHERE id = ?1",
            "SELECT id, line_no, product_id, name, qty_milli, unit_price, amount, tax_category, member_price, prescription_id, returned_milli, discount, discount_reason, discount_approved_by FROM sale_lines WHERE sale_id = ?1 ORDER BY id",
            "SELECT id, kind, method, amount, tendered, reference, at, user_id, shift_id FROM payments WHERE sale_id = ?1 ORDER BY id",
            // Through the sale's lines (stock_movements_line): every movement of a sale names its line.
            "SELECT id, product_id, batch_id, kind, qty_milli, unit_cost, reason, reference, at, user_id, shift_id, sale_line_id FROM stock_movements
             WHERE sale_line_id IN (SELECT id FROM sale_lines WHERE sale_id = ?1) AND sale_id = ?1 ORDER BY id",
            "SELECT id, at, user_id, approved_by, reason, amount, whole_sale FROM sale_returns WHERE sale_id = ?1 ORDER BY id",
            "SELECT id, kind, line_no, amount, reason, approved_by, shift_id FROM sale_adjustments WHERE sale_id = ?1 ORDER BY id",
        ],
    },
    Covered {
        tbl: "users",
        ids: "SELECT id FROM users",
        parts: &["SELECT id, name, full_name, role, pin_hash, disabled, practitioner_nik FROM users WHERE id = ?1"],
    },
    Covered {
        tbl: "receivings",
        ids: "SELECT id FROM receivings",
        parts: &[
            "SELECT id, supplier, invoice_no, at, user_id FROM receivings WHERE id = ?1",
            "SELECT id, product_id, batch_id, kind, qty_milli, unit_cost, reason, reference, at, user_id FROM stock_movements WHERE receiving_id = ?1 ORDER BY id",
        ],
    },
    Covered {
        tbl: "stock_movements",
        // A free programme issue's movements belong to their dispensing (below).
        ids: "SELECT id FROM stock_movements WHERE sale_id IS NULL AND receiving_id IS NULL AND dispense_id IS NULL",
        parts: &["SELECT id, product_id, batch_id, kind, qty_milli, unit_cost, reason, reference, at, user_id, shift_id FROM stock_movements WHERE id = ?1 AND sale_id IS NULL AND receiving_id IS NULL"],
    },
    // Savings entries and shop-credit repayments are each their own row (append-only); a loan is
    // its row with its schedule, payments and their split (migration 26).
    Covered {
        tbl: "savings_entries",
        ids: "SELECT id FROM savings_entries",
        parts: &["SELECT id, member_id, kind, amount, method, reference, at, business_day, user_id, shift_id, approved_by, reverses, note FROM savings_entries WHERE id = ?1"],
    },
    Covered {
        tbl: "credit_repayments",
        ids: "SELECT id FROM credit_repayments",
        parts: &["SELECT id, member_id, amount, method, reference, at, business_day, user_id, shift_id FROM credit_repayments WHERE id = ?1"],
    },
    Covered {
        tbl: "loans",
        ids: "SELECT id FROM loans",
        parts: &[
            "SELECT id, number, member_id, product, principal, rate_bp, method, tenor_months, admin_fee, late_fee_kind, late_fee, status, applied_at, applied_by,
                    approved_at, approved_by, disbursed_at, disbursed_on, disbursed_by, disbursed_shift, paid_at FROM loans WHERE id = ?1",
            "SELECT no, due_on, principal, interest, remaining FROM loan_schedule WHERE loan_id = ?1 ORDER BY no",
            "SELECT id, kind, amount, method, reference, at, business_day, user_id, shift_id FROM loan_payments WHERE loan_id = ?1 ORDER BY id",
            "SELECT payment_id, installment_no, late_fee, interest, principal FROM loan_payment_parts WHERE loan_id = ?1 ORDER BY payment_id, installment_no",
        ],
    },
    Covered { tbl: "health_workers", ids: "SELECT id FROM health_workers", parts: &["SELECT id, user_id, profession, licence_no, at, set_by FROM health_workers WHERE id = ?1"] },
    Covered {
        tbl: "patient_allergies",
        ids: "SELECT id FROM patient_allergies",
        parts: &["SELECT id, patient_id, substance, removed, at, user_id FROM patient_allergies WHERE id = ?1"],
    },
    Covered {
        tbl: "consultations",
        ids: "SELECT id FROM consultations",
        parts: &[
            "SELECT id, patient_id, ticket_id, examiner_id, business_day, started_at, finished_at, complaint, history, note, outcome, follow_up_on FROM consultations WHERE id = ?1",
            "SELECT code, value, class FROM consultation_vitals WHERE consultation_id = ?1 ORDER BY rowid",
            "SELECT rank, code, name, is_primary FROM consultation_diagnoses WHERE consultation_id = ?1 ORDER BY rank",
        ],
    },
    Covered {
        tbl: "e_prescriptions",
        ids: "SELECT id FROM e_prescriptions",
        parts: &[
            "SELECT id, number, consultation_id, patient_id, prescriber_id, ticket_id, written_at, business_day FROM e_prescriptions WHERE id = ?1",
            "SELECT id, line_no, product_id, generic_name, strength, dose_milli, per_day, days, route, after_meals, directions, qty_milli, warnings
             FROM e_prescription_items WHERE prescription_id = ?1 ORDER BY id",
        ],
    },
    Covered {
        tbl: "dispenses",
        ids: "SELECT id FROM dispenses",
        parts: &[
            "SELECT id, prescription_id, at, business_day, user_id, sale_id FROM dispenses WHERE id = ?1",
            "SELECT id, item_id, product_id, qty_milli, substitute_reason, programme, sale_line_id FROM dispense_lines WHERE dispense_id = ?1 ORDER BY id",
            "SELECT id, product_id, batch_id, kind, qty_milli, reason, reference, at, user_id FROM stock_movements WHERE dispense_id = ?1 ORDER BY id",
        ],
    },
    Covered {
        tbl: "referrals",
        ids: "SELECT id FROM referrals",
        parts: &[
            "SELECT id, number, patient_id, consultation_id, ckg_check_id, facility_code, facility_name, reason, findings, diagnosis, drugs_given, at, business_day, user_id FROM referrals WHERE id = ?1",
            "SELECT id, answered_on, answer, back_to_clinic, at, user_id FROM referral_answers WHERE referral_id = ?1 ORDER BY id",
        ],
    },
];

fn covered(tbl: &str) -> Option<&'static Covered> {
    COVERED.iter().find(|c| c.tbl == tbl)
}

/// The keyed digest of record `id` of `tbl` as it is now; None when `tbl` is not covered or the
/// record does not exist.
pub(crate) fn digest(conn: &Connection, secret: &Secret, tbl: &str, id: i64) -> rusqlite::Result<Option<String>> {
    let Some(c) = covered(tbl) else { return Ok(None) };
    let mut bytes: Vec<u8> = Vec::new();
    for (i, part) in c.parts.iter().enumerate() {
        let mut st = conn.prepare_cached(part)?;
        let n = st.column_count();
        let mut rows = st.query([id])?;
        let mut found = false;
        while let Some(r) = rows.next()? {
            found = true;
            bytes.push(b'R');
            for k in 0..n {
                match r.get_ref(k)? {
                    ValueRef::Null => bytes.push(b'N'),
                    ValueRef::Integer(v) => {
                        bytes.push(b'I');
                        bytes.extend(v.to_le_bytes());
                    }
                    ValueRef::Real(v) => {
                        bytes.push(b'F');
                        bytes.extend(v.to_le_bytes());
                    }
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        bytes.push(b'T');
                        bytes.extend((t.len() as u64).to_le_bytes());
                        bytes.extend(t);
                    }
                }
            }
        }
        if i == 0 && !found {
            return Ok(None);
        }
        bytes.push(b'|');
    }
    Ok(Some(secret.mac(&format!("audit-row:{tbl}"), &[&bytes])))
}

/// A record that no longer matches the audit log.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowProblem {
    /// The record's content differs from what its latest entry recorded.
    Changed { tbl: String, id: i64, entry: i64 },
    /// The record has no entry at all (written behind Loket's back).
    NoEntry { tbl: String, id: i64 },
    /// An entry names a record that is gone.
    Gone { tbl: String, id: i64, entry: i64 },
}

/// Compare every covered record with its latest entry's digest.
pub(crate) fn check(conn: &Connection, secret: &Secret) -> rusqlite::Result<Vec<RowProblem>> {
    let mut latest: BTreeMap<(String, i64), (i64, String)> = BTreeMap::new();
    {
        let mut st = conn.prepare("SELECT id, tbl, row_id, row_digest FROM audit WHERE row_digest IS NOT NULL ORDER BY id")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            latest.insert((r.get(1)?, r.get(2)?), (r.get(0)?, r.get(3)?));
        }
    }
    let mut problems = Vec::new();
    for c in COVERED {
        let mut st = conn.prepare(c.ids)?;
        let ids: BTreeSet<i64> = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in &ids {
            match latest.get(&(c.tbl.to_string(), *id)) {
                None => problems.push(RowProblem::NoEntry { tbl: c.tbl.into(), id: *id }),
                Some((entry, d)) => {
                    if digest(conn, secret, c.tbl, *id)?.as_deref() != Some(d.as_str()) {
                        problems.push(RowProblem::Changed { tbl: c.tbl.into(), id: *id, entry: *entry });
                    }
                }
            }
        }
        for ((tbl, id), (entry, _)) in latest.range((c.tbl.to_string(), i64::MIN)..=(c.tbl.to_string(), i64::MAX)) {
            if !ids.contains(id) {
                problems.push(RowProblem::Gone { tbl: tbl.clone(), id: *id, entry: *entry });
            }
        }
    }
    Ok(problems)
}

/// Records of covered tables that no entry with a digest names (for the baseline entries written
/// when a database is first keyed).
pub(crate) fn unrecorded(conn: &Connection) -> rusqlite::Result<Vec<(&'static str, i64)>> {
    let mut out = Vec::new();
    for c in COVERED {
        let mut st = conn.prepare(c.ids)?;
        let ids: Vec<i64> = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let named: Option<i64> = conn
                .query_row("SELECT 1 FROM audit WHERE tbl = ?1 AND row_id = ?2 AND row_digest IS NOT NULL LIMIT 1", rusqlite::params![c.tbl, id], |r| r.get(0))
                .optional()?;
            if named.is_none() {
                out.push((c.tbl, id));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::store::{OpenMode, Store};

    /// Each part of a record's digest is read through an index: a sale's commit computes its
    /// digest, so a part that scanned a table would make every sale slower as the shop ages.
    #[test]
    fn every_part_is_read_through_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), OpenMode::Create).unwrap();
        for c in super::COVERED {
            for part in c.parts {
                let plan: Vec<String> = store
                    .conn()
                    .prepare(&format!("EXPLAIN QUERY PLAN {part}"))
                    .unwrap()
                    .query_map([1], |r| r.get::<_, String>(3))
                    .unwrap()
                    .map(|r| r.unwrap())
                    .collect();
                assert!(plan.iter().all(|step| !step.starts_with("SCAN")), "{part}: {plan:?}");
            }
        }
    }
}
