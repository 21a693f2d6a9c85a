// Every list of a vocabulary must be the registry's: this fails when one drifts.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLECTED_SOURCE_NAMES, SCOPES, FACT_METRIC_IDS, FACT_METRICS, FAMILY_METRIC_IDS, FAMILY_METRICS, HEADLINE_SIGNALS, SERIES, SITE_METRICS, SITE_SHARE_METRICS, SOURCE_NAMES, SOURCES, SUBJECT_PREFIXES } from '../../registry/index.ts';
import { keys, siteQueries } from '../../collector/snapshot/manifest.ts';
import { parseCatalog } from '../../collector/catalog.ts';
import { METRIC_TITLES } from '../../site/lib/metrics.ts';
import { catalogYaml, LLAMA } from '../helpers/catalogs.ts';
import { SOURCES as IMPLEMENTED } from '../../collector/sources/index.ts';
import { METRICS } from '../../collector/observation.ts';
import { REFERENCE_FIGURES } from '../../collector/reference.ts';
import { namedQueries, QUERIES_DIR } from '../../queries/index.ts';
import { REPORT_METRICS } from '../../collector/report/model.ts';
import { METRIC_NOTES, DATA_SOURCES } from '../../collector/report/methodology.ts';
import { backfillCommand } from '../../collector/commands/backfill.ts';
import { collectCommand } from '../../collector/commands/collect.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const enumValues = (type: string) => [...type.matchAll(/'([^']*)'/g)].map((m) => m[1]);

describe('the registry', () => {
  it('has one entry per id', () => {
    for (const ids of [FACT_METRIC_IDS, FAMILY_METRIC_IDS, SOURCE_NAMES]) expect(new Set(ids).size).toBe(ids.length);
  });

  it('names a source for every fact metric, and subject prefixes that source declares', () => {
    for (const m of FACT_METRICS) {
      const source = SOURCES.find((s) => s.name === m.source);
      expect(source, m.id).toBeDefined();
      expect(source!.subjects as readonly string[], m.id).toContain(m.subject);
    }
  });

  it('builds every family metric from registered fact metrics', () => {
    for (const m of FAMILY_METRICS) for (const f of m.facts) expect(FACT_METRIC_IDS, m.id).toContain(f);
  });
});

