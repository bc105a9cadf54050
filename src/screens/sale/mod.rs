//! The sale screen (F4): scan or type into the entry field, the cart with exact rupiah totals,
//! member prices, drug rules, paying (cash with change, QRIS with its reference, member credit,
//! split), parking and resuming, and voids/returns approved by a supervisor. The store is asked
//! through effects (`SaleOp`), answered with `SaleMsg`; drawing is in `view.rs`.
//!
//! `state.rs` holds the screen's state and what the store is asked and answers; `keys.rs` its
//! reaction to keys; `cart.rs` the checks a product passes on its way onto the cart; `answer.rs`
//! the store's answers.

mod answer;
mod cart;
mod keys;
mod state;
pub(crate) mod view;

pub use answer::answer;
pub use cart::found;
pub use keys::{action, typed};
pub use state::*;
pub use view::render;

use crate::app::{Effect, FlashKind, State};
use crate::domain::user::Role;
use tui_input::Input;

fn flash_err(s: &mut State, msg: String) -> Vec<Effect> {
    s.flash(FlashKind::Error, msg);
    vec![]
}

fn take_entry(s: &mut State) -> String {
    let v = s.sale.entry.value().trim().to_string();
    s.sale.entry = Input::default();
    v
}

fn pharmacist(s: &State) -> bool {
    s.session.as_ref().is_some_and(|u| u.role == Role::Pharmacy)
}
