//! Screens: one module each, holding that screen's state, its reaction to actions and its
//! drawing. A screen reads what it needs through a `Ctx` and answers with a `Reply` (see
//! `ui.rs`); it never sees the app's state. The app lays out the frame (`app::draw`).

pub mod ckg;
pub mod dialogs;
pub mod home;
pub mod login;
pub mod patients;
pub mod queue;
pub mod reports;
pub mod shift;
pub mod sync;
pub mod sale;
pub mod ui;

pub use ui::{Ctx, Flash, FlashKind, Modal, ModalChange, Note, Reply};

use crate::action::Scope;
use crate::domain::user::Role;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

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
}

impl ScreenId {
    pub fn scope(self) -> Scope {
        match self {
            ScreenId::Home => Scope::Home,
            ScreenId::Queue => Scope::Queue,
            ScreenId::Patients => Scope::Patients,
            ScreenId::Sale => Scope::Sale,
            ScreenId::Shift => Scope::Shift,
            // Navigation only: the screen shows the outbox; fixes happen where the data is.
            ScreenId::Sync => Scope::Home,
        }
    }

    /// Who may open the screen (ARCHITECTURE.md, "Who may do what").
    pub fn allowed_for(self, role: Role) -> bool {
        use Role::*;
        match self {
            ScreenId::Home | ScreenId::Queue => true,
            ScreenId::Patients => matches!(role, Clerk | Pharmacy | Supervisor | Admin),
            ScreenId::Sale => matches!(role, Cashier | Pharmacy),
            ScreenId::Shift => matches!(role, Cashier | Pharmacy | Supervisor | Admin),
            ScreenId::Sync => matches!(role, Clerk | Supervisor | Admin),
        }
    }
}
