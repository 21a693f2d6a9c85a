// The Data page asks questions: every query the site runs answers one of them,
// in both languages, and how fresh the data is comes last.

import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../collector/catalog.ts';
import { loadConfig } from '../../collector/config.ts';
import { siteQueries } from '../../collector/snapshot/manifest.ts';
import { DATA_QUESTIONS, queriesOf, QUERY_TEXTS, questionOf, resultPeriod, resultPeriodEnds } from '../../site/lib/data-questions.ts';
import type { QueryResult } from '../../collector/snapshot/site-data.ts';

const HAN = /\p{Script=Han}/u;

async function siteQueryNames(): Promise<Set<string>> {
  const catalog = await loadCatalog(loadConfig({ env: {} }).catalog);
  return new Set(siteQueries(catalog, new Date('2026-12-02T00:00:00Z')).map((r) => r.query));
}

describe('the Data page\'s questions', () => {
  it('give every query the site runs a question, and name no query the site does not run', async () => {
    const used = await siteQueryNames();
    expect([...used].filter((q) => !questionOf(q)), 'queries the site runs without a question in site/lib/data-questions.ts').toEqual([]);
    expect(Object.keys(QUERY_TEXTS).filter((q) => !used.has(q)), 'questions for queries the site no longer runs').toEqual([]);
  });

  it('each have queries, and ask how fresh the data is last', () => {
    for (const q of DATA_QUESTIONS) expect(queriesOf(q.id).length, q.id).toBeGreaterThan(0);
    expect(DATA_QUESTIONS.at(-1)!.id).toBe('freshness');
    expect(queriesOf('freshness')).toEqual(['data_freshness']);
  });

  it('are written in English and in Chinese, for readers', () => {
    const texts = [...DATA_QUESTIONS.flatMap((q) => [q.question, q.intro]), ...Object.values(QUERY_TEXTS).flatMap((t) => [t.title, t.description])];
    for (const t of texts) {
      expect(t.en.trim(), JSON.stringify(t)).not.toBe('');
      expect(HAN.test(t.zh), JSON.stringify(t)).toBe(true);
      // no developer words: NULL, ClickHouse types, query names
      expect(`${t.en} ${t.zh}`, JSON.stringify(t)).not.toMatch(/\bNULL\b|Nullable|UInt|Float64|DateTime64|[a-z]+_[a-z_]+/);
    }
  });

  it('say the period a result covers in words', () => {
    const r = (params: Record<string, unknown>) => ({ params }) as unknown as QueryResult;
    expect(resultPeriod(r({ from: '2025-12-02', to: '2026-12-02' }), 'en')).toBe('Dec 2, 2025 – Dec 2, 2026');
    expect(resultPeriod(r({ from: '2025-12-02', to: '2026-12-02' }), 'zh')).toBe('2025年12月2日 – 2026年12月2日');
    expect(resultPeriod(r({ as_of: '2026-12-02' }), 'en')).toBe('as of Dec 2, 2026');
    expect(resultPeriod(r({}), 'en')).toBe('');
    // the table keeps each end on one line (a Chinese date breaks anywhere otherwise)
    expect(resultPeriodEnds(r({ from: '2022-11-01', to: '2026-12-06' }), 'zh')).toEqual(['2022年11月1日', '2026年12月6日']);
    expect(resultPeriodEnds(r({ as_of: '2026-12-02' }), 'zh')).toEqual(['截至 2026年12月2日']);
    expect(resultPeriodEnds(r({}), 'en')).toEqual([]);
  });
});
