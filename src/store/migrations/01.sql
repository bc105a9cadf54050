-- 1: the foundation: settings kept in the database, users, the audit log, patients.
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE users(
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    full_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL CHECK (role IN ('clerk','cashier','pharmacy','supervisor','admin')),
    pin_hash TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
    created_at TEXT NOT NULL
);
CREATE TABLE audit(
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id INTEGER,
    summary TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE patients(
    id INTEGER PRIMARY KEY,
    nik TEXT UNIQUE CHECK (nik IS NULL OR length(nik) = 16),
    bpjs TEXT UNIQUE CHECK (bpjs IS NULL OR length(bpjs) = 13),
    rm_number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    sex TEXT NOT NULL CHECK (sex IN ('L','P')),
    birth_date TEXT NOT NULL,
    village TEXT NOT NULL DEFAULT '',
    rt_rw TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    phone TEXT,
    kk TEXT,
    member_no TEXT UNIQUE,
    created_at TEXT NOT NULL,
    created_by INTEGER REFERENCES users(id)
);
CREATE INDEX patients_phone ON patients(phone);
