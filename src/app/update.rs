//! `update`: the one place UI state changes. A message in, the effects to carry out back; no IO
//! and no clock (time arrives in `Msg::Tick`).

use super::state::screen_of;
use super::{Effect, FlashKind, Modal, Msg, State};
use crate::action::{Action, Scope};
use crate::keymap::Key;
use crate::screens::login::FormOutcome;
use crate::screens::patients::{PatientOp, PatientsScreen};
use crate::screens::queue::QueueScreen;
use crate::screens::{self, ScreenId};
use crate::store::users::AuthFailure;
use chrono::Duration;

pub fn update(s: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Tick(now) => {
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
            vec![]
        }
        Msg::Key(ev) => {
            s.last_input = s.now;
            let key = Key::from_event(&ev);
            let scope = s.active_scope();
            let action = s.keymap.lookup(scope, key);
            match (scope, action) {
                (Scope::Pick, a) => screens::queue::pick(s, a, &key),
                (Scope::Entry, a) => screens::shift::entry_key(s, a, &key),
                (_, Some(action)) => apply_action(s, scope, action),
                (Scope::Login, None) => {
                    s.login.edit(&key);
                    vec![]
                }
                (Scope::Lock, None) => {
                    s.unlock.edit(&key);
                    vec![]
                }
                (Scope::Patients | Scope::PatientForm | Scope::Ckg, None) => screens::patients::typed(s, &key),
                (Scope::Sale | Scope::SalePay | Scope::SaleForm, None) => screens::sale::typed(s, &key),
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
            s.login.clear();
            s.flash = None;
            s.screen = ScreenId::Home;
            s.session = Some(user);
            s.locked = false;
            vec![]
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
        Msg::DataChanged => s.refresh(),
        Msg::QueueLoaded(view, stats) => {
            s.queue.selected = s.queue.selected.min(view.skipped.len().saturating_sub(1));
            s.queue.view = view;
            s.queue.stats = stats;
            vec![]
        }
        Msg::QueueDone(outcome) => screens::queue::done(s, outcome),
        Msg::PatientHits(text, hits) => {
            screens::patients::hits(s, text, hits);
            vec![]
        }
        Msg::PatientCard(view) => {
            screens::patients::card(s, view);
            vec![]
        }
        Msg::PatientSimilar(list) => {
            screens::patients::similar(s, list);
            vec![]
        }
        Msg::PatientSaved(result) => screens::patients::saved(s, result),
        Msg::Birthdays(list, n) => {
            s.patients.birthdays = (list, n);
            vec![]
        }
        Msg::PatientMerged(keep) => {
            let msg = s.text.patient_merged(&s.patients.merge_into.as_ref().map(|p| p.rm_number.clone()).unwrap_or_default());
            s.patients.merge_into = None;
            s.flash(FlashKind::Info, msg);
            vec![Effect::Patients(PatientOp::Open(keep))]
        }
        Msg::TicketLinked(label) => {
            let msg = s.text.ticket_linked(&label);
            s.flash(FlashKind::Info, msg);
            s.patients.card.as_ref().map(|c| vec![Effect::Patients(PatientOp::Open(c.patient.id))]).unwrap_or_default()
        }
        Msg::CkgSaved(id) => {
            screens::ckg::saved(s, id);
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
        Msg::Summary(day, summary) => {
            s.reports.loaded(day, summary);
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
        Msg::Sale(m) => screens::sale::answer(s, *m),
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
        (Scope::Shift, a) if screen_of(a).is_none() && !matches!(a, Action::Back) => screens::shift::action(s, a),
        (Scope::Reports, a) if screen_of(a).is_none() && !matches!(a, Action::Back) => {
            let today = s.config.site.zone.business_day(s.now);
            s.reports.action(a, today).map(Effect::Reports).into_iter().collect()
        }
        (Scope::Patients | Scope::PatientCard | Scope::PatientForm | Scope::Ckg | Scope::Birthdays, a) if screen_of(a).is_none() => {
            screens::patients::action(s, a)
        }
        (Scope::Sale | Scope::SalePay | Scope::SaleList | Scope::SaleForm, a) if screen_of(a).is_none() => screens::sale::action(s, a),
        (_, Action::Back) => {
            if s.screen != ScreenId::Home {
                s.screen = ScreenId::Home;
            } else {
                let key = s.keymap.key_for(Scope::Home, Action::Quit).map(|k| k.label()).unwrap_or_default();
                let msg = format!("{} {}", s.text.at_home(), s.text.press_to_quit(&key));
                s.flash(FlashKind::Info, msg);
            }
            vec![]
        }
        (Scope::Queue, a) if screen_of(a).is_none() => screens::queue::action(s, a),
        (_, a) => match screen_of(a) {
            Some(screen) => s.open(screen),
            None => vec![],
        },
    }
}
