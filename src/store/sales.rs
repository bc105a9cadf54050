//! Sales: the records of a sale (new, committed, parked), members and their credit, parked sales,
//! and the check that every sale is whole. A paid sale is written whole in one transaction or not
//! at all (`sale_commit.rs`); voids and returns add rows and the original stays, marked
//! (`returns.rs`).

use super::audit::{append, Actor};
use super::stock::Product;
use super::{ts, Result, Store, StoreError};
use crate::domain::cart::{self, PayError, QtyError, Tender};
use crate::domain::discount::{Change, DiscountError, DiscountRules};
use crate::domain::drug_policy::{DrugClass, Policy, Prescription, Verdict};
use crate::domain::user::Role;
use crate::domain::fefo::{self, Take};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

/// Why a sale (or a void, return or receiving) was refused; nothing was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    NoCashier,
    UnknownProduct,
    Inactive(String),
    Quantity(String, QtyError),
    OutOfStock { name: String, available: i64, expired: i64 },
    Drug { name: String, class: DrugClass, verdict: Verdict },
    Payment(PayError),
    NoSuchSale(String),
    AlreadyVoided(String),
    NotSupervisor,
    ReturnTooMuch { name: String, left: i64 },
    BatchNeeded(String),
    NoSuchParked,
    /// A discount or price change that cannot be given (why).
    Discount(String, DiscountError),
    /// This discount needs a supervisor's approval.
    NeedsApproval(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub member_no: String,
    pub name: String,
    pub patient_id: Option<i64>,
    /// Its own limit; None: the site's default.
    pub credit_limit: Option<i64>,
    /// Credit taken and not returned or repaid (`credit_repayments`).
    pub credit_used: i64,
    /// The latest repayment of shop credit: its business day (yyyy-mm-dd) and amount.
    pub last_repayment: Option<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLine {
    pub product_id: i64,
    pub qty_milli: i64,
    /// A price-embedded weighed code fixes the line's amount.
    pub fixed_amount: Option<i64>,
    pub prescription: Option<Prescription>,
    /// A discount or a new price on this line.
    pub change: Option<Adjusted>,
}

/// A discount or price change with its reason and, where the rules ask for one, who approved it
/// (the approval was recorded with that supervisor's PIN).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjusted {
    pub change: Change,
    pub reason: String,
    pub approved_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSale {
    pub lines: Vec<NewLine>,
    pub member_id: Option<i64>,
    pub patient_id: Option<i64>,
    pub tenders: Vec<Tender>,
    pub business_day: NaiveDate,
    /// The cashier's open shift, once shifts exist.
    pub shift_id: Option<i64>,
    /// A discount on the whole sale.
    pub discount: Option<Adjusted>,
}

/// The site's rules a sale is checked against inside its transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleRules {
    pub charges_vat: bool,
    pub fefo: fefo::Rules,
    pub credit_limit: i64,
    pub policy: Policy,
    /// The seller has the pharmacy role.
    pub pharmacist: bool,
    /// How the cash that finishes a sale is rounded.
    pub rounding: cart::CashRounding,
    pub discounts: DiscountRules,
    pub seller_role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoldLine {
    pub line_no: i64,
    pub product: Product,
    pub qty_milli: i64,
    pub unit_price: i64,
    /// After its own discount.
    pub amount: i64,
    /// Taken off by a discount or a price change (negative: a price raised).
    pub discount: i64,
    pub takes: Vec<Take>,
    pub prescription: Option<Prescription>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommittedSale {
    pub id: i64,
    pub number: String,
    pub at: DateTime<Utc>,
    pub cashier: String,
    pub lines: Vec<SoldLine>,
    /// What was paid: the lines plus the rounding.
    pub total: i64,
    /// Cash rounding, its own line of the sale (negative when rounded down).
    pub rounding: i64,
    /// The discount on the whole sale.
    pub discount: i64,
    pub vat: i64,
    pub vat_base: i64,
    pub change: i64,
    /// Each tender with what it counted for.
    pub payments: Vec<(Tender, i64)>,
    pub member: Option<Member>,
}

/// A parked cart: product, quantity and any fixed amount per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parked {
    pub id: i64,
    pub label: String,
    pub parked_at: DateTime<Utc>,
    pub member_id: Option<i64>,
    pub lines: Vec<(i64, i64, Option<i64>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleSummary {
    pub id: i64,
    pub number: String,
    pub at: DateTime<Utc>,
    pub total: i64,
    pub status: String,
    pub lines: Vec<(i64, String, i64, i64)>,
}

pub(super) fn refuse<T>(r: Refusal) -> Result<T> {
    Err(StoreError::Sale(r))
}

pub(super) fn member_by(tx: &rusqlite::Connection, cond: &str, arg: &dyn rusqlite::ToSql) -> Result<Option<Member>> {
    let sql = format!(
        "SELECT m.id, m.member_no, m.name, m.patient_id, m.credit_limit, {} - {},
                (SELECT r.business_day FROM credit_repayments r WHERE r.member_id = m.id ORDER BY r.id DESC LIMIT 1),
                (SELECT r.amount FROM credit_repayments r WHERE r.member_id = m.id ORDER BY r.id DESC LIMIT 1)
         FROM members m WHERE m.active = 1 AND {cond}",
        super::members::CREDIT_TAKEN,
        super::members::CREDIT_REPAID
    );
    Ok(tx
        .prepare_cached(&sql)?
        .query_row([arg], |r| {
            let last: Option<String> = r.get(6)?;
            let amount: Option<i64> = r.get(7)?;
            Ok(Member {
                id: r.get(0)?,
                member_no: r.get(1)?,
                name: r.get(2)?,
                patient_id: r.get(3)?,
                credit_limit: r.get(4)?,
                credit_used: r.get(5)?,
                last_repayment: last.zip(amount),
            })
        })
        .optional()?)
}

pub(super) fn next_number(tx: &Transaction, day: NaiveDate) -> Result<String> {
    let prefix = day.format("%Y%m%d").to_string();
    let n: i64 = tx.prepare_cached("SELECT count(*) + 1 FROM sales WHERE business_day = ?1")?.query_row([day.to_string()], |r| r.get(0))?;
    Ok(format!("{prefix}-{n:04}"))
}

impl Store {
    /// A patient by record number, NIK or member number: (id, name, member number).
    pub fn patient_for_sale(&self, code: &str) -> Result<Option<(i64, String, Option<String>)>> {
        let code = code.trim();
        Ok(self
            .conn()
            .query_row(
                "SELECT id, name, member_no FROM patients WHERE merged_into IS NULL AND (rm_number = ?1 COLLATE NOCASE OR nik = ?1 OR member_no = ?1 COLLATE NOCASE) LIMIT 1",
                [code],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?)
    }

    pub fn member_by_no(&self, member_no: &str) -> Result<Option<Member>> {
        member_by(self.conn(), "m.member_no = ?1 COLLATE NOCASE", &member_no.trim())
    }

    pub fn member(&self, id: i64) -> Result<Option<Member>> {
        member_by(self.conn(), "m.id = ?1", &id)
    }

    /// A patient's member record, made from the patient's member number when there is none yet.
    pub fn member_for_patient(&mut self, actor: &Actor, patient_id: i64, now: DateTime<Utc>) -> Result<Option<Member>> {
        if let Some(m) = member_by(self.conn(), "m.patient_id = ?1", &patient_id)? {
            return Ok(Some(m));
        }
        let row: Option<(Option<String>, String)> =
            self.conn().query_row("SELECT member_no, name FROM patients WHERE id = ?1", [patient_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        let Some((Some(no), name)) = row else { return Ok(None) };
        self.add_member(actor, &no, &name, Some(patient_id), None, now)?;
        self.member_by_no(&no)
    }

    pub fn add_member(&mut self, actor: &Actor, member_no: &str, name: &str, patient_id: Option<i64>, credit_limit: Option<i64>, now: DateTime<Utc>) -> Result<i64> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO members(member_no, name, patient_id, credit_limit, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![member_no, name, patient_id, credit_limit, ts(now)],
            )?;
            let id = tx.last_insert_rowid();
            append(tx, actor, "add", "members", Some(id), &format!("member {member_no}"), now)?;
            Ok(id)
        })
    }

    /// Patients with a member number (the demo makes them members).
    pub fn demo_member_patients(&self, limit: usize) -> Result<Vec<(i64, String, String)>> {
        let mut st = self.conn().prepare("SELECT id, member_no, name FROM patients WHERE member_no IS NOT NULL ORDER BY id LIMIT ?1")?;
        let rows = st.query_map([limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn member_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM members", [], |r| r.get(0))?)
    }

    pub fn sale_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM sales", [], |r| r.get(0))?)
    }

    /// Check and write a paid sale, whole, in its own transaction (tests and simulations; the
    /// counter goes through `ops::sales::commit`, which adds the receipt in the same transaction).
    pub fn commit_sale(&mut self, actor: &Actor, sale: &NewSale, rules: &SaleRules, now: DateTime<Utc>) -> Result<CommittedSale> {
        self.write(|tx| super::sale_commit::commit_sale_in(tx, actor, sale, rules, now))
    }

    pub fn sale_by_number(&self, number: &str) -> Result<Option<SaleSummary>> {
        let head: Option<(i64, String, String, i64, String)> = self
            .conn()
            .query_row("SELECT id, number, at, total, status FROM sales WHERE number = ?1", [number.trim()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        let Some((id, number, at, total, status)) = head else { return Ok(None) };
        let mut st = self.conn().prepare("SELECT line_no, name, qty_milli - returned_milli, amount FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no")?;
        let lines = st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(Some(SaleSummary { id, number, at: super::parse_ts(&at).unwrap_or_default(), total, status, lines }))
    }

    pub fn park_sale(&mut self, actor: &Actor, label: &str, member_id: Option<i64>, lines: &[(i64, i64, Option<i64>)], now: DateTime<Utc>) -> Result<i64> {
        let Some(user_id) = actor.id else { return refuse(Refusal::NoCashier) };
        let text: Vec<String> = lines.iter().map(|(p, q, f)| format!("{p}:{q}:{}", f.map(|f| f.to_string()).unwrap_or_default())).collect();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO parked_sales(user_id, parked_at, label, member_id, lines) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![user_id, ts(now), label, member_id, text.join(";")],
            )?;
            let id = tx.last_insert_rowid();
            append(tx, actor, "park", "parked_sales", Some(id), &format!("{} lines", lines.len()), now)?;
            Ok(id)
        })
    }

    pub fn parked_sales(&self) -> Result<Vec<Parked>> {
        let mut st = self.conn().prepare("SELECT id, label, parked_at, member_id, lines FROM parked_sales ORDER BY id")?;
        let rows = st.query_map([], |r| {
            let at: String = r.get(2)?;
            let lines: String = r.get(4)?;
            Ok(Parked { id: r.get(0)?, label: r.get(1)?, parked_at: super::parse_ts(&at).unwrap_or_default(), member_id: r.get(3)?, lines: parse_parked(&lines) })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Take a parked sale back (it leaves the parked list).
    pub fn resume_parked(&mut self, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<Parked> {
        self.write(|tx| {
            let row: Option<(String, String, Option<i64>, String)> = tx
                .query_row("SELECT label, parked_at, member_id, lines FROM parked_sales WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .optional()?;
            let Some((label, at, member_id, lines)) = row else { return refuse(Refusal::NoSuchParked) };
            tx.execute("DELETE FROM parked_sales WHERE id = ?1", [id])?;
            append(tx, actor, "resume", "parked_sales", Some(id), &label, now)?;
            Ok(Parked { id, label, parked_at: super::parse_ts(&at).unwrap_or_default(), member_id, lines: parse_parked(&lines) })
        })
    }

    /// Check that every sale is whole: lines, payments and movements agree, and stock on hand
    /// equals the sum of movements everywhere. Returns the problems found (empty: consistent).
    pub fn check_sales(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let q = |sql: &str| -> Result<Vec<String>> {
            let mut st = self.conn().prepare(sql)?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        // The total is the lines plus the sale's own adjustments (cash rounding, discounts).
        problems.extend(q("SELECT 'lines: ' || s.number FROM sales s WHERE s.line_count != (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id)
             OR s.total != (SELECT coalesce(sum(amount), 0) FROM sale_lines l WHERE l.sale_id = s.id)
                         + (SELECT coalesce(sum(amount), 0) FROM sale_adjustments a WHERE a.sale_id = s.id)")?);
        problems.extend(q("SELECT 'payments: ' || s.number FROM sales s WHERE s.total != (SELECT coalesce(sum(amount), 0) FROM payments p WHERE p.sale_id = s.id AND p.kind = 'payment')")?);
        problems.extend(q("SELECT 'movements: ' || l.sale_id || '#' || l.line_no FROM sale_lines l
             WHERE l.qty_milli - l.returned_milli != -(SELECT coalesce(sum(qty_milli), 0) FROM stock_movements m WHERE m.sale_line_id = l.id)")?);
        problems.extend(q("SELECT 'orphan movement: ' || m.id FROM stock_movements m WHERE m.sale_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.id = m.sale_id)")?);
        // The stock levels kept for reports agree with the sum of the movements.
        problems.extend(q("SELECT 'stock level: ' || t.product_id || '/' || t.batch_key FROM
             (SELECT product_id, coalesce(batch_id, 0) AS batch_key, sum(qty_milli) AS qty FROM stock_movements GROUP BY 1, 2) t
             LEFT JOIN stock_levels l ON l.product_id = t.product_id AND l.batch_key = t.batch_key
             WHERE l.qty_milli IS NOT t.qty")?);
        let fk: i64 = self.conn().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if fk != 0 {
            problems.push(format!("{fk} foreign key problems"));
        }
        Ok(problems)
    }
}

fn parse_parked(s: &str) -> Vec<(i64, i64, Option<i64>)> {
    s.split(';')
        .filter_map(|part| {
            let mut it = part.split(':');
            let p = it.next()?.parse().ok()?;
            let q = it.next()?.parse().ok()?;
            let f = it.next().and_then(|f| f.parse().ok());
            Some((p, q, f))
        })
        .collect()
}

/// Bulk history for the demo and benchmarks: sales written directly (one transaction for many),
/// each whole, taking stock from unbatched or batch stock without the checks of a live sale.
pub fn seed_history(store: &mut Store, actor: &Actor, sales: &[(NaiveDate, DateTime<Utc>, Vec<(i64, i64, i64)>)]) -> Result<()> {
    let Some(user_id) = actor.id else { return refuse(Refusal::NoCashier) };
    // Each day's sales belong to a shift of the cashier's, opened with a float before the first
    // sale and closed after the last with the cash counted as expected (numbered Z reports), as
    // at a real counter.
    const FLOAT: i64 = 200_000;
    store.write(|tx| {
        let mut per_day: std::collections::HashMap<NaiveDate, i64> = std::collections::HashMap::new();
        let mut shift: Option<(NaiveDate, i64, i64, DateTime<Utc>)> = None; // (day, id, cash, last sale)
        let close = |tx: &Transaction, (_, id, cash, last): (NaiveDate, i64, i64, DateTime<Utc>)| -> Result<()> {
            let z: i64 = tx.query_row("SELECT coalesce(max(z_number), 0) + 1 FROM shifts", [], |r| r.get(0))?;
            tx.execute(
                "UPDATE shifts SET closed_at = ?2, counted_cash = ?3, counted_noncash = 0, expected_cash = ?3, z_number = ?4 WHERE id = ?1",
                params![id, ts(last + chrono::Duration::minutes(10)), FLOAT + cash, z],
            )?;
            Ok(())
        };
        for (day, at, lines) in sales {
            if shift.is_none_or(|s| s.0 != *day) {
                if let Some(open) = shift.take() {
                    close(tx, open)?;
                }
                tx.execute(
                    "INSERT INTO shifts(user_id, business_day, opened_at, opening_float) VALUES (?1, ?2, ?3, ?4)",
                    params![user_id, day.to_string(), ts(*at - chrono::Duration::minutes(10)), FLOAT],
                )?;
                shift = Some((*day, tx.last_insert_rowid(), 0, *at));
            }
            let shift_id = shift.as_ref().map(|s| s.1);
            let n = per_day.entry(*day).or_insert_with(|| {
                tx.query_row("SELECT count(*) FROM sales WHERE business_day = ?1", [day.to_string()], |r| r.get(0)).unwrap_or(0)
            });
            *n += 1;
            let number = format!("{}-{:04}", day.format("%Y%m%d"), n);
            let total: i64 = lines.iter().map(|(_, q, price)| cart::line_amount(*q, *price)).sum();
            tx.prepare_cached(
                "INSERT INTO sales(number, business_day, at, user_id, total, line_count, shift_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![number, day.to_string(), ts(*at), user_id, total, lines.len() as i64, shift_id])?;
            let sale_id = tx.last_insert_rowid();
            for (i, (product_id, qty, price)) in lines.iter().enumerate() {
                tx.prepare_cached(
                    "INSERT INTO sale_lines(sale_id, line_no, product_id, name, qty_milli, unit_price, amount, tax_category)
                     SELECT ?1, ?2, id, name, ?4, ?5, ?6, tax_category FROM products WHERE id = ?3",
                )?
                .execute(params![sale_id, i as i64 + 1, product_id, qty, price, cart::line_amount(*qty, *price)])?;
                let line_id = tx.last_insert_rowid();
                tx.prepare_cached(
                    "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, at, user_id, sale_id, sale_line_id, shift_id)
                     VALUES (?1, (SELECT max(batch_id) FROM stock_movements WHERE product_id = ?1 AND kind = 'receipt'), 'sale', ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![product_id, -qty, ts(*at), user_id, sale_id, line_id, shift_id])?;
            }
            tx.prepare_cached("INSERT INTO payments(sale_id, method, amount, tendered, at, user_id, shift_id) VALUES (?1, 'cash', ?2, ?2, ?3, ?4, ?5)")?
                .execute(params![sale_id, total, ts(*at), user_id, shift_id])?;
            // Each sale its entry, with the digest of what was written.
            append(tx, actor, "seed", "sales", Some(sale_id), &format!("{number}: history sale"), *at)?;
            if let Some(open) = shift.as_mut() {
                open.2 += total;
                open.3 = *at;
            }
        }
        if let Some(open) = shift.take() {
            close(tx, open)?;
        }
        Ok(())
    })
}
