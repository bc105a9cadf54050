//! Referral letters outside a consultation (from a positive CKG), the answer that comes back
//! (rujuk balik), and the examiner's profession and licence (an admin's job).

use super::print_in;
use crate::config::Config;
use crate::domain::consult::Profession;
use crate::domain::user::Role;
use crate::print::clinic_docs::{self, Signer};
use crate::store::clinic::referrals::{answer_referral_in, save_referral_in, NewReferral, Referral};
use crate::store::clinic::{examiner_in, set_health_worker_in, ClinicRefusal};
use crate::store::users::User;
use crate::store::{Result, Store, StoreError};
use crate::text::Text;
use chrono::{DateTime, NaiveDate, Utc};

fn refuse<T>(r: ClinicRefusal) -> Result<T> {
    Err(StoreError::Clinic(r))
}

/// Write and print a referral letter for a positive CKG check.
pub fn refer_from_ckg(store: &mut Store, config: &Config, user: &User, check_id: i64, facility_code: &str, reason: &str, now: DateTime<Utc>) -> Result<Referral> {
    if !matches!(user.role, Role::Examiner | Role::Clerk) {
        return refuse(ClinicRefusal::NotExaminer);
    }
    let Some(check) = store.saved_check(check_id)? else { return Err(StoreError::Ckg(crate::store::ckg::CkgRefusal::NoSuchCheck(check_id))) };
    let Some(patient) = store.patient(check.patient_id)? else { return refuse(ClinicRefusal::NoSuchPatient) };
    let facility = config.clinic.facility(facility_code).cloned().ok_or_else(|| StoreError::Clinic(ClinicRefusal::UnknownFacility(facility_code.to_string())))?;
    let t = Text::new(config.site.lang);
    let findings: Vec<String> = check
        .lines
        .iter()
        .filter(|l| l.finding == Some(crate::domain::ckg::Finding::Positive) || l.class.as_deref().is_some_and(|c| c != "normal"))
        .map(|l| format!("{} {}", t.ckg_item(&l.code), l.class.clone().unwrap_or_else(|| t.finding(crate::domain::ckg::Finding::Positive).to_string())))
        .collect();
    let new = NewReferral {
        patient_id: check.patient_id,
        consultation_id: None,
        ckg_check_id: Some(check_id),
        facility_code: facility.code.clone(),
        facility_name: facility.name.clone(),
        reason: reason.to_string(),
        findings: findings.join("; "),
        diagnosis: String::new(),
        drugs_given: String::new(),
    };
    let day = config.site.zone.business_day(now);
    let actor = user.actor();
    let name = if user.full_name.is_empty() { user.name.clone() } else { user.full_name.clone() };
    store.write(|tx| {
        let examiner = examiner_in(tx, user.id)?;
        let r = save_referral_in(tx, &actor, &new, day, now)?;
        let (profession, licence) = match &examiner {
            Some(e) => (t.profession(e.profession), e.licence_no.as_str()),
            None => (t.role(user.role), ""),
        };
        let signer = Signer { name: &name, profession, licence };
        print_in(tx, config, now, || vec![clinic_docs::referral_letter(config, &r, &patient.name, &patient.rm_number, &signer)])?;
        Ok(r)
    })
}

/// Record the answer to a referral (rujuk balik).
pub fn answer(store: &mut Store, user: &User, referral_id: i64, answered_on: NaiveDate, text: &str, back_to_clinic: bool, now: DateTime<Utc>) -> Result<()> {
    if !matches!(user.role, Role::Examiner | Role::Clerk) {
        return refuse(ClinicRefusal::NotExaminer);
    }
    let actor = user.actor();
    store.write(|tx| answer_referral_in(tx, &actor, referral_id, answered_on, text, back_to_clinic, now))
}

/// Record a user's profession and licence (SIP); only an admin may.
pub fn set_health_worker(store: &mut Store, admin: &User, name: &str, profession: Profession, licence_no: &str, now: DateTime<Utc>) -> Result<()> {
    if admin.role != Role::Admin {
        return Err(StoreError::NoSuchUser(name.to_string()));
    }
    let Some(user) = store.user(name)? else { return Err(StoreError::NoSuchUser(name.to_string())) };
    let actor = admin.actor();
    store.write(|tx| set_health_worker_in(tx, &actor, user.id, profession, licence_no, now).map(|_| ()))
}
