-- 010_class_keys: the keys subject_daily_classed (views.sql) looks a day row's class up by, kept
-- in subject_days as each row is written instead of hashed on every read. A row's class is its own
-- catalog entry's (by family and class_subject), else its Hugging Face organisation's (by family
-- and hf-author:<organisation>, for a model), else its family's; the entries are found by the
-- 64-bit hash of the two strings. Hashing them per row, and cutting the organisation out of the
-- subject, was most of the class lookup's time (50 M facts, headline_figures' 485 days, 2.6 M day
-- rows: 63 ms of the view's 208 ms). The keys depend only on the row's own strings, never on the
-- catalog, so a catalog edit needs no rewrite: the view still reads the entries as they are now.
--   class_key    cityHash64(family, class_subject)
--   author_key   cityHash64(family, 'hf-author:' || the organisation of an hf: subject); 0 for others
-- MATERIALIZED columns: every insert computes them (the writer view's, a refold's), a part written
-- before this migration computes them as it is read until MATERIALIZE COLUMN (a mutation, in the
-- background) has stored them.

ALTER TABLE subject_days ADD COLUMN IF NOT EXISTS class_key UInt64 MATERIALIZED cityHash64(CAST(family AS String), class_subject);
ALTER TABLE subject_days ADD COLUMN IF NOT EXISTS author_key UInt64 MATERIALIZED if(startsWith(subject, 'hf:'), cityHash64(CAST(family AS String), concat('hf-author:', substringIndex(substring(subject, 4), '/', 1))), 0);
ALTER TABLE subject_days MATERIALIZE COLUMN class_key;
ALTER TABLE subject_days MATERIALIZE COLUMN author_key;
