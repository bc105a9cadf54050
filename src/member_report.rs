//! Members' figures laid out: a member's statement (screen and `loket member statement`) as text
//! and CSV, the supervisor's members/savings/loans figures as text, CSV and JSON, and the SHU
//! list per member. The figures come from `store::member_figures`; this module only lays them
//! out. CSV columns are named by fixed codes (for scripts); amounts are whole rupiah.

use crate::domain::csv::record;
use crate::domain::money::format_rupiah as rp;
use crate::domain::savings::Kind;
use crate::domain::shu::Division;
use crate::store::member_figures::{MemberFigures, ShuLine, Statement};
use crate::text::Text;

fn d(day: chrono::NaiveDate) -> String {
    day.format("%d-%m-%Y").to_string()
}

/// One CSV record with its line end.
fn row(cells: &[&str]) -> String {
    record(&cells.iter().map(|c| c.to_string()).collect::<Vec<_>>()) + "\n"
}

/// The statement as lines of text, in the user's language.
pub fn statement_text(t: &Text, s: &Statement, wajib_owed: i64) -> Vec<String> {
    let c = &s.card;
    let mut out = vec![
        format!("{} {} - {}", t.statement_title(), d(s.from), d(s.to)),
        format!("{}: {}   {}: {}", t.member_no_label(), c.member_no, t.member_name_label(), c.name),
        String::new(),
    ];
    for k in Kind::ALL {
        out.push(format!("{:<28} {:>16}", t.savings_kind(k), rp(s.closing[k as usize])));
        out.push(format!("  {:<26} {:>16}", t.opening_label(), rp(s.opening[k as usize])));
        for e in s.entries.iter().filter(|e| e.kind == k) {
            let what = if e.reverses.is_some() { t.savings_reversal_title().to_string() } else { t.member_method(&e.method).to_string() };
            out.push(format!("  {} {:<15} {:>16} {:>16}", d(e.business_day), what, rp(e.amount), rp(e.balance_after)));
        }
    }
    out.push(format!("{:<28} {:>16}", t.wajib_owed_label(), t.months_text(wajib_owed)));
    out.push(String::new());
    out.push(format!("{:<28} {:>16}", t.credit_owed_label(), rp(c.credit_owed)));
    for (day, no, a) in &s.credit_sales {
        out.push(format!("  {} {:<15} {:>16}", d(*day), no, rp(*a)));
    }
    for (day, a, m) in &s.repayments {
        out.push(format!("  {} {:<15} {:>16}", d(*day), t.member_method(m), rp(-a)));
    }
    for l in &s.loans {
        out.push(String::new());
        out.push(format!("{} {} ({}) {}", l.loan.number, l.loan.product, t.loan_status(&l.loan.status), rp(l.loan.terms.principal)));
        out.push(format!("  {}: {}", t.loan_rate_label(), t.rate_text(l.loan.terms.rate_bp, l.loan.terms.method)));
        for i in &l.standing {
            let paid = i.is_paid();
            out.push(format!(
                "  {:>2}. {} {:>14} {:>12} {:>14}{}",
                i.line.no,
                d(i.line.due),
                rp(i.line.principal),
                rp(i.line.interest),
                rp(i.line.remaining),
                if paid { " ✓" } else { "" }
            ));
        }
        for p in &l.payments {
            out.push(format!(
                "  {} {:>14}  {} {}  {} {}  {} {}",
                d(p.day),
                rp(p.amount),
                t.late_fee_label(),
                rp(p.parts.late_fee),
                t.interest_label(),
                rp(p.parts.interest),
                t.principal_label(),
                rp(p.parts.principal)
            ));
        }
        out.push(format!("  {}: {}", t.principal_left_label(), rp(l.principal_left)));
    }
    out
}

