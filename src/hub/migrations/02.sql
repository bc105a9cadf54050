-- Hub schema 2: the latest snapshot per key, kept by a trigger as figures arrive, so the district
-- report reads one row per site, day and figure instead of every version ever sent. A figure
-- replaces the one kept only when its seq is higher: a late or repeated arrival changes nothing.
-- Day figures (sales, queue, CKG, shifts) are partitioned by month like the figures; stock is
-- one row per site and product. Figures sent under schema 1 are read in.
CREATE TABLE loket_hub.day_latest(
    site_id text NOT NULL,
    day date NOT NULL,
    kind text NOT NULL,
    key text NOT NULL,
    seq bigint NOT NULL,
    payload jsonb NOT NULL,
    PRIMARY KEY (site_id, day, kind, key)
) PARTITION BY RANGE (day);
CREATE TABLE loket_hub.stock_latest(
    site_id text NOT NULL,
    key text NOT NULL,
    seq bigint NOT NULL,
    payload jsonb NOT NULL,
    PRIMARY KEY (site_id, key)
);

CREATE OR REPLACE FUNCTION loket_hub.ensure_month(d date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = loket_hub, pg_temp AS $$
DECLARE
    m date := date_trunc('month', d)::date;
    suffix text := to_char(m, 'YYYYMM');
    t text;
BEGIN
    IF to_regclass('loket_hub.figures_' || suffix) IS NOT NULL AND to_regclass('loket_hub.day_latest_' || suffix) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('loket_hub.partition'));
    FOREACH t IN ARRAY ARRAY['figures', 'day_latest'] LOOP
        IF to_regclass('loket_hub.' || t || '_' || suffix) IS NULL THEN
            -- The lookup may not yet see a partition another session just made.
            BEGIN
                EXECUTE format('CREATE TABLE loket_hub.%I PARTITION OF loket_hub.%I FOR VALUES FROM (%L) TO (%L)',
                    t || '_' || suffix, t, m, (m + interval '1 month')::date);
            EXCEPTION WHEN duplicate_table THEN NULL;
            END;
        END IF;
    END LOOP;
END $$;
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT DISTINCT date_trunc('month', day)::date AS m FROM loket_hub.figures LOOP
        PERFORM loket_hub.ensure_month(r.m);
    END LOOP;
END $$;

CREATE FUNCTION loket_hub.keep_latest() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = loket_hub, pg_temp AS $$
BEGIN
    IF NEW.kind = 'stock' THEN
        INSERT INTO loket_hub.stock_latest(site_id, key, seq, payload) VALUES (NEW.site_id, NEW.key, NEW.seq, NEW.payload)
        ON CONFLICT (site_id, key) DO UPDATE SET seq = excluded.seq, payload = excluded.payload
        WHERE loket_hub.stock_latest.seq < excluded.seq;
    ELSE
        INSERT INTO loket_hub.day_latest(site_id, day, kind, key, seq, payload) VALUES (NEW.site_id, NEW.day, NEW.kind, NEW.key, NEW.seq, NEW.payload)
        ON CONFLICT (site_id, day, kind, key) DO UPDATE SET seq = excluded.seq, payload = excluded.payload
        WHERE loket_hub.day_latest.seq < excluded.seq;
    END IF;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION loket_hub.keep_latest() FROM PUBLIC;
CREATE TRIGGER figures_keep_latest AFTER INSERT ON loket_hub.figures FOR EACH ROW EXECUTE FUNCTION loket_hub.keep_latest();

INSERT INTO loket_hub.day_latest(site_id, day, kind, key, seq, payload)
    SELECT DISTINCT ON (site_id, day, kind, key) site_id, day, kind, key, seq, payload FROM loket_hub.figures
    WHERE kind <> 'stock' ORDER BY site_id, day, kind, key, seq DESC;
INSERT INTO loket_hub.stock_latest(site_id, key, seq, payload)
    SELECT DISTINCT ON (site_id, key) site_id, key, seq, payload FROM loket_hub.figures
    WHERE kind = 'stock' ORDER BY site_id, key, seq DESC;
CREATE INDEX sites_last_seen ON loket_hub.sites(last_seen);
GRANT SELECT ON loket_hub.day_latest, loket_hub.stock_latest TO loket_reader;
