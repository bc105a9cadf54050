//! The consultation screen (examiners): the patient's context at a glance, then one form of
//! anamnesis, vital signs (the CKG's fields and ranges), diagnoses by ICD-10 code (the first is
//! the primary; the line below searches the shipped list as the code or name is typed), up to
//! three drugs ("parasetamol 1 3 5": name, dose, times a day, days), the outcome and a referral.
//! F10 checks the prescription (quantity, directions, warnings, stock); F10 again sends it all
//! in one operation (`ops::consult::finish_consultation`).

use super::{Ctx, Reply};
use crate::action::Action;
use crate::domain::ckg::{parse_value, Measure};
use crate::domain::consult::{Entered, Outcome};
use crate::domain::rx::{Order, Route};
use crate::keymap::Key;
use crate::domain::consult::{NewConsultation, ReferralRequest, RxLine};
use crate::store::clinic::LineCheck;
use crate::store::clinic::consult::PatientContext;
use crate::store::patients::Patient;
use crate::widgets::field;
use chrono::{DateTime, NaiveDate, Utc};
use tui_input::Input;

/// The form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Patient,
    Complaint,
    History,
    Allergy,
    Systolic,
    Diastolic,
    Pulse,
    Temperature,
    Weight,
    Diagnoses,
    Drug1,
    Drug2,
    Drug3,
    Outcome,
    ReferTo,
    Note,
    FollowUp,
}

pub const FIELDS: [Field; 17] = [
    Field::Patient,
    Field::Complaint,
    Field::History,
    Field::Allergy,
    Field::Systolic,
    Field::Diastolic,
    Field::Pulse,
    Field::Temperature,
    Field::Weight,
    Field::Diagnoses,
    Field::Drug1,
    Field::Drug2,
    Field::Drug3,
    Field::Outcome,
    Field::ReferTo,
    Field::Note,
    Field::FollowUp,
];

/// A field's place in the form (the text catalog labels fields by it).
pub fn field_index(f: Field) -> usize {
    FIELDS.iter().position(|x| *x == f).unwrap_or(0)
}

#[derive(Debug, Clone, Default)]
pub struct ConsultScreen {
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub patient: Option<Patient>,
    pub context: Option<PatientContext>,
    /// The ticket in service at this counter: (id, label).
    pub ticket: Option<(i64, String)>,
    /// The formulary: (product id, name, generic, external use).
    pub drugs: Vec<(i64, String, String, bool)>,
    pub checks: Vec<LineCheck>,
    /// The warnings were shown: F10 again sends.
    pub confirm: bool,
    pub started: Option<DateTime<Utc>>,
    /// Opened from a patient card: that patient's record number, filled in once loaded.
    pub pending: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsultOp {
    /// Load the formulary and the ticket in service at this counter.
    Open,
    /// Find the patient by record number or NIK.
    Find(String),
    Check { patient_id: i64, lines: Vec<RxLine>, allergies: Vec<String> },
    Finish(Box<NewConsultation>),
}

#[derive(Debug, Clone)]
pub enum ConsultMsg {
    Opened { drugs: Vec<(i64, String, String, bool)>, ticket: Option<(i64, String, Option<Patient>)> },
    Found(Box<Patient>, Box<PatientContext>),
    NotFound(String),
    Checked(Vec<LineCheck>),
    Finished(String),
    Failed(String),
}

/// Why the form cannot be sent yet (shown in the user's language by the view's caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormProblem {
    NoPatient,
    Value(Field),
    Drug(usize),
    Date,
}

impl ConsultScreen {
    pub fn reset(&mut self) {
        *self = ConsultScreen { inputs: vec![Input::default(); FIELDS.len()], ..Default::default() };
    }

    /// Something has been typed or found: the form is not replaced by a new one.
    pub fn in_progress(&self) -> bool {
        self.patient.is_some() || self.inputs.iter().any(|i| !i.value().trim().is_empty())
    }

    fn value(&self, f: Field) -> String {
        let i = FIELDS.iter().position(|x| *x == f).unwrap_or(0);
        self.inputs.get(i).map(|v| v.value().trim().to_string()).unwrap_or_default()
    }

