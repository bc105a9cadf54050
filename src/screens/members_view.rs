//! Drawing the members screen: the search line, the members found or the one chosen (balances,
//! wajib owed, credit with its limit and last payments, loans, the latest entries), and the money
//! form on top.

use super::members::{MembersScreen, MoneyKind};
use super::{Ctx, ScreenId};
use crate::action::{Action, Scope};
use crate::domain::money::format_rupiah as rp;
use crate::domain::savings::Kind;
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

pub fn render(frame: &mut Frame, area: Rect, s: &MembersScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.screen_title(ScreenId::Members));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let label = t.members_search_label();
    let lw = label.chars().count() as u16 + 1;
    frame.render_widget(Span::styled(label.to_string(), theme.label()), Rect { height: 1, width: lw, ..inner });
    field::render(frame, Rect { x: inner.x + lw, width: inner.width.saturating_sub(lw).min(40), height: 1, ..inner }, &s.query, s.form.is_none(), false, theme);
    let body = Rect { y: inner.y + 2, height: inner.height.saturating_sub(2), ..inner };
    if let Some(st) = &s.statement {
        let lines: Vec<Line> = st.iter().map(|l| Line::raw(l.clone())).collect();
        frame.render_widget(Paragraph::new(lines).scroll((s.statement_scroll, 0)), body);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    match &s.detail {
        Some(d) => {
            let c = &d.card;
            let limit = c.credit_limit.unwrap_or(ctx.config.sales.member_credit_limit);
            lines.push(Line::styled(format!("{}  {}  ({})", c.member_no, c.name, t.member_status(&c.status)), theme.title()));
            let joined = c.joined_on.map(|j| j.format("%d/%m/%Y").to_string()).unwrap_or_else(|| "-".into());
            lines.push(Line::raw(format!("{}: {joined}   {}: {}", t.member_joined_label(), t.wajib_owed_label(), t.months_text(d.wajib_owed))));
            for k in Kind::ALL {
                lines.push(Line::raw(format!("{} {:>16}", fit(t.savings_kind(k), 24), rp(c.balance(k)))));
            }
            lines.push(Line::raw(format!("{} {:>16}   {}: {}", fit(t.credit_owed_label(), 24), rp(c.credit_owed), t.credit_limit_label(), rp(limit))));
            if !d.repayments.is_empty() {
                let paid: Vec<String> = d.repayments.iter().map(|(day, a)| format!("{} {}", day.format("%d/%m"), rp(*a))).collect();
                lines.push(Line::styled(format!("  {}: {}", t.members_last_paid(), paid.join(", ")), theme.dim()));
            }
            for (l, left, next) in &d.loans {
                lines.push(Line::raw(format!("{} {} {}, {}: {}", l.number, t.loan_status(&l.status), rp(l.terms.principal), t.principal_left_label(), rp(*left))));
                if let (Some((day, a)), true) = (next, l.status == "active") {
                    lines.push(Line::styled(format!("  {}: {} {}", t.members_next_due(), day.format("%d/%m/%Y"), rp(*a)), theme.dim()));
                }
            }
            let room = (body.height as usize).saturating_sub(lines.len() + 1);
            if room > 0 && !d.recent.is_empty() {
                lines.push(Line::styled(t.members_recent(), theme.dim()));
                for (i, e) in d.recent.iter().take(room.saturating_sub(1)).enumerate() {
                    let mark = if i == s.entry_selected { ">" } else { " " };
                    lines.push(Line::raw(format!(
                        "{mark} {} {} {:>14} {:>14}",
                        e.business_day.format("%d/%m/%Y"),
                        fit(t.savings_kind(e.kind), 20),
                        rp(e.amount),
                        rp(e.balance_after)
                    )));
                }
            }
        }
        None if s.found.is_empty() => {
            lines.push(Line::styled(if s.searched { t.members_none_found() } else { t.members_hint() }, theme.dim()));
        }
        None => {
            for (i, m) in s.found.iter().enumerate().take(body.height as usize) {
                let sel = i == s.selected;
                let text = format!("{}{} {} {:>14} {:>14}", if sel { ">" } else { " " }, fit(&m.member_no, 12), fit(&m.name, 26), rp(m.balance(Kind::Sukarela)), rp(m.credit_owed));
                lines.push(Line::styled(text, if sel { theme.field_focused() } else { theme.text() }));
            }
        }
    }
    frame.render_widget(Paragraph::new(lines), body);
    if let Some(f) = &s.loan_form {
        render_loan_form(frame, area, f, ctx);
        return;
    }
    let Some(f) = &s.form else { return };
    let title = match f.kind {
        MoneyKind::Wajib => t.members_form_wajib(),
        MoneyKind::Sukarela => t.members_form_sukarela(),
        MoneyKind::Withdraw => t.members_form_withdraw(),
        MoneyKind::Repay => t.members_form_repay(),
        MoneyKind::Installment => t.members_form_installment(),
    };
    let labels = if f.qris { [t.amount_label(), t.members_qris_reference(), ""] } else { [t.amount_label(), t.members_supervisor(), t.members_supervisor_pin()] };
    let area = centered(area, 66, f.inputs.len() as u16 + 7);
    frame.render_widget(Clear, area);
    let block = widgets::boxed(theme, title);
    let inner = block.inner(area).inner(Margin::new(1, 1));
    frame.render_widget(block, area);
    field::render_rows(frame, inner, &labels, &f.inputs, f.focus, |i| i == 2, theme);
    let y = inner.y + f.inputs.len() as u16 + 1;
    let msg = match &f.error {
        Some(e) => Line::styled(e.clone(), theme.error()),
        None if f.inputs.len() == 3 => Line::styled(t.members_approval_hint(ctx.config.members.withdrawal_approval_above), theme.dim()),
        None if f.qris => Line::styled(t.members_qris_hint(&ctx.key(Scope::MemberForm, Action::PayQris)), theme.dim()),
        None => Line::styled(
            t.members_money_hint(&ctx.key(Scope::MemberForm, Action::Confirm), &ctx.key(Scope::MemberForm, Action::Cancel), &ctx.key(Scope::MemberForm, Action::PayQris)),
            theme.dim(),
        ),
    };
    frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), Rect { y, height: 2, ..inner });
}

