//! Members at the counter: find a member (member number, record number, NIK or name), see the
//! balances, the wajib owed, the shop credit and the loans; pay in wajib or sukarela, take out
//! sukarela (a supervisor's name and PIN above the setting), take a credit repayment or a loan
//! installment, print the statement of the year. Each money key opens a small form; the
//! operation is `ops::members` / `ops::loans`, and the slip prints there. Money comes in as cash
//! or, after the QRIS key in the form, by QRIS with its reference; a withdrawal is paid in cash.

use super::{Ctx, Reply};
use crate::action::{Action, Scope};
use crate::keymap::Key;
use crate::store::loans::Loan;
use crate::store::members::{Entry, MemberCard};
use crate::widgets::field;
use tui_input::Input;

/// A loan as the screen lists it: the loan, the principal still owed, the next installment (day, amount).
pub type LoanLine = (Loan, i64, Option<(chrono::NaiveDate, i64)>);

/// What the screen shows of one member (read by the app from the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDetail {
    pub card: MemberCard,
    pub wajib_owed: i64,
    /// Each loan with the principal still owed and what is due next (day, amount).
    pub loans: Vec<LoanLine>,
    /// The latest savings entries, newest first.
    pub recent: Vec<Entry>,
    /// The latest credit repayments (day, amount), newest first.
    pub repayments: Vec<(chrono::NaiveDate, i64)>,
}

