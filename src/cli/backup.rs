//! `loket backup DIR` (a consistent copy while counters keep working, the last N kept, each
//! verified) and `loket restore FILE` (a backup put back in place of the database).

use super::common::{fail, open_store, CliResult, Ctx};
use crate::store::OpenMode;
use chrono::Utc;
use std::path::Path;

pub(super) fn backup(ctx: &Ctx, dir: &Path, keep: usize) -> CliResult {
    let text = &ctx.text;
    let store = open_store(ctx, OpenMode::ReadOnly)?;
    let made = crate::store::backup::backup(&store, dir, keep, Utc::now()).map_err(|e| fail(1, text.backup_error(&e)))?;
    out!("{}", text.backup_done(&made.path.display().to_string(), made.bytes, made.removed));
    Ok(())
}

pub(super) fn restore(ctx: &Ctx, file: &Path) -> CliResult {
    let text = &ctx.text;
    let db = ctx.db();
    let saved = crate::store::backup::restore(file, &db, Utc::now()).map_err(|e| fail(1, text.backup_error(&e)))?;
    out!("{}", text.restore_done(&file.display().to_string(), &db.display().to_string(), &saved.display().to_string()));
    Ok(())
}
