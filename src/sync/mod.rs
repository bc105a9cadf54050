//! SATUSEHAT: sending finished CKG checks to the national FHIR R4 platform, offline-first.
//!
//! A finished check becomes an outbox row in the same transaction as the check
//! (`store::outbox`); what the Bundle needs that may be unknown then (the patient's and the
//! examiner's IHS numbers, the organization and location) is resolved when it is sent.
//! `fhir` builds the resources, `client` speaks HTTP (token, searches, Bundle POST), `sender`
//! walks the outbox: oldest first, backoff on network trouble, 429 and 5xx, duplicate detection
//! through the Encounter identifier. The counter never waits on any of it.

pub mod client;
pub mod codes;
pub mod fhir;
pub mod sender;

pub use crate::config::satusehat::{check_secret_file, read_secret, SatusehatSettings, PRODUCTION_BASE, SANDBOX_BASE};
use crate::config::ConfigProblem;

/// Why a call to SATUSEHAT did not work. Never carries the secret or the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// No connection, a timeout, a dropped connection: the entry waits and is tried again.
    Network(String),
    /// HTTP 5xx: tried again later.
    Server(u16),
    /// HTTP 429: tried again after the pause the server asks for (seconds), or a backoff.
    TooMany(Option<u64>),
    /// The token endpoint refused the client id and secret: nothing is tried until fixed.
    Credentials,
    /// The secret file is missing, unreadable or readable by others.
    Secret(ConfigProblem),
    /// The file of certificate authorities for HTTPS is missing, unreadable or holds none.
    Roots(ConfigProblem),
    /// HTTP 4xx with the server's message (from its OperationOutcome when there is one).
    Rejected { status: u16, message: String },
    /// A 2xx answer that is not what FHIR promises.
    BadAnswer(String),
}

impl SyncError {
    /// What went wrong, in the user's language.
    pub fn message(&self, t: &crate::text::Text) -> String {
        match self {
            SyncError::Secret(p) => format!("satusehat.secret_file: {}", t.config_problem(p)),
            SyncError::Roots(p) => format!("satusehat.ca_file: {}", t.config_problem(p)),
            other => t.sync_problem(&sender::error_code(other)),
        }
    }

    /// Worth trying again later by itself (the network, the server's load).
    pub fn is_transient(&self) -> bool {
        matches!(self, SyncError::Network(_) | SyncError::Server(_) | SyncError::TooMany(_))
    }
}
