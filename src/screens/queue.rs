//! The counter screen (F2): the ticket in service at this terminal's counter, the waiting line of
//! its services, today's skipped tickets, and today's figures per service. Calls, recalls, skips,
//! transfers and new tickets are asked of the store as effects.

use crate::action::Action;
use crate::app::{Effect, FlashKind, Modal, State};
use crate::domain::queue::{estimated_wait_minutes, mean_and_p90, PriorityGroup};
use crate::keymap::Key;
use crate::store::queue::{Called, QueueView, ServiceStats, TakenTicket, Ticket};
use crate::widgets::{self, centered};
use chrono::{DateTime, Timelike, Utc};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

#[derive(Debug, Clone, Default)]
pub struct QueueScreen {
    pub view: QueueView,
    pub stats: Vec<ServiceStats>,
    /// The selected skipped ticket (for a recall).
    pub selected: usize,
}

/// A queue operation the app carries out against the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueOp {
    CallNext,
    Recall(Option<i64>),
    Skip,
    Finish,
    Transfer(String),
    Take { service: String, priority: Option<PriorityGroup> },
}

/// What an operation did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueOutcome {
    Called(Called),
    NobodyWaiting,
    Recalled(Ticket),
    Skipped(Ticket),
    Finished(Ticket),
    Transferred(Ticket),
    Taken(TakenTicket),
}

/// A queue key on the counter screen.
pub fn action(s: &mut State, a: Action) -> Vec<Effect> {
    match a {
        Action::CallNext => vec![Effect::Queue(QueueOp::CallNext)],
        Action::Skip => vec![Effect::Queue(QueueOp::Skip)],
        Action::Finish => vec![Effect::Queue(QueueOp::Finish)],
        Action::Recall => {
            // With a ticket in service, call it again; otherwise bring back the selected skipped one.
            let target = match (&s.queue.view.current, s.queue.view.skipped.get(s.queue.selected)) {
                (Some(_), _) => None,
                (None, Some(t)) => Some(t.id),
                (None, None) => None,
            };
            vec![Effect::Queue(QueueOp::Recall(target))]
        }
        Action::Transfer => {
            if s.queue.view.current.is_some() {
                s.modals.push(Modal::Transfer { selected: 0 });
            } else {
                let msg = s.text.nothing_in_service().to_string();
                s.flash(FlashKind::Error, msg);
            }
            vec![]
        }
        Action::TakeTicket => {
            s.modals.push(Modal::TakeTicket { service: 0, priority: None });
            vec![]
        }
        Action::ScrollUp => {
            s.queue.selected = s.queue.selected.saturating_sub(1);
            vec![]
        }
        Action::ScrollDown => {
            let last = s.queue.view.skipped.len().saturating_sub(1);
            s.queue.selected = (s.queue.selected + 1).min(last);
            vec![]
        }
        _ => vec![],
    }
}

/// The services a transfer can go to: every service but the one the ticket is in.
pub fn transfer_targets(s: &State) -> Vec<(String, String)> {
    let here = s.queue.view.current.as_ref().map(|t| t.service.clone()).unwrap_or_default();
    s.config.queue.services.iter().filter(|sv| sv.code != here).map(|sv| (sv.code.clone(), sv.name.clone())).collect()
}

/// A key in one of the queue's choosing dialogs: arrows, Enter, Esc, or a letter/digit typed.
pub fn pick(s: &mut State, a: Option<Action>, key: &Key) -> Vec<Effect> {
    let Some(modal) = s.modals.last().copied() else { return vec![] };
    match modal {
        Modal::TakeTicket { service, priority } => {
            let n = s.config.queue.services.len();
            let (mut service, mut priority) = (service, priority);
            match (a, key.code) {
                (Some(Action::Cancel), _) => {
                    s.modals.pop();
                    return vec![];
                }
                (Some(Action::Confirm), _) => {
                    s.modals.pop();
                    let code = s.config.queue.services[service.min(n - 1)].code.clone();
                    return vec![Effect::Queue(QueueOp::Take { service: code, priority })];
                }
                (Some(Action::ScrollUp), _) => service = service.saturating_sub(1),
                (Some(Action::ScrollDown), _) => service = (service + 1).min(n - 1),
                (None, KeyCode::Char(c)) if c.is_ascii_digit() => {
                    let d = c.to_digit(10).unwrap_or(0) as usize;
                    if d <= PriorityGroup::ALL.len() {
                        priority = if d == 0 { None } else { Some(PriorityGroup::ALL[d - 1]) };
                    }
                }
                (None, KeyCode::Char(c)) => {
                    if let Some(i) = s.config.queue.services.iter().position(|sv| sv.code.eq_ignore_ascii_case(&c.to_string())) {
                        service = i;
                    }
                }
                _ => {}
            }
            if let Some(m) = s.modals.last_mut() {
                *m = Modal::TakeTicket { service, priority };
            }
            vec![]
        }
        Modal::Transfer { selected } => {
            let targets = transfer_targets(s);
            let mut selected = selected.min(targets.len().saturating_sub(1));
            match (a, key.code) {
                (Some(Action::Cancel), _) => {
                    s.modals.pop();
                    return vec![];
                }
                (Some(Action::Confirm), _) => {
                    s.modals.pop();
                    return match targets.get(selected) {
                        Some((code, _)) => vec![Effect::Queue(QueueOp::Transfer(code.clone()))],
                        None => vec![],
                    };
                }
                (Some(Action::ScrollUp), _) => selected = selected.saturating_sub(1),
                (Some(Action::ScrollDown), _) => selected = (selected + 1).min(targets.len().saturating_sub(1)),
                (None, KeyCode::Char(c)) => {
                    if let Some(i) = targets.iter().position(|(code, _)| code.eq_ignore_ascii_case(&c.to_string())) {
                        selected = i;
                    }
                }
                _ => {}
            }
            if let Some(m) = s.modals.last_mut() {
                *m = Modal::Transfer { selected };
            }
            vec![]
        }
        _ => vec![],
    }
}

