//! What the users screen needs beyond `users.rs`: every user with their practitioner NIK, and
//! changing a role (the last active admin keeps theirs).

use super::audit::{append, Actor};
use super::users::User;
use super::{Result, Store, StoreError};
use crate::domain::user::Role;
use chrono::{DateTime, Utc};
use rusqlite::params;

/// A user as the users screen lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub user: User,
    pub practitioner_nik: Option<String>,
}

impl Store {
    pub fn user_rows(&self) -> Result<Vec<UserRow>> {
        let niks: Vec<(String, Option<String>)> = self
            .conn()
            .prepare("SELECT name, practitioner_nik FROM users ORDER BY name")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let users = self.users()?;
        Ok(users
            .into_iter()
            .map(|u| {
                let nik = niks.iter().find(|(n, _)| *n == u.name).and_then(|(_, k)| k.clone());
                UserRow { user: u, practitioner_nik: nik }
            })
            .collect())
    }

    /// Change a user's role. The last active admin stays admin.
    pub fn set_user_role(&mut self, actor: &Actor, name: &str, role: Role, now: DateTime<Utc>) -> Result<()> {
        let user = self.user(name)?.ok_or_else(|| StoreError::NoSuchUser(name.to_string()))?;
        self.write(|tx| {
            if user.role == Role::Admin && role != Role::Admin && !user.disabled {
                let admins: i64 = tx.query_row("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0", [], |r| r.get(0))?;
                if admins <= 1 {
                    return Err(StoreError::LastAdmin);
                }
            }
            tx.execute("UPDATE users SET role = ?2 WHERE id = ?1", params![user.id, role.code()])?;
            append(tx, actor, "user-role", "users", Some(user.id), &format!("{}: {} -> {}", user.name, user.role, role), now)
        })
    }
}
