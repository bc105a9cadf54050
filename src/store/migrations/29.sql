-- 29: the examination room's and the members' figures for the district hub (migration 28).
-- A day's consultations and referral letters note the day as 'clinic'; a day's savings entries,
-- loan payments and disbursements note it as 'money'. What each figure holds is
-- `store::hub_figures` (counts and totals only: no name, NIK, diagnosis of a person or member id).
CREATE TRIGGER hub_dirty_consultation AFTER INSERT ON consultations WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('clinic', NEW.business_day);
END;
CREATE TRIGGER hub_dirty_referral AFTER INSERT ON referrals WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('clinic', NEW.business_day);
END;
CREATE TRIGGER hub_dirty_savings AFTER INSERT ON savings_entries WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('money', NEW.business_day);
END;
CREATE TRIGGER hub_dirty_loan_payment AFTER INSERT ON loan_payments WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('money', NEW.business_day);
END;
CREATE TRIGGER hub_dirty_disbursement AFTER UPDATE OF disbursed_on ON loans
    WHEN NEW.disbursed_on IS NOT NULL AND EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('money', NEW.disbursed_on);
END;
-- Days overdue grow without any row changing: while a loan is active, a day's first figures (its
-- first sale or ticket) note that day's money too, so the hub's grades follow the days the site
-- works even when no member pays anything.
CREATE TRIGGER hub_dirty_money_of_the_day AFTER INSERT ON day_figures
    WHEN EXISTS (SELECT 1 FROM hub_link) AND EXISTS (SELECT 1 FROM loans WHERE status = 'active') BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('money', NEW.business_day);
END;
