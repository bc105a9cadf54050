//! The counter screen (F2): the ticket in service at this terminal's counter, the waiting line of
//! its services, today's skipped tickets, and today's figures per service. Calls, recalls, skips,
//! transfers and new tickets are asked of the store as `QueueOp`s in the screen's replies.

use super::{Ctx, FlashKind, Modal, ModalChange, Reply};
use crate::action::{Action, Scope};
use crate::config::QueueSettings;
use crate::domain::queue::{mean_and_p90, PriorityGroup};
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

impl QueueScreen {
    /// A queue key on the counter screen.
    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<QueueOp> {
        match a {
            Action::CallNext => Reply::op(QueueOp::CallNext),
            Action::Skip => Reply::op(QueueOp::Skip),
            Action::Finish => Reply::op(QueueOp::Finish),
            Action::Recall => {
                // With a ticket in service, call it again; otherwise bring back the selected skipped one.
                let target = match (&self.view.current, self.view.skipped.get(self.selected)) {
                    (Some(_), _) => None,
                    (None, Some(t)) => Some(t.id),
                    (None, None) => None,
                };
                Reply::op(QueueOp::Recall(target))
            }
            Action::Transfer => {
                if self.view.current.is_some() {
                    Reply::modal(ModalChange::Open(Modal::Transfer { selected: 0 }))
                } else {
                    Reply::error(ctx.text.nothing_in_service())
                }
            }
            Action::TakeTicket => Reply::modal(ModalChange::Open(Modal::TakeTicket { service: 0, priority: None })),
            Action::ScrollUp => {
                self.selected = self.selected.saturating_sub(1);
                Reply::none()
            }
            Action::ScrollDown => {
                let last = self.view.skipped.len().saturating_sub(1);
                self.selected = (self.selected + 1).min(last);
                Reply::none()
            }
            _ => Reply::none(),
        }
    }

    /// The store's view of the line, and today's figures.
    pub fn loaded(&mut self, view: QueueView, stats: Vec<ServiceStats>) {
        self.selected = self.selected.min(view.skipped.len().saturating_sub(1));
        self.view = view;
        self.stats = stats;
    }

    /// The services a transfer can go to: every service but the one the ticket is in.
    pub fn transfer_targets(&self, settings: &QueueSettings) -> Vec<(String, String)> {
        let here = self.view.current.as_ref().map(|t| t.service.clone()).unwrap_or_default();
        settings.services.iter().filter(|sv| sv.code != here).map(|sv| (sv.code.clone(), sv.name.clone())).collect()
    }

    /// A key in one of the queue's choosing dialogs (`modal`, the one on top): arrows, Enter,
    /// Esc, or a letter/digit typed.
    pub fn pick(&self, ctx: &Ctx, modal: Modal, a: Option<Action>, key: &Key) -> Reply<QueueOp> {
        let services = &ctx.config.queue.services;
        match modal {
            Modal::TakeTicket { service, priority } => {
                let codes: Vec<&str> = services.iter().map(|sv| sv.code.as_str()).collect();
                match choose(&codes, service, a, key) {
                    Choice::Cancel => Reply::modal(ModalChange::Close),
                    Choice::Confirm(i) => {
                        Reply { modal: Some(ModalChange::Close), ..Reply::op(QueueOp::Take { service: codes[i].to_string(), priority }) }
                    }
                    Choice::At(service) => Reply::modal(ModalChange::Replace(Modal::TakeTicket { service, priority })),
                    Choice::Digit(d) if d as usize <= PriorityGroup::ALL.len() => {
                        let priority = if d == 0 { None } else { Some(PriorityGroup::ALL[d as usize - 1]) };
                        Reply::modal(ModalChange::Replace(Modal::TakeTicket { service, priority }))
                    }
                    Choice::Digit(_) => Reply::none(),
                }
            }
            Modal::Transfer { selected } => {
                let targets = self.transfer_targets(&ctx.config.queue);
                let codes: Vec<&str> = targets.iter().map(|(code, _)| code.as_str()).collect();
                match choose(&codes, selected, a, key) {
                    Choice::Cancel => Reply::modal(ModalChange::Close),
                    Choice::Confirm(i) => Reply { modal: Some(ModalChange::Close), ..Reply::op(QueueOp::Transfer(codes[i].to_string())) },
                    Choice::At(selected) => Reply::modal(ModalChange::Replace(Modal::Transfer { selected })),
                    Choice::Digit(_) => Reply::none(),
                }
            }
            _ => Reply::none(),
        }
    }
}

