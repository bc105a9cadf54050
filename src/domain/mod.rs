//! Pure rules: no IO, no clock. Everything here is tested on its own.

pub mod ean;
pub mod nik;
pub mod queue;
pub mod user;
