//! Loket: a keyboard-driven counter application for Indonesian village cooperative clinics and
//! shops. README.md says what it does; ARCHITECTURE.md maps its layers and files.

pub mod action;
pub mod app;
pub mod board;
pub mod ckg_register;
pub mod cli;
pub mod config;
pub mod demo;
#[cfg(feature = "hub")]
pub mod district;
pub mod domain;
#[cfg(feature = "hub")]
pub mod hub;
pub mod keymap;
pub mod member_report;
pub mod ops;
pub mod paths;
pub mod print;
pub mod report;
pub mod screens;
pub mod store;
pub mod supervisor;
pub mod sync;
pub mod term_input;
pub mod term_output;
pub mod text;
pub mod theme;
pub mod voice;
pub mod widgets;
