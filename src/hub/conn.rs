//! Connecting to the hub: the address as PostgreSQL writes it (`postgresql://host:port/db`), the
//! user and the password from a file readable by the loket user only, TLS by rustls. TLS is
//! required unless the address says `sslmode=disable` or the host is this machine; the server's
//! certificate is checked against Mozilla's roots, or against the hub's own CA file.

use super::HubError;
use postgres::config::SslMode;
use postgres::{Client, Config, NoTls};
use std::path::Path;
use std::time::Duration;

/// How long a connection attempt waits.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What to connect with.
#[derive(Debug, Clone, Default)]
pub struct Target<'a> {
    pub url: &'a str,
    pub user: Option<&'a str>,
    pub password: Option<&'a str>,
    pub ca_file: Option<&'a Path>,
}

/// The address without a password in it, to store and show.
pub fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (auth, host) = match rest.split_once('@') {
        Some((a, h)) => (Some(a), h),
        None => (None, rest),
    };
    match auth {
        Some(a) => format!("{scheme}://{}@{host}", a.split(':').next().unwrap_or("")),
        None => url.to_string(),
    }
}

pub fn connect(t: &Target) -> Result<Client, HubError> {
    let mut cfg: Config = t.url.parse().map_err(|e: postgres::Error| HubError::BadUrl(e.to_string()))?;
    if let Some(u) = t.user {
        cfg.user(u);
    }
    if let Some(p) = t.password {
        cfg.password(p);
    }
    cfg.connect_timeout(CONNECT_TIMEOUT);
    cfg.application_name("loket");
    // A statement that hangs (a lock, a dying server) ends as a network problem, tried later.
    cfg.options("-c statement_timeout=60000");
    let local = cfg.get_hosts().iter().all(|h| match h {
        postgres::config::Host::Tcp(name) => name == "localhost" || name == "127.0.0.1" || name == "::1",
        postgres::config::Host::Unix(_) => true,
    });
    if !t.url.contains("sslmode=") && !local {
        cfg.ssl_mode(SslMode::Require);
    }
    if cfg.get_ssl_mode() == SslMode::Disable {
        return Ok(cfg.connect(NoTls)?);
    }
    let tls = tls_config(t.ca_file)?;
    Ok(cfg.connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls))?)
}

fn tls_config(ca_file: Option<&Path>) -> Result<rustls::ClientConfig, HubError> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore::empty();
    // The hub's own CA file, or the system's bundle (as SATUSEHAT's HTTPS trusts).
    let path = ca_file.unwrap_or(Path::new(crate::config::satusehat::DEFAULT_CA_FILE));
    let certs = CertificateDer::pem_file_iter(path).map_err(|e| HubError::BadUrl(format!("{}: {e}", path.display())))?;
    let certs = certs.collect::<Result<Vec<_>, _>>().map_err(|e| HubError::BadUrl(format!("{}: {e}", path.display())))?;
    // A bundle may hold an authority rustls cannot use; the others still count.
    let (added, _) = roots.add_parsable_certificates(certs);
    if added == 0 {
        return Err(HubError::BadUrl(format!("{}: no certificate", path.display())));
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| HubError::BadUrl(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_address_is_never_kept() {
        assert_eq!(without_password("postgresql://site:geheim@hub.example:5432/loket"), "postgresql://site@hub.example:5432/loket");
        assert_eq!(without_password("postgresql://hub.example/loket?sslmode=require"), "postgresql://hub.example/loket?sslmode=require");
    }
}
