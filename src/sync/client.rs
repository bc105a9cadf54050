//! HTTP to SATUSEHAT: the OAuth2 client-credentials token (kept and renewed a minute before it
//! expires), searches by identifier, and the transaction Bundle POST. ureq with rustls (ring),
//! trusting the certificate authorities of `[satusehat] ca_file` (the system's bundle); every
//! call has the configured timeout; HTTPS_PROXY/HTTP_PROXY/NO_PROXY from the environment are
//! honoured (ureq's default), except for a base URL on the loopback interface.

use super::fhir;
use super::{SatusehatSettings, SyncError};
use crate::config::ConfigProblem;
use serde_json::Value;
use std::time::{Duration, Instant};

/// Renew the token when less than this is left of it.
const RENEW_BEFORE: Duration = Duration::from_secs(60);
/// The largest answer read (a transaction response for one check is a few kilobytes).
const MAX_BODY: u64 = 10 * 1024 * 1024;

pub struct Client {
    agent: ureq::Agent,
    base: String,
    client_id: String,
    /// Only here, in memory; never logged, stored or put in an error.
    secret: String,
    token: Option<(String, Instant)>,
    /// Token requests made (the tests check that tokens are reused).
    pub tokens_fetched: u32,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("base", &self.base).field("client_id", &self.client_id).finish_non_exhaustive()
    }
}

type Sent = Result<ureq::http::Response<ureq::Body>, ureq::Error>;

struct Answer {
    status: u16,
    body: String,
    retry_after: Option<u64>,
}

fn network(e: ureq::Error) -> SyncError {
    SyncError::Network(e.to_string())
}

fn is_loopback(url: &str) -> bool {
    let rest = url.split("://").nth(1).unwrap_or("");
    let host = rest.split(['/', ':']).next().unwrap_or("");
    host == "127.0.0.1" || host == "localhost" || rest.starts_with("[::1]")
}

/// The certificates of a PEM file of certificate authorities (other PEM items are passed over).
fn roots(path: &std::path::Path) -> Result<Vec<ureq::tls::Certificate<'static>>, ConfigProblem> {
    let pem = std::fs::read(path).map_err(|e| ConfigProblem::Unreadable(format!("{}: {e}", path.display())))?;
    let certs: Vec<_> = ureq::tls::parse_pem(&pem)
        .filter_map(|item| match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => Some(c),
            _ => None,
        })
        .collect();
    if certs.is_empty() {
        return Err(ConfigProblem::Unreadable(path.display().to_string()));
    }
    Ok(certs)
}

