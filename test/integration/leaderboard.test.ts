// The leaderboard source and `import leaderboard` against the simulator's LMArena files.
import { describe, expect, it } from 'vitest';
import { groupCounts } from '../../collector/sources/leaderboard-csv.ts';
import { importLeaderboards, leaderboardSource } from '../../collector/sources/leaderboard.ts';
import { simulatorContext, simulatorPerFile } from '../helpers/simulator-context.ts';
import type { MemoryContext } from '../../simulators/memory-context.ts';

const START = new Date('2026-11-29T12:00:00Z');
const sim = simulatorPerFile({ now: START });

const fileOf = (date: string) => `leaderboard_table_${date.replaceAll('-', '')}.csv`;
const tableRequests = () => sim.accounting.requests.filter((r) => r.endpoint === 'leaderboard.table');

/**
 * Reading a table by hand: one model per key (the first cell of 2024+ tables, the Model
 * name of 2023 ones), a key listed again is the same model, and the License cell is
 * classed by the licences the simulator's tables use, the "Propretary" typo included.
 */
function countByHand(csv: string): Record<string, number> {
  const [header, ...lines] = csv.trim().split('\n');
  const licence = header!.split(',').indexOf('License');
  const counts: Record<string, number> = { closed: 0, open_noncommercial: 0, open: 0, unknown: 0 };
  const seen = new Set<string>();
  for (const line of lines) {
    const cells = line.split(',');
    if (seen.has(cells[0]!)) continue;
    seen.add(cells[0]!);
    const cell = cells[licence]!;
    if (cell === 'Proprietary' || cell === 'Propretary') counts.closed!++;
    else if (cell === 'Non-commercial' || cell.startsWith('CC-BY-NC')) counts.open_noncommercial!++;
    else if (['-', 'N/A', 'Other', 'Open'].includes(cell)) counts.unknown!++;
    else counts.open!++;
  }
  return counts;
}

const value = (ctx: MemoryContext, subject: string, metric: string, date: string) =>
  ctx.rows.find((r) => r.subject === subject && r.metric === metric && r.observed_at === date)?.value;

/** The models per group (proprietary, open non-commercial, open, unknown) of a table, from the facts stored per class. */
function groups(ctx: MemoryContext, date: string): Record<string, number> {
  const counts = Object.fromEntries(
    ctx.rows.filter((r) => r.metric === 'arena_models' && r.observed_at === date).map((r) => [r.subject.slice('arena:'.length), r.value]),
  ) as Parameters<typeof groupCounts>[0];
  return groupCounts(counts);
}

