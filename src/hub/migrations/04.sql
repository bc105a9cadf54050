-- Hub schema 4: the examination room's and the members' figures (site migration 29) as columns
-- of day_latest, like the sales and CKG ones of schema 3: consultations and referral letters
-- ('clinic'), savings in and out, the balances at the day's end, loans disbursed, installments
-- received, and the principal outstanding at the day's end, of which overdue ('money'). The
-- report sums the flows over its days and takes the balances of each site's latest day.
-- Figures of other kinds carry zeros; nothing sent before needs reading in (no site sent these).
CREATE FUNCTION loket_hub.total_of(payload jsonb, field text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce((payload->'totals'->>field)::bigint, 0) $$;
ALTER TABLE loket_hub.day_latest
    ADD COLUMN consultations bigint GENERATED ALWAYS AS (CASE WHEN kind = 'clinic' THEN loket_hub.total_of(payload, 'consultations') ELSE 0 END) STORED,
    ADD COLUMN clinic_referrals bigint GENERATED ALWAYS AS (CASE WHEN kind = 'clinic' THEN loket_hub.total_of(payload, 'referrals') ELSE 0 END) STORED,
    ADD COLUMN savings_in bigint GENERATED ALWAYS AS (CASE WHEN kind = 'money' THEN loket_hub.total_of(payload, 'savings_in') ELSE 0 END) STORED,
    ADD COLUMN savings_out bigint GENERATED ALWAYS AS (CASE WHEN kind = 'money' THEN loket_hub.total_of(payload, 'savings_out') ELSE 0 END) STORED,
    ADD COLUMN savings_balance bigint GENERATED ALWAYS AS (CASE WHEN kind = 'money' THEN loket_hub.total_of(payload, 'savings_balance') ELSE 0 END) STORED,
    ADD COLUMN loans_disbursed bigint GENERATED ALWAYS AS (CASE WHEN kind = 'money' THEN loket_hub.total_of(payload, 'disbursed') ELSE 0 END) STORED,
    ADD COLUMN installments bigint GENERATED ALWAYS AS (CASE WHEN kind = 'money' THEN loket_hub.total_of(payload, 'installments') ELSE 0 END) STORED,
    ADD COLUMN outstanding bigint GENERATED ALWAYS AS (CASE WHEN kind = 'money' THEN loket_hub.total_of(payload, 'outstanding') ELSE 0 END) STORED,
    ADD COLUMN overdue bigint GENERATED ALWAYS AS (CASE WHEN kind = 'money' THEN loket_hub.total_of(payload, 'overdue') ELSE 0 END) STORED;
-- The balances are read from each site's latest 'money' day (DISTINCT ON site): by index.
CREATE INDEX day_latest_kind_site_day ON loket_hub.day_latest(kind, site_id, day DESC);
