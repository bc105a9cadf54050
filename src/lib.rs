//! Loket: a keyboard-driven counter application for Indonesian village cooperative clinics and
//! shops. See README.md for what it does and ../shared/ARCHITECTURE.md for its shape.

pub mod action;
pub mod app;
pub mod board;
pub mod cli;
pub mod config;
pub mod demo;
pub mod domain;
pub mod keymap;
pub mod ops;
pub mod paths;
pub mod print;
pub mod report;
pub mod screens;
pub mod store;
pub mod supervisor;
pub mod sync;
pub mod term_input;
pub mod text;
pub mod theme;
pub mod voice;
pub mod widgets;
