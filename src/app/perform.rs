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
                let loaded = self.store.queue_view(counter, day).and_then(|v| Ok((v, self.store.queue_stats(&codes, day)?)));
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
                    Ok(screens::sync::SyncView { counts, problems: self.store.outbox_problems(screens::sync::SHOWN)? })
                });
                Some(match loaded {
                    Ok(view) => Msg::SyncLoaded(view),
                    Err(e) => Msg::Failed(text.store_error(&e)),
                })
            }
            Effect::Sale(op) => self.perform_sale(op),
            Effect::Queue(op) => {
                let user = self.state.session.as_ref()?;
                let actor = user.actor();
                let settings = &self.state.config.queue;
                let counter = settings.counter(settings.this_counter)?.clone();
                let day = self.state.config.site.zone.business_day(now);
                let store = &mut self.store;
                let result = match op {
                    QueueOp::CallNext => store
                        .call_next(&actor, &counter, &settings.rule, day, now)
                        .map(|c| c.map(QueueOutcome::Called).unwrap_or(QueueOutcome::NobodyWaiting)),
                    QueueOp::Recall(id) => store.recall(&actor, counter.number, id, day, now).map(QueueOutcome::Recalled),
                    QueueOp::Skip => store.skip_current(&actor, counter.number, day, now).map(QueueOutcome::Skipped),
                    QueueOp::Finish => store.finish_current(&actor, counter.number, day, now).map(QueueOutcome::Finished),
                    QueueOp::Transfer(to) => store.transfer_current(&actor, counter.number, &to, day, now).map(QueueOutcome::Transferred),
                    QueueOp::Take { service, priority } => {
                        let (site, st) = (&self.state.config.site, &self.state);
                        let name = settings.service(&service).map(|s| s.name.clone()).unwrap_or_default();
                        let make = |t: &crate::store::queue::TakenTicket| {
                            crate::print::jobs::ticket(site, &st.config.printer.profile, &name, t, screens::queue::estimate_minutes(&st.config.queue, t))
                        };
                        let job: Option<&dyn Fn(&crate::store::queue::TakenTicket) -> crate::print::NewPrintJob> =
                            if st.config.printer.configured() { Some(&make) } else { None };
                        store.take_ticket_printed(&actor, &service, priority, day, now, job).map(QueueOutcome::Taken)
                    }
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
        let store = &mut self.store;
        Some(match op {
            PatientOp::Search(text) => {
                let q = crate::domain::search::parse_query(&text);
                if q.is_empty() {
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
            PatientOp::Save { fields, edit, force } => {
                // A taken identifier is an error beside its field, before any similarity warning.
                match store.identifier_taken(&fields, edit) {
                    Ok(Some(t)) => return Some(Msg::PatientSaved(Err(t))),
                    Ok(None) => {}
                    Err(e) => return Some(fail(e)),
                }
                // Similar records warn when registering; an edit of a known record does not.
                if !force && edit.is_none() {
                    if let Some(birth) = fields.birth_date {
                        match store.similar_patients(&fields.name, birth, edit) {
                            Ok(list) if !list.is_empty() => return Some(Msg::PatientSimilar(list)),
                            Ok(_) => {}
                            Err(e) => return Some(fail(e)),
                        }
                    }
                }
                let settings = &self.state.config.patients;
                let result = match edit {
                    Some(id) => store.update_patient(&actor, id, &fields, now),
                    None => store.register_patient(&actor, &fields, &settings.rm_prefix, settings.rm_digits, now),
                };
                match result {
                    Ok(r) => Msg::PatientSaved(r),
                    Err(e) => fail(e),
                }
            }
            PatientOp::Birthdays => match store.birthdays_between(today, today + chrono::Duration::days(7), 300) {
                Ok((list, n)) => Msg::Birthdays(list, n),
                Err(e) => fail(e),
            },
            PatientOp::Merge { keep, remove } => match store.merge_patients(&actor, keep, remove, now) {
                Ok(()) => Msg::PatientMerged(keep),
                Err(e) => fail(e),
            },
            PatientOp::LinkTicket(patient) => {
                let q = &self.state.config.queue;
                let counter = q.counter(q.this_counter)?;
                let current = match store.queue_view(counter, today) {
                    Ok(v) => v.current,
                    Err(e) => return Some(fail(e)),
                };
                let Some(ticket) = current else { return Some(Msg::Failed(text.nothing_in_service().into())) };
                match store.link_ticket(&actor, ticket.id, patient, now) {
                    Ok(()) => Msg::TicketLinked(ticket.label()),
                    Err(e) => fail(e),
                }
            }
            PatientOp::SaveCkg => {
                let form = self.state.patients.ckg.as_ref()?;
                let eval = form.evaluation();
                // The ticket in service at this counter, if it is this patient's visit.
                let q = &self.state.config.queue;
                let ticket = q
                    .counter(q.this_counter)
                    .and_then(|c| store.queue_view(c, today).ok())
                    .and_then(|v| v.current)
                    .filter(|t| t.patient_name.as_deref() == Some(form.patient.name.as_str()))
                    .map(|t| t.id);
                let st = &self.state;
                let examiner = st.session.as_ref().map(|u| if u.full_name.is_empty() { u.name.clone() } else { u.full_name.clone() }).unwrap_or_default();
                let make = |id: i64| {
                    crate::print::jobs::ckg_slip(&st.config.site, &st.config.printer.profile, id, &form.patient.name, &form.patient.rm_number, &examiner, &eval, now)
                };
                let slip: Option<&dyn Fn(i64) -> crate::print::NewPrintJob> = if st.config.printer.configured() { Some(&make) } else { None };
                match store.save_ckg(&actor, form.patient.id, ticket, form.group.code(), &eval, form.started, today, now, slip) {
                    Ok(id) => Msg::CkgSaved(id),
                    Err(e) => fail(e),
                }
            }
        })
    }


    fn perform_shift(&mut self, op: ShiftOp) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        let day = self.state.config.site.zone.business_day(now);
        let user = self.state.session.clone()?;
        let actor = user.actor();
        let fail = |e: crate::store::StoreError| Msg::Failed(text.store_error(&e));
        let st = &self.state;
        let store = &mut self.store;
        let result = match op {
            ShiftOp::Load => {
                let loaded = store.open_shift(user.id).and_then(|s| match s {
                    Some(s) => Ok(Some((s.clone(), store.shift_totals(&s)?))),
                    None => Ok(None),
                });
                return Some(match loaded {
                    Ok(v) => Msg::ShiftLoaded(v),
                    Err(e) => fail(e),
                });
            }
            ShiftOp::Open(float) => store.open_shift_with_float(&actor, float, day, now).map(|_| text.shift_opened_ok().to_string()),
            ShiftOp::Cash { cash_in, amount, reason } => store.cash_movement(&actor, cash_in, amount, &reason, now).map(|_| text.shift_cash_ok().to_string()),
            ShiftOp::XReport => (|| {
                let shift = store.open_shift(user.id)?.ok_or(crate::store::StoreError::NoOpenShift)?;
                let totals = store.shift_totals(&shift)?;
                let sales = store.shift_sales(shift.id)?;
                let job = crate::print::jobs::shift_report(&st.config.site, &st.config.printer.profile, &shift, &totals, &sales, now);
                store.enqueue_print(&actor, &job, now)?;
                Ok(text.shift_x_ok().to_string())
            })(),
            ShiftOp::Close { counted, noncash } => {
                let sales = match store.open_shift(user.id).and_then(|s| s.map(|s| store.shift_sales(s.id)).transpose()) {
                    Ok(s) => s.unwrap_or_default(),
                    Err(e) => return Some(fail(e)),
                };
                let make = |s: &crate::store::shifts::Shift, t: &crate::store::shifts::CashTotals| {
                    crate::print::jobs::shift_report(&st.config.site, &st.config.printer.profile, s, t, &sales, now)
                };
                let job: Option<&dyn Fn(&crate::store::shifts::Shift, &crate::store::shifts::CashTotals) -> crate::print::NewPrintJob> = Some(&make);
                store.close_shift(&actor, counted, noncash, None, now, job).map(|_| text.shift_closed_ok().to_string())
            }
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
                Ok(s) => Msg::Summary(day, s),
                Err(e) => Msg::Failed(text.store_error(&e)),
            }),
            ReportsRequest::Export => {
                let summary = self.state.reports.summary.as_ref()?;
                Some(match export_csv(summary) {
                    Ok(path) => Msg::Exported(path),
                    Err(e) => Msg::Failed(e),
                })
            }
        }
    }
}

/// Write the summary as CSV into the user's data directory (exports/), returning the path.
pub fn export_csv(s: &crate::store::reports::Summary) -> Result<String, String> {
    let dir = crate::paths::data_dir().join("exports");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = if s.from == s.to { format!("ringkasan-{}.csv", s.from) } else { format!("ringkasan-{}-{}.csv", s.from, s.to) };
    let path = dir.join(name);
    std::fs::write(&path, crate::report::csv(s)).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.display().to_string())
}
