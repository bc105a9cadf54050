//! The SATUSEHAT screen: how many CKG results wait, were sent or failed, how long the oldest has
//! waited, and the entries that need a person, with the server's message. Read from the outbox
//! by `perform` (Effect::LoadSync); the sending itself happens on the sender thread. Below, the
//! district hub's outbox when the site has joined one.

use super::Ctx;
use crate::store::hub_outbox::HubSummary;
use crate::store::outbox::{OutboxCounts, OutboxEntry};
use crate::widgets;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

/// What the screen shows, loaded from the store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncView {
    pub counts: OutboxCounts,
    /// Failed entries and those waiting for the patient, newest first.
    pub problems: Vec<OutboxEntry>,
    /// The district hub, when this site has joined one.
    pub hub: Option<HubSummary>,
}

/// How many problem entries the screen lists.
pub const SHOWN: usize = 12;

pub fn render(frame: &mut Frame, area: Rect, view: &SyncView, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.sync_title());
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let c = &view.counts;
    let mut lines = vec![
        Line::styled(
            match ctx.config.satusehat.as_ref().map(|s| &s.environment) {
                Some(env) => t.sync_on_line(env),
                None => t.sync_off_line().to_string(),
            },
            theme.label(),
        ),
        Line::raw(t.sync_counts(c.pending, c.waiting_patient, c.sent, c.failed)),
        Line::raw(match c.oldest_pending {
            Some(since) => t.sync_oldest((ctx.now - since).num_minutes().max(0)),
            None => t.sync_nothing_waiting().to_string(),
        }),
    ];
    if let Some(e) = &c.last_error {
        lines.push(Line::styled(t.sync_problem(e), theme.error()));
    }
    if let Some(h) = &view.hub {
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.hub_status_title(&h.link.site_id), theme.label()));
        lines.push(Line::raw(t.hub_screen_counts(h.counts.pending, h.counts.sent)));
        lines.push(Line::raw(t.hub_last_ok(h.link.last_ok_at.map(|w| ctx.config.site.zone.local_text(w)).as_deref())));
        if let Some(e) = &h.link.last_error {
            lines.push(Line::styled(t.hub_problem(e), theme.error()));
        }
    }
    if !view.problems.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.sync_problems_header(), theme.label()));
        for e in &view.problems {
            let created = ctx.config.site.zone.local_text(e.created_at);
            let problem = e.last_error.as_deref().map(|p| t.sync_problem(p)).unwrap_or_default();
            lines.push(Line::raw(format!("{:<5} {:<16} {:<5} {:<17} {}", e.id, t.sync_status_name(e.status), e.attempts, created, problem)));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(t.sync_screen_hint(), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
