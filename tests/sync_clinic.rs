//! SATUSEHAT for the examination room: a consultation goes out as one transaction Bundle
//! (Encounter with its diagnoses, Conditions in ICD-10, Observations for the vital signs,
//! MedicationRequests with KFA codes, a ServiceRequest for the referral) and each dispensing as
//! MedicationDispense resources pointing at the requests by the ids the server gave them. The
//! fake SATUSEHAT validates every resource with the FHIR R4 models of fhir.resources.

mod common;
#[path = "common/satusehat.rs"]
mod satusehat;

use common::*;
use loket::domain::cart::{Method, Tender};
use loket::domain::ckg::Measure;
use loket::domain::consult::{Entered, Outcome};
use loket::domain::rx::{Order, Route};
use loket::ops::consult::{finish_consultation, NewConsultation, ReferralRequest, RxLine};
use loket::store::clinic::dispense::HandOut;
use loket::store::outbox::OutboxStatus;
use loket::sync::client::Client;
use loket::sync::sender::run_once;
use satusehat::FakeSatusehat;

#[test]
fn a_consultation_and_its_dispensing_reach_satusehat_as_valid_fhir_r4() {
    let Some(server) = FakeSatusehat::start() else {
        eprintln!("skipped: no Python with fhir.resources (LOKET_FHIR_PYTHON)");
        return;
    };
    let (_d, mut store) = demo_store();
    let mut cfg = demo_config();
    cfg.clinic.drugs.insert("amlodipin".into(), loket::config::clinic::DrugSetting { max_daily_milli: None, programme: Some("PTM".into()) });
    let dewi = store.user("dewi").unwrap().unwrap();
    store.set_practitioner_nik(&loket::store::Actor::system("t"), "dewi", "3204124508850999", fixed_now()).unwrap();
    let product = |name: &str| store.catalog().unwrap().into_iter().find(|p| p.name == name).unwrap().id;
    let oral = |dose, per_day, days| Order { dose_milli: dose, per_day, days, route: Route::Oral, after_meals: true };
    let c = NewConsultation {
        patient_id: 1,
        ticket_id: None,
        started: fixed_now() - chrono::Duration::minutes(12),
        complaint: "Pusing, tengkuk berat".into(),
        history: "Hipertensi sejak 2 tahun".into(),
        note: String::new(),
        vitals: vec![(Measure::Systolic, 162), (Measure::Diastolic, 98), (Measure::HeartRate, 84), (Measure::Temperature, 366), (Measure::Weight, 700)],
        diagnoses: vec![Entered { code: "I10".into(), primary: true }, Entered { code: "R51".into(), primary: false }],
        outcome: Outcome::Referral,
        follow_up: None,
        allergies: vec!["amoksisilin".into()],
        prescription: vec![
            RxLine { product_id: product("Amlodipin 5 mg"), order: oral(1000, 1, 10) },
            RxLine { product_id: product("Parasetamol 500 mg"), order: oral(1000, 3, 3) },
        ],
        referral: Some(ReferralRequest { facility_code: "PKM".into(), reason: "Hipertensi tahap 2".into(), findings: "TD 162/98".into() }),
    };
    let done = finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap();
    let (rx_id, _) = done.prescription.unwrap();
    let rx = store.prescription(rx_id).unwrap().unwrap();
    let rina = store.user("rina").unwrap().unwrap();
    store.open_shift_with_float(&rina.actor(), 50_000, fixed_now().date_naive(), fixed_now()).unwrap();
    let lines: Vec<HandOut> = rx.items.iter().map(|i| HandOut { item_id: i.id, product_id: i.product_id, qty_milli: i.qty_milli, substitute_reason: None }).collect();
    let cash = vec![Tender { method: Method::Cash, amount: 5_000, reference: None }];
    loket::ops::dispense::dispense(&mut store, &cfg, &rina, rx_id, &lines, &cash, fixed_now() + chrono::Duration::minutes(5)).unwrap();

    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
    let mut client = Client::new(&settings).unwrap();
    let round = run_once(&mut store, &mut client, &settings, fixed_now() + chrono::Duration::minutes(10)).unwrap();
    assert_eq!((round.sent, round.failed), (2, 0), "{round:?}");
    assert!(store.outbox_entries().unwrap().iter().all(|e| e.status == OutboxStatus::Sent));
    let bundles = server.events("bundle");
    assert_eq!(bundles.len(), 2);
    for b in &bundles {
        assert_eq!(b["valid"], true, "invalid Bundle: {b}");
    }
    // Encounter, 2 Conditions, BP panel + heart rate + temperature + weight, 2 requests, 1 referral.
    let codes: Vec<String> = bundles[0]["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap_or("").to_string()).collect();
    assert_eq!(bundles[0]["entries"], 10, "{codes:?}");
    assert!(codes.contains(&"I10".to_string()) && codes.contains(&"R51".to_string()), "{codes:?}");
    assert!(codes.contains(&"85354-9".to_string()) && codes.contains(&"3457005".to_string()), "{codes:?}");
    assert_eq!(bundles[1]["entries"], 2, "one MedicationDispense per drug handed out");
    assert_eq!(bundles[1]["stored"], true);
}
