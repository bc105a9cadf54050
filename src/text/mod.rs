//! Every user-facing string, in Bahasa Indonesia (the default) and English. Code asks this
//! catalog for text; no screen, command or error message writes its own words.
//!
//! This file holds `Lang`, `Text` and the `texts!` macro; the texts themselves live in one file
//! per area below, each writing every string once per language, side by side.

pub use crate::domain::lang::Lang;
pub use reports::CsvPart;

/// The catalog, for one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub lang: Lang,
}

/// Fixed texts of one area: each invocation adds its own `impl Text` block, and (for the tests)
/// a `FIXED` list of the area's pairs, which `ALL_FIXED` below chains.
macro_rules! texts {
    ($($name:ident => $id:literal, $en:literal;)*) => {
        impl $crate::text::Text {
            $(pub fn $name(&self) -> &'static str { self.pick($id, $en) })*
        }
        #[cfg(test)]
        pub(super) const FIXED: &[(&str, &str)] = &[$(($id, $en)),*];
    };
}

// Login, lock, home, help, footer, screens and roles.
mod app;
// The examination room and the pharmacy.
mod clinic;
// The free health check (CKG).
mod ckg;
// Command-line output and errors: init, users, audit, backup/restore, demo.
mod cli;
// Problems in config.toml and keymaps.
mod config;
// Members: savings, credit, loans, SHU.
mod members;
// Payments, cash control, returns and discounts.
mod money;
// Patients and CKG.
mod patients;
// Printed documents, printer status and print errors.
mod print;
// The queue and the board.
mod queue;
// Shifts, the supervisor view and reports.
mod reports;
// Sales, stock and catalog texts.
mod sales;
// Stock: receiving, counts, the stock rules.
mod stock;
// Store errors.
mod store;
// SATUSEHAT.
mod sync;
// The district hub.
mod hub;
// The users screen.
mod users;

/// Every area's fixed texts (each file's `texts!` list), for the catalog tests.
#[cfg(test)]
pub(crate) const ALL_FIXED: &[&[(&str, &str)]] =
    &[app::FIXED, clinic::FIXED, ckg::FIXED, cli::FIXED, config::FIXED, members::FIXED, money::FIXED, patients::FIXED, print::FIXED, queue::FIXED, reports::FIXED, stock::FIXED, users::FIXED];

impl Text {
    pub fn new(lang: Lang) -> Text {
        Text { lang }
    }

    /// A number with a decimal point (`27.1`) written in this language's style: Indonesian
    /// `27,1`, English `27.1` (README, "Numbers and dates").
    pub fn decimal(&self, s: &str) -> String {
        match self.lang {
            Lang::Id => s.replace('.', ","),
            Lang::En => s.to_string(),
        }
    }

    fn pick(&self, id: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    fn choose(&self, id: String, en: String) -> String {
        match self.lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_fixed() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
        ALL_FIXED.iter().flat_map(|area| area.iter())
    }

    #[test]
    fn every_fixed_text_has_both_languages() {
        for (id, en) in all_fixed() {
            assert!(!id.trim().is_empty() && !en.trim().is_empty(), "{id} / {en}");
        }
    }

    #[test]
    fn indonesian_is_the_default() {
        assert_eq!(Lang::default(), Lang::Id);
        assert_eq!(Text::new(Lang::default()).bad_credentials(), "Nama atau PIN salah.");
    }

    #[test]
    fn catalog_is_plain_ascii_for_the_linux_console() {
        for (id, en) in all_fixed() {
            assert!(id.is_ascii() && en.is_ascii(), "{id}");
        }
    }
}
