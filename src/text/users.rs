//! The users screen (admin): its labels and the refusals of a user change.

use super::{Lang, Text};
use crate::domain::user::{Role, UserChange, UserInput};

texts! {
    users_name => "Nama login", "Login name";
    users_full_name => "Nama lengkap", "Full name";
    users_role => "Peran", "Role";
    users_pin => "PIN (4-8 angka)", "PIN (4-8 digits)";
    users_new_pin => "PIN baru (4-8 angka)", "New PIN (4-8 digits)";
    users_nik => "NIK (16 angka)", "NIK (16 digits)";
    users_bad_role => "Peran tidak dikenal; ketik salah satu yang tertulis di bawah.", "Unknown role; type one of those listed below.";
    users_not_admin => "Hanya admin yang boleh mengubah pengguna.", "Only an admin may change users.";
}

impl Text {
    pub fn users_columns(&self) -> [&'static str; 5] {
        match self.lang {
            Lang::Id => ["Login", "Nama", "Peran", "Status", "NIK nakes"],
            Lang::En => ["Login", "Name", "Role", "State", "Practitioner NIK"],
        }
    }

    pub fn users_roles_hint(&self) -> String {
        let roles: Vec<String> = Role::ALL.iter().map(|r| format!("{} ({})", self.role(*r).to_lowercase(), r.code())).collect();
        roles.join(", ")
    }

    pub fn user_input_error(&self, e: &UserInput) -> String {
        match e {
            UserInput::NotAdmin => self.users_not_admin().into(),
            UserInput::Name(e) => self.user_name_error(*e).into(),
            UserInput::Pin(e) => self.pin_error(*e).into(),
            UserInput::Nik(e) => self.nik_error(e),
        }
    }

    /// What a change did, in a sentence.
    pub fn user_changed(&self, c: &UserChange) -> String {
        match c {
            UserChange::Add { name, role, .. } => self.user_added(name, *role),
            UserChange::ResetPin { name, .. } => self.pin_was_reset(name),
            UserChange::SetRole { name, role } => {
                self.choose(format!("Peran {name} sekarang {}.", self.role(*role)), format!("{name} is now {}.", self.role(*role).to_lowercase()))
            }
            UserChange::SetNik { name, .. } => self.practitioner_nik_set(name),
            UserChange::SetDisabled { name, disabled } => self.user_disabled(name, *disabled),
        }
    }
}
