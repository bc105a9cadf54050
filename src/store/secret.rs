//! The site secret: 32 random bytes in a file beside the database (`loket.key` for `loket.db`),
//! readable by its owner only (the loket user), never inside the database or a backup. It keys
//! the PIN hashes (a pepper: a copy of the database alone cannot test PINs) and the audit chain
//! (an edited row cannot be given a matching digest without it). The database records the
//! secret's fingerprint, so a missing or wrong secret is named instead of every PIN failing.

use blake2::digest::{FixedOutput, KeyInit, Update};
use blake2::Blake2sMac256;
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Clone)]
pub struct Secret([u8; 32]);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// Where the secret of the database at `db` lives.
pub fn key_path(db: &Path) -> PathBuf {
    db.with_extension("key")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Secret {
    /// A keyed digest (BLAKE2s-MAC) of `parts`, each length-prefixed, for the purpose `what`.
    pub fn mac(&self, what: &str, parts: &[&[u8]]) -> String {
        let mut m = <Blake2sMac256 as KeyInit>::new_from_slice(&self.0).expect("32-byte key");
        for p in std::iter::once(what.as_bytes()).chain(parts.iter().copied()) {
            m.update(&(p.len() as u64).to_le_bytes());
            m.update(p);
        }
        hex(&m.finalize_fixed())
    }

    /// What the database records to recognise its secret (reveals nothing of it).
    pub fn fingerprint(&self) -> String {
        self.mac("loket-secret-id", &[])[..16].to_string()
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    fn parse(text: &str) -> Option<Secret> {
        let t = text.trim();
        if t.len() != 64 {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, b) in out.iter_mut().enumerate() {
            *b = u8::from_str_radix(t.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(Secret(out))
    }
}

#[derive(Debug)]
pub enum Load {
    Found(Secret),
    Missing,
    /// The file exists but cannot be read (another user's secret) or is not a secret.
    Unreadable,
}

pub fn load(path: &Path) -> Load {
    match std::fs::read_to_string(path) {
        Ok(text) => Secret::parse(&text).map(Load::Found).unwrap_or(Load::Unreadable),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Load::Missing,
        Err(_) => Load::Unreadable,
    }
}

/// Make a new secret file (mode 0600, never overwriting one).
pub fn create(path: &Path) -> std::io::Result<Secret> {
    let mut bytes = [0u8; 32];
    getrandom(&mut bytes)?;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    f.write_all(format!("{}\n", hex(&bytes)).as_bytes())?;
    f.sync_all()?;
    Ok(Secret(bytes))
}

fn getrandom(buf: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")?.read_exact(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_round_trips_through_its_file_and_keys_its_digests() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.key");
        let made = create(&p).unwrap();
        assert!(create(&p).is_err(), "never overwritten");
        let Load::Found(read) = load(&p) else { panic!() };
        assert_eq!(read.fingerprint(), made.fingerprint());
        assert_ne!(read.mac("a", &[b"1"]), Secret([0; 32]).mac("a", &[b"1"]));
        assert_ne!(read.mac("a", &[b"1", b"2"]), read.mac("a", &[b"12"]));
        std::fs::write(&p, "junk").unwrap();
        assert!(matches!(load(&p), Load::Unreadable));
    }
}
