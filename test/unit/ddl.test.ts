import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDdl, splitStatements } from '../../collector/store/ddl.ts';
import { listMigrations } from '../../collector/store/index.ts';

const TABLE = `CREATE TABLE IF NOT EXISTS observations (
  source LowCardinality(String),
  observed_at Date,
  collected_at DateTime64(3, 'UTC')
) ENGINE = ReplacingMergeTree(collected_at)
ORDER BY (source, observed_at)`;

describe('cluster DDL', () => {
  it('leaves single-node DDL alone', () => {
    expect(renderDdl(TABLE, { database: 'openpulse' })).toEqual([TABLE]);
  });

  it('makes a Replicated local table on every node and a Distributed table of the original name', () => {
    const [local, distributed, ...rest] = renderDdl(TABLE, { cluster: 'pulse', database: 'openpulse' });
    expect(rest).toEqual([]);
    expect(local).toMatch(/^CREATE TABLE IF NOT EXISTS observations_local ON CLUSTER `pulse` \(/);
    expect(local).toContain("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/observations_local', '{replica}', collected_at)");
    expect(local).toContain('ORDER BY (source, observed_at)');
    expect(distributed).toBe(
      "CREATE TABLE IF NOT EXISTS observations ON CLUSTER `pulse` AS observations_local ENGINE = Distributed('pulse', 'openpulse', 'observations_local', cityHash64(source, observed_at))",
    );
  });

  it('shards a table with a subject by subject, and runs a materialized view between local tables', () => {
    const [local, distributed] = renderDdl(
      `CREATE TABLE IF NOT EXISTS subject_days (
  metric LowCardinality(String),
  subject String,
  day Date,
  version UInt64
) ENGINE = ReplacingMergeTree(version)
ORDER BY (metric, subject, day)`,
      { cluster: 'pulse', database: 'openpulse' },
    );
    expect(local).toContain("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/subject_days_local', '{replica}', version)");
    expect(distributed).toBe("CREATE TABLE IF NOT EXISTS subject_days ON CLUSTER `pulse` AS subject_days_local ENGINE = Distributed('pulse', 'openpulse', 'subject_days_local', cityHash64(subject))");
    expect(renderDdl('CREATE MATERIALIZED VIEW IF NOT EXISTS w TO subject_days AS SELECT m AS metric FROM\n(\n  SELECT metric AS m FROM observations WHERE family != \'\'\n)', { cluster: 'c', database: 'd' })).toEqual([
      "CREATE MATERIALIZED VIEW IF NOT EXISTS w_local ON CLUSTER `c` TO subject_days_local AS SELECT m AS metric FROM\n(\n  SELECT metric AS m FROM observations_local WHERE family != ''\n)",
    ]);
  });

  it("makes migration 008's leaderboard rows a replicated AggregatingMergeTree sharded by subject, so a model's partial rows meet on one node", () => {
    const migration = listMigrations().find((m) => m.name === 'leaderboard_entries')!;
    const [table, view] = splitStatements(readFileSync(migration.file, 'utf8')).map((s) => renderDdl(s, { cluster: 'pulse', database: 'openpulse' }));
    expect(table![0]).toContain("ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/leaderboard_entries_local', '{replica}')");
    expect(table![0]).toContain('elo_fact SimpleAggregateFunction(max, Tuple(UInt64, Float64, String, String, String, String))');
    expect(table![1]).toBe("CREATE TABLE IF NOT EXISTS leaderboard_entries ON CLUSTER `pulse` AS leaderboard_entries_local ENGINE = Distributed('pulse', 'openpulse', 'leaderboard_entries_local', cityHash64(subject))");
    expect(view).toHaveLength(1);
    expect(view![0]).toMatch(/^CREATE MATERIALIZED VIEW IF NOT EXISTS leaderboard_entries_writer_local ON CLUSTER `pulse` TO leaderboard_entries_local AS/);
    expect(view![0]).toContain('FROM observations_local');
  });

  it("makes migration 012's week rows a replicated AggregatingMergeTree sharded by subject, written on each node from that node's day rows", () => {
    const migration = listMigrations().find((m) => m.name === 'subject_weeks')!;
    const [table, view] = splitStatements(readFileSync(migration.file, 'utf8')).map((s) => renderDdl(s, { cluster: 'pulse', database: 'openpulse' }));
    expect(table![0]).toContain("ENGINE = ReplicatedAggregatingMergeTree('/clickhouse/tables/{shard}/{database}/subject_weeks_local', '{replica}')");
    expect(table![1]).toBe("CREATE TABLE IF NOT EXISTS subject_weeks ON CLUSTER `pulse` AS subject_weeks_local ENGINE = Distributed('pulse', 'openpulse', 'subject_weeks_local', cityHash64(subject))");
    expect(view).toHaveLength(1);
    expect(view![0]).toMatch(/^CREATE MATERIALIZED VIEW IF NOT EXISTS subject_weeks_writer_local ON CLUSTER `pulse` TO subject_weeks_local AS/);
    expect(view![0]).toMatch(/FROM subject_days_local;?$/);
  });

  it("makes migration 015's partitioned copies replicated and sharded as the tables they replace, and exchanges the local tables", () => {
    const migration = listMigrations().find((m) => m.name === 'metric_partitions')!;
    const rendered = splitStatements(readFileSync(migration.file, 'utf8')).map((s) => renderDdl(s, { cluster: 'pulse', database: 'openpulse' }));
    const flat = rendered.flat();
    const days = flat.find((s) => s.startsWith('CREATE TABLE IF NOT EXISTS subject_days_by_metric_local'))!;
    // made with the local table's columns and projection, as the table it replaces
    expect(days).toMatch(/^CREATE TABLE IF NOT EXISTS subject_days_by_metric_local ON CLUSTER `pulse` AS subject_days_local ENGINE = /);
    expect(days).toContain("ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/subject_days_by_metric_local', '{replica}', version)");
    expect(days).toMatch(/PARTITION BY metric\s+ORDER BY \(metric, is_reference, day, subject\)/);
    expect(flat).toContain("CREATE TABLE IF NOT EXISTS subject_days_by_metric ON CLUSTER `pulse` AS subject_days_by_metric_local ENGINE = Distributed('pulse', 'openpulse', 'subject_days_by_metric_local', cityHash64(subject))");
    expect(flat).toContain('EXCHANGE TABLES subject_days_local AND subject_days_by_metric_local ON CLUSTER `pulse`');
    expect(flat).toContain('EXCHANGE TABLES subject_weeks_local AND subject_weeks_by_metric_local ON CLUSTER `pulse`');
    expect(flat).toContain("CREATE TABLE IF NOT EXISTS subject_weeks_by_metric ON CLUSTER `pulse` AS subject_weeks_by_metric_local ENGINE = Distributed('pulse', 'openpulse', 'subject_weeks_by_metric_local', cityHash64(subject))");
    expect(flat).toContain('OPTIMIZE TABLE subject_weeks_by_metric_local ON CLUSTER `pulse` FINAL');
    // the copy goes through the Distributed tables, each row to its subject's shard, forwarded before the statement ends
    expect(flat.find((s) => s.startsWith('INSERT INTO subject_days_by_metric'))).toMatch(/^INSERT INTO subject_days_by_metric SETTINGS distributed_foreground_insert = 1\nSELECT .* FROM subject_days$/);
  });

  it('runs views, truncates and alters on the cluster', () => {
    expect(renderDdl('CREATE VIEW IF NOT EXISTS facts AS SELECT 1', { cluster: 'c', database: 'd' })).toEqual(['CREATE VIEW IF NOT EXISTS facts ON CLUSTER `c` AS SELECT 1']);
    expect(renderDdl('CREATE OR REPLACE VIEW family_window AS SELECT 2', { cluster: 'c', database: 'd' })).toEqual(['CREATE OR REPLACE VIEW family_window ON CLUSTER `c` AS SELECT 2']);
    expect(renderDdl('TRUNCATE TABLE families', { cluster: 'c', database: 'd' })).toEqual(['TRUNCATE TABLE families_local ON CLUSTER `c`']);
    expect(renderDdl('OPTIMIZE TABLE subject_days FINAL', { cluster: 'c', database: 'd' })).toEqual(['OPTIMIZE TABLE subject_days_local ON CLUSTER `c` FINAL']);
    expect(renderDdl('OPTIMIZE TABLE subject_days FINAL', { cluster: undefined, database: 'd' })).toEqual(['OPTIMIZE TABLE subject_days FINAL']);
    // a partition at a time, as openpulse repair merges (store mergeDerived)
    expect(renderDdl("OPTIMIZE TABLE subject_days PARTITION ID 'a1b2c3' FINAL", { cluster: 'c', database: 'd' })).toEqual([
      "OPTIMIZE TABLE subject_days_local ON CLUSTER `c` PARTITION ID 'a1b2c3' FINAL",
    ]);
    expect(renderDdl("OPTIMIZE TABLE subject_latest PARTITION ID 'all' FINAL", { cluster: undefined, database: 'd' })).toEqual(["OPTIMIZE TABLE subject_latest PARTITION ID 'all' FINAL"]);
    expect(renderDdl('DROP TABLE IF EXISTS subject_days_by_metric', { cluster: 'c', database: 'd' })).toEqual([
      'DROP TABLE IF EXISTS subject_days_by_metric ON CLUSTER `c`',
      'DROP TABLE IF EXISTS subject_days_by_metric_local ON CLUSTER `c`',
    ]);
    expect(renderDdl('EXCHANGE TABLES subject_days AND subject_days_by_metric', { cluster: 'c', database: 'd' })).toEqual([
      'EXCHANGE TABLES subject_days_local AND subject_days_by_metric_local ON CLUSTER `c`',
    ]);
    expect(renderDdl('EXCHANGE TABLES subject_days AND subject_days_by_metric', { cluster: undefined, database: 'd' })).toEqual(['EXCHANGE TABLES subject_days AND subject_days_by_metric']);
    expect(renderDdl('ALTER TABLE runs ADD COLUMN x UInt8', { cluster: 'c', database: 'd' })).toEqual([
      'ALTER TABLE runs_local ON CLUSTER `c` ADD COLUMN x UInt8',
      'ALTER TABLE runs ON CLUSTER `c` ADD COLUMN x UInt8',
    ]);
  });

  it('alters the data (indexes, projections, stored column values, engine settings) in the local tables only, and a column in both', () => {
    const cluster = { cluster: 'c', database: 'd' };
    const onlyLocal = [
      'ALTER TABLE observations ADD INDEX IF NOT EXISTS family_set family TYPE set(0) GRANULARITY 1',
      'ALTER TABLE observations MATERIALIZE INDEX family_set',
      'ALTER TABLE subject_days MATERIALIZE COLUMN class_key',
      "ALTER TABLE leaderboard_entries MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild'",
      'ALTER TABLE leaderboard_entries ADD PROJECTION IF NOT EXISTS p (SELECT a, count() GROUP BY a)',
      'ALTER TABLE leaderboard_entries MATERIALIZE PROJECTION p',
    ];
    for (const statement of onlyLocal) {
      const [, table, change] = /^ALTER TABLE (\w+) (.*)$/.exec(statement)!;
      expect(renderDdl(statement, cluster)).toEqual([`ALTER TABLE ${table}_local ON CLUSTER \`c\` ${change}`]);
    }
    // a stored column is added to both: the Distributed table reads it
    expect(renderDdl('ALTER TABLE subject_days ADD COLUMN IF NOT EXISTS class_key UInt64 MATERIALIZED cityHash64(subject)', cluster)).toEqual([
      'ALTER TABLE subject_days_local ON CLUSTER `c` ADD COLUMN IF NOT EXISTS class_key UInt64 MATERIALIZED cityHash64(subject)',
      'ALTER TABLE subject_days ON CLUSTER `c` ADD COLUMN IF NOT EXISTS class_key UInt64 MATERIALIZED cityHash64(subject)',
    ]);
  });

  it('turns every table of every migration into cluster DDL', () => {
    for (const migration of listMigrations()) {
      const statements = splitStatements(readFileSync(migration.file, 'utf8'));
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        const rendered = renderDdl(statement, { cluster: 'c', database: 'd' });
        if (/^INSERT INTO/.test(statement)) {
          // a copy of rows is no DDL: it goes through the Distributed tables, each row to its shard, forwarded before it ends
          expect(rendered, path.basename(migration.file)).toEqual([statement]);
          expect(statement, path.basename(migration.file)).toMatch(/^INSERT INTO \w+ SETTINGS distributed_foreground_insert = 1\n/);
          continue;
        }
        for (const s of rendered) {
          expect(s, `${path.basename(migration.file)}: ${s.slice(0, 60)}`).toContain('ON CLUSTER `c`');
          // every parenthesis closed (a sorting key of tuple() once left the Distributed table's open)
          expect(s.split('(').length, `${path.basename(migration.file)}: ${s}`).toBe(s.split(')').length);
        }
        if (/^CREATE TABLE/.test(statement)) {
          expect(rendered[0]).toMatch(/ENGINE = Replicated\w*MergeTree\('/);
          expect(rendered[1]).toMatch(/ENGINE = Distributed\(/);
        }
      }
    }
  });

  it('shards a table without a sorting key (ORDER BY tuple(): one row, as class_cache and the views table) by a constant, so its rows meet on one shard', () => {
    const [local, distributed] = renderDdl("CREATE TABLE IF NOT EXISTS openpulse_views (hash String, applied_at DateTime64(3, 'UTC')) ENGINE = ReplacingMergeTree(applied_at) ORDER BY tuple()", { cluster: 'c', database: 'd' });
    expect(local).toBe("CREATE TABLE IF NOT EXISTS openpulse_views_local ON CLUSTER `c` (hash String, applied_at DateTime64(3, 'UTC')) ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/openpulse_views_local', '{replica}', applied_at) ORDER BY tuple()");
    expect(distributed).toBe("CREATE TABLE IF NOT EXISTS openpulse_views ON CLUSTER `c` AS openpulse_views_local ENGINE = Distributed('c', 'd', 'openpulse_views_local', cityHash64(tuple()))");
  });
});

describe('migrations', () => {
  it('are numbered, in order, without gaps', () => {
    const versions = listMigrations().map((m) => m.version);
    expect(versions[0]).toBe(1);
    versions.forEach((v, i) => expect(v).toBe(i + 1));
  });
});
