//! Pure rules: no IO, no clock. Everything here is tested on its own.

pub mod ckg;
pub mod ean;
pub mod names;
pub mod money;
pub mod nik;
pub mod patient;
pub mod queue;
pub mod search;
pub mod stock;
pub mod user;
pub mod cart;
pub mod cash;
pub mod discount;
pub mod payment;
pub mod drug_policy;
pub mod fefo;
pub mod qris;
pub mod weighed;
pub mod csv;
pub mod lang;
pub mod printing;
pub mod icd10;
pub mod rx;
pub mod consult;
