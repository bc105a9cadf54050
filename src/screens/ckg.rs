//! The free health check form: the checklist for the person's age and sex, measurements checked
//! against plausible ranges as they are entered (an impossible value is refused, an unusual one
//! asks for a second F10), BMI and classes computed live, and the result once saved.

use super::patients::PatientOp;
use super::{Ctx, Reply};
use crate::action::{Action, Scope};
use crate::domain::ckg::{
    age_group, age_years, check_value, checklist, evaluate, format_value, parse_value, AgeGroup, Evaluation, Finding, Item, Measure,
    ValueCheck, FOLLOW_UP_SCREENS,
};
use crate::keymap::Key;
use crate::store::patients::Patient;
use crate::text::Text;
use crate::widgets::{self, field};
use chrono::{DateTime, NaiveDate, Utc};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use tui_input::Input;

#[derive(Debug, Clone)]
pub struct CkgForm {
    pub patient: Patient,
    pub group: AgeGroup,
    pub age: i32,
    pub female: bool,
    pub items: Vec<Item>,
    /// The typed value of each measurement line (unused for screenings).
    pub inputs: Vec<Input>,
    /// The finding of each screening line (unused for measurements).
    pub findings: Vec<Finding>,
    pub focus: usize,
    /// Lines with a problem, and what it is (already in the user's language).
    pub errors: Vec<(usize, String)>,
    /// Unusual values the examiner confirmed with a second F10.
    pub confirmed_unusual: bool,
    pub started: DateTime<Utc>,
    /// Set once saved: the check's id and its evaluation.
    pub result: Option<(i64, Evaluation)>,
}

impl CkgForm {
    pub fn new(p: &Patient, today: NaiveDate, now: DateTime<Utc>) -> CkgForm {
        let age = age_years(p.birth_date, today);
        let group = age_group(p.birth_date, today);
        let female = p.sex == "P";
        let items = checklist(group, age, female);
        let n = items.len();
        CkgForm {
            patient: p.clone(),
            group,
            age,
            female,
            items,
            inputs: vec![Input::default(); n],
            findings: vec![Finding::NotDone; n],
            focus: 0,
            errors: vec![],
            confirmed_unusual: false,
            started: now,
            result: None,
        }
    }

    fn adult(&self) -> bool {
        matches!(self.group, AgeGroup::Adult | AgeGroup::Elderly)
    }

    /// The measurements typed so far that parse.
    pub fn measures(&self) -> Vec<(Measure, i64)> {
        self.items
            .iter()
            .zip(&self.inputs)
            .filter_map(|(item, input)| match item {
                Item::Measure(m) => parse_value(*m, input.value()).map(|v| (*m, v)),
                Item::Screen(_) => None,
            })
            .collect()
    }

    pub fn screens(&self) -> Vec<(&'static str, Finding)> {
        self.items
            .iter()
            .zip(&self.findings)
            .filter_map(|(item, f)| match item {
                Item::Screen(code) => Some((*code, *f)),
                Item::Measure(_) => None,
            })
            .collect()
    }

    pub fn evaluation(&self) -> Evaluation {
        evaluate(&self.measures(), &self.screens(), self.group, self.age, self.female)
    }
}