/// What an operation did, to say on the message line (the app reloads the view after).
pub fn done(ctx: &Ctx, outcome: &QueueOutcome) -> (FlashKind, String) {
    let t = &ctx.text;
    let q = &ctx.config.queue;
    let counter = q.counter(q.this_counter).map(|c| c.name.clone()).unwrap_or_default();
    let msg = match outcome {
        QueueOutcome::Called(c) => match &c.finished {
            Some(f) => t.called_after_finishing(&c.ticket.label(), &counter, &f.label()),
            None => t.calling(&c.ticket.label(), &counter),
        },
        QueueOutcome::NobodyWaiting => t.queue_empty().to_string(),
        QueueOutcome::Recalled(tk) => t.recalling(&tk.label()),
        QueueOutcome::Skipped(tk) => t.skipped(&tk.label()),
        QueueOutcome::Finished(tk) => t.finished(&tk.label()),
        QueueOutcome::Transferred(tk) => {
            let name = q.service(&tk.service).map(|sv| sv.name.clone()).unwrap_or_default();
            t.transferred(&tk.label(), &tk.service, &name)
        }
        QueueOutcome::Taken(tt) => {
            let minutes = tt.wait_minutes;
            t.ticket_taken(&tt.ticket.label(), tt.ticket.priority.map(|p| t.priority_group(p)), tt.ahead, minutes)
        }
    };
    let kind = if *outcome == QueueOutcome::NobodyWaiting { FlashKind::Error } else { FlashKind::Info };
    (kind, msg)
}

fn minutes_since(now: DateTime<Utc>, t: DateTime<Utc>) -> i64 {
    (now - t).num_minutes().max(0)
}

fn ticket_line(ctx: &Ctx, t: &Ticket, selected: bool) -> Line<'static> {
    let theme = ctx.theme;
    let marker = if selected { "> " } else { "  " };
    let prio = t.priority.map(|p| ctx.text.priority_group(p)).unwrap_or("");
    let local = ctx.config.site.zone.local(t.queued_at);
    let line = format!(
        "{marker}{:<6} {:<12} {:02}:{:02} {:>3} {}",
        t.label(),
        prio,
        local.hour(),
        local.minute(),
        minutes_since(ctx.now, t.queued_at),
        ctx.text.minutes_short()
    );
    Line::styled(line, if selected { theme.field_focused() } else if t.priority.is_some() { theme.label() } else { theme.text() })
}

