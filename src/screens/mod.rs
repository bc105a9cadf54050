//! Screens: one module each, holding that screen's state, its reaction to actions and its
//! drawing. `draw` lays out the frame: status line, the active screen, messages, footer, and any
//! dialog on top.

pub mod ckg;
pub mod dialogs;
pub mod home;
pub mod login;
pub mod patients;
pub mod queue;
pub mod reports;
pub mod shift;
pub mod sync;
pub mod sale;

use crate::action::Scope;
use crate::app::{FlashKind, State};
use crate::domain::user::Role;
use crate::widgets;
use chrono::{Datelike, Timelike};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The screens reached after login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenId {
    Home,
    Queue,
    Patients,
    Sale,
    Shift,
    /// The SATUSEHAT outbox.
    Sync,
}

impl ScreenId {
    pub fn scope(self) -> Scope {
        match self {
            ScreenId::Home => Scope::Home,
            ScreenId::Queue => Scope::Queue,
            ScreenId::Patients => Scope::Patients,
            ScreenId::Sale => Scope::Sale,
            ScreenId::Shift => Scope::Shift,
            // Navigation only: the screen shows the outbox; fixes happen where the data is.
            ScreenId::Sync => Scope::Home,
        }
    }

    /// Who may open the screen (ARCHITECTURE.md, "Who may do what").
    pub fn allowed_for(self, role: Role) -> bool {
        use Role::*;
        match self {
            ScreenId::Home | ScreenId::Queue => true,
            ScreenId::Patients => matches!(role, Clerk | Pharmacy | Supervisor | Admin),
            ScreenId::Sale => matches!(role, Cashier | Pharmacy),
            ScreenId::Shift => matches!(role, Cashier | Pharmacy | Supervisor | Admin),
            ScreenId::Sync => matches!(role, Clerk | Supervisor | Admin),
        }
    }
}

/// The status line's content, in the user's language.
fn status_line(state: &State) -> widgets::status::StatusLine<'_> {
    let t = &state.text;
    let zone = state.config.site.zone;
    let local = zone.local(state.now);
    let clock = format!(
        "{} {:02}/{:02} {:02}:{:02} {}",
        t.weekday(local.weekday().num_days_from_monday()),
        local.day(),
        local.month(),
        local.hour(),
        local.minute(),
        zone.name()
    );
    let user = match &state.session {
        Some(u) => format!("{} ({})", u.name, t.role(u.role)),
        None => t.not_logged_in().to_string(),
    };
    widgets::status::StatusLine { site: &state.config.site.name, user, shift: t.shift_unknown(), printer: t.printer_status(&state.printer), clock }
}

pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = state.text.too_small(area.width, area.height);
        frame.render_widget(Paragraph::new(msg).style(state.theme.error()).wrap(Wrap { trim: true }), area);
        return;
    }
    let [status, body, message, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1), Constraint::Length(1)]).areas(area);
    widgets::status::render(frame, status, &status_line(state), &state.theme);
    if state.session.is_none() {
        login::render_login(frame, body, state);
    } else if state.locked {
        login::render_lock(frame, body, state);
    } else {
        match state.screen {
            ScreenId::Home => home::render(frame, body, state),
            ScreenId::Queue => queue::render(frame, body, state),
            ScreenId::Patients => patients::render(frame, body, state),
            ScreenId::Shift if state.is_supervisor() => {
                reports::render(frame, body, &state.reports, &state.text, &state.theme, state.text.screen_title(ScreenId::Shift))
            }
            ScreenId::Shift => shift::render(frame, body, state),
            ScreenId::Sync => sync::render(frame, body, state),
            ScreenId::Sale => sale::render(frame, body, state),
        }
    }
    if let Some(flash) = &state.flash {
        let style = match flash.kind {
            FlashKind::Info => state.theme.info(),
            FlashKind::Error => state.theme.error(),
        };
        frame.render_widget(Line::styled(format!(" {}", flash.text), style), message);
    }
    widgets::footer::render(frame, footer, &state.footer_items(), state.active_scope(), &state.text, &state.theme);
    if let Some(modal) = state.modals.last() {
        dialogs::render(frame, body, state, modal);
    } else if state.screen == ScreenId::Sale && state.session.is_some() && !state.locked {
        sale::view::render_qr(frame, body, state);
    }
}
