-- 005_subject_classes: openness per subject, and like with like (DESIGN.md, "Measuring
-- honestly"). A vendor may ship closed and open models under one name (OpenAI's GPT and
-- gpt-oss, Google's Gemini and Gemma), so a family's openness cannot say which side a
-- search, a repository, a package or a model belongs to: each subject carries its own
-- rung of the openness ladder (registry/openness.ts), licence, kind (model, SDK, tooling,
-- application) and modality (text, image, ...), written from the catalog on every sync.
--   families, release_events   gain the family's Chinese names, default kind and modality, and each
--                              release's own openness, licence and source
--   subjects                   the catalog's subjects and their classes (rewritten at each catalog sync)
--   scope_members              which (kind, modality) each scope adds (registry/openness.ts SCOPES)
--   signal_notes               the headline signals' titles and caveats (registry/metrics.ts HEADLINE_SIGNALS)
-- (both written from the registry when the store opens)
-- The views that read them are in views.sql. Existing stores keep their facts: classes come
-- from the catalog at the next sync, and until then every subject takes its family's openness.

ALTER TABLE families ADD COLUMN IF NOT EXISTS name_zh String DEFAULT '';
ALTER TABLE families ADD COLUMN IF NOT EXISTS vendor_zh String DEFAULT '';
ALTER TABLE families ADD COLUMN IF NOT EXISTS kind LowCardinality(String) DEFAULT 'model';
ALTER TABLE families ADD COLUMN IF NOT EXISTS modality LowCardinality(String) DEFAULT 'text';
ALTER TABLE families ADD COLUMN IF NOT EXISTS noncommercial UInt8 DEFAULT 0;
ALTER TABLE families ADD COLUMN IF NOT EXISTS licence_source String DEFAULT '';
ALTER TABLE release_events ADD COLUMN IF NOT EXISTS openness LowCardinality(String) DEFAULT '';
ALTER TABLE release_events ADD COLUMN IF NOT EXISTS licence String DEFAULT '';
ALTER TABLE release_events ADD COLUMN IF NOT EXISTS source String DEFAULT '';

CREATE TABLE IF NOT EXISTS subjects (
  family String,
  subject String,
  openness LowCardinality(String),
  is_open UInt8,
  licence String,
  noncommercial UInt8,
  kind LowCardinality(String),
  modality LowCardinality(String),
  source String,
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (family, subject);

CREATE TABLE IF NOT EXISTS scope_members (
  scope LowCardinality(String),
  kind LowCardinality(String),
  modality LowCardinality(String),
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (scope, kind, modality);

-- The headline signals' titles and caveats (registry/metrics.ts HEADLINE_SIGNALS), written
-- when the store opens, so the named query headline_answer returns each number with its caveat.
CREATE TABLE IF NOT EXISTS signal_notes (
  signal LowCardinality(String),
  position UInt8,
  title String,
  shape LowCardinality(String),
  source String,
  caveat String,
  updated_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(updated_at)
ORDER BY signal;
