//! Users, as an admin changes them on the users screen: add, reset a PIN, change a role, set the
//! practitioner NIK, disable or enable. The same rules as `loket user ...`: a login name of
//! letters, digits, dot, dash or underscore; a PIN of 4-8 digits; a valid NIK; the last active
//! admin stays. Only an admin may do any of it.

use crate::domain::nik::Nik;
pub use crate::domain::user::{UserChange, UserInput};
use crate::domain::user::{check_pin, check_user_name, Role};
use crate::store::users::User;
use crate::store::{Result, Store};
use chrono::{DateTime, Utc};

pub fn change(store: &mut Store, admin: &User, c: &UserChange, now: DateTime<Utc>) -> Result<std::result::Result<(), UserInput>> {
    if admin.role != Role::Admin {
        return Ok(Err(UserInput::NotAdmin));
    }
    let actor = admin.actor();
    match c {
        UserChange::Add { name, full_name, role, pin } => {
            if let Err(e) = check_user_name(name) {
                return Ok(Err(UserInput::Name(e)));
            }
            if let Err(e) = check_pin(pin) {
                return Ok(Err(UserInput::Pin(e)));
            }
            store.create_user(&actor, name, full_name.trim(), *role, pin, now)?;
        }
        UserChange::ResetPin { name, pin } => {
            if let Err(e) = check_pin(pin) {
                return Ok(Err(UserInput::Pin(e)));
            }
            store.reset_pin(&actor, name, pin, now)?;
        }
        UserChange::SetRole { name, role } => store.set_user_role(&actor, name, *role, now)?,
        UserChange::SetNik { name, nik } => match Nik::parse(nik) {
            Ok(n) => store.set_practitioner_nik(&actor, name, n.as_str(), now)?,
            Err(e) => return Ok(Err(UserInput::Nik(e))),
        },
        UserChange::SetDisabled { name, disabled } => store.set_user_disabled(&actor, name, *disabled, now)?,
    }
    Ok(Ok(()))
}
