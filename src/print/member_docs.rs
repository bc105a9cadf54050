//! Members' printouts on the receipt printer: the member card (name, number, QR of the number),
//! the savings slip with the new balance, the credit repayment receipt, a loan's schedule, an
//! installment slip and the statement. Balances may appear on a member slip; health data never
//! does (nothing here reads a patient's health record). Cash slips open the drawer.

use super::doc::{Block, DocKind, Document};
use super::docs::{header, local_time};
use super::{routed_job, JobRef, NewPrintJob};
use crate::config::Config;
use crate::domain::loans::Installment;
use crate::domain::money::format_rupiah as rp;
use crate::domain::savings::Kind;
use crate::store::loans::{Loan, Paid};
use crate::store::member_figures::Statement;
use crate::store::members::{Entry, MemberCard, Money};
use crate::text::Text;
use chrono::{DateTime, Utc};

fn member_lines(d: &mut Document, t: &Text, card: &MemberCard) {
    d.columns(t.member_no_label(), card.member_no.clone());
    d.columns(t.member_name_label(), card.name.clone());
}

fn job(config: &Config, d: &Document, table: &str, id: i64) -> NewPrintJob {
    routed_job(config, d, JobRef { table: Some(table.into()), id: Some(id) })
}

pub fn member_card(config: &Config, card: &MemberCard) -> NewPrintJob {
    let t = Text::new(config.site.lang);
    let mut d = Document::new(DocKind::Receipt);
    header(&mut d, &config.site);
    d.heavy_separator();
    d.title(t.member_card_title());
    d.big(card.member_no.clone());
    d.center(card.name.clone());
    if let Some(j) = card.joined_on {
        d.columns(t.member_joined_label(), j.format("%d/%m/%Y").to_string());
    }
    d.qr(card.member_no.clone());
    d.cut();
    job(config, &d, "members", card.id)
}

pub fn savings_slip(config: &Config, card: &MemberCard, e: &Entry) -> NewPrintJob {
    let t = Text::new(config.site.lang);
    let mut d = Document::new(DocKind::Receipt);
    header(&mut d, &config.site);
    d.heavy_separator();
    d.title(if e.reverses.is_some() { t.savings_reversal_title() } else if e.amount > 0 { t.savings_deposit_title() } else { t.savings_withdrawal_title() });
    d.columns(t.doc_time(), local_time(e.at, config.site.zone));
    member_lines(&mut d, &t, card);
    d.separator();
    d.columns(t.savings_kind_label(), t.savings_kind(e.kind));
    d.columns_bold(t.amount_label(), rp(e.amount));
    d.columns(t.method_label(), t.member_method(&e.method));
    if let Some(r) = e.reverses {
        d.columns(t.reverses_label(), format!("#{r}"));
    }
    if let Some(a) = &e.approved_by {
        d.columns(t.approved_by_label(), a.clone());
    }
    d.separator();
    d.columns_bold(t.new_balance_label(), rp(e.balance_after));
    for k in Kind::ALL {
        d.columns(t.savings_kind(k), rp(card.balance(k)));
    }
    d.columns(t.doc_cashier(), e.cashier.clone());
    d.cut();
    if e.method == "cash" {
        d.push(Block::Drawer);
    }
    job(config, &d, "savings_entries", e.id)
}

pub fn repayment_slip(config: &Config, card: &MemberCard, amount: i64, money: &Money, now: DateTime<Utc>) -> NewPrintJob {
    let t = Text::new(config.site.lang);
    let mut d = Document::new(DocKind::Receipt);
    header(&mut d, &config.site);
    d.heavy_separator();
    d.title(t.credit_repay_title());
    d.columns(t.doc_time(), local_time(now, config.site.zone));
    member_lines(&mut d, &t, card);
    d.separator();
    d.columns_bold(t.amount_label(), rp(amount));
    d.columns(t.method_label(), t.member_method(money.method()));
    if let Some(r) = money.reference() {
        d.columns(t.reference_label(), r.to_string());
    }
    d.columns_bold(t.credit_owed_label(), rp(card.credit_owed));
    d.cut();
    if matches!(money, Money::Cash) {
        d.push(Block::Drawer);
    }
    job(config, &d, "members", card.id)
}

fn loan_head(d: &mut Document, t: &Text, loan: &Loan) {
    d.columns(t.loan_no_label(), loan.number.clone());
    d.columns(t.member_no_label(), loan.member_no.clone());
    d.columns(t.member_name_label(), loan.member_name.clone());
}

