// The Hugging Face source against the simulated Hub: organisation listings, single models,
// renames (307), removed and refused models, bad values and request counts.
import { describe, expect, it } from 'vitest';
import { hfTargets, huggingfaceSource } from '../../collector/sources/huggingface.ts';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';
import { simulatorContext, simulatorPerFile } from '../helpers/simulator-context.ts';
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
    expect(uncovered).toEqual(['fnlp/moss-moon-003-sft', 'databricks/dolly-v2-12b']);
    expect(count('hf.models.list')).toBe(authors.size);
    expect(count('hf.models.get')).toBe(uncovered.length);
    expect(sim.accounting.requests.every((r) => r.path.includes('expand%5B%5D=downloadsAllTime') || r.path.includes('expand[]=downloadsAllTime'))).toBe(true);
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
        const rows = ctx.rows.filter((r) => r.subject === `hf:${from}`);
        expect(rows).toHaveLength(3);
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
    expect(count('hf.models.list')).toBe(hfTargets(ctx.catalog).authors.size + 3);
  });
});
