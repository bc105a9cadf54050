-- 11: the name index also carries each person's birth year as a token ("y1985"), so that a
-- search narrowed by year or age is answered inside the index instead of filtering every
-- name match (merged records stay out of the index).
INSERT INTO patient_names(patient_names) VALUES('delete-all');
INSERT INTO patient_names(rowid, name_key)
    SELECT id, CASE WHEN birth_date IS NULL THEN name_key ELSE name_key || ' y' || substr(birth_date, 1, 4) END
    FROM patients WHERE merged_into IS NULL;
