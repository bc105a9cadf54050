//! `update`: the one place UI state changes. A message in, the effects to carry out back; no IO
//! and no clock (time arrives in `Msg::Tick`).

use super::state::{ctx, screen_of};
use super::{Effect, FlashKind, Modal, Msg, State};
use crate::action::{Action, Scope};
use crate::keymap::Key;
use crate::screens::login::FormOutcome;
use crate::screens::patients::{PatientOp, PatientsScreen};
use crate::screens::queue::QueueScreen;
use crate::screens::{self, ModalChange, Note, Reply, ScreenId};
use crate::store::users::AuthFailure;
use chrono::Duration;

/// Carry out what a screen asked for beyond its own state (the message line, a dialog, going
/// home); its operations become the effects returned.
fn settle<Op>(s: &mut State, reply: Reply<Op>, effect: impl FnMut(Op) -> Effect) -> Vec<Effect> {
    match reply.note {
        Note::Keep => {}
        Note::Show(kind, text) => s.flash(kind, text),
        Note::DropError => {
            if s.flash.as_ref().is_some_and(|f| f.kind == FlashKind::Error) {
                s.flash = None;
            }
        }
        Note::Clear => s.flash = None,
    }
    match reply.modal {
        None => {}
        Some(ModalChange::Open(m)) => s.modals.push(m),
        Some(ModalChange::Close) => {
            s.modals.pop();
        }
        Some(ModalChange::Replace(m)) => {
            if let Some(top) = s.modals.last_mut() {
                *top = m;
            }
        }
    }
    if reply.home {
        s.screen = ScreenId::Home;
    }
    reply.ops.into_iter().map(effect).collect()
}

