//! `loket supervisor`: the supervisor's read-only view, what the SSH account is forced into.
//! The database is opened read-only and there is no login (the SSH key is the identity): the
//! day's figures, earlier days with F5/F6, CSV export into the supervisor's own home, and quit.

use crate::action::{Action, Scope};
use crate::config::Config;
use crate::keymap::{Key, Keymap};
use crate::screens::reports::{self, ReportsRequest, ReportsView};
use crate::store::Store;
use crate::text::Text;
use crate::theme::Theme;
use crate::widgets;
use chrono::Utc;
use crate::term_input::TermInput;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use std::time::Duration;

struct View {
    reports: ReportsView,
    message: Option<String>,
}

fn draw(frame: &mut ratatui::Frame, v: &View, config: &Config, keymap: &Keymap, t: &Text, theme: &Theme) {
    let area = frame.area();
    let [head, body, msg, foot] = Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let local = config.site.zone.local(Utc::now());
    let clock = format!("{} {} ", local.format("%d/%m %H:%M"), config.site.zone.name());
    let left = format!(" {} | {}", config.site.name, t.supervisor_title());
    let gap = (area.width as usize).saturating_sub(left.chars().count() + clock.chars().count());
    frame.render_widget(Line::styled(format!("{left}{}{clock}", " ".repeat(gap)), theme.status_bar()), head);
    let title = v.reports.day.map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_default();
    reports::render(frame, body, &v.reports, t, theme, keymap, &title);
    if let Some(m) = &v.message {
        frame.render_widget(Line::styled(format!(" {m}"), theme.info()), msg);
    }
    let items: Vec<(Key, Action)> = keymap.footer(Scope::Reports).into_iter().filter(|(_, a)| matches!(a, Action::PrevDay | Action::NextDay | Action::Export | Action::Quit)).collect();
    widgets::footer::render(frame, foot, &items, Scope::Reports, t, theme);
}

pub fn run(terminal: &mut crate::term_output::Screen, input: &TermInput, mut store: Store, config: &Config, keymap: &Keymap, t: Text, theme: Theme) -> std::io::Result<()> {
    let io = |e: crate::store::StoreError| std::io::Error::other(e.to_string());
    let today = || config.site.zone.business_day(Utc::now());
    let mut v = View { reports: ReportsView::default(), message: None };
    let mut version = None;
    loop {
        // Reload when another process committed (a sale, a call), cheaply noticed.
        let dv = store.data_version().map_err(io)?;
        if version != Some(dv) {
            version = Some(dv);
            let day = v.reports.day.unwrap_or_else(today);
            let s = store.summary(day, day, today(), 30).map_err(io)?;
            let ckg = store.ckg_register(day, day).map_err(io)?;
            let scroll = v.reports.scroll;
            v.reports.loaded(day, s, ckg);
            v.reports.members = store.member_figures(day, day, &config.members.arrears).ok();
            v.reports.clinic = store.clinic_figures(day, day).ok();
            v.reports.scroll = scroll;
        }
        terminal.draw(|f| draw(f, &v, config, keymap, &t, &theme))?;
        let Some(Event::Key(k)) = input.next(Duration::from_millis(1000))? else { continue };
        if k.kind == KeyEventKind::Release {
            continue;
        }
        match keymap.lookup(Scope::Reports, Key::from_event(&k)) {
            Some(Action::Quit) => return Ok(()),
            Some(a) => match v.reports.action(a, today()) {
                Some(ReportsRequest::Load(day)) => {
                    let s = store.summary(day, day, today(), 30).map_err(io)?;
                    let ckg = store.ckg_register(day, day).map_err(io)?;
                    v.reports.loaded(day, s, ckg);
                    v.reports.members = store.member_figures(day, day, &config.members.arrears).ok();
                    v.reports.clinic = store.clinic_figures(day, day).ok();
                    v.message = None;
                }
                Some(ReportsRequest::Export) => {
                    if let Some(s) = &v.reports.summary {
                        v.message = Some(match crate::app::export_csv(&t, s) {
                            Ok(path) => t.report_exported(&path),
                            Err(e) => e,
                        });
                    }
                }
                // This view opens the database read-only: it prints nothing.
                Some(ReportsRequest::XReports) => v.message = Some(t.read_only_view().to_string()),
                None => {}
            },
            None => {}
        }
    }
}
