//! The examination room's printouts on the receipt printer (48 columns on 80 mm paper): the
//! prescription slip, the referral letter, and the labels of drugs handed out free for a
//! programme (the sold ones get theirs with the sale, `sale_jobs`).

use super::doc::{DocKind, Document};
use super::docs::{self, header, local_time, DrugLabel, LabelKind};
use super::sale_jobs::label_quantity;
use super::{routed_job, JobRef, NewPrintJob};
use crate::config::Config;
use crate::domain::money::format_milli;
use crate::store::clinic::dispense::FreeLine;
use crate::store::clinic::referrals::Referral;
use crate::store::clinic::rx::Prescription;
use crate::text::Text;

/// The examiner as printed: name, profession, licence.
pub struct Signer<'a> {
    pub name: &'a str,
    pub profession: &'a str,
    pub licence: &'a str,
}

pub fn prescription_slip(config: &Config, rx: &Prescription, signer: &Signer) -> NewPrintJob {
    let site = &config.site;
    let t = Text::new(site.lang);
    let mut d = Document::new(DocKind::Prescription);
    header(&mut d, site);
    d.separator();
    d.title(t.doc_rx_title());
    d.columns(format!("No. {}", rx.number), local_time(rx.written_at, site.zone));
    d.columns(t.doc_patient(), rx.patient_name.clone());
    d.columns(t.doc_rm(), rx.rm_number.clone());
    if let Some(ticket) = &rx.ticket_label {
        d.columns(t.doc_ticket_no(), ticket.clone());
    }
    d.separator();
    for i in &rx.items {
        d.styled(format!("R/ {} {}", i.generic_name, i.strength), super::doc::Align::Left, true, false);
        d.columns(String::new(), format!("{} {}", t.doc_qty(), format_milli(i.qty_milli)));
        d.text(format!("S. {}", i.directions));
    }
    d.separator();
    d.columns(t.doc_prescriber(), signer.name.to_string());
    d.columns(signer.profession.to_string(), format!("{} {}", t.doc_sip(), signer.licence));
    d.cut();
    routed_job(config, &d, JobRef { table: Some("e_prescriptions".into()), id: Some(rx.id) })
}

pub fn referral_letter(config: &Config, r: &Referral, patient: &str, record_no: &str, signer: &Signer) -> NewPrintJob {
    let site = &config.site;
    let t = Text::new(site.lang);
    let mut d = Document::new(DocKind::Referral);
    header(&mut d, site);
    d.separator();
    d.title(t.doc_referral_title());
    d.columns(format!("No. {}", r.number), local_time(r.at, site.zone));
    d.columns(t.doc_referral_to(), r.facility_name.clone());
    d.columns(t.doc_patient(), patient.to_string());
    d.columns(t.doc_rm(), record_no.to_string());
    d.separator();
    for (label, value) in [
        (t.doc_referral_reason(), &r.reason),
        (t.doc_referral_findings(), &r.findings),
        (t.doc_referral_diagnosis(), &r.diagnosis),
        (t.doc_referral_drugs(), &r.drugs_given),
    ] {
        d.styled(format!("{label}:"), super::doc::Align::Left, true, false);
        d.text(if value.trim().is_empty() { t.clinic_none().to_string() } else { value.clone() });
    }
    d.separator();
    d.columns(t.doc_referral_sign(), signer.name.to_string());
    d.columns(signer.profession.to_string(), format!("{} {}", t.doc_sip(), signer.licence));
    d.feed(3);
    d.cut();
    routed_job(config, &d, JobRef { table: Some("referrals".into()), id: Some(r.id) })
}

/// Labels for drugs handed out free for a programme.
pub fn free_labels(config: &Config, rx: &Prescription, lines: &[FreeLine], pharmacist: &str, dispense_id: i64, at: chrono::DateTime<chrono::Utc>) -> Vec<NewPrintJob> {
    let site = &config.site;
    let t = Text::new(site.lang);
    let mut out = Vec::new();
    for l in lines {
        let Some(drug) = &l.product.drug else { continue };
        let directions = rx.items.iter().find(|i| i.id == l.item_id).map(|i| i.directions.clone()).unwrap_or_default();
        let first = l.takes.first();
        let label = DrugLabel {
            kind: if drug.label == "external" { LabelKind::External } else { LabelKind::Oral },
            number: rx.number.clone(),
            time: at,
            patient: rx.patient_name.clone(),
            drug: format!("{} {}", drug.generic_name, drug.strength),
            quantity: label_quantity(l.qty_milli, &l.product.unit, &drug.form, drug.pieces_per_unit),
            directions,
            note: Some(format!("{} {}", t.doc_free_programme(), l.programme)),
            batch: first.and_then(|t| t.batch_no.clone()),
            expiry: first.and_then(|t| t.expiry).map(|d| d.format("%d-%m-%Y").to_string()),
            pharmacist: pharmacist.to_string(),
            barcode: l.product.barcode.clone(),
        };
        out.push(routed_job(config, &docs::drug_label(&t, site, &label), JobRef { table: Some("dispenses".into()), id: Some(dispense_id) }));
    }
    out
}
