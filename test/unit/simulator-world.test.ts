import { describe, expect, it } from 'vitest';
import { classifyLicence } from '../../collector/catalog.ts';
import { createDefaultWorld, defaultCatalog } from '../../simulators/testing.ts';
import { createClock } from '../../simulators/world.ts';

const LLAMA = 'llama in:name,description,topics';

describe('simulated world', () => {
  it('is deterministic for a seed and differs between seeds', async () => {
    const a = await createDefaultWorld({ seed: 7 });
    const b = await createDefaultWorld({ seed: 7 });
    const c = await createDefaultWorld({ seed: 8 });
    const catalog = await defaultCatalog();
    for (const family of catalog.families) {
      for (const q of family.github.search) expect(a.searchCount(q)).toBe(b.searchCount(q));
      for (const r of family.github.repos) expect(a.repo(r)).toEqual(b.repo(r));
    }
    expect(a.npmDaily('openai', '2026-10-01')).toBe(b.npmDaily('openai', '2026-10-01'));
    expect(a.hfModel('meta-llama/Llama-2-7b-hf')).toEqual(b.hfModel('meta-llama/Llama-2-7b-hf'));
    expect(a.repo('ggerganov/llama.cpp')!.stars).not.toBe(c.repo('ggerganov/llama.cpp')!.stars);
  });

  it('has realistic sizes: ~6,000 LLaMA repositories by August 2023 and flagships with 10k-60k stars', async () => {
    const world = await createDefaultWorld();
    const byAugust = world.searchCount(LLAMA, '2023-08-01');
    expect(byAugust).toBeGreaterThan(5000);
    expect(byAugust).toBeLessThan(7500);
    for (const name of world.flagshipRepos()) {
      const stars = world.repo(name)!.stars;
      expect(stars).toBeGreaterThanOrEqual(9000);
      expect(stars).toBeLessThanOrEqual(62000);
    }
  });

  it('creates a flagship near the release it is named after, else near the family launch', async () => {
    const world = await createDefaultWorld();
    const created = (name: string) => world.repo(name)!.createdAt.slice(0, 10);
    // gpt-oss was released on 2025-08-05; ChatGPT, the family's first release, on 2022-11-30
    expect(created('openai/gpt-oss') >= '2025-08-01' && created('openai/gpt-oss') <= '2025-09-01').toBe(true);
    expect(created('openai/openai-python') < '2023-01-01').toBe(true);
    expect(created('QwenLM/Qwen3') >= '2025-04-25').toBe(true);
    expect(created('QwenLM/Qwen') < '2023-09-01').toBe(true);
    // its star history begins no earlier than the repository
    expect([...world.repo('openai/gpt-oss')!.starDays.keys()].every((d) => d >= created('openai/gpt-oss'))).toBe(true);
  });

  it('counts created: ranges consistently and monotonically', async () => {
    const world = await createDefaultWorld();
    let previous = 0;
    for (const month of ['2023-01-01', '2023-03-01', '2023-06-01', '2024-01-01', '2025-06-01', '2026-11-29']) {
      const n = world.searchCount(LLAMA, month);
      expect(n).toBeGreaterThanOrEqual(previous);
      previous = n;
    }
    const upTo = (d: string) => world.searchCount(`llama created:<=${d}`);
    expect(world.searchCount('llama created:2023-03-01..2023-06-30')).toBe(upTo('2023-06-30') - upTo('2023-02-28'));
    expect(world.searchCount('llama created:>2023-06-30') + upTo('2023-06-30')).toBe(world.searchCount('llama'));
    expect(world.searchCount('llama created:<2023-07-01')).toBe(upTo('2023-06-30'));
    expect(world.searchCount('llama created:>=2023-07-01')).toBe(world.searchCount('llama created:>2023-06-30'));
    // OR of disjoint populations adds up; AND narrows.
    expect(world.searchCount('llama2 OR llama3')).toBe(world.searchCount('llama2') + world.searchCount('llama3'));
    expect(world.searchCount('claude anthropic')).toBeLessThan(world.searchCount('claude'));
  });

  it('keeps star history consistent: days sum to the stargazer count, today included', async () => {
    const world = await createDefaultWorld({ now: new Date('2026-11-29T15:30:00Z') });
    for (const name of world.flagshipRepos().slice(0, 8)) {
      const repo = world.repo(name)!;
      const sum = [...repo.starDays.values()].reduce((a, b) => a + b, 0);
      expect(sum).toBe(repo.stars);
      expect([...repo.starDays.keys()].every((d) => d <= '2026-11-29')).toBe(true);
      expect([...repo.starDays.values()].every((n) => n > 0)).toBe(true);
    }
  });

  it('grows with the clock: stars and counts never shrink as time passes', async () => {
    const clock = createClock(new Date('2024-01-01T00:00:00Z'));
    const world = await createDefaultWorld();
    const moving = await createDefaultWorld({ now: clock.now() });
    expect(moving.repo('ggerganov/llama.cpp')!.stars).toBeLessThan(world.repo('ggerganov/llama.cpp')!.stars);
    const before = moving.searchCount(LLAMA);
    moving.clock.advance(30 * 86_400_000);
    expect(moving.searchCount(LLAMA)).toBeGreaterThan(before);
    // Before a repository's creation it does not exist.
    const early = await createDefaultWorld({ now: new Date('2022-01-01T00:00:00Z') });
    expect(early.repo('ggerganov/llama.cpp')).toBeUndefined();
  });

  it('publishes a day of npm and PyPI downloads only after UTC midnight', async () => {
    const world = await createDefaultWorld({ now: new Date('2026-11-29T23:59:00Z') });
    expect(world.npmDaily('openai', '2026-11-29')).toBeUndefined();
    expect(world.npmDaily('openai', '2026-11-28')).toBeGreaterThan(0);
    expect(world.npmDaily('@anthropic-ai/sdk', '2026-11-28')).toBeGreaterThan(0);
    expect(world.pypiDaily('transformers', '2026-11-29')).toBeUndefined();
    expect(world.npmDaily('no-such-package', '2026-11-28')).toBeUndefined();
    world.clock.advance(2 * 60_000);
    expect(world.npmDaily('openai', '2026-11-29')).toBeGreaterThan(0);
    // Weekends are quieter on npm.
    const weekday = world.npmDaily('openai', '2026-11-25')!;
    const sunday = world.npmDaily('openai', '2026-11-22')!;
    expect(sunday).toBeLessThan(weekday);
  });

  it('keeps Hugging Face figures coherent', async () => {
    const world = await createDefaultWorld();
    const model = world.hfModel('meta-llama/Meta-Llama-3-8B-Instruct')!;
    expect(model.gated).toBe('manual');
    expect(model.downloads).toBeGreaterThan(0);
    expect(model.downloadsAllTime).toBeGreaterThan(model.downloads);
    expect(world.hfAuthorModels('meta-llama')).toContain('meta-llama/Meta-Llama-3-8B-Instruct');
  });

  it('applies renames and deletions to the truth', async () => {
    const world = await createDefaultWorld();
    const before = world.searchCount(LLAMA);
    const stars = world.repo('ggerganov/llama.cpp')!.stars;
    world.renameRepo('ggerganov/llama.cpp', 'ggml-org/llama.cpp');
    expect(world.repo('ggerganov/llama.cpp')).toBeUndefined();
    expect(world.repo('ggml-org/llama.cpp')!.stars).toBe(stars);
    expect(world.searchCount(LLAMA)).toBe(before);
    world.deleteRepo('ggml-org/llama.cpp');
    expect(world.repo('ggml-org/llama.cpp')).toBeUndefined();
    expect(world.searchCount(LLAMA)).toBe(before - 1);
    world.renameModel('meta-llama/Llama-2-7b-hf', 'meta-llama/Llama-2-7B');
    expect(world.hfModel('meta-llama/Llama-2-7b-hf')).toBeUndefined();
    expect(world.hfModel('meta-llama/Llama-2-7B')).toBeDefined();
    expect(world.removePackage('openai')).toBe(true);
    expect(world.npmDaily('openai', '2026-11-01')).toBeUndefined();
    expect(world.pypiDaily('openai', '2026-11-01')).toBeUndefined();
  });

  it('has a 2023-07-20 leaderboard that matches the reported facts', async () => {
    const world = await createDefaultWorld();
    const catalog = await defaultCatalog();
    const [header, ...rows] = world.leaderboardCsv('2023-07-20')!.trim().split('\n');
    expect(header).toBe('Model,MT-bench (score),Arena Elo rating,MMLU,License,Link');
    const models = rows.map((line) => {
      const [name, , elo, , licence] = line.split(',');
      return { name: name!, elo: elo === '-' ? -1 : Number(elo), licence: licence! };
    });
    expect(models).toHaveLength(40);
    const byElo = [...models].sort((a, b) => b.elo - a.elo);
    const top5 = byElo.slice(0, 5);
    expect(top5.map((m) => m.licence)).toEqual(Array(5).fill('Proprietary'));
    expect(top5.map((m) => m.name)).toEqual(['GPT-4', 'Claude-1', 'Claude-instant-1', 'GPT-3.5-turbo', 'Claude-2']);
    const rest = byElo.slice(5);
    const classes = rest.map((m) => classifyLicence(catalog, m.licence));
    expect(classes).not.toContain(null);
    expect(rest.filter((m) => m.licence === 'Proprietary').map((m) => m.name)).toEqual(['PaLM-Chat-Bison-001']);
    expect(classes.filter((c) => c !== 'closed')).toHaveLength(34);
    expect(classes.filter((c) => c === 'open-weights-restricted-noncommercial')).toHaveLength(15);
  });

  it('drifts leaderboard columns as the real files did and only lists published tables', async () => {
    const world = await createDefaultWorld({ now: new Date('2024-04-01T00:00:00Z') });
    expect(world.leaderboardDates().at(-1)).toBe('2024-03-05');
    expect(world.leaderboardCsv('2024-05-08')).toBeUndefined();
    expect(world.leaderboardCsv('2024-01-09')!.split('\n')[0]).toBe('key,Model,MT-bench (score),MMLU,License,Organization,Link');
    expect(world.leaderboardCsv('2024-03-05')!.split('\n')[0]).toBe('key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link');
    const catalog = await defaultCatalog();
    for (const date of world.leaderboardDates()) {
      const rows = world.leaderboardCsv(date)!.trim().split('\n').slice(1);
      const licenceColumn = date < '2024' ? 4 : date >= '2024-03-01' ? 5 : 4;
      for (const row of rows) expect(classifyLicence(catalog, row.split(',')[licenceColumn]!)).not.toBeNull();
    }
  });

  it('scales with extraRepos and extraKeywords', async () => {
    const base = await createDefaultWorld();
    const bigger = await createDefaultWorld({ extraRepos: 5000, extraKeywords: ['zephyrine in:name,description,topics'] });
    expect(bigger.searchCount(LLAMA) - base.searchCount(LLAMA)).toBeGreaterThan(4500);
    expect(bigger.searchCount('zephyrine')).toBeGreaterThan(0);
    expect(base.searchCount('zephyrine')).toBe(0);
  });
});
