//! The supervisor's figures for a day (F9 for supervisors and admins, and the whole of the
//! read-only view over SSH): queue, CKG, shifts with their differences, stock alerts, and the
//! day's CKG register (one line per check).

use crate::action::Action;
use crate::report;
use crate::store::ckg::RegisterRow;
use crate::store::reports::Summary;
use crate::text::Text;
use crate::theme::Theme;
use crate::widgets;
use chrono::{Duration, NaiveDate};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

#[derive(Debug, Clone, Default)]
pub struct ReportsView {
    pub day: Option<NaiveDate>,
    pub summary: Option<Summary>,
    /// The day's CKG register.
    pub ckg: Vec<RegisterRow>,
    /// The examination room's figures of the day (none before any consultation).
    pub clinic: Option<crate::store::clinic::figures::ClinicFigures>,
    pub scroll: u16,
    /// Members' money for the day (savings, loans, credit).
    pub members: Option<crate::store::member_figures::MemberFigures>,
}

/// What a key asks for: load another day, export what is shown, or print the full X report of
/// every cashier's open shift (a supervisor's X shows every figure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportsRequest {
    Load(NaiveDate),
    Export,
    XReports,
}

impl ReportsView {
    pub fn action(&mut self, a: Action, today: NaiveDate) -> Option<ReportsRequest> {
        let day = self.day.unwrap_or(today);
        match a {
            Action::PrevDay => Some(ReportsRequest::Load(day - Duration::days(1))),
            Action::NextDay => Some(ReportsRequest::Load((day + Duration::days(1)).min(today))),
            Action::Export => self.summary.is_some().then_some(ReportsRequest::Export),
            Action::XReport => Some(ReportsRequest::XReports),
            Action::ScrollUp => {
                self.scroll = self.scroll.saturating_sub(5);
                None
            }
            Action::ScrollDown => {
                self.scroll = self.scroll.saturating_add(5);
                None
            }
            _ => None,
        }
    }

    pub fn loaded(&mut self, day: NaiveDate, summary: Summary, ckg: Vec<RegisterRow>) {
        self.day = Some(day);
        self.summary = Some(summary);
        self.ckg = ckg;
        self.scroll = 0;
    }
}

pub fn render(frame: &mut Frame, area: Rect, view: &ReportsView, t: &Text, theme: &Theme, keymap: &crate::keymap::Keymap, title: &str) {
    let block = widgets::boxed(theme, title);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let [hint, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    let key = |a| keymap.label_for(crate::action::Scope::Reports, a);
    let hint_text = t.supervisor_hint(&key(crate::action::Action::PrevDay), &key(crate::action::Action::NextDay), &key(crate::action::Action::Export));
    frame.render_widget(Line::styled(hint_text, theme.dim()), hint);
    let lines: Vec<Line> = match &view.summary {
        Some(s) => {
            let mut lines = report::text_lines(t, s);
            lines.push(String::new());
            lines.extend(crate::ckg_register::text_lines(t, &s.from, &s.to, &view.ckg));
            if let Some(m) = &view.members {
                lines.push(String::new());
                lines.extend(crate::member_report::figures_all_text(t, m));
            }
            if let Some(c) = view.clinic.as_ref().filter(|c| c.visits > 0) {
                lines.push(String::new());
                lines.extend(t.clinic_figures_lines(&s.from, &s.to, c));
            }
            lines.into_iter().map(Line::raw).collect()
        }
        None => vec![],
    };
    frame.render_widget(Paragraph::new(lines).scroll((view.scroll, 0)), body);
}