impl MemberDetail {
    /// The loan an installment goes to: the first active one.
    pub fn active_loan(&self) -> Option<&Loan> {
        self.loans.iter().map(|l| &l.0).find(|l| l.status == "active")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyKind {
    Wajib,
    Sukarela,
    Withdraw,
    Repay,
    Installment,
}

#[derive(Debug, Clone)]
pub struct MoneyForm {
    pub kind: MoneyKind,
    /// The amount; for a withdrawal also the supervisor's name and PIN.
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub error: Option<String>,
    /// Paid by QRIS (the second field is then its reference); else cash.
    pub qris: bool,
}

#[derive(Debug, Clone, Default)]
pub struct MembersScreen {
    pub query: Input,
    pub found: Vec<MemberCard>,
    pub selected: usize,
    pub detail: Option<MemberDetail>,
    pub form: Option<MoneyForm>,
    /// A search was answered (so "none found" can be said).
    pub searched: bool,
    /// The statement shown in place of the member (its lines), and how far it is scrolled.
    pub statement: Option<Vec<String>>,
    pub statement_scroll: u16,
    /// A loan application or approval being typed.
    pub loan_form: Option<super::member_loans::LoanForm>,
    /// The loan whose disbursement was asked once (the second press hands the money over).
    pub disburse_asked: Option<String>,
    /// The latest entry chosen (Up/Down) for a correction, counted from the newest.
    pub entry_selected: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MembersOp {
    Find(String),
    Open(i64),
    Money { member_id: i64, kind: MoneyKind, amount: i64, loan: Option<String>, approval: Option<(String, String)>, qris: Option<String> },
    PrintStatement(i64),
    ShowStatement(i64),
    /// Make the person with this record number or NIK a member.
    Register(String),
    ApplyLoan { member_id: i64, product: String, amount: i64, months: u32 },
    ApproveLoan { member_id: i64, number: String, approval: (String, String) },
    DisburseLoan { member_id: i64, number: String },
    Correct { member_id: i64, entry: i64, reason: String, approval: (String, String) },
}

#[derive(Debug, Clone)]
pub enum MembersMsg {
    Found(Vec<MemberCard>),
    Detail(Box<MemberDetail>),
    /// Done: the message and the member to show again.
    Done(String, i64),
    Failed(String),
    Statement(Vec<String>),
}

impl MembersScreen {
    pub fn scope(&self) -> Scope {
        if self.form.is_some() || self.loan_form.is_some() {
            Scope::MemberForm
        } else {
            Scope::Members
        }
    }

    fn fields(ctx: &Ctx, kind: MoneyKind, amount: i64, qris: bool) -> usize {
        if kind == MoneyKind::Withdraw && amount > ctx.config.members.withdrawal_approval_above {
            3
        } else if qris {
            2
        } else {
            1
        }
    }

    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<MembersOp> {
        if self.form.is_some() {
            return self.form_action(ctx, a);
        }
        if let Some(f) = self.loan_form.as_mut() {
            let member_id = self.detail.as_ref().map(|d| d.card.id).unwrap_or_default();
            let (reply, close) = f.action(ctx, a, member_id);
            if close {
                self.loan_form = None;
            }
            return reply;
        }
        let asked = self.disburse_asked.take();
        let t = &ctx.text;
        let open = |kind| Some(MoneyForm { kind, inputs: vec![Input::default()], focus: 0, error: None, qris: false });
        if self.statement.is_some() {
            match a {
                Action::ScrollUp => self.statement_scroll = self.statement_scroll.saturating_sub(5),
                Action::ScrollDown => self.statement_scroll = self.statement_scroll.saturating_add(5),
                Action::Back | Action::ShowStatement => self.statement = None,
                _ => {}
            }
            return Reply::none();
        }
        match a {
            Action::RegisterMember => {
                let q = self.query.value().trim().to_string();
                if q.is_empty() {
                    return Reply::error(t.action_help(Action::RegisterMember));
                }
                self.query = Input::default();
                return Reply::op(MembersOp::Register(q));
            }
            Action::ApplyLoan | Action::ApproveLoan | Action::DisburseLoan => {
                let Some(d) = &self.detail else { return Reply::error(t.members_pick_first()) };
                let find = |state: &str| d.loans.iter().map(|l| &l.0).find(|l| l.status == state).map(|l| (l.number.clone(), l.terms.principal - l.admin_fee));
                match a {
                    Action::ApplyLoan => self.loan_form = Some(super::member_loans::LoanForm::apply(ctx)),
                    Action::ApproveLoan => match find("applied") {
                        Some((number, _)) => self.loan_form = Some(super::member_loans::LoanForm::approve(&number)),
                        None => return Reply::info(t.members_no_loan_in("applied")),
                    },
                    _ => match find("approved") {
                        Some((number, _)) if asked.as_deref() == Some(number.as_str()) => {
                            return Reply::op(MembersOp::DisburseLoan { member_id: d.card.id, number });
                        }
                        Some((number, cash)) => {
                            let key = ctx.key(Scope::Members, Action::DisburseLoan);
                            self.disburse_asked = Some(number.clone());
                            return Reply::info(t.members_disburse_ask(&number, cash, &key));
                        }
                        None => return Reply::info(t.members_no_loan_in("approved")),
                    },
                }
            }
            Action::ShowStatement => match &self.detail {
                Some(d) => return Reply::op(MembersOp::ShowStatement(d.card.id)),
                None => return Reply::error(t.members_pick_first()),
            },
            Action::Back if self.detail.is_some() => {
                self.detail = None;
                return Reply::none();
            }
            Action::Back => return Reply::home(),
            Action::ScrollUp if self.detail.is_some() => self.entry_selected = self.entry_selected.saturating_sub(1),
            Action::ScrollDown if self.detail.is_some() => {
                let n = self.detail.as_ref().map_or(0, |d| d.recent.len());
                self.entry_selected = (self.entry_selected + 1).min(n.saturating_sub(1));
            }
            Action::ScrollUp => self.selected = self.selected.saturating_sub(1),
            Action::ScrollDown => self.selected = (self.selected + 1).min(self.found.len().saturating_sub(1)),
            Action::CorrectEntry => match self.detail.as_ref().and_then(|d| d.recent.get(self.entry_selected)) {
                Some(e) if e.reverses.is_none() => self.loan_form = Some(super::member_loans::LoanForm::correct(e.id)),
                Some(_) => return Reply::error(t.members_not_a_correction()),
                None => return Reply::error(t.members_pick_first()),
            },
            Action::Submit => {
                let q = self.query.value().trim().to_string();
                if !q.is_empty() {
                    self.query = Input::default();
                    return Reply::op(MembersOp::Find(q));
                }
                if let Some(m) = self.found.get(self.selected) {
                    return Reply::op(MembersOp::Open(m.id));
                }
            }
            Action::DepositWajib | Action::DepositSukarela | Action::WithdrawSavings | Action::RepayCredit | Action::PayInstallment | Action::PrintStatement => {
                let Some(d) = &self.detail else { return Reply::error(t.members_pick_first()) };
                match a {
                    Action::DepositWajib => self.form = open(MoneyKind::Wajib),
                    Action::DepositSukarela => self.form = open(MoneyKind::Sukarela),
                    Action::WithdrawSavings => self.form = open(MoneyKind::Withdraw),
                    Action::RepayCredit if d.card.credit_owed > 0 => self.form = open(MoneyKind::Repay),
                    Action::RepayCredit => return Reply::info(t.members_no_credit()),
                    Action::PayInstallment if d.active_loan().is_some() => self.form = open(MoneyKind::Installment),
                    Action::PayInstallment => return Reply::info(t.members_no_loan()),
                    _ => return Reply::op(MembersOp::PrintStatement(d.card.id)),
                }
                // The usual amount, ready to confirm: the wajib of a month, the next installment, all the credit owed.
                let usual = match self.form.as_ref().map(|f| f.kind) {
                    Some(MoneyKind::Wajib) => Some(ctx.config.members.wajib),
                    Some(MoneyKind::Repay) => Some(d.card.credit_owed),
                    Some(MoneyKind::Installment) => d.loans.iter().find(|l| l.0.status == "active").and_then(|l| l.2).map(|n| n.1),
                    _ => None,
                };
                if let (Some(f), Some(v)) = (self.form.as_mut(), usual.filter(|v| *v > 0)) {
                    f.inputs[0] = Input::new(v.to_string());
                }
            }
            _ => {}
        }
        Reply::none()
    }

    fn form_action(&mut self, ctx: &Ctx, a: Action) -> Reply<MembersOp> {
        let t = &ctx.text;
        let Some(d) = self.detail.as_ref() else {
            self.form = None;
            return Reply::none();
        };
        let (member_id, loan) = (d.card.id, d.active_loan().map(|l| l.number.clone()));
        let Some(f) = self.form.as_mut() else { return Reply::none() };
        let amount = crate::domain::money::parse_rupiah(f.inputs[0].value()).filter(|v| *v > 0);
        // A withdrawal above the setting asks for the supervisor too.
        let want = Self::fields(ctx, f.kind, amount.unwrap_or(0), f.qris);
        while f.inputs.len() < want {
            f.inputs.push(Input::default());
        }
        f.inputs.truncate(want);
        f.focus = f.focus.min(want - 1);
        let n = f.inputs.len();
        match a {
            Action::Cancel | Action::Back => self.form = None,
            // Money in by QRIS (a withdrawal is paid out in cash): the reference is asked next.
            Action::PayQris if f.kind == MoneyKind::Withdraw => f.error = Some(t.members_withdraw_cash().into()),
            Action::PayQris => {
                f.qris = !f.qris;
                f.error = None;
                if f.qris {
                    f.inputs.push(Input::default());
                    f.focus = 1;
                } else {
                    f.inputs.truncate(1);
                    f.focus = 0;
                }
            }
            Action::NextField => f.focus = (f.focus + 1) % n,
            Action::PrevField => f.focus = (f.focus + n - 1) % n,
            Action::Confirm => {
                let Some(amount) = amount else {
                    f.error = Some(t.member_bad_amount().into());
                    f.focus = 0;
                    return Reply::none();
                };
                if f.focus + 1 < n {
                    f.focus += 1;
                    return Reply::none();
                }
                let approval = (n == 3).then(|| (f.inputs[1].value().trim().to_string(), f.inputs[2].value().to_string()));
                let qris = f.qris.then(|| f.inputs[1].value().trim().to_string());
                let loan = if f.kind == MoneyKind::Installment { loan } else { None };
                return Reply::op(MembersOp::Money { member_id, kind: f.kind, amount, loan, approval, qris });
            }
            _ => {}
        }
        Reply::none()
    }

    pub fn typed(&mut self, key: &Key) {
        let Some(req) = field::edit_request(key) else { return };
        if let Some(f) = self.loan_form.as_mut() {
            f.typed(req);
            return;
        }
        match self.form.as_mut() {
            Some(f) => {
                f.error = None;
                let digits = f.focus != 1;
                field::apply(&mut f.inputs[f.focus], req, |c| if digits { c.is_ascii_digit() || c == '.' } else { !c.is_control() }, 20);
            }
            None => field::apply(&mut self.query, req, |c| !c.is_control(), 40),
        }
    }

    pub fn answer(&mut self, m: MembersMsg) -> Reply<MembersOp> {
        match m {
            MembersMsg::Found(list) => {
                self.searched = true;
                self.selected = 0;
                let one = (list.len() == 1).then(|| list[0].id);
                self.found = list;
                self.detail = None;
                one.map(|id| Reply::op(MembersOp::Open(id))).unwrap_or_else(Reply::none)
            }
            MembersMsg::Statement(lines) => {
                self.statement = Some(lines);
                self.statement_scroll = 0;
                Reply::none()
            }
            MembersMsg::Detail(d) => {
                if self.detail.as_ref().map(|o| o.card.id) != Some(d.card.id) {
                    self.entry_selected = 0;
                }
                self.entry_selected = self.entry_selected.min(d.recent.len().saturating_sub(1));
                self.detail = Some(*d);
                Reply::none()
            }
            MembersMsg::Done(text, id) => {
                self.form = None;
                self.loan_form = None;
                Reply::info(text).then(Reply::op(MembersOp::Open(id)))
            }
            MembersMsg::Failed(text) => {
                if let Some(f) = self.form.as_mut() {
                    f.error = Some(text);
                } else if let Some(f) = self.loan_form.as_mut() {
                    f.error = Some(text);
                } else {
                    return Reply::error(text);
                }
                Reply::none()
            }
        }
    }
}
