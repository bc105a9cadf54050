//! Carrying out effects against the store: each returns the message that tells `update` what
//! happened. This is the only place the app's state machine meets IO.

use super::{App, CardView, Effect, Msg, QueueOutcome};
use crate::screens::patients::PatientOp;
use crate::screens::queue::QueueOp;
use crate::screens::reports::ReportsRequest;
use crate::screens::shift::ShiftOp;
use crate::screens;

impl App {
    pub(super) fn perform(&mut self, effect: Effect) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        match effect {
            Effect::Authenticate { name, pin } => match self.store.authenticate(&name, &pin, now, &self.state.config.security) {
                Ok(Ok(user)) => {
                    // Prices dated for today take effect before the first sale of the session.
                    if let Err(e) = crate::ops::products::apply_due_prices(&mut self.store, &self.state.config, &user.actor(), now) {
                        return Some(Msg::Failed(text.store_error(&e)));
                    }
                    Some(Msg::LoginResult(Ok(user)))
                }
                Ok(r) => Some(Msg::LoginResult(r)),
                Err(e) => Some(Msg::Failed(text.store_error(&e))),
            },
            Effect::Unlock { name, pin } => match self.store.authenticate(&name, &pin, now, &self.state.config.security) {
                Ok(r) => Some(Msg::UnlockResult(r)),
                Err(e) => Some(Msg::Failed(text.store_error(&e))),
            },
            Effect::Record { user, action } => {
                self.store.record_session_event(&user, action, now).err().map(|e| Msg::Failed(text.store_error(&e)))
            }
            Effect::LoadQueue => {
                let q = &self.state.config.queue;
                let day = self.state.config.site.zone.business_day(now);
                let counter = q.counter(q.this_counter)?;
                let codes: Vec<String> = q.services.iter().map(|s| s.code.clone()).collect();
                let loaded = crate::ops::queue::view(&self.store, &self.state.config, counter, now).and_then(|v| Ok((v, self.store.queue_stats(&codes, day)?)));
                Some(match loaded {
                    Ok((view, stats)) => Msg::QueueLoaded(view, stats),
                    Err(e) => Msg::Failed(text.store_error(&e)),
                })
            }
            Effect::Patients(op) => self.perform_patients(op),
            Effect::Shift(op) => self.perform_shift(op),
            Effect::Reports(req) => self.perform_reports(req),
            Effect::LoadSync => {
                let loaded = self.store.outbox_counts().and_then(|counts| {
                    Ok(screens::sync::SyncView { counts, problems: self.store.outbox_problems(screens::sync::SHOWN)?, hub: self.store.hub_summary()? })
                });
                Some(match loaded {
                    Ok(view) => Msg::SyncLoaded(view),
                    Err(e) => Msg::Failed(text.store_error(&e)),
                })
            }
            Effect::Sale(op) => self.perform_sale(op),
            Effect::Receiving(op) => self.perform_receiving(op),
            Effect::Count(op) => self.perform_count(op),
            Effect::Users(op) => self.perform_users(op),
            Effect::Products(op) => self.perform_products(op),
            Effect::Reorder(op) => self.perform_reorder(op),
            Effect::Members(op) => self.perform_members(op),
            Effect::Consult(op) => self.perform_consult(op),
            Effect::Dispense(op) => self.perform_dispense(op),
            Effect::Queue(op) => {
                let user = self.state.session.as_ref()?;
                let actor = user.actor();
                let config = &self.state.config;
                let counter = crate::ops::queue::this_counter(config)?.clone();
                let store = &mut self.store;
                use crate::ops::queue as q;
                let result = match op {
                    QueueOp::CallNext => q::call_next(store, config, &counter, &actor, now)
                        .map(|c| c.map(QueueOutcome::Called).unwrap_or(QueueOutcome::NobodyWaiting)),
                    QueueOp::Recall(id) => q::recall(store, config, &counter, &actor, id, now).map(QueueOutcome::Recalled),
                    QueueOp::Skip => q::skip(store, config, &counter, &actor, now).map(QueueOutcome::Skipped),
                    QueueOp::Finish => q::finish(store, config, &counter, &actor, now).map(QueueOutcome::Finished),
                    QueueOp::Transfer(to) => q::transfer(store, config, &counter, &actor, &to, now).map(QueueOutcome::Transferred),
                    QueueOp::Take { service, priority } => q::take_ticket(store, config, &actor, &service, priority, now).map(QueueOutcome::Taken),
                };
                Some(match result {
                    Ok(outcome) => Msg::QueueDone(outcome),
                    Err(e) => Msg::Failed(text.store_error(&e)),
                })
            }
        }
    }

    fn perform_patients(&mut self, op: PatientOp) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        let today = self.state.config.site.zone.business_day(now);
        let actor = self.state.session.as_ref()?.actor();
        let fail = |e: crate::store::StoreError| Msg::Failed(text.store_error(&e));
        let examiner = self.state.session.as_ref().map(|u| if u.full_name.is_empty() { u.name.clone() } else { u.full_name.clone() }).unwrap_or_default();
        let store = &mut self.store;
        Some(match op {
            PatientOp::Search(text) => {
                let q = crate::domain::search::parse_query(&text);
                // One character is not searched (the screen asks for another).
                if q.is_empty() || crate::domain::search::too_short(&text) {
                    return Some(Msg::PatientHits(text, vec![]));
                }
                match store.search_patients(&q, today, 50) {
                    Ok(hits) => Msg::PatientHits(text, hits),
                    Err(e) => fail(e),
                }
            }
            PatientOp::Open(id) => {
                let loaded = (|| -> crate::store::Result<Option<CardView>> {
                    let Some(patient) = store.patient(id)? else { return Ok(None) };
                    Ok(Some(CardView { facts: store.card_facts(id)?, last_ckg: store.last_ckg(id)?, patient }))
                })();
                match loaded {
                    Ok(Some(view)) => Msg::PatientCard(view),
                    Ok(None) => fail(crate::store::StoreError::NoSuchPatient),
                    Err(e) => fail(e),
                }
            }
            PatientOp::Save { fields, edit, force } => match crate::ops::patients::save(store, &self.state.config, &actor, &fields, edit, force, now) {
                Ok(crate::ops::patients::Saved::Saved(p)) => Msg::PatientSaved(Ok(p)),
                Ok(crate::ops::patients::Saved::Taken(t)) => Msg::PatientSaved(Err(t)),
                Ok(crate::ops::patients::Saved::Similar(list)) => Msg::PatientSimilar(list),
                Err(e) => fail(e),
            },
            PatientOp::Birthdays => match store.birthdays_between(today, today + chrono::Duration::days(7), 300) {
                Ok((list, n)) => Msg::Birthdays(list, n),
                Err(e) => fail(e),
            },
            PatientOp::Merge { keep, remove } => match crate::ops::patients::merge(store, &actor, keep, remove, now) {
                Ok(()) => Msg::PatientMerged(keep),
                Err(e) => fail(e),
            },
            PatientOp::LinkTicket(patient) => match crate::ops::patients::link_ticket(store, &self.state.config, &actor, patient, now) {
                Ok(Some(label)) => Msg::TicketLinked(label),
                Ok(None) => Msg::Failed(text.nothing_in_service().into()),
                Err(e) => fail(e),
            },
            PatientOp::SaveCkg => {
                let form = self.state.patients.ckg.as_ref()?;
                let config = &self.state.config;
                let facts = crate::ops::ckg::CheckFacts {
                    patient_id: form.patient.id,
                    patient_name: &form.patient.name,
                    record_no: &form.patient.rm_number,
                    ticket_id: crate::ops::patients::visit_ticket(store, config, &form.patient.name, now),
                    subject: form.subject,
                    started: form.started,
                    examiner: &examiner,
                };
                let saved = crate::ops::ckg::finish_check(store, config, &actor, &facts, &form.entries(), now)
                    .and_then(|id| store.saved_check(id)?.ok_or(crate::store::StoreError::Ckg(crate::store::ckg::CkgRefusal::NoSuchCheck(id))));
                match saved {
                    Ok(saved) => Msg::CkgSaved(saved),
                    Err(e) => fail(e),
                }
            }
            PatientOp::AmendCkg(id) => {
                let form = self.state.patients.ckg.as_ref()?;
                let reason = form.reason().unwrap_or_default();
                match crate::ops::ckg::amend_check(store, &self.state.config, &actor, id, &form.subject, &form.entries(), &reason, now) {
                    Ok(saved) => Msg::CkgSaved(saved),
                    Err(e) => fail(e),
                }
            }
            PatientOp::ReprintCkg(id) => {
                let form = self.state.patients.ckg.as_ref()?;
                let config = &self.state.config;
                if !config.printer.configured() {
                    return Some(Msg::Failed(text.ckg_no_printer().into()));
                }
                match crate::ops::ckg::reprint_slip(store, config, &actor, id, &form.patient.name, &form.patient.rm_number, &examiner, now) {
                    Ok(()) => Msg::Done(text.ckg_reprinted().into()),
                    Err(e) => fail(e),
                }
            }
            PatientOp::ReferCkg(id) => {
                let config = &self.state.config;
                let user = self.state.session.clone()?;
                // A CKG screens: a positive finding goes to the Puskesmas, the first facility listed.
                let facility = config.clinic.facilities.first().map(|f| f.code.clone()).unwrap_or_default();
                match crate::ops::referrals::refer_from_ckg(store, config, &user, id, &facility, text.ckg_referral(), now) {
                    Ok(r) => Msg::Done(text.referral_written(&r.number, &r.facility_name)),
                    Err(e) => fail(e),
                }
            }
            PatientOp::OpenCkg(patient) => match store.latest_ckg_id(patient).and_then(|id| id.map(|id| store.saved_check(id)).transpose()) {
                Ok(Some(Some(saved))) => Msg::CkgOpened(saved),
                Ok(_) => fail(crate::store::StoreError::NoSuchPatient),
                Err(e) => fail(e),
            },
        })
    }


    fn perform_shift(&mut self, op: ShiftOp) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        let user = self.state.session.clone()?;
        let actor = user.actor();
        let fail = |e: crate::store::StoreError| Msg::Failed(text.store_error(&e));
        let config = &self.state.config;
        let store = &mut self.store;
        let result = match op {
            ShiftOp::Load => {
                return Some(match crate::ops::shifts::current(store, &user) {
                    Ok(v) => Msg::ShiftLoaded(v),
                    Err(e) => fail(e),
                });
            }
            ShiftOp::Open(float) => crate::ops::shifts::open(store, config, &actor, float, now).map(|_| text.shift_opened_ok().to_string()),
            ShiftOp::Cash { cash_in, amount, reason } => crate::ops::shifts::cash(store, &actor, cash_in, amount, &reason, now).map(|_| text.shift_cash_ok().to_string()),
            ShiftOp::XReport => crate::ops::shifts::x_report(store, config, &user, now).map(|_| text.shift_x_ok().to_string()),
            ShiftOp::Close { counted, noncash, denominations } => crate::ops::shifts::close(store, config, &user, counted, noncash, denominations.as_deref(), now).map(|_| text.shift_closed_ok().to_string()),
        };
        Some(match result {
            Ok(msg) => Msg::ShiftDone(msg),
            Err(e) => fail(e),
        })
    }

    fn perform_reports(&mut self, req: ReportsRequest) -> Option<Msg> {
        let text = self.state.text;
        let today = self.state.config.site.zone.business_day(self.state.now);
        match req {
            ReportsRequest::Load(day) => Some(match self.store.summary(day, day, today, 30) {
                Ok(s) => match self.store.ckg_register(day, day) {
                    Ok(ckg) => Msg::Summary(
                        day,
                        s,
                        ckg,
                        self.store.member_figures(day, day, &self.state.config.members.arrears).ok().map(Box::new),
                        self.store.clinic_figures(day, day).ok(),
                    ),
                    Err(e) => Msg::Failed(text.store_error(&e)),
                },
                Err(e) => Msg::Failed(text.store_error(&e)),
            }),
            ReportsRequest::XReports => {
                let user = self.state.session.clone()?;
                let printed = (|| -> crate::store::Result<usize> {
                    let open: Vec<i64> = self.store.shifts_between(today, today)?.into_iter().filter(|s| s.closed_at.is_none()).map(|s| s.user_id).collect();
                    for cashier in &open {
                        crate::ops::shifts::x_report_for(&mut self.store, &self.state.config, &user, *cashier, self.state.now)?;
                    }
                    Ok(open.len())
                })();
                Some(match printed {
                    Ok(n) => Msg::ShiftDone(text.x_reports_printed(n)),
                    Err(e) => Msg::Failed(text.store_error(&e)),
                })
            }
            ReportsRequest::Export => {
                let summary = self.state.reports.summary.as_ref()?;
                Some(match export_csv(&text, summary) {
                    Ok(path) => Msg::Exported(path),
                    Err(e) => Msg::Failed(e),
                })
            }
        }
    }
}

/// Write the summary as CSV into the user's data directory (exports/), returning the path.
pub fn export_csv(text: &crate::text::Text, s: &crate::store::reports::Summary) -> Result<String, String> {
    let dir = crate::paths::data_dir().join("exports");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = if s.from == s.to { format!("ringkasan-{}.csv", s.from) } else { format!("ringkasan-{}-{}.csv", s.from, s.to) };
    let path = dir.join(name);
    std::fs::write(&path, crate::report::csv(text, s)).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.display().to_string())
}
