// The Hugging Face source against the simulated Hub: organisation listings, single models,
// renames (307), removed and refused models, bad values and request counts.
import { describe, expect, it } from 'vitest';
import { hfTargets, huggingfaceSource } from '../../collector/sources/huggingface.ts';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { simulatorClock, simulatorContext, simulatorPerFile } from '../helpers/simulator-context.ts';
import type { MemoryContext } from '../../simulators/memory-context.ts';

const START = new Date('2026-11-29T12:00:00Z');
const sim = simulatorPerFile({ now: START });

const count = (endpoint: string) => sim.accounting.requests.filter((r) => r.endpoint === endpoint).length;
const value = (ctx: MemoryContext, subject: string, metric: string) => ctx.rows.find((r) => r.subject === subject && r.metric === metric)?.value;

/** Every model the run should cover, by the id it is stored under, with its family: worked out from the world, not from the source. */
function expectedModels(simulator: Simulator): Map<string, string> {
  const { models, authors } = hfTargets(simulator.world.catalog);
  const out = new Map<string, string>();
  for (const [id, family] of models) if (simulator.world.hfModel(id)) out.set(id, family);
  for (const [author, family] of authors) for (const id of simulator.world.hfAuthorModels(author)) if (!out.has(id)) out.set(id, family);
  return out;
}

