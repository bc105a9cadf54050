//! The examination room: the check of a prescription before it is sent (quantities, directions,
//! warnings, stock and what can be given instead) and finishing a consultation, which stores in
//! one transaction the visit (anamnesis, vital signs, diagnoses, outcome), allergies noted, the
//! e-prescription with the patient's ticket sent on to the pharmacy, a referral letter, the
//! SATUSEHAT outbox entry, the prescription slip and the letter. Only an examiner (a user with
//! the examiner role and a profession and licence on record) may do it.

use super::print_in;
use crate::config::Config;
use crate::domain::ckg::{evaluate, impossible_values, Entries, Subject};
use crate::domain::consult::{check_diagnoses, check_follow_up, Outcome};
use crate::domain::rx::{self, Warning};
use crate::domain::user::Role;
use crate::print::clinic_docs::{self, Signer};
use crate::store::clinic::consult::{save_consultation_in, ConsultationRow};
use crate::store::clinic::referrals::{save_referral_in, NewReferral, Referral};
use crate::store::clinic::rx::{save_prescription_in, ItemRow};
use crate::store::clinic::{examiner_in, ClinicRefusal};
use crate::store::users::User;
use crate::store::{Result, Store, StoreError};
pub use crate::domain::consult::{NewConsultation, ReferralRequest, RxLine};
pub use crate::store::clinic::LineCheck;
use crate::text::Text;
use chrono::{DateTime, NaiveDate, Utc};

fn refuse<T>(r: ClinicRefusal) -> Result<T> {
    Err(StoreError::Clinic(r))
}

/// Check a prescription as written; nothing is stored. `allergies` adds those noted in this
/// visit to the patient's record.
pub fn check_prescription(store: &Store, config: &Config, patient_id: i64, lines: &[RxLine], noted_allergies: &[String], today: NaiveDate) -> Result<Vec<LineCheck>> {
    let t = Text::new(config.site.lang);
    let mut allergies = store.allergies(patient_id)?;
    allergies.extend(noted_allergies.iter().cloned());
    let mut earlier: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(lines.len());
    for (i, l) in lines.iter().enumerate() {
        let Some(product) = store.product(l.product_id)? else { return refuse(ClinicRefusal::NotADrug(l.product_id.to_string())) };
        let Some(drug) = product.drug.clone() else { return refuse(ClinicRefusal::NotADrug(product.name)) };
        let mut check = LineCheck {
            product_id: product.id,
            name: product.name.clone(),
            generic: drug.generic_name.clone(),
            strength: drug.strength.clone(),
            qty_milli: 0,
            unit: product.unit.clone(),
            directions: String::new(),
            warnings: Vec::new(),
            available: store.sellable(product.id, today)?,
            instead: Vec::new(),
            problem: None,
        };
        if let Err(error) = rx::check_order(&l.order, config.clinic.max_days) {
            check.problem = Some(ClinicRefusal::Order { line: i + 1, drug: drug.generic_name.clone(), error });
            out.push(check);
            continue;
        }
        check.qty_milli = rx::quantity_sold(&l.order, drug.pieces_per_unit);
        check.directions = t.directions(&l.order, &drug.form);
        let setting = config.clinic.drug(&drug.generic_name);
        check.warnings = rx::warnings(&drug.generic_name, &l.order, &allergies, &earlier, setting.max_daily_milli);
        earlier.push(drug.generic_name.clone());
        if check.available < check.qty_milli {
            check.instead = store.alternatives(&drug.generic_name, product.id, today)?.into_iter().filter(|(_, _, n)| *n >= check.qty_milli).collect();
            check.problem = Some(ClinicRefusal::OutOfStock {
                drug: product.name.clone(),
                wanted: check.qty_milli,
                available: check.available,
                instead: check.instead.iter().map(|(_, n, _)| n.clone()).collect(),
            });
        }
        out.push(check);
    }
    Ok(out)
}

/// What finishing a consultation stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub consultation_id: i64,
    /// (id, number) of the prescription sent to the pharmacy.
    pub prescription: Option<(i64, String)>,
    pub referral: Option<Referral>,
    /// The ticket now waiting at the pharmacy.
    pub ticket: Option<String>,
    /// Warnings accepted on the prescription's lines: (line from 1, warning).
    pub warnings: Vec<(usize, Warning)>,
}

