//! The free health check (Cek Kesehatan Gratis): who is due, the checklist for an age and sex,
//! the plausible range of each measurement, and the Indonesian cut-offs that classify results.
//! CKG is screening: a positive finding means referral, not treatment.

mod classify;
mod groups;
mod values;

pub use classify::*;
pub use groups::*;
pub use values::*;