/// Say what an operation did, and reload the view.
pub fn done(s: &mut State, outcome: QueueOutcome) -> Vec<Effect> {
    let t = &s.text;
    let counter = s.config.queue.counter(s.config.queue.this_counter).map(|c| c.name.clone()).unwrap_or_default();
    let msg = match &outcome {
        QueueOutcome::Called(c) => match &c.finished {
            Some(f) => t.called_after_finishing(&c.ticket.label(), &counter, &f.label()),
            None => t.calling(&c.ticket.label(), &counter),
        },
        QueueOutcome::NobodyWaiting => t.queue_empty().to_string(),
        QueueOutcome::Recalled(tk) => t.recalling(&tk.label()),
        QueueOutcome::Skipped(tk) => t.skipped(&tk.label()),
        QueueOutcome::Finished(tk) => t.finished(&tk.label()),
        QueueOutcome::Transferred(tk) => {
            let name = s.config.queue.service(&tk.service).map(|sv| sv.name.clone()).unwrap_or_default();
            t.transferred(&tk.label(), &tk.service, &name)
        }
        QueueOutcome::Taken(tt) => {
            let minutes = estimate_minutes(s, tt);
            t.ticket_taken(&tt.ticket.label(), tt.ticket.priority.map(|p| t.priority_group(p)), tt.ahead, minutes)
        }
    };
    let kind = if outcome == QueueOutcome::NobodyWaiting { FlashKind::Error } else { FlashKind::Info };
    s.flash(kind, msg);
    vec![Effect::LoadQueue]
}

/// The estimated wait of a new ticket: today's service times, or the site's default before any.
pub fn estimate_minutes(s: &State, tt: &TakenTicket) -> i64 {
    let avg = tt.avg_service_seconds.unwrap_or(s.config.queue.default_service_minutes as i64 * 60);
    estimated_wait_minutes(tt.ahead, avg, s.config.queue.counters_serving(&tt.ticket.service))
}

fn minutes_since(now: DateTime<Utc>, t: DateTime<Utc>) -> i64 {
    (now - t).num_minutes().max(0)
}

fn ticket_line(s: &State, t: &Ticket, selected: bool) -> Line<'static> {
    let theme = &s.theme;
    let marker = if selected { "> " } else { "  " };
    let prio = t.priority.map(|p| s.text.priority_group(p)).unwrap_or("");
    let local = s.config.site.zone.local(t.queued_at);
    let line = format!(
        "{marker}{:<6} {:<12} {:02}:{:02} {:>3} {}",
        t.label(),
        prio,
        local.hour(),
        local.minute(),
        minutes_since(s.now, t.queued_at),
        s.text.minutes_short()
    );
    Line::styled(line, if selected { theme.field_focused() } else if t.priority.is_some() { theme.label() } else { theme.text() })
}

