-- 3: the print spool: each job's bytes, stored with what it prints, then sent.
CREATE TABLE print_jobs(
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,
    bytes BLOB NOT NULL,
    preview TEXT NOT NULL,
    document TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_attempt_at TEXT,
    next_try_at TEXT,
    sent_at TEXT,
    reprint_of INTEGER REFERENCES print_jobs(id),
    ref_table TEXT,
    ref_id INTEGER,
    lease_owner TEXT,
    lease_until TEXT
);
CREATE INDEX print_jobs_waiting ON print_jobs(status, id) WHERE status IN ('pending','failed');
CREATE INDEX print_jobs_ref ON print_jobs(ref_table, ref_id);
