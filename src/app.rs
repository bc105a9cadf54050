//! The application: `State`, the messages that change it, the effects it asks for, and the loop
//! that ties the terminal, the keymap, the store and the screens together.
//!
//! `update(&mut State, Msg) -> Vec<Effect>` is the only place UI state changes; it does no IO and
//! reads no clock (time arrives in `Msg::Tick`). `App` carries the effects out against the store
//! and feeds the results back as messages. Drawing reads `&State` only.

use crate::action::{Action, Scope};
use crate::config::{Config, Security, Site};
use crate::keymap::{Key, Keymap};
use crate::config::QueueSettings;
use crate::domain::queue::PriorityGroup;
use crate::print::spool::{PrinterStatus, SpoolHandle};
use crate::screens::login::{FormOutcome, LoginForm, UnlockForm};
use crate::screens::patients::{CardView, PatientOp, PatientsScreen};
use crate::screens::queue::{QueueOp, QueueOutcome, QueueScreen};
use crate::store::patients::{Hit, Patient, Taken};
use crate::store::queue::{QueueView, ServiceStats};
use crate::screens::{self, ScreenId};
use crate::store::users::{AuthFailure, User};
use crate::store::Store;
use crate::text::Text;
use crate::theme::Theme;
use chrono::{DateTime, Duration, Utc};
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};
use std::collections::VecDeque;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashKind {
    Info,
    Error,
}

/// A one-line message above the footer, cleared after a while or by the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub kind: FlashKind,
    pub text: String,
    pub until: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modal {
    /// The help window for the scope that was active when it opened.
    Help { scope: Scope, scroll: u16 },
    ConfirmQuit,
    /// Take a ticket: the chosen service (index) and priority group.
    TakeTicket { service: usize, priority: Option<PriorityGroup> },
    /// Transfer the ticket in service: the chosen target (index).
    Transfer { selected: usize },
    /// Merge two patient records (a supervisor confirms).
    ConfirmMerge { keep: i64, remove: i64 },
}

impl Modal {
    fn scope(self) -> Scope {
        match self {
            Modal::Help { .. } => Scope::Help,
            Modal::ConfirmQuit | Modal::ConfirmMerge { .. } => Scope::Confirm,
            Modal::TakeTicket { .. } | Modal::Transfer { .. } => Scope::Pick,
        }
    }
}

pub struct State {
    pub text: Text,
    pub theme: Theme,
    pub keymap: Keymap,
    pub site: Site,
    pub security: Security,
    pub now: DateTime<Utc>,
    pub session: Option<User>,
    pub locked: bool,
    pub screen: ScreenId,
    pub login: LoginForm,
    pub unlock: UnlockForm,
    pub modals: Vec<Modal>,
    pub flash: Option<Flash>,
    /// A demo database: the login screen lists the demo users and PINs.
    pub demo: bool,
    pub last_input: DateTime<Utc>,
    pub quit: bool,
    pub queue_settings: QueueSettings,
    pub queue: QueueScreen,
    pub patients_settings: crate::config::PatientSettings,
    pub patients: PatientsScreen,
    /// The print spool as the status line shows it; `App` fills it from the store.
    pub printer: PrinterStatus,
    /// Whether a printer is configured at all.
    pub printer_configured: bool,
    pub printer_settings: crate::print::PrinterSettings,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Tick(DateTime<Utc>),
    LoginResult(Result<User, AuthFailure>),
    UnlockResult(Result<User, AuthFailure>),
    /// An effect failed; the text is already in the user's language.
    Failed(String),
    /// Another process (or this one) committed something.
    DataChanged,
    QueueLoaded(QueueView, Vec<ServiceStats>),
    QueueDone(QueueOutcome),
    /// Search results for the text they were searched with.
    PatientHits(String, Vec<Hit>),
    PatientCard(CardView),
    PatientSimilar(Vec<Patient>),
    PatientSaved(Result<Patient, Taken>),
    Birthdays(Vec<Patient>, i64),
    PatientMerged(i64),
    TicketLinked(String),
    CkgSaved(i64),
    /// The spool's state, read from the store.
    Printer(PrinterStatus),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Authenticate { name: String, pin: String },
    Unlock { name: String, pin: String },
    /// Record a session event (logout, lock, quit) in the audit log.
    Record { user: User, action: &'static str },
    Queue(QueueOp),
    LoadQueue,
    Patients(PatientOp),
}

const FLASH_SECONDS: i64 = 6;

impl State {
    pub fn new(config: &Config, keymap: Keymap, theme: Theme, text: Text, demo: bool, now: DateTime<Utc>) -> State {
        State {
            text,
            theme,
            keymap,
            site: config.site.clone(),
            security: config.security.clone(),
            now,
            session: None,
            locked: false,
            screen: ScreenId::Home,
            login: LoginForm::default(),
            unlock: UnlockForm::default(),
            modals: Vec::new(),
            flash: None,
            demo,
            last_input: now,
            quit: false,
            queue_settings: config.queue.clone(),
            queue: QueueScreen::default(),
            patients_settings: config.patients.clone(),
            patients: PatientsScreen::default(),
            printer: if config.printer.configured() { PrinterStatus::Ready } else { PrinterStatus::NotConfigured },
            printer_configured: config.printer.configured(),
            printer_settings: config.printer.clone(),
        }
    }

