//! The UI state: who is logged in, the screen shown, each screen's own state, the dialogs and
//! the message line; and what follows from it (the keymap table in force, the footer's keys).

use super::Effect;
use crate::action::{Action, Scope};
use crate::config::Config;
use crate::keymap::{Key, Keymap};
use crate::print::spool::PrinterStatus;
use crate::screens::login::{LoginForm, UnlockForm};
use crate::screens::patients::PatientsScreen;
use crate::screens::queue::QueueScreen;
use crate::screens::{self, Ctx, Flash, FlashKind, Modal, ScreenId};
use crate::store::users::User;
use crate::text::Text;
use crate::theme::Theme;
use chrono::{DateTime, Duration, Utc};

/// The screens' reading context from the state's fields, borrowed one by one so that a screen's
/// own state can be borrowed mutably beside it: `s.sale.action(&ctx!(s), a)`.
macro_rules! ctx {
    ($s:expr) => {
        crate::screens::Ctx {
            text: $s.text,
            theme: &$s.theme,
            keymap: &$s.keymap,
            config: &$s.config,
            now: $s.now,
            user: $s.session.as_ref(),
        }
    };
}
pub(super) use ctx;

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
    pub receiving: screens::receiving::ReceivingScreen,
    pub count: screens::count::CountScreen,
    pub users: screens::users::UsersScreen,
    pub products: screens::products::ProductsScreen,
    pub reorder: screens::reorder::ReorderScreen,
    pub members: screens::members::MembersScreen,
    pub consult: screens::consult::ConsultScreen,
    pub dispensing: screens::dispensing::DispensingScreen,
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
            receiving: Default::default(),
            count: Default::default(),
            users: Default::default(),
            products: Default::default(),
            reorder: Default::default(),
            members: Default::default(),
            consult: Default::default(),
            dispensing: Default::default(),
        }
    }

    /// What screens read, for drawing and for code that only reads.
    pub fn ctx(&self) -> Ctx<'_> {
        ctx!(self)
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
            self.patients.scope()
        } else if self.screen == ScreenId::Shift && self.is_supervisor() {
            Scope::Reports
        } else if self.screen == ScreenId::Shift && self.shift.entry.is_some() {
            Scope::Entry
        } else if self.screen == ScreenId::Sale {
            self.sale.scope()
        } else if self.screen == ScreenId::Receiving {
            self.receiving.scope()
        } else if self.screen == ScreenId::StockCount {
            self.count.scope()
        } else if self.screen == ScreenId::Users {
            self.users.scope()
        } else if self.screen == ScreenId::Products {
            self.products.scope()
        } else if self.screen == ScreenId::Reorder {
            self.reorder.scope()
        } else if self.screen == ScreenId::Members {
            self.members.scope()
        } else if self.screen == ScreenId::Dispensing {
            self.dispensing.scope()
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

    pub(super) fn lock(&mut self) -> Vec<Effect> {
        self.locked = true;
        self.unlock.clear();
        self.modals.clear();
        self.session.iter().map(|u| Effect::Record { user: u.clone(), action: "lock" }).collect()
    }

    pub(super) fn open(&mut self, screen: ScreenId) -> Vec<Effect> {
        let Some(user) = &self.session else { return vec![] };
        if screen.allowed_for(user.role) {
            if screen != self.screen {
                // A message belongs to the screen it was made on.
                self.flash = None;
            }
            self.screen = screen;
            // Opening the consultation afresh picks up the ticket now in service; a form being
            // typed is left as it is.
            if screen == ScreenId::Consultation && !self.consult.in_progress() {
                return vec![Effect::Consult(screens::consult::ConsultOp::Open)];
            }
            self.refresh()
        } else {
            let msg = self.text.role_may_not(user.role, screen);
            self.flash(FlashKind::Error, msg);
            vec![]
        }
    }

    /// Supervisors and admins see the figures on F9; cashiers see their shift.
    pub fn is_supervisor(&self) -> bool {
        self.session.as_ref().is_some_and(|u| u.role.approves())
    }

    /// Reload what the visible screen shows from the store.
    pub(super) fn refresh(&self) -> Vec<Effect> {
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
            ScreenId::StockCount => vec![Effect::Count(screens::count::CountOp::Load)],
            ScreenId::Users => vec![Effect::Users(screens::users::UsersOp::Load)],
            ScreenId::Reorder => vec![Effect::Reorder(screens::reorder::ReorderOp::Load)],
            ScreenId::Members => self.members.detail.as_ref().map(|d| Effect::Members(screens::members::MembersOp::Open(d.card.id))).into_iter().collect(),
            ScreenId::Consultation if self.consult.drugs.is_empty() => vec![Effect::Consult(screens::consult::ConsultOp::Open)],
            ScreenId::Dispensing => vec![Effect::Dispense(screens::dispensing::DispenseOp::Load)],
            ScreenId::Products => self.products.reload().into_iter().map(Effect::Products).collect(),
            ScreenId::Receiving if self.receiving.suppliers.is_empty() => vec![Effect::Receiving(screens::receiving::ReceivingOp::Load)],
            _ => vec![],
        }
    }
}

/// The screen a navigation action opens.
pub(super) fn screen_of(a: Action) -> Option<ScreenId> {
    match a {
        Action::Home => Some(ScreenId::Home),
        Action::Queue => Some(ScreenId::Queue),
        Action::Patients => Some(ScreenId::Patients),
        Action::Sale => Some(ScreenId::Sale),
        Action::Shift => Some(ScreenId::Shift),
        Action::Sync => Some(ScreenId::Sync),
        Action::Receiving => Some(ScreenId::Receiving),
        Action::StockCount => Some(ScreenId::StockCount),
        Action::Users => Some(ScreenId::Users),
        Action::Products => Some(ScreenId::Products),
        Action::Reorder => Some(ScreenId::Reorder),
        Action::Members => Some(ScreenId::Members),
        Action::Consult => Some(ScreenId::Consultation),
        Action::Dispensing => Some(ScreenId::Dispensing),
        _ => None,
    }
}