pub fn update(s: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Tick(now) => {
            let zone = s.config.site.zone;
            // A new business day while logged in: prices dated for it take effect.
            let new_day = s.session.is_some() && zone.business_day(now) != zone.business_day(s.now);
            s.now = now;
            if s.flash.as_ref().is_some_and(|f| f.until <= now) {
                s.flash = None;
            }
            let idle = s.config.security.idle_lock_minutes as i64;
            if idle > 0 && s.session.is_some() && !s.locked && now - s.last_input >= Duration::minutes(idle) {
                let effects = s.lock();
                let msg = s.text.locked_idle().to_string();
                s.unlock.message = Some(msg);
                return effects;
            }
            if new_day {
                return vec![Effect::Products(screens::products::ProductsOp::ApplyDue)];
            }
            vec![]
        }
        Msg::Key(ev) => {
            s.last_input = s.now;
            let key = Key::from_event(&ev);
            let scope = s.active_scope();
            let action = s.keymap.lookup(scope, key);
            match (scope, action) {
                (Scope::Pick, a) => {
                    let Some(modal) = s.modals.last().copied() else { return vec![] };
                    let reply = s.queue.pick(&ctx!(s), modal, a, &key);
                    settle(s, reply, Effect::Queue)
                }
                (Scope::Entry, a) => {
                    let reply = s.shift.entry_key(&ctx!(s), a, &key);
                    settle(s, reply, Effect::Shift)
                }
                (_, Some(action)) => apply_action(s, scope, action),
                (Scope::Login, None) => {
                    s.login.edit(&key);
                    vec![]
                }
                (Scope::Lock, None) => {
                    s.unlock.edit(&key);
                    vec![]
                }
                (Scope::Patients | Scope::PatientForm | Scope::Ckg, None) => {
                    let reply = s.patients.typed(&ctx!(s), &key);
                    settle(s, reply, Effect::Patients)
                }
                (Scope::Sale | Scope::SalePay | Scope::SaleForm, None) => {
                    let reply = s.sale.typed(&key);
                    settle(s, reply, Effect::Sale)
                }
                (Scope::Receiving | Scope::ReceiveLine | Scope::ReceiveNewProduct, None) => {
                    s.receiving.typed(&key);
                    vec![]
                }
                (Scope::Count | Scope::CountApprove, None) => {
                    s.count.typed(&key);
                    vec![]
                }
                (Scope::Members | Scope::MemberForm, None) => {
                    s.members.typed(&key);
                    vec![]
                }
                (Scope::DispenseForm, None) => {
                    s.dispensing.typed(&key);
                    vec![]
                }
                (Scope::Consult, None) => {
                    s.consult.typed(&key);
                    vec![]
                }
                (Scope::UserForm, None) => {
                    s.users.typed(&key);
                    vec![]
                }
                (Scope::SupplierReturn, None) => {
                    s.reorder.typed(&key);
                    vec![]
                }
                (Scope::Products | Scope::ProductForm, None) => {
                    let reply = s.products.typed(&key);
                    settle(s, reply, Effect::Products)
                }
                (_, None) => vec![],
            }
        }
        Msg::LoginResult(Ok(user)) => {
            // Nothing of the previous user's work stays on screen for the next one.
            s.patients = PatientsScreen::default();
            s.queue = QueueScreen::default();
            s.shift = Default::default();
            s.reports = Default::default();
            s.sale = screens::sale::SaleScreen::default();
            s.receiving = Default::default();
            s.count = Default::default();
            s.users = Default::default();
            s.products = Default::default();
            s.reorder = Default::default();
            s.members = Default::default();
            s.consult = Default::default();
            s.dispensing = Default::default();
            s.login.clear();
            s.flash = None;
            s.screen = ScreenId::Home;
            // The status line shows the cashier's open shift from the start.
            let has_shift = crate::screens::ScreenId::Shift.allowed_for(user.role) && !user.role.approves();
            s.session = Some(user);
            s.locked = false;
            if has_shift {
                vec![Effect::Shift(screens::shift::ShiftOp::Load)]
            } else {
                vec![]
            }
        }
        Msg::LoginResult(Err(failure)) => {
            let msg = failure_text(s, &failure);
            s.login.retry(msg);
            vec![]
        }
        Msg::UnlockResult(Ok(_)) => {
            s.locked = false;
            s.unlock.clear();
            s.refresh()
        }
        Msg::UnlockResult(Err(failure)) => {
            s.unlock.pin.reset();
            s.unlock.message = Some(failure_text(s, &failure));
            vec![]
        }
        Msg::Failed(text) => {
            s.flash(FlashKind::Error, text);
            s.refresh()
        }
        Msg::Done(text) => {
            s.flash(FlashKind::Info, text);
            vec![]
        }
        Msg::DataChanged => s.refresh(),
        Msg::QueueLoaded(view, stats) => {
            s.queue.loaded(view, stats);
            vec![]
        }
        Msg::QueueDone(outcome) => {
            let (kind, msg) = screens::queue::done(&s.ctx(), &outcome);
            s.flash(kind, msg);
            vec![Effect::LoadQueue]
        }
        Msg::PatientHits(text, hits) => {
            s.patients.search_answered(text, hits);
            vec![]
        }
        Msg::PatientCard(view) => {
            // A message about one patient does not stay on screen for the next.
            if s.patients.card.as_ref().is_some_and(|c| c.patient.id != view.patient.id) {
                s.flash = None;
            }
            s.patients.show_card(view);
            vec![]
        }
        Msg::PatientSimilar(list) => {
            let reply = s.patients.similar_found(&ctx!(s), list);
            settle(s, reply, Effect::Patients)
        }
        Msg::PatientSaved(result) => {
            let reply = s.patients.saved(&ctx!(s), result);
            settle(s, reply, Effect::Patients)
        }
        Msg::Birthdays(list, n) => {
            s.patients.birthdays = (list, n);
            vec![]
        }
        Msg::PatientMerged(keep) => {
            let reply = s.patients.merged(&ctx!(s), keep);
            settle(s, reply, Effect::Patients)
        }
        Msg::TicketLinked(label) => {
            let reply = s.patients.ticket_linked(&ctx!(s), &label);
            settle(s, reply, Effect::Patients)
        }
        Msg::CkgSaved(saved) => {
            let reply = s.patients.ckg_saved(&ctx!(s), saved);
            settle(s, reply, Effect::Patients)
        }
        Msg::CkgOpened(saved) => {
            s.patients.ckg_opened(saved);
            vec![]
        }
        Msg::ShiftLoaded(shift) => {
            s.shift.shift = shift;
            s.shift.loaded = true;
            vec![]
        }
        Msg::ShiftDone(text) => {
            s.flash(FlashKind::Info, text);
            vec![Effect::Shift(screens::shift::ShiftOp::Load)]
        }
        Msg::Summary(day, summary, ckg, members, clinic) => {
            s.reports.loaded(day, summary, ckg);
            s.reports.members = members.map(|m| *m);
            s.reports.clinic = clinic;
            vec![]
        }
        Msg::Exported(path) => {
            let msg = s.text.report_exported(&path);
            s.flash(FlashKind::Info, msg);
            vec![]
        }
        Msg::Printer(status) => {
            s.printer = status;
            vec![]
        }
        Msg::SyncLoaded(view) => {
            s.sync = view;
            vec![]
        }
        Msg::Sale(m) => {
            let reply = s.sale.answer(&ctx!(s), *m);
            settle(s, reply, Effect::Sale)
        }
        Msg::Receiving(m) => {
            let reply = s.receiving.answer(&ctx!(s), *m);
            settle(s, reply, Effect::Receiving)
        }
        Msg::Count(m) => {
            let reply = s.count.answer(&ctx!(s), *m);
            settle(s, reply, Effect::Count)
        }
        Msg::Users(m) => {
            let reply = s.users.answer(&ctx!(s), m);
            settle(s, reply, Effect::Users)
        }
        Msg::Members(m) => {
            let reply = s.members.answer(*m);
            settle(s, reply, Effect::Members)
        }
        Msg::Consult(m) => {
            let reply = s.consult.answer(&ctx!(s), *m);
            settle(s, reply, Effect::Consult)
        }
        Msg::Dispense(m) => {
            let reply = s.dispensing.answer(m);
            settle(s, reply, Effect::Dispense)
        }
        Msg::Reorder(m) => {
            let reply = s.reorder.answer(&ctx!(s), m);
            settle(s, reply, Effect::Reorder)
        }
        Msg::Products(m) => {
            let reply = s.products.answer(&ctx!(s), *m);
            settle(s, reply, Effect::Products)
        }
    }
}