    /// The keymap table in force: the top dialog's, else the login or lock screen's, else the
    /// current screen's.
    pub fn active_scope(&self) -> Scope {
        if let Some(m) = self.modals.last() {
            m.scope()
        } else if self.session.is_none() {
            Scope::Login
        } else if self.locked {
            Scope::Lock
        } else if self.screen == ScreenId::Patients {
            screens::patients::scope(self)
        } else {
            self.screen.scope()
        }
    }

    /// The footer's keys: one per action of the active scope, leaving out going to the screen
    /// already shown, screens this role may not open, and "back" where there is nowhere to go.
    pub fn footer_items(&self) -> Vec<(Key, Action)> {
        let scope = self.active_scope();
        let here = (self.modals.is_empty() && self.session.is_some() && !self.locked).then_some(self.screen);
        self.keymap
            .footer(scope)
            .into_iter()
            .filter(|(_, a)| match (screen_of(*a), &self.session) {
                (Some(target), Some(user)) => Some(target) != here && target.allowed_for(user.role),
                _ => !(*a == Action::Back && here == Some(ScreenId::Home)),
            })
            .collect()
    }

    pub(crate) fn flash(&mut self, kind: FlashKind, text: String) {
        self.flash = Some(Flash { kind, text, until: self.now + Duration::seconds(FLASH_SECONDS) });
    }

    fn lock(&mut self) -> Vec<Effect> {
        self.locked = true;
        self.unlock.clear();
        self.modals.clear();
        self.session.iter().map(|u| Effect::Record { user: u.clone(), action: "lock" }).collect()
    }

    fn open(&mut self, screen: ScreenId) -> Vec<Effect> {
        let Some(user) = &self.session else { return vec![] };
        if screen.allowed_for(user.role) {
            self.screen = screen;
            self.refresh()
        } else {
            let msg = self.text.role_may_not(user.role, screen);
            self.flash(FlashKind::Error, msg);
            vec![]
        }
    }

