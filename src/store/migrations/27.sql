-- 27: the examination room and the pharmacy behind it (issue 17).
-- The examiner role (doctors, midwives, nurses) and consultation entries in the SATUSEHAT outbox
-- widen two CHECK lists written in migrations 1 and 7. SQLite cannot alter a CHECK; widening a
-- list only accepts more rows, so the table's stored definition is edited in place, the
-- procedure SQLite documents for removing a CHECK ("Making Other Kinds Of Table Schema
-- Changes", lang_altertable.html), at the end of this file; migrations.rs bumps the schema
-- version after it so that every connection re-reads the definitions.

-- An examiner's profession and licence (SIP); the NIK stays users.practitioner_nik. A change
-- is a new row (the latest one counts).
CREATE TABLE health_workers(
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    profession TEXT NOT NULL CHECK (profession IN ('doctor','midwife','nurse')),
    licence_no TEXT NOT NULL CHECK (length(trim(licence_no)) >= 3),
    at TEXT NOT NULL,
    set_by INTEGER REFERENCES users(id)
);
CREATE INDEX health_workers_user ON health_workers(user_id, id);

-- Allergies on the patient's record (append-only; a correction is a row with removed = 1).
CREATE TABLE patient_allergies(
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    substance TEXT NOT NULL CHECK (length(trim(substance)) > 0),
    removed INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0,1)),
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id)
);
CREATE INDEX patient_allergies_patient ON patient_allergies(patient_id);

CREATE TABLE consultations(
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    ticket_id INTEGER REFERENCES tickets(id),
    examiner_id INTEGER NOT NULL REFERENCES users(id),
    business_day TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    complaint TEXT NOT NULL,
    history TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL CHECK (outcome IN ('done','prescription','referral','follow_up')),
    follow_up_on TEXT
);
CREATE INDEX consultations_patient ON consultations(patient_id, id);
CREATE INDEX consultations_day ON consultations(business_day);
-- Vital signs: the CKG's result lines (same codes, scale and classes).
CREATE TABLE consultation_vitals(
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    code TEXT NOT NULL,
    value INTEGER,
    class TEXT
);
CREATE INDEX consultation_vitals_consultation ON consultation_vitals(consultation_id);
CREATE TABLE consultation_diagnoses(
    consultation_id INTEGER NOT NULL REFERENCES consultations(id),
    rank INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    is_primary INTEGER NOT NULL CHECK (is_primary IN (0,1)),
    PRIMARY KEY (consultation_id, rank)
);
CREATE INDEX consultation_diagnoses_code ON consultation_diagnoses(code);

-- The e-prescription (the till's typed prescriptions stay in `prescriptions`).
CREATE TABLE e_prescriptions(
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    consultation_id INTEGER NOT NULL UNIQUE REFERENCES consultations(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    prescriber_id INTEGER NOT NULL REFERENCES users(id),
    ticket_id INTEGER REFERENCES tickets(id),
    written_at TEXT NOT NULL,
    business_day TEXT NOT NULL
);
CREATE TABLE e_prescription_items(
    id INTEGER PRIMARY KEY,
    prescription_id INTEGER NOT NULL REFERENCES e_prescriptions(id),
    line_no INTEGER NOT NULL,
    product_id INTEGER NOT NULL REFERENCES products(id),
    generic_name TEXT NOT NULL,
    strength TEXT NOT NULL,
    dose_milli INTEGER NOT NULL CHECK (dose_milli > 0),
    per_day INTEGER NOT NULL CHECK (per_day > 0),
    days INTEGER NOT NULL CHECK (days > 0),
    route TEXT NOT NULL,
    after_meals INTEGER NOT NULL CHECK (after_meals IN (0,1)),
    directions TEXT NOT NULL,
    qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
    warnings TEXT NOT NULL DEFAULT '',
    UNIQUE (prescription_id, line_no)
);

-- A dispensing: what the pharmacy handed out against a prescription (several when partial).
-- Paid lines are a sale in the same transaction (sale_id); free programme lines move stock
-- themselves (stock_movements.dispense_id).
CREATE TABLE dispenses(
    id INTEGER PRIMARY KEY,
    prescription_id INTEGER NOT NULL REFERENCES e_prescriptions(id),
    at TEXT NOT NULL,
    business_day TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id),
    sale_id INTEGER REFERENCES sales(id)
);
CREATE INDEX dispenses_prescription ON dispenses(prescription_id);
CREATE TABLE dispense_lines(
    id INTEGER PRIMARY KEY,
    dispense_id INTEGER NOT NULL REFERENCES dispenses(id),
    item_id INTEGER NOT NULL REFERENCES e_prescription_items(id),
    product_id INTEGER NOT NULL REFERENCES products(id),
    qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
    substitute_reason TEXT,
    programme TEXT,
    sale_line_id INTEGER REFERENCES sale_lines(id)
);
CREATE INDEX dispense_lines_item ON dispense_lines(item_id);
CREATE INDEX dispense_lines_dispense ON dispense_lines(dispense_id);
ALTER TABLE stock_movements ADD COLUMN dispense_id INTEGER REFERENCES dispenses(id);
CREATE INDEX stock_movements_dispense ON stock_movements(dispense_id) WHERE dispense_id IS NOT NULL;

-- Referral letters (surat rujukan) and their answers (rujuk balik).
CREATE TABLE referrals(
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    consultation_id INTEGER REFERENCES consultations(id),
    ckg_check_id INTEGER REFERENCES ckg_checks(id),
    facility_code TEXT NOT NULL,
    facility_name TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    findings TEXT NOT NULL DEFAULT '',
    diagnosis TEXT NOT NULL DEFAULT '',
    drugs_given TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    business_day TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id)
);
CREATE INDEX referrals_patient ON referrals(patient_id);
CREATE TABLE referral_answers(
    id INTEGER PRIMARY KEY,
    referral_id INTEGER NOT NULL REFERENCES referrals(id),
    answered_on TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (length(trim(answer)) > 0),
    back_to_clinic INTEGER NOT NULL CHECK (back_to_clinic IN (0,1)),
    at TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id)
);
CREATE INDEX referral_answers_referral ON referral_answers(referral_id);
ALTER TABLE outbox ADD COLUMN consultation_id INTEGER REFERENCES consultations(id);
CREATE INDEX outbox_consultation ON outbox(consultation_id) WHERE consultation_id IS NOT NULL;

PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, '''supervisor'',''admin'')', '''supervisor'',''admin'',''examiner'')')
    WHERE type = 'table' AND name = 'users';
UPDATE sqlite_master SET sql = replace(sql, 'CHECK (kind IN (''ckg''))', 'CHECK (kind IN (''ckg'',''consultation''))')
    WHERE type = 'table' AND name = 'outbox';
PRAGMA writable_schema = OFF;
