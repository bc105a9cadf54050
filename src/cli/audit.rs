//! `loket audit verify`: walk the audit log's hash chain and report an altered or missing entry.

use super::common::{fail, open_store, store_fail, CliResult, Ctx};
use crate::store::OpenMode;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum AuditCommand {
    /// Walk the keyed chain, re-read the records it covers, and name every one that does not match
    Verify {
        /// A head printed earlier (Z report, daily figures): SEQ:DIGEST
        #[arg(long)]
        anchor: Option<String>,
    },
}

pub(super) fn audit_command(ctx: &Ctx, cmd: AuditCommand) -> CliResult {
    let text = &ctx.text;
    let AuditCommand::Verify { anchor } = cmd;
    let anchor = match anchor.as_deref().map(|a| a.split_once(':')) {
        None => None,
        Some(Some((seq, digest))) if !digest.is_empty() && digest.chars().all(|c| c.is_ascii_hexdigit()) => {
            Some((seq.trim_start_matches('#').parse::<i64>().map_err(|_| fail(2, text.bad_anchor()))?, digest))
        }
        Some(_) => return Err(fail(2, text.bad_anchor())),
    };
    let store = open_store(ctx, OpenMode::ReadOnly)?;
    let report = store.verify_audit_against(anchor).map_err(store_fail(text))?;
    if let Some(b) = &report.problem {
        return Err(fail(1, text.audit_break(b)));
    }
    if !report.rows.is_empty() {
        for p in &report.rows {
            out!("{}", text.audit_row_problem(p));
        }
        return Err(fail(1, text.audit_rows_broken(report.rows.len())));
    }
    out!("{}", text.audit_entries(report.entries));
    if let Ok(Some((seq, digest))) = store.audit_anchor() {
        out!("{}", text.audit_anchor_line(seq, &digest));
    }
    Ok(())
}