    /// Reload what the visible screen shows from the store.
    fn refresh(&self) -> Vec<Effect> {
        if self.session.is_some() && !self.locked && self.screen == ScreenId::Queue {
            vec![Effect::LoadQueue]
        } else {
            vec![]
        }
    }
}

/// The screen a navigation action opens.
fn screen_of(a: Action) -> Option<ScreenId> {
    match a {
        Action::Home => Some(ScreenId::Home),
        Action::Queue => Some(ScreenId::Queue),
        Action::Patients => Some(ScreenId::Patients),
        Action::Sale => Some(ScreenId::Sale),
        Action::Shift => Some(ScreenId::Shift),
        _ => None,
    }
}

pub fn update(s: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Tick(now) => {
            s.now = now;
            if s.flash.as_ref().is_some_and(|f| f.until <= now) {
                s.flash = None;
            }
            let idle = s.security.idle_lock_minutes as i64;
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
                (_, None) => vec![],
            }
        }
        Msg::LoginResult(Ok(user)) => {
            // Nothing of the previous user's work stays on screen for the next one.
            s.patients = PatientsScreen::default();
            s.queue = QueueScreen::default();
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
        Msg::Printer(status) => {
            s.printer = status;
            vec![]
        }
    }
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
        (Scope::Patients | Scope::PatientCard | Scope::PatientForm | Scope::Ckg | Scope::Birthdays, a) if screen_of(a).is_none() => {
            screens::patients::action(s, a)
        }
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

/// Measurement and test hooks, chosen with the environment variable `LOKET_PROBE`:
/// `first-frame` exits after drawing the first frame (start-up benchmarks), `panic` panics there
/// (the end-to-end test that the terminal is restored after a panic).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    None,
    ExitAfterFirstFrame,
    PanicAfterFirstFrame,
}

impl Probe {
    pub fn from_env() -> Probe {
        match std::env::var("LOKET_PROBE").as_deref() {
            Ok("first-frame") => Probe::ExitAfterFirstFrame,
            Ok("panic") => Probe::PanicAfterFirstFrame,
            _ => Probe::None,
        }
    }
}

/// The running application: state plus the store that effects act on.
pub struct App {
    pub state: State,
    pub store: Store,
    data_version: Option<i64>,
    /// The print spool's thread, when a printer is configured.
    pub spool: Option<SpoolHandle>,
    /// The store's `data_version` when the printer status was last read.
    printer_seen: Option<i64>,
}

impl App {
    pub fn new(state: State, store: Store) -> App {
        App { state, store, data_version: None, spool: None, printer_seen: None }
    }

    /// Read the spool's state when the database changed since last time (another process's
    /// commit, the spool thread's included) or when this process wrote.
    pub fn refresh_printer(&mut self, force: bool) {
        let version = self.store.data_version().ok();
        if !force && version.is_some() && version == self.printer_seen {
            return;
        }
        self.printer_seen = version;
        if let Ok(counts) = self.store.spool_counts() {
            let status = PrinterStatus::from_counts(self.state.printer_configured, &counts);
            if status != self.state.printer {
                self.handle(Msg::Printer(status));
            }
        }
    }

    /// Feed a message through `update`, carry out the effects, and feed their results back.
    pub fn handle(&mut self, msg: Msg) {
        let mut queue = VecDeque::from([msg]);
        while let Some(msg) = queue.pop_front() {
            for effect in update(&mut self.state, msg) {
                if let Some(reply) = self.perform(effect) {
                    queue.push_back(reply);
                }
            }
        }
    }