pub fn render(frame: &mut Frame, area: Rect, s: &State) {
    let t = &s.text;
    let theme = &s.theme;
    let q = &s.config.queue;
    let counter = q.counter(q.this_counter);
    let services: Vec<String> = counter
        .map(|c| c.services.iter().map(|code| format!("{code} {}", q.service(code).map(|sv| sv.name.as_str()).unwrap_or(""))).collect())
        .unwrap_or_default();
    let title = format!("{} - {}: {}", t.screen_title(super::ScreenId::Queue), counter.map(|c| c.name.as_str()).unwrap_or("?"), services.join(", "));
    let block = widgets::boxed(theme, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let stats_rows = s.queue.stats.len() as u16 + 2;
    let [top, stats_area] = Layout::vertical([Constraint::Min(6), Constraint::Length(stats_rows)]).areas(inner);
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);

    // The ticket in service, then today's skipped tickets.
    let mut lines = vec![Line::styled(t.in_service(), theme.title())];
    match &s.queue.view.current {
        Some(cur) => {
            let prio = cur.priority.map(|p| format!("  ({})", t.priority_group(p))).unwrap_or_default();
            lines.push(Line::styled(format!("  {}{prio}", cur.label()), theme.label()));
            if let Some(called) = cur.called_at {
                let local = s.config.site.zone.local(called);
                lines.push(Line::raw(t.called_at(local.hour(), local.minute(), minutes_since(s.now, called))));
            }
            lines.push(Line::raw(t.ticket_patient(cur.patient_name.as_deref())));
        }
        None => lines.push(Line::styled(format!("  {}", t.none_in_service()), theme.dim())),
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.skipped_today(s.queue.view.skipped.len()), theme.title()));
    let room = left.height.saturating_sub(lines.len() as u16) as usize;
    let first = s.queue.selected.saturating_sub(room.saturating_sub(1));
    for (i, tk) in s.queue.view.skipped.iter().enumerate().skip(first).take(room) {
        lines.push(ticket_line(s, tk, i == s.queue.selected && s.queue.view.current.is_none()));
    }
    frame.render_widget(Paragraph::new(lines), left.inner(Margin::new(1, 0)));

    let mut lines = vec![Line::styled(t.waiting_count(s.queue.view.waiting.len()), theme.title())];
    if s.queue.view.waiting.is_empty() {
        lines.push(Line::styled(format!("  {}", t.nobody_waiting()), theme.dim()));
    }
    for tk in s.queue.view.waiting.iter().take(right.height.saturating_sub(1) as usize) {
        lines.push(ticket_line(s, tk, false));
    }
    frame.render_widget(Paragraph::new(lines), right.inner(Margin::new(1, 0)));

    // Today's figures per service.
    let row = |cells: [&str; 7]| format!("{:<17}{:>6}{:>7}{:>6}{:>6}{:>13}{:>13}", cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]);
    let mut lines = vec![Line::styled(row(t.stats_columns()), theme.title())];
    let mins = |v: &[i64]| -> String {
        let mut v = v.to_vec();
        match mean_and_p90(&mut v) {
            Some((m, p)) => format!("{}/{}", (m + 30) / 60, (p + 30) / 60),
            None => "-".into(),
        }
    };
    for st in &s.queue.stats {
        let name: String = q.service(&st.service).map(|sv| sv.name.as_str()).unwrap_or("").chars().take(15).collect();
        let label = format!("{} {name}", st.service);
        let (taken, served, skipped, waiting) = (st.taken.to_string(), st.served.to_string(), st.skipped.to_string(), st.waiting.to_string());
        let (w, sv) = (mins(&st.wait_seconds), mins(&st.service_seconds));
        lines.push(Line::raw(row([&label, &taken, &served, &skipped, &waiting, &w, &sv])));
    }
    frame.render_widget(Paragraph::new(lines), stats_area.inner(Margin::new(1, 0)));
}

/// The take-ticket and transfer dialogs.
pub fn render_dialog(frame: &mut Frame, body: Rect, s: &State, modal: &Modal) {
    let t = &s.text;
    let theme = &s.theme;
    let (title, mut lines) = match modal {
        Modal::TakeTicket { service, priority } => {
            let mut lines = vec![Line::raw(t.choose_service())];
            for (i, sv) in s.config.queue.services.iter().enumerate() {
                let style = if i == *service { theme.field_focused() } else { theme.text() };
                lines.push(Line::styled(format!(" {} {}  {}", if i == *service { ">" } else { " " }, sv.code, sv.name), style));
            }
            lines.push(Line::raw(""));
            lines.push(Line::raw(t.choose_priority()));
            let mut opts = vec![Span::styled(format!(" 0 {}", t.no_priority()), if priority.is_none() { theme.field_focused() } else { theme.text() })];
            for (i, g) in PriorityGroup::ALL.iter().enumerate() {
                let style = if *priority == Some(*g) { theme.field_focused() } else { theme.text() };
                opts.push(Span::raw(" "));
                opts.push(Span::styled(format!("{} {}", i + 1, t.priority_group(*g)), style));
            }
            lines.push(Line::from(opts));
            (t.take_ticket_title(), lines)
        }
        Modal::Transfer { selected } => {
            let mut lines = vec![Line::raw(t.choose_service())];
            for (i, (code, name)) in transfer_targets(s).iter().enumerate() {
                let style = if i == *selected { theme.field_focused() } else { theme.text() };
                lines.push(Line::styled(format!(" {} {code}  {name}", if i == *selected { ">" } else { " " }), style));
            }
            (t.transfer_title(), lines)
        }
        _ => return,
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.pick_hint(), theme.dim()));
    let area = centered(body, 66, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = widgets::boxed(theme, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}