    pub fn focused(&self) -> Field {
        FIELDS[self.focus.min(FIELDS.len() - 1)]
    }

    pub fn typed(&mut self, key: &Key) {
        if self.inputs.len() != FIELDS.len() {
            self.reset();
        }
        if let Some(req) = field::edit_request(key) {
            self.confirm = false;
            field::apply(&mut self.inputs[self.focus], req, |_| true, 120);
        }
    }

    /// The drug typed in line n: "parasetamol 1 3 5" or "amoksisilin 1 3 5 luar" is name, dose
    /// (decimals with a comma), times a day and days. None for an empty line; Err for one that
    /// does not read.
    pub fn drug_line(&self, n: usize) -> Option<Result<RxLine, FormProblem>> {
        let f = [Field::Drug1, Field::Drug2, Field::Drug3][n];
        let v = self.value(f);
        if v.is_empty() {
            return None;
        }
        let words: Vec<&str> = v.split_whitespace().collect();
        let bad = || Some(Err(FormProblem::Drug(n)));
        if words.len() < 4 {
            return bad();
        }
        let k = words.len();
        let (Some(dose), Ok(per_day), Ok(days)) = (crate::domain::cart::parse_qty(words[k - 3]), words[k - 2].parse::<i64>(), words[k - 1].parse::<i64>()) else {
            return bad();
        };
        let name = words[..k - 3].join(" ").to_lowercase();
        let found = self.drugs.iter().find(|(_, n, g, _)| n.to_lowercase().starts_with(&name) || g.to_lowercase().starts_with(&name));
        let Some((id, _, _, external)) = found else { return bad() };
        let route = if *external { Route::Topical } else { Route::Oral };
        Some(Ok(RxLine { product_id: *id, order: Order { dose_milli: dose, per_day, days, route, after_meals: true } }))
    }

    fn outcome(&self, has_drugs: bool, referral: bool) -> Outcome {
        match self.value(Field::Outcome).to_lowercase().chars().next() {
            Some('s') | Some('d') => Outcome::Done,
            Some('r') if self.value(Field::Outcome).to_lowercase().starts_with("ru") => Outcome::Referral,
            Some('r') | Some('p') => Outcome::Prescription,
            Some('k') | Some('f') => Outcome::FollowUp,
            _ if referral => Outcome::Referral,
            _ if has_drugs => Outcome::Prescription,
            _ => Outcome::Done,
        }
    }