pub fn render(frame: &mut Frame, area: Rect, screen: &QueueScreen, ctx: &Ctx) {
    let s = screen;
    let t = &ctx.text;
    let theme = ctx.theme;
    let q = &ctx.config.queue;
    let counter = q.counter(q.this_counter);
    let services: Vec<String> = counter
        .map(|c| c.services.iter().map(|code| format!("{code} {}", q.service(code).map(|sv| sv.name.as_str()).unwrap_or(""))).collect())
        .unwrap_or_default();
    let title = format!("{} - {}: {}", t.screen_title(super::ScreenId::Queue), counter.map(|c| c.name.as_str()).unwrap_or("?"), services.join(", "));
    let block = widgets::boxed(theme, &title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let stats_rows = s.stats.len() as u16 + 2;
    let [top, stats_area] = Layout::vertical([Constraint::Min(6), Constraint::Length(stats_rows)]).areas(inner);
    let [left, right] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);

    // The ticket in service, then today's skipped tickets.
    let mut lines = vec![Line::styled(t.in_service(), theme.title())];
    match &s.view.current {
        Some(cur) => {
            let prio = cur.priority.map(|p| format!("  ({})", t.priority_group(p))).unwrap_or_default();
            lines.push(Line::styled(format!("  {}{prio}", cur.label()), theme.label()));
            if let Some(called) = cur.called_at {
                let local = ctx.config.site.zone.local(called);
                lines.push(Line::raw(t.called_at(local.hour(), local.minute(), minutes_since(ctx.now, called))));
            }
            lines.push(Line::raw(t.ticket_patient(cur.patient_name.as_deref())));
        }
        None => lines.push(Line::styled(format!("  {}", t.none_in_service()), theme.dim())),
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.skipped_today(s.view.skipped.len()), theme.title()));
    let room = left.height.saturating_sub(lines.len() as u16) as usize;
    let first = s.selected.saturating_sub(room.saturating_sub(1));
    for (i, tk) in s.view.skipped.iter().enumerate().skip(first).take(room) {
        lines.push(ticket_line(ctx, tk, i == s.selected && s.view.current.is_none()));
    }
    frame.render_widget(Paragraph::new(lines), left.inner(Margin::new(1, 0)));

    let mut lines = vec![Line::styled(t.waiting_count(s.view.waiting.len()), theme.title())];
    if s.view.waiting.is_empty() {
        lines.push(Line::styled(format!("  {}", t.nobody_waiting()), theme.dim()));
    }
    for tk in s.view.waiting.iter().take(right.height.saturating_sub(1) as usize) {
        lines.push(ticket_line(ctx, tk, false));
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
    for st in &s.stats {
        let name: String = q.service(&st.service).map(|sv| sv.name.as_str()).unwrap_or("").chars().take(15).collect();
        let label = format!("{} {name}", st.service);
        let (taken, served, skipped, waiting) = (st.taken.to_string(), st.served.to_string(), st.skipped.to_string(), st.waiting.to_string());
        let (w, sv) = (mins(&st.wait_seconds), mins(&st.service_seconds));
        lines.push(Line::raw(row([&label, &taken, &served, &skipped, &waiting, &w, &sv])));
    }
    frame.render_widget(Paragraph::new(lines), stats_area.inner(Margin::new(1, 0)));
}

/// The take-ticket and transfer dialogs.
pub fn render_dialog(frame: &mut Frame, body: Rect, screen: &QueueScreen, ctx: &Ctx, modal: &Modal) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let (title, mut lines) = match modal {
        Modal::TakeTicket { service, priority } => {
            let mut lines = vec![Line::raw(t.choose_service())];
            for (i, sv) in ctx.config.queue.services.iter().enumerate() {
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
            for (i, (code, name)) in screen.transfer_targets(&ctx.config.queue).iter().enumerate() {
                let style = if i == *selected { theme.field_focused() } else { theme.text() };
                lines.push(Line::styled(format!(" {} {code}  {name}", if i == *selected { ">" } else { " " }), style));
            }
            (t.transfer_title(), lines)
        }
        _ => return,
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.pick_hint(&ctx.key(Scope::Pick, Action::Confirm), &ctx.key(Scope::Pick, Action::Cancel)), theme.dim()));
    let area = centered(body, 66, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = widgets::boxed(theme, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What a key does in a list of services to choose from (taking a ticket, transferring one).
enum Choice {
    Cancel,
    Confirm(usize),
    /// The selection moved here (arrows, or a service's letter typed).
    At(usize),
    /// A digit typed (the ticket dialog reads it as a priority group).
    Digit(u32),
}

fn choose(codes: &[&str], selected: usize, a: Option<Action>, key: &Key) -> Choice {
    if codes.is_empty() {
        return Choice::Cancel;
    }
    let last = codes.len() - 1;
    let selected = selected.min(last);
    match (a, key.code) {
        (Some(Action::Cancel), _) => Choice::Cancel,
        (Some(Action::Confirm), _) => Choice::Confirm(selected),
        (Some(Action::ScrollUp), _) => Choice::At(selected.saturating_sub(1)),
        (Some(Action::ScrollDown), _) => Choice::At((selected + 1).min(last)),
        (None, KeyCode::Char(c)) if c.is_ascii_digit() => Choice::Digit(c.to_digit(10).unwrap_or(0)),
        (None, KeyCode::Char(c)) => Choice::At(codes.iter().position(|code| code.eq_ignore_ascii_case(&c.to_string())).unwrap_or(selected)),
        _ => Choice::At(selected),
    }
}
