//! Users: creation, PIN login with lockout, PIN reset and disabling. PINs are argon2id hashes.

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError};
use crate::config::Security;
use crate::domain::user::Role;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};
use std::sync::OnceLock;

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

pub fn hash_pin(pin: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(pin.as_bytes(), &salt).expect("argon2 hashing with default parameters").to_string()
}

fn pin_matches(pin: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| Argon2::default().verify_password(pin.as_bytes(), &h).is_ok())
}

/// A hash to verify against when the user does not exist, so that the answer takes as long.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_pin("00000000"))
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
        let hash = hash_pin(pin);
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

    /// The slow part of a PIN check (argon2), done before any write lock is taken.
    pub fn check_pin(&self, name: &str, pin: &str, now: DateTime<Utc>) -> Result<PinCheck> {
        let Some((user, hash)) = self.user_with_hash(name)? else {
            pin_matches(pin, decoy_hash());
            return Ok(PinCheck::Refused(AuthFailure::BadCredentials));
        };
        if user.disabled {
            pin_matches(pin, decoy_hash());
            return Ok(PinCheck::Refused(AuthFailure::BadCredentials));
        }
        if let Some(until) = user.locked_until.filter(|t| *t > now) {
            return Ok(PinCheck::Refused(AuthFailure::Locked { until }));
        }
        let ok = pin_matches(pin, &hash);
        Ok(PinCheck::Checked { user, ok })
    }

    /// Give a user a new PIN and lift any lockout (an admin's job).
    pub fn reset_pin(&mut self, actor: &Actor, name: &str, pin: &str, now: DateTime<Utc>) -> Result<()> {
        let user = self.user(name)?.ok_or_else(|| StoreError::NoSuchUser(name.to_string()))?;
        let hash = hash_pin(pin);
        self.write(|tx| {
            tx.execute(
                "UPDATE users SET pin_hash = ?2, failed_attempts = 0, locked_until = NULL WHERE id = ?1",
                params![user.id, hash],
            )?;
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
        assert_eq!(store.verify_audit().unwrap().problem, None);
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
    /// Unknown, disabled or locked: nothing to record.
    Refused(AuthFailure),
    Checked { user: User, ok: bool },
}

/// Record a PIN check inside the caller's transaction: a success clears the count and is audited
/// as `purpose` ("login", or "approve" when a supervisor approves a void); a wrong PIN counts
/// towards the lockout. The caller commits the transaction either way, so a wrong PIN always
/// counts, even when the operation it was meant to approve does not happen.
pub fn record_pin_check(tx: &Transaction, check: &PinCheck, purpose: &str, policy: &Security, now: DateTime<Utc>) -> Result<Result<User, AuthFailure>> {
    let (user, ok) = match check {
        PinCheck::Refused(f) => return Ok(Err(f.clone())),
        PinCheck::Checked { user, ok } => (user, *ok),
    };
    if ok {
        tx.execute("UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?1", [user.id])?;
        append(tx, &user.actor(), purpose, "users", Some(user.id), &user.name, now)?;
        return Ok(Ok(User { failed_attempts: 0, locked_until: None, ..user.clone() }));
    }
    let failed: i64 = tx.query_row(
        "UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ?1 RETURNING failed_attempts",
        [user.id],
        |r| r.get(0),
    )?;
    if failed >= policy.max_pin_attempts as i64 {
        let until = now + Duration::minutes(policy.lockout_minutes as i64);
        tx.execute("UPDATE users SET failed_attempts = 0, locked_until = ?2 WHERE id = ?1", params![user.id, ts(until)])?;
        append(tx, &user.actor(), "user-locked", "users", Some(user.id), &format!("{failed} wrong PINs"), now)?;
        return Ok(Err(AuthFailure::Locked { until }));
    }
    append(tx, &user.actor(), &format!("{purpose}-failed"), "users", Some(user.id), &format!("wrong PIN {failed}"), now)?;
    Ok(Err(AuthFailure::BadCredentials))
}
