//! `loket keymap check [FILE]`: check a keymap file merged over the shipped keys.

use super::common::{fail, CliResult, Ctx};
use crate::keymap::{Keymap, DEFAULT_KEYMAP_NAME};
use crate::paths;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub(super) enum KeymapCommand {
    /// Check a keymap file (default: the user's keymap.toml) merged over the shipped keys
    Check { file: Option<PathBuf> },
}

pub(super) fn keymap_command(ctx: &Ctx, cmd: KeymapCommand) -> CliResult {
    let text = &ctx.text;
    let KeymapCommand::Check { file } = cmd;
    let file = file.or_else(|| ctx.keymap.clone()).or_else(|| Some(paths::default_keymap()).filter(|p| p.exists()));
    Keymap::load(file.as_deref()).map_err(|e| fail(2, text.keymap_error(&e)))?;
    let name = file.map(|f| f.display().to_string()).unwrap_or_else(|| DEFAULT_KEYMAP_NAME.to_string());
    out!("{}: {name}", text.keymap_ok());
    Ok(())
}