pub fn loan_schedule(config: &Config, loan: &Loan, schedule: &[Installment], now: DateTime<Utc>) -> NewPrintJob {
    let t = Text::new(config.site.lang);
    let mut d = Document::new(DocKind::Receipt);
    header(&mut d, &config.site);
    d.heavy_separator();
    d.title(t.loan_schedule_title());
    d.columns(t.doc_time(), local_time(now, config.site.zone));
    loan_head(&mut d, &t, loan);
    d.columns(t.loan_product_label(), loan.product.clone());
    d.columns(t.loan_principal_label(), rp(loan.terms.principal));
    d.columns(t.loan_rate_label(), t.rate_text(loan.terms.rate_bp, loan.terms.method));
    d.columns(t.loan_admin_fee_label(), rp(loan.admin_fee));
    d.columns_bold(t.loan_handed_over_label(), rp(loan.terms.principal - loan.admin_fee));
    d.separator();
    for i in schedule {
        d.columns(format!("{:>2}. {}", i.no, i.due.format("%d/%m/%Y")), rp(i.total()));
        d.columns(format!("    {} {}", t.principal_short(), rp(i.principal)), format!("{} {}", t.interest_short(), rp(i.interest)));
    }
    d.separator();
    d.text(t.loan_rounding_note());
    d.cut();
    d.push(Block::Drawer);
    job(config, &d, "loans", loan.id)
}

pub fn loan_payment_slip(config: &Config, p: &Paid) -> NewPrintJob {
    let t = Text::new(config.site.lang);
    let mut d = Document::new(DocKind::Receipt);
    header(&mut d, &config.site);
    d.heavy_separator();
    d.title(t.loan_payment_title());
    d.columns(t.doc_time(), local_time(p.at, config.site.zone));
    loan_head(&mut d, &t, &p.loan);
    d.separator();
    let total = p.split.total();
    d.columns(t.late_fee_label(), rp(total.late_fee));
    d.columns(t.interest_label(), rp(total.interest));
    d.columns(t.principal_label(), rp(total.principal));
    d.columns_bold(t.amount_label(), rp(p.amount));
    d.separator();
    d.columns_bold(t.principal_left_label(), rp(p.principal_left));
    if p.loan.status == "paid" {
        d.center(t.loan_paid_off());
    }
    d.cut();
    d.push(Block::Drawer);
    job(config, &d, "loans", p.loan.id)
}

pub fn statement(config: &Config, s: &Statement, now: DateTime<Utc>) -> NewPrintJob {
    let t = Text::new(config.site.lang);
    let mut d = Document::new(DocKind::Receipt);
    header(&mut d, &config.site);
    d.heavy_separator();
    d.title(t.statement_title());
    d.columns(t.statement_period(), format!("{} - {}", s.from.format("%d/%m/%Y"), s.to.format("%d/%m/%Y")));
    member_lines(&mut d, &t, &s.card);
    for k in Kind::ALL {
        d.separator();
        d.columns_bold(t.savings_kind(k), rp(s.closing[k as usize]));
        d.columns(t.opening_label(), rp(s.opening[k as usize]));
        for e in s.entries.iter().filter(|e| e.kind == k) {
            d.columns(e.business_day.format("%d/%m/%Y").to_string(), rp(e.amount));
        }
    }
    d.separator();
    d.columns_bold(t.credit_owed_label(), rp(s.card.credit_owed));
    for (day, no, a) in &s.credit_sales {
        d.columns(format!("{} {no}", day.format("%d/%m/%Y")), rp(*a));
    }
    for (day, a, _) in &s.repayments {
        d.columns(format!("{} {}", day.format("%d/%m/%Y"), t.repaid_short()), rp(-a));
    }
    for l in &s.loans {
        d.separator();
        d.columns_bold(l.loan.number.clone(), t.loan_status(&l.loan.status));
        d.columns(t.loan_principal_label(), rp(l.loan.terms.principal));
        d.text(t.rate_text(l.loan.terms.rate_bp, l.loan.terms.method));
        // The schedule as stored at disbursement (the same figures as its slip), paid ones marked.
        for i in &l.standing {
            let mark = if i.is_paid() { " *" } else { "" };
            d.columns(format!("{:>2}. {}{mark}", i.line.no, i.line.due.format("%d/%m/%Y")), rp(i.line.total()));
        }
        for p in &l.payments {
            d.columns(format!("{} {}", p.day.format("%d/%m/%Y"), t.repaid_short()), rp(p.amount));
        }
        d.columns_bold(t.principal_left_label(), rp(l.principal_left));
    }
    d.separator();
    d.columns(t.doc_time(), local_time(now, config.site.zone));
    d.cut();
    job(config, &d, "members", s.card.id)
}
