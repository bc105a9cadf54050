-- 31: each queue service's service times kept per day with the other figures ('q-svc:<service>':
-- the events with a service time, and their seconds in all), so the average a new ticket shows
-- is one row instead of a read of the day's events, which grew with every ticket of the day.
CREATE TRIGGER day_figures_service_time AFTER INSERT ON queue_events WHEN NEW.service_s IS NOT NULL BEGIN
    INSERT INTO day_figures(business_day, figure, n, amount) VALUES (NEW.business_day, 'q-svc:' || NEW.service, 1, NEW.service_s)
        ON CONFLICT(business_day, figure) DO UPDATE SET n = n + 1, amount = amount + excluded.amount;
END;
-- The days before, from their events. A figure the hub does not take: the days it marks for the
-- hub are unmarked again, so joining sites do not send every past day once more.
CREATE TEMP TABLE hub_dirty_before AS SELECT kind, key FROM hub_dirty;
INSERT INTO day_figures(business_day, figure, n, amount)
    SELECT business_day, 'q-svc:' || service, count(*), sum(service_s) FROM queue_events WHERE service_s IS NOT NULL GROUP BY 1, 2
    ON CONFLICT(business_day, figure) DO UPDATE SET n = excluded.n, amount = excluded.amount;
DELETE FROM hub_dirty WHERE NOT EXISTS (SELECT 1 FROM hub_dirty_before b WHERE b.kind = hub_dirty.kind AND b.key = hub_dirty.key);
DROP TABLE hub_dirty_before;
