-- 16: wrong PINs counted per name typed, known or not, so a lockout says nothing about who
-- exists; the users' own counts are carried over.
CREATE TABLE login_failures(
    name TEXT PRIMARY KEY COLLATE NOCASE,
    failed INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);
INSERT INTO login_failures(name, failed, locked_until)
    SELECT name, failed_attempts, locked_until FROM users WHERE failed_attempts > 0 OR locked_until IS NOT NULL;
