//! The examination room's and the pharmacy's effects: each calls one operation or read and
//! answers the screen with a message.

use super::{App, Msg};
use crate::screens::consult::{ConsultMsg, ConsultOp};
use crate::screens::dispensing::{DispenseMsg, DispenseOp};

impl App {
    pub(super) fn perform_consult(&mut self, op: ConsultOp) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        let user = self.state.session.clone()?;
        let config = &self.state.config;
        let failed = |e: crate::store::StoreError| ConsultMsg::Failed(text.store_error(&e));
        let msg = match op {
            ConsultOp::Open => {
                let drugs = match self.store.formulary() {
                    Ok(d) => d,
                    Err(e) => return Some(Msg::Consult(Box::new(failed(e)))),
                };
                // The ticket being served at this counter in the examination service.
                let mut ticket = None;
                if let Some(counter) = crate::ops::queue::this_counter(config) {
                    if let Ok(view) = crate::ops::queue::view(&self.store, config, counter, now) {
                        if let Some(t) = view.current.filter(|t| t.service == config.clinic.exam_service) {
                            let patient = self.store.ticket_patient(t.id).ok().flatten().and_then(|id| self.store.patient(id).ok().flatten());
                            ticket = Some((t.id, t.label(), patient));
                        }
                    }
                }
                ConsultMsg::Opened { drugs, ticket }
            }
            ConsultOp::Find(what) => match self.store.patient_by_rm_or_nik(&what) {
                Ok(Some(p)) => match self.store.patient_context(p.id, now) {
                    Ok(c) => ConsultMsg::Found(Box::new(p), Box::new(c)),
                    Err(e) => failed(e),
                },
                Ok(None) => ConsultMsg::NotFound(what),
                Err(e) => failed(e),
            },
            ConsultOp::Check { patient_id, lines, allergies } => {
                match crate::ops::consult::check_prescription(&self.store, config, patient_id, &lines, &allergies, config.site.zone.business_day(now)) {
                    Ok(c) => ConsultMsg::Checked(c),
                    Err(e) => failed(e),
                }
            }
            ConsultOp::Finish(c) => match crate::ops::consult::finish_consultation(&mut self.store, config, &user, &c, now) {
                Ok(f) => ConsultMsg::Finished(text.consult_finished(
                    f.prescription.as_ref().map(|(_, n)| n.as_str()),
                    f.ticket.as_deref(),
                    f.referral.as_ref().map(|r| (r.number.as_str(), r.facility_name.as_str())),
                )),
                Err(e) => failed(e),
            },
        };
        Some(Msg::Consult(Box::new(msg)))
    }

    pub(super) fn perform_dispense(&mut self, op: DispenseOp) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        let user = self.state.session.clone()?;
        let config = &self.state.config;
        let msg = match op {
            DispenseOp::Load => match self.store.waiting_prescriptions(50).and_then(|l| Ok((l, self.store.formulary()?))) {
                Ok((list, drugs)) => DispenseMsg::Loaded(list, drugs),
                Err(e) => DispenseMsg::Failed(text.store_error(&e)),
            },
            DispenseOp::HandOut(id) => match crate::ops::dispense::hand_out_owed(&mut self.store, config, &user, id, now) {
                Ok(d) => DispenseMsg::Done(text.dispensed(&d)),
                Err(e) => DispenseMsg::Failed(text.store_error(&e)),
            },
            DispenseOp::HandOutLines(id, lines) => match crate::ops::dispense::hand_out_lines(&mut self.store, config, &user, id, &lines, now) {
                Ok(d) => DispenseMsg::Done(text.dispensed(&d)),
                Err(e) => DispenseMsg::Failed(text.store_error(&e)),
            },
        };
        Some(Msg::Dispense(msg))
    }
}
