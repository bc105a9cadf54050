-- 10: printers by role: each job names the printer that prints it (NULL: a job stored before
-- printers had names, printed by the default printer); each printer's spool takes its own.
ALTER TABLE print_jobs ADD COLUMN printer TEXT;
CREATE INDEX print_jobs_lane ON print_jobs(printer, status, id) WHERE status = 'pending';
