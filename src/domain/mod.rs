//! Pure rules: no IO, no clock. Everything here is tested on its own.

pub mod ean;
pub mod money;
pub mod nik;
pub mod user;
