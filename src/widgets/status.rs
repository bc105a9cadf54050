//! The status line: site, user and role, shift, printer (the spool's state: none, ready, jobs
//! waiting, or what is wrong), and the clock in the site's zone. It draws the `StatusLine` its
//! caller fills in, already in the user's language, and knows nothing of the app's state.

use crate::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// What the status line says, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine<'a> {
    /// Shortened (with the theme's ellipsis) when the line is too narrow for all of it.
    pub site: &'a str,
    /// The user and role, or that nobody is logged in.
    pub user: String,
    /// The open shift (`Shift #3 sejak 08:15`), or `Shift: -`.
    pub shift: String,
    pub printer: String,
    /// Weekday, date, time and zone.
    pub clock: String,
}

pub fn render(frame: &mut Frame, area: Rect, status: &StatusLine, theme: &Theme) {
    let clock = format!(" {} ", status.clock);
    let user = format!(" {} ", status.user);
    let middle = format!("| {} | {} ", status.shift, status.printer);
    let width = area.width as usize;
    let fixed = user.chars().count() + middle.chars().count() + clock.chars().count();
    let room = width.saturating_sub(fixed + 1);
    let name = status.site;
    let mut site: String = name.chars().take(room).collect();
    if site.chars().count() < name.chars().count() && room > 3 {
        site = name.chars().take(room.saturating_sub(theme.ellipsis().chars().count())).collect::<String>() + theme.ellipsis();
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
