//! Drawing the consultation screen: the patient's context (age, sex, allergies, lasting
//! conditions, the last CKG, referrals, drugs of the last 90 days), the form in two columns, and
//! a line that searches the ICD-10 list for the diagnosis being typed or shows the checked
//! prescription with its warnings.

use super::consult::{ConsultScreen, Field, FIELDS};
use super::{Ctx, ScreenId};
use crate::domain::ckg::age_years;
use crate::domain::money::format_milli;
use crate::widgets::{self, field};
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

fn context_lines(s: &ConsultScreen, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let t = &ctx.text;
    let theme = ctx.theme;
    let Some(p) = &s.patient else {
        let ticket = s.ticket.as_ref().map(|(_, l)| format!("{} {l}. ", t.doc_ticket_no())).unwrap_or_default();
        return vec![Line::styled(format!("{ticket}{}", t.consult_type_patient()), theme.dim()), Line::raw("")];
    };
    let age = age_years(p.birth_date, ctx.today());
    let mut head = format!("{} ({}, {age} {}) {}", p.name, p.sex, t.consult_years(), p.rm_number);
    if let Some((_, l)) = &s.ticket {
        head.push_str(&format!("  [{l}]"));
    }
    let mut lines = vec![Line::styled(head, theme.title())];
    let Some(c) = &s.context else { return lines };
    let mut facts = Vec::new();
    // Allergies always show, even as none on record: the examiner should not have to wonder.
    let allergies = if c.allergies.is_empty() { t.consult_no_allergy().to_string() } else { c.allergies.join(", ") };
    facts.push(format!("{}: {allergies}", t.consult_allergy_short()));
    if !c.chronic.is_empty() {
        facts.push(format!("{}: {}", t.consult_chronic(), c.chronic.iter().map(|(code, _)| code.as_str()).collect::<Vec<_>>().join(" ")));
    }
    if let Some((day, referral, lines)) = &c.last_ckg {
        // The results that matter for treatment: blood pressure and glucose, as measured.
        let v = |code: &str| lines.iter().find(|l| l.code == code).and_then(|l| l.value);
        let mut results = String::new();
        if let (Some(s), Some(d)) = (v("systolic"), v("diastolic")) {
            results.push_str(&format!(" TD {s}/{d}"));
        }
        if let Some(g) = v("glucose") {
            results.push_str(&format!(" GD {g}"));
        }
        let refer = if *referral { format!(" {}", t.ckg_register_refer().trim_end_matches(": ")) } else { String::new() };
        facts.push(format!("CKG {}{results}{refer}", day.format("%d-%m-%Y")));
    }
    if let Some((day, facility, _, answered)) = c.referrals.first() {
        facts.push(format!("{} {} {}{}", t.consult_referred(), day.format("%d-%m"), facility, if *answered { "*" } else { "" }));
    }
    let first: String = facts.join(" | ");
    lines.push(Line::styled(first.chars().take(width).collect::<String>(), if c.allergies.is_empty() { theme.text() } else { theme.error() }));
    let drugs: Vec<String> = c.recent_drugs.iter().take(4).map(|(d, n, q)| format!("{} {} x{}", d.format("%d-%m"), n, format_milli(*q))).collect();
    let drugs = if drugs.is_empty() { t.consult_no_recent_drugs().to_string() } else { format!("{}: {}", t.consult_recent_drugs(), drugs.join(", ")) };
    lines.push(Line::styled(drugs.chars().take(width).collect::<String>(), theme.dim()));
    lines
}

fn hint(s: &ConsultScreen, ctx: &Ctx, width: usize) -> Vec<Line<'static>> {
    let t = &ctx.text;
    let theme = ctx.theme;
    if !s.checks.is_empty() && matches!(s.focused(), Field::Drug1 | Field::Drug2 | Field::Drug3 | Field::Outcome | Field::ReferTo | Field::Note | Field::FollowUp) {
        // Each drug with its quantity and directions; each warning on a line of its own below it.
        let mut lines = Vec::new();
        for c in &s.checks {
            let text = format!("{} {}: {} {} - {}", c.generic, c.strength, format_milli(c.qty_milli), c.unit, c.directions);
            lines.push(Line::styled(text.chars().take(width).collect::<String>(), theme.text()));
            for w in &c.warnings {
                lines.push(Line::styled(format!("  ! {}", t.rx_warning(w)).chars().take(width).collect::<String>(), theme.error()));
            }
        }
        return lines;
    }
    match s.focused() {
        Field::Diagnoses => {
            let typed = s.inputs.get(9).map(|i| i.value().to_string()).unwrap_or_default();
            let last = typed.rsplit([',', ';']).next().unwrap_or("").trim().to_string();
            let query = if last.split_whitespace().count() > 1 || last.chars().any(|c| c.is_ascii_lowercase()) { last } else { last.split_whitespace().last().unwrap_or("").to_string() };
            let found = crate::domain::icd10::search(&query, 3);
            if found.is_empty() {
                return vec![Line::styled(t.consult_diagnosis_hint(), theme.dim())];
            }
            found.iter().map(|d| Line::raw(format!("  {:<6} {}", d.code, if ctx.text.lang == crate::text::Lang::Id { d.name_id } else { d.name_en }).chars().take(width).collect::<String>())).collect()
        }
        Field::Drug1 | Field::Drug2 | Field::Drug3 => vec![Line::styled(t.consult_drug_hint(), theme.dim())],
        Field::Outcome => vec![Line::styled(t.consult_outcome_hint(), theme.dim())],
        Field::ReferTo => vec![Line::styled(ctx.config.clinic.facilities.iter().map(|f| format!("{} = {}", f.code, f.name)).collect::<Vec<_>>().join(", ").chars().take(width).collect::<String>(), theme.dim())],
        _ => vec![Line::styled(t.consult_save_hint(&ctx.key(crate::action::Scope::Consult, crate::action::Action::Save)), theme.dim())],
    }
}

pub fn render(frame: &mut Frame, area: Rect, s: &ConsultScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.screen_title(ScreenId::Consultation));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let top = context_lines(s, ctx, width);
    let top_h = top.len() as u16;
    frame.render_widget(Paragraph::new(top), Rect { height: top_h.min(inner.height), ..inner });
    // Two columns of fields: the visit on the left, the outcome on the right.
    let half = inner.width / 2;
    let rows = 9u16;
    let y0 = inner.y + top_h;
    for (i, _) in FIELDS.iter().enumerate() {
        let (col, row) = if i < rows as usize { (0, i as u16) } else { (1, i as u16 - rows) };
        let y = y0 + row;
        if y >= inner.bottom() {
            break;
        }
        let x = inner.x + col * half;
        let label_w = 12u16;
        let label = format!("{:<w$}", t.consult_field(i), w = label_w as usize);
        frame.render_widget(Span::styled(label.chars().take(label_w as usize).collect::<String>(), theme.label()), Rect { x, y, width: label_w, height: 1 });
        let fw = half.saturating_sub(label_w + 1);
        if let Some(input) = s.inputs.get(i) {
            field::render(frame, Rect { x: x + label_w, y, width: fw, height: 1 }, input, s.focus == i, false, theme);
        }
    }
    let hy = y0 + rows + 1;
    if hy < inner.bottom() {
        let lines = hint(s, ctx, width);
        frame.render_widget(Paragraph::new(lines), Rect { x: inner.x, y: hy, width: inner.width, height: inner.bottom() - hy });
    }
}
