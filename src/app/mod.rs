//! The application: `State`, the messages that change it, the effects it asks for, and the loop
//! that ties the terminal, the keymap, the store and the screens together.
//!
//! `update(&mut State, Msg) -> Vec<Effect>` is the only place UI state changes; it does no IO and
//! reads no clock (time arrives in `Msg::Tick`). `App` carries the effects out against the store
//! and feeds the results back as messages. Drawing (`view.rs`) reads `&State` only.
//!
//! Screens never see `State`: the app hands each its own state, a `screens::Ctx` to read, and
//! carries out the `screens::Reply` it gives back (`update.rs`).

mod msg;
mod perform;
mod perform_members;
mod perform_clinic;
mod perform_sale;
mod perform_stock;
mod runner;
mod state;
mod update;
#[cfg(test)]
mod update_tests;
mod view;

pub use msg::{Effect, Msg};
pub use perform::export_csv;
pub use runner::{App, Input, Probe, ScriptedInput};
pub use crate::screens::{Flash, FlashKind, Modal};
pub use state::State;
pub use update::update;
pub use view::draw;
pub(crate) use update::failure_message;

// For perform*.rs, which reach these through `super::`.
use crate::screens::patients::CardView;
use crate::screens::queue::QueueOutcome;
