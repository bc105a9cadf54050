//! Users (admin): the list with role, state and practitioner NIK; add a user, reset a PIN,
//! change a role, set the NIK, disable or enable. Each change is one operation
//! (`ops::users::change`) with the CLI's rules; a refusal is shown in the form, nothing saved.

use super::{Ctx, Reply, ScreenId};
use crate::action::{Action, Scope};
use crate::domain::user::{Role, UserChange};
use crate::keymap::Key;
use crate::store::user_admin::UserRow;
use crate::widgets::{self, centered, field};
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Add,
    ResetPin,
    Role,
    Nik,
}

#[derive(Debug, Clone)]
pub struct UserForm {
    pub kind: FormKind,
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct UsersScreen {
    pub rows: Vec<UserRow>,
    pub selected: usize,
    pub form: Option<UserForm>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsersOp {
    Load,
    Change(UserChange),
}

#[derive(Debug, Clone)]
pub enum UsersMsg {
    Loaded(Vec<UserRow>),
    Done(String),
    /// Refused (the text in the user's language).
    Refused(String),
}

/// A role as typed: its code or its name in the user's language.
fn parse_role(ctx: &Ctx, s: &str) -> Option<Role> {
    let s = s.trim().to_lowercase();
    Role::ALL.into_iter().find(|r| r.code() == s || ctx.text.role(*r).to_lowercase() == s)
}

impl UsersScreen {
    pub fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::UserForm
        } else {
            Scope::Users
        }
    }

    fn selected_name(&self) -> Option<String> {
        self.rows.get(self.selected).map(|r| r.user.name.clone())
    }

    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<UsersOp> {
        if self.form.is_some() {
            return self.form_action(ctx, a);
        }
        let open = |kind: FormKind, n: usize| Some(UserForm { kind, inputs: vec![Input::default(); n], focus: 0, error: None });
        match a {
            Action::Back => return Reply::home(),
            Action::ScrollUp => self.selected = self.selected.saturating_sub(1),
            Action::ScrollDown => self.selected = (self.selected + 1).min(self.rows.len().saturating_sub(1)),
            Action::AddUser => self.form = open(FormKind::Add, 4),
            Action::ResetPin if !self.rows.is_empty() => self.form = open(FormKind::ResetPin, 1),
            Action::SetRole if !self.rows.is_empty() => self.form = open(FormKind::Role, 1),
            Action::SetNik if !self.rows.is_empty() => self.form = open(FormKind::Nik, 1),
            Action::ToggleUser => {
                if let Some(r) = self.rows.get(self.selected) {
                    return Reply::op(UsersOp::Change(UserChange::SetDisabled { name: r.user.name.clone(), disabled: !r.user.disabled }));
                }
            }
            _ => {}
        }
        Reply::none()
    }

    fn form_action(&mut self, ctx: &Ctx, a: Action) -> Reply<UsersOp> {
        let t = &ctx.text;
        let name = self.selected_name().unwrap_or_default();
        let Some(f) = self.form.as_mut() else { return Reply::none() };
        let n = f.inputs.len();
        match a {
            Action::Cancel | Action::Back => self.form = None,
            Action::NextField => f.focus = (f.focus + 1) % n,
            Action::PrevField => f.focus = (f.focus + n - 1) % n,
            Action::Confirm if f.focus + 1 < n => f.focus += 1,
            Action::Confirm => {
                let v = |i: usize| f.inputs[i].value().trim().to_string();
                let change = match f.kind {
                    FormKind::Add => match parse_role(ctx, &v(2)) {
                        Some(role) => UserChange::Add { name: v(0), full_name: v(1), role, pin: v(3) },
                        None => {
                            f.error = Some(t.users_bad_role().into());
                            f.focus = 2;
                            return Reply::none();
                        }
                    },
                    FormKind::ResetPin => UserChange::ResetPin { name, pin: v(0) },
                    FormKind::Role => match parse_role(ctx, &v(0)) {
                        Some(role) => UserChange::SetRole { name, role },
                        None => {
                            f.error = Some(t.users_bad_role().into());
                            return Reply::none();
                        }
                    },
                    FormKind::Nik => UserChange::SetNik { name, nik: v(0) },
                };
                return Reply::op(UsersOp::Change(change));
            }
            _ => {}
        }
        Reply::none()
    }

