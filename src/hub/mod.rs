//! The district hub: this site's figures replicated to a PostgreSQL server, offline-first.
//!
//! The figures are written to `store::hub_outbox` in the transaction of each change; `sender`
//! sends them oldest first, idempotent by (site, seq), with a pause that grows while the hub is
//! out of reach. `schema` holds the hub's own numbered migrations (`loket hub migrate`), `admin`
//! registers sites and readers, `report` reads the district's figures (`loket district`), `conn`
//! connects with TLS by rustls. The whole module is the cargo feature `hub` (README).

pub mod admin;
pub mod conn;
pub mod report;
pub mod report_text;
pub mod schema;
pub mod sender;

use crate::config::ConfigProblem;

/// Why the hub could not be used. Each is one sentence for the user (`Text::hub_problem`); none
/// carries a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HubError {
    /// The address could not be read.
    BadUrl(String),
    /// No connection, a timeout, a dropped connection: the figures wait and are tried again.
    Network(String),
    /// The hub refused the user name or password.
    Credentials,
    /// The password file is missing, empty or readable by others.
    Secret(ConfigProblem),
    /// The hub runs an older schema than this Loket needs (0: none at all).
    OldSchema { found: i32, needed: i32 },
    /// The hub's schema is newer than this Loket knows (migrate refuses to touch it).
    NewerSchema { found: i32, known: i32 },
    /// The hub knows no site for this role.
    UnknownSite,
    /// This site id is bound to another installation.
    BoundElsewhere(String),
    /// This computer's clock is this many seconds off the hub's: nothing is sent until fixed.
    ClockOff(i64),
    /// This site is not joined to a hub.
    NotJoined,
    /// The hub refused a statement (row-level security, a constraint), with its message.
    Refused(String),
}

impl HubError {
    /// The stored form: a code, then details (`Text::hub_problem` words it).
    pub fn code(&self) -> String {
        match self {
            HubError::BadUrl(d) => format!("bad-url: {d}"),
            HubError::Network(d) => format!("network: {d}"),
            HubError::Credentials => "credentials:".into(),
            HubError::Secret(_) => "secret:".into(),
            HubError::OldSchema { found, needed } => format!("old-schema: {found} {needed}"),
            HubError::NewerSchema { found, known } => format!("newer-schema: {found} {known}"),
            HubError::UnknownSite => "unknown-site:".into(),
            HubError::BoundElsewhere(site) => format!("bound: {site}"),
            HubError::ClockOff(s) => format!("clock: {s}"),
            HubError::NotJoined => "not-joined:".into(),
            HubError::Refused(m) => format!("refused: {m}"),
        }
    }

    /// What went wrong, in the user's language.
    pub fn message(&self, t: &crate::text::Text) -> String {
        match self {
            HubError::Secret(p) => t.hub_secret_problem(&t.config_problem(p)),
            other => t.hub_problem(&other.code()),
        }
    }

    /// Worth trying again later by itself.
    pub fn is_transient(&self) -> bool {
        matches!(self, HubError::Network(_))
    }
}

impl From<postgres::Error> for HubError {
    fn from(e: postgres::Error) -> Self {
        use postgres::error::SqlState;
        let Some(db) = e.as_db_error() else {
            return HubError::Network(first_line(&e.to_string()));
        };
        let code = db.code();
        if *code == SqlState::INVALID_PASSWORD || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            HubError::Credentials
        } else if code.code() == "LK001" {
            HubError::BoundElsewhere(db.message().to_string())
        } else if code.code() == "LK002" {
            HubError::UnknownSite
        } else if *code == SqlState::INVALID_SCHEMA_NAME || *code == SqlState::UNDEFINED_FUNCTION || *code == SqlState::UNDEFINED_TABLE {
            HubError::OldSchema { found: 0, needed: schema::VERSION }
        } else if code.code().starts_with("08") || code.code().starts_with("57") || code.code().starts_with("53") {
            // Connection exceptions, the server shutting down, out of resources: try again.
            HubError::Network(first_line(db.message()))
        } else {
            HubError::Refused(first_line(db.message()))
        }
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").chars().take(200).collect()
}

/// A site id: letters, digits, '-' and '_', at most 32 (the hub checks the same).
pub fn valid_site_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 32 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The role a site logs in as.
pub fn site_role(site_id: &str) -> String {
    format!("loket_site_{}", site_id.to_ascii_lowercase().replace('-', "_"))
}
