//! Read models over members' money: a member's statement for a period, the year's weights for
//! the share of surplus (SHU), and the supervisor's figures for a range of days (savings in and
//! out by kind, balances, loans disbursed, installments received, outstanding principal by
//! arrears grade, new members, shop credit by age), and a member's card, entries and credit
//! as the members screen and `loket member` read them.

use super::loans::{Loan, PaymentLine};
use super::members::{card_by, card_in, entry_row, Entry, MemberCard};
use rusqlite::params;
use super::{Result, Store};
use crate::domain::arrears::{Grade, Thresholds};
use crate::domain::loans::{self, Standing};
use crate::domain::savings::{self, Aged, Kind};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A credit sale of a member: day, sale number, amount.
pub type CreditSale = (NaiveDate, String, i64);
/// A repayment of shop credit: day, amount, method.
pub type Repayment = (NaiveDate, i64, String);

/// A loan with its schedule as it stands and its payments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanStatement {
    pub loan: Loan,
    pub standing: Vec<Standing>,
    pub payments: Vec<PaymentLine>,
    pub principal_left: i64,
    pub days_overdue: i64,
}

/// A member's statement for `from..=to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub card: MemberCard,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Balance of each kind (pokok, wajib, sukarela) before `from`, and at the end of `to`.
    pub opening: [i64; 3],
    pub closing: [i64; 3],
    pub entries: Vec<Entry>,
    /// Shop credit in the period: credit sales (day, sale, amount) and repayments (day, amount, method).
    pub credit_sales: Vec<CreditSale>,
    pub repayments: Vec<Repayment>,
    pub loans: Vec<LoanStatement>,
}

/// One member's line of the SHU weights for a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShuLine {
    pub member_id: i64,
    pub member_no: String,
    pub name: String,
    /// Sum of the 12 month-end balances of pokok and wajib (their average times 12).
    pub savings_months: i64,
    pub purchases: i64,
    pub loan_interest: i64,
}

/// The supervisor's figures over members for a range of days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MemberFigures {
    pub from: String,
    pub to: String,
    pub members_active: i64,
    pub new_members: i64,
    /// Per kind: (money in, money out) in the range, and the balance at the end of `to`.
    pub savings: Vec<(Kind, i64, i64, i64)>,
    pub loans_disbursed: (i64, i64),
    /// Installments received: count, amount, late fees, interest, principal.
    pub installments: (i64, i64, i64, i64, i64),
    /// Outstanding principal and loans by grade at the end of `to`.
    pub outstanding: Vec<(Grade, i64, i64)>,
    pub credit_repaid: i64,
    /// Members owing shop credit: number, name, phone, by age.
    pub credit: Vec<(String, String, String, Aged)>,
}

fn loan_statement(store: &Store, loan: Loan, day: NaiveDate) -> Result<LoanStatement> {
    let standing = store.loan_standing(loan.id)?;
    let payments = store.loan_payments(loan.id)?;
    let principal_left = if loan.status == "paid" { 0 } else { standing.iter().map(|s| s.line.principal - s.paid.principal).sum::<i64>() };
    let principal_left = if standing.is_empty() { 0 } else { principal_left };
    let days_overdue = if loan.status == "active" { loans::days_overdue(&standing, day) } else { 0 };
    Ok(LoanStatement { loan, standing, payments, principal_left, days_overdue })
}

impl Store {
    pub fn statement(&self, member_id: i64, from: NaiveDate, to: NaiveDate) -> Result<Statement> {
        let card = card_in(self.conn(), member_id)?;
        let all = self.savings_entries(member_id, NaiveDate::MIN, to)?;
        let mut opening = [0; 3];
        let mut closing = [0; 3];
        let mut entries = Vec::new();
        for e in all {
            closing[e.kind as usize] += e.amount;
            if e.business_day < from {
                opening[e.kind as usize] += e.amount;
            } else {
                entries.push(e);
            }
        }
        let (credits, repaid) = self.member_credit(member_id)?;
        let within = |d: &NaiveDate| *d >= from && *d <= to;
        let credit_sales = credits.into_iter().filter(|c| within(&c.0)).collect();
        let repayments = repaid.into_iter().filter(|r| within(&r.0)).collect();
        let mut loans = Vec::new();
        for l in self.loans_of(member_id)? {
            loans.push(loan_statement(self, l, to)?);
        }
        Ok(Statement { card, from, to, opening, closing, entries, credit_sales, repayments, loans })
    }

