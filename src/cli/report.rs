//! `loket report shift|day|range` (the supervisor's figures for scripts, as text, CSV or JSON)
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
    let (a, b) = match what {
        ReportKind::Day => (from.unwrap_or(today), from.unwrap_or(today)),
        ReportKind::Range => match (from, to) {
            (Some(a), Some(b)) if b < a => return Err(fail(2, text.report_bad_range())),
            (Some(a), Some(b)) => (a, b),
            _ => return Err(fail(2, text.report_need_range())),
        },
        ReportKind::Shift => {
            let sh = match shift {
                Some(id) => store.shift(id),
                None => store.shifts_between(chrono::NaiveDate::MIN, today).map(|v| v.into_iter().last()),
            }
            .map_err(store_fail(text))?
            .ok_or_else(|| fail(1, text.shift_none_open()))?;
            (sh.business_day, sh.business_day)
        }
    };
    let mut summary = store.summary(a, b, today, 30).map_err(store_fail(text))?;
    if what == ReportKind::Shift {
        let id = shift.or_else(|| summary.shifts.last().map(|s| s.id));
        summary.shifts.retain(|s| Some(s.id) == id);
    }
    match format {
        ReportFormat::Text => {
            println!("{}", crate::report::text_lines(text, &summary).join("\n"));
            // The log's head, to check a later copy against: `loket audit verify --anchor`.
            if let Ok(Some((seq, digest))) = store.audit_anchor() {
                println!("{}", text.audit_anchor_line(seq, &digest));
            }
        }
        ReportFormat::Csv => print!("{}", crate::report::csv(&summary)),
        ReportFormat::Json => println!("{}", crate::report::json(&summary)),
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
            if let Some(Command::Report { what, from, to, shift, format }) = sub.command {
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
