//! Drawing the patients screen: the search box and its hits, the patient card, the form, the
//! birthday list (the health check form draws itself, in `ckg.rs`).

use crate::action::{Action, Scope};
use super::{Mode, PatientsScreen};
use crate::domain::ckg::{age_years, due, Eligibility};
use crate::domain::patient::Field;
use crate::screens::{self, Ctx};
use crate::store::patients::Patient;
use crate::widgets::{self, field};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

/// A patient as one line of a list `width` columns wide. The village keeps at least 10 columns:
/// when the line is too narrow for every column, the NIK column goes whole (the card shows it),
/// rather than the village shrinking to a letter.
fn patient_line(ctx: &Ctx, p: &Patient, width: u16) -> String {
    const VILLAGE_MIN: usize = 10;
    let today = ctx.today();
    let head = format!(
        "{:<11} {:<24} {} {} {:>6}",
        p.rm_number,
        p.name.chars().take(24).collect::<String>(),
        ctx.text.sex_short(&p.sex),
        p.birth_date.format("%d-%m-%Y"),
        ctx.text.age_years(age_years(p.birth_date, today)),
    );
    let with_nik = format!("{head}  {:<16} ", p.nik.as_deref().unwrap_or("-"));
    let line = if with_nik.chars().count() + VILLAGE_MIN <= width as usize { with_nik } else { format!("{head}  ") };
    format!("{line}{}", p.village)
}

pub fn render(frame: &mut Frame, area: Rect, screen: &PatientsScreen, ctx: &Ctx) {
    match screen.mode {
        Mode::Search => render_search(frame, area, screen, ctx),
        Mode::Card => render_card(frame, area, screen, ctx),
        Mode::Form => render_form(frame, area, screen, ctx),
        Mode::Ckg => {
            if let Some(form) = &screen.ckg {
                screens::ckg::render(frame, area, form, ctx);
            }
        }
        Mode::Birthdays => render_birthdays(frame, area, screen, ctx),
    }
}

