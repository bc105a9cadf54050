//! The status line: site, user and role, shift, printer (the spool's state: none, ready, jobs
//! waiting, or what is wrong), and the clock in the site's zone.

use crate::app::State;
use chrono::{Datelike, Timelike};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render(frame: &mut Frame, area: Rect, state: &State) {
    let t = &state.text;
    let theme = &state.theme;
    let local = state.config.site.zone.local(state.now);
    let clock = format!(
        " {} {:02}/{:02} {:02}:{:02} {} ",
        t.weekday(local.weekday().num_days_from_monday()),
        local.day(),
        local.month(),
        local.hour(),
        local.minute(),
        state.config.site.zone.name()
    );
    let user = match &state.session {
        Some(u) => format!(" {} ({}) ", u.name, t.role(u.role)),
        None => format!(" {} ", t.not_logged_in()),
    };
    let middle = format!("| {} | {} ", t.shift_unknown(), t.printer_status(&state.printer));
    let width = area.width as usize;
    let fixed = user.chars().count() + middle.chars().count() + clock.chars().count();
    let room = width.saturating_sub(fixed + 1);
    let mut site: String = state.config.site.name.chars().take(room).collect();
    if site.chars().count() < state.config.site.name.chars().count() && room > 3 {
        site = state.config.site.name.chars().take(room.saturating_sub(theme.ellipsis().chars().count())).collect::<String>() + theme.ellipsis();
    }
    let site = format!(" {site}");
    let gap = width.saturating_sub(site.chars().count() + user.chars().count() + middle.chars().count() + clock.chars().count());
    let line = Line::from(vec![
        Span::styled(site, theme.status_bar()),
        Span::styled(" ".repeat(gap), theme.status_bar()),
        Span::styled(user, theme.status_user()),
        Span::styled(middle, theme.status_bar()),
        Span::styled(clock, theme.status_bar()),
    ]);
    frame.render_widget(line.style(theme.status_bar()), area);
}
