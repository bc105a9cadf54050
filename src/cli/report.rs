//! `loket report shift|day|range|ckg` (the supervisor's figures for scripts, as text, CSV or JSON)
//! and `loket supervisor`, the supervisor's read-only full-screen view (what the SSH account runs).

use super::common::{fail, load_keymap, open_store, store_fail, CliResult, Ctx, Fail};
use super::tui::{run_tui, Needs};
use super::{Cli, Command};
use crate::store::OpenMode;
use chrono::Utc;
use clap::Parser;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ReportKind {
    Shift,
    Day,
    Range,
    /// The CKG register: one line per check from --from to --to (default: today)
    Ckg,
    /// Members: active and new, shop credit by age with phone numbers
    Members,
    /// Savings in and out by kind, and the balances
    Savings,
    /// Loans disbursed, installments received, principal outstanding by arrears grade
    Loans,
    /// The examination room: visits by diagnosis (top 10), prescriptions, referrals by facility
    Clinic,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ReportFormat {
    Text,
    Csv,
    Json,
}

pub(super) fn report_command(ctx: &Ctx, what: ReportKind, from: Option<String>, to: Option<String>, shift: Option<i64>, format: ReportFormat) -> CliResult {
    let (config, text) = (&ctx.config, &ctx.text);
    let now = Utc::now();
    let today = config.site.zone.business_day(now);
    let date = |s: Option<String>| -> Result<Option<chrono::NaiveDate>, Fail> {
        match s {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| fail(2, format!("{s}: {}", text.report_bad_date()))),
        }
    };
    let (from, to) = (date(from)?, date(to)?);
    let mut store = open_store(ctx, OpenMode::ReadOnly)?;
    let summary = match what {
        // One shift's own figures, not the day it belongs to.
        ReportKind::Shift => {
            let id = match shift {
                Some(id) => Some(id),
                None => store.shifts_between(chrono::NaiveDate::MIN, today).map_err(store_fail(text))?.last().map(|s| s.id),
            };
            match id {
                Some(id) => store.shift_summary(id).map_err(store_fail(text))?,
                None => None,
            }
            .ok_or_else(|| fail(1, text.shift_none_open()))?
        }
        ReportKind::Day => store.summary(from.unwrap_or(today), from.unwrap_or(today), today, 30).map_err(store_fail(text))?,
        ReportKind::Range => match (from, to) {
            (Some(a), Some(b)) if b < a => return Err(fail(2, text.report_bad_range())),
            (Some(a), Some(b)) => store.summary(a, b, today, 30).map_err(store_fail(text))?,
            _ => return Err(fail(2, text.report_need_range())),
        },
        ReportKind::Ckg => return ckg_register(text, &store, from.unwrap_or(today), to.or(from).unwrap_or(today), format),
        ReportKind::Members | ReportKind::Savings | ReportKind::Loans => {
            use crate::member_report::Part;
            let part = match what {
                ReportKind::Members => Part::Members,
                ReportKind::Savings => Part::Savings,
                _ => Part::Loans,
            };
            let (a, b) = (from.unwrap_or(today), to.or(from).unwrap_or(today));
            if b < a {
                return Err(fail(2, text.report_bad_range()));
            }
            let f = store.member_figures(a, b, &config.members.arrears).map_err(store_fail(text))?;
            match format {
                ReportFormat::Text => out!("{}", crate::member_report::figures_text(text, &f, part).join("\n")),
                ReportFormat::Csv => outp!("{}", crate::member_report::figures_csv(&f, part)),
                ReportFormat::Json => outp!("{}", crate::member_report::figures_json(&f, part)),
            }
            return Ok(());
        }
        ReportKind::Clinic => return clinic_figures(text, &store, from.unwrap_or(today), to.or(from).unwrap_or(today), format),
    };
    // The log's head, to check a later copy against: `loket audit verify --anchor`.
    let anchor = store.audit_anchor().ok().flatten();
    print_summary(text, &summary, format, anchor)
}

fn print_summary(text: &crate::text::Text, summary: &crate::store::reports::Summary, format: ReportFormat, anchor: Option<(i64, String)>) -> CliResult {
    match format {
        ReportFormat::Text => {
            out!("{}", crate::report::text_lines(text, summary).join("\n"));
            if let Some((seq, digest)) = anchor {
                out!("{}", text.audit_anchor_line(seq, &digest));
            }
        }
        ReportFormat::Csv => outp!("{}", crate::report::csv(text, summary)),
        ReportFormat::Json => out!("{}", crate::report::json(summary)),
    }
    Ok(())
}

