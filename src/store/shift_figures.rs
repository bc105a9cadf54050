//! One shift's own figures (`loket report shift`, the X and Z reports): its sales, money by
//! method, discounts and rounding, each read through the shift's indexes (migration 23).

use super::reports::{ReturnLine, ShiftLine, Summary, DISCOUNTS};
use super::{Result, Store};

impl Store {
    /// The figures of one shift (`loket report shift`): its sales, money by method, sections, the
    /// returns refunded from its drawer, and the shift itself; nothing of the rest of the day.
    pub fn shift_summary(&mut self, shift_id: i64) -> Result<Option<Summary>> {
        let Some(shift) = self.shift(shift_id)? else { return Ok(None) };
        let conn = self.conn();
        let day = shift.business_day.to_string();
        let mut out = Summary { from: day.clone(), to: day.clone(), ..Default::default() };
        (out.sales.count, out.sales.total) = conn.query_row(
            "SELECT count(*), coalesce(sum(total), 0) FROM sales WHERE shift_id = ?1 AND status = 'paid'",
            [shift_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if out.sales.count > 0 {
            out.sales.by_cashier = vec![(shift.cashier.clone(), out.sales.count, out.sales.total)];
        }
        let mut stmt = conn.prepare_cached(
            "SELECT coalesce(p.section, 'lain'), sum(l.amount) FROM sales s JOIN sale_lines l ON l.sale_id = s.id LEFT JOIN products p ON p.id = l.product_id
             WHERE s.shift_id = ?1 AND s.status = 'paid' GROUP BY 1 ORDER BY 1",
        )?;
        out.sales.by_section = stmt.query_map([shift_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        out.sales.by_method = self.shift_sales(shift_id)?.3;
        // Members' QRIS (savings, repayments, installments) is part of what the cashier reports.
        let qris_recorded: i64 = out.sales.by_method.iter().filter(|(m, _)| m == "qris").map(|(_, a)| *a).sum::<i64>() + super::members::shift_member_qris(self.conn(), shift_id)?;
        let qris_reported = shift.counted_noncash.filter(|_| shift.closed_at.is_some());
        out.sales.rounding = self.shift_rounding(shift_id)?;
        let conn = self.conn();
        let mut stmt = conn.prepare_cached(
            "SELECT s.number, r.whole_sale, r.amount, u.name, a.name, r.reason FROM sale_returns r JOIN sales s ON s.id = r.sale_id
             JOIN users u ON u.id = r.user_id JOIN users a ON a.id = r.approved_by
             WHERE EXISTS (SELECT 1 FROM payments y WHERE y.sale_id = r.sale_id AND y.kind = 'refund' AND y.shift_id = ?1) ORDER BY r.id",
        )?;
        out.sales.returns = stmt
            .query_map([shift_id], |r| {
                Ok(ReturnLine { sale: r.get(0)?, whole: r.get::<_, i64>(1)? != 0, amount: r.get(2)?, cashier: r.get(3)?, approved_by: r.get(4)?, reason: r.get(5)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        out.sales.returned = out.sales.returns.iter().filter(|r| !r.whole).map(|r| r.amount).sum();
        out.shifts = vec![ShiftLine {
            id: shift.id,
            cashier: shift.cashier.clone(),
            day,
            opening_float: shift.opening_float,
            expected_cash: shift.expected_cash,
            counted_cash: shift.counted_cash,
            difference: shift.difference(),
            z_number: shift.z_number,
            qris_recorded,
            qris_reported,
            qris_difference: qris_reported.map(|q| q - qris_recorded),
        }];
        Ok(Some(out))
    }

    /// Discounts and price cuts given in a shift's paid sales.
    pub fn shift_discounts(&self, shift_id: i64) -> Result<i64> {
        Ok(self.conn().query_row(&format!("SELECT coalesce(sum(x.d), 0) FROM ({DISCOUNTS}) x WHERE x.shift = ?1"), [shift_id], |r| r.get(0))?)
    }

    /// Cash rounding in a shift's paid sales.
    pub fn shift_rounding(&self, shift_id: i64) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT coalesce(sum(a.amount), 0) FROM sale_adjustments a JOIN sales s ON s.id = a.sale_id WHERE s.shift_id = ?1 AND s.status = 'paid' AND a.kind = 'rounding'",
            [shift_id],
            |r| r.get(0),
        )?)
    }

    /// A shift's sales for its X and Z reports: count, total, money refunded, and money by method.
    pub fn shift_sales(&self, shift_id: i64) -> Result<(i64, i64, i64, Vec<(String, i64)>)> {
        let conn = self.conn();
        let (count, total): (i64, i64) = conn.query_row(
            "SELECT count(*), coalesce(sum(total), 0) FROM sales WHERE shift_id = ?1 AND status = 'paid'",
            [shift_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let voids: i64 = conn.query_row("SELECT coalesce(sum(amount), 0) FROM payments WHERE shift_id = ?1 AND kind = 'refund'", [shift_id], |r| r.get(0))?;
        let mut stmt = conn.prepare_cached(
            "SELECT method, sum(CASE WHEN kind = 'refund' THEN -amount ELSE amount END) FROM payments WHERE shift_id = ?1 GROUP BY method ORDER BY method",
        )?;
        let by_method = stmt.query_map([shift_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((count, total, voids, by_method))
    }
}
