//! Users and roles: who may do what at the counter, and what a PIN must look like.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Counter clerk: queue, registration, CKG.
    Clerk,
    /// Cashier: sales and the cashier's own shift.
    Cashier,
    /// Pharmacy: drug sales that need a prescription.
    Pharmacy,
    /// Supervisor: reports and approvals (voids), read-only over SSH.
    Supervisor,
    /// Admin: setup and users.
    Admin,
    /// Examiner: a doctor, midwife or nurse (their profession and licence in `health_workers`):
    /// consultations, prescriptions and referral letters; also the clerk's queue and CKG work.
    Examiner,
}

impl Role {
    pub const ALL: [Role; 6] = [Role::Clerk, Role::Cashier, Role::Pharmacy, Role::Supervisor, Role::Admin, Role::Examiner];

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Cashier => "cashier",
            Role::Pharmacy => "pharmacy",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
            Role::Examiner => "examiner",
        }
    }
}

impl Role {
    /// Who approves voids and returns with name and PIN, and sees the full figures (expected
    /// cash, differences): supervisors and admins.
    pub fn approves(self) -> bool {
        matches!(self, Role::Supervisor | Role::Admin)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Role {
    type Err = ();
    fn from_str(s: &str) -> Result<Role, ()> {
        Role::ALL.into_iter().find(|r| r.code() == s).ok_or(())
    }
}

/// The screens reached after login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenId {
    Home,
    Queue,
    Patients,
    Sale,
    Shift,
    /// The SATUSEHAT outbox.
    Sync,
    /// Goods received from a supplier.
    Receiving,
    /// The stock count (stock opname).
    StockCount,
    /// Users and their roles (admin).
    Users,
    /// Products and prices.
    Products,
    /// The low-stock list and purchase orders.
    Reorder,
    /// Members: savings, shop credit, loan installments.
    Members,
    /// The examination room: a consultation with its prescription and referral.
    Consultation,
    /// The pharmacy's waiting prescriptions and their dispensing.
    Dispensing,
}

impl ScreenId {
    /// Who may open the screen (ARCHITECTURE.md, "Who may do what").
    pub fn allowed_for(self, role: Role) -> bool {
        use Role::*;
        match self {
            ScreenId::Home | ScreenId::Queue => true,
            ScreenId::Patients => matches!(role, Clerk | Pharmacy | Supervisor | Admin | Examiner),
            ScreenId::Sale => matches!(role, Cashier | Pharmacy),
            ScreenId::Shift => matches!(role, Cashier | Pharmacy | Supervisor | Admin),
            ScreenId::Sync => matches!(role, Clerk | Supervisor | Admin | Examiner),
            ScreenId::Receiving => matches!(role, Cashier | Pharmacy | Supervisor),
            ScreenId::StockCount => matches!(role, Cashier | Pharmacy | Supervisor),
            ScreenId::Users => matches!(role, Admin),
            ScreenId::Products => matches!(role, Supervisor | Admin),
            ScreenId::Reorder => matches!(role, Cashier | Pharmacy | Supervisor | Admin),
            // Cashiers take deposits and installments; supervisors approve and see the figures.
            ScreenId::Members => matches!(role, Cashier | Supervisor | Admin),
            ScreenId::Consultation => matches!(role, Examiner),
            ScreenId::Dispensing => matches!(role, Pharmacy),
        }
    }
}

/// (login name, full name, role, PIN): shown on the login screen of a demo database.
pub const DEMO_USERS: &[(&str, &str, Role, &str)] = &[
    ("siti", "Siti Aminah", Role::Clerk, "1111"),
    ("budi", "Budi Santoso", Role::Cashier, "2222"),
    ("rina", "apt. Rina Wulandari", Role::Pharmacy, "3333"),
    ("joko", "Joko Susilo", Role::Supervisor, "4444"),
    ("admin", "Admin Koperasi", Role::Admin, "1234"),
    ("dewi", "dr. Dewi Lestari", Role::Examiner, "5555"),
];

pub const PIN_MIN: usize = 4;
pub const PIN_MAX: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinError {
    NotDigits,
    Length,
}

/// A PIN is 4 to 8 digits: quick on a numeric keypad, and hashed with argon2 at rest.
pub fn check_pin(pin: &str) -> Result<(), PinError> {
    if !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinError::NotDigits);
    }
    if !(PIN_MIN..=PIN_MAX).contains(&pin.len()) {
        return Err(PinError::Length);
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserNameError {
    Empty,
    TooLong,
    BadChar,
}

/// A login name: 1-32 characters of letters, digits, dot, dash or underscore (typed at a counter).
pub fn check_user_name(name: &str) -> Result<(), UserNameError> {
    if name.is_empty() {
        return Err(UserNameError::Empty);
    }
    if name.chars().count() > 32 {
        return Err(UserNameError::TooLong);
    }
    if !name.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err(UserNameError::BadChar);
    }
    Ok(())
}

/// A change an admin makes to a user (the users screen, `ops::users::change`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserChange {
    Add { name: String, full_name: String, role: Role, pin: String },
    ResetPin { name: String, pin: String },
    SetRole { name: String, role: Role },
    SetNik { name: String, nik: String },
    SetDisabled { name: String, disabled: bool },
}

/// Why a change was refused before anything was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserInput {
    NotAdmin,
    Name(UserNameError),
    Pin(PinError),
    Nik(crate::domain::nik::NikError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert_eq!(check_pin("1234"), Ok(()));
        assert_eq!(check_pin("12345678"), Ok(()));
        assert_eq!(check_pin("123"), Err(PinError::Length));
        assert_eq!(check_pin("123456789"), Err(PinError::Length));
        assert_eq!(check_pin("12a4"), Err(PinError::NotDigits));
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>(), Ok(r));
        }
        assert!("kasir".parse::<Role>().is_err());
    }

    #[test]
    fn user_names() {
        assert_eq!(check_user_name("siti"), Ok(()));
        assert_eq!(check_user_name("apt.rina"), Ok(()));
        assert_eq!(check_user_name(""), Err(UserNameError::Empty));
        assert_eq!(check_user_name("a b"), Err(UserNameError::BadChar));
    }
}
