//! Numbered schema migrations, tracked in `PRAGMA user_version` and applied at open, each in its
//! own transaction. Append new ones; never edit one that has shipped.

use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    // 1: the foundation: settings kept in the database, users, the audit log, patients.
    r#"
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
    "#,
    // 2: catalog and stock by batch; every stock change is a movement row.
    r#"
    CREATE TABLE products(
        id INTEGER PRIMARY KEY,
        barcode TEXT UNIQUE,
        name TEXT NOT NULL,
        section TEXT NOT NULL CHECK (section IN ('sembako','obat','lain')),
        unit TEXT NOT NULL,
        sold_by TEXT NOT NULL CHECK (sold_by IN ('piece','weight','volume')),
        price INTEGER NOT NULL CHECK (price >= 0),
        member_price INTEGER CHECK (member_price IS NULL OR member_price >= 0),
        tax_category TEXT NOT NULL DEFAULT 'standard',
        price_cap INTEGER,
        allow_negative INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    CREATE TABLE drugs(
        product_id INTEGER PRIMARY KEY REFERENCES products(id),
        generic_name TEXT NOT NULL,
        strength TEXT NOT NULL DEFAULT '',
        form TEXT NOT NULL DEFAULT '',
        class TEXT NOT NULL CHECK (class IN ('bebas','bebas_terbatas','keras','oot','psikotropika','narkotika')),
        warning TEXT CHECK (warning IS NULL OR warning IN ('P1','P2','P3','P4','P5','P6')),
        label TEXT NOT NULL DEFAULT 'oral' CHECK (label IN ('oral','external')),
        kfa_code TEXT
    );
    CREATE TABLE batches(
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id),
        batch_no TEXT NOT NULL,
        expiry TEXT,
        UNIQUE (product_id, batch_no)
    );
    CREATE TABLE stock_movements(
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id),
        batch_id INTEGER REFERENCES batches(id),
        kind TEXT NOT NULL CHECK (kind IN ('receipt','sale','return','adjustment','writeoff')),
        qty_milli INTEGER NOT NULL,
        unit_cost INTEGER,
        reason TEXT,
        reference TEXT,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    );
    CREATE INDEX stock_movements_product ON stock_movements(product_id, batch_id);
    "#,
    // 3: the print spool: each job's bytes, stored with what it prints, then sent.
    r#"
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
    "#,
    // 4: queues. A ticket is one visit: it keeps its number (A-007) as it moves between services;
    // every step is an event with the service it happened in and the waiting/service seconds.
    r#"
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
    "#,
    // 5: patients: a normalised name key with a full-text prefix index for search-as-you-type, the
    // SATUSEHAT IHS number, merges, the history of every edit, and the CKG checks.
    r#"
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
    "#,
    // 6: shifts: one open shift per cashier, cash in and out with a reason, a blind count at close
    // and a numbered Z report; a closed shift never changes.
    r#"
    CREATE TABLE shifts(
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        business_day TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opening_float INTEGER NOT NULL CHECK (opening_float >= 0),
        closed_at TEXT,
        counted_cash INTEGER CHECK (counted_cash IS NULL OR counted_cash >= 0),
        counted_noncash INTEGER CHECK (counted_noncash IS NULL OR counted_noncash >= 0),
        denominations TEXT,
        expected_cash INTEGER,
        z_number INTEGER UNIQUE
    );
    CREATE UNIQUE INDEX shifts_one_open ON shifts(user_id) WHERE closed_at IS NULL;
    CREATE INDEX shifts_day ON shifts(business_day);
    CREATE TRIGGER shifts_closed_stay BEFORE UPDATE ON shifts WHEN OLD.closed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a closed shift never changes'); END;
    CREATE TABLE cash_movements(
        id INTEGER PRIMARY KEY,
        shift_id INTEGER NOT NULL REFERENCES shifts(id),
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('in','out')),
        amount INTEGER NOT NULL CHECK (amount > 0),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        user_id INTEGER REFERENCES users(id)
    );
    CREATE INDEX cash_movements_shift ON cash_movements(shift_id);
    "#,
    // 7: the SATUSEHAT outbox: each finished CKG check waits here, written in the same
    // transaction as the check, until the national platform has it. `encounter_value` is the
    // Encounter identifier, unique per entry, which finds a copy the server already has.
    // `in_doubt` is set before a send and cleared only by a definite answer, so an entry whose
    // fate is unknown (a crash, a dropped connection) is looked up before it is sent again.
    // Users who examine get their practitioner NIK (and the IHS id SATUSEHAT gives for it).
    r#"
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
    "#,
    // 8: sales. A sale is written whole in one transaction: its lines, payments and the stock
    // movements they cause. Voids and returns are new rows (the original stays, marked).
    // `shift_id` is filled once shifts exist.
    r#"
    ALTER TABLE products ADD COLUMN plu TEXT;
    CREATE UNIQUE INDEX products_plu ON products(plu) WHERE plu IS NOT NULL;
    CREATE INDEX products_name ON products(name COLLATE NOCASE);
    CREATE TABLE members(
        id INTEGER PRIMARY KEY,
        member_no TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        patient_id INTEGER REFERENCES patients(id),
        credit_limit INTEGER,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    CREATE TABLE prescriptions(
        id INTEGER PRIMARY KEY,
        prescriber TEXT NOT NULL,
        written_on TEXT NOT NULL,
        number TEXT NOT NULL,
        patient_name TEXT NOT NULL DEFAULT '',
        directions TEXT NOT NULL DEFAULT '',
        patient_id INTEGER REFERENCES patients(id),
        recorded_at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    );
    CREATE TABLE sales(
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        business_day TEXT NOT NULL,
        at TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        shift_id INTEGER,
        member_id INTEGER REFERENCES members(id),
        patient_id INTEGER REFERENCES patients(id),
        total INTEGER NOT NULL,
        vat INTEGER NOT NULL DEFAULT 0,
        change_given INTEGER NOT NULL DEFAULT 0,
        line_count INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'paid' CHECK (status IN ('paid','voided')),
        voided_at TEXT,
        voided_by INTEGER REFERENCES users(id),
        approved_by INTEGER REFERENCES users(id),
        void_reason TEXT
    );
    CREATE INDEX sales_day ON sales(business_day);
    CREATE INDEX sales_member ON sales(member_id);
    CREATE TABLE sale_lines(
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        line_no INTEGER NOT NULL,
        product_id INTEGER NOT NULL REFERENCES products(id),
        name TEXT NOT NULL,
        qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
        unit_price INTEGER NOT NULL,
        amount INTEGER NOT NULL,
        tax_category TEXT NOT NULL,
        member_price INTEGER NOT NULL DEFAULT 0,
        prescription_id INTEGER REFERENCES prescriptions(id),
        returned_milli INTEGER NOT NULL DEFAULT 0,
        UNIQUE (sale_id, line_no)
    );
    CREATE INDEX sale_lines_product ON sale_lines(product_id);
    CREATE TABLE payments(
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        kind TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment','refund')),
        method TEXT NOT NULL CHECK (method IN ('cash','qris','member_credit')),
        amount INTEGER NOT NULL,
        tendered INTEGER,
        reference TEXT,
        at TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        shift_id INTEGER
    );
    CREATE INDEX payments_sale ON payments(sale_id);
    CREATE TABLE sale_returns(
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        at TEXT NOT NULL,
        user_id INTEGER NOT NULL REFERENCES users(id),
        approved_by INTEGER NOT NULL REFERENCES users(id),
        reason TEXT NOT NULL,
        amount INTEGER NOT NULL,
        whole_sale INTEGER NOT NULL CHECK (whole_sale IN (0,1))
    );
    CREATE TABLE parked_sales(
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        parked_at TEXT NOT NULL,
        label TEXT NOT NULL,
        member_id INTEGER REFERENCES members(id),
        lines TEXT NOT NULL
    );
    CREATE TABLE receivings(
        id INTEGER PRIMARY KEY,
        supplier TEXT NOT NULL,
        invoice_no TEXT NOT NULL,
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    );
    ALTER TABLE stock_movements ADD COLUMN sale_id INTEGER REFERENCES sales(id);
    ALTER TABLE stock_movements ADD COLUMN receiving_id INTEGER REFERENCES receivings(id);
    ALTER TABLE stock_movements ADD COLUMN shift_id INTEGER;
    ALTER TABLE stock_movements ADD COLUMN sale_line_id INTEGER REFERENCES sale_lines(id);
    ALTER TABLE products ADD COLUMN reorder_level INTEGER;
    CREATE INDEX stock_movements_sale ON stock_movements(sale_id);
    CREATE INDEX stock_movements_at ON stock_movements(product_id, at);
    "#,
    // 9: covering indexes for long-range figures, and stock levels kept beside the movements (one row per product and batch, 0 = no batch),
    // updated by trigger in the same transaction as each movement; movements are append-only.
    // Reports read the levels instead of summing all history. Tests check both agree.
    r#"
    CREATE TABLE stock_levels(
        product_id INTEGER NOT NULL REFERENCES products(id),
        batch_key INTEGER NOT NULL,
        qty_milli INTEGER NOT NULL,
        PRIMARY KEY (product_id, batch_key)
    ) WITHOUT ROWID;
    INSERT INTO stock_levels(product_id, batch_key, qty_milli)
        SELECT product_id, coalesce(batch_id, 0), sum(qty_milli) FROM stock_movements GROUP BY product_id, coalesce(batch_id, 0);
    CREATE TRIGGER stock_levels_follow AFTER INSERT ON stock_movements BEGIN
        INSERT INTO stock_levels(product_id, batch_key, qty_milli) VALUES (NEW.product_id, coalesce(NEW.batch_id, 0), NEW.qty_milli)
        ON CONFLICT(product_id, batch_key) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli;
    END;
    CREATE TRIGGER stock_movements_no_update BEFORE UPDATE ON stock_movements
        BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
    CREATE TRIGGER stock_movements_no_delete BEFORE DELETE ON stock_movements
        BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
    -- Covering indexes for the supervisor's figures over long ranges (read without the tables).
    CREATE INDEX queue_events_figures ON queue_events(business_day, kind, service, wait_s);
    CREATE INDEX sale_lines_figures ON sale_lines(sale_id, product_id, amount);
    CREATE INDEX payments_figures ON payments(sale_id, method, kind, amount);
    CREATE INDEX sales_figures ON sales(business_day, status, user_id, total);
    "#,
    // 10: printers by role: each job names the printer that prints it (NULL: a job stored before
    // printers had names, printed by the default printer); each printer's spool takes its own.
    r#"
    ALTER TABLE print_jobs ADD COLUMN printer TEXT;
    CREATE INDEX print_jobs_lane ON print_jobs(printer, status, id) WHERE status = 'pending';
    "#,
    // 11: the name index also carries each person's birth year as a token ("y1985"), so that a
    // search narrowed by year or age is answered inside the index instead of filtering every
    // name match (merged records stay out of the index).
    r#"
    INSERT INTO patient_names(patient_names) VALUES('delete-all');
    INSERT INTO patient_names(rowid, name_key)
        SELECT id, CASE WHEN birth_date IS NULL THEN name_key ELSE name_key || ' y' || substr(birth_date, 1, 4) END
        FROM patients WHERE merged_into IS NULL;
    "#,
    // 12: the supervisor's figures kept per day beside the rows they count, by triggers in the
    // same transaction as each sale, line, payment, void and queue event (as stock levels
    // are), so a year of figures is a few hundred rows to add up. Figures: `sales`,
    // `cashier:<user id>`, `section:<section>`, `method:<method>` (net of refunds),
    // `q-taken|q-served|q-skipped:<service>`, `q-wait:<service>` (n calls, amount seconds) and
    // `q-waitm:<service>:<minutes>` (calls per rounded minute, for the 90th percentile).
    // `Store::check_figures` compares them with the rows.
    r#"
    CREATE TABLE day_figures(
        business_day TEXT NOT NULL,
        figure TEXT NOT NULL,
        n INTEGER NOT NULL DEFAULT 0,
        amount INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (business_day, figure)
    ) WITHOUT ROWID;
    CREATE TRIGGER day_figures_sale AFTER INSERT ON sales WHEN NEW.status = 'paid' BEGIN
        INSERT INTO day_figures(business_day, figure, n, amount)
            VALUES (NEW.business_day, 'sales', 1, NEW.total), (NEW.business_day, 'cashier:' || NEW.user_id, 1, NEW.total)
            ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    END;
    CREATE TRIGGER day_figures_line AFTER INSERT ON sale_lines BEGIN
        INSERT INTO day_figures(business_day, figure, n, amount)
            SELECT s.business_day, 'section:' || coalesce((SELECT section FROM products WHERE id = NEW.product_id), 'lain'), 1, NEW.amount
            FROM sales s WHERE s.id = NEW.sale_id AND s.status = 'paid'
            ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    END;
    CREATE TRIGGER day_figures_void AFTER UPDATE OF status ON sales WHEN OLD.status = 'paid' AND NEW.status <> 'paid' BEGIN
        INSERT INTO day_figures(business_day, figure, n, amount)
            VALUES (OLD.business_day, 'sales', -1, -OLD.total), (OLD.business_day, 'cashier:' || OLD.user_id, -1, -OLD.total)
            ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
        INSERT INTO day_figures(business_day, figure, n, amount)
            SELECT OLD.business_day, 'section:' || coalesce(p.section, 'lain'), -count(*), -sum(l.amount)
            FROM sale_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.sale_id = OLD.id GROUP BY 2
            ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    END;
    CREATE TRIGGER day_figures_payment AFTER INSERT ON payments BEGIN
        INSERT INTO day_figures(business_day, figure, n, amount)
            SELECT s.business_day, 'method:' || NEW.method, 1, CASE WHEN NEW.kind = 'refund' THEN -NEW.amount ELSE NEW.amount END
            FROM sales s WHERE s.id = NEW.sale_id
            ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    END;
    CREATE TRIGGER day_figures_queue AFTER INSERT ON queue_events WHEN NEW.kind IN ('taken', 'skipped', 'finished', 'transferred') BEGIN
        INSERT INTO day_figures(business_day, figure, n, amount)
            VALUES (NEW.business_day, CASE NEW.kind WHEN 'taken' THEN 'q-taken:' WHEN 'skipped' THEN 'q-skipped:' ELSE 'q-served:' END || NEW.service, 1, 0)
            ON CONFLICT(business_day, figure) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER day_figures_wait AFTER INSERT ON queue_events WHEN NEW.kind = 'called' AND NEW.wait_s IS NOT NULL BEGIN
        INSERT INTO day_figures(business_day, figure, n, amount)
            VALUES (NEW.business_day, 'q-wait:' || NEW.service, 1, NEW.wait_s),
                   (NEW.business_day, 'q-waitm:' || NEW.service || ':' || ((NEW.wait_s + 30) / 60), 1, 0)
            ON CONFLICT(business_day, figure) DO UPDATE SET n = n + excluded.n, amount = amount + excluded.amount;
    END;
    INSERT INTO day_figures SELECT business_day, 'sales', count(*), sum(total) FROM sales WHERE status = 'paid' GROUP BY business_day;
    INSERT INTO day_figures SELECT business_day, 'cashier:' || user_id, count(*), sum(total) FROM sales WHERE status = 'paid' GROUP BY business_day, user_id;
    INSERT INTO day_figures SELECT s.business_day, 'section:' || coalesce(p.section, 'lain'), count(*), sum(l.amount)
        FROM sale_lines l JOIN sales s ON s.id = l.sale_id LEFT JOIN products p ON p.id = l.product_id WHERE s.status = 'paid' GROUP BY 1, 2;
    INSERT INTO day_figures SELECT s.business_day, 'method:' || y.method, count(*), sum(CASE WHEN y.kind = 'refund' THEN -y.amount ELSE y.amount END)
        FROM payments y JOIN sales s ON s.id = y.sale_id GROUP BY 1, 2;
    INSERT INTO day_figures SELECT business_day, CASE kind WHEN 'taken' THEN 'q-taken:' WHEN 'skipped' THEN 'q-skipped:' ELSE 'q-served:' END || service, count(*), 0
        FROM queue_events WHERE kind IN ('taken', 'skipped', 'finished', 'transferred') GROUP BY 1, 2;
    INSERT INTO day_figures SELECT business_day, 'q-wait:' || service, count(*), sum(wait_s)
        FROM queue_events WHERE kind = 'called' AND wait_s IS NOT NULL GROUP BY 1, 2;
    INSERT INTO day_figures SELECT business_day, 'q-waitm:' || service || ':' || ((wait_s + 30) / 60), count(*), 0
        FROM queue_events WHERE kind = 'called' AND wait_s IS NOT NULL GROUP BY 1, 2;
    "#,
    // 13: fewer index pages written per sale. The covering indexes of 9 served the figures now
    // kept per day (12); a member's and a return's lookups use partial indexes that ordinary
    // sales do not touch; the stock card reads movements in id order (time order) through the
    // (product, batch) index FEFO uses anyway.
    r#"
    DROP INDEX sales_figures;
    DROP INDEX sale_lines_figures;
    DROP INDEX payments_figures;
    DROP INDEX queue_events_figures;
    DROP INDEX stock_movements_at;
    DROP INDEX sales_member;
    CREATE INDEX sales_member ON sales(member_id) WHERE member_id IS NOT NULL;
    DROP INDEX stock_movements_sale;
    CREATE INDEX stock_movements_line ON stock_movements(sale_line_id) WHERE sale_line_id IS NOT NULL;
    "#,
    // 14: CKG amendments. `ckg_results` holds the current version of a check; each amendment
    // keeps the lines it replaced, who amended, when, why and what changed (append-only).
    r#"
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
    "#,
    // 15: money at the counter. A sale's adjustments are lines of their own: cash rounding and a
    // discount on the whole sale (with a reason and who approved it); the sale's total is its
    // lines plus its adjustments. A line's own discount or price change is kept on the line (its
    // amount is after it), with the reason and the approver. Drugs know how many pieces a unit holds (a strip of
    // 10 kapsul) for the label; a prescription records the prescriber's licence number (SIP).
    r#"
    CREATE TABLE sale_adjustments(
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        kind TEXT NOT NULL CHECK (kind IN ('rounding','discount')),
        line_no INTEGER,
        amount INTEGER NOT NULL,
        reason TEXT,
        approved_by INTEGER REFERENCES users(id),
        shift_id INTEGER
    );
    CREATE INDEX sale_adjustments_sale ON sale_adjustments(sale_id);
    ALTER TABLE drugs ADD COLUMN pieces_per_unit INTEGER CHECK (pieces_per_unit IS NULL OR pieces_per_unit > 0);
    ALTER TABLE prescriptions ADD COLUMN prescriber_sip TEXT;
    ALTER TABLE sale_lines ADD COLUMN discount INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sale_lines ADD COLUMN discount_reason TEXT;
    ALTER TABLE sale_lines ADD COLUMN discount_approved_by INTEGER REFERENCES users(id);
    "#,
    // 16: wrong PINs counted per name typed, known or not, so a lockout says nothing about who
    // exists; the users' own counts are carried over.
    r#"
    CREATE TABLE login_failures(
        name TEXT PRIMARY KEY COLLATE NOCASE,
        failed INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT
    );
    INSERT INTO login_failures(name, failed, locked_until)
        SELECT name, failed_attempts, locked_until FROM users WHERE failed_attempts > 0 OR locked_until IS NOT NULL;
    "#,
    // 17: each audit entry carries the keyed digest of the rows it records (store::audit_rows).
    r#"
    ALTER TABLE audit ADD COLUMN row_digest TEXT;
    "#,
    // 18: one spelling key for products and people (`domain::names`: c/k/s, ph/f, x/ks, y/i,
    // j written for y, a final e): the product name index (name and generic name), filled by
    // `reindex_search` in Rust, which also makes every person's name key again with the rules.
    r#"
    CREATE VIRTUAL TABLE product_names USING fts5(key, content='', contentless_delete=1, prefix='1 2 3');
    "#,
    // 19: a delivery keeps its invoice's date and total, to check the lines against.
    r#"
    ALTER TABLE receivings ADD COLUMN invoice_date TEXT;
    ALTER TABLE receivings ADD COLUMN invoice_total INTEGER;
    CREATE INDEX receivings_supplier ON receivings(supplier, at);
    "#,
    // 20: stock counts (stock opname): a sheet per count, a line per product and batch with the
    // count and what the books said when it was counted; at most one count open at a time.
    r#"
    CREATE TABLE stock_counts(
        id INTEGER PRIMARY KEY,
        section TEXT,
        started_at TEXT NOT NULL,
        started_by INTEGER REFERENCES users(id),
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','approved','cancelled')),
        approved_at TEXT,
        approved_by INTEGER REFERENCES users(id),
        reason TEXT
    );
    CREATE UNIQUE INDEX stock_counts_one_open ON stock_counts(status) WHERE status = 'open';
    CREATE TABLE stock_count_lines(
        count_id INTEGER NOT NULL REFERENCES stock_counts(id),
        product_id INTEGER NOT NULL REFERENCES products(id),
        batch_key INTEGER NOT NULL,
        counted INTEGER CHECK (counted IS NULL OR counted >= 0),
        expected INTEGER,
        counted_at TEXT,
        counted_by INTEGER REFERENCES users(id),
        PRIMARY KEY (count_id, product_id, batch_key)
    ) WITHOUT ROWID;
    "#,
    // 21: price changes with the date they take effect and their history (who, when, old, new);
    // one dated today or before applies at once, a later one when its day comes.
    r#"
    CREATE TABLE price_changes(
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id),
        price INTEGER NOT NULL CHECK (price > 0),
        member_price INTEGER,
        old_price INTEGER NOT NULL,
        old_member_price INTEGER,
        effective_on TEXT NOT NULL,
        created_at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        applied_at TEXT
    );
    CREATE INDEX price_changes_product ON price_changes(product_id, id);
    CREATE INDEX price_changes_due ON price_changes(effective_on) WHERE applied_at IS NULL;
    "#,
    // 22: goods sent back to a supplier (expired or damaged), each line a movement linked to the
    // return (kind writeoff: migration 2 fixed the kinds).
    r#"
    CREATE TABLE supplier_returns(
        id INTEGER PRIMARY KEY,
        supplier TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('expired','damaged')),
        at TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id)
    );
    ALTER TABLE stock_movements ADD COLUMN supplier_return_id INTEGER REFERENCES supplier_returns(id);
    "#,
];

pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the schema up to date, one numbered migration per transaction.
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    migrate_to(conn, LATEST_VERSION)
}

pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> rusqlite::Result<()> {
    loop {
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version >= target {
            return Ok(());
        }
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current == version {
            tx.execute_batch(MIGRATIONS[version as usize])?;
            if MIGRATIONS[version as usize].contains("patient_names USING fts5") {
                backfill_name_keys(&tx)?;
            }
            if MIGRATIONS[version as usize].contains("product_names USING fts5") {
                reindex_search(&tx)?;
            }
            tx.pragma_update(None, "user_version", version + 1)?;
            tx.pragma_update(None, "application_id", super::APPLICATION_ID)?;
        }
        tx.commit()?;
    }
}

/// Patients registered before the search index existed get their name key, computed in Rust.
fn backfill_name_keys(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT id, name FROM patients")?;
    let mut update = tx.prepare("UPDATE patients SET name_key = ?2 WHERE id = ?1")?;
    let mut index = tx.prepare("INSERT INTO patient_names(rowid, name_key) VALUES (?1, ?2)")?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let (id, name): (i64, String) = (r.get(0)?, r.get(1)?);
        let key = crate::domain::names::normalize_name(&name);
        update.execute(rusqlite::params![id, key])?;
        index.execute(rusqlite::params![id, key])?;
    }
    Ok(())
}

