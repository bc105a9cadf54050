//! The application: `State`, the messages that change it, the effects it asks for, and the loop
//! that ties the terminal, the keymap, the store and the screens together.
//!
//! `update(&mut State, Msg) -> Vec<Effect>` is the only place UI state changes; it does no IO and
//! reads no clock (time arrives in `Msg::Tick`). `App` carries the effects out against the store
//! and feeds the results back as messages. Drawing reads `&State` only.

use crate::action::{Action, Scope};
use crate::config::{Config, Security, Site};
use crate::keymap::{Key, Keymap};
use crate::print::spool::{PrinterStatus, SpoolHandle};
use crate::screens::login::{FormOutcome, LoginForm, UnlockForm};
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
}

impl Modal {
    fn scope(self) -> Scope {
        match self {
            Modal::Help { .. } => Scope::Help,
            Modal::ConfirmQuit => Scope::Confirm,
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
    /// The print spool as the status line shows it; `App` fills it from the store.
    pub printer: PrinterStatus,
    /// Whether a printer is configured at all.
    pub printer_configured: bool,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Tick(DateTime<Utc>),
    LoginResult(Result<User, AuthFailure>),
    UnlockResult(Result<User, AuthFailure>),
    /// An effect failed; the text is already in the user's language.
    Failed(String),
    /// The spool's state, read from the store.
    Printer(PrinterStatus),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Authenticate { name: String, pin: String },
    Unlock { name: String, pin: String },
    /// Record a session event (logout, lock, quit) in the audit log.
    Record { user: User, action: &'static str },
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
            printer: if config.printer.configured() { PrinterStatus::Ready } else { PrinterStatus::NotConfigured },
            printer_configured: config.printer.configured(),
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
        } else {
            self.screen.scope()
        }
    }

    /// The footer's keys: one per action of the active scope, leaving out going to the screen
    /// already shown, screens this role may not open, and "back" where there is nowhere to go.
    pub fn footer_items(&self) -> Vec<(Key, Action)> {
        let scope = self.active_scope();
        let here = (scope == self.screen.scope()).then_some(self.screen);
        self.keymap
            .footer(scope)
            .into_iter()
            .filter(|(_, a)| match (screen_of(*a), &self.session) {
                (Some(target), Some(user)) => Some(target) != here && target.allowed_for(user.role),
                _ => !(*a == Action::Back && here == Some(ScreenId::Home)),
            })
            .collect()
    }

    fn flash(&mut self, kind: FlashKind, text: String) {
        self.flash = Some(Flash { kind, text, until: self.now + Duration::seconds(FLASH_SECONDS) });
    }

    fn lock(&mut self) -> Vec<Effect> {
        self.locked = true;
        self.unlock.clear();
        self.modals.clear();
        self.session.iter().map(|u| Effect::Record { user: u.clone(), action: "lock" }).collect()
    }

    fn open(&mut self, screen: ScreenId) {
        let Some(user) = &self.session else { return };
        if screen.allowed_for(user.role) {
            self.screen = screen;
        } else {
            let msg = self.text.role_may_not(user.role, screen);
            self.flash(FlashKind::Error, msg);
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
            match s.keymap.lookup(scope, key) {
                Some(action) => apply_action(s, scope, action),
                None => {
                    match scope {
                        Scope::Login => s.login.edit(&key),
                        Scope::Lock => s.unlock.edit(&key),
                        _ => {}
                    }
                    vec![]
                }
            }
        }
        Msg::LoginResult(Ok(user)) => {
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
            vec![]
        }
        Msg::UnlockResult(Err(failure)) => {
            s.unlock.pin.reset();
            s.unlock.message = Some(failure_text(s, &failure));
            vec![]
        }
        Msg::Failed(text) => {
            s.flash(FlashKind::Error, text);
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
        (_, a) => {
            if let Some(screen) = screen_of(a) {
                s.open(screen);
            }
            vec![]
        }
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
    /// The print spool's thread, when a printer is configured.
    pub spool: Option<SpoolHandle>,
    /// The store's `data_version` when the printer status was last read.
    printer_seen: Option<i64>,
}

impl App {
    pub fn new(state: State, store: Store) -> App {
        App { state, store, spool: None, printer_seen: None }
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
        }
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
        }
    }
}
