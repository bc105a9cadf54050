//! `loket backup DIR` (a consistent copy while counters keep working, the last N kept, each
//! verified) and `loket restore FILE` (a backup put back in place of the database).

use super::common::{fail, open_store, prompt_line, CliResult, Ctx};
use super::users::{authorise_admin, AsAdmin};
use crate::store::backup::BackupError;
use crate::store::{OpenMode, Store};
use chrono::Utc;
use std::path::Path;

pub(super) fn backup(ctx: &Ctx, dir: &Path, keep: usize) -> CliResult {
    let text = &ctx.text;
    let store = open_store(ctx, OpenMode::ReadOnly)?;
    let made = crate::store::backup::backup(&store, dir, keep, Utc::now()).map_err(|e| fail(1, text.backup_error(&e)))?;
    out!("{}", text.backup_done(&made.path.display().to_string(), made.bytes, made.removed));
    Ok(())
}

/// Put a backup back: checked and staged first, then an admin's credentials (checked against the
/// database, or against the backup when the database is damaged) and the typed word, then the
/// content replaced under SQLite's exclusive lock (refused while others have it open).
pub(super) fn restore(ctx: &Ctx, file: &Path, who: &AsAdmin) -> CliResult {
    let text = &ctx.text;
    let db = ctx.db();
    let bfail = |e: BackupError| fail(1, text.backup_error(&e));
    if who.as_user.is_none() {
        return Err(fail(2, text.need_admin()));
    }
    let mut staged = crate::store::backup::stage(file, &db).map_err(bfail)?;
    let admin = match Store::open(&db, OpenMode::Existing) {
        Ok(mut live) => authorise_admin(ctx, &mut live, who)?,
        Err(_) => authorise_admin(ctx, &mut staged.store, who)?,
    };
    let word = prompt_line(&text.restore_confirm(&file.display().to_string(), &db.display().to_string()))?;
    if !["PULIHKAN", "RESTORE"].contains(&word.as_str()) {
        return Err(fail(1, text.restore_cancelled()));
    }
    crate::store::backup::record_restore(&mut staged, &admin, &file.display().to_string(), Utc::now()).map_err(bfail)?;
    let saved = crate::store::backup::put_in_place(staged, &db, Utc::now()).map_err(bfail)?;
    let saved = saved.map(|p| p.display().to_string()).unwrap_or_else(|| "-".into());
    out!("{}", text.restore_done(&file.display().to_string(), &db.display().to_string(), &saved));
    Ok(())
}
