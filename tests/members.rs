//! Members at the counter through the operations: joining with the simpanan pokok, deposits and
//! withdrawals in the cashier's shift, a correction approved by a supervisor, shop credit paid
//! back, and a loan from application to the last installment; every refusal saves nothing, the
//! shift's expected cash counts the members' money, and the audit log verifies clean.

mod common;
use chrono::Duration;
use common::*;
use loket::config::Config;
use loket::domain::savings::Kind;
use loket::ops::members::{self as m, Approval};
use loket::ops::loans;
use loket::store::members::{MemberRefusal, Money};
use loket::store::users::User;
use loket::store::{Store, StoreError};
use loket::text::{Lang, Text};

fn config() -> Config {
    let mut c = demo_config();
    c.printer.transport = loket::print::TransportConfig::File("/dev/null".into());
    c
}

fn user(store: &Store, name: &str) -> User {
    store.user(name).unwrap().unwrap()
}

fn refusal(e: StoreError) -> MemberRefusal {
    match e {
        StoreError::Member(r) => r,
        other => panic!("not a member refusal: {other:?}"),
    }
}

fn counts(store: &Store) -> (i64, i64, i64) {
    let q = |sql: &str| store_count(store, sql);
    (q("savings_entries"), q("loan_payments"), q("credit_repayments"))
}

fn sql(store: &Store) -> rusqlite::Connection {
    rusqlite::Connection::open(store.path()).unwrap()
}

