//! The hub's schema as numbered migrations (`hub/migrations/NN.sql`), tracked in
//! `loket_hub.schema_version` and applied by `loket hub migrate` in one transaction under an
//! advisory lock (two admins at once wait for each other). Append new ones; never edit one that
//! has shipped. The sender refuses a hub older than [`VERSION`].

use super::HubError;
use postgres::Client;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/01.sql"),
    include_str!("migrations/02.sql"),
    include_str!("migrations/03.sql"),
    include_str!("migrations/04.sql"),
];

/// The schema this Loket writes to and reads from.
pub const VERSION: i32 = MIGRATIONS.len() as i32;

/// The hub's schema version; 0 when it has none.
pub fn version(client: &mut Client) -> Result<i32, HubError> {
    let exists: bool = client.query_one("SELECT to_regclass('loket_hub.schema_version') IS NOT NULL", &[])?.get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client.query_one("SELECT coalesce(max(version), 0) FROM loket_hub.schema_version", &[])?.get(0))
}

/// Bring the hub to `target` (at most [`VERSION`]); (from, to).
pub fn migrate_to(client: &mut Client, target: i32) -> Result<(i32, i32), HubError> {
    let target = target.clamp(0, VERSION);
    let mut tx = client.transaction()?;
    tx.batch_execute(
        "SELECT pg_advisory_xact_lock(hashtext('loket_hub.migrate'));
         CREATE SCHEMA IF NOT EXISTS loket_hub;
         CREATE TABLE IF NOT EXISTS loket_hub.schema_version(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());",
    )?;
    let from: i32 = tx.query_one("SELECT coalesce(max(version), 0) FROM loket_hub.schema_version", &[])?.get(0);
    if from > VERSION {
        return Err(HubError::NewerSchema { found: from, known: VERSION });
    }
    for v in from..target {
        tx.batch_execute(MIGRATIONS[v as usize])?;
        tx.execute("INSERT INTO loket_hub.schema_version(version) VALUES ($1)", &[&(v + 1)])?;
    }
    tx.commit()?;
    Ok((from, target.max(from)))
}