/// Why a login or an approval failed, in the user's language.
pub(crate) fn failure_message(s: &State, failure: &AuthFailure) -> String {
    failure_text(s, failure)
}

fn failure_text(s: &State, failure: &AuthFailure) -> String {
    match failure {
        AuthFailure::BadCredentials => s.text.bad_credentials().to_string(),
        AuthFailure::Locked { until } => {
            let secs = (*until - s.now).num_seconds().max(1);
            s.text.locked_out((secs + 59) / 60)
        }
    }
}

fn apply_action(s: &mut State, scope: Scope, action: Action) -> Vec<Effect> {
    match (scope, action) {
        (Scope::Help, Action::Back) | (Scope::Confirm, Action::Cancel) => {
            s.modals.pop();
            vec![]
        }
        (Scope::Help, Action::ScrollUp | Action::ScrollDown) => {
            if let Some(Modal::Help { scroll, .. }) = s.modals.last_mut() {
                *scroll = if action == Action::ScrollUp { scroll.saturating_sub(1) } else { scroll.saturating_add(1).min(50) };
            }
            vec![]
        }
        (Scope::Confirm, Action::Confirm) if matches!(s.modals.last(), Some(Modal::ConfirmMerge { .. })) => {
            let Some(Modal::ConfirmMerge { keep, remove }) = s.modals.pop() else { return vec![] };
            vec![Effect::Patients(PatientOp::Merge { keep, remove })]
        }
        (Scope::Confirm, Action::Confirm) if matches!(s.modals.last(), Some(Modal::ConfirmDiscardCkg)) => {
            s.modals.pop();
            s.patients.discard_ckg();
            vec![]
        }
        (Scope::Confirm, Action::Confirm) => {
            s.modals.pop();
            s.quit = true;
            s.session.iter().map(|u| Effect::Record { user: u.clone(), action: "quit" }).collect()
        }
        (_, Action::Help) => {
            s.modals.push(Modal::Help { scope, scroll: 0 });
            vec![]
        }
        (_, Action::Quit) => {
            s.modals.push(Modal::ConfirmQuit);
            vec![]
        }
        (Scope::Login, Action::Submit | Action::NextField | Action::PrevField) => match s.login.action(action) {
            FormOutcome::Submit { name, pin } => vec![Effect::Authenticate { name, pin }],
            FormOutcome::MissingName => {
                s.login.message = Some(s.text.name_missing().to_string());
                vec![]
            }
            FormOutcome::MissingPin => {
                s.login.message = Some(s.text.pin_missing().to_string());
                vec![]
            }
            FormOutcome::Nothing => vec![],
        },
        (Scope::Lock, Action::Submit) => match (s.unlock.submit(), &s.session) {
            (Some(pin), Some(user)) => vec![Effect::Unlock { name: user.name.clone(), pin }],
            _ => {
                s.unlock.message = Some(s.text.pin_missing().to_string());
                vec![]
            }
        },
        (_, Action::Logout) => {
            let effects = s.session.take().map(|u| Effect::Record { user: u, action: "logout" }).into_iter().collect();
            s.locked = false;
            s.screen = ScreenId::Home;
            s.login.clear();
            s.login.message = Some(s.text.logged_out().to_string());
            effects
        }
        (_, Action::Lock) => s.lock(),
        (Scope::Shift, a) if screen_of(a).is_none() && !matches!(a, Action::Back) => {
            // A shift does not close over a sale in progress.
            let sale_open = !s.sale.lines.is_empty();
            let reply = s.shift.action(&ctx!(s), a, sale_open);
            settle(s, reply, Effect::Shift)
        }
        (Scope::Reports, a) if screen_of(a).is_none() && !matches!(a, Action::Back) => {
            let today = s.config.site.zone.business_day(s.now);
            s.reports.action(a, today).map(Effect::Reports).into_iter().collect()
        }
        // From the card, the consultation opens on that patient.
        (Scope::PatientCard, Action::Consult) => {
            let rm = s.patients.card.as_ref().map(|c| c.patient.rm_number.clone());
            let allowed = s.session.as_ref().is_some_and(|u| ScreenId::Consultation.allowed_for(u.role));
            if allowed {
                // An explicit choice of patient: a new form for them.
                s.consult.reset();
                s.consult.pending = rm;
            }
            s.open(ScreenId::Consultation)
        }
        (Scope::Patients | Scope::PatientCard | Scope::PatientForm | Scope::Ckg | Scope::CkgResult | Scope::Birthdays, a) if screen_of(a).is_none() => {
            let reply = s.patients.action(&ctx!(s), a);
            settle(s, reply, Effect::Patients)
        }
        (Scope::Members | Scope::MemberForm, a) if screen_of(a).is_none() => {
            let reply = s.members.action(&ctx!(s), a);
            settle(s, reply, Effect::Members)
        }
        (Scope::Consult, a) if screen_of(a).is_none() => {
            let reply = s.consult.action(&ctx!(s), a);
            settle(s, reply, Effect::Consult)
        }
        (Scope::Dispensing | Scope::DispenseForm, a) if screen_of(a).is_none() => {
            let reply = s.dispensing.action(&ctx!(s), a);
            settle(s, reply, Effect::Dispense)
        }
        (Scope::Reorder | Scope::SupplierReturn, a) if screen_of(a).is_none() => {
            let reply = s.reorder.action(&ctx!(s), a);
            settle(s, reply, Effect::Reorder)
        }
        (Scope::Products | Scope::ProductForm, a) if screen_of(a).is_none() => {
            let reply = s.products.action(&ctx!(s), a);
            settle(s, reply, Effect::Products)
        }
        (Scope::Users | Scope::UserForm, a) if screen_of(a).is_none() => {
            let reply = s.users.action(&ctx!(s), a);
            settle(s, reply, Effect::Users)
        }
        (Scope::Count | Scope::CountApprove, a) if screen_of(a).is_none() => {
            let reply = s.count.action(&ctx!(s), a);
            settle(s, reply, Effect::Count)
        }
        (Scope::Receiving | Scope::ReceiveLine | Scope::ReceiveNewProduct, a) if screen_of(a).is_none() => {
            let reply = s.receiving.action(&ctx!(s), a);
            settle(s, reply, Effect::Receiving)
        }
        (Scope::Sale | Scope::SalePay | Scope::SaleList | Scope::SaleForm, a) if screen_of(a).is_none() => {
            let reply = s.sale.action(&ctx!(s), a);
            settle(s, reply, Effect::Sale)
        }
        (_, Action::Back) => {
            if s.screen != ScreenId::Home {
                s.screen = ScreenId::Home;
                s.flash = None;
            } else {
                let key = s.keymap.key_for(Scope::Home, Action::Quit).map(|k| k.label()).unwrap_or_default();
                let msg = format!("{} {}", s.text.at_home(), s.text.press_to_quit(&key));
                s.flash(FlashKind::Info, msg);
            }
            vec![]
        }
        (Scope::Queue, a) if screen_of(a).is_none() => {
            let reply = s.queue.action(&ctx!(s), a);
            settle(s, reply, Effect::Queue)
        }
        (_, a) => match screen_of(a) {
            Some(screen) => s.open(screen),
            None => vec![],
        },
    }
}
