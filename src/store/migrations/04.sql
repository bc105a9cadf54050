-- 4: queues. A ticket is one visit: it keeps its number (A-007) as it moves between services;
-- every step is an event with the service it happened in and the waiting/service seconds.
CREATE TABLE tickets(
    id INTEGER PRIMARY KEY,
    business_day TEXT NOT NULL,
    prefix TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    service TEXT NOT NULL,
    priority TEXT CHECK (priority IS NULL OR priority IN ('lansia','ibu-hamil','disabilitas','anak')),
    status TEXT NOT NULL CHECK (status IN ('waiting','called','skipped','done')),
    taken_at TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    called_at TEXT,
    counter INTEGER,
    patient_id INTEGER REFERENCES patients(id),
    UNIQUE (business_day, prefix, number)
);
CREATE INDEX tickets_line ON tickets(business_day, status, service, queued_at);
CREATE TABLE queue_events(
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    at TEXT NOT NULL,
    business_day TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('taken','called','recalled','skipped','transferred','finished','linked')),
    service TEXT NOT NULL,
    counter INTEGER,
    user_id INTEGER,
    wait_s INTEGER,
    service_s INTEGER,
    detail TEXT
);
CREATE INDEX queue_events_calls ON queue_events(counter, business_day, kind, id);
CREATE INDEX queue_events_day ON queue_events(business_day, service);
