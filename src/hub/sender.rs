//! The hub sender: say hello (binding, schema version, clock), then send the outbox oldest first
//! in batches, each batch one PostgreSQL transaction of `INSERT ... ON CONFLICT DO NOTHING`, and
//! mark it sent in SQLite after the hub's commit. A crash or a lost answer between the two
//! sends the batch again, which the hub's key (site, seq) turns into nothing. Network trouble
//! ends the round and the next one waits (30 s doubling to an hour); the counter never waits.

use super::conn::{connect, Target};
use super::{schema, HubError};
use crate::store::hub_outbox::{HubEntry, HubLink};
use crate::store::{Result as StoreResult, Store};
use chrono::{DateTime, Duration, Utc};
use postgres::Client;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};

/// Figures per hub transaction.
pub const BATCH: usize = 1000;

/// A clock further off the hub's than this sends nothing (a day's figures would land on the
/// wrong day). Ten minutes: NTP keeps a connected machine within a second; a mini PC without a
/// battery-backed clock after a power cut is off by years.
pub const MAX_CLOCK_SKEW_S: i64 = 600;

/// The pause before try `attempts + 1`: 30 s doubling to at most an hour.
pub fn backoff(attempts: i64) -> Duration {
    let n = attempts.clamp(1, 8) as u32;
    Duration::seconds((30i64 << (n - 1)).min(3600))
}

/// What one round did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Round {
    pub sent: usize,
    /// The link is pausing after a failure; nothing was tried.
    pub paused: bool,
    pub stopped: Option<HubError>,
}

/// Read the password file (mode 0600 or stricter, like the SATUSEHAT secret).
pub fn read_password(path: &Path) -> Result<String, HubError> {
    crate::config::satusehat::read_secret(path).map_err(HubError::Secret)
}

/// What the hub said at hello.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hello {
    /// This computer's clock minus the hub's, in seconds.
    pub skew_s: i64,
    /// The highest seq of this site the hub has.
    pub last_seq: i64,
}

/// Connect as this site and say hello: the hub's schema must be this Loket's, the site id bound
/// to this file, the clock close to the hub's.
pub fn hello(client: &mut Client, install_id: &str, now: DateTime<Utc>) -> Result<Hello, HubError> {
    // A hub of schema 1 or 2 has a hello without last_seq: read by name, so that it is named
    // as an old schema instead of failing.
    let row = client.query_one(
        "SELECT h.version, extract(epoch FROM $2::text::timestamptz - h.server_now)::bigint, (to_jsonb(h)->>'last_seq')::bigint
         FROM loket_hub.hello($1, $2::text::timestamptz) h",
        &[&install_id, &crate::store::ts(now)],
    )?;
    let version = row.get::<_, Option<i32>>(0).unwrap_or(0);
    if version < schema::VERSION {
        return Err(HubError::OldSchema { found: version, needed: schema::VERSION });
    }
    let hello = Hello { skew_s: row.get(1), last_seq: row.get::<_, Option<i64>>(2).unwrap_or(0) };
    if hello.skew_s.abs() > MAX_CLOCK_SKEW_S {
        return Err(HubError::ClockOff(hello.skew_s));
    }
    Ok(hello)
}

pub fn connect_link(link: &HubLink) -> Result<Client, HubError> {
    let password = read_password(Path::new(&link.password_file))?;
    connect(&Target { url: &link.url, user: Some(&link.user_name), password: Some(&password), ca_file: link.ca_file.as_deref().map(Path::new) })
}

/// Send one batch in one hub transaction; the seqs the hub now has.
pub fn send_batch(client: &mut Client, site_id: &str, batch: &[HubEntry]) -> Result<Vec<i64>, HubError> {
    let months: BTreeSet<String> = batch.iter().map(|e| format!("{}-01", e.day.get(..7).unwrap_or("1970-01"))).collect();
    for m in &months {
        client.execute("SELECT loket_hub.ensure_month($1::text::date)", &[m])?;
    }
    let seqs: Vec<i64> = batch.iter().map(|e| e.seq).collect();
    let kinds: Vec<&str> = batch.iter().map(|e| e.kind.as_str()).collect();
    let keys: Vec<&str> = batch.iter().map(|e| e.key.as_str()).collect();
    let days: Vec<&str> = batch.iter().map(|e| e.day.as_str()).collect();
    let payloads: Vec<&str> = batch.iter().map(|e| e.payload.as_str()).collect();
    let recorded: Vec<&str> = batch.iter().map(|e| e.created_at.as_str()).collect();
    let mut tx = client.transaction()?;
    tx.execute(
        "INSERT INTO loket_hub.figures(site_id, seq, kind, key, day, payload, recorded_at)
         SELECT $1, u.s, u.k, u.y, u.d::date, u.p::jsonb, u.r::timestamptz
         FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(s, k, y, d, p, r)
         ON CONFLICT DO NOTHING",
        &[&site_id, &seqs, &kinds, &keys, &days, &payloads, &recorded],
    )?;
    tx.execute("SELECT loket_hub.ack($1)", &[&seqs.iter().copied().max().unwrap_or(0)])?;
    tx.commit()?;
    Ok(seqs)
}

