//! `loket audit verify`: walk the audit log's hash chain and report an altered or missing entry.

use super::common::{fail, open_store, store_fail, CliResult, Ctx};
use crate::store::OpenMode;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum AuditCommand {
    /// Walk the hash chain and report any altered or missing entry
    Verify,
}

pub(super) fn audit_command(ctx: &Ctx, cmd: AuditCommand) -> CliResult {
    let text = &ctx.text;
    let AuditCommand::Verify = cmd;
    let store = open_store(ctx, OpenMode::ReadOnly)?;
    let report = store.verify_audit().map_err(store_fail(text))?;
    match report.problem {
        None => {
            out!("{}", text.audit_entries(report.entries));
            Ok(())
        }
        Some(b) => Err(fail(1, text.audit_break(&b))),
    }
}
