-- 7: the SATUSEHAT outbox: each finished CKG check waits here, written in the same
-- transaction as the check, until the national platform has it. `encounter_value` is the
-- Encounter identifier, unique per entry, which finds a copy the server already has.
-- `in_doubt` is set before a send and cleared only by a definite answer, so an entry whose
-- fate is unknown (a crash, a dropped connection) is looked up before it is sent again.
-- Users who examine get their practitioner NIK (and the IHS id SATUSEHAT gives for it).
CREATE TABLE outbox(
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('ckg')),
    ckg_check_id INTEGER REFERENCES ckg_checks(id),
    patient_id INTEGER REFERENCES patients(id),
    payload TEXT NOT NULL,
    encounter_value TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed','waiting-patient')),
    attempts INTEGER NOT NULL DEFAULT 0,
    in_doubt INTEGER NOT NULL DEFAULT 0 CHECK (in_doubt IN (0,1)),
    next_try_at TEXT,
    last_error TEXT,
    last_attempt_at TEXT,
    server_ids TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_waiting ON outbox(status, id) WHERE status IN ('pending','waiting-patient');
CREATE INDEX outbox_check ON outbox(ckg_check_id);
ALTER TABLE users ADD COLUMN practitioner_nik TEXT CHECK (practitioner_nik IS NULL OR length(practitioner_nik) = 16);
ALTER TABLE users ADD COLUMN practitioner_ihs TEXT;
