-- 14: CKG amendments. `ckg_results` holds the current version of a check; each amendment
-- keeps the lines it replaced, who amended, when, why and what changed (append-only).
ALTER TABLE ckg_checks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE ckg_history(
    id INTEGER PRIMARY KEY,
    check_id INTEGER NOT NULL REFERENCES ckg_checks(id),
    version INTEGER NOT NULL,
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id),
    actor TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    changes TEXT NOT NULL,
    previous TEXT NOT NULL,
    UNIQUE (check_id, version)
);
CREATE TRIGGER ckg_history_no_update BEFORE UPDATE ON ckg_history
    BEGIN SELECT RAISE(ABORT, 'CKG history is append-only'); END;
CREATE TRIGGER ckg_history_no_delete BEFORE DELETE ON ckg_history
    BEGIN SELECT RAISE(ABORT, 'CKG history is append-only'); END;
