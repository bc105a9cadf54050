//! The login screen (name + PIN) and the lock screen (PIN of the user who locked it).

use super::Ctx;
use crate::action::Action;
use crate::domain::user::DEMO_USERS;
use crate::domain::user::PIN_MAX;
use crate::keymap::Key;
use crate::widgets::{self, centered, field};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LoginField {
    #[default]
    Name,
    Pin,
}

/// What the login and lock forms ask of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormOutcome {
    Nothing,
    /// Check these credentials.
    Submit { name: String, pin: String },
    /// A field is empty: say which.
    MissingName,
    MissingPin,
}

#[derive(Debug, Clone, Default)]
pub struct LoginForm {
    pub name: Input,
    pub pin: Input,
    pub focus: LoginField,
    /// An error or notice shown under the fields, already in the user's language.
    pub message: Option<String>,
}

const NAME_MAX: usize = 32;

fn pin_char(c: char) -> bool {
    c.is_ascii_digit()
}

impl LoginForm {
    pub fn clear(&mut self) {
        *self = LoginForm::default();
    }

    /// After a failed attempt: keep the name, clear the PIN, and put the cursor there.
    pub fn retry(&mut self, message: String) {
        self.pin.reset();
        self.focus = LoginField::Pin;
        self.message = Some(message);
    }

    pub fn action(&mut self, action: Action) -> FormOutcome {
        match action {
            Action::NextField | Action::PrevField => {
                self.focus = match self.focus {
                    LoginField::Name => LoginField::Pin,
                    LoginField::Pin => LoginField::Name,
                };
                FormOutcome::Nothing
            }
            Action::Submit => {
                let name = self.name.value().trim().to_string();
                if name.is_empty() {
                    self.focus = LoginField::Name;
                    return FormOutcome::MissingName;
                }
                if self.focus == LoginField::Name {
                    // Enter in the name field moves on to the PIN, like a paper form.
                    self.focus = LoginField::Pin;
                    if self.pin.value().is_empty() {
                        return FormOutcome::Nothing;
                    }
                }
                if self.pin.value().is_empty() {
                    return FormOutcome::MissingPin;
                }
                FormOutcome::Submit { name, pin: self.pin.value().to_string() }
            }
            _ => FormOutcome::Nothing,
        }
    }

    pub fn edit(&mut self, key: &Key) {
        if let Some(req) = field::edit_request(key) {
            self.message = None;
            match self.focus {
                LoginField::Name => field::apply(&mut self.name, req, |c| !c.is_control(), NAME_MAX),
                LoginField::Pin => field::apply(&mut self.pin, req, pin_char, PIN_MAX),
            }
        }
    }
}

/// The lock screen's form: only the PIN.
#[derive(Debug, Clone, Default)]
pub struct UnlockForm {
    pub pin: Input,
    pub message: Option<String>,
}

impl UnlockForm {
    pub fn clear(&mut self) {
        *self = UnlockForm::default();
    }

    pub fn submit(&mut self) -> Option<String> {
        let pin = self.pin.value().to_string();
        (!pin.is_empty()).then_some(pin)
    }

    pub fn edit(&mut self, key: &Key) {
        if let Some(req) = field::edit_request(key) {
            self.message = None;
            field::apply(&mut self.pin, req, pin_char, PIN_MAX);
        }
    }
}

fn field_row(frame: &mut Frame, area: Rect, label: &str, input: &Input, focused: bool, masked: bool, ctx: &Ctx) {
    let [l, f] = Layout::horizontal([Constraint::Length(8), Constraint::Length(24)]).areas(area);
    frame.render_widget(Span::styled(label.to_string(), ctx.theme.label()), l);
    field::render(frame, f, input, focused, masked, ctx.theme);
}

/// The login form; on a demo database (`demo`) the demo users and their PINs below it.
pub fn render_login(frame: &mut Frame, area: Rect, form: &LoginForm, demo: bool, ctx: &Ctx) {
    let t = &ctx.text;
    let demo_rows = if demo { DEMO_USERS.len() as u16 + 2 } else { 0 };
    let outer = centered(area, 56, 10 + demo_rows);
    let [login_area, demo_area] = Layout::vertical([Constraint::Length(10), Constraint::Length(demo_rows)]).areas(outer);
    let title = format!("{} - {}", t.app_name(), t.login_title());
    let block = widgets::boxed(ctx.theme, &title);
    let inner = block.inner(login_area);
    frame.render_widget(block, login_area);
    let rows = Layout::vertical([Constraint::Length(1); 8]).split(inner.inner(ratatui::layout::Margin::new(2, 0)));
    frame.render_widget(Line::styled(ctx.config.site.name.clone(), ctx.theme.label()), rows[0]);
    frame.render_widget(Line::styled(t.login_hint(&ctx.key(crate::action::Scope::Login, crate::action::Action::Submit)), ctx.theme.dim()), rows[1]);
    field_row(frame, rows[3], t.field_name(), &form.name, form.focus == super::login::LoginField::Name, false, ctx);
    field_row(frame, rows[5], t.field_pin(), &form.pin, form.focus == LoginField::Pin, true, ctx);
    if let Some(m) = &form.message {
        frame.render_widget(Paragraph::new(m.as_str()).style(ctx.theme.error()).wrap(ratatui::widgets::Wrap { trim: true }), rows[6].union(rows[7]));
    }
    if demo {
        let block = widgets::boxed(ctx.theme, t.demo_title());
        let inner = block.inner(demo_area);
        frame.render_widget(block, demo_area);
        let lines: Vec<Line> = DEMO_USERS
            .iter()
            .map(|(name, _, role, pin)| Line::styled(format!(" {}", t.demo_user_line(name, pin, *role)), ctx.theme.text()))
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// The lock screen: the PIN of the user who is logged in (`ctx.user`).
pub fn render_lock(frame: &mut Frame, area: Rect, form: &UnlockForm, ctx: &Ctx) {
    let t = &ctx.text;
    let outer = centered(area, 56, 9);
    let block = widgets::boxed(ctx.theme, t.lock_title());
    let inner = block.inner(outer);
    frame.render_widget(block, outer);
    let rows = Layout::vertical([Constraint::Length(1); 7]).split(inner.inner(ratatui::layout::Margin::new(2, 0)));
    let who = ctx.user.map(|u| t.locked_by(&u.name)).unwrap_or_default();
    frame.render_widget(Line::styled(who, ctx.theme.label()), rows[0]);
    frame.render_widget(Line::styled(t.lock_hint(), ctx.theme.dim()), rows[1]);
    field_row(frame, rows[3], t.field_pin(), &form.pin, true, true, ctx);
    if let Some(m) = &form.message {
        frame.render_widget(Paragraph::new(m.as_str()).style(ctx.theme.error()).wrap(ratatui::widgets::Wrap { trim: true }), rows[5].union(rows[6]));
    }
}
