//! The patients screen (F3): search as you type, the patient card, the registration/edit form,
//! the birthday list, and (in `ckg.rs`) the free health check. The store is asked through the
//! `PatientOp`s in the screen's replies; this module only changes its own state, and `view.rs`
//! draws it.

mod view;

pub use view::render;

use super::ckg::CkgForm;
use super::{Ctx, FlashKind, Modal, ModalChange, Note, Reply};
use crate::action::{Action, Scope};
use crate::domain::ckg::{due, Eligibility};
use crate::domain::patient::{prefill_from_nik, validate, Field, FieldError, RawForm};
use crate::domain::search::parse_query;
use crate::domain::user::Role;
use crate::keymap::Key;
use crate::store::ckg::SavedCheck;
use crate::store::patients::{CardFacts, Hit, Patient, PatientFields, Taken};
use crate::widgets::field;
use chrono::NaiveDate;
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Search,
    Card,
    Form,
    Ckg,
    Birthdays,
}

/// A patient as the card shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardView {
    pub patient: Patient,
    pub facts: CardFacts,
    pub last_ckg: Option<NaiveDate>,
}

/// The registration or edit form.
#[derive(Debug, Clone, Default)]
pub struct PatientForm {
    /// Editing this patient; None registers a new one.
    pub edit: Option<i64>,
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub errors: Vec<(Field, FieldError)>,
    /// Similar records shown before saving; a second save goes ahead.
    pub similar: Vec<Patient>,
}

impl PatientForm {
    fn new(edit: Option<&Patient>) -> PatientForm {
        let mut inputs: Vec<Input> = Field::ALL.iter().map(|_| Input::default()).collect();
        if let Some(p) = edit {
            let values = [
                p.nik.clone().unwrap_or_default(),
                p.name.clone(),
                p.sex.clone(),
                p.birth_date.format("%d-%m-%Y").to_string(),
                p.village.clone(),
                p.rt_rw.clone(),
                p.address.clone(),
                p.phone.clone().unwrap_or_default(),
                p.kk.clone().unwrap_or_default(),
                p.bpjs.clone().unwrap_or_default(),
                p.rm_number.clone(),
                p.member_no.clone().unwrap_or_default(),
            ];
            for (i, v) in values.into_iter().enumerate() {
                inputs[i] = Input::new(v);
            }
        }
        PatientForm { edit: edit.map(|p| p.id), inputs, ..Default::default() }
    }

    fn raw(&self) -> RawForm {
        Field::ALL.map(|f| (f, self.value(f).to_string()))
    }

    fn value(&self, f: Field) -> &str {
        self.inputs[Field::ALL.iter().position(|x| *x == f).unwrap_or(0)].value()
    }

    fn set(&mut self, f: Field, v: &str) {
        let i = Field::ALL.iter().position(|x| *x == f).unwrap_or(0);
        self.inputs[i] = Input::new(v.to_string());
    }