/// Every name key made again with the spelling rules of today: people (their key and their
/// row in the name index, birth year included) and products.
fn reindex_search(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    let mut read = tx.prepare("SELECT id, name, birth_date, merged_into FROM patients")?;
    let mut update = tx.prepare("UPDATE patients SET name_key = ?2 WHERE id = ?1")?;
    let mut index = tx.prepare("INSERT INTO patient_names(rowid, name_key) VALUES (?1, ?2)")?;
    tx.execute("INSERT INTO patient_names(patient_names) VALUES('delete-all')", [])?;
    let mut rows = read.query([])?;
    while let Some(r) = rows.next()? {
        let (id, name, birth, merged): (i64, String, Option<String>, Option<i64>) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let key = crate::domain::names::normalize_name(&name);
        update.execute(rusqlite::params![id, key])?;
        if merged.is_none() {
            index.execute(rusqlite::params![id, super::patients::index_text(&key, birth.as_deref())])?;
        }
    }
    super::product_search::reindex_all_in(tx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{OpenMode, Store};

    #[test]
    fn migrates_from_every_earlier_version() {
        for start in 0..LATEST_VERSION {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.db");
            {
                let mut conn = Connection::open(&path).unwrap();
                migrate_to(&mut conn, start).unwrap();
                if start >= 1 {
                    conn.execute(
                        "INSERT INTO users(name, role, pin_hash, created_at) VALUES ('lama', 'admin', 'x', '2026-01-01T00:00:00.000Z')",
                        [],
                    )
                    .unwrap();
                    conn.execute(
                        "INSERT INTO patients(rm_number, name, sex, birth_date, created_at) VALUES ('RM-1', 'Hj. Sitti Aminah', 'P', '1970-01-01', '2026-01-01T00:00:00.000Z')",
                        [],
                    )
                    .ok();
                }
                if start >= 2 {
                    conn.execute(
                        "INSERT INTO products(name, section, unit, sold_by, price, created_at) VALUES ('Parasetamol 500 mg', 'obat', 'strip', 'piece', 5000, '2026-01-01T00:00:00.000Z')",
                        [],
                    )
                    .unwrap();
                }
            }
            // Version 0 is an empty file: only `init` (Create) may take it; a counter refuses it.
            let mode = if start == 0 { OpenMode::Create } else { OpenMode::Existing };
            let store = Store::open(&path, mode).unwrap();
            let product_index = MIGRATIONS.iter().position(|m| m.contains("product_names USING fts5")).unwrap() as i64;
            if start >= 2 && start <= product_index {
                let found = store.search_products("paracetamol", 5).unwrap();
                assert_eq!(found.len(), 1, "products made before the name index are found after migrating from {start}");
            }
            assert_eq!(store.schema_version().unwrap(), LATEST_VERSION, "from {start}");
            if start >= 1 {
                let n: i64 = store.conn().query_row("SELECT count(*) FROM users WHERE name = 'lama'", [], |r| r.get(0)).unwrap();
                assert_eq!(n, 1, "data kept when migrating from {start}");
                // Patients inserted before the search index existed are indexed by the migration.
                let index_migration = MIGRATIONS.iter().position(|m| m.contains("patient_names USING fts5")).unwrap() as i64;
                if start <= index_migration {
                    let found: i64 = store
                        .conn()
                        .query_row("SELECT count(*) FROM patient_names WHERE patient_names MATCH 'sit* ami*'", [], |r| r.get(0))
                        .unwrap();
                    assert_eq!(found, 1, "older patients are searchable after migrating from {start}");
                }
            }
            let fk: i64 = store.conn().query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
            assert_eq!(fk, 0);
        }
    }
}
