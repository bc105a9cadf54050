//! `loket audit verify`: walk the audit log's hash chain and report an altered or missing entry.

use super::common::{fail, CliResult, Ctx};
use crate::store::{OpenMode, Store};
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum AuditCommand {
    /// Walk the hash chain and report any altered or missing entry
    Verify,
}

pub(super) fn audit_command(ctx: &Ctx, cmd: AuditCommand) -> CliResult {
    let text = &ctx.text;
    let AuditCommand::Verify = cmd;
    let db = ctx.db();
    let store = Store::open(&db, OpenMode::ReadOnly).map_err(|e| fail(1, text.store_error(&e)))?;
    let report = store.verify_audit().map_err(|e| fail(1, text.store_error(&e)))?;
    match report.problem {
        None => {
            println!("{}", text.audit_entries(report.entries));
            Ok(())
        }
        Some(b) => Err(fail(1, text.audit_break(&b))),
    }
}