/// The statement as CSV: one row per entry, credit movement, installment and payment.
pub fn statement_csv(s: &Statement) -> String {
    let mut out = row(&["section", "date", "what", "amount", "balance", "late_fee", "interest", "principal"]);
    for k in Kind::ALL {
        out += &row(&[k.code(), &s.from.to_string(), "opening", "", &s.opening[k as usize].to_string(), "", "", ""]);
        for e in s.entries.iter().filter(|e| e.kind == k) {
            let what = if e.reverses.is_some() { "reversal" } else { e.method.as_str() };
            out += &row(&[k.code(), &e.business_day.to_string(), what, &e.amount.to_string(), &e.balance_after.to_string(), "", "", ""]);
        }
    }
    for (day, no, a) in &s.credit_sales {
        out += &row(&["credit", &day.to_string(), no, &a.to_string(), "", "", "", ""]);
    }
    for (day, a, m) in &s.repayments {
        out += &row(&["credit", &day.to_string(), &format!("repay {m}"), &(-a).to_string(), "", "", "", ""]);
    }
    out += &row(&["credit", &s.to.to_string(), "owed", "", &s.card.credit_owed.to_string(), "", "", ""]);
    for l in &s.loans {
        let sec = format!("loan {}", l.loan.number);
        for i in &l.standing {
            out += &row(&[&sec, &i.line.due.to_string(), &format!("due {}", i.line.no), &i.line.total().to_string(), &i.line.remaining.to_string(), "", &i.line.interest.to_string(), &i.line.principal.to_string()]);
        }
        for p in &l.payments {
            out += &row(&[&sec, &p.day.to_string(), &p.kind, &p.amount.to_string(), "", &p.parts.late_fee.to_string(), &p.parts.interest.to_string(), &p.parts.principal.to_string()]);
        }
    }
    out
}

/// Which of the supervisor's member figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Members,
    Savings,
    Loans,
}

pub fn figures_text(t: &Text, f: &MemberFigures, part: Part) -> Vec<String> {
    let day = |s: &str| s.parse::<chrono::NaiveDate>().map(d).unwrap_or_else(|_| s.to_string());
    let mut out = vec![t.report_period(&day(&f.from), &day(&f.to)), String::new()];
    match part {
        Part::Members => {
            out.push(t.report_members_line(f.members_active, f.new_members));
            out.push(String::new());
            out.push(t.report_credit_head().to_string());
            if f.credit.is_empty() {
                out.push(format!("  {}", t.report_none()));
            }
            for (no, name, phone, a) in &f.credit {
                out.push(format!("  {no:<12} {:<20} {phone:<14} {:>12} {:>12} {:>12}", name.chars().take(20).collect::<String>(), rp(a.upto_30), rp(a.upto_60), rp(a.over_60)));
            }
            out.push(format!("  {}: {}", t.report_credit_repaid(), rp(f.credit_repaid)));
        }
        Part::Savings => {
            out.push(t.report_savings_head().to_string());
            for (k, i, o, b) in &f.savings {
                out.push(format!("  {:<24} {:>14} {:>14} {:>16}", t.savings_kind(*k), rp(*i), rp(-o), rp(*b)));
            }
        }
        Part::Loans => {
            out.push(t.report_loans_disbursed(f.loans_disbursed.0, &rp(f.loans_disbursed.1)));
            let (n, a, fee, int, pr) = f.installments;
            out.push(t.report_installments(n, &rp(a), &rp(fee), &rp(int), &rp(pr)));
            out.push(String::new());
            out.push(t.report_outstanding_head().to_string());
            for (g, n, p) in &f.outstanding {
                out.push(format!("  {:<24} {:>5} {:>16}", t.grade(*g), n, rp(*p)));
            }
        }
    }
    out
}

/// All three parts under one heading, for the supervisor's F9 view and the SSH view.
pub fn figures_all_text(t: &Text, f: &MemberFigures) -> Vec<String> {
    let mut out = vec![t.members_title().to_string()];
    for part in [Part::Savings, Part::Loans, Part::Members] {
        out.extend(figures_text(t, f, part).into_iter().skip(2));
        out.push(String::new());
    }
    out
}

