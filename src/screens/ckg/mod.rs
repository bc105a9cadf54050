//! The free health check form: the checklist for the person's age and sex, measurements checked
//! against the plausible range for the age as they are typed (an impossible value is refused, an
//! unusual one asks for a second F10), BMI and classes computed live from exactly what F10 would
//! save, and the result once saved. A saved check is shown again from the card and amended with a
//! reason; the form then opens with the saved values.
//!
//! One way to move: Enter or Tab goes to the next line, Shift-Tab or Up back; nothing moves by
//! itself. A key a line cannot take is named beside it.

use super::patients::PatientOp;
use super::{Ctx, Reply};
use crate::action::Action;
use crate::domain::ckg::{
    check_value, checklist, evaluate, format_value, parse_value, AgeGroup, Entries, Evaluation, Finding, Item, Measure, Subject,
    ValueCheck, FASTED,
};
use crate::keymap::Key;

mod view;
pub use view::render;
use crate::store::ckg::SavedCheck;
use crate::store::patients::Patient;
use crate::text::Text;
use crate::widgets::field;
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::KeyCode;
use tui_input::Input;

/// What a second F10 confirms; typing anything takes both back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Confirmed {
    /// Unusual values were shown; F10 again keeps them.
    pub unusual: bool,
    /// Lines left empty were listed; F10 again saves without them.
    pub unfinished: bool,
}

/// Amending a saved check: which one, and why (required).
#[derive(Debug, Clone)]
pub struct Amend {
    pub check_id: i64,
    pub reason: Input,
}

#[derive(Debug, Clone)]
pub struct CkgForm {
    pub patient: Patient,
    pub subject: Subject,
    pub items: Vec<Item>,
    /// The typed value of each measurement line (unused for other lines).
    pub inputs: Vec<Input>,
    /// The finding of each screening line (unused for other lines).
    pub findings: Vec<Finding>,
    /// The answer on the fasting line (default: not fasted).
    pub fasted: bool,
    /// The focused line; `items.len()` is the reason line of an amendment.
    pub focus: usize,
    /// Lines with a problem, and what it is (already in the user's language).
    pub errors: Vec<(usize, String)>,
    pub confirmed: Confirmed,
    /// Anything typed since the form opened (Esc then asks before discarding).
    pub changed: bool,
    pub started: DateTime<Utc>,
    pub amend: Option<Amend>,
    /// Set once saved, or when a saved check is shown: the check as stored.
    pub result: Option<SavedCheck>,
    /// First line shown in the result view.
    pub scroll: u16,
}

impl CkgForm {
    pub fn new(p: &Patient, today: NaiveDate, now: DateTime<Utc>) -> CkgForm {
        let subject = Subject::of(p.birth_date, p.sex == "P", today);
        let items = checklist(subject.group, subject.age, subject.female);
        let n = items.len();
        CkgForm {
            patient: p.clone(),
            subject,
            items,
            inputs: vec![Input::default(); n],
            findings: vec![Finding::NotDone; n],
            fasted: false,
            focus: 0,
            errors: vec![],
            confirmed: Confirmed::default(),
            changed: false,
            started: now,
            amend: None,
            result: None,
            scroll: 0,
        }
    }

    /// A saved check, shown as stored.
    pub fn view(p: &Patient, saved: SavedCheck) -> CkgForm {
        let mut f = CkgForm::new(p, saved.business_day, saved.started);
        f.subject.group = AgeGroup::from_code(&saved.age_group).unwrap_or(f.subject.group);
        f.result = Some(saved);
        f
    }

    /// The form again, with the saved values, to amend them with a reason.
    fn start_amend(&mut self) {
        let Some(saved) = self.result.take() else {
            return;
        };
        let entries = Entries::from_lines(&saved.lines);
        self.items = checklist(self.subject.group, self.subject.age, self.subject.female);
        let n = self.items.len();
        self.inputs = vec![Input::default(); n];
        self.findings = vec![Finding::NotDone; n];
        for (i, item) in self.items.iter().enumerate() {
            match item {
                Item::Measure(m) => {
                    if let Some((_, v)) = entries.measures.iter().find(|(k, _)| k == m) {
                        self.inputs[i] = Input::new(format_value(*m, *v).replace('.', ","));
                    }
                }
                Item::Screen(code) => {
                    if let Some((_, f)) = entries.screens.iter().find(|(c, _)| c == code) {
                        self.findings[i] = *f;
                    }
                }
                Item::Fasted => {}
            }
        }
        self.fasted = entries.fasted;
        self.focus = 0;
        self.errors.clear();
        self.confirmed = Confirmed::default();
        self.changed = false;
        self.amend = Some(Amend { check_id: saved.id, reason: Input::default() });
    }

    /// Lines in the form: the checklist, plus the reason when amending.
    fn lines(&self) -> usize {
        self.items.len() + usize::from(self.amend.is_some())
    }

