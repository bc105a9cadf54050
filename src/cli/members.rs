//! `loket member ...`: members, savings, shop credit and loans from the shell, through the same
//! operations as the members screen. Every command that moves money or changes a record needs
//! `--as NAME` with its PIN (or LOKET_AS_PIN); approvals name a supervisor with `--approver`
//! and their PIN (`--approver-pin` or LOKET_APPROVER_PIN). `show`, `statement` and `shu` read only.

use super::common::{authenticate_as, fail, open_store, store_fail, CliResult, Ctx, Fail};
use crate::domain::money::parse_rupiah;
use crate::domain::savings::Kind;
use crate::ops::members::{self as m, Approval};
use crate::store::members::{MemberCard, Money};
use crate::store::users::{AuthFailure, User};
use crate::store::{OpenMode, Store};
use chrono::Utc;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Args, Debug)]
pub(super) struct MemberArgs {
    #[command(subcommand)]
    cmd: MemberCommand,
    /// The user doing this (a cashier; a supervisor approves)
    #[arg(long = "as", global = true)]
    as_user: Option<String>,
    /// That user's PIN (or LOKET_AS_PIN; asked for when missing)
    #[arg(long, env = "LOKET_AS_PIN", hide_env_values = true, global = true)]
    as_pin: Option<String>,
    /// The supervisor who approves (a large withdrawal, a correction, a loan)
    #[arg(long, global = true)]
    approver: Option<String>,
    /// The approver's PIN (or LOKET_APPROVER_PIN)
    #[arg(long, env = "LOKET_APPROVER_PIN", hide_env_values = true, global = true)]
    approver_pin: Option<String>,
    /// A QRIS payment with its reference (otherwise cash)
    #[arg(long, global = true)]
    qris: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SavingsKind {
    Pokok,
    Wajib,
    Sukarela,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MemberStatus {
    Active,
    Resigned,
    Deceased,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    Text,
    Csv,
}

#[derive(Subcommand, Debug)]
enum MemberCommand {
    /// Make a person (record number or NIK) a member; the simpanan pokok is paid in
    Register {
        person: String,
        #[arg(long, default_value = "")]
        heir: String,
        #[arg(long, default_value = "")]
        relation: String,
    },
    /// A member's card, balances, credit and loans
    Show { member: String },
    /// Print the member card again (name, number, QR of the number)
    Card { member: String },
    /// The member's heir (ahli waris) and how they are related
    Heir {
        member: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        relation: String,
    },
    /// A member resigns or has died, or is active again (a supervisor)
    Status {
        member: String,
        #[arg(value_enum)]
        status: MemberStatus,
    },
    /// Pay in savings: wajib or sukarela (pokok is paid on joining)
    Deposit {
        member: String,
        #[arg(value_enum)]
        kind: SavingsKind,
        amount: String,
    },
    /// Take out sukarela savings (the member in person); above the setting a supervisor approves
    Withdraw { member: String, amount: String },
    /// Reverse a savings entry (a supervisor approves; the reason is kept)
    Correct {
        entry: i64,
        #[arg(long)]
        reason: String,
    },
    /// Pay back shop credit (kasbon), in part or in full
    Repay { member: String, amount: String },
    /// Loans: apply, approve, disburse, pay, settle
    #[command(subcommand)]
    Loan(super::member_loans::LoanCommand),
    /// A member's statement for a period (savings, credit, loans with their schedule)
    Statement {
        member: String,
        /// First day, yyyy-mm-dd [default: 1 January of this year]
        #[arg(long)]
        from: Option<String>,
        /// Last day [default: today]
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Print it on the receipt printer as well (needs --as)
        #[arg(long)]
        print: bool,
    },
    /// Deposits, withdrawals and installments in a loop as the first cashier (crash tests; a demo
    /// database only, hidden from the help)
    #[command(hide = true)]
    Simulate {
        #[arg(long, default_value_t = 100)]
        count: u64,
    },
    /// Every savings balance, credit and loan adds up (payments equal their split, no balance
    /// below zero, a paid loan's principal paid in full)
    Check,
    /// The share of surplus of a closed year per member (the members' part, entered here)
    Shu {
        #[arg(long)]
        year: i32,
        /// The surplus for the members to divide, in rupiah
        #[arg(long)]
        amount: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

pub(super) fn member_command(ctx: &Ctx, args: MemberArgs) -> CliResult {
    let text = &ctx.text;
    let config = &ctx.config;
    let now = Utc::now();
    let amount = |s: &str| parse_rupiah(s).filter(|v| *v > 0).ok_or_else(|| fail(2, text.member_bad_amount()));
    let money = match &args.qris {
        Some(r) => Money::Qris(r.clone()),
        None => Money::Cash,
    };
    let approval = match (&args.approver, &args.approver_pin) {
        (Some(n), Some(p)) => Some(Approval { name: n.clone(), pin: p.clone() }),
        (Some(n), None) => Some(Approval { name: n.clone(), pin: super::common::prompt_secret(text.prompt_as_pin())? }),
        _ => None,
    };
    // Read-only commands first.
    match &args.cmd {
        MemberCommand::Show { member } => {
            let store = open_store(ctx, OpenMode::ReadOnly)?;
            let card = find(ctx, &store, member)?;
            out!("{}", show_lines(ctx, &store, &card)?.join("\n"));
            return Ok(());
        }
        MemberCommand::Statement { member, from, to, format, print: false } => {
            let store = open_store(ctx, OpenMode::ReadOnly)?;
            let card = find(ctx, &store, member)?;
            let (a, b) = period(ctx, from.as_deref(), to.as_deref())?;
            let st = store.statement(card.id, a, b).map_err(store_fail(text))?;
            match format {
                Format::Text => out!("{}", crate::member_report::statement_text(text, &st, wajib_owed(ctx, &card, b)).join("\n")),
                Format::Csv => outp!("{}", crate::member_report::statement_csv(&st)),
            }
            return Ok(());
        }
        MemberCommand::Simulate { count } => return super::member_loans::simulate(ctx, *count),
        MemberCommand::Check => {
            let store = open_store(ctx, OpenMode::ReadOnly)?;
            let problems = store.check_members().map_err(store_fail(text))?;
            if !problems.is_empty() {
                return Err(fail(1, problems.join("\n")));
            }
            out!("{}", text.members_whole());
            return Ok(());
        }
        _ => {}
    }
    let mut store = open_store(ctx, OpenMode::Existing)?;
    let user = who(ctx, &mut store, &args)?;
    let fail_auth = |f: AuthFailure| match f {
        AuthFailure::BadCredentials => fail(1, text.bad_credentials()),
        AuthFailure::Locked { until } => fail(1, text.locked_out(((until - Utc::now()).num_seconds().max(1) + 59) / 60)),
    };
    let sf = store_fail(text);
    match args.cmd {
        MemberCommand::Show { .. } | MemberCommand::Simulate { .. } | MemberCommand::Check => unreachable!("handled above"),
        MemberCommand::Card { member } => {
            let card = find(ctx, &store, &member)?;
            match m::print_card(&mut store, config, &user, card.id, now).map_err(sf)? {
                Some(_) => out!("{}", text.member_card_printed(&card.member_no)),
                None => return Err(fail(1, text.ckg_no_printer())),
            }
        }
        MemberCommand::Heir { member, name, relation } => {
            let card = find(ctx, &store, &member)?;
            m::set_heir(&mut store, &user, card.id, &name, &relation, now).map_err(sf)?;
            out!("{} {}: {name} ({relation})", card.member_no, text.member_heir_label());
        }
        MemberCommand::Status { member, status } => {
            let card = find(ctx, &store, &member)?;
            let code = match status {
                MemberStatus::Active => "active",
                MemberStatus::Resigned => "resigned",
                MemberStatus::Deceased => "deceased",
            };
            m::set_status(&mut store, &user, card.id, code, now).map_err(sf)?;
            out!("{} {}", card.member_no, text.member_status(code));
        }
        MemberCommand::Register { person, heir, relation } => {
            let pid = store.patient_for_sale(&person).map_err(sf)?.ok_or_else(|| fail(1, text.member_no_person(&person)))?.0;
            let (card, _) = m::register(&mut store, config, &user, pid, &heir, &relation, &money, now).map_err(sf)?;
            out!("{}", text.member_registered(&card.member_no, &card.name));
        }
        MemberCommand::Deposit { member, kind, amount: a } => {
            let card = find(ctx, &store, &member)?;
            let kind = match kind {
                SavingsKind::Pokok => Kind::Pokok,
                SavingsKind::Wajib => Kind::Wajib,
                SavingsKind::Sukarela => Kind::Sukarela,
            };
            let e = m::deposit(&mut store, config, &user, card.id, kind, amount(&a)?, &money, now).map_err(sf)?;
            out!("{}", text.savings_done(e.id, text.savings_kind(kind), &crate::domain::money::format_rupiah(e.balance_after)));
        }
        MemberCommand::Withdraw { member, amount: a } => {
            let card = find(ctx, &store, &member)?;
            let e = m::withdraw(&mut store, config, &user, card.id, amount(&a)?, &money, approval.as_ref(), now).map_err(sf)?.map_err(fail_auth)?;
            out!("{}", text.savings_done(e.id, text.savings_kind(Kind::Sukarela), &crate::domain::money::format_rupiah(e.balance_after)));
        }
        MemberCommand::Correct { entry, reason } => {
            let approval = approval.ok_or_else(|| fail(2, text.member_need_approver()))?;
            let e = m::reverse(&mut store, config, &user, entry, &approval, &reason, now).map_err(sf)?.map_err(fail_auth)?;
            out!("{}", text.savings_done(e.id, text.savings_kind(e.kind), &crate::domain::money::format_rupiah(e.balance_after)));
        }
        MemberCommand::Repay { member, amount: a } => {
            let card = find(ctx, &store, &member)?;
            let card = m::repay_credit(&mut store, config, &user, card.id, amount(&a)?, &money, now).map_err(sf)?;
            out!("{}: {}", text.credit_owed_label(), crate::domain::money::format_rupiah(card.credit_owed));
        }
        MemberCommand::Statement { member, from, to, format, .. } => {
            let card = find(ctx, &store, &member)?;
            let (a, b) = period(ctx, from.as_deref(), to.as_deref())?;
            m::print_statement(&mut store, config, &user, card.id, a, b, now).map_err(sf)?;
            let st = store.statement(card.id, a, b).map_err(sf)?;
            match format {
                Format::Text => out!("{}", crate::member_report::statement_text(text, &st, wajib_owed(ctx, &card, b)).join("\n")),
                Format::Csv => outp!("{}", crate::member_report::statement_csv(&st)),
            }
        }
        MemberCommand::Shu { year, amount: a, format } => {
            if !user.role.approves() {
                return Err(fail(1, text.role_may_not_run()));
            }
            let (lines, d) = crate::ops::loans::shu(&store, config, year, amount(&a)?, now).map_err(sf)?;
            match format {
                Format::Text => out!("{}", crate::member_report::shu_text(text, year, &lines, &d).join("\n")),
                Format::Csv => outp!("{}", crate::member_report::shu_csv(&lines, &d)),
            }
        }
        MemberCommand::Loan(cmd) => super::member_loans::loan_command(ctx, &mut store, &user, cmd, &money, approval.as_ref())?,
    }
    Ok(())
}

fn who(ctx: &Ctx, store: &mut Store, args: &MemberArgs) -> Result<User, Fail> {
    let text = &ctx.text;
    let name = args.as_user.as_deref().ok_or_else(|| fail(2, text.need_user()))?;
    match authenticate_as(ctx, store, name, args.as_pin.as_deref())? {
        Ok(u) if m::may_take_money(u.role) => Ok(u),
        Ok(_) => Err(fail(1, text.role_may_not_run())),
        Err(AuthFailure::BadCredentials) => Err(fail(1, text.bad_credentials())),
        Err(AuthFailure::Locked { until }) => Err(fail(1, text.locked_out(((until - Utc::now()).num_seconds().max(1) + 59) / 60))),
    }
}

pub(super) fn find(ctx: &Ctx, store: &Store, code: &str) -> Result<MemberCard, Fail> {
    store
        .find_member(code)
        .map_err(store_fail(&ctx.text))?
        .ok_or_else(|| fail(1, ctx.text.member_refusal(&crate::store::members::MemberRefusal::NoSuchMember(code.into()))))
}

fn period(ctx: &Ctx, from: Option<&str>, to: Option<&str>) -> Result<(chrono::NaiveDate, chrono::NaiveDate), Fail> {
    use chrono::Datelike;
    let text = &ctx.text;
    let today = ctx.config.site.zone.business_day(Utc::now());
    let date = |s: &str| s.parse::<chrono::NaiveDate>().map_err(|_| fail(2, format!("{s}: {}", text.report_bad_date())));
    let a = from.map(date).transpose()?.unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let b = to.map(date).transpose()?.unwrap_or(today);
    if b < a {
        return Err(fail(2, text.report_bad_range()));
    }
    Ok((a, b))
}

fn wajib_owed(ctx: &Ctx, card: &MemberCard, day: chrono::NaiveDate) -> i64 {
    card.joined_on.map_or(0, |j| crate::domain::savings::wajib_months_owed(j, day, card.wajib_paid, ctx.config.members.wajib))
}

fn show_lines(ctx: &Ctx, store: &Store, card: &MemberCard) -> Result<Vec<String>, Fail> {
    let (t, rp) = (&ctx.text, crate::domain::money::format_rupiah);
    let today = ctx.config.site.zone.business_day(Utc::now());
    let limit = card.credit_limit.unwrap_or(ctx.config.sales.member_credit_limit);
    let mut out = vec![
        format!("{} {}  {}", card.member_no, card.name, t.member_status(&card.status)),
        format!("{}: {}", t.member_joined_label(), card.joined_on.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_else(|| "-".into())),
    ];
    if !card.heir.is_empty() {
        out.push(format!("{}: {} ({})", t.member_heir_label(), card.heir, card.heir_relation));
    }
    for k in Kind::ALL {
        out.push(format!("{:<28} {:>16}", t.savings_kind(k), rp(card.balance(k))));
    }
    out.push(format!("{:<28} {:>16}", t.wajib_owed_label(), t.months_text(wajib_owed(ctx, card, today))));
    out.push(format!("{:<28} {:>16}", t.credit_owed_label(), rp(card.credit_owed)));
    out.push(format!("{:<28} {:>16}", t.credit_limit_label(), rp(limit)));
    for l in store.loans_of(card.id).map_err(store_fail(t))? {
        out.push(format!("{} {} {} {}", l.number, l.product, rp(l.terms.principal), t.loan_status(&l.status)));
    }
    Ok(out)
}