/// Check every line; returns the problems and whether only unusual (confirmable) values remain.
fn check(t: &Text, form: &CkgForm, save: &str) -> (Vec<(usize, String)>, bool) {
    let mut errors = Vec::new();
    let mut only_unusual = true;
    for (i, (item, input)) in form.items.iter().zip(&form.inputs).enumerate() {
        let Item::Measure(m) = item else { continue };
        if input.value().trim().is_empty() {
            continue;
        }
        match parse_value(*m, input.value()) {
            None => {
                errors.push((i, t.value_unreadable().to_string()));
                only_unusual = false;
            }
            Some(v) => match check_value(*m, v, form.adult()) {
                ValueCheck::Ok => {}
                ValueCheck::Unusual => errors.push((i, t.value_unusual(save))),
                ValueCheck::Impossible => {
                    errors.push((i, t.value_impossible().to_string()));
                    only_unusual = false;
                }
            },
        }
    }
    let measures = form.measures();
    let get = |m| measures.iter().find(|(k, _)| *k == m).map(|(_, v)| *v);
    if let (Some(sys), Some(dia)) = (get(Measure::Systolic), get(Measure::Diastolic)) {
        if dia >= sys {
            let i = form.items.iter().position(|it| *it == Item::Measure(Measure::Diastolic)).unwrap_or(0);
            errors.push((i, t.diastolic_above().to_string()));
            only_unusual = false;
        }
    }
    (errors, only_unusual)
}

impl CkgForm {
    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<PatientOp> {
        let form = self;
        if form.result.is_some() {
            return Reply::none();
        }
        let n = form.items.len();
        match a {
            Action::NextField => form.focus = (form.focus + 1) % n,
            Action::PrevField => form.focus = (form.focus + n - 1) % n,
            Action::Save => {
                let (errors, only_unusual) = check(&ctx.text, form, &ctx.key(Scope::Ckg, Action::Save));
                let confirmable = !errors.is_empty() && only_unusual;
                if errors.is_empty() || (confirmable && form.confirmed_unusual) {
                    form.errors.clear();
                    return Reply::op(PatientOp::SaveCkg);
                }
                form.confirmed_unusual = confirmable;
                form.focus = errors[0].0;
                form.errors = errors;
            }
            _ => {}
        }
        Reply::none()
    }

    /// Digits into a measurement line; n / p / - set a screening's finding.
    pub fn typed(&mut self, key: &Key) {
        let form = self;
        if form.result.is_some() {
            return;
        }
        let i = form.focus;
        match form.items[i] {
            Item::Measure(_) => {
                if let Some(req) = field::edit_request(key) {
                    field::apply(&mut form.inputs[i], req, |c| c.is_ascii_digit() || c == '.' || c == ',', 6);
                    form.errors.retain(|(l, _)| *l != i);
                    form.confirmed_unusual = false;
                }
            }
            Item::Screen(_) => {
                let finding = match key.code {
                    KeyCode::Char('n') | KeyCode::Char('N') => Some(Finding::Normal),
                    KeyCode::Char('p') | KeyCode::Char('P') | KeyCode::Char('y') | KeyCode::Char('Y') => Some(Finding::Positive),
                    KeyCode::Char('-') | KeyCode::Char('x') | KeyCode::Backspace | KeyCode::Delete => Some(Finding::NotDone),
                    _ => None,
                };
                if let Some(f) = finding {
                    form.findings[i] = f;
                    form.focus = (i + 1) % form.items.len();
                }
            }
        }
    }

    /// The check was stored as `id`: the result is shown in place of the form.
    pub fn saved(&mut self, ctx: &Ctx, id: i64) -> Reply<PatientOp> {
        let e = self.evaluation();
        let msg = ctx.text.ckg_saved(e.referral);
        self.result = Some((id, e));
        Reply::info(msg)
    }
}

fn class_of(e: &Evaluation, m: Measure) -> Option<String> {
    e.lines.iter().find(|l| l.code == m.code()).and_then(|l| l.class.clone())
}

