//! Drawing the sale screen: the entry field, the cart (or search results, parked sales, a form),
//! and the totals or the payment panel.

use crate::action::{Action, Scope};
use super::{Mode, SaleScreen, RX_FIELDS, VOID_PIN};
use crate::screens::Ctx;
use crate::domain::cart;
use crate::domain::money::{format_milli, format_rupiah};
use crate::widgets::{self, field};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

fn fit(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    while out.chars().count() < n {
        out.push(' ');
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, sale: &SaleScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let who = match (&sale.member, &sale.patient) {
        (Some(m), _) => format!(" - {} {} {}", t.sale_member_label(), m.member_no, m.name),
        (None, Some((_, name))) => format!(" - {name}"),
        _ => String::new(),
    };
    let title = format!("{}{who}", t.screen_title(crate::screens::ScreenId::Sale));
    let block = widgets::boxed(theme, &title);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let [entry_area, list_area, totals_area] = Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(4)]).areas(inner);

    // The entry field.
    let label = match sale.mode {
        Mode::Pay => t.sale_pay_prompt(sale.method),
        _ => t.sale_entry_prompt(),
    };
    let label_w = label.chars().count() as u16 + 1;
    frame.render_widget(Span::styled(label, theme.label()), entry_area);
    let field_area = Rect { x: entry_area.x + label_w, width: entry_area.width.saturating_sub(label_w), ..entry_area };
    let entry_focused = matches!(sale.mode, Mode::Cart | Mode::Pay);
    field::render(frame, field_area, &sale.entry, entry_focused, false, theme);

    match sale.mode {
        Mode::Cart | Mode::Pay => render_cart(frame, list_area, sale, ctx),
        Mode::Search => {
            let mut lines = vec![Line::styled(t.sale_search_title(sale.hits.len(), &ctx.key(Scope::SaleList, Action::Submit)), theme.title())];
            let room = list_area.height.saturating_sub(1) as usize;
            let first = sale.list_selected.saturating_sub(room.saturating_sub(1));
            for (i, p) in sale.hits.iter().enumerate().skip(first).take(room) {
                let sel = i == sale.list_selected;
                let text = format!("{} {} {:>12} {}", if sel { ">" } else { " " }, fit(&p.name, 40), format_rupiah(p.price), p.barcode.clone().unwrap_or_default());
                lines.push(Line::styled(text, if sel { theme.field_focused() } else { theme.text() }));
            }
            frame.render_widget(Paragraph::new(lines), list_area);
        }
        Mode::Parked => {
            let mut lines = vec![Line::styled(t.sale_parked_title(&ctx.key(Scope::SaleList, Action::Submit)), theme.title())];
            for (i, p) in sale.parked.iter().enumerate().take(list_area.height.saturating_sub(1) as usize) {
                let sel = i == sale.list_selected;
                let when = ctx.config.site.zone.local(p.parked_at).format("%H:%M").to_string();
                let text = format!("{} {when}  {}  ({})", if sel { ">" } else { " " }, p.label, t.sale_lines_count(p.lines.len()));
                lines.push(Line::styled(text, if sel { theme.field_focused() } else { theme.text() }));
            }
            frame.render_widget(Paragraph::new(lines), list_area);
        }
        Mode::Sales => {
            let mut lines = vec![Line::styled(t.sale_recent_title(), theme.title())];
            let room = list_area.height.saturating_sub(1) as usize;
            let first = sale.list_selected.saturating_sub(room.saturating_sub(1));
            let zone = ctx.config.site.zone;
            for (i, s) in sale.sales.iter().enumerate().skip(first).take(room) {
                let sel = i == sale.list_selected;
                let when = zone.local(s.at).format("%d/%m %H:%M").to_string();
                let status = if s.status == "voided" { t.sale_status_voided() } else { "" };
                let text = format!("{} {} {when} {:>12} {:<10} {status}", if sel { ">" } else { " " }, s.number, format_rupiah(s.total), fit(&s.cashier, 10));
                lines.push(Line::styled(text, if sel { theme.field_focused() } else { theme.text() }));
            }
            frame.render_widget(Paragraph::new(lines), list_area);
        }
        Mode::Prescription | Mode::Void | Mode::Discount => {
            let (title, labels) = match sale.mode {
                Mode::Prescription => {
                    let name = sale.pending.as_ref().map(|f| f.product.name.clone()).unwrap_or_default();
                    (t.rx_title(&name), t.rx_fields().to_vec())
                }
                Mode::Discount => (t.discount_title(sale.price_change).to_string(), t.discount_fields(sale.price_change).to_vec()),
                _ => (t.void_title().to_string(), t.void_fields().to_vec()),
            };
            let mut rows = vec![Constraint::Length(1); labels.len() + 2];
            rows.push(Constraint::Min(0));
            let areas = Layout::vertical(rows).split(list_area);
            frame.render_widget(Line::styled(title, theme.title()), areas[0]);
            for (i, l) in labels.iter().enumerate() {
                let row = areas[i + 1];
                let [la, fa] = Layout::horizontal([Constraint::Length(28), Constraint::Min(10)]).areas(row);
                frame.render_widget(Span::styled(*l, theme.label()), la);
                let masked = matches!(sale.mode, Mode::Void | Mode::Discount) && i == VOID_PIN;
                if let Some(input) = sale.form.get(i) {
                    field::render(frame, fa, input, i == sale.focus, masked, theme);
                }
            }
            let hint = match sale.mode {
                Mode::Prescription if labels.len() == RX_FIELDS => t.rx_hint(),
                Mode::Discount => t.discount_hint(),
                _ => t.void_hint(),
            };
            frame.render_widget(Line::styled(hint, theme.dim()), areas[labels.len() + 1]);
            if sale.mode == Mode::Prescription {
                // The records matching the patient field, or the one picked.
                let mut rows = Vec::new();
                match &sale.rx_patient {
                    Some((_, name)) => rows.push(Line::styled(t.rx_patient_linked(name), theme.info())),
                    None => {
                        for (i, (_, name, rm)) in sale.rx_hits.iter().enumerate() {
                            let sel = i == sale.rx_selected;
                            rows.push(Line::styled(format!("{} {} {rm}", if sel { ">" } else { " " }, fit(name, 36)), if sel { theme.field_focused() } else { theme.text() }));
                        }
                    }
                }
                if let Some(area) = areas.get(labels.len() + 2) {
                    frame.render_widget(Paragraph::new(rows), *area);
                }
            }
        }
    }
    render_totals(frame, totals_area, sale, ctx);
}

