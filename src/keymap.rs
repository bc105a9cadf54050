//! Keys and the keymap: parse and print key names ("ctrl-f", "f5"), look up the action bound to
//! a key in a scope, merge a user's file over the shipped defaults key by key, and validate.
//!
//! Every problem is reported as `file: table: key: what is wrong`, before the terminal enters
//! raw mode.

use crate::action::{Action, Scope};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;
use std::path::Path;

pub const DEFAULT_KEYMAP: &str = include_str!("../keymaps/default.toml");
pub const DEFAULT_KEYMAP_NAME: &str = "keymaps/default.toml";

/// A key with its modifiers, normalised so that equal keys compare equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("esc", KeyCode::Esc),
    ("enter", KeyCode::Enter),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let mut code = code;
        match code {
            // The character already carries its case; ctrl-Q and ctrl-q are one key.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                    code = KeyCode::Char(c.to_ascii_lowercase());
                }
            }
            KeyCode::BackTab => mods.remove(KeyModifiers::SHIFT),
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                code = KeyCode::BackTab;
            }
            _ => {}
        }
        Key { code, mods }
    }

    pub fn from_event(ev: &KeyEvent) -> Key {
        Key::new(ev.code, ev.modifiers)
    }

    /// Parse a key name such as `f5`, `ctrl-q`, `alt-enter`, `shift-tab`, `a`, `space`.
    pub fn parse(name: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, m) = if lower.starts_with("ctrl-") {
                (5, KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                (4, KeyModifiers::ALT)
            } else if lower.starts_with("shift-") {
                (6, KeyModifiers::SHIFT)
            } else {
                break;
            };
            if rest.len() == prefix {
                break;
            }
            mods |= m;
            rest = &rest[prefix..];
        }
        let lower = rest.to_ascii_lowercase();
        let code = if let Some((_, c)) = NAMED.iter().find(|(n, _)| *n == lower) {
            *c
        } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return None;
            }
            KeyCode::F(n)
        } else {
            let mut chars = rest.chars();
            let c = chars.next()?;
            if chars.next().is_some() || c.is_control() || c == ' ' {
                return None;
            }
            if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_alphabetic() {
                KeyCode::Char(c.to_ascii_uppercase())
            } else {
                KeyCode::Char(c)
            }
        };
        Some(Key::new(code, mods))
    }

    /// A plain character with no ctrl/alt: on a text-entry screen it belongs to the input field.
    pub fn is_typing(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }

    /// The short form shown in the footer and the help: `F5`, `Ctrl-Q`, `Esc`.
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("Shift-");
        }
        match self.code {
            KeyCode::F(n) => s.push_str(&format!("F{n}")),
            KeyCode::Char(' ') => s.push_str("Space"),
            KeyCode::Char(c) if self.mods.is_empty() => s.push(c),
            KeyCode::Char(c) => s.push(c.to_ascii_uppercase()),
            KeyCode::BackTab => s.push_str("Shift-Tab"),
            KeyCode::PageUp => s.push_str("PgUp"),
            KeyCode::PageDown => s.push_str("PgDn"),
            _ => {
                let name = self.to_string();
                let base = name.rsplit('-').next().unwrap_or(&name);
                let mut cs = base.chars();
                if let Some(f) = cs.next() {
                    s.push(f.to_ascii_uppercase());
                    s.push_str(cs.as_str());
                }
            }
        }
        s
    }
}

