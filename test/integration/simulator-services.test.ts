import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulators/server.ts';
import { startDefaultSimulator } from '../../simulators/testing.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startDefaultSimulator({ now: new Date('2026-11-29T12:00:00Z') });
});
afterAll(() => sim.close());

describe('Hugging Face', () => {
  it('serves model info with the Hub fields', async () => {
    const res = await fetch(`${sim.env.HF_ENDPOINT}/api/models/meta-llama/Meta-Llama-3-8B-Instruct`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    const body = (await res.json()) as Record<string, unknown>;
    const truth = sim.world.hfModel('meta-llama/Meta-Llama-3-8B-Instruct')!;
    for (const key of ['_id', 'id', 'modelId', 'author', 'downloads', 'likes', 'gated', 'private', 'createdAt', 'lastModified', 'tags', 'pipeline_tag', 'library_name', 'sha', 'siblings']) expect(body).toHaveProperty(key);
    expect(body).toMatchObject({ id: truth.id, downloads: truth.downloads, likes: truth.likes, gated: 'manual', author: 'meta-llama' });
  });

  it('returns only _id, id and the expanded fields', async () => {
    const res = await fetch(`${sim.env.HF_ENDPOINT}/api/models/tiiuae/falcon-7b?expand[]=downloadsAllTime&expand[]=downloads&expand[]=likes`);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['_id', 'downloads', 'downloadsAllTime', 'id', 'likes']);
    expect(body.downloadsAllTime).toBe(sim.world.hfModel('tiiuae/falcon-7b')!.downloadsAllTime);
    expect((await fetch(`${sim.env.HF_ENDPOINT}/api/models/tiiuae/falcon-7b?expand[]=bogus`)).status).toBe(400);
  });

  it('lists an organisation with cursor paging in the Link header', async () => {
    const all = sim.world.hfAuthorModels('meta-llama');
    const seen: string[] = [];
    let url: string | null = `${sim.env.HF_ENDPOINT}/api/models?author=meta-llama&expand[]=downloads&expand[]=likes&limit=3`;
    while (url) {
      const res: Response = await fetch(url);
      const page = (await res.json()) as { id: string; downloads: number }[];
      expect(page.length).toBeLessThanOrEqual(3);
      for (const m of page) expect(Object.keys(m).sort()).toEqual(['_id', 'downloads', 'id', 'likes']);
      seen.push(...page.map((m) => m.id));
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
    }
    expect(seen.sort()).toEqual([...all].sort());
  });

  it('answers 307 with a plain-text body for a renamed id and 401/404 for a missing one', async () => {
    sim.world.renameModel('mistralai/Mistral-7B-v0.1', 'mistralai/Mistral-7B-v0.1-renamed');
    const moved = await fetch(`${sim.env.HF_ENDPOINT}/api/models/mistralai/Mistral-7B-v0.1`, { redirect: 'manual' });
    expect(moved.status).toBe(307);
    expect(moved.headers.get('location')).toBe('/hf/api/models/mistralai/Mistral-7B-v0.1-renamed');
    expect(moved.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await moved.text()).toBe('Temporary Redirect. Redirecting to /hf/api/models/mistralai/Mistral-7B-v0.1-renamed');
    const followed = await fetch(`${sim.env.HF_ENDPOINT}/api/models/mistralai/Mistral-7B-v0.1`);
    expect(((await followed.json()) as { id: string }).id).toBe('mistralai/Mistral-7B-v0.1-renamed');
    const anonymous = await fetch(`${sim.env.HF_ENDPOINT}/api/models/nobody/nothing`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-error-code')).toBe('RepoNotFound');
    expect((await fetch(`${sim.env.HF_ENDPOINT}/api/models/nobody/nothing`, { headers: { authorization: 'Bearer hf_x' } })).status).toBe(404);
  });
});

describe('npm downloads', () => {
  it('serves a range with one entry per completed day', async () => {
    const res = await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/2026-11-01:2026-11-30/openai`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { start: string; end: string; package: string; downloads: { day: string; downloads: number }[] };
    expect(body).toMatchObject({ start: '2026-11-01', end: '2026-11-30', package: 'openai' });
    expect(body.downloads).toHaveLength(28); // today (the 29th) and the future are not published yet
    expect(body.downloads.at(-1)).toEqual({ day: '2026-11-28', downloads: sim.world.npmDaily('openai', '2026-11-28') });
  });

  it('serves scoped packages alone and unscoped ones in bulk', async () => {
    const scoped = await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/last-week/@anthropic-ai/sdk`);
    expect(((await scoped.json()) as { package: string }).package).toBe('@anthropic-ai/sdk');
    const bulk = (await (await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/2026-11-01:2026-11-07/openai,ollama,not-a-package`)).json()) as Record<string, { downloads: unknown[] } | null>;
    expect(Object.keys(bulk)).toEqual(['openai', 'ollama', 'not-a-package']);
    expect(bulk.openai!.downloads).toHaveLength(7);
    expect(bulk['not-a-package']).toBeNull();
    const mixed = await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/last-week/openai,@anthropic-ai/sdk`);
    expect(mixed.status).toBe(400);
    expect(await mixed.json()).toEqual({ error: 'scoped packages are not currently supported in bulk lookups' });
  });

  it('enforces the 18-month limit and 404s unknown packages', async () => {
    const long = await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/2024-01-01:2026-11-01/openai`);
    expect(long.status).toBe(400);
    expect(((await long.json()) as { error: string }).error).toMatch(/exceeded max days/);
    const unknown = await fetch(`${sim.env.NPM_DOWNLOADS_URL}/downloads/range/last-week/not-a-package`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'package not-a-package not found' });
  });
});

describe('pypistats', () => {
  it('serves the last 180 days without mirrors, and with them on request', async () => {
    const res = await fetch(`${sim.env.PYPISTATS_URL}/api/packages/transformers/overall?mirrors=false`);
    const body = (await res.json()) as { data: { category: string; date: string; downloads: number }[]; package: string; type: string };
    expect(body.type).toBe('overall_downloads');
    expect(body.data).toHaveLength(180);
    expect(new Set(body.data.map((d) => d.category))).toEqual(new Set(['without_mirrors']));
    expect(body.data.at(-1)).toEqual({ category: 'without_mirrors', date: '2026-11-28', downloads: sim.world.pypiDaily('transformers', '2026-11-28') });
    const both = (await (await fetch(`${sim.env.PYPISTATS_URL}/api/packages/transformers/overall?mirrors=true`)).json()) as typeof body;
    expect(both.data).toHaveLength(360);
  });

  it('serves recent totals and 404s unknown packages', async () => {
    const body = (await (await fetch(`${sim.env.PYPISTATS_URL}/api/packages/anthropic/recent`)).json()) as { data: Record<string, number>; type: string };
    expect(body.type).toBe('recent_downloads');
    expect(body.data.last_day).toBe(sim.world.pypiDaily('anthropic', '2026-11-28'));
    expect(body.data.last_week).toBeGreaterThan(body.data.last_day!);
    expect(body.data.last_month).toBeGreaterThan(body.data.last_week!);
    expect((await fetch(`${sim.env.PYPISTATS_URL}/api/packages/not-a-package/recent`)).status).toBe(404);
  });
});

describe('leaderboard files', () => {
  it('lists the published tables and serves each as CSV', async () => {
    const names = (await (await fetch(`${sim.env.LEADERBOARD_URL}/`)).json()) as string[];
    expect(names).toContain('leaderboard_table_20230720.csv');
    const res = await fetch(`${sim.env.LEADERBOARD_URL}/leaderboard_table_20230720.csv`);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await res.text()).toBe(sim.world.leaderboardCsv('2023-07-20'));
    expect((await fetch(`${sim.env.LEADERBOARD_URL}/leaderboard_table_20230721.csv`)).status).toBe(404);
  });
});
