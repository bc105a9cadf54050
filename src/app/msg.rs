//! The messages that change the state (keys, the clock, the store's answers) and the effects
//! `update` asks `App` to carry out.

use crate::print::spool::PrinterStatus;
use crate::screens::patients::{CardView, PatientOp};
use crate::screens::queue::{QueueOp, QueueOutcome};
use crate::screens;
use crate::store::patients::{Hit, Patient, Taken};
use crate::store::queue::{QueueView, ServiceStats};
use crate::store::users::{AuthFailure, User};
use chrono::{DateTime, Utc};
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Tick(DateTime<Utc>),
    LoginResult(Result<User, AuthFailure>),
    UnlockResult(Result<User, AuthFailure>),
    /// An effect failed; the text is already in the user's language.
    Failed(String),
    /// An operation went through; say so.
    Done(String),
    /// Another process (or this one) committed something.
    DataChanged,
    QueueLoaded(QueueView, Vec<ServiceStats>),
    QueueDone(QueueOutcome),
    /// Search results for the text they were searched with.
    PatientHits(String, Vec<Hit>),
    PatientCard(CardView),
    PatientSimilar(Vec<Patient>),
    PatientSaved(Result<Patient, Taken>),
    Birthdays(Vec<Patient>, i64),
    PatientMerged(i64),
    TicketLinked(String),
    /// A check was stored or amended: as it now stands.
    CkgSaved(crate::store::ckg::SavedCheck),
    /// A saved check, to show.
    CkgOpened(crate::store::ckg::SavedCheck),
    ShiftLoaded(Option<(crate::store::shifts::Shift, crate::store::shifts::CashTotals)>),
    ShiftDone(String),
    /// A day's figures and its CKG register.
    Summary(
        chrono::NaiveDate,
        crate::store::reports::Summary,
        Vec<crate::store::ckg::RegisterRow>,
        Option<Box<crate::store::member_figures::MemberFigures>>,
        Option<crate::store::clinic::figures::ClinicFigures>,
    ),
    Exported(String),
    /// The spool's state, read from the store.
    Printer(PrinterStatus),
    SyncLoaded(screens::sync::SyncView),
    /// The store's answer to a sale-screen operation.
    Sale(Box<screens::sale::SaleMsg>),
    /// The store's answer to a receiving-screen operation.
    Receiving(Box<screens::receiving::ReceivingMsg>),
    /// The store's answer to a stock-count operation.
    Count(Box<screens::count::CountMsg>),
    Users(screens::users::UsersMsg),
    Products(Box<screens::products::ProductsMsg>),
    Reorder(screens::reorder::ReorderMsg),
    Members(Box<screens::members::MembersMsg>),
    Consult(Box<screens::consult::ConsultMsg>),
    Dispense(screens::dispensing::DispenseMsg),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Authenticate { name: String, pin: String },
    Unlock { name: String, pin: String },
    /// Record a session event (logout, lock, quit) in the audit log.
    Record { user: User, action: &'static str },
    Queue(QueueOp),
    LoadQueue,
    Patients(PatientOp),
    Shift(crate::screens::shift::ShiftOp),
    Reports(crate::screens::reports::ReportsRequest),
    LoadSync,
    Sale(screens::sale::SaleOp),
    Receiving(screens::receiving::ReceivingOp),
    Count(screens::count::CountOp),
    Users(screens::users::UsersOp),
    Products(screens::products::ProductsOp),
    Reorder(screens::reorder::ReorderOp),
    Members(screens::members::MembersOp),
    Consult(screens::consult::ConsultOp),
    Dispense(screens::dispensing::DispenseOp),
}