impl fmt::Display for Key {
    /// The canonical name, which `Key::parse` reads back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        match self.code {
            KeyCode::F(n) => write!(f, "f{n}"),
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            code => {
                let name = NAMED.iter().find(|(_, c)| *c == code).map(|(n, _)| *n).unwrap_or("?");
                f.write_str(name)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapProblem {
    /// The keymap file named does not exist.
    Missing,
    /// It exists but this account may not read it.
    Unreadable,
    Syntax(String),
    UnknownTable,
    NotATable,
    UnknownKey,
    NotAString,
    UnknownAction(String),
    ActionNotHere(String),
    /// Two names in one table denote the same key (holds the other name).
    Conflict(String),
    /// A plain character bound on a screen where it must reach the text field.
    TypingKey,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapError {
    pub file: String,
    pub table: String,
    pub key: String,
    pub problem: KeymapProblem,
}

/// The key bindings of every scope, in file order (the footer shows them in that order).
#[derive(Debug, Clone, Default)]
pub struct Keymap {
    tables: Vec<(Scope, Vec<(Key, Action)>)>,
}

impl Keymap {
    /// The shipped defaults, merged with the user's file if there is one.
    pub fn load(user_file: Option<&Path>) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        map.merge_str(DEFAULT_KEYMAP, DEFAULT_KEYMAP_NAME)?;
        if let Some(path) = user_file {
            let text = std::fs::read_to_string(path).map_err(|e| KeymapError {
                file: path.display().to_string(),
                table: String::new(),
                key: String::new(),
                problem: if e.kind() == std::io::ErrorKind::NotFound { KeymapProblem::Missing } else { KeymapProblem::Unreadable },
            })?;
            map.merge_str(&text, &path.display().to_string())?;
        }
        Ok(map)
    }

    pub fn defaults() -> Keymap {
        let mut map = Keymap::default();
        map.merge_str(DEFAULT_KEYMAP, DEFAULT_KEYMAP_NAME).expect("the shipped keymap is valid (tested)");
        map
    }

    /// Merge a keymap file over this one: each key named in it replaces that key's binding;
    /// the action `none` removes a binding.
    pub fn merge_str(&mut self, text: &str, file: &str) -> Result<(), KeymapError> {
        let err = |table: &str, key: &str, problem| KeymapError {
            file: file.to_string(),
            table: table.to_string(),
            key: key.to_string(),
            problem,
        };
        let doc: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let line = e.span().map(|s| text[..s.start].lines().count().max(1));
            let msg = match line {
                Some(l) => format!("{} ({l})", e.message()),
                None => e.message().to_string(),
            };
            err("", "", KeymapProblem::Syntax(msg))
        })?;
        for (table_name, value) in &doc {
            let scope = Scope::from_name(table_name).ok_or_else(|| err(table_name, "", KeymapProblem::UnknownTable))?;
            let table = value.as_table().ok_or_else(|| err(table_name, "", KeymapProblem::NotATable))?;
            let mut seen: Vec<(Key, &str)> = Vec::new();
            for (key_name, action_value) in table {
                let e = |p| err(table_name, key_name, p);
                let key = Key::parse(key_name).ok_or_else(|| e(KeymapProblem::UnknownKey))?;
                if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                    return Err(e(KeymapProblem::Conflict(other.to_string())));
                }
                seen.push((key, key_name));
                let action_name = action_value.as_str().ok_or_else(|| e(KeymapProblem::NotAString))?;
                let bindings = self.table_mut(scope);
                bindings.retain(|(k, _)| *k != key);
                if action_name == "none" {
                    continue;
                }
                let action = Action::from_name(action_name).ok_or_else(|| e(KeymapProblem::UnknownAction(action_name.to_string())))?;
                if !scope.allowed().contains(&action) {
                    return Err(e(KeymapProblem::ActionNotHere(action_name.to_string())));
                }
                if scope.takes_text() && key.is_typing() {
                    return Err(e(KeymapProblem::TypingKey));
                }
                self.table_mut(scope).push((key, action));
            }
        }
        Ok(())
    }

    fn table_mut(&mut self, scope: Scope) -> &mut Vec<(Key, Action)> {
        let i = match self.tables.iter().position(|(s, _)| *s == scope) {
            Some(i) => i,
            None => {
                self.tables.push((scope, Vec::new()));
                self.tables.len() - 1
            }
        };
        &mut self.tables[i].1
    }

    pub fn table(&self, scope: Scope) -> &[(Key, Action)] {
        self.tables.iter().find(|(s, _)| *s == scope).map(|(_, t)| t.as_slice()).unwrap_or(&[])
    }

    /// The action for a key in a scope: the scope's own table first, then the global table
    /// (only for the global actions the scope allows).
    pub fn lookup(&self, scope: Scope, key: Key) -> Option<Action> {
        if let Some((_, a)) = self.table(scope).iter().find(|(k, _)| *k == key) {
            return Some(*a);
        }
        if scope.falls_back_to_global() {
            if let Some((_, a)) = self.table(Scope::Global).iter().find(|(k, _)| *k == key) {
                if scope.allowed().contains(a) {
                    return Some(*a);
                }
            }
        }
        None
    }

    /// Every binding that works in a scope, own table first, as (key, action); a global binding
    /// shadowed by the scope's own table for the same key is left out.
    pub fn bindings(&self, scope: Scope) -> Vec<(Key, Action)> {
        let mut out: Vec<(Key, Action)> = self.table(scope).to_vec();
        if scope.falls_back_to_global() {
            for (k, a) in self.table(Scope::Global) {
                if scope.allowed().contains(a) && !out.iter().any(|(ok, _)| ok == k) {
                    out.push((*k, *a));
                }
            }
        }
        out
    }

    /// One key per action, for the footer (the help lists them all).
    pub fn footer(&self, scope: Scope) -> Vec<(Key, Action)> {
        let mut out: Vec<(Key, Action)> = Vec::new();
        for (k, a) in self.bindings(scope) {
            if a.in_footer() && !out.iter().any(|(_, oa)| *oa == a) {
                out.push((k, a));
            }
        }
        out
    }

    /// The first key bound to an action in a scope, if any.
    pub fn key_for(&self, scope: Scope, action: Action) -> Option<Key> {
        self.bindings(scope).into_iter().find(|(_, a)| *a == action).map(|(k, _)| k)
    }

    /// The name of the key for an action as hints show it (`F10`), or `-` when unbound: a site
    /// that rebinds a key sees its own key in every hint.
    pub fn label_for(&self, scope: Scope, action: Action) -> String {
        self.key_for(scope, action).map(|k| k.label()).unwrap_or_else(|| "-".into())
    }

    /// Every key bound to an action, as a hint shows them: `Tab/Enter`.
    pub fn labels_for(&self, scope: Scope, action: Action) -> String {
        let keys: Vec<String> = self.bindings(scope).into_iter().filter(|(_, a)| *a == action).map(|(k, _)| k.label()).collect();
        if keys.is_empty() {
            "-".into()
        } else {
            keys.join("/")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(name: &str) -> Key {
        Key::parse(name).unwrap()
    }

    #[test]
    fn parses_and_prints_key_names() {
        assert_eq!(key("ctrl-q"), Key::new(KeyCode::Char('q'), KeyModifiers::CONTROL));
        assert_eq!(key("Ctrl-Q"), key("ctrl-q"));
        assert_eq!(key("F5"), Key::new(KeyCode::F(5), KeyModifiers::NONE));
        assert_eq!(key("shift-tab"), key("backtab"));
        assert_eq!(key("shift-a"), key("A"));
        assert_eq!(key("ctrl-f").to_string(), "ctrl-f");
        assert_eq!(key("pagedown").label(), "PgDn");
        assert_eq!(key("ctrl-l").label(), "Ctrl-L");
        assert_eq!(key("esc").label(), "Esc");
        for bad in ["f13", "f0", "ctrl-", "hyper-x", "ab", "", "ctrl-foo"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn events_from_the_terminal_match_parsed_names() {
        // Terminals report ctrl-Q with SHIFT and an uppercase letter; both are ctrl-q.
        let ev = KeyEvent::new(KeyCode::Char('Q'), KeyModifiers::CONTROL | KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), key("ctrl-q"));
        let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), key("backtab"));
    }

    fn any_key() -> impl Strategy<Value = Key> {
        let code = prop_oneof![
            (1u8..=12).prop_map(KeyCode::F),
            proptest::sample::select(NAMED.iter().map(|(_, c)| *c).collect::<Vec<_>>()),
            proptest::char::range('!', '~').prop_map(KeyCode::Char),
        ];
        let mods = proptest::sample::select(vec![
            KeyModifiers::NONE,
            KeyModifiers::CONTROL,
            KeyModifiers::ALT,
            KeyModifiers::CONTROL | KeyModifiers::ALT,
            KeyModifiers::SHIFT,
        ]);
        (code, mods).prop_map(|(c, m)| Key::new(c, m))
    }

    proptest! {
        #[test]
        fn key_names_round_trip(k in any_key()) {
            prop_assert_eq!(Key::parse(&k.to_string()), Some(k));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,12}") {
            let _ = Key::parse(&s);
        }
    }

    #[test]
    fn shipped_defaults_have_the_documented_keys() {
        let map = Keymap::defaults();
        let g = |name| map.lookup(Scope::Home, key(name));
        assert_eq!(g("f1"), Some(Action::Help));
        assert_eq!(g("f2"), Some(Action::Queue));
        assert_eq!(g("f3"), Some(Action::Patients));
        assert_eq!(g("f4"), Some(Action::Sale));
        assert_eq!(g("f9"), Some(Action::Shift));
        assert_eq!(g("ctrl-q"), Some(Action::Quit));
        assert_eq!(g("esc"), Some(Action::Back));
        assert_eq!(g("ctrl-l"), Some(Action::Lock));
        // The login screen does not reach the other screens, and dialogs see only their table.
        assert_eq!(map.lookup(Scope::Login, key("f2")), None);
        assert_eq!(map.lookup(Scope::Login, key("ctrl-q")), Some(Action::Quit));
        assert_eq!(map.lookup(Scope::Confirm, key("f2")), None);
        assert_eq!(map.lookup(Scope::Confirm, key("y")), Some(Action::Confirm));
    }

    #[test]
    fn user_file_overrides_key_by_key() {
        let mut map = Keymap::defaults();
        map.merge_str("[global]\nf10 = \"sale\"\nf4 = \"none\"\nctrl-q = \"lock\"\n", "user.toml").unwrap();
        assert_eq!(map.lookup(Scope::Home, key("f10")), Some(Action::Sale));
        assert_eq!(map.lookup(Scope::Home, key("f4")), None);
        assert_eq!(map.lookup(Scope::Home, key("ctrl-q")), Some(Action::Lock));
        // Untouched keys keep their defaults.
        assert_eq!(map.lookup(Scope::Home, key("f2")), Some(Action::Queue));
        assert_eq!(map.key_for(Scope::Home, Action::Sale), Some(key("f10")));
    }

    #[test]
    fn a_screen_table_shadows_the_global_one() {
        let mut map = Keymap::defaults();
        map.merge_str("[queue]\nf3 = \"home\"\n", "user.toml").unwrap();
        assert_eq!(map.lookup(Scope::Queue, key("f3")), Some(Action::Home));
        assert_eq!(map.lookup(Scope::Home, key("f3")), Some(Action::Patients));
        let footer = map.footer(Scope::Queue);
        assert!(!footer.iter().any(|(k, a)| *k == key("f3") && *a == Action::Patients));
    }

    fn problem(text: &str) -> KeymapError {
        Keymap::defaults().merge_str(text, "k.toml").unwrap_err()
    }

    #[test]
    fn errors_name_file_table_and_key() {
        let e = problem("[global]\nctrl-foo = \"help\"\n");
        assert_eq!((e.table.as_str(), e.key.as_str(), e.problem), ("global", "ctrl-foo", KeymapProblem::UnknownKey));
        let e = problem("[global]\nf2 = \"fly\"\n");
        assert_eq!(e.problem, KeymapProblem::UnknownAction("fly".into()));
        let e = problem("[kitchen]\nf2 = \"help\"\n");
        assert_eq!((e.table.as_str(), e.problem), ("kitchen", KeymapProblem::UnknownTable));
        let e = problem("[global]\nctrl-q = \"quit\"\nCtrl-Q = \"help\"\n");
        assert_eq!(e.problem, KeymapProblem::Conflict("ctrl-q".into()));
        let e = problem("[login]\nx = \"submit\"\n");
        assert_eq!(e.problem, KeymapProblem::TypingKey);
        let e = problem("[confirm]\nf2 = \"queue\"\n");
        assert_eq!(e.problem, KeymapProblem::ActionNotHere("queue".into()));
        let e = problem("[global]\nf2 = 3\n");
        assert_eq!(e.problem, KeymapProblem::NotAString);
        let e = problem("[global\n");
        assert!(matches!(e.problem, KeymapProblem::Syntax(_)));
    }
}