fn store_count(store: &Store, table: &str) -> i64 {
    sql(store).query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// A demo patient who is not a member yet.
fn new_person(store: &Store) -> i64 {
    sql(store).query_row("SELECT id FROM patients WHERE member_no IS NULL ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_member_saves_withdraws_and_a_supervisor_corrects() {
    let (_d, mut store) = demo_store();
    let config = config();
    let now = fixed_now();
    let budi = user(&store, "budi");
    let person = new_person(&store);
    // No shift: nothing happens.
    assert!(matches!(m::register(&mut store, &config, &budi, person, "Ani", "istri", &Money::Cash, now), Err(StoreError::NoOpenShift)));
    let shift = loket::ops::shifts::open(&mut store, &config, &budi.actor(), 100_000, now).unwrap();
    let (card, pokok) = m::register(&mut store, &config, &budi, person, "Ani", "istri", &Money::Cash, now).unwrap();
    assert_eq!((card.balance(Kind::Pokok), pokok.unwrap().balance_after), (100_000, 100_000));
    assert!(card.member_no.starts_with("A-"), "{}", card.member_no);
    // The card and the slip are printed; the slip shows the new balance and no health data.
    let jobs = store.recent_print_jobs(2).unwrap();
    assert!(jobs.iter().any(|j| j.preview.contains("KARTU ANGGOTA") && j.preview.contains(&card.member_no)), "{}", jobs[0].preview);
    assert!(jobs.iter().any(|j| j.preview.contains("Saldo baru") && j.preview.contains("Rp100.000")), "{}", jobs[0].preview);
    // A member slip holds no health data: not the record number, the NIK or the birth date.
    let (rm, nik, born): (String, Option<String>, String) =
        sql(&store).query_row("SELECT rm_number, nik, birth_date FROM patients WHERE id = ?1", [person], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap();
    let born: chrono::NaiveDate = born.parse().unwrap();
    for j in &jobs {
        for private in [Some(rm.clone()), nik.clone(), Some(born.format("%d/%m/%Y").to_string()), Some("CKG".to_string())].into_iter().flatten() {
            assert!(!j.preview.contains(&private), "{private} on a member slip:\n{}", j.preview);
        }
    }
    assert!(matches!(refusal(m::register(&mut store, &config, &budi, person, "", "", &Money::Cash, now).unwrap_err()), MemberRefusal::AlreadyMember(_)));
    assert_eq!(refusal(m::deposit(&mut store, &config, &budi, card.id, Kind::Pokok, 100_000, &Money::Cash, now).unwrap_err()), MemberRefusal::PokokPaid);

    m::deposit(&mut store, &config, &budi, card.id, Kind::Wajib, 20_000, &Money::Cash, now).unwrap();
    m::deposit(&mut store, &config, &budi, card.id, Kind::Sukarela, 1_500_000, &Money::Cash, now).unwrap();
    m::deposit(&mut store, &config, &budi, card.id, Kind::Sukarela, 50_000, &Money::Qris("QR123".into()), now).unwrap();
    assert_eq!(refusal(m::deposit(&mut store, &config, &budi, card.id, Kind::Sukarela, 5_000, &Money::Qris(" ".into()), now).unwrap_err()), MemberRefusal::NeedsReference);

    // Bad input saves nothing: above the balance, wajib, above the approval limit without one.
    let before = counts(&store);
    let w = |store: &mut Store, amount, approval: Option<&Approval>| m::withdraw(store, &config, &budi, card.id, amount, &Money::Cash, approval, now);
    assert!(matches!(refusal(w(&mut store, 1_550_001, Some(&Approval { name: "joko".into(), pin: "4444".into() })).unwrap_err()), MemberRefusal::Withdraw(_)));
    assert_eq!(refusal(w(&mut store, 1_200_000, None).unwrap_err()), MemberRefusal::NeedsApproval(1_000_000));
    assert_eq!(counts(&store), before);
    let text = Text::new(Lang::Id);
    assert_eq!(text.member_refusal(&MemberRefusal::NeedsApproval(1_000_000)), "Penarikan di atas Rp1.000.000 perlu persetujuan pengawas (nama dan PIN).");
    // A wrong PIN is counted and nothing else is written; the right one approves.
    assert!(w(&mut store, 1_200_000, Some(&Approval { name: "joko".into(), pin: "0000".into() })).unwrap().is_err());
    assert_eq!(counts(&store), before);
    let out = w(&mut store, 1_200_000, Some(&Approval { name: "joko".into(), pin: "4444".into() })).unwrap().unwrap();
    assert_eq!((out.amount, out.balance_after, out.approved_by.as_deref()), (-1_200_000, 350_000, Some("joko")));
    w(&mut store, 100_000, None).unwrap().unwrap();

    // A correction of the wajib deposit: a reversing entry, approved, once.
    let entries = store.savings_entries(card.id, now.date_naive(), now.date_naive()).unwrap();
    let wajib = entries.iter().find(|e| e.kind == Kind::Wajib).unwrap().id;
    let joko = Approval { name: "joko".into(), pin: "4444".into() };
    let rev = m::reverse(&mut store, &config, &budi, wajib, &joko, "salah jenis", now).unwrap().unwrap();
    assert_eq!((rev.amount, rev.reverses, rev.balance_after), (-20_000, Some(wajib), 0));
    assert_eq!(refusal(m::reverse(&mut store, &config, &budi, wajib, &joko, "lagi", now).unwrap_err()), MemberRefusal::AlreadyReversed(wajib));

    // Balances are the sum of the entries.
    let card = store.member_card(card.id).unwrap().unwrap();
    let all = store.savings_entries(card.id, chrono::NaiveDate::MIN, chrono::NaiveDate::MAX).unwrap();
    for k in Kind::ALL {
        assert_eq!(card.balance(k), all.iter().filter(|e| e.kind == k).map(|e| e.amount).sum::<i64>());
    }
    assert_eq!(card.savings, [100_000, 0, 250_000]);
    // The drawer: float + pokok 100.000 + sukarela 1.500.000 - 1.200.000 - 100.000 - wajib reversed 20.000 + 20.000
    // (QRIS is not cash).
    let totals = store.shift_totals(&store.shift(shift.id).unwrap().unwrap()).unwrap();
    assert_eq!((totals.members_cash, totals.expected_cash, totals.members_qris), (300_000, 400_000, 50_000));
    // The QRIS the cashier reports at closing includes the members' QRIS: no difference.
    loket::ops::shifts::close(&mut store, &config, &budi, 400_000, 50_000, None, now).unwrap();
    let z = &store.recent_print_jobs(1).unwrap()[0];
    assert!(z.preview.lines().any(|l| l.contains("QRIS tercatat") && l.contains("Rp50.000")), "{}", z.preview);
    let day = config.site.zone.business_day(now);
    let summary = store.summary(day, day, day, 30).unwrap();
    assert_eq!(summary.shifts.iter().find(|s| s.id == shift.id).unwrap().qris_difference, Some(0));
    assert_eq!(store.verify_audit().unwrap().problems(), None);
    // Entries are append-only, even by hand.
    assert!(sql(&store).execute("UPDATE savings_entries SET amount = 1", []).is_err());
}

#[test]
fn shop_credit_is_paid_back_in_part_and_never_above_what_is_owed() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    login_with_shift(&mut app, "budi", "2222");
    // A credit sale at the counter: Minyakita for the warung, on member credit.
    send(&mut app, &["f4", "KMP-9000001", "f8", "8991000000034", "enter", "f10", "f7", "enter"]);
    assert!(flash(&app).contains("lunas"), "{}", flash(&app));
    let (store, config, now) = (&mut app.store, &app.state.config, fixed_now());
    let budi = user(store, "budi");
    let member = store.member_by_no("KMP-9000001").unwrap().unwrap();
    let owed = member.credit_used;
    assert!(owed > 0);
    assert_eq!(refusal(m::repay_credit(store, config, &budi, member.id, owed + 1, &Money::Cash, now).unwrap_err()), MemberRefusal::RepayTooMuch(owed));
    let card = m::repay_credit(store, config, &budi, member.id, 1_000, &Money::Cash, now).unwrap();
    assert_eq!(card.credit_owed, owed - 1_000);
    // The sale screen's limit counts what is owed now.
    assert_eq!(store.member_by_no("KMP-9000001").unwrap().unwrap().credit_used, owed - 1_000);
    let receipt = &store.recent_print_jobs(1).unwrap()[0];
    assert!(receipt.preview.contains("PEMBAYARAN KASBON") && receipt.preview.contains(&loket::domain::money::format_rupiah(owed - 1_000)), "{}", receipt.preview);
    let day = config.site.zone.business_day(now);
    let figures = store.member_figures(day, day, &config.members.arrears).unwrap();
    let line = figures.credit.iter().find(|c| c.0 == "KMP-9000001").unwrap();
    assert_eq!(line.3.upto_30, owed - 1_000);
    // The sale screen shows the member's credit, limit and last repayment when attached.
    send(&mut app, &["KMP-9000001", "f8", "8991000000034", "enter"]);
    let screen = screen_text(&app.state, 80, 24);
    let (store, config) = (&mut app.store, &app.state.config);
    assert!(screen.contains(&format!("Kasbon {} / batas Rp2.000.000", loket::domain::money::format_rupiah(owed - 1_000))), "{screen}");
    assert!(screen.contains("Terakhir bayar 23/11/2026 Rp1.000"), "{screen}");
    m::repay_credit(store, config, &budi, member.id, owed - 1_000, &Money::Qris("REF9".into()), now).unwrap();
    assert_eq!(store.member_card(member.id).unwrap().unwrap().credit_owed, 0);
    let figures = store.member_figures(day, day, &config.members.arrears).unwrap();
    assert!(figures.credit.iter().all(|c| c.0 != "KMP-9000001"));
    assert_eq!(figures.credit_repaid, owed);
    assert_eq!(store.verify_audit().unwrap().problems(), None);
}

#[test]
fn a_loan_from_application_to_paid_off() {
    let (_d, mut store) = demo_store();
    let config = config();
    let now = fixed_now();
    let budi = user(&store, "budi");
    let first = loket::ops::shifts::open(&mut store, &config, &budi.actor(), 2_000_000, now).unwrap();
    let person = new_person(&store);
    let (card, _) = m::register(&mut store, &config, &budi, person, "", "", &Money::Cash, now).unwrap();
    // Outside the product: refused, nothing saved.
    let apply = |store: &mut Store, amount, tenor, rate| loans::apply(store, &config, &budi, card.id, "Pinjaman Umum", amount, tenor, rate, now);
    assert_eq!(refusal(apply(&mut store, 10_000_001, 12, None).unwrap_err()), MemberRefusal::AboveProduct(10_000_000));
    assert_eq!(refusal(apply(&mut store, 1_000_000, 25, None).unwrap_err()), MemberRefusal::TenorOutside(24));
    assert_eq!(refusal(apply(&mut store, 1_000_000, 12, Some(151)).unwrap_err()), MemberRefusal::RateOutside(150));
    assert!(matches!(refusal(loans::apply(&mut store, &config, &budi, card.id, "Kredit Motor", 1, 1, None, now).unwrap_err()), MemberRefusal::UnknownProduct(_)));
    assert_eq!(store_count(&store, "loans"), 0);
    let loan = apply(&mut store, 1_000_000, 3, None).unwrap();
    // A cashier cannot approve alone; disbursing before approval is refused.
    assert_eq!(refusal(loans::approve(&mut store, &config, &budi, &loan.number, None, now).unwrap_err()), MemberRefusal::NotSupervisor);
    assert!(matches!(refusal(loans::disburse(&mut store, &config, &budi, &loan.number, now).unwrap_err()), MemberRefusal::LoanState(_)));
    let approved = loans::approve(&mut store, &config, &budi, &loan.number, Some(&Approval { name: "joko".into(), pin: "4444".into() }), now).unwrap().unwrap();
    assert_eq!(approved.approved_by.as_deref(), Some("joko"));
    let (_, schedule) = loans::disburse(&mut store, &config, &budi, &loan.number, now).unwrap();
    assert_eq!(schedule.iter().map(|i| i.principal).sum::<i64>(), 1_000_000);
    let printed = &store.recent_print_jobs(1).unwrap()[0];
    assert!(printed.preview.contains("JADWAL ANGSURAN") && printed.preview.contains("Rp348.333"), "{}", printed.preview);
    // First installment 10 days late: Rp10.000 late fee first, then interest, then principal.
    let late = now + Duration::days(40);
    let paid = loans::pay(&mut store, &config, &budi, &loan.number, 50_000, &Money::Cash, late).unwrap();
    let t = paid.split.total();
    assert_eq!((t.late_fee, t.interest, t.principal), (10_000, 15_000, 25_000));
    // Settle the rest early: no interest for installments not yet due.
    let due = loans::settlement_amount(&store, &config, &loan.number, late).unwrap();
    let settled = loans::settle(&mut store, &config, &budi, &loan.number, &Money::Cash, late).unwrap();
    assert_eq!((settled.amount, settled.principal_left, settled.loan.status.as_str()), (due, 0, "paid"));
    assert_eq!(due, 1_000_000 - 25_000);
    // A paid-off loan takes nothing more.
    assert_eq!(refusal(loans::pay(&mut store, &config, &budi, &loan.number, 1, &Money::Cash, late).unwrap_err()), MemberRefusal::Loan(loket::domain::loans::PayError::PaidOff));
    // The drawer gave out 1.000.000 less the 25.000 fee and took pokok, 50.000 and the settlement.
    let totals = store.shift_totals(&store.shift(first.id).unwrap().unwrap()).unwrap();
    assert_eq!(totals.members_cash, 100_000 - 975_000 + 50_000 + due);
    // The Z report shows the members' cash as its own line of the expected cash.
    loket::ops::shifts::close(&mut store, &config, &budi, totals.expected_cash, 0, None, late).unwrap();
    let z = &store.recent_print_jobs(1).unwrap()[0];
    assert!(z.preview.contains("Simpan pinjam (tunai)") && z.preview.contains(&loket::domain::money::format_rupiah(totals.members_cash)), "{}", z.preview);
    loket::ops::shifts::open(&mut store, &config, &budi.actor(), 0, late).unwrap();
    // Statement: the loan with its two payments.
    let st = store.statement(card.id, now.date_naive(), late.date_naive()).unwrap();
    assert_eq!(st.loans.len(), 1);
    assert_eq!(st.loans[0].payments.iter().map(|p| p.amount).sum::<i64>(), 50_000 + due);
    // Printed, the statement carries the schedule (paid installments marked) and the payments.
    m::print_statement(&mut store, &config, &budi, card.id, now.date_naive(), late.date_naive(), late).unwrap().unwrap();
    let printed = &store.recent_print_jobs(1).unwrap()[0];
    assert!(printed.preview.contains("1. 23/12/2026 *") && printed.preview.contains("Rp348.333"), "{}", printed.preview);
    assert_eq!(store.verify_audit().unwrap().problems(), None);
    // A resigned member may not borrow.
    assert_eq!(refusal(m::set_status(&mut store, &budi, card.id, "resigned", now).unwrap_err()), MemberRefusal::NotSupervisor);
    let joko = user(&store, "joko");
    m::set_status(&mut store, &joko, card.id, "resigned", now).unwrap();
    assert!(matches!(refusal(apply(&mut store, 100_000, 2, None).unwrap_err()), MemberRefusal::NotActive(_)));
}

#[test]
fn the_members_screen_takes_a_deposit_refuses_a_withdrawal_above_the_balance_and_a_repayment() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    login_with_shift(&mut app, "budi", "2222");
    // A credit sale for the warung first, then its member on the members screen (A on the home screen).
    send(&mut app, &["f4", "KMP-9000001", "f8", "8991000000034", "enter", "f10", "f7", "enter", "esc"]);
    send(&mut app, &["a"]);
    assert!(screen_text(&app.state, 80, 24).contains("Ketik No. anggota"), "{}", screen_text(&app.state, 80, 24));
    send(&mut app, &["warung", "enter"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("KMP-9000001") && screen.contains("Warung Bu Tini"), "{screen}");
    let owed = app.store.member_by_no("KMP-9000001").unwrap().unwrap().credit_used;
    assert!(screen.contains(&format!("{}   Batas kasbon: Rp2.000.000", loket::domain::money::format_rupiah(owed))), "credit and its limit: {screen}");
    // Sukarela in, then out above the balance (refused in the form, nothing saved).
    send(&mut app, &["f6", "50000", "enter"]);
    assert!(flash(&app).contains("saldo Rp50.000"), "{}", flash(&app));
    send(&mut app, &["f7", "60000", "enter"]);
    let f = app.state.members.form.as_ref().expect("the form stays open");
    assert_eq!(f.error.as_deref(), Some("Penarikan melebihi saldo (Rp50.000). Tidak ada yang disimpan."));
    send(&mut app, &["esc"]);
    // The repayment form offers what is owed; Enter takes it.
    send(&mut app, &["f8", "enter"]);
    assert!(flash(&app).contains("Sisa kasbon: Rp0"), "{}", flash(&app));
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Terakhir bayar: 23/11"), "{screen}");
    // The shift counts the cash.
    let shift = app.store.open_shift(app.state.session.as_ref().unwrap().id).unwrap().unwrap();
    let totals = app.store.shift_totals(&shift).unwrap();
    assert_eq!(totals.members_cash, 50_000 + owed);
    insta::assert_snapshot!("members_detail_80x24", render(&app.state, 80, 24).backend());
    // Above the approval limit the form asks for the supervisor (after the amount).
    send(&mut app, &["f7", "2000000", "tab"]);
    insta::assert_snapshot!("members_withdraw_approval_80x24", render(&app.state, 80, 24).backend());
    send(&mut app, &["esc"]);
    // No loan: said plainly.
    send(&mut app, &["f10"]);
    assert_eq!(flash(&app), "Anggota ini tidak punya pinjaman berjalan.");
}

/// Money in by QRIS on the members screen (it was cash only; QRIS only from the shell): F6 in the
/// form asks for the reference; the entry is QRIS, with its reference, and not in the cash drawer.
#[test]
fn members_money_comes_in_by_qris_on_screen_too() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    login_with_shift(&mut app, "budi", "2222");
    send(&mut app, &["f4", "KMP-9000001", "f8", "8991000000034", "enter", "f10", "f7", "enter", "esc"]);
    send(&mut app, &["a", "warung", "enter"]);
    let owed = app.store.member_by_no("KMP-9000001").unwrap().unwrap().credit_used;
    assert!(owed > 0);
    let shift = app.store.open_shift(app.state.session.as_ref().unwrap().id).unwrap().unwrap();
    let cash_before = app.store.shift_totals(&shift).unwrap().members_cash;
    // Sukarela by QRIS: the amount, F6, the reference.
    send(&mut app, &["f6", "25000", "f6"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Referensi QRIS"), "{screen}");
    insta::assert_snapshot!("members_qris_80x24", screen);
    // Without a reference: refused, nothing saved.
    send(&mut app, &["enter"]);
    assert!(app.state.members.form.is_some(), "{}", flash(&app));
    send(&mut app, &["QR-7781", "enter"]);
    assert!(flash(&app).contains("saldo Rp25.000"), "{}", flash(&app));
    let method: String = sql(&app.store).query_row("SELECT method || ':' || coalesce(reference, '') FROM savings_entries ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    assert_eq!(method, "qris:QR-7781");
    // The credit repaid by QRIS too; a withdrawal stays cash.
    send(&mut app, &["f8", "f6", "QR-7782", "enter"]);
    assert!(flash(&app).contains("Sisa kasbon: Rp0"), "{}", flash(&app));
    send(&mut app, &["f7", "1000", "f6"]);
    assert_eq!(app.state.members.form.as_ref().and_then(|f| f.error.clone()).as_deref(), Some("Penarikan dibayar tunai."));
    send(&mut app, &["esc"]);
    assert_eq!(app.store.shift_totals(&shift).unwrap().members_cash, cash_before, "QRIS is not cash in the drawer");
}

/// kill -9 in the middle of deposits, withdrawals and installments: every entry and payment is
/// whole or absent, the audit log verifies, and the rules still hold.
#[test]
fn killed_in_the_middle_of_members_money_every_entry_is_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = killed_simulations(&dir, "member", |round| 30 + round * 11);
    let store = Store::open(&path, loket::store::OpenMode::Existing).unwrap();
    assert_eq!(store.check_members().unwrap(), Vec::<String>::new());
    let c = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(c.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)).unwrap(), "ok");
    let payments: i64 = c.query_row("SELECT count(*) FROM loan_payments", [], |r| r.get(0)).unwrap();
    assert!(payments >= 25, "{payments}");
    assert_eq!(store.verify_audit().unwrap().problems(), None);
}

#[test]
fn a_person_joins_on_the_members_screen_and_the_statement_is_shown() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    login_with_shift(&mut app, "budi", "2222");
    let rm: String = sql(&app.store).query_row("SELECT rm_number FROM patients WHERE member_no IS NULL ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    send(&mut app, &["esc", "a", "ctrl-n"]);
    assert!(flash(&app).starts_with("Jadikan anggota"), "{}", flash(&app));
    send(&mut app, &[&rm, "ctrl-n"]);
    assert!(flash(&app).contains("menjadi anggota A-"), "{}", flash(&app));
    let card = app.store.recent_print_jobs(2).unwrap();
    assert!(card.iter().any(|j| j.preview.contains("KARTU ANGGOTA")), "{}", card[0].preview);
    send(&mut app, &["ctrl-r"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("REKENING ANGGOTA") && screen.contains("Rp100.000"), "{screen}");
    send(&mut app, &["esc"]);
    assert!(screen_text(&app.state, 80, 24).contains("Anggota sejak: 23/11/2026"), "{}", screen_text(&app.state, 80, 24));
    // A correction of the pokok entry: a reason, then the supervisor's name and PIN.
    send(&mut app, &["ctrl-x", "enter"]);
    assert_eq!(app.state.members.loan_form.as_ref().and_then(|f| f.error.clone()).as_deref(), Some("Tulis alasan koreksinya."));
    send(&mut app, &["salah orang", "enter", "joko", "enter", "4444", "enter"]);
    assert!(flash(&app).contains("Simpanan pokok: saldo Rp0."), "{}", flash(&app));
    // The reversal is now the latest entry; it is not corrected again.
    send(&mut app, &["ctrl-x"]);
    assert_eq!(flash(&app), "Entri koreksi tidak dikoreksi lagi; koreksi entri aslinya.");
    let approved: Option<String> = sql(&app.store)
        .query_row("SELECT u.name FROM savings_entries e JOIN users u ON u.id = e.approved_by WHERE e.reverses IS NOT NULL", [], |r| r.get(0))
        .ok();
    assert_eq!(approved.as_deref(), Some("joko"));
}

#[test]
fn the_share_of_surplus_adds_up_and_follows_savings_and_use() {
    let (_d, mut store) = demo_store();
    let config = config();
    let budi = user(&store, "budi");
    let then = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2025, 2, 3, 3, 0, 0).unwrap();
    loket::ops::shifts::open(&mut store, &config, &budi.actor(), 5_000_000, then).unwrap();
    let people: Vec<i64> = {
        let c = sql(&store);
        let mut st = c.prepare("SELECT id FROM patients WHERE member_no IS NULL ORDER BY id LIMIT 2").unwrap();
        st.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    };
    let (a, _) = m::register(&mut store, &config, &budi, people[0], "", "", &Money::Cash, then).unwrap();
    let (b, _) = m::register(&mut store, &config, &budi, people[1], "", "", &Money::Cash, then).unwrap();
    // A saves more; B borrows and pays interest.
    m::deposit(&mut store, &config, &budi, a.id, Kind::Wajib, 200_000, &Money::Cash, then).unwrap();
    let loan = loans::apply(&mut store, &config, &budi, b.id, "Pinjaman Umum", 1_000_000, 2, None, then).unwrap();
    let joko = user(&store, "joko");
    loans::approve(&mut store, &config, &joko, &loan.number, None, then).unwrap().unwrap();
    loans::disburse(&mut store, &config, &budi, &loan.number, then).unwrap();
    loans::pay(&mut store, &config, &budi, &loan.number, 100_000, &Money::Cash, then + Duration::days(20)).unwrap();
    // Not before the year is over.
    assert_eq!(refusal(loans::shu(&store, &config, 2026, 1_000, fixed_now()).unwrap_err()), MemberRefusal::YearOpen(2026));
    let (lines, d) = loans::shu(&store, &config, 2025, 1_000_001, fixed_now()).unwrap();
    let total: i64 = d.shares.iter().map(|s| s.total()).sum();
    assert_eq!(total + d.left_over, 1_000_001);
    assert_eq!((d.capital_pool, d.use_pool), (400_000, 600_001));
    let share = |id: i64| {
        let i = lines.iter().position(|l| l.member_id == id).unwrap();
        (lines[i].clone(), d.shares[i])
    };
    let (la, sa) = share(a.id);
    let (lb, sb) = share(b.id);
    // Both joined in February: 11 month-ends of savings; A's 300.000 against B's 100.000.
    assert_eq!((la.savings_months, lb.savings_months), (300_000 * 11, 100_000 * 11));
    assert_eq!(lb.loan_interest, 15_000);
    assert!(sa.capital > sb.capital && sb.use_ > sa.use_, "{sa:?} {sb:?}");
    let csv = loket::member_report::shu_csv(&lines, &d);
    assert!(csv.lines().any(|l| l.starts_with("TOTAL,") && l.ends_with(&format!(",{total}"))), "{csv}");
}

/// Many deposits and withdrawals in a random order (some refused): after each, every balance is
/// the sum of its entries, no balance is below zero, and a refusal wrote nothing.
#[test]
fn balances_stay_the_sum_of_their_entries_whatever_the_order() {
    let (_d, mut store) = demo_store();
    let config = config();
    let now = fixed_now();
    let budi = user(&store, "budi");
    let joko = Approval { name: "joko".into(), pin: "4444".into() };
    loket::ops::shifts::open(&mut store, &config, &budi.actor(), 0, now).unwrap();
    let person = new_person(&store);
    let (card, _) = m::register(&mut store, &config, &budi, person, "", "", &Money::Cash, now).unwrap();
    let mut x: u64 = 0x2545F4914F6CDD1D;
    let mut expect = [100_000i64, 0, 0];
    for step in 0..150 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let amount = 1_000 * (1 + (x % 1_500) as i64);
        let before = store_count(&store, "savings_entries");
        match x % 4 {
            0 => {
                m::deposit(&mut store, &config, &budi, card.id, Kind::Wajib, amount, &Money::Cash, now).unwrap();
                expect[1] += amount;
            }
            1 => {
                m::deposit(&mut store, &config, &budi, card.id, Kind::Sukarela, amount, &Money::Cash, now).unwrap();
                expect[2] += amount;
            }
            _ => match m::withdraw(&mut store, &config, &budi, card.id, amount, &Money::Cash, Some(&joko), now) {
                Ok(Ok(_)) => expect[2] -= amount,
                Ok(Err(f)) => panic!("{f:?}"),
                Err(e) => {
                    assert!(amount > expect[2], "step {step}: refused {amount} with {} left: {e:?}", expect[2]);
                    assert_eq!(store_count(&store, "savings_entries"), before, "a refusal writes nothing");
                }
            },
        }
        let c = store.member_card(card.id).unwrap().unwrap();
        assert_eq!(c.savings, expect, "step {step}");
        let sums: Vec<i64> = Kind::ALL
            .iter()
            .map(|k| sql(&store).query_row("SELECT coalesce(sum(amount), 0) FROM savings_entries WHERE member_id = ?1 AND kind = ?2", rusqlite::params![card.id, k.code()], |r| r.get(0)).unwrap())
            .collect();
        assert_eq!(sums, expect.to_vec());
        assert!(expect.iter().all(|b| *b >= 0));
    }
    assert_eq!(store.check_members().unwrap(), Vec::<String>::new());
}

