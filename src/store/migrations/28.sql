-- 28: replication of figures to the district hub (PostgreSQL), offline-first.
-- `hub_link` is the one hub this site is bound to (`loket hub join`), with the sender's state.
-- `hub_outbox` holds figures to send, numbered by `seq` (never reused: AUTOINCREMENT), the hub's
-- key for idempotence is (site, seq). Sent rows are kept 30 days (`Store::hub_sent`). Figures are snapshots: a day's sales and queue, a day's
-- CKG counts, a product's stock, a closed shift; the hub keeps the latest by seq per key, so a
-- resend or a late arrival never doubles anything.
-- `hub_dirty` is what changed in the current transaction: triggers (below) note a key, and
-- `Store::write` turns every noted key into an outbox row before the same commit
-- (`store::hub_outbox::flush_in`). The triggers do nothing while no hub is joined.
-- No name, NIK or health record of a person is in any figure: counts and totals only.
CREATE TABLE hub_link(
    id INTEGER PRIMARY KEY CHECK (id = 1),
    site_id TEXT NOT NULL,
    url TEXT NOT NULL,
    user_name TEXT NOT NULL,
    password_file TEXT NOT NULL,
    ca_file TEXT,
    install_id TEXT NOT NULL,
    pseudonym_key TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try_at TEXT,
    last_try_at TEXT,
    last_ok_at TEXT,
    last_error TEXT,
    clock_skew_s INTEGER
);
CREATE TABLE hub_outbox(
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    day TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
-- What waits, oldest first; and the unsent figure of a key, which a newer one replaces.
CREATE INDEX hub_outbox_pending ON hub_outbox(seq) WHERE sent_at IS NULL;
CREATE INDEX hub_outbox_pending_key ON hub_outbox(kind, key) WHERE sent_at IS NULL;
CREATE TABLE hub_dirty(
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
-- A day's sales, returns, payment methods and queue figures all land in day_figures (migration 12).
CREATE TRIGGER hub_dirty_day_ins AFTER INSERT ON day_figures WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('day', NEW.business_day);
END;
CREATE TRIGGER hub_dirty_day_upd AFTER UPDATE ON day_figures WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('day', NEW.business_day);
END;
CREATE TRIGGER hub_dirty_stock_ins AFTER INSERT ON stock_levels WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('stock', NEW.product_id);
END;
CREATE TRIGGER hub_dirty_stock_upd AFTER UPDATE ON stock_levels WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('stock', NEW.product_id);
END;
CREATE TRIGGER hub_dirty_ckg_ins AFTER INSERT ON ckg_checks WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('ckg', NEW.business_day);
END;
CREATE TRIGGER hub_dirty_ckg_upd AFTER UPDATE ON ckg_checks WHEN EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('ckg', NEW.business_day);
END;
CREATE TRIGGER hub_dirty_shift AFTER UPDATE OF closed_at ON shifts
    WHEN NEW.closed_at IS NOT NULL AND EXISTS (SELECT 1 FROM hub_link) BEGIN
    INSERT OR IGNORE INTO hub_dirty(kind, key) VALUES ('shift', NEW.id);
END;
