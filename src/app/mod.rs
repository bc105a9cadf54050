//! The application: `State`, the messages that change it, the effects it asks for, and the loop
//! that ties the terminal, the keymap, the store and the screens together.
//!
//! `update(&mut State, Msg) -> Vec<Effect>` is the only place UI state changes; it does no IO and
//! reads no clock (time arrives in `Msg::Tick`). `App` carries the effects out against the store
//! and feeds the results back as messages. Drawing reads `&State` only.

mod perform;
mod perform_sale;
mod runner;

pub use perform::export_csv;
pub use runner::{App, Probe};

use crate::action::{Action, Scope};
use crate::config::Config;
use crate::keymap::{Key, Keymap};
use crate::domain::queue::PriorityGroup;
use crate::print::spool::PrinterStatus;
use crate::screens::login::{FormOutcome, LoginForm, UnlockForm};
use crate::screens::patients::{CardView, PatientOp, PatientsScreen};
use crate::screens::queue::{QueueOp, QueueOutcome, QueueScreen};
use crate::store::patients::{Hit, Patient, Taken};
use crate::store::queue::{QueueView, ServiceStats};
use crate::screens::{self, ScreenId};
use crate::store::users::{AuthFailure, User};
use crate::text::Text;
use crate::theme::Theme;
use chrono::{DateTime, Duration, Utc};
use ratatui::crossterm::event::KeyEvent;

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
    /// The site's settings as loaded at start (site, security, queue, patients, printer, sales,
    /// SATUSEHAT): screens read what they need from here.
    pub config: Config,
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
    pub queue: QueueScreen,
    pub patients: PatientsScreen,
    pub shift: crate::screens::shift::ShiftScreen,
    pub reports: crate::screens::reports::ReportsView,
    /// The print spool as the status line shows it; `App` fills it from the store.
    pub printer: PrinterStatus,
    /// The SATUSEHAT outbox as the sync screen shows it.
    pub sync: screens::sync::SyncView,
    pub sale: screens::sale::SaleScreen,
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
    ShiftLoaded(Option<(crate::store::shifts::Shift, crate::store::shifts::CashTotals)>),
    ShiftDone(String),
    Summary(chrono::NaiveDate, crate::store::reports::Summary),
    Exported(String),
    /// The spool's state, read from the store.
    Printer(PrinterStatus),
    SyncLoaded(screens::sync::SyncView),
    /// The store's answer to a sale-screen operation.
    Sale(Box<screens::sale::SaleMsg>),
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
    Shift(crate::screens::shift::ShiftOp),
    Reports(crate::screens::reports::ReportsRequest),
    LoadSync,
    Sale(screens::sale::SaleOp),
}

const FLASH_SECONDS: i64 = 6;

impl State {
    pub fn new(config: &Config, keymap: Keymap, theme: Theme, text: Text, demo: bool, now: DateTime<Utc>) -> State {
        State {
            text,
            theme,
            keymap,
            config: config.clone(),
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
            queue: QueueScreen::default(),
            patients: PatientsScreen::default(),
            shift: Default::default(),
            reports: Default::default(),
            printer: if config.printer.configured() { PrinterStatus::Ready } else { PrinterStatus::NotConfigured },
            sync: Default::default(),
            sale: screens::sale::SaleScreen::default(),
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
        } else if self.screen == ScreenId::Shift && self.is_supervisor() {
            Scope::Reports
        } else if self.screen == ScreenId::Shift && self.shift.entry.is_some() {
            Scope::Entry
        } else if self.screen == ScreenId::Sale {
            screens::sale::scope(self)
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

    /// Supervisors and admins see the figures on F9; cashiers see their shift.
    pub fn is_supervisor(&self) -> bool {
        self.session.as_ref().is_some_and(|u| matches!(u.role, crate::domain::user::Role::Supervisor | crate::domain::user::Role::Admin))
    }

    /// Reload what the visible screen shows from the store.
    fn refresh(&self) -> Vec<Effect> {
        if self.session.is_none() || self.locked {
            return vec![];
        }
        match self.screen {
            ScreenId::Queue => vec![Effect::LoadQueue],
            ScreenId::Shift if self.is_supervisor() => {
                let day = self.reports.day.unwrap_or_else(|| self.config.site.zone.business_day(self.now));
                vec![Effect::Reports(screens::reports::ReportsRequest::Load(day))]
            }
            ScreenId::Shift => vec![Effect::Shift(screens::shift::ShiftOp::Load)],
            ScreenId::Sync => vec![Effect::LoadSync],
            _ => vec![],
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
        Action::Sync => Some(ScreenId::Sync),
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

