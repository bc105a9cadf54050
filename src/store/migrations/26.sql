-- 26: members of the cooperative's savings-and-loan unit. A member stays one person record
-- (members.patient_id, the clinic's patient), now with a join date, a status and an heir.
-- Savings are append-only entries (a balance is their sum; a correction is a reversing entry
-- naming the one it reverses and the supervisor who approved it); shop credit (kasbon) is paid
-- back by repayment rows; a loan is its row (applied -> approved -> active -> paid), the
-- schedule fixed at disbursement, and its payments with the split of each over the installments.
-- Money at the counter names the cashier's shift and method, so the shift's expected cash
-- includes it (store::members::shift_member_cash).
ALTER TABLE members ADD COLUMN joined_on TEXT;
ALTER TABLE members ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','resigned','deceased'));
ALTER TABLE members ADD COLUMN heir TEXT NOT NULL DEFAULT '';
ALTER TABLE members ADD COLUMN heir_relation TEXT NOT NULL DEFAULT '';
CREATE INDEX members_patient ON members(patient_id) WHERE patient_id IS NOT NULL;
CREATE INDEX members_name ON members(name COLLATE NOCASE);

CREATE TABLE savings_entries(
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    kind TEXT NOT NULL CHECK (kind IN ('pokok','wajib','sukarela')),
    -- Positive money in, negative money out.
    amount INTEGER NOT NULL CHECK (amount <> 0),
    method TEXT NOT NULL CHECK (method IN ('cash','qris')),
    reference TEXT,
    at TEXT NOT NULL,
    business_day TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    shift_id INTEGER REFERENCES shifts(id),
    approved_by INTEGER REFERENCES users(id),
    reverses INTEGER UNIQUE REFERENCES savings_entries(id),
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX savings_member ON savings_entries(member_id, kind);
CREATE INDEX savings_day ON savings_entries(business_day);
CREATE INDEX savings_shift ON savings_entries(shift_id) WHERE shift_id IS NOT NULL;
CREATE TRIGGER savings_no_update BEFORE UPDATE ON savings_entries
    BEGIN SELECT RAISE(ABORT, 'savings entries are append-only'); END;
CREATE TRIGGER savings_no_delete BEFORE DELETE ON savings_entries
    BEGIN SELECT RAISE(ABORT, 'savings entries are append-only'); END;

CREATE TABLE credit_repayments(
    id INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    amount INTEGER NOT NULL CHECK (amount > 0),
    method TEXT NOT NULL CHECK (method IN ('cash','qris')),
    reference TEXT,
    at TEXT NOT NULL,
    business_day TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    shift_id INTEGER REFERENCES shifts(id)
);
CREATE INDEX credit_repayments_member ON credit_repayments(member_id);
CREATE INDEX credit_repayments_shift ON credit_repayments(shift_id) WHERE shift_id IS NOT NULL;
CREATE TRIGGER credit_repayments_no_update BEFORE UPDATE ON credit_repayments
    BEGIN SELECT RAISE(ABORT, 'repayments are append-only'); END;
CREATE TRIGGER credit_repayments_no_delete BEFORE DELETE ON credit_repayments
    BEGIN SELECT RAISE(ABORT, 'repayments are append-only'); END;

CREATE TABLE loans(
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    member_id INTEGER NOT NULL REFERENCES members(id),
    product TEXT NOT NULL,
    principal INTEGER NOT NULL CHECK (principal > 0),
    rate_bp INTEGER NOT NULL CHECK (rate_bp >= 0),
    method TEXT NOT NULL CHECK (method IN ('flat','declining')),
    tenor_months INTEGER NOT NULL CHECK (tenor_months > 0),
    admin_fee INTEGER NOT NULL CHECK (admin_fee >= 0),
    late_fee_kind TEXT NOT NULL CHECK (late_fee_kind IN ('none','day','installment')),
    late_fee INTEGER NOT NULL CHECK (late_fee >= 0),
    status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied','approved','active','paid')),
    applied_at TEXT NOT NULL,
    applied_by INTEGER NOT NULL REFERENCES users(id),
    approved_at TEXT,
    approved_by INTEGER REFERENCES users(id),
    disbursed_at TEXT,
    disbursed_on TEXT,
    disbursed_by INTEGER REFERENCES users(id),
    disbursed_shift INTEGER REFERENCES shifts(id),
    paid_at TEXT
);
CREATE INDEX loans_member ON loans(member_id);
CREATE INDEX loans_status ON loans(status);
CREATE INDEX loans_disbursed_shift ON loans(disbursed_shift) WHERE disbursed_shift IS NOT NULL;
CREATE INDEX loans_disbursed_on ON loans(disbursed_on) WHERE disbursed_on IS NOT NULL;
-- A paid loan never changes.
CREATE TRIGGER loans_paid_stay BEFORE UPDATE ON loans WHEN OLD.status = 'paid'
    BEGIN SELECT RAISE(ABORT, 'a paid loan never changes'); END;
CREATE TRIGGER loans_no_delete BEFORE DELETE ON loans
    BEGIN SELECT RAISE(ABORT, 'loans are never deleted'); END;

CREATE TABLE loan_schedule(
    loan_id INTEGER NOT NULL REFERENCES loans(id),
    no INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    principal INTEGER NOT NULL CHECK (principal >= 0),
    interest INTEGER NOT NULL CHECK (interest >= 0),
    remaining INTEGER NOT NULL CHECK (remaining >= 0),
    PRIMARY KEY (loan_id, no)
) WITHOUT ROWID;
CREATE TRIGGER loan_schedule_no_update BEFORE UPDATE ON loan_schedule
    BEGIN SELECT RAISE(ABORT, 'a schedule is fixed at disbursement'); END;
CREATE TRIGGER loan_schedule_no_delete BEFORE DELETE ON loan_schedule
    BEGIN SELECT RAISE(ABORT, 'a schedule is fixed at disbursement'); END;

CREATE TABLE loan_payments(
    id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL REFERENCES loans(id),
    kind TEXT NOT NULL CHECK (kind IN ('installment','settlement')),
    amount INTEGER NOT NULL CHECK (amount > 0),
    method TEXT NOT NULL CHECK (method IN ('cash','qris')),
    reference TEXT,
    at TEXT NOT NULL,
    business_day TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    shift_id INTEGER REFERENCES shifts(id)
);
CREATE INDEX loan_payments_loan ON loan_payments(loan_id);
CREATE INDEX loan_payments_day ON loan_payments(business_day);
CREATE INDEX loan_payments_shift ON loan_payments(shift_id) WHERE shift_id IS NOT NULL;
CREATE TABLE loan_payment_parts(
    payment_id INTEGER NOT NULL REFERENCES loan_payments(id),
    loan_id INTEGER NOT NULL REFERENCES loans(id),
    installment_no INTEGER NOT NULL,
    late_fee INTEGER NOT NULL CHECK (late_fee >= 0),
    interest INTEGER NOT NULL CHECK (interest >= 0),
    principal INTEGER NOT NULL CHECK (principal >= 0),
    PRIMARY KEY (payment_id, installment_no)
) WITHOUT ROWID;
CREATE INDEX loan_payment_parts_loan ON loan_payment_parts(loan_id, installment_no);
CREATE TRIGGER loan_payments_no_update BEFORE UPDATE ON loan_payments
    BEGIN SELECT RAISE(ABORT, 'loan payments are append-only'); END;
CREATE TRIGGER loan_payments_no_delete BEFORE DELETE ON loan_payments
    BEGIN SELECT RAISE(ABORT, 'loan payments are append-only'); END;
CREATE TRIGGER loan_payment_parts_no_update BEFORE UPDATE ON loan_payment_parts
    BEGIN SELECT RAISE(ABORT, 'loan payments are append-only'); END;
CREATE TRIGGER loan_payment_parts_no_delete BEFORE DELETE ON loan_payment_parts
    BEGIN SELECT RAISE(ABORT, 'loan payments are append-only'); END;