impl Client {
    /// Reads the secret file (refused when others can read it).
    pub fn new(settings: &SatusehatSettings) -> Result<Client, SyncError> {
        let secret = super::read_secret(&settings.secret_file).map_err(SyncError::Secret)?;
        let mut config = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("loket/", env!("CARGO_PKG_VERSION")));
        if is_loopback(&settings.base_url) {
            config = config.proxy(None);
        }
        if settings.base_url.starts_with("https://") {
            let roots = roots(&settings.ca_file).map_err(SyncError::Roots)?;
            // The process-wide provider ureq takes (already set by an earlier client: kept).
            let _ = rustls::crypto::ring::default_provider().install_default();
            config = config.tls_config(ureq::tls::TlsConfig::builder().root_certs(ureq::tls::RootCerts::new_with_certs(&roots)).build());
        }
        Ok(Client {
            agent: config.build().into(),
            base: settings.base_url.clone(),
            client_id: settings.client_id.clone(),
            secret,
            token: None,
            tokens_fetched: 0,
        })
    }

    fn read(resp: Sent) -> Result<Answer, SyncError> {
        let mut resp = resp.map_err(network)?;
        let status = resp.status().as_u16();
        let retry_after = resp.headers().get("retry-after").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok());
        let body = resp.body_mut().with_config().limit(MAX_BODY).read_to_string().map_err(network)?;
        Ok(Answer { status, body, retry_after })
    }

    /// A valid access token, fetched when there is none or it is about to expire.
    fn token(&mut self) -> Result<String, SyncError> {
        if let Some((t, until)) = &self.token {
            if Instant::now() + RENEW_BEFORE < *until {
                return Ok(t.clone());
            }
        }
        let url = format!("{}/oauth2/v1/accesstoken", self.base);
        self.tokens_fetched += 1;
        let a = Self::read(
            self.agent
                .post(&url)
                .query("grant_type", "client_credentials")
                .send_form([("client_id", self.client_id.as_str()), ("client_secret", self.secret.as_str())]),
        )?;
        match a.status {
            200 => {}
            400 | 401 | 403 => return Err(SyncError::Credentials),
            429 => return Err(SyncError::TooMany(a.retry_after)),
            s if s >= 500 => return Err(SyncError::Server(s)),
            s => return Err(SyncError::Rejected { status: s, message: short(&a.body) }),
        }
        let v: Value = serde_json::from_str(&a.body).map_err(|_| SyncError::BadAnswer("token".into()))?;
        let token = v["access_token"].as_str().filter(|t| !t.is_empty()).ok_or_else(|| SyncError::BadAnswer("token".into()))?;
        // SATUSEHAT sends expires_in as a string ("3599"); accept a number too.
        let secs = v["expires_in"].as_u64().or_else(|| v["expires_in"].as_str().and_then(|s| s.parse().ok())).unwrap_or(3600);
        self.token = Some((token.to_string(), Instant::now() + Duration::from_secs(secs)));
        Ok(token.to_string())
    }

    /// One FHIR call with the token; a 401 drops the token and tries once more with a new one.
    fn fhir(&mut self, make: &dyn Fn(&ureq::Agent, &str) -> Sent) -> Result<Value, SyncError> {
        for attempt in 0..2 {
            let token = self.token()?;
            let a = Self::read(make(&self.agent, &format!("Bearer {token}")))?;
            match a.status {
                200..=299 => return serde_json::from_str(&a.body).map_err(|_| SyncError::BadAnswer(short(&a.body))),
                401 if attempt == 0 => self.token = None,
                401 => return Err(SyncError::Credentials),
                429 => return Err(SyncError::TooMany(a.retry_after)),
                s if s >= 500 => return Err(SyncError::Server(s)),
                s => {
                    let message = fhir::outcome_message(&a.body).unwrap_or_else(|| short(&a.body));
                    return Err(SyncError::Rejected { status: s, message });
                }
            }
        }
        Err(SyncError::Credentials)
    }

    fn search(&mut self, resource: &str, identifier: &str) -> Result<Option<String>, SyncError> {
        let url = format!("{}/fhir-r4/v1/{resource}", self.base);
        let v = self.fhir(&|agent, auth| agent.get(&url).query("identifier", identifier).header("Authorization", auth).call())?;
        Ok(fhir::first_search_id(&v))
    }

    /// The patient's IHS number for a NIK; None when SATUSEHAT does not know it.
    pub fn find_patient(&mut self, nik: &str) -> Result<Option<String>, SyncError> {
        self.search("Patient", &format!("{}|{nik}", fhir::NIK_SYSTEM))
    }

    /// The practitioner's IHS id for a NIK.
    pub fn find_practitioner(&mut self, nik: &str) -> Result<Option<String>, SyncError> {
        self.search("Practitioner", &format!("{}|{nik}", fhir::NIK_SYSTEM))
    }

    /// An Encounter the server already has with this identifier (a send whose answer was lost).
    pub fn find_encounter(&mut self, system: &str, value: &str) -> Result<Option<String>, SyncError> {
        self.search("Encounter", &format!("{system}|{value}"))
    }

    /// The Observations of an Encounter the server has: (`Observation/id`, code). An amendment of
    /// a check whose first send was only found again (its answer lost) needs them to update in
    /// place instead of creating copies.
    pub fn find_observations(&mut self, encounter: &str) -> Result<Vec<(String, String)>, SyncError> {
        let url = format!("{}/fhir-r4/v1/Observation", self.base);
        let v = self.fhir(&|agent, auth| agent.get(&url).query("encounter", encounter).header("Authorization", auth).call())?;
        let found = v["entry"].as_array().map(|entries| {
            entries
                .iter()
                .filter_map(|e| {
                    let r = &e["resource"];
                    Some((format!("Observation/{}", r["id"].as_str()?), r["code"]["coding"][0]["code"].as_str()?.to_string()))
                })
                .collect()
        });
        Ok(found.unwrap_or_default())
    }

    /// POST a transaction Bundle; the ids the server gave (`Encounter/abc`, ...).
    pub fn post_bundle(&mut self, bundle: &Value) -> Result<Vec<String>, SyncError> {
        let url = format!("{}/fhir-r4/v1", self.base);
        let body = serde_json::to_vec(bundle).map_err(|e| SyncError::BadAnswer(e.to_string()))?;
        let v = self.fhir(&|agent, auth| agent.post(&url).header("Authorization", auth).header("Content-Type", "application/fhir+json").send(&body[..]))?;
        fhir::response_ids(&v).ok_or_else(|| SyncError::BadAnswer(short(&v.to_string())))
    }
}

/// The start of a non-FHIR answer, for an error message.
fn short(body: &str) -> String {
    let t = body.trim();
    match t.char_indices().nth(200) {
        Some((i, _)) => format!("{}...", &t[..i]),
        None => t.to_string(),
    }
}