    /// Leaving the NIK field fills sex and the day and month of birth from a valid NIK.
    fn leave_field(&mut self) {
        if Field::ALL[self.focus] == Field::Nik {
            if let Some((sex, day_month)) = prefill_from_nik(self.value(Field::Nik)) {
                if self.value(Field::Sex).is_empty() {
                    self.set(Field::Sex, sex);
                }
                if self.value(Field::Birth).is_empty() {
                    self.set(Field::Birth, &day_month);
                }
            }
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct PatientsScreen {
    pub mode: Mode,
    pub query: Input,
    pub hits: Vec<Hit>,
    pub selected: usize,
    pub card: Option<CardView>,
    pub form: PatientForm,
    pub ckg: Option<CkgForm>,
    pub birthdays: (Vec<Patient>, i64),
    /// Picking the record to merge into this one (supervisor).
    pub merge_into: Option<Patient>,
}

/// A patients operation the app carries out against the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatientOp {
    Search(String),
    Open(i64),
    Save { fields: PatientFields, edit: Option<i64>, force: bool },
    Birthdays,
    Merge { keep: i64, remove: i64 },
    LinkTicket(i64),
    /// Store the check on the form.
    SaveCkg,
    /// Store the amendment of this check on the form.
    AmendCkg(i64),
    /// Print this check's slip again.
    ReprintCkg(i64),
    /// Write and print the referral letter of this check (to the first facility of the settings).
    ReferCkg(i64),
    /// Show this patient's latest check.
    OpenCkg(i64),
}

impl PatientsScreen {
    /// The keymap table for the mode shown.
    pub fn scope(&self) -> Scope {
        match self.mode {
            Mode::Search => Scope::Patients,
            Mode::Card => Scope::PatientCard,
            Mode::Form => Scope::PatientForm,
            Mode::Ckg if self.ckg.as_ref().is_some_and(|f| f.result.is_some()) => Scope::CkgResult,
            Mode::Ckg => Scope::Ckg,
            Mode::Birthdays => Scope::Birthdays,
        }
    }

    fn search(&self) -> Reply<PatientOp> {
        Reply::op(PatientOp::Search(self.query.value().to_string()))
    }

    /// An action on the patients screen (navigation elsewhere is handled by the app).
    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<PatientOp> {
        let p = self;
        match (p.mode, a) {
            (Mode::Search | Mode::Birthdays, Action::ScrollUp) => {
                p.selected = p.selected.saturating_sub(1);
                Reply::none()
            }
            (Mode::Search | Mode::Birthdays, Action::ScrollDown) => {
                let n = if p.mode == Mode::Search { p.hits.len() } else { p.birthdays.0.len() };
                p.selected = (p.selected + 1).min(n.saturating_sub(1));
                Reply::none()
            }
            (Mode::Search, Action::Submit) => {
                let Some(hit) = p.hits.get(p.selected) else { return Reply::none() };
                let id = hit.patient.id;
                match &p.merge_into {
                    Some(keep) if keep.id != id => Reply::modal(ModalChange::Open(Modal::ConfirmMerge { keep: keep.id, remove: id })),
                    _ => Reply::op(PatientOp::Open(id)),
                }
            }
            (Mode::Birthdays, Action::Submit) => match p.birthdays.0.get(p.selected) {
                Some(b) => Reply::op(PatientOp::Open(b.id)),
                None => Reply::none(),
            },
            (Mode::Search, Action::NewPatient) => {
                let typed = parse_query(p.query.value());
                p.form = PatientForm::new(None);
                if let Some(name) = typed.name {
                    p.form.set(Field::Name, &name);
                }
                if let Some(d) = typed.digits.filter(|d| d.len() == 16) {
                    p.form.set(Field::Nik, &d);
                }
                p.mode = Mode::Form;
                Reply::none()
            }
            (Mode::Search, Action::Birthdays) => {
                p.mode = Mode::Birthdays;
                p.selected = 0;
                Reply::op(PatientOp::Birthdays)
            }
            (Mode::Card, Action::Edit) => {
                if let Some(c) = &p.card {
                    p.form = PatientForm::new(Some(&c.patient));
                    p.mode = Mode::Form;
                }
                Reply::none()
            }
            (Mode::Card, Action::StartCkg) => {
                let Some(c) = p.card.clone() else { return Reply::none() };
                let today = ctx.today();
                let reply = match due(ctx.config.patients.ckg_window, c.patient.birth_date, today, c.last_ckg) {
                    // Already checked: show that check (it can be amended from there).
                    Eligibility::Done { .. } => return Reply::op(PatientOp::OpenCkg(c.patient.id)),
                    Eligibility::NotCovered { .. } => return Reply::error(ctx.text.ckg_not_covered_now()),
                    Eligibility::Due { .. } => Reply::none(),
                    // Outside the window the check may still be done; the clerk is told.
                    Eligibility::NotYet { .. } | Eligibility::Missed { .. } => Reply::error(ctx.text.ckg_outside_window()),
                };
                p.ckg = Some(CkgForm::new(&c.patient, today, ctx.now));
                p.mode = Mode::Ckg;
                reply
            }
            (Mode::Card, Action::LinkTicket) => match &p.card {
                Some(c) => Reply::op(PatientOp::LinkTicket(c.patient.id)),
                None => Reply::none(),
            },
            (Mode::Card, Action::Merge) => {
                if ctx.role() != Some(Role::Supervisor) {
                    return Reply::error(ctx.text.merge_supervisor_only());
                }
                let Some(c) = &p.card else { return Reply::none() };
                let msg = ctx.text.merge_pick(&c.patient.name, &c.patient.rm_number, &ctx.key(crate::action::Scope::Patients, crate::action::Action::Submit));
                p.merge_into = Some(c.patient.clone());
                p.mode = Mode::Search;
                p.query = Input::default();
                p.hits.clear();
                Reply::info(msg)
            }
            (Mode::Form, Action::NextField | Action::PrevField) => {
                p.form.leave_field();
                let n = Field::ALL.len();
                p.form.focus = if a == Action::NextField { (p.form.focus + 1) % n } else { (p.form.focus + n - 1) % n };
                Reply::none()
            }
            (Mode::Form, Action::Save) => {
                p.form.leave_field();
                match validate(&p.form.raw(), ctx.today()) {
                    Err(errors) => {
                        p.form.focus = Field::ALL.iter().position(|f| *f == errors[0].0).unwrap_or(0);
                        p.form.errors = errors;
                        Reply::none()
                    }
                    Ok(fields) => {
                        p.form.errors.clear();
                        let force = !p.form.similar.is_empty();
                        Reply::op(PatientOp::Save { fields, edit: p.form.edit, force })
                    }
                }
            }
            (Mode::Ckg, Action::NextField | Action::PrevField | Action::Save | Action::Edit | Action::Reprint | Action::Refer | Action::ScrollUp | Action::ScrollDown) => {
                match p.ckg.as_mut() {
                    Some(form) => form.action(ctx, a),
                    None => Reply::none(),
                }
            }
            (_, Action::Back) => p.back(),
            _ => Reply::none(),
        }
    }

    /// Esc: up one level (form or CKG -> card or search, card/birthdays -> search, search -> home).
    fn back(&mut self) -> Reply<PatientOp> {
        let p = self;
        if p.mode == Mode::Ckg && p.ckg.as_ref().is_some_and(|f| f.unsaved()) {
            return Reply::modal(ModalChange::Open(Modal::ConfirmDiscardCkg));
        }
        let mut reply = Reply::none();
        p.mode = match p.mode {
            Mode::Form | Mode::Ckg if p.card.is_some() && (p.mode == Mode::Ckg || p.form.edit.is_some()) => Mode::Card,
            Mode::Search if p.merge_into.is_some() => {
                p.merge_into = None;
                Mode::Card
            }
            Mode::Search => {
                reply = Reply::home();
                Mode::Search
            }
            _ => Mode::Search,
        };
        reply
    }

    /// A key no binding claimed: typing into the search box, a form field or the CKG form.
    pub fn typed(&mut self, ctx: &Ctx, key: &Key) -> Reply<PatientOp> {
        let p = self;
        match p.mode {
            Mode::Search => {
                let Some(req) = field::edit_request(key) else { return Reply::none() };
                let before = p.query.value().to_string();
                field::apply(&mut p.query, req, |c| !c.is_control(), 60);
                if p.query.value() != before {
                    p.selected = 0;
                    return p.search();
                }
                Reply::none()
            }
            Mode::Form => {
                let Some(req) = field::edit_request(key) else { return Reply::none() };
                let f = Field::ALL[p.form.focus];
                p.form.errors.retain(|(ef, _)| *ef != f);
                p.form.similar.clear();
                let max = if f == Field::Address { 120 } else { 80 };
                field::apply(&mut p.form.inputs[p.form.focus], req, |c| !c.is_control(), max);
                Reply::none()
            }
            Mode::Ckg => {
                if let Some(form) = p.ckg.as_mut() {
                    form.typed(ctx, key);
                }
                Reply::none()
            }
            _ => Reply::none(),
        }
    }

    /// Search results for the text they were searched with.
    pub fn search_answered(&mut self, for_text: String, hits: Vec<Hit>) {
        // A slower answer for older text is dropped: only the box's current text counts.
        if for_text == self.query.value() {
            self.hits = hits;
            self.selected = self.selected.min(self.hits.len().saturating_sub(1));
        }
    }

    /// Show a patient's card; while a CKG result is on screen the card is only brought up to date
    /// underneath (it shows the check just saved when the result is closed).
    pub fn show_card(&mut self, view: CardView) {
        self.card = Some(view);
        if self.mode != Mode::Ckg {
            self.mode = Mode::Card;
        }
    }

    /// Records like the one being registered: shown under the form; a second save goes ahead.
    pub fn similar_found(&mut self, ctx: &Ctx, list: Vec<Patient>) -> Reply<PatientOp> {
        self.form.similar = list;
        Reply::error(ctx.text.similar_warning(&ctx.key(crate::action::Scope::PatientForm, crate::action::Action::Save)))
    }

    pub fn saved(&mut self, ctx: &Ctx, result: Result<Patient, Taken>) -> Reply<PatientOp> {
        match result {
            Ok(p) => {
                self.form = PatientForm::default();
                Reply { note: Note::Show(FlashKind::Info, ctx.text.patient_saved(&p.rm_number)), ..Reply::op(PatientOp::Open(p.id)) }
            }
            Err(t) => {
                let f = match t.field {
                    "nik" => Field::Nik,
                    "bpjs" => Field::Bpjs,
                    "member_no" => Field::Member,
                    _ => Field::Rm,
                };
                self.form.errors = vec![(f, FieldError::Taken { name: t.name, rm: t.rm_number })];
                self.form.focus = Field::ALL.iter().position(|x| *x == f).unwrap_or(0);
                Reply::none()
            }
        }
    }

    /// Two records were merged into `keep`: say so and show it.
    pub fn merged(&mut self, ctx: &Ctx, keep: i64) -> Reply<PatientOp> {
        let msg = ctx.text.patient_merged(&self.merge_into.as_ref().map(|p| p.rm_number.clone()).unwrap_or_default());
        self.merge_into = None;
        Reply { note: Note::Show(FlashKind::Info, msg), ..Reply::op(PatientOp::Open(keep)) }
    }

    /// The ticket in service now belongs to the patient on the card: say so and reload the card.
    pub fn ticket_linked(&mut self, ctx: &Ctx, label: &str) -> Reply<PatientOp> {
        let ops = self.card.as_ref().map(|c| PatientOp::Open(c.patient.id)).into_iter().collect();
        Reply { ops, ..Reply::info(ctx.text.ticket_linked(label)) }
    }

    /// The health check was stored (or amended): show it as stored.
    pub fn ckg_saved(&mut self, ctx: &Ctx, saved: SavedCheck) -> Reply<PatientOp> {
        if let Some(c) = self.card.as_mut().filter(|c| c.patient.id == saved.patient_id) {
            c.last_ckg = c.last_ckg.max(Some(saved.business_day));
        }
        match self.ckg.as_mut() {
            // The card is read again, so it shows this year's check without reopening it.
            Some(form) => {
                let patient = form.patient.id;
                form.saved(ctx, saved).then(Reply::op(PatientOp::Open(patient)))
            }
            None => Reply::none(),
        }
    }

    /// A saved check, asked for from the card.
    pub fn ckg_opened(&mut self, saved: SavedCheck) {
        let Some(c) = &self.card else { return };
        self.ckg = Some(CkgForm::view(&c.patient, saved));
        self.mode = Mode::Ckg;
    }

    /// The clerk agreed to discard the unsaved check.
    pub fn discard_ckg(&mut self) {
        self.ckg = None;
        self.mode = if self.card.is_some() { Mode::Card } else { Mode::Search };
    }
}