    pub fn typed(&mut self, key: &Key) {
        let Some(req) = field::edit_request(key) else { return };
        let Some(f) = self.form.as_mut() else { return };
        f.error = None;
        let pin = matches!((f.kind, f.focus), (FormKind::Add, 3) | (FormKind::ResetPin, 0));
        field::apply(&mut f.inputs[f.focus], req, |c| if pin { c.is_ascii_digit() } else { !c.is_control() }, 40);
    }

    pub fn answer(&mut self, _ctx: &Ctx, m: UsersMsg) -> Reply<UsersOp> {
        match m {
            UsersMsg::Loaded(rows) => {
                self.rows = rows;
                self.selected = self.selected.min(self.rows.len().saturating_sub(1));
                Reply::none()
            }
            UsersMsg::Done(text) => {
                self.form = None;
                Reply::info(text).then(Reply::op(UsersOp::Load))
            }
            UsersMsg::Refused(text) => match self.form.as_mut() {
                Some(f) => {
                    f.error = Some(text);
                    Reply::none()
                }
                None => Reply::error(text),
            },
        }
    }
}

pub fn render(frame: &mut Frame, area: Rect, s: &UsersScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.screen_title(ScreenId::Users));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let heads = t.users_columns();
    let mut lines = vec![Line::styled(format!(" {:<14} {:<24} {:<12} {:<10} {}", heads[0], heads[1], heads[2], heads[3], heads[4]), theme.title())];
    for (i, r) in s.rows.iter().enumerate() {
        let state = if r.user.disabled {
            t.status_disabled()
        } else if r.user.is_locked(ctx.now) {
            t.status_locked()
        } else {
            t.status_active()
        };
        let sel = i == s.selected;
        let text = format!(
            "{}{:<14} {:<24} {:<12} {:<10} {}",
            if sel { ">" } else { " " },
            r.user.name.chars().take(14).collect::<String>(),
            r.user.full_name.chars().take(24).collect::<String>(),
            t.role(r.user.role),
            state,
            r.practitioner_nik.clone().unwrap_or_default()
        );
        lines.push(Line::styled(text, if sel { theme.field_focused() } else { theme.text() }));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    let Some(f) = &s.form else { return };
    let labels: Vec<&str> = match f.kind {
        FormKind::Add => vec![t.users_name(), t.users_full_name(), t.users_role(), t.users_pin()],
        FormKind::ResetPin => vec![t.users_new_pin()],
        FormKind::Role => vec![t.users_role()],
        FormKind::Nik => vec![t.users_nik()],
    };
    let title = match (f.kind, s.rows.get(s.selected)) {
        (FormKind::Add, _) | (_, None) => t.action_help(Action::AddUser).to_string(),
        (k, Some(r)) => format!("{} - {}", t.action_help(match k { FormKind::ResetPin => Action::ResetPin, FormKind::Role => Action::SetRole, _ => Action::SetNik }), r.user.name),
    };
    let area = centered(area, 66, labels.len() as u16 + 8);
    frame.render_widget(Clear, area);
    let block = widgets::boxed(theme, &title);
    let inner = block.inner(area).inner(Margin::new(1, 1));
    frame.render_widget(block, area);
    field::render_rows(frame, inner, &labels, &f.inputs, f.focus, |i| matches!((f.kind, i), (FormKind::Add, 3) | (FormKind::ResetPin, 0)), theme);
    let y = inner.y + labels.len() as u16 + 1;
    let hint = if matches!(f.kind, FormKind::Add | FormKind::Role) { t.users_roles_hint() } else { String::new() };
    frame.render_widget(Paragraph::new(Line::styled(hint, theme.dim())).wrap(ratatui::widgets::Wrap { trim: true }), Rect { y, height: 2, ..inner });
    let msg = match &f.error {
        Some(e) => Line::styled(e.clone(), theme.error()),
        None => Line::styled(t.pick_hint(&ctx.key(Scope::UserForm, Action::Confirm), &ctx.key(Scope::UserForm, Action::Cancel)), theme.dim()),
    };
    frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), Rect { y: y + 2, height: 2, ..inner });
}
