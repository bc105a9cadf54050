//! Sales: a paid sale is written whole in one transaction (lines, prescriptions, payments, stock
//! movements by batch first-expiry-first-out, its receipt and label print jobs, the audit entry),
//! or not at all. Voids and returns add rows; the original sale stays, marked. Members, their
//! credit, and parked sales live here too.

use super::audit::{append, Actor};
use super::stock::{batch_stock, product_by_id, Product};
use super::{ts, Result, Store, StoreError};
use crate::domain::cart::{self, PayError, Priced, QtyError, TaxCategory, Tender};
use crate::domain::drug_policy::{self, DrugClass, Policy, Prescription, Verdict};
use crate::domain::fefo::{self, PickError, Take};
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub member_no: String,
    pub name: String,
    pub patient_id: Option<i64>,
    /// Its own limit; None: the site's default.
    pub credit_limit: Option<i64>,
    /// Credit taken and not returned.
    pub credit_used: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLine {
    pub product_id: i64,
    pub qty_milli: i64,
    /// A price-embedded weighed code fixes the line's amount.
    pub fixed_amount: Option<i64>,
    pub prescription: Option<Prescription>,
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoldLine {
    pub line_no: i64,
    pub product: Product,
    pub qty_milli: i64,
    pub unit_price: i64,
    pub amount: i64,
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
    pub total: i64,
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

fn refuse<T>(r: Refusal) -> Result<T> {
    Err(StoreError::Sale(r))
}

fn member_by(tx: &rusqlite::Connection, cond: &str, arg: &dyn rusqlite::ToSql) -> Result<Option<Member>> {
    let sql = format!(
        "SELECT m.id, m.member_no, m.name, m.patient_id, m.credit_limit,
         coalesce((SELECT sum(CASE WHEN y.kind = 'payment' THEN y.amount ELSE -y.amount END) FROM payments y JOIN sales s ON s.id = y.sale_id
                   WHERE s.member_id = m.id AND y.method = 'member_credit'), 0)
         FROM members m WHERE m.active = 1 AND {cond}"
    );
    Ok(tx
        .prepare_cached(&sql)?
        .query_row([arg], |r| {
            Ok(Member { id: r.get(0)?, member_no: r.get(1)?, name: r.get(2)?, patient_id: r.get(3)?, credit_limit: r.get(4)?, credit_used: r.get(5)? })
        })
        .optional()?)
}

fn next_number(tx: &Transaction, day: NaiveDate) -> Result<String> {
    let prefix = day.format("%Y%m%d").to_string();
    let n: i64 = tx.query_row("SELECT count(*) + 1 FROM sales WHERE business_day = ?1", [day.to_string()], |r| r.get(0))?;
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
        self.write(|tx| commit_sale_in(tx, actor, sale, rules, now))
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
        problems.extend(q("SELECT 'lines: ' || s.number FROM sales s WHERE s.line_count != (SELECT count(*) FROM sale_lines l WHERE l.sale_id = s.id)
             OR s.total != (SELECT coalesce(sum(amount), 0) FROM sale_lines l WHERE l.sale_id = s.id)")?);
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

/// Void a whole sale (`line` None) or return part of one line, approved by a supervisor:
/// stock goes back to the batches it came from, the money back by the way it was paid (a
/// partial return in cash, or member credit when the sale used it). Returns the refund.
#[allow(clippy::too_many_arguments)]
pub fn void_or_return_in(tx: &Transaction, actor: &Actor, approver: &crate::store::users::User, number: &str, line: Option<(i64, i64)>, reason: &str, shift_id: Option<i64>, now: DateTime<Utc>) -> Result<i64> {
    let Some(user_id) = actor.id else { return refuse(Refusal::NoCashier) };
    if !approver.role.approves() {
        return refuse(Refusal::NotSupervisor);
    }
    let head: Option<(i64, String)> = tx
        .query_row("SELECT id, status FROM sales WHERE number = ?1", [number.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((sale_id, status)) = head else { return refuse(Refusal::NoSuchSale(number.trim().into())) };
    if status == "voided" {
        return refuse(Refusal::AlreadyVoided(number.trim().into()));
    }
    let mut st = tx.prepare("SELECT id, line_no, name, qty_milli, returned_milli, amount FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no")?;
    let lines: Vec<(i64, i64, String, i64, i64, i64)> =
        st.query_map([sale_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?.collect::<rusqlite::Result<_>>()?;
    // (line id, quantity to return now, refund for it)
    let mut back = Vec::new();
    match line {
        None => {
            for (id, _, _, qty, returned, amount) in &lines {
                let left = qty - returned;
                if left > 0 {
                    back.push((*id, left, amount - amount * returned / qty));
                }
            }
        }
        Some((line_no, qty)) => {
            let Some((id, _, name, sold, returned, amount)) = lines.iter().find(|l| l.1 == line_no) else {
                return refuse(Refusal::NoSuchSale(format!("{} #{line_no}", number.trim())));
            };
            let left = sold - returned;
            if qty <= 0 || qty > left {
                return refuse(Refusal::ReturnTooMuch { name: name.clone(), left });
            }
            // The refund is the line's amount for what comes back, rounded half up.
            let refund = ((*amount as i128 * qty as i128 * 2 + *sold as i128) / (2 * *sold as i128)) as i64;
            back.push((*id, qty, refund));
        }
    }
    let mut refund_total = 0;
    for (line_id, qty, refund) in &back {
        // Back to the batches it came from, the latest-expiring first.
        let mut st = tx.prepare(
            "SELECT m.product_id, m.batch_id, -sum(m.qty_milli) FROM stock_movements m LEFT JOIN batches b ON b.id = m.batch_id
             WHERE m.sale_line_id = ?1 GROUP BY m.batch_id ORDER BY b.expiry DESC",
        )?;
        let taken: Vec<(i64, Option<i64>, i64)> = st.query_map([line_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut left = *qty;
        for (product_id, batch_id, out) in taken {
            let n = out.min(left);
            if n <= 0 {
                continue;
            }
            tx.execute(
                "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, reason, at, user_id, sale_id, sale_line_id, shift_id)
                 VALUES (?1, ?2, 'return', ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![product_id, batch_id, n, reason, ts(now), user_id, sale_id, line_id, shift_id],
            )?;
            left -= n;
        }
        tx.execute("UPDATE sale_lines SET returned_milli = returned_milli + ?2 WHERE id = ?1", params![line_id, qty])?;
        refund_total += refund;
    }
    // Money back: member credit first when the sale used it, the rest in cash.
    let credit: i64 = tx.query_row(
        "SELECT coalesce(sum(CASE WHEN kind = 'payment' THEN amount ELSE -amount END), 0) FROM payments WHERE sale_id = ?1 AND method = 'member_credit'",
        [sale_id],
        |r| r.get(0),
    )?;
    let to_credit = credit.min(refund_total).max(0);
    for (method, amount) in [("member_credit", to_credit), ("cash", refund_total - to_credit)] {
        if amount > 0 {
            tx.execute(
                "INSERT INTO payments(sale_id, kind, method, amount, at, user_id, shift_id) VALUES (?1, 'refund', ?2, ?3, ?4, ?5, ?6)",
                params![sale_id, method, amount, ts(now), user_id, shift_id],
            )?;
        }
    }
    let whole = line.is_none();
    tx.execute(
        "INSERT INTO sale_returns(sale_id, at, user_id, approved_by, reason, amount, whole_sale) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![sale_id, ts(now), user_id, approver.id, reason, refund_total, whole as i64],
    )?;
    if whole {
        tx.execute(
            "UPDATE sales SET status = 'voided', voided_at = ?2, voided_by = ?3, approved_by = ?4, void_reason = ?5 WHERE id = ?1",
            params![sale_id, ts(now), user_id, approver.id, reason],
        )?;
    }
    let what = if whole { "void" } else { "return" };
    append(tx, actor, what, "sales", Some(sale_id), &format!("{number} approved by {}: {reason} ({refund_total})", approver.name), now)?;
    Ok(refund_total)
}

/// Check and write a paid sale, whole, inside the caller's transaction: any refusal rolls
/// everything back.
pub fn commit_sale_in(tx: &Transaction, actor: &Actor, sale: &NewSale, rules: &SaleRules, now: DateTime<Utc>) -> Result<CommittedSale> {
    let Some(user_id) = actor.id else { return refuse(Refusal::NoCashier) };
    if sale.lines.is_empty() {
        return refuse(Refusal::Empty);
    }
    let today = sale.business_day;
    let member = match sale.member_id {
        Some(id) => member_by(tx, "m.id = ?1", &id)?,
        None => None,
    };
    // Price and check every line against the store as it is now.
    let mut sold = Vec::with_capacity(sale.lines.len());
    let mut priced = Vec::with_capacity(sale.lines.len());
    for (i, l) in sale.lines.iter().enumerate() {
        let Some(product) = product_by_id(tx, l.product_id)? else { return refuse(Refusal::UnknownProduct) };
        if !product.active {
            return refuse(Refusal::Inactive(product.name));
        }
        if let Err(e) = cart::check_qty(l.qty_milli, product.by_piece() && l.fixed_amount.is_none()) {
            return refuse(Refusal::Quantity(product.name, e));
        }
        if let Some(d) = &product.drug {
            let class = d.class;
            let verdict = drug_policy::check(&rules.policy, class, rules.pharmacist, l.prescription.is_some());
            if verdict != Verdict::Allowed {
                return refuse(Refusal::Drug { name: product.name, class, verdict });
            }
        }
        let batches = batch_stock(tx, product.id)?;
        let fefo_rules = fefo::Rules { allow_negative: product.allow_negative, ..rules.fefo };
        let picked = match fefo::pick(&batches, l.qty_milli, today, fefo_rules) {
            Ok(p) => p,
            Err(PickError::Short { available, expired }) => return refuse(Refusal::OutOfStock { name: product.name, available, expired }),
        };
        let p = Priced {
            qty_milli: l.qty_milli,
            price: product.price,
            member_price: product.member_price,
            fixed_amount: l.fixed_amount,
            tax: TaxCategory::parse(&product.tax_category).unwrap_or(TaxCategory::Standard),
        };
        let unit_price = cart::unit_price(&p, member.is_some());
        let amount = cart::amount(&p, member.is_some());
        priced.push(p);
        sold.push(SoldLine { line_no: i as i64 + 1, product, qty_milli: l.qty_milli, unit_price, amount, takes: picked.takes, prescription: l.prescription.clone() });
    }
    let totals = cart::totals(&priced, member.is_some(), rules.charges_vat);
    let credit_available = member.as_ref().map(|m| m.credit_limit.unwrap_or(rules.credit_limit) - m.credit_used);
    let settlement = cart::settle(totals.total, &sale.tenders, credit_available).map_err(|e| StoreError::Sale(Refusal::Payment(e)))?;
    let number = next_number(tx, today)?;
    tx.execute(
        "INSERT INTO sales(number, business_day, at, user_id, shift_id, member_id, patient_id, total, vat, change_given, line_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![number, today.to_string(), ts(now), user_id, sale.shift_id, member.as_ref().map(|m| m.id), sale.patient_id, totals.total, totals.vat, settlement.change, sold.len() as i64],
    )?;
    let sale_id = tx.last_insert_rowid();
    for l in &sold {
        let prescription_id = match &l.prescription {
            Some(rx) => {
                tx.execute(
                    "INSERT INTO prescriptions(prescriber, written_on, number, patient_name, directions, patient_id, recorded_at, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![rx.prescriber, rx.written_on.to_string(), rx.number, rx.patient, rx.directions, sale.patient_id, ts(now), user_id],
                )?;
                Some(tx.last_insert_rowid())
            }
            None => None,
        };
        tx.prepare_cached(
            "INSERT INTO sale_lines(sale_id, line_no, product_id, name, qty_milli, unit_price, amount, tax_category, member_price, prescription_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            sale_id,
            l.line_no,
            l.product.id,
            l.product.name,
            l.qty_milli,
            l.unit_price,
            l.amount,
            l.product.tax_category,
            (member.is_some() && l.product.member_price.is_some()) as i64,
            prescription_id
        ])?;
        let line_id = tx.last_insert_rowid();
        for t in &l.takes {
            tx.prepare_cached(
                "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, at, user_id, sale_id, sale_line_id, shift_id)
                 VALUES (?1, ?2, 'sale', ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![l.product.id, t.batch_id, -t.qty_milli, ts(now), user_id, sale_id, line_id, sale.shift_id])?;
        }
    }
    for (t, counts) in &settlement.applied {
        tx.prepare_cached(
            "INSERT INTO payments(sale_id, method, amount, tendered, reference, at, user_id, shift_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![sale_id, t.method.code(), counts, t.amount, t.reference, ts(now), user_id, sale.shift_id])?;
    }
    append(tx, actor, "sell", "sales", Some(sale_id), &format!("{number}: {} lines, total {}", sold.len(), totals.total), now)?;
    let committed = CommittedSale {
        id: sale_id,
        number,
        at: now,
        cashier: actor.name.clone(),
        lines: sold,
        total: totals.total,
        vat: totals.vat,
        vat_base: totals.vat_base,
        change: settlement.change,
        payments: settlement.applied,
        member,
    };
    Ok(committed)
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
    store.write(|tx| {
        let mut per_day: std::collections::HashMap<NaiveDate, i64> = std::collections::HashMap::new();
        for (day, at, lines) in sales {
            let n = per_day.entry(*day).or_insert_with(|| {
                tx.query_row("SELECT count(*) FROM sales WHERE business_day = ?1", [day.to_string()], |r| r.get(0)).unwrap_or(0)
            });
            *n += 1;
            let number = format!("{}-{:04}", day.format("%Y%m%d"), n);
            let total: i64 = lines.iter().map(|(_, q, price)| cart::line_amount(*q, *price)).sum();
            tx.prepare_cached(
                "INSERT INTO sales(number, business_day, at, user_id, total, line_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![number, day.to_string(), ts(*at), user_id, total, lines.len() as i64])?;
            let sale_id = tx.last_insert_rowid();
            for (i, (product_id, qty, price)) in lines.iter().enumerate() {
                tx.prepare_cached(
                    "INSERT INTO sale_lines(sale_id, line_no, product_id, name, qty_milli, unit_price, amount, tax_category)
                     SELECT ?1, ?2, id, name, ?4, ?5, ?6, tax_category FROM products WHERE id = ?3",
                )?
                .execute(params![sale_id, i as i64 + 1, product_id, qty, price, cart::line_amount(*qty, *price)])?;
                let line_id = tx.last_insert_rowid();
                tx.prepare_cached(
                    "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, at, user_id, sale_id, sale_line_id)
                     VALUES (?1, (SELECT max(batch_id) FROM stock_movements WHERE product_id = ?1 AND kind = 'receipt'), 'sale', ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![product_id, -qty, ts(*at), user_id, sale_id, line_id])?;
            }
            tx.prepare_cached("INSERT INTO payments(sale_id, method, amount, tendered, at, user_id) VALUES (?1, 'cash', ?2, ?2, ?3, ?4)")?
                .execute(params![sale_id, total, ts(*at), user_id])?;
            // Each sale its entry, with the digest of what was written.
            append(tx, actor, "seed", "sales", Some(sale_id), &format!("{number}: history sale"), *at)?;
        }
        Ok(())
    })
}
