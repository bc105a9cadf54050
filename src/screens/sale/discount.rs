//! Discounts and price changes on the sale screen: the form, the checks (the same domain rules
//! the store applies at commit), and a supervisor's approval where the site's rules ask for it.

use super::{Mode, SaleOp, SaleScreen, DISCOUNT_FIELDS, VOID_PIN};
use crate::domain::cart;
use crate::domain::discount::{self, Change, DiscountError};
use crate::domain::money::parse_rupiah;
use crate::screens::{Ctx, Reply};
use crate::store::sales::Adjusted;
use tui_input::Input;

impl SaleScreen {
    /// Open the form for the selected line (a discount may also be for the whole sale).
    pub(super) fn open_discount(&mut self, ctx: &Ctx, price_change: bool) -> Reply<SaleOp> {
        if self.lines.is_empty() {
            return Reply::error(ctx.text.sale_empty());
        }
        self.mode = Mode::Discount;
        self.price_change = price_change;
        self.form = vec![Input::default(); DISCOUNT_FIELDS];
        self.form[0] = Input::new((self.selected + 1).to_string());
        self.focus = 1;
        Reply::none()
    }

    pub(super) fn submit_discount(&mut self, ctx: &Ctx) -> Reply<SaleOp> {
        let t = &ctx.text;
        let v: Vec<String> = self.form.iter().map(|i| i.value().trim().to_string()).collect();
        let get = |i: usize| v.get(i).cloned().unwrap_or_default();
        let (line, value, reason, supervisor, pin) = (get(0), get(1), get(2), get(3), get(4));
        // Which line (1-based), or the whole sale.
        let target = if line.is_empty() && !self.price_change {
            None
        } else {
            match line.parse::<usize>() {
                Ok(n) if (1..=self.lines.len()).contains(&n) => Some(n - 1),
                _ => return Reply::error(t.discount_line_hint(self.lines.len())),
            }
        };
        let change = if self.price_change {
            match parse_rupiah(&value) {
                Some(p) if p > 0 => Change::Price(p),
                Some(_) => return Reply::error(t.discount_error("", DiscountError::Zero)),
                None => return Reply::error(t.sale_bad_amount(&value)),
            }
        } else {
            match discount::parse_off(&value) {
                Ok(off) => Change::Discount(off),
                Err(e) => return Reply::error(t.discount_error("", e)),
            }
        };
        let member = self.member.is_some();
        let (name, off) = match target {
            Some(i) => {
                let l = &self.lines[i];
                let mut p = l.priced(member);
                p.discount = 0;
                let unit = cart::unit_price(&p, member);
                (l.product.name.clone(), discount::line_off(&change, cart::gross_amount(&p, member), l.qty_milli, unit))
            }
            None => {
                let priced: Vec<cart::Priced> = self.lines.iter().map(|l| l.priced(member)).collect();
                let goods: i64 = priced.iter().map(|p| cart::amount(p, member)).sum();
                let Change::Discount(o) = &change else { unreachable!("a price change is for a line") };
                (String::new(), discount::off_amount(*o, goods))
            }
        };
        let off = match off {
            Ok(o) => o,
            Err(e) => return Reply::error(t.discount_error(&name, e)),
        };
        if reason.chars().count() < 3 {
            return Reply::error(t.discount_error(&name, DiscountError::MissingReason));
        }
        let Some(role) = ctx.role() else { return Reply::none() };
        if !ctx.config.sales.discounts.needs_approval(&change, role, off) {
            return self.apply_discount(ctx, target, Adjusted { change, reason, approved_by: None });
        }
        if supervisor.is_empty() || pin.is_empty() {
            return Reply::error(t.discount_needs_approval(&name));
        }
        // The PIN leaves the form at once.
        self.form[VOID_PIN] = Input::default();
        Reply::op(SaleOp::ApproveDiscount { supervisor, pin, target, change, reason, off })
    }

    /// Put an allowed or approved discount on its line or on the sale.
    pub(super) fn apply_discount(&mut self, ctx: &Ctx, target: Option<usize>, adj: Adjusted) -> Reply<SaleOp> {
        let name = match target {
            Some(i) if i < self.lines.len() => {
                self.lines[i].change = Some(adj);
                self.lines[i].product.name.clone()
            }
            Some(_) => return Reply::none(),
            None => {
                self.discount = Some(adj);
                String::new()
            }
        };
        self.mode = Mode::Cart;
        self.form.clear();
        let total = self.total(&ctx.config.sales).total;
        Reply::info(ctx.text.discount_given(&name, total))
    }
}