describe('the collector reads the registry', () => {
  it('has one implementation per collected source, in the registry order, and no other', () => {
    expect(IMPLEMENTED.map((s) => s.name)).toEqual(COLLECTED_SOURCE_NAMES);
    expect([...COLLECTED_SOURCE_NAMES, 'reference']).toEqual(SOURCE_NAMES);
  });

  it('validates exactly the registry metrics', () => {
    expect([...METRICS]).toEqual(FACT_METRIC_IDS);
  });

  it('emits only registered metrics with registered subject prefixes (source code and reference figures)', () => {
    const files = ['collector/sources', 'collector/sources/github'].flatMap((dir) => readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`));
    for (const file of files) {
      for (const [, metric] of read(file).matchAll(/metric: '([a-z0-9_]+)'/g)) expect(FACT_METRIC_IDS, `${file}: ${metric}`).toContain(metric);
    }
    for (const fact of REFERENCE_FIGURES) {
      expect(FACT_METRIC_IDS).toContain(fact.metric);
      expect(SUBJECT_PREFIXES).toContain(fact.subject.slice(0, fact.subject.indexOf(':')));
    }
  });

  it('names the registry sources in the CLI help', () => {
    for (const target of SOURCES.flatMap((s) => s.backfill)) expect(backfillCommand.summary).toContain(target);
    for (const name of COLLECTED_SOURCE_NAMES) expect(collectCommand.flags!.source!.description).toContain(name);
  });
});

describe('the queries read the registry', () => {
  it('spell no metric or series Enum by hand: they name FamilyMetric and Series', () => {
    for (const file of readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql'))) {
      expect(read(`queries/${file}`), file).not.toMatch(/Enum\(/);
    }
  });

  it('expand every metric parameter to the registry Enum', () => {
    let seen = 0;
    for (const query of namedQueries().values()) {
      for (const p of query.params.filter((p) => p.name === 'metric')) {
        expect(enumValues(p.type), query.name).toEqual(FAMILY_METRIC_IDS);
        seen++;
      }
      for (const p of query.params.filter((p) => p.name === 'series')) expect(enumValues(p.type), query.name).toEqual(SERIES);
      for (const [, type] of query.sql.matchAll(/\{metric:([^}]*)\}/g)) expect(enumValues(type!), query.name).toEqual(FAMILY_METRIC_IDS);
    }
    expect(seen).toBeGreaterThan(5);
  });

  it('makes every registry family metric, and no other, from its facts in subject_days (migration 007)', () => {
    const sql = read('queries/schema/007_subject_days.sql');
    const writer = /CREATE MATERIALIZED VIEW IF NOT EXISTS subject_days_writer TO subject_days AS\n([\s\S]*?);\n/.exec(sql)![1]!;
    const made = Object.fromEntries([...writer.matchAll(/metric IN \(([^)]*)\), '([a-z0-9_]+)'/g)].map((m) => [m[2]!, enumValues(m[1]!)]));
    expect(made).toEqual(Object.fromEntries(FAMILY_METRICS.map((m) => [m.id, [...m.facts]])));
    const facts = /WHERE metric IN \(([^)]*)\)/.exec(writer)![1]!;
    expect(enumValues(facts).sort()).toEqual([...new Set(FAMILY_METRICS.flatMap((m) => m.facts))].sort());
    // a fact that stands in for another (a backfill) loses to it on the same day
    const standIns = /toUInt64\(metric NOT IN \(([^)]*)\)\)/.exec(writer)![1]!;
    expect(enumValues(standIns).sort()).toEqual(FACT_METRICS.filter((m) => 'backfillOf' in m && m.backfillOf).map((m) => m.id).sort());
  });

  it("averages a week of every count per day, and of no other metric, where a family chart draws one point a week (family_chart_facts)", () => {
    const sql = namedQueries().get('family_chart_facts')!.sql;
    const perDay = /metric IN \(([^)]*)\) AS per_day/.exec(sql)![1]!;
    expect(enumValues(perDay).sort()).toEqual(FACT_METRICS.filter((m) => 'perDay' in m && m.perDay).map((m) => m.id).sort());
    // the fact metrics the family charts draw include counts per day
    expect(FACT_METRICS.filter((m) => 'perDay' in m && m.perDay).map((m) => m.id)).toEqual(expect.arrayContaining(['npm_downloads', 'pypi_downloads', 'openrouter_tokens']));
  });

  it('makes one leaderboard row per publication and model from every per-model fact, and no other, in leaderboard_entries (migration 008)', () => {
    const sql = read('queries/schema/008_leaderboard_entries.sql');
    const writer = /CREATE MATERIALIZED VIEW IF NOT EXISTS leaderboard_entries_writer TO leaderboard_entries AS\n([\s\S]*?);\n/.exec(sql)![1]!;
    const perModel = FACT_METRICS.filter((m) => m.subject === 'arena-model');
    expect(enumValues(/WHERE metric IN \(([^)]*)\)/.exec(writer)![1]!).sort()).toEqual(perModel.map((m) => m.id).sort());
    // each metric has its own column, and the sources it comes from are the ones read
    expect([...writer.matchAll(/if\(metric = '([a-z_]+)'/g)].map((m) => m[1]).sort()).toEqual(perModel.map((m) => m.id).sort());
    expect(enumValues(/source IN \(([^)]*)\)/.exec(writer)![1]!).sort()).toEqual([...new Set(perModel.map((m) => m.source))].sort());
  });

  it('gives every scope a bit of scope_bits (a UInt64: at most 64 scopes), and filters scopes only by it', () => {
    expect(SCOPES.length).toBeLessThanOrEqual(64);
    const sources = [read('queries/schema/views.sql'), ...Array.from(namedQueries().values(), (q) => q.sql)];
    for (const sql of sources) expect(sql).not.toMatch(/\(\w*\.?kind, \w*\.?modality\) IN/);
    expect(read('queries/schema/views.sql')).toContain('toUInt64(1), toUInt8(b - 1)');
  });

  it("bounds headline_figures' span by the newest day of subject_days, through its projection's grouping", () => {
    const span = /span_end AS \(([\s\S]*?)\n  \),/.exec(read('queries/headline_figures.sql'))![1]!;
    expect(span).toContain('FROM subject_days WHERE is_reference = 0');
    expect(span).toContain('GROUP BY metric, is_reference, day');
    expect(read('queries/schema/007_subject_days.sql')).toContain('GROUP BY metric, is_reference, day)');
  });

  it('reads and orders headline figures of the metrics with an open share, in the registry order', () => {
    const sql = read('queries/headline_figures.sql');
    const shared = FAMILY_METRICS.filter((m) => m.openShare).map((m) => m.id);
    expect(shared.length).toBeLessThan(FAMILY_METRIC_IDS.length);
    expect(enumValues(/indexOf\(\[([^\]]*)\], metric\)/.exec(sql)![1]!)).toEqual(shared);
    expect(enumValues(/d\.metric IN \[([^\]]*)\]/.exec(sql)![1]!)).toEqual(shared);
  });
});

describe('the reports and the site read the registry', () => {
  it('report every family metric with its registry caveats, and every source', () => {
    expect(REPORT_METRICS.map((m) => m.id)).toEqual(FAMILY_METRIC_IDS);
    for (const m of FAMILY_METRICS) expect(METRIC_NOTES[m.id]).toEqual(m.caveats);
    expect([...new Set(DATA_SOURCES.flatMap((s) => s.sources))]).toEqual(SOURCE_NAMES);
  });

  it('builds its methodology page from the registry and names no metric list of its own', () => {
    const page = read('site/pages/[...lang]/methodology.astro');
    expect(page).toContain('FAMILY_METRICS.map');
    expect(page).toContain('SOURCES.flatMap');
    for (const id of SITE_METRICS) expect(page).not.toContain(`<h2 id="${id}">`);
  });

  it('spells no metric, source or class list in the site, charts or reports', () => {
    const files = ['site/lib/metrics.ts', 'site/lib/compare.ts', 'site/lib/site-charts.ts', 'site/lib/freshness.ts', 'collector/snapshot/manifest.ts', 'collector/report/model.ts', 'collector/report/methodology.ts', 'charts/palette.ts', 'queries/rows.ts'];
    for (const file of files) {
      const text = read(file);
      expect(text, file).not.toMatch(/'projects',\s*'stars'/);
      expect(text, file).not.toMatch(/github:\s*1,|'github',\s*'huggingface'/);
      expect(text, file).not.toMatch(/open_noncommercial: '/);
    }
  });
});

describe('metrics only open models have (issue 15)', () => {
  it('Hugging Face derivatives are a site metric, charted and compared like routed tokens; the 30-day windows stay off the site', () => {
    expect(SITE_METRICS).toContain('tokens');
    expect(SITE_METRICS).toContain('derivatives');
    expect(SITE_METRICS).not.toContain('hf_downloads_30d');
    expect(SITE_METRICS).not.toContain('derivative_downloads_30d');
    const catalog = parseCatalog(catalogYaml(LLAMA), 'registry.yml');
    const requested = new Map(siteQueries(catalog, new Date('2026-12-02T12:00:00Z')).map((r) => [r.key, r]));
    for (const key of [keys.metricByOpenness('derivatives'), keys.metricByFamily('derivatives'), keys.compareSeries('derivatives'), keys.topMovers('derivatives', '365d'), keys.seriesBreaks('derivatives', 'all')]) {
      expect(requested.get(key)?.params, key).toMatchObject({ metric: 'derivatives' });
    }
    // an open share is asked only of the metrics that have one: the build no longer runs open_share to answer no row
    const shares = [...requested.values()].filter((r) => r.query === 'open_share').map((r) => r.params?.metric);
    expect(shares).toEqual([...SITE_SHARE_METRICS]);
    expect(METRIC_TITLES.derivatives).toMatchObject({ title: 'Hugging Face derivatives', unit: 'models', openShare: false });
    expect(METRIC_TITLES.derivatives.shareNote).toMatch(/closed models publish no weights/i);
    expect(METRIC_TITLES.tokens).toMatchObject({ openShare: true, shareNote: '' });
  });

  it('states no open share of a metric closed models cannot have: no share list, and a count in the headline answer', () => {
    const noShare = FAMILY_METRICS.filter((m) => !m.openShare).map((m) => m.id);
    expect(noShare).toEqual(['hf_downloads_30d', 'derivatives', 'derivative_downloads_30d']);
    expect(SITE_SHARE_METRICS).toEqual(SITE_METRICS.filter((m) => !(noShare as readonly string[]).includes(m)));
    for (const signal of HEADLINE_SIGNALS) {
      const metric = FAMILY_METRICS.find((m) => m.id === signal.id);
      if (!metric) continue;
      expect(signal.shape === 'count', signal.id).toBe(!metric.openShare);
    }
    expect(HEADLINE_SIGNALS.find((s) => s.id === 'derivatives')!.caveat).toMatch(/no open-vs-closed share/);
  });
});