    /// The weights of every member for the year's SHU, by member number (a member made by the
    /// sale screen before joining was recorded counts from its record's day).
    pub fn shu_lines(&self, year: i32) -> Result<Vec<ShuLine>> {
        let start = format!("{year:04}-01-01");
        let end = format!("{year:04}-12-31");
        let conn = self.conn();
        // An entry counts at every month end on or after its day within the year: 12 before the
        // year, 13 - month within it.
        let mut st = conn.prepare(
            "SELECT m.id, m.member_no, m.name,
                coalesce((SELECT sum(e.amount * CASE WHEN e.business_day < ?1 THEN 12 ELSE 13 - CAST(substr(e.business_day, 6, 2) AS INTEGER) END)
                          FROM savings_entries e WHERE e.member_id = m.id AND e.kind IN ('pokok','wajib') AND e.business_day <= ?2), 0),
                coalesce((SELECT sum(s.total) FROM sales s WHERE s.member_id = m.id AND s.status = 'paid' AND s.business_day BETWEEN ?1 AND ?2), 0)
              - coalesce((SELECT sum(r.amount) FROM sale_returns r JOIN sales s ON s.id = r.sale_id
                          WHERE s.member_id = m.id AND s.status = 'paid' AND r.whole_sale = 0 AND s.business_day BETWEEN ?1 AND ?2), 0),
                coalesce((SELECT sum(p.interest) FROM loans l JOIN loan_payments y ON y.loan_id = l.id JOIN loan_payment_parts p ON p.payment_id = y.id
                          WHERE l.member_id = m.id AND y.business_day BETWEEN ?1 AND ?2), 0)
             FROM members m WHERE coalesce(m.joined_on, substr(m.created_at, 1, 10)) <= ?2 ORDER BY m.member_no",
        )?;
        let rows = st.query_map([&start, &end], |r| {
            Ok(ShuLine { member_id: r.get(0)?, member_no: r.get(1)?, name: r.get(2)?, savings_months: r.get(3)?, purchases: r.get(4)?, loan_interest: r.get(5)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What must always hold, read from the rows (the crash test and `loket member check`): a
    /// loan payment equals the sum of its split; no installment is paid beyond its schedule; a
    /// paid loan's principal is paid in full; no savings balance is below zero; no reversal
    /// reverses a reversal.
    pub fn check_members(&self) -> Result<Vec<String>> {
        let conn = self.conn();
        let mut out = Vec::new();
        let checks: [(&str, &str); 5] = [
            ("payment split", "SELECT y.id FROM loan_payments y WHERE y.amount != (SELECT coalesce(sum(late_fee + interest + principal), 0) FROM loan_payment_parts p WHERE p.payment_id = y.id)"),
            ("paid beyond the schedule", "SELECT s.loan_id * 1000 + s.no FROM loan_schedule s WHERE
                (SELECT coalesce(sum(p.principal), 0) FROM loan_payment_parts p WHERE p.loan_id = s.loan_id AND p.installment_no = s.no) > s.principal
             OR (SELECT coalesce(sum(p.interest), 0) FROM loan_payment_parts p WHERE p.loan_id = s.loan_id AND p.installment_no = s.no) > s.interest"),
            ("paid loan with principal left", "SELECT l.id FROM loans l WHERE l.status = 'paid' AND l.principal != (SELECT coalesce(sum(principal), 0) FROM loan_payment_parts p WHERE p.loan_id = l.id)"),
            ("balance below zero", "SELECT member_id FROM savings_entries GROUP BY member_id, kind HAVING sum(amount) < 0"),
            ("reversal of a reversal", "SELECT e.id FROM savings_entries e JOIN savings_entries r ON r.id = e.reverses WHERE r.reverses IS NOT NULL"),
        ];
        for (what, sql) in checks {
            let mut st = conn.prepare(sql)?;
            for id in st.query_map([], |r| r.get::<_, i64>(0))? {
                out.push(format!("{what}: {}", id?));
            }
        }
        Ok(out)
    }

    pub fn member_figures(&self, from: NaiveDate, to: NaiveDate, grades: &Thresholds) -> Result<MemberFigures> {
        let conn = self.conn();
        let (f, t) = (from.to_string(), to.to_string());
        let mut out = MemberFigures { from: f.clone(), to: t.clone(), ..Default::default() };
        // Members made by the sale screen for credit (before migration 26) count from their record's day.
        out.members_active = conn.query_row("SELECT count(*) FROM members WHERE status = 'active'", [], |r| r.get(0))?;
        out.new_members =
            conn.query_row("SELECT count(*) FROM members WHERE coalesce(joined_on, substr(created_at, 1, 10)) BETWEEN ?1 AND ?2", [&f, &t], |r| r.get(0))?;
        let mut by_kind: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
        let mut st = conn.prepare_cached(
            "SELECT kind, coalesce(sum(CASE WHEN amount > 0 AND business_day >= ?1 THEN amount END), 0),
                    coalesce(sum(CASE WHEN amount < 0 AND business_day >= ?1 THEN -amount END), 0), sum(amount)
             FROM savings_entries WHERE business_day <= ?2 GROUP BY kind",
        )?;
        for r in st.query_map([&f, &t], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))? {
            let (k, a, b, c) = r?;
            by_kind.insert(k, (a, b, c));
        }
        out.savings = Kind::ALL.iter().map(|k| {
            let (a, b, c) = by_kind.get(k.code()).copied().unwrap_or_default();
            (*k, a, b, c)
        }).collect();
        out.loans_disbursed = conn.query_row("SELECT count(*), coalesce(sum(principal), 0) FROM loans WHERE disbursed_on BETWEEN ?1 AND ?2", [&f, &t], |r| Ok((r.get(0)?, r.get(1)?)))?;
        out.installments = conn.query_row(
            "SELECT count(DISTINCT y.id), coalesce(sum(p.late_fee + p.interest + p.principal), 0), coalesce(sum(p.late_fee), 0), coalesce(sum(p.interest), 0), coalesce(sum(p.principal), 0)
             FROM loan_payments y JOIN loan_payment_parts p ON p.payment_id = y.id WHERE y.business_day BETWEEN ?1 AND ?2",
            [&f, &t],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let mut graded: BTreeMap<Grade, (i64, i64)> = BTreeMap::new();
        for loan in self.loans_in_state(&["active"])? {
            if loan.disbursed_on.is_some_and(|d| d > to) {
                continue;
            }
            let ls = loan_statement(self, loan, to)?;
            let g = graded.entry(grades.grade(ls.days_overdue)).or_default();
            g.0 += 1;
            g.1 += ls.principal_left;
        }
        out.outstanding = Grade::ALL.iter().map(|g| {
            let (n, p) = graded.get(g).copied().unwrap_or_default();
            (*g, n, p)
        }).collect();
        out.credit_repaid = conn.query_row("SELECT coalesce(sum(amount), 0) FROM credit_repayments WHERE business_day BETWEEN ?1 AND ?2", [&f, &t], |r| r.get(0))?;
        let mut st = conn.prepare_cached(&format!(
            "SELECT m.id, m.member_no, m.name, coalesce(p.phone, ''), {} AS repaid FROM members m LEFT JOIN patients p ON p.id = m.patient_id
             WHERE {} - {} > 0 ORDER BY m.member_no",
            super::members::CREDIT_REPAID,
            super::members::CREDIT_TAKEN,
            super::members::CREDIT_REPAID
        ))?;
        let owing: Vec<(i64, String, String, String, i64)> =
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<rusqlite::Result<_>>()?;
        for (id, no, name, phone, repaid) in owing {
            let (credits, _) = self.member_credit(id)?;
            let c: Vec<(NaiveDate, i64)> = credits.into_iter().map(|(d, _, a)| (d, a)).collect();
            out.credit.push((no, name, phone, savings::age_credit(&c, repaid, to)));
        }
        Ok(out)
    }
}

/// A member and their own records, for the members screen, the statement and the shell.
impl Store {
    pub fn member_card(&self, id: i64) -> Result<Option<MemberCard>> {
        card_by(self.conn(), "m.id = ?1", &id)
    }

    /// A member by member number, or by the person's record number or NIK.
    pub fn find_member(&self, code: &str) -> Result<Option<MemberCard>> {
        let code = code.trim();
        if let Some(c) = card_by(self.conn(), "m.member_no = ?1 COLLATE NOCASE", &code)? {
            return Ok(Some(c));
        }
        card_by(self.conn(), "m.patient_id = (SELECT id FROM patients WHERE (rm_number = ?1 COLLATE NOCASE OR nik = ?1) AND merged_into IS NULL LIMIT 1)", &code)
    }

    /// Members whose name starts with or contains `name` (the members screen's search).
    pub fn members_named(&self, name: &str, limit: usize) -> Result<Vec<MemberCard>> {
        let ids: Vec<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM members WHERE name LIKE '%' || ?1 || '%' ORDER BY name COLLATE NOCASE LIMIT ?2")?
            .query_map(params![name.trim(), limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().filter_map(|id| self.member_card(id).transpose()).collect()
    }

    /// A member's savings entries of a period, oldest first, each with its balance after it.
    pub fn savings_entries(&self, member_id: i64, from: NaiveDate, to: NaiveDate) -> Result<Vec<Entry>> {
        let mut st = self.conn().prepare_cached(
            "SELECT e.id, e.member_id, e.kind, e.amount, e.method, e.at, e.business_day, u.name, a.name, e.reverses, e.note,
                    sum(e.amount) OVER (PARTITION BY e.kind ORDER BY e.id)
             FROM savings_entries e JOIN users u ON u.id = e.user_id LEFT JOIN users a ON a.id = e.approved_by
             WHERE e.member_id = ?1 ORDER BY e.id",
        )?;
        let rows = st.query_map([member_id], entry_row)?;
        let (from, to) = (from, to);
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.into_iter().filter(|e| e.business_day >= from && e.business_day <= to).collect())
    }

    /// Shop credit of a member: each credit sale (day, sale number, amount) and each repayment
    /// (day, amount, method), all time, oldest first.
    pub fn member_credit(&self, member_id: i64) -> Result<(Vec<CreditSale>, Vec<Repayment>)> {
        let mut st = self.conn().prepare_cached(
            "SELECT s.business_day, s.number, sum(CASE WHEN y.kind = 'payment' THEN y.amount ELSE -y.amount END)
             FROM sales s JOIN payments y ON y.sale_id = s.id WHERE s.member_id = ?1 AND y.method = 'member_credit' GROUP BY s.id ORDER BY s.id",
        )?;
        let credits = st
            .query_map([member_id], |r| Ok((r.get::<_, String>(0)?.parse().unwrap_or_default(), r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self.conn().prepare_cached("SELECT business_day, amount, method FROM credit_repayments WHERE member_id = ?1 ORDER BY id")?;
        let repaid = st
            .query_map([member_id], |r| Ok((r.get::<_, String>(0)?.parse().unwrap_or_default(), r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((credits, repaid))
    }
}