/// One round: everything due, oldest first, until the outbox is empty or the hub says stop.
/// `Err` is the store's; the hub's problems are in `Round::stopped` and on the link.
pub fn run_once(store: &mut Store, now: DateTime<Utc>) -> StoreResult<Round> {
    let mut round = Round::default();
    let Some(link) = store.hub_link()? else {
        round.stopped = Some(HubError::NotJoined);
        return Ok(round);
    };
    if link.next_try_at.is_some_and(|t| t > now) {
        round.paused = true;
        return Ok(round);
    }
    // Keys noted outside `Store::write` (none today) are turned into figures first.
    store.write(|_| Ok(()))?;
    let mut skew = None;
    let result = (|| -> Result<(), HubError> {
        let mut client = connect_link(&link)?;
        let said = hello(&mut client, &link.install_id, now)?;
        skew = Some(said.skew_s);
        // A file restored from an older backup numbers its figures after what the hub has.
        store.hub_continue_after(said.last_seq).map_err(|e| HubError::Refused(e.to_string()))?;
        loop {
            let batch = store.hub_pending(BATCH).map_err(|e| HubError::Refused(e.to_string()))?;
            if batch.is_empty() {
                return Ok(());
            }
            let seqs = send_batch(&mut client, &link.site_id, &batch)?;
            store.hub_sent(&seqs, skew.unwrap_or(0), now).map_err(|e| HubError::Refused(e.to_string()))?;
            round.sent += seqs.len();
        }
    })();
    match result {
        Ok(()) => {
            if round.sent == 0 {
                store.hub_sent(&[], skew.unwrap_or(0), now)?;
            }
        }
        Err(e) => {
            let skew = match &e {
                HubError::ClockOff(s) => Some(*s),
                _ => skew,
            };
            store.hub_failed(&e.code(), now + backoff(link.attempts + 1), skew, now)?;
            round.stopped = Some(e);
        }
    }
    Ok(round)
}

/// The running sender thread. Dropping the handle stops it.
pub struct SenderHandle {
    wake: Sender<()>,
}

impl SenderHandle {
    pub fn wake(&self) {
        let _ = self.wake.send(());
    }
}

/// How often the background sender looks at the outbox. Each round sends at most one version of
/// each figure (the outbox keeps the newest unsent one per key), so this bounds what the hub
/// stores per site: a busy day's figures are sent at most 12 times an hour.
const POLL: std::time::Duration = std::time::Duration::from_secs(300);

/// Start the background sender on its own connection to `db`; None when this site has joined
/// no hub. A round runs on its own thread and connections and never blocks the counter.
pub fn start(db: PathBuf) -> Option<SenderHandle> {
    let store = Store::open(&db, crate::store::OpenMode::Existing).ok()?;
    store.hub_link().ok()??;
    let (wake, rx) = mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("loket-hub".into())
        .spawn(move || {
            let mut store = store;
            loop {
                let _ = run_once(&mut store, Utc::now());
                match rx.recv_timeout(POLL) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        })
        .ok()?;
    Some(SenderHandle { wake })
}

/// `loket hub join`: say hello to the hub as this site (which binds the site id to this file),
/// then record the link and fill the outbox with what the site already knows. Joining again
/// keeps the install id (and the binding); a site id bound to another file is refused by the
/// hub and nothing is recorded.
pub fn join(store: &mut Store, actor: &crate::store::Actor, link: &crate::store::hub_outbox::NewHubLink, now: DateTime<Utc>) -> Result<usize, HubError> {
    let password = read_password(Path::new(&link.password_file))?;
    let mut client = connect(&Target { url: &link.url, user: Some(&link.user_name), password: Some(&password), ca_file: link.ca_file.as_deref().map(Path::new) })?;
    hello(&mut client, &link.install_id, now)?;
    let key = random_hex(16)?;
    store.join_hub(actor, link, &key, now).map_err(|e| HubError::Refused(e.to_string()))
}

/// `n` random bytes from the system, as hex (install ids, pseudonym keys).
pub fn random_hex(n: usize) -> Result<String, HubError> {
    use std::io::Read;
    let mut bytes = vec![0u8; n];
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes)).map_err(|e| HubError::Refused(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
