//! Screens: one module each, holding that screen's state, its reaction to actions and its
//! drawing. A screen reads what it needs through a `Ctx` and answers with a `Reply` (see
//! `ui.rs`); it never sees the app's state. The app lays out the frame (`app::draw`).

pub mod ckg;
pub mod consult;
mod consult_view;
pub mod dispensing;
pub mod count;
pub mod count_view;
pub mod dialogs;
pub mod home;
pub mod login;
pub mod member_loans;
pub mod members;
pub mod members_view;
pub mod patients;
pub mod products;
mod products_form;
pub mod products_view;
pub mod queue;
pub mod receiving;
pub mod reorder;
mod receiving_forms;
pub mod receiving_view;
pub mod reports;
pub mod shift;
pub mod sync;
pub mod sale;
pub mod supplier_return;
pub mod ui;
pub mod users;

pub use ui::{Ctx, Flash, FlashKind, Modal, ModalChange, Note, Reply};

use crate::action::Scope;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub use crate::domain::user::ScreenId;

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
            ScreenId::Receiving => Scope::Receiving,
            ScreenId::StockCount => Scope::Count,
            ScreenId::Users => Scope::Users,
            ScreenId::Products => Scope::Products,
            ScreenId::Reorder => Scope::Reorder,
            ScreenId::Members => Scope::Members,
            ScreenId::Consultation => Scope::Consult,
            ScreenId::Dispensing => Scope::Dispensing,
        }
    }
}