#[test]
fn a_loan_on_the_members_screen_from_application_to_the_first_installment() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    login_with_shift(&mut app, "budi", "2222");
    let rm: String = sql(&app.store).query_row("SELECT rm_number FROM patients WHERE member_no IS NULL ORDER BY id LIMIT 1", [], |r| r.get(0)).unwrap();
    send(&mut app, &["esc", "a", &rm, "ctrl-n"]);
    // Nothing to approve or disburse yet.
    send(&mut app, &["ctrl-y"]);
    assert_eq!(flash(&app), "Tidak ada pinjaman diajukan untuk anggota ini.");
    // Above the product's limit: said in the form, nothing saved; then a loan it allows.
    send(&mut app, &["ctrl-o", "20000000", "enter", "3", "enter", "enter"]);
    assert_eq!(app.state.members.loan_form.as_ref().and_then(|f| f.error.clone()).as_deref(), Some("Pinjaman melebihi batas produk (Rp10.000.000)."));
    send(&mut app, &["esc", "ctrl-o", "1000000", "enter", "3", "enter", "enter"]);
    assert_eq!(flash(&app), "Pinjaman PJ000001 diajukan; menunggu persetujuan pengawas.");
    // The supervisor types name and PIN at the cashier's counter; a wrong PIN is said in the form.
    send(&mut app, &["ctrl-y", "joko", "enter", "0000", "enter"]);
    assert_eq!(app.state.members.loan_form.as_ref().and_then(|f| f.error.clone()).as_deref(), Some("Nama atau PIN salah."));
    send(&mut app, &["esc", "ctrl-y", "joko", "enter", "4444", "enter"]);
    assert_eq!(flash(&app), "PJ000001 disetujui");
    // Disbursing asks once.
    send(&mut app, &["ctrl-e"]);
    assert_eq!(flash(&app), "Cairkan PJ000001: Rp975.000 tunai dari laci? Tekan Ctrl-E lagi.");
    send(&mut app, &["ctrl-e"]);
    assert_eq!(flash(&app), "PJ000001 Diterima tunai: Rp975.000");
    assert!(app.store.recent_print_jobs(1).unwrap()[0].preview.contains("JADWAL ANGSURAN"));
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("PJ000001 berjalan") && screen.contains("Angsuran berikutnya: 23/12/2026 Rp348.333"), "{screen}");
    // F10 offers the installment due; Enter pays it.
    send(&mut app, &["f10", "enter"]);
    assert_eq!(flash(&app), "PJ000001 Rp348.333: Sisa pokok Rp666.667");
    assert_eq!(app.store.verify_audit().unwrap().problems(), None);
}
