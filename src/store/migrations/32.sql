-- 32: the name index made again (filled by `migrations::reindex_search`, as its first making
-- was): it keeps prefixes of four to six letters as well as one to three, and each name word
-- joined to the birth year ("budi1985"). A word being typed ("siti amin", "budi santo") was a
-- prefix the index did not hold, so FTS5 gathered every word starting with it before the first
-- hit; a name with a year went through everybody of that name. At 3,000,000 patients both took
-- 4-6 ms a key, growing with the village.
DROP TABLE patient_names;
CREATE VIRTUAL TABLE patient_names USING fts5(name_key, content='', contentless_delete=1, prefix='1 2 3 4 5 6');
