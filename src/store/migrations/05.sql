-- 5: patients: a normalised name key with a full-text prefix index for search-as-you-type, the
-- SATUSEHAT IHS number, merges, the history of every edit, and the CKG checks.
ALTER TABLE patients ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE patients ADD COLUMN ihs_number TEXT;
ALTER TABLE patients ADD COLUMN merged_into INTEGER REFERENCES patients(id);
CREATE INDEX patients_birth ON patients(birth_date);
CREATE INDEX patients_birthday ON patients(substr(birth_date, 6, 5));
CREATE VIRTUAL TABLE patient_names USING fts5(name_key, content='', contentless_delete=1, prefix='1 2 3');
CREATE TABLE patient_history(
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    at TEXT NOT NULL,
    user_id INTEGER,
    actor TEXT NOT NULL,
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT
);
CREATE INDEX patient_history_patient ON patient_history(patient_id, id);
CREATE TABLE ckg_checks(
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    business_day TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    examiner_id INTEGER REFERENCES users(id),
    age_group TEXT NOT NULL,
    referral INTEGER NOT NULL CHECK (referral IN (0,1)),
    ticket_id INTEGER REFERENCES tickets(id)
);
CREATE INDEX ckg_checks_patient ON ckg_checks(patient_id, business_day);
CREATE INDEX ckg_checks_day ON ckg_checks(business_day);
CREATE TABLE ckg_results(
    check_id INTEGER NOT NULL REFERENCES ckg_checks(id),
    code TEXT NOT NULL,
    value INTEGER,
    finding TEXT NOT NULL CHECK (finding IN ('normal','positive','not_done','measured')),
    class TEXT,
    PRIMARY KEY (check_id, code)
);
CREATE INDEX tickets_patient ON tickets(patient_id);