    /// The measurements typed so far that F10 would save: readable and possible for the age.
    pub fn measures(&self) -> Vec<(Measure, i64)> {
        let typed: Vec<(Measure, i64)> = self
            .items
            .iter()
            .zip(&self.inputs)
            .filter_map(|(item, input)| match item {
                Item::Measure(m) => parse_value(*m, input.value()).map(|v| (*m, v)),
                _ => None,
            })
            .filter(|(m, v)| !matches!(check_value(*m, *v, self.subject.group), ValueCheck::Impossible(_)))
            .collect();
        // A diastolic at or above the systolic is refused; neither is classified meanwhile.
        let get = |m| typed.iter().find(|(k, _)| *k == m).map(|(_, v)| *v);
        match (get(Measure::Systolic), get(Measure::Diastolic)) {
            (Some(s), Some(d)) if d >= s => typed.into_iter().filter(|(m, _)| !matches!(m, Measure::Systolic | Measure::Diastolic)).collect(),
            _ => typed,
        }
    }

    pub fn entries(&self) -> Entries {
        let screens = self
            .items
            .iter()
            .zip(&self.findings)
            .filter_map(|(item, f)| match item {
                Item::Screen(code) => Some((code.to_string(), *f)),
                _ => None,
            })
            .collect();
        Entries { measures: self.measures(), screens, fasted: self.fasted }
    }

    pub fn evaluation(&self, ctx: &Ctx) -> Evaluation {
        evaluate(&self.subject, &self.entries(), ctx.config.patients.bmi_set)
    }

    /// The reason typed for an amendment.
    pub fn reason(&self) -> Option<String> {
        self.amend.as_ref().map(|a| a.reason.value().trim().to_string())
    }
}

/// Check every line; returns the problems and whether only unusual (confirmable) values remain.
fn check(t: &Text, form: &CkgForm) -> (Vec<(usize, String)>, bool) {
    let mut errors = Vec::new();
    let mut only_unusual = true;
    for (i, (item, input)) in form.items.iter().zip(&form.inputs).enumerate() {
        let Item::Measure(m) = item else { continue };
        if input.value().trim().is_empty() {
            continue;
        }
        match parse_value(*m, input.value()) {
            None => {
                errors.push((i, t.value_unreadable(m.decimals()).to_string()));
                only_unusual = false;
            }
            Some(v) => match check_value(*m, v, form.subject.group) {
                ValueCheck::Ok => {}
                ValueCheck::Unusual(r) => errors.push((i, t.ckg_range(*m, &r, true))),
                ValueCheck::Impossible(r) => {
                    errors.push((i, t.ckg_range(*m, &r, false)));
                    only_unusual = false;
                }
            },
        }
    }
    let value = |m: Measure| form.items.iter().zip(&form.inputs).find(|(it, _)| **it == Item::Measure(m)).and_then(|(_, inp)| parse_value(m, inp.value()));
    if let (Some(sys), Some(dia)) = (value(Measure::Systolic), value(Measure::Diastolic)) {
        if dia >= sys {
            let i = form.items.iter().position(|it| *it == Item::Measure(Measure::Diastolic)).unwrap_or(0);
            errors.push((i, t.diastolic_above().to_string()));
            only_unusual = false;
        }
    }
    if let Some(a) = &form.amend {
        if a.reason.value().trim().is_empty() {
            errors.push((form.items.len(), t.ckg_reason_required().to_string()));
            only_unusual = false;
        }
    }
    (errors, only_unusual)
}

/// The checklist lines left empty: measurements not typed, screenings not done.
fn unfinished(form: &CkgForm) -> Vec<usize> {
    form.items
        .iter()
        .enumerate()
        .filter(|(i, item)| match item {
            Item::Measure(_) => form.inputs[*i].value().trim().is_empty(),
            Item::Screen(_) => form.findings[*i] == Finding::NotDone,
            Item::Fasted => false,
        })
        .map(|(i, _)| i)
        .collect()
}

fn item_label(t: &Text, item: &Item) -> String {
    match item {
        Item::Measure(m) => t.ckg_item(m.code()).to_string(),
        Item::Screen(code) => t.ckg_item(code).to_string(),
        Item::Fasted => t.ckg_item(FASTED).to_string(),
    }
}

