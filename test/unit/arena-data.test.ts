// Reading the Arena's leaderboard dataset (lmarena-ai/leaderboard-dataset) in the forms its rows
// come in: the dataset viewer's JSON pages, JSON Lines and CSV written out of its Parquet files,
// with the column names some subsets use instead (score, score_ci_lower, observation_count).
// The files: test/fixtures/arena/ (its README says where each shape was seen).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../collector/catalog.ts';
import { PROJECT_ROOT } from '../../collector/config.ts';
import { arenaColumns, looksLikeArenaRows, publicationDay, readArenaFacts, readArenaFile, viewerPage } from '../../collector/sources/arena-data.ts';
import { viewerFilterUrl } from '../../collector/sources/arena.ts';
import { LeaderboardFormatError } from '../../collector/sources/leaderboard-csv.ts';

const catalog = await loadCatalog(path.join(PROJECT_ROOT, 'collector', 'catalog.yml'));
const fixture = (name: string) => readFile(path.join(PROJECT_ROOT, 'test', 'fixtures', 'arena', name), 'utf8');
const origin = { dataset: 'lmarena-ai/leaderboard-dataset', subset: 'text' };
const TODAY = '2026-11-29';

/** Models per class of the facts' ratings, as the queries count them. */
function classes(rows: { metric: string; detail?: Record<string, unknown> }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) if (r.metric === 'arena_model_elo') out[String(r.detail!.class)] = (out[String(r.detail!.class)] ?? 0) + 1;
  return out;
}

describe('the dataset viewer\'s answers', () => {
  it('reads a /filter page: one publication, every model with rank, rating, interval, votes and licence class', async () => {
    const text = await fixture('viewer-filter-text-overall.json');
    const page = viewerPage(JSON.parse(text))!;
    expect(page.total).toBe(9);
    const read = readArenaFacts(catalog, 'filter', page, { category: 'overall', origin: { ...origin, revision: 'd25aabda' }, today: TODAY });
    expect(read.problems).toEqual([]);
    expect(read.notices).toEqual([]);
    expect(read.publications.map((p) => `${p.date} ${p.category} ${p.models.length}`)).toEqual(['2026-09-13 overall 9']);
    expect(read.rows).toHaveLength(45);
    expect(classes(read.rows)).toEqual({ closed: 4, 'open-weights-osi': 3, 'open-weights-restricted': 2 });
    const claude = read.rows.filter((r) => r.subject === 'arena-model:claude-opus-4-6-thinking');
    expect(claude.map((r) => [r.source, r.metric, r.observed_at, r.value])).toEqual([
      ['arena', 'arena_model_elo', '2026-09-13', 1499.3],
      ['arena', 'arena_model_rank', '2026-09-13', 1],
      ['arena', 'arena_model_rating_lower', '2026-09-13', 1495],
      ['arena', 'arena_model_rating_upper', '2026-09-13', 1503.5],
      ['arena', 'arena_model_votes', '2026-09-13', 34186],
    ]);
    expect(claude[0]!.family).toBe('claude');
    expect(claude[0]!.detail).toEqual({ licence: 'Proprietary', class: 'closed', organization: 'anthropic', dataset: 'lmarena-ai/leaderboard-dataset', subset: 'text', category: 'overall', revision: 'd25aabda' });
    // gpt-oss is OpenAI's, under Apache 2.0: its class comes from its licence, not its vendor
    expect(read.rows.find((r) => r.subject === 'arena-model:gpt-oss-120b' && r.metric === 'arena_model_elo')!.detail).toMatchObject({ licence: 'Apache 2.0', class: 'open-weights-osi' });
    expect(read.rows.find((r) => r.subject === 'arena-model:gemma-1.1-7b-it' && r.metric === 'arena_model_elo')!.value).toBe(1065.056434303816);
  });

  it('keeps one category of a /rows page, and skips a row whose needed cell the viewer cut short', async () => {
    const page = viewerPage(JSON.parse(await fixture('viewer-rows-text-latest.json')))!;
    expect(page.total).toBe(10606);
    const read = readArenaFacts(catalog, 'rows', page, { category: 'overall', origin, today: TODAY, firstIndex: 0 });
    expect(read.otherCategories).toEqual({ chinese: 2 });
    expect(read.publications[0]!.models.map((m) => m.model)).toEqual(['claude-opus-4-6-thinking', 'glm-5.1']);
    expect(read.problems.map((p) => p.message)).toEqual(['rows row 5: the viewer cut the cell(s) license short; row skipped (read the rows again, or import the file written as CSV)']);
  });

  it('builds the /filter URL the arena source asks: one category, newer than the last publication stored, 100 rows a page', () => {
    const url = new URL(viewerFilterUrl('https://datasets-server.huggingface.co', 'lmarena-ai/leaderboard-dataset', 'text', 'overall', 200, '2026-09-08'));
    expect(url.pathname).toBe('/filter');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      dataset: 'lmarena-ai/leaderboard-dataset', config: 'text', split: 'full', where: `"category"='overall' AND "leaderboard_publish_date">'2026-09-08'`, offset: '200', length: '100',
    });
  });
});

