//! `loket run` (the counter, also what `loket` alone does) and `loket demo`: the full-screen
//! counter app on the database, or on a demo database seeded first.

use super::common::{load_keymap, open_store, store_fail, CliResult, Ctx};
use super::tui::{run_tui, Needs};
use crate::app::{App, State};
use crate::config::Config;
use crate::keymap::Keymap;
use crate::store::{OpenMode, Store};
use crate::{demo, paths};
use chrono::Utc;

pub(super) fn run(ctx: &Ctx) -> CliResult {
    let text = ctx.text;
    let keymap = load_keymap(&ctx.keymap, &text)?;
    let store = open_store(ctx, OpenMode::Existing)?;
    run_terminal(ctx, store, ctx.config.clone(), keymap)
}

pub(super) fn demo(mut ctx: Ctx, seed_only: bool, patients: u64) -> CliResult {
    let text = ctx.text;
    let keymap = load_keymap(&ctx.keymap, &text)?;
    // Without --db: demo.db in the data directory, made if missing.
    let db = ctx
        .db
        .get_or_insert_with(|| {
            let _ = std::fs::create_dir_all(paths::data_dir());
            paths::demo_db()
        })
        .clone();
    let mut store = open_store(&ctx, OpenMode::Create)?;
    let seeded = demo::seed(&mut store, patients, Utc::now()).map_err(store_fail(&text))?;
    if seed_only {
        out!("{}", text.demo_ready(seeded.users, seeded.patients, seeded.products, &db.display().to_string()));
        return Ok(());
    }
    let mut config = ctx.config.clone();
    demo::use_demo_site(&mut config);
    demo::with_demo_printer(&mut config, &db);
    run_terminal(&ctx, store, config, keymap)
}

/// The counter app on `store` until the user quits.
fn run_terminal(ctx: &Ctx, store: Store, config: Config, keymap: Keymap) -> CliResult {
    let text = ctx.text;
    let prepare = |theme| {
        let demo = store.is_demo().unwrap_or(false);
        let state = State::new(&config, keymap, theme, text, demo, Utc::now());
        let db = store.path().to_path_buf();
        // The whole database checked while the counter runs; writes stop if it is damaged.
        drop(store.start_background_check());
        let mut app = App::new(state, store);
        app.spool = crate::print::spool::start_all(db.clone(), config.all_printers());
        #[cfg(feature = "hub")]
        {
            app.hub_sender = crate::hub::sender::start(db.clone());
        }
        app.sender = crate::sync::sender::start(db, config.satusehat.clone());
        app
    };
    run_tui(ctx, Needs::InputAndOutput, prepare, |terminal, input, app| app.run(terminal, input, crate::app::Probe::from_env()))
}
