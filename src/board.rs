//! `loket board`: the waiting-room display for a TV. Read-only, no login. It shows the ticket
//! each counter is serving in big characters, the last five calls and the clock; ticket numbers
//! only, never names. It learns of new calls from the kernel: an inotify watch on the database's
//! write-ahead log wakes it the moment a counter commits, and `PRAGMA data_version` (a cheap
//! read) tells whether anything changed; without inotify it looks four times a second. Each call
//! is spoken through the announcer, one after another.

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

/// What wakes the board: the terminal (a key) or a write to the database's WAL file.
struct Wakeup {
    /// An inotify descriptor watching the WAL and the database file, when the kernel allows it
    /// and keys come from standard input (so both can be waited for at once).
    notify: Option<rustix::fd::OwnedFd>,
}

impl Wakeup {
    fn new(db: &std::path::Path) -> Wakeup {
        use rustix::fs::inotify::{self, CreateFlags, WatchFlags};
        use std::io::IsTerminal;
        let stdin_tty = std::io::stdin().is_terminal();
        let notify = inotify::init(CreateFlags::NONBLOCK | CreateFlags::CLOEXEC).ok().filter(|fd| {
            let mut wal = db.as_os_str().to_owned();
            wal.push("-wal");
            // The WAL changes with every commit; the database file when it is checkpointed.
            let watched = inotify::add_watch(fd, std::path::Path::new(&wal), WatchFlags::MODIFY).is_ok();
            watched && inotify::add_watch(fd, db, WatchFlags::MODIFY).is_ok()
        });
        Wakeup { notify: notify.filter(|_| stdin_tty) }
    }

    /// Wait until a key is waiting, the database was written, a signal came or `timeout` passed;
    /// true when the database was written. Without inotify, returns at once.
    fn wait(&self, timeout: Duration) -> std::io::Result<bool> {
        let Some(notify) = &self.notify else {
            return Ok(false);
        };
        use rustix::event::{poll, PollFd, PollFlags, Timespec};
        let stdin = std::io::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::IN), PollFd::new(notify, PollFlags::IN)];
        let ts = Timespec { tv_sec: timeout.as_secs() as _, tv_nsec: timeout.subsec_nanos() as _ };
        match poll(&mut fds, Some(&ts)) {
            Ok(_) | Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
        let written = fds[1].revents().contains(PollFlags::IN);
        if written {
            // Drain the events; what changed is read from the database itself.
            let mut buf = [0u8; 4096];
            while rustix::io::read(notify, &mut buf).is_ok_and(|n| n > 0) {}
        }
        Ok(written)
    }
}

/// Run the board until the quit key (no confirmation: the board holds nothing to lose).
pub fn run(terminal: &mut crate::term_output::Screen, input: &TermInput, store: &Store, state: &mut BoardState, keymap: &Keymap, announcer: &Announcer) -> std::io::Result<()> {
    let io = |e: crate::store::StoreError| std::io::Error::other(e.to_string());
    let mut last_event = store.last_queue_event().map_err(io)?;
    let mut version = None;
    let mut drawn_second = None;
    let wakeup = Wakeup::new(store.path());
    let mut written = false;
    loop {
        state.now = Utc::now();
        let mut v = store.data_version().map_err(io)?;
        // The WAL is written (and synced) before the commit is published in the shared index:
        // after a write, look again for a moment until the commit shows (bounded: 100 ms).
        for _ in 0..20 {
            if !written || version != Some(v) {
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
            v = store.data_version().map_err(io)?;
        }
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
        // Until the next second (the clock), a key, or a counter's commit.
        let millis = 1000 - (Utc::now().timestamp_subsec_millis() as u64).min(999);
        let mut first = None;
        if wakeup.notify.is_some() {
            written = wakeup.wait(Duration::from_millis(millis))?;
        } else {
            // No inotify: look again after a quarter of a second at most.
            written = false;
            first = input.next(Duration::from_millis(millis.min(250)))?;
        }
        // Every key waiting (the stop signals and a hang-up are noticed here too).
        loop {
            let ev = match first.take() {
                Some(ev) => ev,
                None => match input.next(Duration::ZERO)? {
                    Some(ev) => ev,
                    None => break,
                },
            };
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
