//! Users: creation, PIN login with lockout, PIN reset and disabling. PINs are argon2id hashes
//! keyed with the site secret (a pepper, see `store::secret`), so the database alone does not let
//! anyone test PINs. A PIN check gives nothing away about who exists: a known, unknown, disabled
//! or locked name costs the same one argon2 check (a fixed decoy hash stands in for a missing
//! one) and gets the same answers, since wrong PINs are counted per name typed.

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError};
use crate::config::Security;
use crate::domain::user::Role;
use super::secret::Secret;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use std::cell::Cell;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub full_name: String,
    pub role: Role,
    pub disabled: bool,
    pub failed_attempts: i64,
    pub locked_until: Option<DateTime<Utc>>,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor::user(self.id, &self.name)
    }

    pub fn is_locked(&self, now: DateTime<Utc>) -> bool {
        self.locked_until.is_some_and(|t| t > now)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthFailure {
    /// Wrong name or PIN; deliberately does not say which.
    BadCredentials,
    /// Too many wrong PINs: wait until then (or ask an admin to reset the PIN).
    Locked { until: DateTime<Utc> },
}

thread_local! {
    /// How many argon2 checks this thread has run (tests check that every answer costs one).
    static HASHES_CHECKED: Cell<u64> = const { Cell::new(0) };
}

pub fn hashes_checked() -> u64 {
    HASHES_CHECKED.with(|c| c.get())
}

/// Stored hashes keyed with the site secret start with this; older ones are plain PHC strings
/// (rehashed with the secret at their next successful check).
const KEYED: &str = "k1";

/// Checked when the name has no usable hash: the same parameters as every new hash, so the check
/// costs the same; a constant, so nothing is computed per process (no slower first try).
const DECOY: &str = "k1$argon2id$v=19$m=19456,t=2,p=1$bG9rZXRkZWNveXNhbHQwMQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

fn argon(secret: Option<&Secret>) -> Argon2<'_> {
    match secret {
        Some(s) => Argon2::new_with_secret(s.bytes(), Algorithm::Argon2id, Version::V0x13, Params::default()).expect("a 32-byte argon2 secret"),
        None => Argon2::default(),
    }
}

/// A new PIN hash, keyed when the secret is known.
fn hash_pin(pin: &str, secret: Option<&Secret>) -> String {
    let salt = SaltString::generate(&mut OsRng);
    let phc = argon(secret).hash_password(pin.as_bytes(), &salt).expect("argon2 hashing with default parameters").to_string();
    if secret.is_some() {
        format!("{KEYED}{phc}")
    } else {
        phc
    }
}

/// One argon2 check of `pin` against a stored hash (keyed or older plain).
fn pin_matches(pin: &str, stored: &str, secret: Option<&Secret>) -> bool {
    HASHES_CHECKED.with(|c| c.set(c.get() + 1));
    let (phc, argon) = match stored.strip_prefix(KEYED) {
        Some(phc) => (phc, argon(secret)),
        None => (stored, argon(None)),
    };
    PasswordHash::new(phc).is_ok_and(|h| argon.verify_password(pin.as_bytes(), &h).is_ok())
}

const USER_COLUMNS: &str = "id, name, full_name, role, disabled, failed_attempts, locked_until, pin_hash";

fn user_from_row(r: &Row) -> rusqlite::Result<(User, String)> {
    let role: String = r.get(3)?;
    Ok((
        User {
            id: r.get(0)?,
            name: r.get(1)?,
            full_name: r.get(2)?,
            role: role.parse().unwrap_or(Role::Clerk),
            disabled: r.get::<_, i64>(4)? != 0,
            failed_attempts: r.get(5)?,
            locked_until: r.get::<_, Option<String>>(6)?.as_deref().and_then(parse_ts),
        },
        r.get(7)?,
    ))
}

