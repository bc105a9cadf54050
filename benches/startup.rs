//! Start-up on a large site: opening a 1,000,000-patient database, loading the keymap and
//! drawing the first frame; and a PIN check (argon2). Run with `cargo bench --bench startup`.
//! The seeded database is kept in target/bench-data so later runs reuse it.

mod common;

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

fn startup(c: &mut Criterion) {
    let path = common::patients_1m();
    c.bench_function("open 1M-patient db + keymap + first frame 80x24", |b| {
        b.iter(|| {
            let store = Store::open(&path, OpenMode::Existing).unwrap();
            let keymap = Keymap::load(None).unwrap();
            let demo = store.is_demo().unwrap();
            let state = State::new(&Config::default(), keymap, Theme::new(false, true), Text::new(Lang::Id), demo, Utc::now());
            let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
            t.draw(|f| loket::app::draw(&state, f)).unwrap();
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
