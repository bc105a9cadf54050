//! Drawing the products screen: the search box, the products found with their prices and cap,
//! the selected product's price history, and the forms over them.

use super::products::{FormKind, ProductsScreen, C_FROM, C_MEMBER, C_PRICE, P_BARCODE, P_CLASS, P_GENERIC, P_MEMBER, P_NAME, P_PRICE, P_SECTION, P_UNIT};
use super::{Ctx, ScreenId};
use crate::action::{Action, Scope};
use crate::domain::money::format_rupiah;
use crate::widgets::{self, centered, field};
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

fn fit(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    while out.chars().count() < n {
        out.push(' ');
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &ProductsScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.screen_title(ScreenId::Products));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let label = t.products_search();
    let lw = label.chars().count() as u16 + 1;
    frame.render_widget(Span::styled(label, theme.label()), Rect { height: 1, ..inner });
    field::render(frame, Rect { x: inner.x + lw, width: 40, height: 1, ..inner }, &s.search, s.form.is_none(), false, theme);
    let heads = t.products_columns();
    let mut lines = vec![Line::styled(format!(" {:<25} {:>11} {:>11} {:>11} {}", heads[0], heads[1], heads[2], heads[3], heads[4]), theme.title())];
    let history_rows = if s.history.is_empty() { 0 } else { s.history.len().min(4) + 1 };
    let room = (inner.height as usize).saturating_sub(3 + history_rows);
    let first = s.selected.saturating_sub(room.saturating_sub(1));
    for (i, p) in s.hits.iter().enumerate().skip(first).take(room) {
        let sel = i == s.selected;
        let text = format!(
            "{}{} {:>11} {:>11} {:>11} {}",
            if sel { ">" } else { " " },
            fit(&p.name, 25),
            format_rupiah(p.price),
            p.member_price.map(format_rupiah).unwrap_or_default(),
            p.price_cap.map(format_rupiah).unwrap_or_default(),
            p.barcode.clone().unwrap_or_default()
        );
        lines.push(Line::styled(text, if sel { theme.field_focused() } else { theme.text() }));
    }
    if s.hits.is_empty() {
        lines.push(Line::styled(t.products_hint(), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), Rect { y: inner.y + 2, height: (room + 1) as u16, ..inner });
    if !s.history.is_empty() {
        let mut h = vec![Line::styled(t.products_history(), theme.label())];
        for c in s.history.iter().take(4) {
            let member = match (c.old_member_price, c.member_price) {
                (a, b) if a == b => String::new(),
                (a, b) => format!(" ({} -> {})", a.map(format_rupiah).unwrap_or("-".into()), b.map(format_rupiah).unwrap_or("-".into())),
            };
            let state = if c.applied { "" } else { t.products_pending() };
            h.push(Line::raw(format!(
                " {} {} -> {}{member}  {} {} {state}",
                c.effective_on.format("%d-%m-%Y"),
                format_rupiah(c.old_price),
                format_rupiah(c.price),
                c.user,
                ctx.config.site.zone.local(c.created_at).format("%d-%m %H:%M"),
            )));
        }
        let y = inner.y + inner.height - h.len() as u16;
        frame.render_widget(Paragraph::new(h.clone()), Rect { y, height: h.len() as u16, ..inner });
    }
    if let Some(f) = &s.form {
        let fields: Vec<(usize, &str)> = match f.kind {
            FormKind::New => {
                let mut v = vec![
                    (P_BARCODE, t.products_barcode()),
                    (P_NAME, t.np_name()),
                    (P_SECTION, t.np_section()),
                    (P_UNIT, t.np_unit()),
                    (P_PRICE, t.np_price()),
                    (P_MEMBER, t.products_member_new()),
                ];
                if f.inputs[P_SECTION].value().trim().eq_ignore_ascii_case("obat") {
                    use super::products::{P_FORM, P_KFA, P_LABEL, P_STRENGTH, P_WARNING};
                    v.push((P_GENERIC, t.products_generic()));
                    v.push((P_CLASS, t.products_class()));
                    v.extend([(P_STRENGTH, t.products_strength()), (P_FORM, t.products_dosage_form()), (P_WARNING, t.products_warning()), (P_LABEL, t.products_etiket()), (P_KFA, t.products_kfa())]);
                }
                v
            }
            FormKind::Price => vec![(C_PRICE, t.np_price()), (C_MEMBER, t.products_member_price()), (C_FROM, t.products_from())],
            FormKind::Edit => {
                use super::products::{E_BARCODE, E_CLASS, E_FORM, E_GENERIC, E_KFA, E_LABEL, E_NAME, E_SECTION, E_STRENGTH, E_UNIT, E_WARNING};
                let mut v = vec![(E_BARCODE, t.products_barcode()), (E_NAME, t.np_name()), (E_SECTION, t.np_section()), (E_UNIT, t.np_unit())];
                if f.inputs[E_SECTION].value().trim().eq_ignore_ascii_case("obat") {
                    v.push((E_GENERIC, t.products_generic()));
                    v.push((E_CLASS, t.products_class()));
                    v.extend([(E_STRENGTH, t.products_strength()), (E_FORM, t.products_dosage_form()), (E_WARNING, t.products_warning()), (E_LABEL, t.products_etiket()), (E_KFA, t.products_kfa())]);
                }
                v
            }
        };
        let title = match (f.kind, s.selected_product()) {
            (FormKind::Price, Some(p)) => format!("{} - {}", t.action_help(Action::ChangePrice), p.name),
            (FormKind::Edit, Some(p)) => format!("{} - {}", t.products_edit_title(), p.name),
            _ => t.action_help(Action::AddProduct).to_string(),
        };
        // A drug's form is long: at 80x24 it loses the blank rows around its fields.
        let compact = fields.len() > 10;
        let area = centered(area, 70, fields.len() as u16 + if compact { 5 } else { 7 });
        frame.render_widget(Clear, area);
        let block = widgets::boxed(theme, &title);
        let inner = block.inner(area).inner(Margin::new(1, if compact { 0 } else { 1 }));
        frame.render_widget(block, area);
        for (row, (i, label)) in fields.iter().enumerate() {
            let r = Rect { y: inner.y + row as u16, height: 1, ..inner };
            frame.render_widget(Span::styled(label.to_string(), theme.label()), Rect { width: 32, ..r });
            field::render(frame, Rect { x: r.x + 32, width: 32, ..r }, &f.inputs[*i], f.focus == *i, false, theme);
        }
        let key = |a: Action| ctx.key(Scope::ProductForm, a);
        let msg = match &f.error {
            Some(e) => Line::styled(e.clone(), theme.error()),
            None => Line::styled(t.form_hint(&key(Action::Confirm), &key(Action::Save), &key(Action::Cancel)), theme.dim()),
        };
        let y = inner.y + fields.len() as u16 + 1;
        frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), Rect { y, height: 2, ..inner });
    }
}
