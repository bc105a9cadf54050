//! The hub's administrator: a site (its role, with the password from a file, and its target
//! population for the CKG figures), and a supervisor who may read every site's figures only.
//! Run with the hub owner's connection (`loket hub add-site --url ...`).

use super::{site_role, valid_site_id, HubError};
use postgres::Client;

/// Register a site (or change its password, name and target population).
/// `area` is where the site belongs, as a path ('KUKAR/KALODRAN'); None keeps what it was.
pub fn add_site(client: &mut Client, site_id: &str, name: &str, password: &str, target_population: Option<i32>, area: Option<&str>) -> Result<String, HubError> {
    if !valid_site_id(site_id) {
        return Err(HubError::BadUrl(format!("site id {site_id:?}")));
    }
    let role = site_role(site_id);
    let mut tx = client.transaction()?;
    let exists: bool = tx.query_one("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", &[&role])?.get(0);
    // Role names and passwords cannot be bound parameters: quoted by the server's own functions.
    let verb = if exists { "ALTER" } else { "CREATE" };
    let sql: String = tx.query_one(&format!("SELECT format('{verb} ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)"), &[&role, &password])?.get(0);
    tx.batch_execute(&sql)?;
    let grant: String = tx.query_one("SELECT format('GRANT loket_site TO %I', $1::text)", &[&role])?.get(0);
    tx.batch_execute(&grant)?;
    tx.execute(
        "INSERT INTO loket_hub.sites(site_id, role_name, name, target_population, area) VALUES ($1, $2, $3, $4, coalesce($5, ''))
         ON CONFLICT (site_id) DO UPDATE SET name = excluded.name,
           target_population = coalesce(excluded.target_population, loket_hub.sites.target_population),
           area = coalesce($5, loket_hub.sites.area)",
        &[&site_id, &role, &name, &target_population, &area.map(|a| a.trim_end_matches('/').to_string())],
    )?;
    tx.commit()?;
    Ok(role)
}

/// Let a site join again from a new installation (a replaced mini PC restored from backup keeps
/// its install id and needs none of this).
pub fn unbind_site(client: &mut Client, site_id: &str) -> Result<bool, HubError> {
    Ok(client.execute("UPDATE loket_hub.sites SET install_id = NULL WHERE site_id = $1", &[&site_id])? == 1)
}

/// A read-only login for a supervisor (`loket district`).
pub fn add_reader(client: &mut Client, name: &str, password: &str) -> Result<(), HubError> {
    let mut tx = client.transaction()?;
    let exists: bool = tx.query_one("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", &[&name])?.get(0);
    let verb = if exists { "ALTER" } else { "CREATE" };
    let sql: String = tx.query_one(&format!("SELECT format('{verb} ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)"), &[&name, &password])?.get(0);
    tx.batch_execute(&sql)?;
    let grant: String = tx.query_one("SELECT format('GRANT loket_reader TO %I', $1::text)", &[&name])?.get(0);
    tx.batch_execute(&grant)?;
    // Reads only, whatever a session asks for.
    let ro: String = tx.query_one("SELECT format('ALTER ROLE %I SET default_transaction_read_only = on', $1::text)", &[&name])?.get(0);
    tx.batch_execute(&ro)?;
    tx.commit()?;
    Ok(())
}
