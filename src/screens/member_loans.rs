//! The forms of the members screen that are more than an amount: a loan application (amount,
//! months, product of the settings), a supervisor's approval of a loan (name and PIN, checked in
//! the approval's transaction), and a savings correction (reason, supervisor, PIN). Disbursing
//! needs no form: the key asks once, the second press hands the money over.

use super::members::MembersOp;
use super::{Ctx, Reply};
use crate::action::Action;
use tui_input::{Input, InputRequest};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanFormKind {
    Apply,
    Approve,
    /// Reverse a savings entry.
    Correct,
}

#[derive(Debug, Clone)]
pub struct LoanForm {
    pub kind: LoanFormKind,
    /// The loan approved (Approve).
    pub loan: Option<String>,
    /// The savings entry reversed (Correct).
    pub entry: Option<i64>,
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub error: Option<String>,
}

impl LoanForm {
    /// Amount, months, and the product (the first of the settings, ready).
    pub fn apply(ctx: &Ctx) -> LoanForm {
        let product = ctx.config.members.loans.first().map(|p| p.name.clone()).unwrap_or_default();
        LoanForm { kind: LoanFormKind::Apply, loan: None, entry: None, inputs: vec![Input::default(), Input::default(), Input::new(product)], focus: 0, error: None }
    }

    pub fn approve(number: &str) -> LoanForm {
        LoanForm { kind: LoanFormKind::Approve, loan: Some(number.into()), entry: None, inputs: vec![Input::default(), Input::default()], focus: 0, error: None }
    }

    /// Reason, supervisor, PIN.
    pub fn correct(entry: i64) -> LoanForm {
        LoanForm { kind: LoanFormKind::Correct, loan: None, entry: Some(entry), inputs: vec![Input::default(); 3], focus: 0, error: None }
    }

    /// A key in the form: the reply, and whether the form closes.
    pub fn action(&mut self, ctx: &Ctx, a: Action, member_id: i64) -> (Reply<MembersOp>, bool) {
        let t = &ctx.text;
        let n = self.inputs.len();
        match a {
            Action::Cancel | Action::Back => return (Reply::none(), true),
            Action::NextField => self.focus = (self.focus + 1) % n,
            Action::PrevField => self.focus = (self.focus + n - 1) % n,
            Action::Confirm if self.kind == LoanFormKind::Correct && self.focus == 0 && self.inputs[0].value().trim().is_empty() => {
                self.error = Some(t.members_need_reason().into());
            }
            Action::Confirm if self.focus + 1 < n => self.focus += 1,
            Action::Confirm => {
                let v = |i: usize| self.inputs[i].value().trim().to_string();
                return match self.kind {
                    LoanFormKind::Apply => {
                        let amount = crate::domain::money::parse_rupiah(&v(0)).filter(|x| *x > 0);
                        let months = v(1).parse::<u32>().ok().filter(|m| *m > 0);
                        match (amount, months) {
                            (Some(amount), Some(months)) => (Reply::op(MembersOp::ApplyLoan { member_id, product: v(2), amount, months }), false),
                            (None, _) => {
                                self.error = Some(t.member_bad_amount().into());
                                self.focus = 0;
                                (Reply::none(), false)
                            }
                            (_, None) => {
                                self.error = Some(t.members_bad_months().into());
                                self.focus = 1;
                                (Reply::none(), false)
                            }
                        }
                    }
                    LoanFormKind::Correct if v(0).is_empty() => {
                        self.error = Some(t.members_need_reason().into());
                        self.focus = 0;
                        (Reply::none(), false)
                    }
                    LoanFormKind::Correct => {
                        let entry = self.entry.unwrap_or_default();
                        (Reply::op(MembersOp::Correct { member_id, entry, reason: v(0), approval: (v(1), self.inputs[2].value().to_string()) }), false)
                    }
                    LoanFormKind::Approve => {
                        let number = self.loan.clone().unwrap_or_default();
                        (Reply::op(MembersOp::ApproveLoan { member_id, number, approval: (v(0), self.inputs[1].value().to_string()) }), false)
                    }
                };
            }
            _ => {}
        }
        (Reply::none(), false)
    }

    pub fn typed(&mut self, req: InputRequest) {
        self.error = None;
        let (digits, max) = match (self.kind, self.focus) {
            (LoanFormKind::Apply, 0) => (true, 16),
            (LoanFormKind::Apply, 1) => (true, 3),
            (LoanFormKind::Approve, 1) | (LoanFormKind::Correct, 2) => (true, 8),
            _ => (false, 40),
        };
        crate::widgets::field::apply(&mut self.inputs[self.focus], req, |c| if digits { c.is_ascii_digit() || c == '.' } else { !c.is_control() }, max);
    }

    /// The labels of the fields, in the user's language.
    pub fn labels(&self, ctx: &Ctx) -> Vec<&'static str> {
        let t = &ctx.text;
        match self.kind {
            LoanFormKind::Apply => vec![t.amount_label(), t.members_months(), t.loan_product_label()],
            LoanFormKind::Approve => vec![t.members_supervisor(), t.members_supervisor_pin()],
            LoanFormKind::Correct => vec![t.members_reason(), t.members_supervisor(), t.members_supervisor_pin()],
        }
    }
}
