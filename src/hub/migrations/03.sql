-- Hub schema 3: the district report's figures as columns of day_latest, computed by the server
-- when a figure is stored (generated columns), so a report sums plain numbers instead of reading
-- every figure's JSON (1,000 sites: a day's report 3.5 s -> see the README's figures), and an
-- index by kind and day. A site adds up its services and age groups itself (`totals`); figures
-- sent before (without them) are added up here.
CREATE FUNCTION loket_hub.queue_sum(payload jsonb, field text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(sum((q.value->>field)::bigint), 0)::bigint FROM jsonb_each(coalesce(payload->'queue', '{}'::jsonb)) q $$;
CREATE FUNCTION loket_hub.groups_sum(payload jsonb, field text) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(sum((g.value->>field)::bigint), 0)::bigint FROM jsonb_each(coalesce(payload->'groups', '{}'::jsonb)) g $$;
ALTER TABLE loket_hub.day_latest
    ADD COLUMN sales_n bigint GENERATED ALWAYS AS (coalesce((payload->'sales'->>'n')::bigint, 0)) STORED,
    ADD COLUMN sales_amount bigint GENERATED ALWAYS AS (coalesce((payload->'sales'->>'amount')::bigint, 0)) STORED,
    ADD COLUMN returns_amount bigint GENERATED ALWAYS AS (coalesce((payload->'returns'->>'amount')::bigint, 0)) STORED,
    ADD COLUMN queue_taken bigint GENERATED ALWAYS AS (CASE WHEN kind <> 'day' THEN 0 WHEN payload ? 'totals' THEN coalesce((payload->'totals'->>'queue_taken')::bigint, 0) ELSE loket_hub.queue_sum(payload, 'taken') END) STORED,
    ADD COLUMN queue_served bigint GENERATED ALWAYS AS (CASE WHEN kind <> 'day' THEN 0 WHEN payload ? 'totals' THEN coalesce((payload->'totals'->>'queue_served')::bigint, 0) ELSE loket_hub.queue_sum(payload, 'served') END) STORED,
    ADD COLUMN waits bigint GENERATED ALWAYS AS (CASE WHEN kind <> 'day' THEN 0 WHEN payload ? 'totals' THEN coalesce((payload->'totals'->>'waits')::bigint, 0) ELSE loket_hub.queue_sum(payload, 'waits') END) STORED,
    ADD COLUMN wait_s bigint GENERATED ALWAYS AS (CASE WHEN kind <> 'day' THEN 0 WHEN payload ? 'totals' THEN coalesce((payload->'totals'->>'wait_s')::bigint, 0) ELSE loket_hub.queue_sum(payload, 'wait_s') END) STORED,
    ADD COLUMN ckg_checks bigint GENERATED ALWAYS AS (CASE WHEN kind <> 'ckg' THEN 0 WHEN payload ? 'totals' THEN coalesce((payload->'totals'->>'checks')::bigint, 0) ELSE loket_hub.groups_sum(payload, 'checks') END) STORED,
    ADD COLUMN ckg_referred bigint GENERATED ALWAYS AS (CASE WHEN kind <> 'ckg' THEN 0 WHEN payload ? 'totals' THEN coalesce((payload->'totals'->>'referred')::bigint, 0) ELSE loket_hub.groups_sum(payload, 'referred') END) STORED,
    ADD COLUMN shift_difference bigint GENERATED ALWAYS AS (CASE WHEN kind = 'shift' THEN coalesce((payload->>'difference')::bigint, 0) ELSE 0 END) STORED;
CREATE INDEX day_latest_kind_day ON loket_hub.day_latest(kind, day);
-- Each product's earliest batch expiry (ISO dates sort as text), so the expiring stock across
-- sites is found by index instead of reading every product's batches.
CREATE FUNCTION loket_hub.earliest_expiry(payload jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT min(b->>'expiry') FROM jsonb_array_elements(coalesce(payload->'batches', '[]'::jsonb)) b $$;
ALTER TABLE loket_hub.stock_latest ADD COLUMN earliest_expiry text GENERATED ALWAYS AS (loket_hub.earliest_expiry(payload)) STORED;
CREATE INDEX stock_latest_expiry ON loket_hub.stock_latest(earliest_expiry);
-- Where a site belongs, as a path from the top ('KUKAR/KALODRAN'): a Puskesmas reads its own
-- sites, a district all of its Puskesmas' (`loket district report --area KUKAR`).
ALTER TABLE loket_hub.sites ADD COLUMN area text NOT NULL DEFAULT '';
CREATE INDEX sites_area ON loket_hub.sites(area text_pattern_ops);
-- The highest seq the hub has of each site, acknowledged in each batch's transaction and told at
-- hello: a site restored from an older backup numbers its new figures after it, instead of
-- reusing numbers the hub already has (which ON CONFLICT DO NOTHING would drop).
ALTER TABLE loket_hub.sites ADD COLUMN last_seq bigint NOT NULL DEFAULT 0;
UPDATE loket_hub.sites s SET last_seq = coalesce((SELECT max(f.seq) FROM loket_hub.figures f WHERE f.site_id = s.site_id), 0);
CREATE FUNCTION loket_hub.ack(upto bigint) RETURNS void LANGUAGE sql SECURITY DEFINER
    SET search_path = loket_hub, pg_temp
    AS $$ UPDATE loket_hub.sites SET last_seq = greatest(last_seq, upto) WHERE role_name = session_user $$;
DROP FUNCTION loket_hub.hello(text, timestamptz);
CREATE FUNCTION loket_hub.hello(install text, site_clock timestamptz)
    RETURNS TABLE(site text, version integer, server_now timestamptz, last_seq bigint)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = loket_hub, pg_temp AS $$
DECLARE
    s loket_hub.sites;
BEGIN
    SELECT * INTO s FROM loket_hub.sites WHERE role_name = session_user FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'LK002', MESSAGE = 'no site for role ' || session_user;
    END IF;
    IF s.install_id IS NOT NULL AND s.install_id <> install THEN
        RAISE EXCEPTION USING ERRCODE = 'LK001', MESSAGE = 'site ' || s.site_id || ' is bound to another installation';
    END IF;
    UPDATE loket_hub.sites SET install_id = install, bound_at = coalesce(bound_at, now()), last_seen = now(),
        clock_skew_s = extract(epoch FROM site_clock - now())::integer
        WHERE site_id = s.site_id;
    RETURN QUERY SELECT s.site_id, (SELECT max(v.version) FROM loket_hub.schema_version v), now(), s.last_seq;
END $$;
REVOKE ALL ON FUNCTION loket_hub.ack(bigint), loket_hub.hello(text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION loket_hub.ack(bigint), loket_hub.hello(text, timestamptz) TO loket_site;