    fn perform(&mut self, effect: Effect) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        match effect {
            Effect::Authenticate { name, pin } => match self.store.authenticate(&name, &pin, now, &self.state.security) {
                Ok(r) => Some(Msg::LoginResult(r)),
                Err(e) => Some(Msg::Failed(text.store_error(&e))),
            },
            Effect::Unlock { name, pin } => match self.store.authenticate(&name, &pin, now, &self.state.security) {
                Ok(r) => Some(Msg::UnlockResult(r)),
                Err(e) => Some(Msg::Failed(text.store_error(&e))),
            },
            Effect::Record { user, action } => {
                self.store.record_session_event(&user, action, now).err().map(|e| Msg::Failed(text.store_error(&e)))
            }
            Effect::LoadQueue => {
                let q = &self.state.queue_settings;
                let day = self.state.site.zone.business_day(now);
                let counter = q.counter(q.this_counter)?;
                let codes: Vec<String> = q.services.iter().map(|s| s.code.clone()).collect();
                let loaded = self.store.queue_view(counter, day).and_then(|v| Ok((v, self.store.queue_stats(&codes, day)?)));
                Some(match loaded {
                    Ok((view, stats)) => Msg::QueueLoaded(view, stats),
                    Err(e) => Msg::Failed(text.store_error(&e)),
                })
            }
            Effect::Patients(op) => self.perform_patients(op),
            Effect::Queue(op) => {
                let user = self.state.session.as_ref()?;
                let actor = user.actor();
                let settings = &self.state.queue_settings;
                let counter = settings.counter(settings.this_counter)?.clone();
                let day = self.state.site.zone.business_day(now);
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
                        let (site, st) = (&self.state.site, &self.state);
                        let name = settings.service(&service).map(|s| s.name.clone()).unwrap_or_default();
                        let make = |t: &crate::store::queue::TakenTicket| {
                            crate::print::jobs::ticket(site, &st.printer_settings.profile, &name, t, screens::queue::estimate_minutes(st, t))
                        };
                        let job: Option<&dyn Fn(&crate::store::queue::TakenTicket) -> crate::print::NewPrintJob> =
                            if st.printer_configured { Some(&make) } else { None };
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
        let today = self.state.site.zone.business_day(now);
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
                let settings = &self.state.patients_settings;
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
                let q = &self.state.queue_settings;
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
                let q = &self.state.queue_settings;
                let ticket = q
                    .counter(q.this_counter)
                    .and_then(|c| store.queue_view(c, today).ok())
                    .and_then(|v| v.current)
                    .filter(|t| t.patient_name.as_deref() == Some(form.patient.name.as_str()))
                    .map(|t| t.id);
                let st = &self.state;
                let examiner = st.session.as_ref().map(|u| if u.full_name.is_empty() { u.name.clone() } else { u.full_name.clone() }).unwrap_or_default();
                let make = |id: i64| {
                    crate::print::jobs::ckg_slip(&st.site, &st.printer_settings.profile, id, &form.patient.name, &form.patient.rm_number, &examiner, &eval, now)
                };
                let slip: Option<&dyn Fn(i64) -> crate::print::NewPrintJob> = if st.printer_configured { Some(&make) } else { None };
                match store.save_ckg(&actor, form.patient.id, ticket, form.group.code(), &eval, form.started, today, now, slip) {
                    Ok(id) => Msg::CkgSaved(id),
                    Err(e) => fail(e),
                }
            }
        })
    }

    /// Draw, wait for a key or the next clock second, repeat until the user quits.
    pub fn run(&mut self, terminal: &mut ratatui::DefaultTerminal, probe: Probe) -> std::io::Result<()> {
        self.refresh_printer(true);
        loop {
            terminal.draw(|f| screens::draw(&self.state, f))?;
            match probe {
                Probe::ExitAfterFirstFrame => return Ok(()),
                Probe::PanicAfterFirstFrame => panic!("panic requested by LOKET_PROBE (a test of terminal restoration)"),
                Probe::None if self.state.quit => return Ok(()),
                Probe::None => {}
            }
            let millis = 1000 - (Utc::now().timestamp_subsec_millis() as u64).min(999);
            if event::poll(std::time::Duration::from_millis(millis))? {
                match event::read()? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => {
                        self.handle(Msg::Tick(Utc::now()));
                        self.handle(Msg::Key(k));
                        // A key may have stored a print job: look at the spool now.
                        self.refresh_printer(true);
                        if let Some(spool) = &self.spool {
                            spool.wake();
                        }
                    }
                    _ => {} // a resize or anything else: just redraw
                }
            } else {
                self.handle(Msg::Tick(Utc::now()));
                self.refresh_printer(false);
            }
            // Other counters' work shows within a second: PRAGMA data_version is a cheap check.
            if let Ok(v) = self.store.data_version() {
                if self.data_version != Some(v) {
                    self.data_version = Some(v);
                    self.handle(Msg::DataChanged);
                }
            }
        }
    }
}
