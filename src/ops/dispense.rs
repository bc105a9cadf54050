//! The pharmacy: handing out a prescription, whole or in part, in one transaction: the paid
//! lines become a sale in the pharmacist's open shift (receipt, payment, labels from the
//! directions), free programme lines move stock under the dispensing (their labels say so), the
//! SATUSEHAT MedicationDispense entry is queued, and what is still owed stays on the waiting list.

use super::print_in;
use crate::config::Config;
use crate::domain::cart::Tender;
use crate::domain::user::Role;
use crate::store::clinic::dispense::{dispense_in, DispenseFacts, Dispensed, HandOut};
use crate::store::clinic::{examiner_in, ClinicRefusal};
use crate::store::users::User;
use crate::store::{Result, Store, StoreError};
use chrono::{DateTime, Utc};

/// Hand out `lines` of prescription `prescription_id`; `tenders` pay for the lines that are not
/// free (none needed when all are).
pub fn dispense(store: &mut Store, config: &Config, pharmacist: &User, prescription_id: i64, lines: &[HandOut], tenders: &[Tender], now: DateTime<Utc>) -> Result<Dispensed> {
    if pharmacist.role != Role::Pharmacy {
        return Err(StoreError::Clinic(ClinicRefusal::NotPharmacy));
    }
    let shift_id = store.open_shift(pharmacist.id)?.map(|s| s.id);
    let rules = super::sales::rules(config, pharmacist);
    let day = config.site.zone.business_day(now);
    let actor = pharmacist.actor();
    let name = if pharmacist.full_name.is_empty() { pharmacist.name.clone() } else { pharmacist.full_name.clone() };
    let programme_of = |generic: &str| config.clinic.drug(generic).programme;
    store.write(|tx| {
        let Some(rx) = crate::store::clinic::rx::prescription_in(tx, prescription_id)? else {
            return Err(StoreError::Clinic(ClinicRefusal::NoSuchPrescription));
        };
        let sip = examiner_in(tx, rx.prescriber_id)?.map(|e| e.licence_no).unwrap_or_default();
        let facts = DispenseFacts { prescription_id, lines, programme_of: &programme_of, prescriber_sip: &sip, rules: &rules, shift_id, tenders, day };
        // A sale needs the pharmacist's open shift (the money goes in its drawer).
        let d = dispense_in(tx, &actor, &facts, now)?;
        if d.sale.is_some() && shift_id.is_none() {
            return Err(StoreError::NoOpenShift);
        }
        print_in(tx, config, now, || {
            let mut jobs = match &d.sale {
                Some(sale) => crate::print::sale_jobs::sale_jobs(config, sale, &name),
                None => Vec::new(),
            };
            jobs.extend(crate::print::clinic_docs::free_labels(config, &d.prescription, &d.free, &name, d.id, now));
            jobs
        })?;
        super::clinic_sync::queue_dispense(tx, rx.consultation_id, &d, now)?;
        Ok(d)
    })
}

/// The cash due for these lines: the price of what is not free for a programme.
fn cash_due(store: &Store, config: &Config, lines: &[HandOut]) -> Result<Vec<Tender>> {
    let mut due = 0;
    for l in lines {
        let Some(p) = store.product(l.product_id)? else { continue };
        let free = p.drug.as_ref().and_then(|d| config.clinic.drug(&d.generic_name).programme).is_some();
        if !free {
            due += p.price * l.qty_milli / 1000;
        }
    }
    Ok(if due > 0 { vec![Tender { method: crate::domain::cart::Method::Cash, amount: due, reference: None }] } else { Vec::new() })
}

/// Hand out these lines, paid in cash at the exact amount (the pharmacy screen's F7).
pub fn hand_out_lines(store: &mut Store, config: &Config, pharmacist: &User, prescription_id: i64, lines: &[HandOut], now: DateTime<Utc>) -> Result<Dispensed> {
    let tenders = cash_due(store, config, lines)?;
    dispense(store, config, pharmacist, prescription_id, lines, &tenders, now)
}

/// Hand out everything still owed on a prescription as far as sellable stock goes (whole units;
/// the rest stays owed), paid in cash at the exact amount: what Enter does on the pharmacy's
/// screen.
pub fn hand_out_owed(store: &mut Store, config: &Config, pharmacist: &User, prescription_id: i64, now: DateTime<Utc>) -> Result<Dispensed> {
    let Some(rx) = store.prescription(prescription_id)? else { return Err(StoreError::Clinic(ClinicRefusal::NoSuchPrescription)) };
    let day = config.site.zone.business_day(now);
    let mut lines = Vec::new();
    for i in rx.items.iter().filter(|i| i.owed() > 0) {
        let available = store.sellable(i.product_id, day)? / 1000 * 1000;
        let qty = i.owed().min(available);
        if qty > 0 {
            lines.push(HandOut { item_id: i.id, product_id: i.product_id, qty_milli: qty, substitute_reason: None });
        }
    }
    if lines.is_empty() {
        let first = rx.items.iter().find(|i| i.owed() > 0);
        return Err(StoreError::Clinic(match first {
            Some(i) => ClinicRefusal::OutOfStock { drug: i.generic_name.clone(), wanted: i.owed(), available: 0, instead: Vec::new() },
            None => ClinicRefusal::NothingToDispense,
        }));
    }
    hand_out_lines(store, config, pharmacist, prescription_id, &lines, now)
}