fn render_search(frame: &mut Frame, area: Rect, screen: &PatientsScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.screen_title(screens::ScreenId::Patients));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let [hint, input, count, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Length(1), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Line::styled(t.search_hint(), theme.dim()), hint);
    field::render(frame, input, &screen.query, true, false, theme);
    let p = screen;
    let status = if p.query.value().trim().is_empty() {
        String::new()
    } else if crate::domain::search::too_short(p.query.value()) {
        t.search_type_more(crate::domain::search::MIN_CHARS)
    } else if p.hits.is_empty() {
        t.no_results(&ctx.key(Scope::Patients, Action::NewPatient))
    } else {
        t.results_count(p.hits.len())
    };
    frame.render_widget(Line::styled(status, theme.dim()), count);
    let first = p.selected.saturating_sub(list.height.saturating_sub(1) as usize);
    let lines: Vec<Line> = p
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(list.height as usize)
        .map(|(i, h)| {
            let style = if i == p.selected { theme.field_focused() } else { theme.text() };
            Line::styled(patient_line(ctx, &h.patient, list.width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

fn render_card(frame: &mut Frame, area: Rect, screen: &PatientsScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let Some(c) = &screen.card else { return };
    let p = &c.patient;
    let block = widgets::boxed(theme, &format!("{} - {}", p.name, p.rm_number));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let today = ctx.today();
    let pair = |label: &str, value: String| Line::from(vec![Span::styled(format!("{label:<12}"), theme.label()), Span::raw(value)]);
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let elig = due(ctx.config.patients.ckg_window, p.birth_date, today, c.last_ckg);
    let mut lines = vec![
        pair("NIK", dash(&p.nik)),
        pair(t.patient_field(Field::Bpjs), dash(&p.bpjs)),
        pair(t.patient_field(Field::Kk), dash(&p.kk)),
        pair(
            t.patient_field(Field::Birth),
            format!("{} ({}), {}", p.birth_date.format("%d-%m-%Y"), t.age_years(age_years(p.birth_date, today)), t.sex(&p.sex)),
        ),
        pair(t.patient_field(Field::Address), format!("{} RT/RW {} {}", p.address, p.rt_rw, p.village)),
        pair(t.patient_field(Field::Phone), dash(&p.phone)),
        pair(t.patient_field(Field::Member), dash(&p.member_no)),
        Line::styled(t.ckg_state(&elig), if matches!(elig, Eligibility::Due { .. }) { theme.info() } else { theme.text() }),
        Line::raw(""),
    ];
    // Dates as the site writes them (dd-mm-yyyy), not as they are stored.
    let day = |d: &str| d.parse::<chrono::NaiveDate>().map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_else(|_| d.to_string());
    let visits: Vec<String> = c.facts.visits.iter().take(4).map(|(d, l, sv)| format!("{} {l} ({sv})", day(d))).collect();
    lines.push(pair(t.card_visits(), if visits.is_empty() { "-".into() } else { visits.join(", ") }));
    let checks: Vec<String> = c.facts.checks.iter().take(4).map(|(d, r)| if *r { format!("{} {}", day(d), t.referred_mark()) } else { day(d) }).collect();
    lines.push(pair(t.card_checks(), if checks.is_empty() { "-".into() } else { checks.join(", ") }));
    let bought: Vec<String> =
        c.facts.purchases.iter().take(3).map(|(d, n, total)| format!("{} {n} {}", day(d), crate::domain::money::format_rupiah(*total))).collect();
    lines.push(pair(t.card_purchases(), if bought.is_empty() { "-".into() } else { bought.join(", ") }));
    lines.push(Line::raw(""));
    lines.push(Line::styled(t.card_history(), theme.title()));
    for h in c.facts.history.iter().take(inner.height.saturating_sub(lines.len() as u16) as usize) {
        let at = ctx.config.site.zone.local(h.at).format("%d-%m-%Y %H:%M");
        let change = match (&h.old_value, &h.new_value) {
            (Some(o), Some(n)) => format!("{o} -> {n}"),
            (None, Some(n)) => n.clone(),
            (Some(o), None) => format!("{o} -> -"),
            (None, None) => String::new(),
        };
        lines.push(Line::raw(format!("{at} {:<10} {:<12} {change}", h.actor, t.history_field(&h.field))));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_form(frame: &mut Frame, area: Rect, screen: &PatientsScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let f = &screen.form;
    let title = if f.edit.is_some() { t.form_edit_title() } else { t.form_new_title() };
    let block = widgets::boxed(theme, title);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let row_at = |i: usize| Rect { y: inner.y + i as u16, height: 1, ..inner };
    let rows_fit = inner.height as usize;
    frame.render_widget(
        Line::styled(t.form_hint(&ctx.keymap.labels_for(Scope::PatientForm, Action::NextField), &ctx.key(Scope::PatientForm, Action::Save), &ctx.key(Scope::PatientForm, Action::Back)), theme.dim()),
        row_at(0),
    );
    // A message too long for the space beside its field is shown whole under the fields.
    let mut below: Vec<Line> = Vec::new();
    for (i, fld) in Field::ALL.iter().enumerate() {
        let row = row_at(i + 1);
        let [label, input, error] = Layout::horizontal([Constraint::Length(12), Constraint::Length(28), Constraint::Min(0)]).areas(row);
        frame.render_widget(Span::styled(t.patient_field(*fld), theme.label()), label);
        field::render(frame, input, &f.inputs[i], f.focus == i, false, theme);
        if let Some((_, e)) = f.errors.iter().find(|(ef, _)| ef == fld) {
            let message = t.field_error(e);
            if message.chars().count() < error.width as usize {
                frame.render_widget(Span::styled(format!(" {message}"), theme.error()), error);
            } else {
                frame.render_widget(Span::styled(" *", theme.error()), error);
                below.push(Line::styled(format!("* {}: {message}", t.patient_field(*fld)), theme.error()));
            }
        } else if *fld == Field::Rm && f.inputs[i].value().is_empty() {
            frame.render_widget(Span::styled(format!(" {}", t.rm_auto()), theme.dim()), error);
        }
    }
    let mut next = 14;
    if !below.is_empty() && rows_fit > next {
        let height: u16 = below.iter().map(|l| widgets::wrapped_lines(&l.to_string(), inner.width as usize)).sum::<u16>().min((rows_fit - next) as u16);
        let para = Paragraph::new(below).wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(para, Rect { y: inner.y + next as u16, height, ..inner });
        next += height as usize;
    }
    for (i, p) in f.similar.iter().take(rows_fit.saturating_sub(next)).enumerate() {
        frame.render_widget(Line::styled(format!("! {}", patient_line(ctx, p, inner.width.saturating_sub(2))), theme.error()), row_at(next + i));
    }
}

fn render_birthdays(frame: &mut Frame, area: Rect, screen: &PatientsScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let today = ctx.today();
    let (list, n) = &screen.birthdays;
    let to = today + chrono::Duration::days(7);
    let title = t.birthdays_title(&today.format("%d-%m").to_string(), &to.format("%d-%m").to_string(), *n);
    let block = widgets::boxed(theme, &title);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    if list.is_empty() {
        frame.render_widget(Line::styled(t.birthdays_none(), theme.dim()), inner);
        return;
    }
    let sel = screen.selected;
    let first = sel.saturating_sub(inner.height.saturating_sub(1) as usize);
    let lines: Vec<Line> = list
        .iter()
        .enumerate()
        .skip(first)
        .take(inner.height as usize)
        .map(|(i, p)| Line::styled(patient_line(ctx, p, area.width.saturating_sub(4)), if i == sel { theme.field_focused() } else { theme.text() }))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
