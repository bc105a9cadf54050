-- Hub schema 1: the sites, the figures they send (partitioned by month of the figure's day),
-- one role per site that may insert only its own rows (row-level security), a read-only role.
-- Roles are the cluster's: they are created once and shared by every hub database in it.
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'loket_site') THEN CREATE ROLE loket_site NOLOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'loket_reader') THEN CREATE ROLE loket_reader NOLOGIN; END IF;
END $$;
CREATE TABLE loket_hub.sites(
    site_id text PRIMARY KEY CHECK (site_id ~ '^[A-Za-z0-9_-]{1,32}$'),
    role_name text NOT NULL UNIQUE,
    name text NOT NULL DEFAULT '',
    target_population integer CHECK (target_population IS NULL OR target_population >= 0),
    install_id text,
    bound_at timestamptz,
    last_seen timestamptz,
    clock_skew_s integer
);
-- Idempotent by (site, seq): a site's seq always has the same day, which the key must include
-- because it is the partition key.
CREATE TABLE loket_hub.figures(
    site_id text NOT NULL REFERENCES loket_hub.sites(site_id),
    seq bigint NOT NULL,
    kind text NOT NULL,
    key text NOT NULL,
    day date NOT NULL,
    payload jsonb NOT NULL,
    recorded_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, day, seq)
) PARTITION BY RANGE (day);
ALTER TABLE loket_hub.figures ENABLE ROW LEVEL SECURITY;

-- The site of the role connected (NULL for any other role).
CREATE FUNCTION loket_hub.my_site() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = loket_hub, pg_temp
    AS $$ SELECT site_id FROM loket_hub.sites WHERE role_name = session_user $$;
CREATE POLICY site_inserts_own ON loket_hub.figures FOR INSERT TO loket_site WITH CHECK (site_id = loket_hub.my_site());
CREATE POLICY reader_reads_all ON loket_hub.figures FOR SELECT TO loket_reader USING (true);

-- The month's partition, made when a figure of a new month arrives (one maker at a time).
CREATE FUNCTION loket_hub.ensure_month(d date) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = loket_hub, pg_temp AS $$
DECLARE
    m date := date_trunc('month', d)::date;
    t text := 'figures_' || to_char(m, 'YYYYMM');
BEGIN
    IF to_regclass('loket_hub.' || t) IS NOT NULL THEN RETURN; END IF;
    PERFORM pg_advisory_xact_lock(hashtext('loket_hub.partition'));
    IF to_regclass('loket_hub.' || t) IS NOT NULL THEN RETURN; END IF;
    -- The catalog lookup above may not yet see a partition another session just made.
    BEGIN
        EXECUTE format('CREATE TABLE loket_hub.%I PARTITION OF loket_hub.figures FOR VALUES FROM (%L) TO (%L)', t, m, (m + interval '1 month')::date);
    EXCEPTION WHEN duplicate_table THEN NULL;
    END;
END $$;

-- A site says hello before it sends: the hub binds the site id to the first installation that
-- joins (another file claiming the same id is refused), notes when it was last seen and how far
-- its clock is off, and tells its schema version and time.
CREATE FUNCTION loket_hub.hello(install text, site_clock timestamptz)
    RETURNS TABLE(site text, version integer, server_now timestamptz)
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
    RETURN QUERY SELECT s.site_id, (SELECT max(v.version) FROM loket_hub.schema_version v), now();
END $$;

REVOKE ALL ON FUNCTION loket_hub.my_site(), loket_hub.ensure_month(date), loket_hub.hello(text, timestamptz) FROM PUBLIC;
GRANT USAGE ON SCHEMA loket_hub TO loket_site, loket_reader;
GRANT EXECUTE ON FUNCTION loket_hub.my_site(), loket_hub.ensure_month(date), loket_hub.hello(text, timestamptz) TO loket_site;
GRANT INSERT ON loket_hub.figures TO loket_site;
GRANT SELECT ON loket_hub.figures, loket_hub.sites, loket_hub.schema_version TO loket_reader;
