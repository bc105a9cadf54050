//! Start-up on a large site: opening a 1,000,000-patient database, loading the keymap and
//! drawing the first frame; and a PIN check (argon2). Run with `cargo bench --bench startup`.
//! The seeded database is kept in target/bench-data so later runs reuse it.

use chrono::Utc;
use criterion::{criterion_group, criterion_main, Criterion};
use loket::app::State;
use loket::config::Config;
use loket::keymap::Keymap;
use loket::store::{OpenMode, Store};
use loket::text::{Lang, Text};
use loket::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::path::PathBuf;

fn big_db() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("patients-1m.db");
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    if store.patient_count().unwrap() < 1_000_000 {
        drop(store);
        let _ = std::fs::remove_file(&path);
        store = Store::open(&path, OpenMode::Create).unwrap();
        loket::demo::seed(&mut store, 1_000_000, Utc::now()).unwrap();
    }
    path
}

fn startup(c: &mut Criterion) {
    let path = big_db();
    c.bench_function("open 1M-patient db + keymap + first frame 80x24", |b| {
        b.iter(|| {
            let store = Store::open(&path, OpenMode::Existing).unwrap();
            let keymap = Keymap::load(None).unwrap();
            let demo = store.is_demo().unwrap();
            let state = State::new(&Config::default(), keymap, Theme::new(false, true), Text::new(Lang::Id), demo, Utc::now());
            let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
            t.draw(|f| loket::screens::draw(&state, f)).unwrap();
            t
        })
    });
    let mut store = Store::open(&path, OpenMode::Existing).unwrap();
    let policy = Config::default().security;
    c.bench_function("PIN check (argon2id) and login record", |b| {
        b.iter(|| store.authenticate("siti", "1111", Utc::now(), &policy).unwrap().unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = startup
}
criterion_main!(benches);
