//! `loket district`: the view from above, read-only, what a Puskesmas or district supervisor's
//! SSH account runs. Every site's figures from the hub for a day (F5/F6 an earlier or later day,
//! up/down to scroll), read with a reader's login and loaded again every minute; a hub out of
//! reach is said on the message line and the last figures stay on screen.

use crate::action::{Action, Scope};
use crate::hub::report::DistrictReport;
use crate::hub::{report_text, HubError};
use crate::keymap::{Key, Keymap};
use crate::term_input::TermInput;
use crate::text::Text;
use crate::theme::Theme;
use crate::widgets;
use chrono::{Duration, NaiveDate};
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Margin};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// How often the figures are read again.
const RELOAD: std::time::Duration = std::time::Duration::from_secs(60);

/// What the view shows.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub day: Option<NaiveDate>,
    pub lines: Vec<String>,
    pub scroll: u16,
    pub message: Option<String>,
}

impl View {
    pub fn loaded(&mut self, t: &Text, day: NaiveDate, r: Result<DistrictReport, HubError>) {
        match r {
            Ok(r) => {
                if self.day != Some(day) {
                    self.scroll = 0;
                }
                self.day = Some(day);
                self.lines = report_text::lines(t, &r);
                self.message = None;
            }
            Err(e) => self.message = Some(e.message(t)),
        }
    }
}

pub fn draw(frame: &mut ratatui::Frame, v: &View, keymap: &Keymap, t: &Text, theme: &Theme) {
    let area = frame.area();
    let [head, body, msg, foot] = Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let left = format!(" {}", t.district_view_title());
    frame.render_widget(Line::styled(format!("{left:<width$}", width = area.width as usize), theme.status_bar()), head);
    let block = widgets::boxed(theme, &v.day.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_default());
    let inner = block.inner(body).inner(Margin::new(1, 0));
    frame.render_widget(block, body);
    let lines: Vec<Line> = v.lines.iter().map(|l| Line::raw(l.as_str())).collect();
    frame.render_widget(Paragraph::new(lines).scroll((v.scroll, 0)), inner);
    if let Some(m) = &v.message {
        frame.render_widget(Line::styled(format!(" {m}"), theme.error()), msg);
    }
    let items: Vec<(Key, Action)> =
        keymap.footer(Scope::Reports).into_iter().filter(|(_, a)| matches!(a, Action::PrevDay | Action::NextDay | Action::ScrollDown | Action::Quit)).collect();
    widgets::footer::render(frame, foot, &items, Scope::Reports, t, theme);
}

/// Run the view until the user quits; `load` reads a day's figures from the hub.
pub fn run(
    terminal: &mut crate::term_output::Screen,
    input: &TermInput,
    mut load: impl FnMut(NaiveDate) -> Result<DistrictReport, HubError>,
    today: impl Fn() -> NaiveDate,
    keymap: &Keymap,
    t: Text,
    theme: Theme,
) -> std::io::Result<()> {
    let mut v = View::default();
    let mut day = today();
    let mut loaded_at: Option<std::time::Instant> = None;
    loop {
        if loaded_at.is_none_or(|at| at.elapsed() >= RELOAD) {
            v.loaded(&t, day, load(day));
            loaded_at = Some(std::time::Instant::now());
        }
        terminal.draw(|f| draw(f, &v, keymap, &t, &theme))?;
        let Some(Event::Key(k)) = input.next(std::time::Duration::from_millis(1000))? else { continue };
        if k.kind == KeyEventKind::Release {
            continue;
        }
        match keymap.lookup(Scope::Reports, Key::from_event(&k)) {
            Some(Action::Quit) => return Ok(()),
            Some(Action::PrevDay) => {
                day -= Duration::days(1);
                loaded_at = None;
            }
            Some(Action::NextDay) => {
                day = (day + Duration::days(1)).min(today());
                loaded_at = None;
            }
            Some(Action::ScrollUp) => v.scroll = v.scroll.saturating_sub(5),
            Some(Action::ScrollDown) => v.scroll = v.scroll.saturating_add(5).min(v.lines.len().saturating_sub(1) as u16),
            _ => {}
        }
    }
}