fn render_loan_form(frame: &mut Frame, area: Rect, f: &super::member_loans::LoanForm, ctx: &Ctx) {
    let (t, theme) = (&ctx.text, ctx.theme);
    let title = match (&f.kind, &f.loan) {
        (super::member_loans::LoanFormKind::Apply, _) => t.members_form_apply().to_string(),
        (super::member_loans::LoanFormKind::Correct, _) => format!("{} #{}", t.members_form_correct(), f.entry.unwrap_or_default()),
        (_, number) => format!("{} {}", t.members_form_approve(), number.as_deref().unwrap_or_default()),
    };
    let labels = f.labels(ctx);
    let area = centered(area, 66, labels.len() as u16 + 7);
    frame.render_widget(Clear, area);
    let block = widgets::boxed(theme, &title);
    let inner = block.inner(area).inner(Margin::new(1, 1));
    frame.render_widget(block, area);
    let masked = |i| matches!((f.kind, i), (super::member_loans::LoanFormKind::Approve, 1) | (super::member_loans::LoanFormKind::Correct, 2));
    field::render_rows(frame, inner, &labels, &f.inputs, f.focus, masked, theme);
    let y = inner.y + labels.len() as u16 + 1;
    let msg = match &f.error {
        Some(e) => Line::styled(e.clone(), theme.error()),
        None => Line::styled(t.members_form_hint(&ctx.key(Scope::MemberForm, Action::Confirm), &ctx.key(Scope::MemberForm, Action::Cancel)), theme.dim()),
    };
    frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), Rect { y, height: 2, ..inner });
}