    /// The consultation as typed, or what is wrong with it.
    pub fn build(&self, now: DateTime<Utc>) -> Result<NewConsultation, FormProblem> {
        let Some(p) = &self.patient else { return Err(FormProblem::NoPatient) };
        let mut vitals = Vec::new();
        for (f, m) in [(Field::Systolic, Measure::Systolic), (Field::Diastolic, Measure::Diastolic), (Field::Pulse, Measure::HeartRate), (Field::Temperature, Measure::Temperature), (Field::Weight, Measure::Weight)] {
            let v = self.value(f);
            if v.is_empty() {
                continue;
            }
            vitals.push((m, parse_value(m, &v).ok_or(FormProblem::Value(f))?));
        }
        let diagnoses = self
            .value(Field::Diagnoses)
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|c| !c.is_empty())
            .enumerate()
            .map(|(i, c)| Entered { code: c.to_string(), primary: i == 0 })
            .collect();
        let mut prescription = Vec::new();
        for n in 0..3 {
            if let Some(line) = self.drug_line(n) {
                prescription.push(line?);
            }
        }
        let refer = self.value(Field::ReferTo);
        let referral = (!refer.is_empty()).then(|| ReferralRequest { facility_code: refer, reason: self.value(Field::Note), findings: self.value(Field::History) });
        let follow = self.value(Field::FollowUp);
        let follow_up = if follow.is_empty() { None } else { Some(NaiveDate::parse_from_str(&follow, "%d-%m-%Y").map_err(|_| FormProblem::Date)?) };
        let allergy = self.value(Field::Allergy);
        Ok(NewConsultation {
            patient_id: p.id,
            ticket_id: self.ticket.as_ref().map(|(id, _)| *id),
            started: self.started.unwrap_or(now),
            complaint: self.value(Field::Complaint),
            history: self.value(Field::History),
            note: if referral.is_some() { String::new() } else { self.value(Field::Note) },
            vitals,
            diagnoses,
            outcome: self.outcome(!prescription.is_empty(), referral.is_some()),
            follow_up,
            allergies: allergy.split(',').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect(),
            prescription,
            referral,
        })
    }

    fn problem_text(ctx: &Ctx, p: &FormProblem) -> String {
        let t = &ctx.text;
        match p {
            FormProblem::NoPatient => t.consult_no_patient().to_string(),
            FormProblem::Value(f) => t.consult_bad_value(t.consult_field(field_index(*f))),
            FormProblem::Drug(n) => t.consult_bad_drug(n + 1),
            FormProblem::Date => t.consult_bad_date().to_string(),
        }
    }

    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<ConsultOp> {
        if self.inputs.len() != FIELDS.len() {
            self.reset();
        }
        let n = FIELDS.len();
        match a {
            Action::Back => return Reply::home(),
            Action::NextField | Action::PrevField => {
                let leaving = self.focused();
                self.focus = if a == Action::NextField { (self.focus + 1) % n } else { (self.focus + n - 1) % n };
                if leaving == Field::Patient {
                    let v = self.value(Field::Patient);
                    if !v.is_empty() && self.patient.as_ref().is_none_or(|p| p.rm_number != v) {
                        return Reply::op(ConsultOp::Find(v));
                    }
                }
            }
            Action::Save => {
                let c = match self.build(ctx.now) {
                    Ok(c) => c,
                    Err(p) => return Reply::error(Self::problem_text(ctx, &p)),
                };
                if self.confirm || c.prescription.is_empty() {
                    self.confirm = false;
                    return Reply::op(ConsultOp::Finish(Box::new(c)));
                }
                return Reply::op(ConsultOp::Check { patient_id: c.patient_id, lines: c.prescription, allergies: c.allergies });
            }
            _ => {}
        }
        Reply::none()
    }

    pub fn answer(&mut self, ctx: &Ctx, m: ConsultMsg) -> Reply<ConsultOp> {
        let t = &ctx.text;
        match m {
            ConsultMsg::Opened { drugs, ticket } => {
                let pending = self.pending.take();
                self.reset();
                self.drugs = drugs;
                self.started = Some(ctx.now);
                // The ticket in service goes with the visit unless it belongs to someone else
                // than the card the consultation was opened from.
                let rm = match (ticket, &pending) {
                    (Some((_, _, Some(p))), Some(rm)) if p.rm_number != *rm => Some(rm.clone()),
                    (Some((id, label, patient)), _) => {
                        self.ticket = Some((id, label));
                        patient.map(|p| p.rm_number).or(pending)
                    }
                    (None, _) => pending,
                };
                if let Some(rm) = rm {
                    self.inputs[0] = Input::new(rm.clone());
                    self.focus = 1;
                    return Reply::op(ConsultOp::Find(rm));
                }
                Reply::none()
            }
            ConsultMsg::Found(p, c) => {
                self.patient = Some(*p);
                self.context = Some(*c);
                Reply::none()
            }
            ConsultMsg::NotFound(what) => {
                self.patient = None;
                self.context = None;
                self.focus = 0;
                Reply::error(t.consult_patient_not_found(&what))
            }
            ConsultMsg::Checked(checks) => {
                let problem = checks.iter().find_map(|c| c.problem.clone());
                let warned = checks.iter().any(|c| !c.warnings.is_empty());
                self.checks = checks;
                match problem {
                    Some(p) => Reply::error(t.clinic_refusal(&p)),
                    None if warned => {
                        self.confirm = true;
                        Reply::error(t.consult_confirm_warnings(&ctx.key(crate::action::Scope::Consult, Action::Save)))
                    }
                    None => {
                        self.confirm = true;
                        self.action(ctx, Action::Save)
                    }
                }
            }
            ConsultMsg::Finished(text) => {
                let drugs = std::mem::take(&mut self.drugs);
                self.reset();
                self.drugs = drugs;
                self.started = Some(ctx.now);
                Reply::info(text)
            }
            ConsultMsg::Failed(text) => {
                self.confirm = false;
                Reply::error(text)
            }
        }
    }
}

pub use super::consult_view::render;
