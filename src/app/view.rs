//! Drawing the frame from `&State`: the status line, the screen shown (each drawn from its own
//! state and a `Ctx`), the message line, the footer, and the dialog on top.

use super::State;
use crate::screens::{self, dialogs, home, login, patients, queue, reports, sale, shift, sync, FlashKind, ScreenId, MIN_HEIGHT, MIN_WIDTH};
use crate::widgets;
use chrono::{Datelike, Timelike};
use ratatui::layout::{Constraint, Layout};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

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
    let shift = match &state.shift.shift {
        Some((sh, _)) if state.session.is_some() => t.status_shift(sh.id, &zone.local(sh.opened_at).format("%H:%M").to_string()),
        _ => t.shift_unknown().to_string(),
    };
    widgets::status::StatusLine { site: &state.config.site.name, user, shift, printer: t.printer_status(&state.printer), clock }
}

pub fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = state.text.too_small(area.width, area.height);
        frame.render_widget(Paragraph::new(msg).style(state.theme.error()).wrap(Wrap { trim: true }), area);
        return;
    }
    let ctx = state.ctx();
    // A message longer than a line wraps onto more (up to three) instead of being cut.
    let message_lines = state.flash.as_ref().map(|f| crate::widgets::wrapped_lines(&f.text, area.width.saturating_sub(2) as usize)).unwrap_or(1).clamp(1, 3);
    let [status, body, message, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(message_lines), Constraint::Length(1)]).areas(area);
    widgets::status::render(frame, status, &status_line(state), &state.theme);
    if state.session.is_none() {
        login::render_login(frame, body, &state.login, state.demo, &ctx);
    } else if state.locked {
        login::render_lock(frame, body, &state.unlock, &ctx);
    } else {
        match state.screen {
            ScreenId::Home => home::render(frame, body, &ctx),
            ScreenId::Queue => queue::render(frame, body, &state.queue, &ctx),
            ScreenId::Patients => patients::render(frame, body, &state.patients, &ctx),
            ScreenId::Shift if state.is_supervisor() => {
                reports::render(frame, body, &state.reports, &state.text, &state.theme, &state.keymap, state.text.screen_title(ScreenId::Shift))
            }
            ScreenId::Shift => shift::render(frame, body, &state.shift, &ctx),
            ScreenId::Sync => sync::render(frame, body, &state.sync, &ctx),
            ScreenId::Sale => sale::render(frame, body, &state.sale, &ctx),
            ScreenId::Receiving => crate::screens::receiving_view::render(frame, body, &state.receiving, &ctx),
            ScreenId::StockCount => crate::screens::count_view::render(frame, body, &state.count, &ctx),
            ScreenId::Users => crate::screens::users::render(frame, body, &state.users, &ctx),
            ScreenId::Products => crate::screens::products_view::render(frame, body, &state.products, &ctx),
            ScreenId::Reorder => crate::screens::reorder::render(frame, body, &state.reorder, &ctx),
            ScreenId::Members => crate::screens::members_view::render(frame, body, &state.members, &ctx),
            ScreenId::Consultation => crate::screens::consult::render(frame, body, &state.consult, &ctx),
            ScreenId::Dispensing => crate::screens::dispensing::render(frame, body, &state.dispensing, &ctx),
        }
    }
    if let Some(flash) = &state.flash {
        let style = match flash.kind {
            FlashKind::Info => state.theme.info(),
            FlashKind::Error => state.theme.error(),
        };
        frame.render_widget(Paragraph::new(flash.text.clone()).style(style).wrap(Wrap { trim: true }), message.inner(ratatui::layout::Margin::new(1, 0)));
    }
    widgets::footer::render(frame, footer, &state.footer_items(), state.active_scope(), &state.text, &state.theme);
    if let Some(modal) = state.modals.last() {
        let beneath = dialogs::Beneath { screen: state.screen, queue: &state.queue, patients: &state.patients };
        dialogs::render(frame, body, &ctx, modal, &beneath);
    } else if state.screen == ScreenId::Sale && state.session.is_some() && !state.locked {
        screens::sale::render_qr(frame, body, &state.sale, &ctx);
    }
}