impl CkgForm {
    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<PatientOp> {
        let form = self;
        if let Some(saved) = &form.result {
            return match a {
                Action::Edit => {
                    form.start_amend();
                    Reply::info(ctx.text.ckg_amend_hint())
                }
                Action::Reprint => Reply::op(PatientOp::ReprintCkg(saved.id)),
                Action::Refer if saved.referral => Reply::op(PatientOp::ReferCkg(saved.id)),
                Action::Refer => Reply::info(ctx.text.ckg_no_referral()),
                Action::ScrollUp => {
                    form.scroll = form.scroll.saturating_sub(1);
                    Reply::none()
                }
                Action::ScrollDown => {
                    form.scroll = form.scroll.saturating_add(1).min(60);
                    Reply::none()
                }
                _ => Reply::none(),
            };
        }
        let n = form.lines();
        match a {
            Action::NextField => form.focus = (form.focus + 1) % n,
            Action::PrevField => form.focus = (form.focus + n - 1) % n,
            Action::Save => {
                let t = &ctx.text;
                let (errors, only_unusual) = check(t, form);
                let confirmable = !errors.is_empty() && only_unusual;
                if !(errors.is_empty() || confirmable && form.confirmed.unusual) {
                    form.confirmed.unusual = confirmable;
                    form.focus = errors[0].0;
                    form.errors = errors;
                    return Reply::error(if confirmable { t.ckg_confirm_unusual() } else { t.ckg_fix_first() });
                }
                form.errors.clear();
                let missing = unfinished(form);
                if !missing.is_empty() && !form.confirmed.unfinished {
                    form.confirmed.unfinished = true;
                    let names: Vec<String> = missing.iter().map(|i| item_label(t, &form.items[*i])).collect();
                    form.focus = missing[0];
                    let save = ctx.keymap.key_for(crate::action::Scope::Ckg, Action::Save).map(|k| k.label()).unwrap_or_default();
                    return Reply::error(t.ckg_unfinished(&names, &save));
                }
                return Reply::op(match &form.amend {
                    Some(a) => PatientOp::AmendCkg(a.check_id),
                    None => PatientOp::SaveCkg,
                });
            }
            _ => {}
        }
        Reply::none()
    }

    /// A key no binding claimed: into the focused line. Numbers take digits and a decimal comma
    /// or point; screenings n (normal), p or y (positive), - or x (not done); the fasting line y
    /// (yes) or t / n (no). Any other key is named beside the line.
    pub fn typed(&mut self, ctx: &Ctx, key: &Key) {
        let form = self;
        if form.result.is_some() {
            return;
        }
        let t = &ctx.text;
        let i = form.focus;
        if i == form.items.len() {
            if let (Some(a), Some(req)) = (form.amend.as_mut(), field::edit_request(key)) {
                field::apply(&mut a.reason, req, |c| !c.is_control(), 120);
                form.errors.retain(|(l, _)| *l != i);
                form.changed = true;
            }
            return;
        }
        form.errors.retain(|(l, _)| *l != i);
        form.confirmed = Confirmed::default();
        let refuse = |form: &mut CkgForm, msg: String| form.errors.push((i, msg));
        match form.items[i] {
            Item::Measure(m) => match key.code {
                KeyCode::Char(c) if plain(key) && !(c.is_ascii_digit() || c == '.' || c == ',') => refuse(form, t.ckg_numbers_only(m.decimals()).to_string()),
                _ => {
                    if let Some(req) = field::edit_request(key) {
                        field::apply(&mut form.inputs[i], req, |c| c.is_ascii_digit() || c == '.' || c == ',', 6);
                        form.changed = true;
                    }
                }
            },
            Item::Screen(_) => {
                let finding = match key.code {
                    KeyCode::Char('n') | KeyCode::Char('N') => Some(Finding::Normal),
                    KeyCode::Char('p') | KeyCode::Char('P') | KeyCode::Char('y') | KeyCode::Char('Y') => Some(Finding::Positive),
                    KeyCode::Char('-') | KeyCode::Char('x') | KeyCode::Char('X') | KeyCode::Backspace | KeyCode::Delete => Some(Finding::NotDone),
                    _ => None,
                };
                match finding {
                    Some(f) => {
                        form.findings[i] = f;
                        form.changed = true;
                    }
                    None => refuse(form, t.ckg_screen_keys().to_string()),
                }
            }
            Item::Fasted => {
                let answer = match key.code {
                    KeyCode::Char('y') | KeyCode::Char('Y') => Some(true),
                    KeyCode::Char('t') | KeyCode::Char('T') | KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Char('-') => Some(false),
                    _ => None,
                };
                match answer {
                    Some(yes) => {
                        form.fasted = yes;
                        form.changed = true;
                    }
                    None => refuse(form, t.ckg_fasted_keys().to_string()),
                }
            }
        }
    }

    /// The check was stored (or amended): the result is shown in place of the form.
    pub fn saved(&mut self, ctx: &Ctx, saved: SavedCheck) -> Reply<PatientOp> {
        let msg = if self.amend.is_some() { ctx.text.ckg_amended(saved.version) } else { ctx.text.ckg_saved(saved.referral) };
        self.amend = None;
        self.changed = false;
        self.scroll = 0;
        self.result = Some(saved);
        Reply::info(msg)
    }

    /// Whether Esc would lose typed values.
    pub fn unsaved(&self) -> bool {
        self.result.is_none() && self.changed
    }
}

/// A character typed without Ctrl or Alt (those are editing keys: Ctrl-U clears the line).
fn plain(key: &Key) -> bool {
    use ratatui::crossterm::event::KeyModifiers;
    !key.mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}