pub fn render(frame: &mut Frame, area: Rect, form: &CkgForm, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let title = t.ckg_title(&form.patient.name, form.group, form.age);
    let block = widgets::boxed(theme, &title);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let e = form.evaluation();
    if let Some((_, result)) = &form.result {
        render_result(frame, inner, ctx, result);
        return;
    }
    let [hint, list, summary] = Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(2)]).areas(inner);
    frame.render_widget(Line::styled(t.ckg_hint(&ctx.key(Scope::Ckg, Action::Save)), theme.dim()), hint);
    let follow_up = e.bp.is_some_and(|b| b >= crate::domain::ckg::BpClass::Stage1) || e.glucose == Some(crate::domain::ckg::GlucoseClass::Diabetes);
    let rows = list.height as usize;
    let first = form.focus.saturating_sub(rows.saturating_sub(1));
    for (row, i) in (first..form.items.len()).take(rows).enumerate() {
        let y = list.y + row as u16;
        let line_area = Rect { y, height: 1, ..list };
        let [label, value, note] = Layout::horizontal([Constraint::Length(32), Constraint::Length(12), Constraint::Min(0)]).areas(line_area);
        let focused = i == form.focus;
        match form.items[i] {
            Item::Measure(m) => {
                frame.render_widget(Span::styled(format!("{} ({})", t.ckg_item(m.code()), m.unit()), theme.label()), label);
                field::render(frame, Rect { width: 8, ..value }, &form.inputs[i], focused, false, theme);
                let note_text = match form.errors.iter().find(|(l, _)| *l == i) {
                    Some((_, msg)) => Span::styled(msg.clone(), theme.error()),
                    None => match m {
                        Measure::Height => Span::raw(e.bmi_x10.map(|b| format!("{} {}", t.ckg_item("bmi"), format_value(Measure::Weight, b))).unwrap_or_default()),
                        _ => Span::raw(class_of(&e, m).map(|c| t.ckg_class(&c).to_string()).unwrap_or_default()),
                    },
                };
                frame.render_widget(note_text, note);
            }
            Item::Screen(code) => {
                let dim = FOLLOW_UP_SCREENS.contains(&code) && !follow_up;
                frame.render_widget(Span::styled(t.ckg_item(code), if dim { theme.dim() } else { theme.label() }), label);
                let f = form.findings[i];
                let style = match (focused, f) {
                    (true, _) => theme.field_focused(),
                    (false, Finding::Positive) => theme.error(),
                    _ => theme.text(),
                };
                frame.render_widget(Span::styled(format!("{:<8}", t.finding(f)), style), value);
                if focused {
                    frame.set_cursor_position((value.x, value.y));
                }
            }
        }
    }
    let bmi_class = e.bmi.map(|b| t.ckg_class(&format!("{b:?}").to_lowercase()).to_string()).unwrap_or_default();
    let verdict = if e.referral { t.ckg_referral() } else { "" };
    frame.render_widget(
        Paragraph::new(vec![
            Line::raw(format!("{} {}", e.bmi_x10.map(|b| format!("IMT {}", format_value(Measure::Weight, b))).unwrap_or_default(), bmi_class)),
            Line::styled(verdict, theme.error()),
        ]),
        summary,
    );
}

fn render_result(frame: &mut Frame, area: Rect, ctx: &Ctx, e: &Evaluation) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let mut lines = vec![Line::styled(t.ckg_result_title(), theme.title()), Line::raw("")];
    for l in &e.lines {
        let value = match (Measure::from_code(&l.code), l.value, l.finding) {
            (Some(m), Some(v), _) => format!("{} {}", format_value(m, v), m.unit()),
            (None, Some(v), _) => format_value(Measure::Weight, v),
            (_, _, Some(f)) => t.finding(f).to_string(),
            _ => String::new(),
        };
        let class = l.class.as_deref().map(|c| t.ckg_class(c)).unwrap_or("");
        let style = if l.finding == Some(Finding::Positive) { theme.error() } else { theme.text() };
        lines.push(Line::styled(format!("{:<32} {:<14} {class}", t.ckg_item(&l.code), value), style));
    }
    lines.push(Line::raw(""));
    lines.push(if e.referral { Line::styled(t.ckg_referral(), theme.error()) } else { Line::styled(t.ckg_no_referral(), theme.info()) });
    let n = lines.len();
    let skip = n.saturating_sub(area.height as usize);
    frame.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), area);
}