describe('Hugging Face downloads and likes', () => {
  it('stores 30-day and all-time downloads and likes of every catalog model and every model of every organisation', async () => {
    const ctx = simulatorContext(sim);
    await huggingfaceSource.collect(ctx);
    expect(ctx.problems).toEqual([]);
    const expected = expectedModels(sim);
    expect(expected.size).toBeGreaterThan(50);
    const subjects = new Set(ctx.rows.map((r) => r.subject));
    expect([...subjects].sort()).toEqual([...expected.keys()].map((id) => `hf:${id}`).sort());
    for (const [id, family] of expected) {
      const truth = sim.world.hfModel(id)!;
      expect(value(ctx, `hf:${id}`, 'hf_downloads_30d'), id).toBe(truth.downloads);
      expect(value(ctx, `hf:${id}`, 'hf_downloads_all_time'), id).toBe(truth.downloadsAllTime);
      expect(value(ctx, `hf:${id}`, 'hf_likes'), id).toBe(truth.likes);
      expect(ctx.rows.find((r) => r.subject === `hf:${id}`)!.family).toBe(family);
    }
    expect(ctx.rows.every((r) => r.observed_at === '2026-11-29' && r.source === 'huggingface')).toBe(true);
    expect(new Set(ctx.rows.map((r) => `${r.subject} ${r.metric}`)).size).toBe(ctx.rows.length);

    // Family sums count each model once.
    const sum30d = (family: string) => ctx.rows.filter((r) => r.family === family && r.metric === 'hf_downloads_30d').reduce((s, r) => s + r.value, 0);
    const truthSum = (family: string) => [...expected].filter(([, f]) => f === family).reduce((s, [id]) => s + sim.world.hfModel(id)!.downloads, 0);
    for (const family of ['llama', 'qwen', 'chatglm', 'mistral', 'deepseek']) expect(sum30d(family), family).toBe(truthSum(family));
  });

  it('asks once per organisation plus once per catalog model no listing covers, however many models there are', async () => {
    const ctx = simulatorContext(sim);
    await huggingfaceSource.collect(ctx);
    const { models, authors } = hfTargets(ctx.catalog);
    const uncovered = [...models.keys()].filter((id) => !authors.has(id.split('/')[0]!));
    expect(uncovered).toContain('databricks/dolly-v2-12b');
    // one listing per organisation, and one listing of derivatives per catalog model the Hub has
    const present = [...models.keys()].filter((id) => sim.world.hfModel(id)).length;
    expect(count('hf.models.list')).toBe(authors.size + present);
    expect(count('hf.models.get')).toBe(uncovered.length);
    const derivativeListings = sim.accounting.requests.filter((r) => r.path.includes('filter=base_model'));
    expect(derivativeListings).toHaveLength(present);
    expect(derivativeListings.every((r) => /expand(%5B%5D|\[\])=downloads&expand(%5B%5D|\[\])=tags/.test(r.path))).toBe(true);
    const others = sim.accounting.requests.filter((r) => !r.path.includes('filter=base_model'));
    expect(others.every((r) => r.path.includes('expand%5B%5D=downloadsAllTime') || r.path.includes('expand[]=downloadsAllTime'))).toBe(true);
  });

  it('follows a renamed id (307), stores it under the catalog id with renamed_to, and does not count it twice', async () => {
    const own = await startDefaultSimulator({ now: START });
    try {
      own.world.renameModel('THUDM/chatglm-6b', 'THUDM/chatglm-6b-legacy'); // still listed under THUDM, new name
      own.world.renameModel('fnlp/moss-moon-003-sft', 'OpenMOSS/moss-moon-003-sft'); // moved to an organisation we do not list
      const ctx = simulatorContext(own);
      await huggingfaceSource.collect(ctx);
      expect(ctx.problems).toEqual([]);
      for (const [from, to, family] of [['THUDM/chatglm-6b', 'THUDM/chatglm-6b-legacy', 'chatglm'], ['fnlp/moss-moon-003-sft', 'OpenMOSS/moss-moon-003-sft', 'moss']] as const) {
        const rows = ctx.rows.filter((r) => r.subject === `hf:${from}` && !r.metric.startsWith('hf_derivative'));
        expect(rows).toHaveLength(3);
        // its derivatives are asked for under the new id, and stored under the catalog id
        expect(ctx.rows.filter((r) => r.subject === `hf:${from}` && r.metric.startsWith('hf_derivative'))).toHaveLength(2);
        expect(rows.every((r) => r.family === family && (r.detail as { renamed_to?: string }).renamed_to === to)).toBe(true);
        expect(value(ctx, `hf:${from}`, 'hf_downloads_all_time')).toBe(own.world.hfModel(to)!.downloadsAllTime);
        expect(ctx.rows.some((r) => r.subject === `hf:${to}`)).toBe(false);
        expect(ctx.lines).toContain(`source=huggingface renamed=${from} to=${to}`);
      }
      const gets = own.accounting.requests.filter((r) => r.endpoint === 'hf.models.get').map((r) => r.status);
      expect(gets.filter((s) => s === 307)).toHaveLength(2);
    } finally {
      await own.close();
    }
  });

  it('reports a removed model (401 without a token, 404 with one) and stores the rest; the token is never printed', async () => {
    const own = await startDefaultSimulator({ now: START });
    try {
      own.world.removeModel('databricks/dolly-v2-12b');
      own.world.removeModel('THUDM/chatglm2-6b'); // catalog model of a listed organisation: asked for alone, then 401/404
      const anonymous = simulatorContext(own);
      await huggingfaceSource.collect(anonymous);
      expect(anonymous.problems.map((p) => p.subject).sort()).toEqual(['hf:THUDM/chatglm2-6b', 'hf:databricks/dolly-v2-12b']);
      expect(anonymous.problems[0]!.message).toMatch(/HTTP 401: removed, private or gated.*set HF_TOKEN/);
      expect(anonymous.rows.some((r) => r.subject === 'hf:databricks/dolly-v2-12b')).toBe(false);
      expect(anonymous.rows.some((r) => r.subject === 'hf:openlm-research/open_llama_7b')).toBe(true);

      const token = 'hf_abcdefghijklmnopqrstuvwxyz012345';
      const withToken = simulatorContext(own, { config: { hfToken: token } });
      await huggingfaceSource.collect(withToken);
      expect(withToken.problems.map((p) => p.message)).toEqual([
        expect.stringMatching(/Hugging Face has no model THUDM\/chatglm2-6b \(HTTP 404: removed or misspelt\); fix huggingface.models/),
        expect.stringMatching(/Hugging Face has no model databricks\/dolly-v2-12b \(HTTP 404/),
      ]);
      expect(JSON.stringify([withToken.problems, withToken.lines])).not.toContain(token);
    } finally {
      await own.close();
    }
  });

  it('counts a legacy id the Hub answers with 200 (an alias, same _id) once, and says which', async () => {
    const own = await startDefaultSimulator({ now: START });
    try {
      // the catalog lists both the legacy id and the repository's own id, as gpt2 and openai-community/gpt2 would be
      own.world.aliasModel('dolly-v2-12b', 'databricks/dolly-v2-12b');
      const base = own.world.catalog;
      const catalog = {
        ...base,
        families: base.families.map((f) =>
          f.huggingface.models.includes('databricks/dolly-v2-12b') ? { ...f, huggingface: { ...f.huggingface, models: [...f.huggingface.models, 'dolly-v2-12b'] } } : f,
        ),
      };
      const ctx = simulatorContext(own, { catalog });
      const result = (await huggingfaceSource.collect(ctx)) || {};
      expect(ctx.problems).toEqual([]);
      // the alias answers 200 with its own id echoed but the repository's _id: stored once, under the first catalog id
      expect(ctx.rows.filter((r) => r.subject === 'hf:dolly-v2-12b')).toEqual([]);
      expect(value(ctx, 'hf:databricks/dolly-v2-12b', 'hf_downloads_30d')).toBe(own.world.hfModel('databricks/dolly-v2-12b')!.downloads);
      expect((result.notes ?? []).join('\n')).toMatch(/1 catalog id\(s\) name a repository already counted \(same _id\), counted once: dolly-v2-12b = databricks\/dolly-v2-12b/);
      expect(ctx.lines.some((l) => /alias=dolly-v2-12b same_as=databricks\/dolly-v2-12b/.test(l))).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('stores what a body holds when the Hub leaves out downloadsAllTime, and says so once, not as a problem per model', async () => {
    const ctx = simulatorContext(sim);
    const listing = [
      { _id: 'q1', id: 'Qwen/Qwen-a', downloads: 10, likes: 1 },
      { _id: 'q2', id: 'Qwen/Qwen-b', downloads: 20, likes: 2 },
    ];
    sim.faults.add({ match: (req) => req.path === '/api/models' && req.query.get('author') === 'Qwen', kind: 'status', status: 200, body: JSON.stringify(listing) });
    const result = (await huggingfaceSource.collect(ctx)) || {};
    expect(ctx.problems).toEqual([]);
    expect(value(ctx, 'hf:Qwen/Qwen-a', 'hf_downloads_30d')).toBe(10);
    expect(value(ctx, 'hf:Qwen/Qwen-b', 'hf_likes')).toBe(2);
    expect(value(ctx, 'hf:Qwen/Qwen-a', 'hf_downloads_all_time')).toBeUndefined();
    expect((result.notes ?? []).filter((n: string) => n.includes('downloadsAllTime'))).toEqual([expect.stringMatching(/^huggingface: the Hub returned no "downloadsAllTime" for 2 of \d+ models; their other figures are stored$/)]);
  });

  it('reports bad values in a listing with the raw value and stores the other models', async () => {
    const ctx = simulatorContext(sim);
    const listing = [
      { _id: 'a', id: 'Qwen/Qwen-good', downloads: 10, downloadsAllTime: 100, likes: 1 },
      { _id: 'b', id: 'Qwen/Qwen-bad', downloads: -3, downloadsAllTime: 'n/a', likes: 2 },
      { _id: 'c', downloads: 1 },
    ];
    sim.faults.add({ match: (req) => req.path === '/api/models' && req.query.get('author') === 'Qwen', kind: 'status', status: 200, body: JSON.stringify(listing) });
    await huggingfaceSource.collect(ctx);
    const qwen = ctx.problems.filter((p) => /Qwen/.test(p.subject));
    expect(qwen.map((p) => [p.subject, p.raw])).toEqual([
      ['hf-author:Qwen', { _id: 'c', downloads: 1 }],
      ['hf:Qwen/Qwen-bad', -3],
      ['hf:Qwen/Qwen-bad', 'n/a'],
    ]);
    expect(value(ctx, 'hf:Qwen/Qwen-good', 'hf_downloads_all_time')).toBe(100);
    expect(value(ctx, 'hf:Qwen/Qwen-bad', 'hf_likes')).toBe(2);
    expect(value(ctx, 'hf:Qwen/Qwen-bad', 'hf_downloads_30d')).toBeUndefined();
    // The catalog model Qwen/Qwen-7B-Chat was not in that listing: asked for alone and stored.
    expect(value(ctx, 'hf:Qwen/Qwen-7B-Chat', 'hf_likes')).toBe(sim.world.hfModel('Qwen/Qwen-7B-Chat')!.likes);
    expect(ctx.rows.some((r) => r.subject === 'hf:meta-llama/Llama-2-7b-hf')).toBe(true);
  });

  it('retries a listing that fails with 503 or an HTML error page, then goes on', async () => {
    const ctx = simulatorContext(sim);
    sim.faults.add({ match: '/hf/api/models', kind: 'status', status: 503, times: 1 });
    sim.faults.add({ match: '/hf/api/models', kind: 'html-error', times: 1, after: 1 });
    sim.faults.add({ match: '/hf/api/models', kind: 'truncated-json', times: 1, after: 2 });
    await huggingfaceSource.collect(ctx);
    expect(ctx.problems).toEqual([]);
    expect(new Set(ctx.rows.map((r) => r.subject)).size).toBe(expectedModels(sim).size);
    const present = [...hfTargets(ctx.catalog).models.keys()].filter((id) => sim.world.hfModel(id)).length;
    expect(count('hf.models.list')).toBe(hfTargets(ctx.catalog).authors.size + present + 3);
  });
});

describe('Hugging Face derivatives', () => {
  it('counts the direct derivatives of every catalog model by relation, with their 30-day downloads, each derivative once', async () => {
    const ctx = simulatorContext(sim);
    await huggingfaceSource.collect(ctx);
    expect(ctx.problems).toEqual([]);
    const { models } = hfTargets(ctx.catalog);
    const seen = new Set<string>();
    let bases = 0;
    for (const [base, family] of models) {
      if (!sim.world.hfModel(base)) continue;
      // the truth, from the world: first base wins a derivative of two
      const truth = sim.world.hfDerivatives(base).filter((d) => !seen.has(d.id));
      for (const d of truth) seen.add(d.id);
      const row = ctx.rows.find((r) => r.subject === `hf:${base}` && r.metric === 'hf_derivatives');
      expect(row, base).toBeDefined();
      expect(row!.family).toBe(family);
      expect(row!.value, base).toBe(truth.length);
      const relations = row!.detail as Record<string, number>;
      for (const relation of ['finetune', 'quantized', 'adapter', 'merge']) {
        expect(relations[relation], `${base} ${relation}`).toBe(truth.filter((d) => d.relations.includes(relation)).length);
      }
      const downloads = ctx.rows.find((r) => r.subject === `hf:${base}` && r.metric === 'hf_derivative_downloads_30d')!;
      expect(downloads.value, base).toBe(truth.reduce((sum, d) => sum + d.downloads, 0));
      if (truth.length > 0) bases++;
    }
    expect(bases).toBeGreaterThan(5);
    expect(ctx.lines.some((l) => /source=huggingface derivatives_of=\d+ requests=\d+/.test(l))).toBe(true);
  });

  it('keeps within the Hub\'s 5-minute API quota: waits for the next window when RateLimit says it is spent, and loses nothing', async () => {
    const clock = simulatorClock(sim);
    const ctx = simulatorContext(sim, { clock });
    sim.world.hubQuota.anonymous = 7;
    try {
      await huggingfaceSource.collect(ctx);
    } finally {
      sim.world.hubQuota.anonymous = 500;
    }
    expect(ctx.problems).toEqual([]);
    expect(sim.accounting.requests.filter((r) => r.status === 429)).toEqual([]);
    // it waited for a reset at least once, each wait no longer than the window
    expect(clock.slept.length).toBeGreaterThan(0);
    expect(clock.slept.every((ms) => ms > 0 && ms <= 300_000)).toBe(true);
    expect(ctx.lines.some((l) => l.includes('rate_limit=spent'))).toBe(true);
    expect(new Set(ctx.rows.map((r) => r.subject)).size).toBe(expectedModels(sim).size);
  });

  it('honours a 429 with the RateLimit header\'s reset, then goes on', async () => {
    const clock = simulatorClock(sim);
    const ctx = simulatorContext(sim, { clock });
    sim.faults.add({
      match: '/hf/api/models',
      kind: 'status',
      status: 429,
      times: 1,
      headers: { ratelimit: '"api";r=0;t=42', 'ratelimit-policy': '"fixed window";"api";q=500;w=300' },
      body: JSON.stringify({ error: 'rate limited' }),
    });
    await huggingfaceSource.collect(ctx);
    expect(ctx.problems).toEqual([]);
    expect(clock.slept).toContain(42_000);
  });
});