fn render_cart(frame: &mut Frame, area: Rect, sale: &SaleScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let member = sale.member.is_some();
    let head = format!("{:>2} {} {:>9} {:>11} {:>12}", "#", fit(t.sale_col_item(), 36), t.sale_col_qty(), t.sale_col_price(), t.sale_col_amount());
    let mut lines = vec![Line::styled(head, theme.title())];
    if sale.lines.is_empty() {
        let text = match &sale.last {
            Some(last) => t.sale_last(&last.number, last.total, last.change),
            None => t.sale_start_hint().to_string(),
        };
        lines.push(Line::styled(text, theme.dim()));
    }
    let room = area.height.saturating_sub(1) as usize;
    let first = sale.selected.saturating_sub(room.saturating_sub(1));
    for (i, l) in sale.lines.iter().enumerate().skip(first).take(room) {
        let p = l.priced(member);
        let qty = if l.product.by_piece() { format_milli(l.qty_milli) } else { format!("{} {}", format_milli(l.qty_milli), l.product.unit) };
        let mark = if l.prescription.is_some() {
            "R/"
        } else if p.discount != 0 {
            " %"
        } else if member && l.product.member_price.is_some() {
            "*"
        } else {
            ""
        };
        let text = format!(
            "{:>2} {} {:>9} {:>11} {:>12}",
            i + 1,
            fit(&format!("{}{mark}", l.product.name), 36),
            qty,
            format_rupiah(cart::unit_price(&p, member)),
            format_rupiah(cart::amount(&p, member))
        );
        let sel = i == sale.selected && sale.mode == super::Mode::Cart;
        lines.push(Line::styled(text, if sel { theme.field_focused() } else { theme.text() }));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn render_totals(frame: &mut Frame, area: Rect, sale: &SaleScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let settings = &ctx.config.sales;
    let tot = sale.total(settings);
    let mut left = vec![Line::raw(t.sale_items(sale.lines.len()))];
    if tot.member_savings > 0 {
        left.push(Line::raw(t.sale_savings(tot.member_savings)));
    }
    let member = sale.member.is_some();
    let priced: Vec<cart::Priced> = sale.lines.iter().map(|l| l.priced(member)).collect();
    let line_discounts: i64 = priced.iter().map(|p| p.discount).sum();
    if line_discounts != 0 {
        left.push(Line::raw(t.line_discounts(line_discounts)));
    }
    let sale_discount = sale.sale_discount(&priced, member);
    if sale_discount != 0 {
        left.push(Line::raw(t.sale_discount_line(sale_discount)));
    }
    if settings.charges_vat {
        left.push(Line::raw(t.sale_vat_line(tot.vat)));
    }
    if sale.mode == Mode::Pay {
        for tender in &sale.tenders {
            left.push(Line::raw(format!("{} {}", t.method_name(tender.method), format_rupiah(tender.amount))));
        }
    }
    let mut right = vec![Line::from(vec![Span::styled(format!("{} ", t.sale_total()), theme.label()), Span::styled(format_rupiah(tot.total), theme.title())])];
    // The attached member's shop credit: what is owed (repayments counted) and the limit.
    if let Some(m) = sale.member.as_ref().filter(|_| sale.mode != Mode::Pay) {
        right.push(Line::styled(t.sale_member_credit(m.credit_used, m.credit_limit.unwrap_or(settings.member_credit_limit)), theme.dim()));
        if let Some((day, amount)) = &m.last_repayment {
            let day = day.parse::<chrono::NaiveDate>().map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_else(|_| day.clone());
            right.push(Line::styled(t.sale_member_last_paid(&day, *amount), theme.dim()));
        }
    }
    if sale.mode == Mode::Pay {
        right.push(Line::styled(format!("{} {}", t.sale_due(), format_rupiah(sale.due(settings).max(0))), theme.label()));
        let cash_due = sale.cash_due(settings);
        if sale.method == crate::domain::cart::Method::Cash && cash_due != sale.due(settings) {
            right.push(Line::raw(t.sale_cash_rounded(cash_due)));
        }
        if let Some(avail) = sale.credit_available(settings) {
            right.push(Line::raw(t.sale_credit_left(avail)));
        }
        if let Some(a) = sale.qr_shown {
            right.push(Line::raw(t.sale_qr_printed(a)));
        }
    }
    let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    frame.render_widget(Paragraph::new(left), l);
    frame.render_widget(Paragraph::new(right).alignment(ratatui::layout::Alignment::Right), r);
}

/// While paying by QRIS, the dynamic code for the amount due is drawn for the buyer to scan.
pub fn render_qr(frame: &mut Frame, area: Rect, sale: &SaleScreen, ctx: &Ctx) {
    let (Mode::Pay, Some(amount), Some(payload)) = (sale.mode, sale.qr_shown, ctx.config.sales.qris_payload.as_deref()) else { return };
    if let Ok(dynamic) = crate::domain::qris::dynamic(payload, amount) {
        crate::widgets::qr::render(frame, area, &dynamic, ctx.theme);
    }
}