pub fn finish_consultation(store: &mut Store, config: &Config, user: &User, c: &NewConsultation, now: DateTime<Utc>) -> Result<Finished> {
    if user.role != Role::Examiner {
        return refuse(ClinicRefusal::NotExaminer);
    }
    if c.complaint.trim().is_empty() {
        return refuse(ClinicRefusal::NoComplaint);
    }
    let diagnoses = check_diagnoses(&c.diagnoses).map_err(|e| StoreError::Clinic(ClinicRefusal::Diagnosis(e)))?;
    let Some(patient) = store.patient(c.patient_id)? else { return refuse(ClinicRefusal::NoSuchPatient) };
    let day = config.site.zone.business_day(now);
    let subject = Subject::of(patient.birth_date, patient.sex == "P", day);
    let bad = impossible_values(&c.vitals, subject.group);
    if !bad.is_empty() {
        return refuse(ClinicRefusal::Vitals(bad));
    }
    let vitals = evaluate(&subject, &Entries { measures: c.vitals.clone(), ..Default::default() }, config.patients.bmi_set);
    if !check_follow_up(c.outcome, c.follow_up, day) {
        return refuse(ClinicRefusal::FollowUpDate);
    }
    // A prescription outcome needs drugs; drugs may also go with a referral or a follow-up.
    if (c.outcome == Outcome::Prescription && c.prescription.is_empty()) || (c.outcome == Outcome::Done && !c.prescription.is_empty()) {
        return refuse(ClinicRefusal::PrescriptionOutcome);
    }
    if c.outcome == Outcome::Referral && c.referral.is_none() {
        return refuse(ClinicRefusal::ReasonRequired);
    }
    let facility = match &c.referral {
        Some(r) => {
            if r.reason.trim().is_empty() {
                return refuse(ClinicRefusal::ReasonRequired);
            }
            Some(config.clinic.facility(&r.facility_code).cloned().ok_or_else(|| StoreError::Clinic(ClinicRefusal::UnknownFacility(r.facility_code.clone())))?)
        }
        None => None,
    };
    // Every line checked before anything is written; stock is checked again by the pharmacy.
    let checks = check_prescription(store, config, c.patient_id, &c.prescription, &c.allergies, day)?;
    if let Some(p) = checks.iter().find_map(|l| l.problem.clone()) {
        return refuse(p);
    }
    let items: Vec<ItemRow> = checks
        .iter()
        .zip(&c.prescription)
        .map(|(k, l)| ItemRow {
            product_id: k.product_id,
            generic_name: k.generic.clone(),
            strength: k.strength.clone(),
            order: l.order.clone(),
            directions: k.directions.clone(),
            qty_milli: k.qty_milli,
            warnings: k.warnings.iter().map(|w| w.code()).collect::<Vec<_>>().join(" "),
        })
        .collect();
    let warnings: Vec<(usize, Warning)> = checks.iter().enumerate().flat_map(|(i, k)| k.warnings.iter().map(move |w| (i + 1, w.clone()))).collect();
    let t = Text::new(config.site.lang);
    let actor = user.actor();
    store.write(|tx| {
        let Some(examiner) = examiner_in(tx, user.id)? else { return refuse(ClinicRefusal::NotExaminer) };
        for a in &c.allergies {
            crate::store::clinic::add_allergy_in(tx, &actor, c.patient_id, a, now)?;
        }
        let row = ConsultationRow {
            patient_id: c.patient_id,
            ticket_id: c.ticket_id,
            examiner_id: user.id,
            day,
            started: c.started,
            complaint: &c.complaint,
            history: &c.history,
            note: &c.note,
            outcome: c.outcome,
            follow_up: c.follow_up,
            vitals: &vitals.lines,
            diagnoses: &diagnoses,
        };
        let id = save_consultation_in(tx, &actor, &row, now)?;
        let signer = Signer { name: &examiner.name, profession: t.profession(examiner.profession), licence: &examiner.licence_no };
        let mut finished = Finished { consultation_id: id, prescription: None, referral: None, ticket: None, warnings: warnings.clone() };
        if !items.is_empty() {
            let (rx_id, number) = save_prescription_in(tx, &actor, id, c.patient_id, c.ticket_id, &items, day, now)?;
            if let Some(ticket) = c.ticket_id {
                let moved = crate::store::queue::transfer_ticket_in(tx, &actor, ticket, &config.clinic.pharmacy_service, day, now)?;
                finished.ticket = moved.map(|t| t.label());
            }
            let rx = crate::store::clinic::rx::prescription_in(tx, rx_id)?.ok_or(StoreError::Clinic(ClinicRefusal::NoSuchPrescription))?;
            print_in(tx, config, now, || vec![clinic_docs::prescription_slip(config, &rx, &signer)])?;
            finished.prescription = Some((rx_id, number));
        }
        if let (Some(r), Some(f)) = (&c.referral, &facility) {
            let diagnosis = diagnoses.iter().map(|(d, _)| format!("{} {}", d.code, d.name_id)).collect::<Vec<_>>().join("; ");
            let drugs = items.iter().map(|i| format!("{} {} {}", i.generic_name, i.strength, i.directions)).collect::<Vec<_>>().join("; ");
            let new = NewReferral {
                patient_id: c.patient_id,
                consultation_id: Some(id),
                ckg_check_id: None,
                facility_code: f.code.clone(),
                facility_name: f.name.clone(),
                reason: r.reason.clone(),
                findings: r.findings.clone(),
                diagnosis,
                drugs_given: drugs,
            };
            let saved = save_referral_in(tx, &actor, &new, day, now)?;
            print_in(tx, config, now, || vec![clinic_docs::referral_letter(config, &saved, &patient.name, &patient.rm_number, &signer)])?;
            finished.referral = Some(saved);
        }
        super::clinic_sync::queue_consultation(tx, id, now)?;
        Ok(finished)
    })
}