pub fn figures_csv(f: &MemberFigures, part: Part) -> String {
    match part {
        Part::Members => {
            let mut out = row(&["member_no", "name", "phone", "owed_0_30", "owed_31_60", "owed_over_60"]);
            for (no, name, phone, a) in &f.credit {
                out += &row(&[no, name, phone, &a.upto_30.to_string(), &a.upto_60.to_string(), &a.over_60.to_string()]);
            }
            out
        }
        Part::Savings => {
            let mut out = row(&["kind", "in", "out", "balance"]);
            for (k, i, o, b) in &f.savings {
                out += &row(&[k.code(), &i.to_string(), &o.to_string(), &b.to_string()]);
            }
            out
        }
        Part::Loans => {
            let mut out = row(&["grade", "loans", "principal_outstanding"]);
            for (g, n, p) in &f.outstanding {
                out += &row(&[g.code(), &n.to_string(), &p.to_string()]);
            }
            out
        }
    }
}

pub fn figures_json(f: &MemberFigures, part: Part) -> String {
    use serde_json::json;
    let v = match part {
        Part::Members => json!({
            "from": f.from, "to": f.to, "members_active": f.members_active, "new_members": f.new_members, "credit_repaid": f.credit_repaid,
            "credit": f.credit.iter().map(|(no, name, phone, a)| json!({"member_no": no, "name": name, "phone": phone,
                "owed_0_30": a.upto_30, "owed_31_60": a.upto_60, "owed_over_60": a.over_60})).collect::<Vec<_>>(),
        }),
        Part::Savings => json!({
            "from": f.from, "to": f.to,
            "savings": f.savings.iter().map(|(k, i, o, b)| json!({"kind": k.code(), "in": i, "out": o, "balance": b})).collect::<Vec<_>>(),
        }),
        Part::Loans => json!({
            "from": f.from, "to": f.to,
            "disbursed": {"count": f.loans_disbursed.0, "principal": f.loans_disbursed.1},
            "installments": {"count": f.installments.0, "amount": f.installments.1, "late_fee": f.installments.2, "interest": f.installments.3, "principal": f.installments.4},
            "outstanding": f.outstanding.iter().map(|(g, n, p)| json!({"grade": g.code(), "loans": n, "principal": p})).collect::<Vec<_>>(),
        }),
    };
    format!("{v}\n")
}

/// The SHU list per member as CSV, with a totals row that adds up to the amount divided and a
/// row for what was left over (a pool nobody had any weight in).
pub fn shu_csv(lines: &[ShuLine], d: &Division) -> String {
    let mut out = row(&["member_no", "name", "savings_month_sum", "purchases", "loan_interest", "jasa_modal", "jasa_usaha", "total"]);
    for (l, s) in lines.iter().zip(&d.shares) {
        out += &row(&[&l.member_no, &l.name, &l.savings_months.to_string(), &l.purchases.to_string(), &l.loan_interest.to_string(), &s.capital.to_string(), &s.use_.to_string(), &s.total().to_string()]);
    }
    let cap: i64 = d.shares.iter().map(|s| s.capital).sum();
    let use_: i64 = d.shares.iter().map(|s| s.use_).sum();
    out += &row(&["TOTAL", "", "", "", "", &cap.to_string(), &use_.to_string(), &(cap + use_).to_string()]);
    out += &row(&["LEFT_OVER", "", "", "", "", "", "", &d.left_over.to_string()]);
    out
}

pub fn shu_text(t: &Text, year: i32, lines: &[ShuLine], d: &Division) -> Vec<String> {
    let mut out = vec![format!("{} {year}", t.shu_title()), t.shu_pools(&rp(d.capital_pool), &rp(d.use_pool)), String::new()];
    for (l, s) in lines.iter().zip(&d.shares) {
        out.push(format!("  {:<12} {:<22} {:>13} {:>13} {:>13}", l.member_no, l.name.chars().take(22).collect::<String>(), rp(s.capital), rp(s.use_), rp(s.total())));
    }
    let total: i64 = d.shares.iter().map(|s| s.total()).sum();
    out.push(format!("  {:<35} {:>41}", "TOTAL", rp(total)));
    out.push(t.shu_rounding_note(&rp(d.left_over)));
    out
}
