//! `loket board`: the waiting-room display for a TV. Read-only, no login. It shows the ticket
//! each counter is serving in big characters, the last five calls and the clock; ticket numbers
//! only, never names. It notices new calls through `PRAGMA data_version` (a cheap read, four
//! times a second) and speaks each call through the announcer, one after another.

use crate::action::{Action, Scope};
use crate::config::{Config, QueueSettings, Site};
use crate::keymap::{Key, Keymap};
use crate::store::queue::CallEvent;
use crate::store::{Result, Store};
use crate::text::Text;
use crate::theme::Theme;
use crate::voice::{Announcement, Announcer};
use crate::widgets::{self, big_text};
use chrono::{DateTime, Timelike, Utc};
use crate::term_input::TermInput;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::time::Duration;

pub struct BoardState {
    pub text: Text,
    pub theme: Theme,
    pub site: Site,
    pub queue: QueueSettings,
    pub now: DateTime<Utc>,
    /// (counter number, ticket label) for every counter serving a ticket today.
    pub serving: Vec<(u32, String)>,
    /// Newest first.
    pub recent: Vec<CallEvent>,
}

impl BoardState {
    pub fn new(config: &Config, text: Text, theme: Theme, now: DateTime<Utc>) -> BoardState {
        BoardState { text, theme, site: config.site.clone(), queue: config.queue.clone(), now, serving: vec![], recent: vec![] }
    }

    /// Read what the board shows; returns the calls after `after` (oldest first) to announce.
    pub fn load(&mut self, store: &Store, after: i64) -> Result<Vec<CallEvent>> {
        let day = self.site.zone.business_day(self.now);
        self.serving = store.serving_now(day)?;
        let today = |c: &CallEvent| self.site.zone.business_day(c.at) == day;
        self.recent = store.recent_calls(5)?.into_iter().filter(today).collect();
        store.calls_after(after)
    }
}

pub fn draw(s: &BoardState, frame: &mut Frame) {
    let area = frame.area();
    let t = &s.text;
    let theme = &s.theme;
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let local = s.site.zone.local(s.now);
    let clock = format!("{:02}:{:02}:{:02} {} ", local.hour(), local.minute(), local.second(), s.site.zone.name());
    let title = format!(" {} - {}", s.site.name, t.board_title());
    let gap = (area.width as usize).saturating_sub(title.chars().count() + clock.chars().count());
    frame.render_widget(Line::styled(format!("{title}{}{clock}", " ".repeat(gap)), theme.status_bar()), head);
    let recent_width = 30.min(body.width / 3);
    let [counters, recent] = Layout::horizontal([Constraint::Min(0), Constraint::Length(recent_width)]).areas(body);

    // One block per counter: its name, and the ticket it serves in big characters.
    let n = s.queue.counters.len().max(1) as u16;
    let each = (counters.height / n).max(1);
    for (i, c) in s.queue.counters.iter().enumerate() {
        let y = counters.y + i as u16 * each;
        if y + 1 >= counters.bottom() {
            break;
        }
        let area = Rect { x: counters.x, y, width: counters.width, height: each.min(counters.bottom() - y) };
        let label = s.serving.iter().find(|(num, _)| *num == c.number).map(|(_, l)| l.as_str()).unwrap_or("-");
        frame.render_widget(Line::styled(format!(" {}", c.name), theme.title()), area);
        let big = Rect { x: area.x + 2, y: area.y + 1, width: area.width.saturating_sub(2), height: area.height.saturating_sub(1) };
        if big.height >= big_text::HEIGHT && big.width >= big_text::width(label) {
            big_text::render(frame, big, label, theme.label(), theme);
        } else {
            frame.render_widget(Line::styled(label.to_string(), theme.label()), big);
        }
    }

    let block = widgets::boxed(theme, t.board_recent());
    let inner = block.inner(recent);
    frame.render_widget(block, recent);
    let mut lines = Vec::new();
    if s.recent.is_empty() {
        lines.push(Line::styled(t.board_none(), theme.dim()));
    }
    for c in &s.recent {
        let at = s.site.zone.local(c.at);
        let counter = s.queue.counter(c.counter).map(|k| k.name.clone()).unwrap_or_else(|| c.counter.to_string());
        lines.push(Line::styled(c.label(), theme.label()));
        lines.push(Line::raw(format!("  {counter}  {:02}:{:02}", at.hour(), at.minute())));
    }
    frame.render_widget(Paragraph::new(lines), inner.inner(Margin::new(1, 0)));
}

/// Run the board until the quit key (no confirmation: the board holds nothing to lose).
pub fn run(terminal: &mut ratatui::DefaultTerminal, input: &TermInput, store: &Store, state: &mut BoardState, keymap: &Keymap, announcer: &Announcer) -> std::io::Result<()> {
    let io = |e: crate::store::StoreError| std::io::Error::other(e.to_string());
    let mut last_event = store.last_queue_event().map_err(io)?;
    let mut version = None;
    let mut drawn_second = None;
    loop {
        state.now = Utc::now();
        let v = store.data_version().map_err(io)?;
        let changed = version != Some(v);
        if changed {
            version = Some(v);
            for call in state.load(store, last_event).map_err(io)? {
                last_event = last_event.max(call.event_id);
                announcer.announce(Announcement::for_call(&call.prefix, call.number, call.counter, call.event_id));
            }
        }
        let second = state.now.timestamp();
        if changed || drawn_second != Some(second) {
            terminal.draw(|f| draw(state, f))?;
            drawn_second = Some(second);
        }
        if let Some(ev) = input.next(Duration::from_millis(250))? {
            if let Event::Key(k) = ev {
                if k.kind != KeyEventKind::Release && keymap.lookup(Scope::Home, Key::from_event(&k)) == Some(Action::Quit) {
                    return Ok(());
                }
            } else {
                drawn_second = None; // a resize: draw again
            }
        }
    }
}
