//! What screens share with the app without seeing its state: `Ctx`, what a screen may read (the
//! language, theme, keymap, settings, the time, who is logged in); `Reply`, what a screen hands
//! back after a key or an answer (operations for the store, a message, a dialog, going home),
//! which the app carries out; and the message line and dialogs themselves.
//!
//! A screen keeps its own state and changes only that; everything else it asks for in its
//! `Reply`. Its operations are its own enum (`QueueOp`, `SaleOp`, ...): the app turns them into
//! effects.

use crate::action::Scope;
use crate::config::Config;
use crate::domain::queue::PriorityGroup;
use crate::domain::user::Role;
use crate::keymap::Keymap;
use crate::store::users::User;
use crate::text::Text;
use crate::theme::Theme;
use chrono::{DateTime, NaiveDate, Utc};

/// What a screen reads to react and to draw. Built by the app from its state for each call.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub text: Text,
    pub theme: &'a Theme,
    pub keymap: &'a Keymap,
    pub config: &'a Config,
    pub now: DateTime<Utc>,
    /// Who is logged in (also while the counter is locked).
    pub user: Option<&'a User>,
}

impl Ctx<'_> {
    /// The business day in the site's zone.
    pub fn today(&self) -> NaiveDate {
        self.config.site.zone.business_day(self.now)
    }

    pub fn role(&self) -> Option<Role> {
        self.user.map(|u| u.role)
    }

    /// The key bound to an action, for a hint.
    pub fn key(&self, scope: crate::action::Scope, action: crate::action::Action) -> String {
        self.keymap.label_for(scope, action)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Info,
    Error,
}

/// A one-line message above the footer, cleared after a while or by the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modal {
    /// The help window for the scope that was active when it opened.
    Help { scope: Scope, scroll: u16 },
    ConfirmQuit,
    /// Take a ticket: the chosen service (index) and priority group.
    TakeTicket { service: usize, priority: Option<PriorityGroup> },
    /// Transfer the ticket in service: the chosen target (index).
    Transfer { selected: usize },
    /// Merge two patient records (a supervisor confirms).
    ConfirmMerge { keep: i64, remove: i64 },
    /// Leave a CKG form whose entries are not saved.
    ConfirmDiscardCkg,
}

impl Modal {
    /// The keymap table in force while this dialog is on top.
    pub fn scope(self) -> Scope {
        match self {
            Modal::Help { .. } => Scope::Help,
            Modal::ConfirmQuit | Modal::ConfirmMerge { .. } | Modal::ConfirmDiscardCkg => Scope::Confirm,
            Modal::TakeTicket { .. } | Modal::Transfer { .. } => Scope::Pick,
        }
    }
}

/// What a reply does to the message line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Note {
    /// Leave it as it is.
    #[default]
    Keep,
    Show(FlashKind, String),
    /// Take down an error shown before (a good scan after a bad one); a notice stays.
    DropError,
    /// Take down whatever is shown.
    Clear,
}

impl Note {
    /// This note followed by `next`, as one note with the same effect.
    pub fn then(self, next: Note) -> Note {
        match (self, next) {
            (_, n @ (Note::Show(..) | Note::Clear)) => n,
            (n, Note::Keep) => n,
            (Note::Show(FlashKind::Error, _) | Note::Clear, Note::DropError) => Note::Clear,
            (n @ Note::Show(FlashKind::Info, _), Note::DropError) => n,
            (Note::Keep | Note::DropError, Note::DropError) => Note::DropError,
        }
    }
}

/// What a reply does to the dialog stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModalChange {
    Open(Modal),
    /// Close the dialog on top.
    Close,
    /// The dialog on top with a new choice in it.
    Replace(Modal),
}

/// What a screen asks of the app after a key or an answer from the store, beyond the changes to
/// its own state: operations to carry out (in order), the message line, a dialog, going home.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply<Op> {
    pub ops: Vec<Op>,
    pub note: Note,
    pub modal: Option<ModalChange>,
    /// Back to the home screen.
    pub home: bool,
}

impl<Op> Default for Reply<Op> {
    fn default() -> Self {
        Reply { ops: Vec::new(), note: Note::Keep, modal: None, home: false }
    }
}

impl<Op> Reply<Op> {
    /// Nothing beyond the screen's own state.
    pub fn none() -> Self {
        Reply::default()
    }

    pub fn op(op: Op) -> Self {
        Reply { ops: vec![op], ..Reply::default() }
    }

    pub fn info(text: impl Into<String>) -> Self {
        Reply { note: Note::Show(FlashKind::Info, text.into()), ..Reply::default() }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Reply { note: Note::Show(FlashKind::Error, text.into()), ..Reply::default() }
    }

    pub fn note(note: Note) -> Self {
        Reply { note, ..Reply::default() }
    }

    pub fn modal(change: ModalChange) -> Self {
        Reply { modal: Some(change), ..Reply::default() }
    }

    pub fn home() -> Self {
        Reply { home: true, ..Reply::default() }
    }

    /// This reply followed by `next`: the operations of both in order, the message as the two
    /// would leave it, the later dialog change.
    pub fn then(mut self, next: Reply<Op>) -> Self {
        self.ops.extend(next.ops);
        Reply { ops: self.ops, note: self.note.then(next.note), modal: next.modal.or(self.modal), home: self.home || next.home }
    }

    /// The same reply with its operations turned into another type (the app's effects).
    pub fn map<B>(self, f: impl FnMut(Op) -> B) -> Reply<B> {
        Reply { ops: self.ops.into_iter().map(f).collect(), note: self.note, modal: self.modal, home: self.home }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(shown: Option<FlashKind>, note: &Note) -> Option<FlashKind> {
        match note {
            Note::Keep => shown,
            Note::Show(k, _) => Some(*k),
            Note::DropError => shown.filter(|k| *k != FlashKind::Error),
            Note::Clear => None,
        }
    }

    #[test]
    fn two_notes_joined_do_what_the_two_do_one_after_the_other() {
        let notes = [
            Note::Keep,
            Note::Show(FlashKind::Info, "i".into()),
            Note::Show(FlashKind::Error, "e".into()),
            Note::DropError,
            Note::Clear,
        ];
        for before in [None, Some(FlashKind::Info), Some(FlashKind::Error)] {
            for a in &notes {
                for b in &notes {
                    let stepwise = apply(apply(before, a), b);
                    let joined = apply(before, &a.clone().then(b.clone()));
                    assert_eq!(stepwise, joined, "{before:?} then {a:?} then {b:?}");
                }
            }
        }
    }

    #[test]
    fn replies_joined_keep_every_operation_in_order() {
        let r = Reply::op(1).then(Reply::error("x")).then(Reply::op(2));
        assert_eq!(r.ops, vec![1, 2]);
        assert_eq!(r.note, Note::Show(FlashKind::Error, "x".into()));
        assert_eq!(r.map(|n| n * 10).ops, vec![10, 20]);
    }
}