describe('leaderboard tables', () => {
  it('imports every listed table and counts each class exactly as reading it by hand', async () => {
    const ctx = simulatorContext(sim);
    await leaderboardSource.collect(ctx);
    expect(ctx.problems).toEqual([]);
    const dates = sim.world.leaderboardDates();
    expect(dates.length).toBeGreaterThan(10);
    expect(new Set(ctx.rows.map((r) => r.observed_at))).toEqual(new Set(dates));
    for (const date of dates) expect(groups(ctx, date), date).toEqual(countByHand(sim.world.leaderboardCsv(date)!));
    expect(tableRequests()).toHaveLength(dates.length);
  });

  it('keeps the real tables\' quirks: a display name shared by two keys, licence spellings, the typo, a key listed twice', async () => {
    const ctx = simulatorContext(sim);
    const result = await importLeaderboards(ctx, [`${sim.env.LEADERBOARD_URL}/${fileOf('2025-06-10')}`]);
    expect(result.problems).toEqual([]);
    expect(result.notices.map((n) => n.message)).toEqual([expect.stringMatching(/leaderboard_table_20250610\.csv:\d+: key "yi-34b-chat" is listed again \(first on line \d+\) in 2025-06-10's table; counted once$/)]);
    const lines = sim.world.leaderboardCsv('2025-06-10')!.trim().split('\n').length - 1;
    const models = ctx.rows.filter((r) => r.metric === 'arena_models').reduce((n, r) => n + r.value, 0);
    expect(models).toBe(lines - 1);
    // Both Gemini-1.5-Pro-001 entries, the Propretary one and Llama-3.3 are counted: nothing unknown, nothing dropped.
    expect(groups(ctx, '2025-06-10').unknown).toBe(0);
    expect(value(ctx, 'arena:closed', 'arena_models', '2025-06-10')).toBe(countByHand(sim.world.leaderboardCsv('2025-06-10')!).closed);
  });

  it('reads the 2023-07-20 table as 40 models: 6 closed (the top five and PaLM-Chat-Bison-001), 15 non-commercial, 19 open', async () => {
    const ctx = simulatorContext(sim);
    const result = await importLeaderboards(ctx, [`${sim.env.LEADERBOARD_URL}/${fileOf('2023-07-20')}`]);
    expect(result).toEqual({ files: 1, rows: ctx.rows.length, problems: [], notices: [] });
    expect(groups(ctx, '2023-07-20')).toEqual({ closed: 6, open_noncommercial: 15, open: 19, unknown: 0 });
    expect(value(ctx, 'arena:closed', 'arena_models', '2023-07-20')).toBe(6);
    expect(value(ctx, 'arena:open-weights-restricted-noncommercial', 'arena_models', '2023-07-20')).toBe(15);
    const ranks = ctx.rows.filter((r) => r.metric === 'arena_model_rank').sort((a, b) => a.value - b.value);
    expect(ranks.slice(0, 5).map((r) => (r.detail as { class: string }).class)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed']);
    expect(ranks.slice(5).filter((r) => (r.detail as { class: string }).class === 'closed').map((r) => r.subject)).toEqual(['arena-model:PaLM-Chat-Bison-001']);
    expect(value(ctx, 'arena:closed', 'arena_best_rank', '2023-07-20')).toBe(1);
    expect(value(ctx, 'arena:closed', 'arena_best_elo', '2023-07-20')).toBe(1206);
    expect(value(ctx, 'arena:open-weights-restricted-noncommercial', 'arena_best_rank', '2023-07-20')).toBe(6);
    expect(ctx.rows.find((r) => r.subject === 'arena-model:ChatGLM-6B' && r.metric === 'arena_model_rank')!.family).toBe('chatglm');
    expect(ctx.rows.find((r) => r.subject === 'arena-model:Vicuna-33B' && r.metric === 'arena_model_elo')!.family).toBe('');
  });

  it('stores only counts for 2024+ tables, which carry no Elo, and says so', async () => {
    const ctx = simulatorContext(sim);
    await importLeaderboards(ctx, [`${sim.env.LEADERBOARD_URL}/${fileOf('2024-01-09')}`, `${sim.env.LEADERBOARD_URL}/${fileOf('2025-06-10')}`]);
    expect(ctx.problems).toEqual([]);
    expect(new Set(ctx.rows.map((r) => r.metric))).toEqual(new Set(['arena_models']));
    expect(ctx.lines.filter((l) => /layout=2024\+ .*elo=none \(counts only/.test(l))).toHaveLength(2);
    expect(groups(ctx, '2025-06-10').open).toBe(countByHand(sim.world.leaderboardCsv('2025-06-10')!).open);
  });

  it('imports only new tables on later runs', async () => {
    sim.clock.set(new Date('2026-01-10T12:00:00Z'));
    const ctx = simulatorContext(sim);
    await leaderboardSource.collect(ctx);
    const first = new Set(ctx.rows.map((r) => r.observed_at));
    expect(first.has('2025-11-03')).toBe(true);
    expect(first.has('2026-03-02')).toBe(false);
    sim.accounting.reset();
    await leaderboardSource.collect(ctx);
    expect(tableRequests()).toHaveLength(0);
    sim.clock.set(new Date('2026-08-10T12:00:00Z'));
    await leaderboardSource.collect(ctx);
    expect(tableRequests().map((r) => r.path.split('/').pop())).toEqual([fileOf('2026-03-02'), fileOf('2026-08-03')]);
  });

  it('names the file and the missing column when a table fits no layout, imports the rest, and retries it next run', async () => {
    const broken = fileOf('2023-09-05');
    const csv = sim.world.leaderboardCsv('2023-09-05')!.replace('MT-bench (score),Arena Elo rating,MMLU,License,Link', 'MT-bench (score),Arena Elo rating,MMLU,Licence,Link');
    const fault = sim.faults.add({ match: `/leaderboard/${broken}`, kind: 'status', status: 200, body: csv });
    const ctx = simulatorContext(sim);
    await leaderboardSource.collect(ctx);
    expect(ctx.problems).toHaveLength(1);
    expect(ctx.problems[0]!.message).toMatch(new RegExp(`/${broken}: no "License" column \\(closest layout: 2023`));
    expect(ctx.rows.some((r) => r.observed_at === '2023-09-05')).toBe(false);
    expect(ctx.rows.some((r) => r.observed_at === '2023-08-02')).toBe(true);
    fault.remove();
    sim.accounting.reset();
    await leaderboardSource.collect(ctx);
    expect(tableRequests().map((r) => r.path.split('/').pop())).toEqual([broken]);
    expect(groups(ctx, '2023-09-05')).toEqual(countByHand(sim.world.leaderboardCsv('2023-09-05')!));
  });

  it('reports a URL that answers 404 and imports the others', async () => {
    const ctx = simulatorContext(sim);
    const result = await importLeaderboards(ctx, [`${sim.env.LEADERBOARD_URL}/${fileOf('2022-01-01')}`, `${sim.env.LEADERBOARD_URL}/${fileOf('2023-06-19')}`]);
    expect(result.files).toBe(1);
    expect(result.problems.map((p) => p.message)).toEqual([expect.stringMatching(/leaderboard_table_20220101\.csv: HTTP 404; check the URL/)]);
    expect(ctx.rows.every((r) => r.observed_at === '2023-06-19')).toBe(true);
  });
});