impl Store {
    pub fn user_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM users", [], |r| r.get(0))?)
    }

    pub fn users(&self) -> Result<Vec<User>> {
        let mut stmt = self.conn().prepare(&format!("SELECT {USER_COLUMNS} FROM users ORDER BY name"))?;
        let rows = stmt.query_map([], |r| user_from_row(r).map(|(u, _)| u))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn user_with_hash(&self, name: &str) -> Result<Option<(User, String)>> {
        Ok(self
            .conn()
            .query_row(&format!("SELECT {USER_COLUMNS} FROM users WHERE name = ?1"), [name], user_from_row)
            .optional()?)
    }

    pub fn user(&self, name: &str) -> Result<Option<User>> {
        Ok(self.user_with_hash(name)?.map(|(u, _)| u))
    }

    /// Create a user. The PIN must already have passed `domain::user::check_pin`.
    pub fn create_user(&mut self, actor: &Actor, name: &str, full_name: &str, role: Role, pin: &str, now: DateTime<Utc>) -> Result<i64> {
        let hash = hash_pin(pin, self.secret());
        self.write(|tx| {
            let exists: bool = tx.query_row("SELECT count(*) > 0 FROM users WHERE name = ?1", [name], |r| r.get(0))?;
            if exists {
                return Err(StoreError::UserExists(name.to_string()));
            }
            tx.execute(
                "INSERT INTO users(name, full_name, role, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![name, full_name, role.code(), hash, ts(now)],
            )?;
            let id = tx.last_insert_rowid();
            append(tx, actor, "user-add", "users", Some(id), &format!("{name} ({role})"), now)?;
            Ok(id)
        })
    }

    /// Set up a fresh database with its first admin; refuses a database that already has users.
    pub fn init_admin(&mut self, name: &str, full_name: &str, pin: &str, now: DateTime<Utc>) -> Result<i64> {
        if self.user_count()? > 0 {
            return Err(StoreError::AlreadyInitialised);
        }
        self.create_user(&Actor::system("init"), name, full_name, Role::Admin, pin, now)
    }

    /// Check a name and PIN. Wrong PINs count towards a lockout; a success clears the count.
    /// Unknown, disabled and wrong-PIN users get the same answer.
    pub fn authenticate(&mut self, name: &str, pin: &str, now: DateTime<Utc>, policy: &Security) -> Result<Result<User, AuthFailure>> {
        let check = self.check_pin(name, pin, now)?;
        self.write(|tx| record_pin_check(tx, &check, "login", policy, now))
    }

    /// The slow part of a PIN check (argon2), done before any write lock is taken. Always one
    /// check, whoever is named; the lockout is read per name typed.
    pub fn check_pin(&self, name: &str, pin: &str, now: DateTime<Utc>) -> Result<PinCheck> {
        let found = self.user_with_hash(name)?.filter(|(u, _)| !u.disabled);
        let stored = found.as_ref().map(|(_, h)| h.as_str()).unwrap_or(DECOY);
        let ok = pin_matches(pin, stored, self.secret()) && found.is_some();
        let locked = self
            .conn()
            .query_row("SELECT locked_until FROM login_failures WHERE name = ?1", [name], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten()
            .as_deref()
            .and_then(parse_ts)
            .filter(|t| *t > now);
        if let Some(until) = locked {
            return Ok(PinCheck::Refused(AuthFailure::Locked { until }));
        }
        // An older, unkeyed hash is replaced by a keyed one once its PIN is known to be right.
        let rehash = (ok && !stored.starts_with(KEYED) && self.secret().is_some()).then(|| hash_pin(pin, self.secret()));
        Ok(match found {
            Some((user, _)) => PinCheck::Checked { user, ok, rehash },
            None => PinCheck::Unknown { name: name.to_string() },
        })
    }

    /// Give a user a new PIN and lift any lockout (an admin's job).
    pub fn reset_pin(&mut self, actor: &Actor, name: &str, pin: &str, now: DateTime<Utc>) -> Result<()> {
        let user = self.user(name)?.ok_or_else(|| StoreError::NoSuchUser(name.to_string()))?;
        let hash = hash_pin(pin, self.secret());
        self.write(|tx| {
            tx.execute(
                "UPDATE users SET pin_hash = ?2, failed_attempts = 0, locked_until = NULL WHERE id = ?1",
                params![user.id, hash],
            )?;
            tx.execute("DELETE FROM login_failures WHERE name = ?1", [&user.name])?;
            append(tx, actor, "user-reset-pin", "users", Some(user.id), &user.name, now)
        })
    }

    /// Disable or re-enable a user. The last enabled admin cannot be disabled.
    pub fn set_user_disabled(&mut self, actor: &Actor, name: &str, disabled: bool, now: DateTime<Utc>) -> Result<()> {
        let user = self.user(name)?.ok_or_else(|| StoreError::NoSuchUser(name.to_string()))?;
        self.write(|tx| {
            if disabled && user.role == Role::Admin {
                let admins: i64 =
                    tx.query_row("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0", [], |r| r.get(0))?;
                if admins <= 1 {
                    return Err(StoreError::LastAdmin);
                }
            }
            tx.execute("UPDATE users SET disabled = ?2 WHERE id = ?1", params![user.id, disabled as i64])?;
            let action = if disabled { "user-disable" } else { "user-enable" };
            append(tx, actor, action, "users", Some(user.id), &user.name, now)
        })
    }

    /// Record a logout or a lock of the counter.
    pub fn record_session_event(&mut self, user: &User, action: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| append(tx, &user.actor(), action, "users", Some(user.id), &user.name, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::temp_store;

    fn policy() -> Security {
        Security { max_pin_attempts: 5, lockout_minutes: 5, idle_lock_minutes: 0 }
    }

    #[test]
    fn login_with_the_right_pin_and_not_with_a_wrong_one() {
        let (_d, mut store) = temp_store();
        let now = Utc::now();
        store.init_admin("admin", "Admin", "1234", now).unwrap();
        assert!(store.authenticate("admin", "1234", now, &policy()).unwrap().is_ok());
        assert!(store.authenticate("ADMIN", "1234", now, &policy()).unwrap().is_ok(), "names ignore case");
        assert_eq!(store.authenticate("admin", "9999", now, &policy()).unwrap(), Err(AuthFailure::BadCredentials));
        assert_eq!(store.authenticate("nobody", "1234", now, &policy()).unwrap(), Err(AuthFailure::BadCredentials));
        assert!(matches!(store.init_admin("other", "", "1234", now), Err(StoreError::AlreadyInitialised)));
    }

    #[test]
    fn five_wrong_pins_lock_the_user_until_the_time_passes_or_an_admin_resets() {
        let (_d, mut store) = temp_store();
        let now = Utc::now();
        store.init_admin("admin", "", "1234", now).unwrap();
        store.create_user(&Actor::system("test"), "budi", "Budi", Role::Cashier, "2222", now).unwrap();
        for _ in 0..4 {
            assert_eq!(store.authenticate("budi", "0000", now, &policy()).unwrap(), Err(AuthFailure::BadCredentials));
        }
        let until = now + Duration::minutes(5);
        assert_eq!(store.authenticate("budi", "0000", now, &policy()).unwrap(), Err(AuthFailure::Locked { until }));
        // Even the right PIN waits out the lock.
        assert!(matches!(store.authenticate("budi", "2222", now, &policy()).unwrap(), Err(AuthFailure::Locked { .. })));
        assert!(store.authenticate("budi", "2222", until + Duration::seconds(1), &policy()).unwrap().is_ok());
        for _ in 0..5 {
            let _ = store.authenticate("budi", "0000", now, &policy()).unwrap();
        }
        assert!(store.user("budi").unwrap().unwrap().is_locked(now));
        store.reset_pin(&Actor::system("test"), "budi", "5678", now).unwrap();
        assert!(store.authenticate("budi", "5678", now, &policy()).unwrap().is_ok());
        assert_eq!(store.verify_audit().unwrap().problems(), None);
    }

    #[test]
    fn disabled_users_cannot_log_in_and_the_last_admin_stays() {
        let (_d, mut store) = temp_store();
        let now = Utc::now();
        store.init_admin("admin", "", "1234", now).unwrap();
        store.create_user(&Actor::system("test"), "siti", "", Role::Clerk, "1111", now).unwrap();
        assert!(matches!(store.create_user(&Actor::system("test"), "SITI", "", Role::Clerk, "1111", now), Err(StoreError::UserExists(_))));
        store.set_user_disabled(&Actor::system("test"), "siti", true, now).unwrap();
        assert_eq!(store.authenticate("siti", "1111", now, &policy()).unwrap(), Err(AuthFailure::BadCredentials));
        assert!(matches!(store.set_user_disabled(&Actor::system("test"), "admin", true, now), Err(StoreError::LastAdmin)));
        let actions: Vec<String> = store.recent_audit(10).unwrap().into_iter().map(|e| e.action).collect();
        assert!(actions.contains(&"user-disable".to_string()));
    }
}

/// A PIN checked against its user's hash, not yet recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinCheck {
    /// The name typed is locked out: nothing to record.
    Refused(AuthFailure),
    /// No active user of that name: a wrong PIN, counted against the name.
    Unknown { name: String },
    /// `rehash`: a keyed hash to store in place of an older plain one (the PIN was right).
    Checked { user: User, ok: bool, rehash: Option<String> },
}

/// Count a wrong PIN against the name typed; Some(until) when that reached the lockout.
fn count_failure(tx: &Transaction, name: &str, policy: &Security, now: DateTime<Utc>) -> Result<(i64, Option<DateTime<Utc>>)> {
    let failed: i64 = tx.query_row(
        "INSERT INTO login_failures(name, failed) VALUES (?1, 1)
         ON CONFLICT(name) DO UPDATE SET failed = failed + 1 RETURNING failed",
        [name],
        |r| r.get(0),
    )?;
    if failed >= policy.max_pin_attempts as i64 {
        let until = now + Duration::minutes(policy.lockout_minutes as i64);
        tx.execute("UPDATE login_failures SET failed = 0, locked_until = ?2 WHERE name = ?1", params![name, ts(until)])?;
        return Ok((failed, Some(until)));
    }
    Ok((failed, None))
}

/// Record a PIN check inside the caller's transaction: a success clears the count and is audited
/// as `purpose` ("login", or "approve" when a supervisor approves a void); a wrong PIN counts
/// towards the lockout of the name typed, known or not. The caller commits the transaction
/// either way, so a wrong PIN always counts, even when the operation it was meant to approve
/// does not happen.
pub fn record_pin_check(tx: &Transaction, check: &PinCheck, purpose: &str, policy: &Security, now: DateTime<Utc>) -> Result<Result<User, AuthFailure>> {
    let (user, ok, rehash) = match check {
        PinCheck::Refused(f) => return Ok(Err(f.clone())),
        PinCheck::Unknown { name } => {
            return Ok(Err(match count_failure(tx, name, policy, now)?.1 {
                Some(until) => AuthFailure::Locked { until },
                None => AuthFailure::BadCredentials,
            }));
        }
        PinCheck::Checked { user, ok, rehash } => (user, *ok, rehash),
    };
    if ok {
        tx.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?1", [user.id])?;
        tx.execute("DELETE FROM login_failures WHERE name = ?1", [&user.name])?;
        if let Some(hash) = rehash {
            tx.execute("UPDATE users SET pin_hash = ?2 WHERE id = ?1", params![user.id, hash])?;
        }
        append(tx, &user.actor(), purpose, "users", Some(user.id), &user.name, now)?;
        return Ok(Ok(User { failed_attempts: 0, locked_until: None, ..user.clone() }));
    }
    let (failed, locked) = count_failure(tx, &user.name, policy, now)?;
    // The user's own columns follow, for `loket user list`.
    tx.execute(
        "UPDATE users SET failed_attempts = ?2, locked_until = ?3 WHERE id = ?1",
        params![user.id, if locked.is_some() { 0 } else { failed }, locked.map(ts)],
    )?;
    if let Some(until) = locked {
        append(tx, &user.actor(), "user-locked", "users", Some(user.id), &format!("{failed} wrong PINs"), now)?;
        return Ok(Err(AuthFailure::Locked { until }));
    }
    append(tx, &user.actor(), &format!("{purpose}-failed"), "users", Some(user.id), &format!("wrong PIN {failed}"), now)?;
    Ok(Err(AuthFailure::BadCredentials))
}
