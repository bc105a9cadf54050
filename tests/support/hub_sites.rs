//! A hub and its sites for the hub tests: the hub's database at the latest schema with two
//! sites, a site's SQLite file with its hub password file, joining, queue tickets on a day, and
//! what the hub holds for a site.
#![allow(dead_code)]

use super::pg::{password_file, Pg};
use chrono::{NaiveDate, Utc};
use loket::config::Config;
use loket::hub::conn::{connect, Target};
use loket::hub::{admin, schema, sender};
use loket::store::hub_outbox::NewHubLink;
use loket::store::{Actor, OpenMode, Store};

pub fn admin_client(pg: &Pg, db: &str) -> postgres::Client {
    connect(&Target { url: &pg.admin_url(db), ..Default::default() }).unwrap()
}

/// A hub database at the latest schema with sites KAL01 and KAL02 (passwords "pw-<site>").
pub fn hub(pg: &Pg, db: &str) {
    pg.create_db(db);
    let mut c = admin_client(pg, db);
    schema::migrate_to(&mut c, schema::VERSION).unwrap();
    for (site, target) in [("KAL01", 1200), ("KAL02", 800)] {
        admin::add_site(&mut c, site, &format!("Pustu {site}"), &format!("pw-{site}"), Some(target), None).unwrap();
    }
}

pub struct Site {
    pub _dir: tempfile::TempDir,
    pub store: Store,
    pub link: NewHubLink,
}

/// A site database (with the demo's catalog and history when `demo`), not yet joined.
pub fn site(pg: &Pg, db: &str, site_id: &str, demo: bool) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("site.db"), OpenMode::Create).unwrap();
    if demo {
        loket::demo::seed(&mut store, 0, Utc::now()).unwrap();
    }
    let pw = password_file(dir.path(), "hub.pass", &format!("pw-{site_id}"));
    let link = NewHubLink {
        site_id: site_id.into(),
        url: pg.url(db),
        user_name: loket::hub::site_role(site_id),
        password_file: pw.display().to_string(),
        ca_file: None,
        install_id: sender::random_hex(16).unwrap(),
    };
    Site { _dir: dir, store, link }
}

pub fn join(s: &mut Site) -> usize {
    sender::join(&mut s.store, &Actor::system("test"), &s.link, Utc::now()).unwrap()
}

pub fn tickets(store: &mut Store, day: NaiveDate, n: usize) {
    let rule = Config::default().queue.rule;
    for _ in 0..n {
        store.take_ticket(&Actor::system("test"), "A", None, &rule, day, Utc::now()).unwrap();
    }
}

/// What the hub keeps for a site: (day, tickets taken) from the day figures.
pub fn hub_taken(pg: &Pg, db: &str, site_id: &str) -> Vec<(String, i64)> {
    let mut c = admin_client(pg, db);
    c.query(
        "SELECT day::text, coalesce((payload->'queue'->'A'->>'taken')::bigint, 0) FROM loket_hub.day_latest
         WHERE site_id = $1 AND kind = 'day' ORDER BY day",
        &[&site_id],
    )
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1)))
    .filter(|(_, n): &(String, i64)| *n > 0)
    .collect()
}

pub fn hub_rows(pg: &Pg, db: &str, site_id: &str) -> i64 {
    admin_client(pg, db).query_one("SELECT count(*) FROM loket_hub.figures WHERE site_id = $1", &[&site_id]).unwrap().get(0)
}