describe('files of the dataset\'s rows', () => {
  it('JSON Lines: two publications; a model listed twice counted once; a row without a rating and an interval that misses its rating reported', async () => {
    const text = await fixture('text-overall-2024.jsonl');
    expect(looksLikeArenaRows(text)).toBe(true);
    const read = readArenaFacts(catalog, 'text-overall-2024.jsonl', readArenaFile('text-overall-2024.jsonl', text), { category: 'overall', origin, today: TODAY });
    expect(read.publications.map((p) => `${p.date} ${p.models.length}`)).toEqual(['2024-08-26 7', '2024-09-17 3']);
    expect(read.otherCategories).toEqual({ coding: 1 });
    expect(read.notices.map((n) => n.message)).toEqual(['text-overall-2024.jsonl row 7: model "gemma-2-27b-it" is listed again in the 2024-08-26 overall leaderboard (first at text-overall-2024.jsonl row 6); counted once']);
    expect(read.problems.map((p) => p.message)).toEqual([
      'text-overall-2024.jsonl row 12: rating "-" of "yi-lightning" on 2024-09-17 is not a rating between 100 and 4000; row skipped',
      'text-overall-2024.jsonl row 13: the interval 1270–1275 of "llama-3.1-405b-instruct" on 2024-09-17 does not hold its rating 1267.3; the rating is stored without it',
    ]);
    const august = read.rows.filter((r) => r.observed_at === '2024-08-26');
    // every model counted: "-" (NVILA) names no licence, so unknown; Mistral Research and CC-BY-NC non-commercial
    expect(classes(august)).toEqual({ closed: 2, 'open-weights-restricted': 2, 'open-weights-restricted-noncommercial': 2, unknown: 1 });
    const llama = read.rows.filter((r) => r.subject === 'arena-model:llama-3.1-405b-instruct' && r.observed_at === '2024-09-17').map((r) => r.metric);
    expect(llama).toEqual(['arena_model_elo', 'arena_model_rank', 'arena_model_votes']);
  });

  it('CSV with the score columns some subsets use: read as rating, interval and votes', async () => {
    const text = await fixture('score-columns.csv');
    expect(looksLikeArenaRows(text)).toBe(true);
    const raw = readArenaFile('score-columns.csv', text);
    expect(arenaColumns(raw.rows).columns).toEqual({
      date: 'leaderboard_publish_date', model: 'model_name', organization: 'organization', licence: 'license', rating: 'score', lower: 'score_ci_lower', upper: 'score_ci_upper', votes: 'observation_count', rank: 'rank', category: 'category',
    });
    const read = readArenaFacts(catalog, 'score-columns.csv', raw, { category: 'overall', origin, today: TODAY });
    expect(read.problems).toEqual([]);
    expect(classes(read.rows)).toEqual({ closed: 2, 'open-weights-osi': 2 });
    expect(read.rows.filter((r) => r.subject === 'arena-model:deepseek-v3.2-exp').map((r) => `${r.metric} ${r.value}`)).toEqual([
      'arena_model_elo 1388', 'arena_model_rank 9', 'arena_model_rating_lower 1376.4', 'arena_model_rating_upper 1399.6', 'arena_model_votes 3982',
    ]);
  });

  it('names what is missing when the rows are not the dataset\'s, and says how to read a Parquet file', () => {
    expect(() => readArenaFacts(catalog, 'x.csv', readArenaFile('x.csv', 'model_name,score\na,1200\n'), { category: 'overall', origin, today: TODAY })).toThrow(
      /x\.csv: no date column \(leaderboard_publish_date or publish_date\), licence column \(license or licence\)\. The rows have: model_name, score\./,
    );
    let error: unknown;
    try {
      readArenaFile('full-00000-of-00001.parquet', 'PAR1\u0000\u0000');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LeaderboardFormatError);
    expect((error as Error).message).toMatch(/^full-00000-of-00001\.parquet: a Parquet file is not read here; import the dataset's rows as JSON or CSV instead/);
    expect((error as Error).message).toContain("pandas.read_parquet('FILE.parquet').to_csv('FILE.csv', index=False)");
  });

  it('reads publication dates as the viewer and CSV writers write them', () => {
    expect(publicationDay('2026-09-13')).toBe('2026-09-13');
    expect(publicationDay('2026-09-13T00:00:00')).toBe('2026-09-13');
    expect(publicationDay('2026-09-13 00:00:00+00:00')).toBe('2026-09-13');
    expect(publicationDay(20_344)).toBe('2025-09-13'); // date32: days since 1970
    expect(publicationDay(Date.parse('2026-09-13T00:00:00Z'))).toBe('2026-09-13');
    expect(publicationDay('2026-02-30')).toBeNull();
    expect(publicationDay('13/09/2026')).toBeNull();
  });

  it('tells a leaderboard table from the dataset\'s rows by its header', () => {
    expect(looksLikeArenaRows('key,Model,MT-bench (score),MMLU,License,Organization,Link\n')).toBe(false);
    expect(looksLikeArenaRows('Model,MT-bench (score),Arena Elo rating,MMLU,License,Link\n')).toBe(false);
    expect(looksLikeArenaRows('"model_name","rating"\n')).toBe(true);
  });
});
