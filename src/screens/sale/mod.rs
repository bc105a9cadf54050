//! The sale screen (F4): scan or type into the entry field, the cart with exact rupiah totals,
//! member prices, drug rules, paying (cash with change, QRIS with its reference, member credit,
//! split), parking and resuming, and voids/returns approved by a supervisor. The store is asked
//! through the `SaleOp`s in the screen's replies and answers with `SaleMsg`; drawing is in
//! `view.rs`.
//!
//! `state.rs` holds the screen's state and what the store is asked and answers; `keys.rs` its
//! reaction to keys; `cart.rs` the checks a product passes on its way onto the cart; `answer.rs`
//! the store's answers; `discount.rs` discounts and price changes.

mod answer;
mod cart;
mod discount;
mod keys;
mod state;
mod view;

pub use state::*;
pub use view::{render, render_qr};

use super::Ctx;
use crate::domain::user::Role;

/// Whether the user selling is a pharmacist (the drug rules allow them more).
fn pharmacist(ctx: &Ctx) -> bool {
    ctx.role() == Some(Role::Pharmacy)
}