/// `loket report ckg --print`: the register on the receipt printer (a stored print job).
pub(super) fn print_ckg_register(ctx: &Ctx, from: Option<String>, to: Option<String>) -> CliResult {
    let text = &ctx.text;
    let now = Utc::now();
    let today = ctx.config.site.zone.business_day(now);
    let date = |s: Option<String>| s.map(|s| s.parse::<chrono::NaiveDate>().map_err(|_| fail(2, format!("{s}: {}", text.report_bad_date())))).transpose();
    let a = date(from)?.unwrap_or(today);
    let b = date(to)?.unwrap_or(a);
    if b < a {
        return Err(fail(2, text.report_bad_range()));
    }
    if !ctx.config.printer.configured() {
        return Err(fail(1, text.ckg_no_printer()));
    }
    let mut store = open_store(ctx, OpenMode::Existing)?;
    crate::ops::ckg::print_register(&mut store, &ctx.config, &crate::store::Actor::system("loket report"), a, b, now).map_err(store_fail(text))?;
    println!("{}", text.ckg_register_printed());
    Ok(())
}

/// `loket report ckg`: the CKG register of the days from..=to.
fn ckg_register(text: &crate::text::Text, store: &crate::store::Store, a: chrono::NaiveDate, b: chrono::NaiveDate, format: ReportFormat) -> CliResult {
    if b < a {
        return Err(fail(2, text.report_bad_range()));
    }
    let rows = store.ckg_register(a, b).map_err(store_fail(text))?;
    match format {
        ReportFormat::Text => println!("{}", crate::ckg_register::text_lines(text, &a.to_string(), &b.to_string(), &rows).join("\n")),
        ReportFormat::Csv => print!("{}", crate::ckg_register::csv(&rows)),
        ReportFormat::Json => {
            let list: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    let cells = crate::ckg_register::cells(r).into_iter().map(serde_json::Value::String);
                    serde_json::Value::Object(crate::ckg_register::COLUMNS.iter().map(|c| c.to_string()).zip(cells).collect())
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
        }
    }
    Ok(())
}

fn clinic_figures(text: &crate::text::Text, store: &crate::store::Store, a: chrono::NaiveDate, b: chrono::NaiveDate, format: ReportFormat) -> CliResult {
    if b < a {
        return Err(fail(2, text.report_bad_range()));
    }
    let f = store.clinic_figures(a, b).map_err(store_fail(text))?;
    match format {
        ReportFormat::Text | ReportFormat::Csv => println!("{}", text.clinic_figures_lines(&a.to_string(), &b.to_string(), &f).join("\n")),
        ReportFormat::Json => {
            let v = serde_json::json!({
                "from": a.to_string(), "to": b.to_string(), "visits": f.visits,
                "top_diagnoses": f.top_diagnoses.iter().map(|(c, n, k)| serde_json::json!({ "code": c, "name": n, "visits": k })).collect::<Vec<_>>(),
                "prescriptions": f.prescriptions, "dispensed_in_full": f.dispensed,
                "wait_median_minutes": f.wait_median_min, "wait_max_minutes": f.wait_max_min,
                "referrals": f.referrals.iter().map(|(n, k)| serde_json::json!({ "facility": n, "referrals": k })).collect::<Vec<_>>(),
            });
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
    }
    Ok(())
}

/// The supervisor's read-only view: figures, no login, no writes.
pub(super) fn supervisor(ctx: &Ctx) -> CliResult {
    let text = ctx.text;
    let db = ctx.db();
    // Over SSH with ForceCommand, `ssh supervisor@host report day --format csv` still works.
    if let Ok(original) = std::env::var("SSH_ORIGINAL_COMMAND") {
        let words: Vec<&str> = original.split_whitespace().collect();
        if words.first() == Some(&"report") {
            let mut args = vec!["loket", "--db"];
            let db_s = db.display().to_string();
            args.push(&db_s);
            args.extend(words.iter().copied());
            let sub = Cli::try_parse_from(args).map_err(|e| fail(2, e.to_string()))?;
            // Read-only over SSH: `--print` is ignored, the register is shown.
            if let Some(Command::Report { what, from, to, shift, format, .. }) = sub.command {
                return report_command(ctx, what, from, to, shift, format);
            }
        }
        if !original.trim().is_empty() {
            return Err(fail(2, text.supervisor_only_report()));
        }
    }
    let keymap = load_keymap(&ctx.keymap, &text)?;
    let store = open_store(ctx, OpenMode::ReadOnly)?;
    run_tui(ctx, Needs::Output, |theme| theme, |terminal, input, theme| crate::supervisor::run(terminal, input, store, &ctx.config, &keymap, text, *theme))
}
