// Licence strings and model identity as the real LMSYS / LMArena tables have them: one
// normalisation table in the catalog classes every spelling (typos and variants listed),
// a string nobody classified counts as unknown (never skipped), every row is one model by
// the table's own key, and only a key listed twice is folded, with a notice.
// The table: test/fixtures/leaderboard/ (its README says what the real tables hold).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLicence, loadCatalog, normaliseLicence, parseCatalog } from '../../collector/catalog.ts';
import { PROJECT_ROOT } from '../../collector/config.ts';
import { groupCounts, readLeaderboardTable } from '../../collector/sources/leaderboard-csv.ts';
import { importLeaderboards } from '../../collector/sources/leaderboard.ts';
import { memoryContext } from '../../simulators/memory-context.ts';

const catalog = await loadCatalog(path.join(PROJECT_ROOT, 'collector', 'catalog.yml'));
const FILE = 'leaderboard_table_20250505.csv';
const FIXTURE = path.join(PROJECT_ROOT, 'test', 'fixtures', 'leaderboard', FILE);
const TEXT = await readFile(FIXTURE, 'utf8');

const FAMILY = '  - {id: x, name: X, vendor: V, openness: closed, region: US, licence: {name: n, commercial_use: c}}';
function catalogError(licences: string): string {
  try {
    parseCatalog(`families:\n${FAMILY}\nleaderboard_licences: ${licences}\n`, 'licences.yml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the catalog to be refused');
}

describe("the catalog's one licence table", () => {
  it('matches strings lower-cased, with runs of spaces, dashes, underscores and dots alike', () => {
    expect(normaliseLicence('  Apache-2.0 ')).toBe('apache 2 0');
    expect(normaliseLicence('apache_2.0')).toBe('apache 2 0');
    expect(normaliseLicence('CC BY-NC-SA 4.0')).toBe(normaliseLicence('CC-BY-NC-SA-4.0'));
    expect(normaliseLicence('Llama-3.3')).toBe(normaliseLicence('Llama 3.3'));
    expect(normaliseLicence('-')).toBe('');
    expect(normaliseLicence('N/A')).toBe('n/a');
  });

  it('classes every spelling the real tables use, the Propretary typo included', () => {
    const classes = (strings: string[]) => strings.map((l) => classifyLicence(catalog, l));
    expect(classes(['Proprietary', 'Propretary', 'PROPRIETARY'])).toEqual(Array(3).fill('closed'));
    expect(classes(['Non-commercial', 'CC-BY-NC-4.0', 'CC BY-NC-SA 4.0', 'CC-BY-NC-SA 4.0', 'MRL', 'Mistral Research'])).toEqual(
      Array(6).fill('open-weights-restricted-noncommercial'),
    );
    expect(classes(['Llama 3.1 Community', 'Llama 3.1', 'Llama-3.3', 'Llama 4', 'Llama', 'Gemma license', 'Gemma License', 'Gemma', 'Qwen', 'DeepSeek'])).toEqual(
      Array(10).fill('open-weights-restricted'),
    );
    // NVIDIA's open model licence, three ways in one 2026 publication, and Moonshot's modified MIT
    expect(classes(['NVIDIA Open Model', 'Nvidia Open Model', 'Nvidia Open', 'Nvidia', 'Modified MIT', 'Jamba Open'])).toEqual(Array(6).fill('open-weights-restricted'));
    expect(classes(['Apache 2.0', 'Apache-2.0', 'apache_2.0', 'MIT', 'CC-BY-SA 3.0', 'CC-BY-SA-3.0'])).toEqual(Array(6).fill('open-weights-osi'));
  });

  it('leaves placeholders and strings nobody classified in no class (the leaderboard counts them as unknown)', () => {
    for (const s of ['-', 'N/A', 'Other', 'Open', '', '  ', 'NexusFlow']) expect(classifyLicence(catalog, s), s).toBeNull();
  });

  it('refuses one string in two classes, naming both spellings and where', () => {
    expect(catalogError("{closed: [Apache 2.0], open-weights-osi: [MIT, apache-2.0]}")).toMatch(
      /licences\.yml:\d+:\d+: leaderboard_licences\.open-weights-osi\.1: expected a licence string in one class only; "apache-2\.0" is "Apache 2\.0" of closed once lower-cased/,
    );
  });

  it('refuses a placeholder listed as a licence, and a class that does not exist', () => {
    expect(catalogError("{closed: ['-']}")).toMatch(/leaderboard_licences\.closed\.0: expected a licence string with a letter or digit/);
    expect(catalogError('{closed: [], proprietary: [x]}')).toMatch(/leaderboard_licences: expected no field "proprietary"/);
  });

  it("reads older catalogs' keys as the class they meant", () => {
    const old = parseCatalog(`families:\n${FAMILY}\nleaderboard_licences: {closed: [Proprietary], open_noncommercial: [Non-commercial], open: [Apache 2.0]}\n`, 'old.yml');
    expect(classifyLicence(old, 'Non-commercial')).toBe('open-weights-restricted-noncommercial');
    expect(classifyLicence(old, 'Apache-2.0')).toBe('open-weights-restricted');
    expect(Object.keys(old.leaderboard_licences)).not.toContain('open');
  });
});

describe('a table with the real tables\' problems (test/fixtures/leaderboard)', () => {
  const { table, summary, rows, problems, notices } = readLeaderboardTable(catalog, FILE, TEXT, '2026-11-15');

  it('keeps every row: 27 rows are 26 models, none dropped for its licence', () => {
    expect(table.layout).toBe('2024+');
    expect(table.rows).toHaveLength(27);
    expect(summary.models).toHaveLength(26);
    expect(problems).toEqual([]);
  });

  it('keeps entries that share a display name under different keys as distinct models', () => {
    const byName = (name: string) => summary.models.filter((m) => m.model === name).map((m) => m.key);
    expect(byName('Gemini-1.5-Pro-001')).toEqual(['gemini-1.5-pro-api-0514', 'gemini-1.5-pro-001']);
    expect(byName('Gemini-2.0-Flash-001')).toEqual(['gemini-2.0-flash-001', 'gemini-2.0-flash']);
  });

  it('folds only the key listed twice, and reports the fold with the key and the table', () => {
    expect(notices).toEqual([
      {
        subject: 'arena-model:yi-34b-chat',
        raw: 'yi-34b-chat',
        message: `${FILE}:28: key "yi-34b-chat" is listed again (first on line 21) in 2025-05-05's table; counted once`,
      },
    ]);
    expect(summary.models.filter((m) => m.key === 'yi-34b-chat')).toHaveLength(1);
  });

  it('counts each class exactly, and the three figures plus unknown derived from them', () => {
    expect(summary.counts).toEqual({
      closed: 6,
      'open-weights-restricted-noncommercial': 4,
      'open-weights-restricted': 6,
      'open-weights-osi': 4,
      'open-source': 0,
      unknown: 6,
    });
    expect(groupCounts(summary.counts)).toEqual({ closed: 6, open_noncommercial: 4, open: 10, unknown: 6 });
    expect(summary.models.find((m) => m.key === 'claude-3-5-haiku-20241022')).toMatchObject({ licence: 'Propretary', cls: 'closed' });
    expect(summary.licences['open-weights-osi']).toEqual({ 'Apache 2.0': 1, 'Apache-2.0': 1, MIT: 1, 'CC-BY-SA 3.0': 1 });
    expect(summary.licences['open-weights-restricted']).toEqual({ 'Llama 3.1 Community': 1, 'Llama 3.1': 1, 'Llama-3.3': 1, 'Gemma license': 1, Gemma: 1, 'Yi License': 1 });
  });

  it('stores unknown as its own class, with its strings and a few models of each', () => {
    expect(summary.licences.unknown).toEqual({ '-': 1, 'N/A': 1, Other: 1, Open: 2, NexusFlow: 1 });
    const unknown = rows.find((r) => r.subject === 'arena:unknown' && r.metric === 'arena_models')!;
    expect(unknown.value).toBe(6);
    expect(unknown.detail).toMatchObject({
      licences: { '-': 1, 'N/A': 1, Other: 1, Open: 2, NexusFlow: 1 },
      examples: { '-': ['nvila-internal-15b-v1'], Open: ['stable-diffusion-v35-large', 'flux-1-dev-fp8'], NexusFlow: ['athene-v2-chat'] },
    });
    expect(rows.filter((r) => r.metric === 'arena_models').reduce((n, r) => n + r.value, 0)).toBe(26);
  });

  it('imports it with no problem, logging the fold and the unknown strings', async () => {
    const ctx = memoryContext({ catalog });
    const result = await importLeaderboards(ctx, [FIXTURE]);
    expect(result).toMatchObject({ files: 1, problems: [] });
    expect(result.notices.map((n) => n.message)).toEqual([expect.stringMatching(new RegExp(`${FILE}:28: key "yi-34b-chat" is listed again`))]);
    expect(ctx.problems).toEqual([]);
    expect(ctx.lines).toContainEqual(expect.stringMatching(/^source=leaderboard notice: .*yi-34b-chat/));
    expect(ctx.lines).toContainEqual(expect.stringMatching(/models=26 closed=6 open_noncommercial=4 open=10 unknown=6 /));
    expect(ctx.lines).toContainEqual(
      expect.stringMatching(/6 model\(s\) counted as unknown, their licence in no class: "-" ×1, "N\/A" ×1, "Other" ×1, "Open" ×2, "NexusFlow" ×1; add a licence to leaderboard_licences/),
    );
  });
});
