// Openness per subject and like with like (issue 13, points 1 and 2): a vendor that ships
// closed and open models under one family adds each subject to its own side; generic
// tooling and image models are never in the text-model shares; a store's facts take their
// classes from the catalog at the next sync, without recollecting.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import type { Observation } from '../../collector/observation.ts';
import { catalogYaml, GPT4, LLAMA } from '../helpers/catalogs.ts';
import { openTestStore, type TestStore } from '../helpers/store.ts';

const DAYS = ['2025-08-01', '2025-08-02', '2025-08-03'];

/** OpenAI: closed SDK downloads and an open-weights model (gpt-oss) with its own licence. */
const OPENAI = {
  ...GPT4,
  github: { search: ['"gpt-5" in:name', { id: 'gpt-oss in:name', openness: 'open-weights-osi', licence: 'Apache-2.0' }] },
  npm: [{ id: 'openai', kind: 'sdk' }],
  huggingface: { authors: [{ id: 'openai', openness: 'open-weights-osi', licence: 'Apache-2.0' }] },
};
const TOOLS = { id: 'runtimes', name: 'Runtimes', vendor: 'various', openness: 'open-source', kind: 'tooling', region: 'US', licence: { name: 'MIT', commercial_use: 'allowed' }, npm: ['ollama'] };
const IMAGES = { id: 'sd', name: 'Stable Diffusion', vendor: 'Stability AI', openness: 'open-weights-restricted', modality: 'image', region: 'GB', licence: { name: 'OpenRAIL-M', commercial_use: 'allowed' }, npm: ['sd-js'] };
const DALLE = { id: 'dall-e', name: 'DALL-E', vendor: 'OpenAI', openness: 'closed', modality: 'image', region: 'US', licence: { name: 'Proprietary', commercial_use: 'API only' }, npm: ['dalle-js'] };

function daily(source: Observation['source'], subject: string, family: string, metric: Observation['metric'], value: number): Observation[] {
  return DAYS.map((observed_at) => ({ source, subject, family, metric, observed_at, value }));
}

const FACTS: Observation[] = [
  ...daily('github', 'search:"gpt-5" in:name', 'gpt', 'github_projects', 300),
  ...daily('github', 'search:gpt-oss in:name', 'gpt', 'github_projects', 100),
  ...daily('github', 'search:llama in:name', 'llama', 'github_projects', 200),
  ...daily('npm', 'npm:openai', 'gpt', 'npm_downloads', 1000),
  ...daily('npm', 'npm:llama-js', 'llama', 'npm_downloads', 250),
  ...daily('npm', 'npm:ollama', 'runtimes', 'npm_downloads', 9000),
  ...daily('npm', 'npm:sd-js', 'sd', 'npm_downloads', 40),
  ...daily('npm', 'npm:dalle-js', 'dall-e', 'npm_downloads', 60),
  ...daily('huggingface', 'hf:openai/gpt-oss-20b', 'gpt', 'hf_downloads_30d', 500),
  ...daily('huggingface', 'hf:meta-llama/Llama-3.1-8B', 'llama', 'hf_downloads_30d', 1500),
  ...daily('huggingface', 'hf:openai/gpt-oss-20b', 'gpt', 'hf_derivatives', 40),
  ...daily('huggingface', 'hf:meta-llama/Llama-3.1-8B', 'llama', 'hf_derivatives', 900),
];
const window = { from: DAYS[0]!, to: DAYS[2]! };

function catalog(openai: object) {
  return parseCatalog(
    catalogYaml(
      { ...LLAMA, github: { search: ['llama in:name'] }, npm: ['llama-js'], huggingface: { authors: ['meta-llama'] } },
      openai,
      TOOLS,
      IMAGES,
      DALLE,
    ),
    'subject-classes.yml',
  );
}

let t: TestStore;
beforeAll(async () => {
  t = await openTestStore();
  await t.store.syncCatalog(catalog(OPENAI));
  await t.store.insert(FACTS, 'run-1');
});
afterAll(async () => t?.cleanup());

type ByClass = { day: string; openness: string; value: number; families: number };
const byClass = (rows: ByClass[]) => new Set(rows.filter((r) => r.day === DAYS[2]).map((r) => `${r.openness} ${r.value} ${r.families}`));

describe('openness per subject', () => {
  it('a family that ships both adds each subject to its own side: gpt-oss projects are open, GPT-5 projects closed', async () => {
    const rows = await t.store.query<ByClass>('metric_by_openness', { metric: 'projects', ...window });
    // the project count is the first search of each side of a family: GPT-5's (closed) and gpt-oss's (open)
    expect(byClass(rows)).toEqual(new Set(['open 300 2', 'closed 300 1']));
    // and the family's own figure adds its two sides (what the methodology says: a repository matching both counts twice in it)
    const gpt = await t.store.query<{ day: string; family: string; projects: number }>('project_counts_by_family', { ...window, families: ['gpt'] });
    expect(gpt.filter((r) => r.day === DAYS[2]).map((r) => r.projects)).toEqual([400]);
  });

  it('a model listed under a catalog organisation takes the organisation entry\'s class', async () => {
    const rows = await t.store.rows<{ subject: string; openness: string; is_open: number; licence: string }>(
      "SELECT subject, openness, is_open, licence FROM subject_daily_classed WHERE metric = 'hf_downloads_30d' AND day = '2025-08-03' ORDER BY subject",
    );
    expect(rows).toEqual([
      { subject: 'hf:meta-llama/Llama-3.1-8B', openness: 'open-weights-restricted', is_open: 1, licence: 'Llama' },
      { subject: 'hf:openai/gpt-oss-20b', openness: 'open-weights-osi', is_open: 1, licence: 'Apache-2.0' },
    ]);
  });

  it('headline_figures counts per subject: the open share of downloads among text models leaves out tooling and image models', async () => {
    const rows = await t.store.query<{ metric: string; open_share: number }>('headline_figures', { as_of: DAYS[2]! });
    const downloads = rows.find((r) => r.metric === 'downloads')!;
    expect(downloads.open_share).toBeCloseTo(250 / 1250, 12);
    // no closed model publishes weights: no share of Hugging Face downloads can be stated
    expect(rows.find((r) => r.metric === 'hf_downloads_30d')).toBeUndefined();
  });
});

describe('Hugging Face derivatives', () => {
  it('take their base model\'s class: gpt-oss\'s derivatives are open though the GPT family is closed', async () => {
    const rows = await t.store.query<ByClass>('metric_by_openness', { metric: 'derivatives', ...window });
    expect(byClass(rows)).toEqual(new Set(['open 940 2']));
    const byFamily = await t.store.query<{ day: string; family: string; value: number }>('metric_by_family', { metric: 'derivatives', ...window });
    expect(byFamily.filter((r) => r.day === DAYS[2]).map((r) => `${r.family} ${r.value}`).sort()).toEqual(['gpt 40', 'llama 900']);
    // no closed model has derivatives: no open share can be stated, so none is
    expect(await t.store.query('open_share', { metric: 'derivatives', ...window })).toEqual([]);
  });
});

describe('like with like: scopes', () => {
  it('text models (the default) add models and their SDKs, never generic tooling or image models', async () => {
    const rows = await t.store.query<ByClass>('metric_by_openness', { metric: 'downloads', ...window });
    expect(byClass(rows)).toEqual(new Set(['open 250 1', 'closed 1000 1']));
  });

  it('image models and tooling are views of their own, and "all" adds everything', async () => {
    expect(byClass(await t.store.query<ByClass>('metric_by_openness', { metric: 'downloads', ...window, scope: 'image_models' }))).toEqual(
      new Set(['open 40 1', 'closed 60 1']),
    );
    expect(byClass(await t.store.query<ByClass>('metric_by_openness', { metric: 'downloads', ...window, scope: 'tooling' }))).toEqual(new Set(['open 9000 1']));
    expect(byClass(await t.store.query<ByClass>('metric_by_openness', { metric: 'downloads', ...window, scope: 'all' }))).toEqual(
      new Set(['open 9290 3', 'closed 1060 2']),
    );
  });

  it('a family line (metric_by_family) adds all its subjects by default, both sides', async () => {
    const rows = await t.store.query<{ day: string; family: string; value: number }>('metric_by_family', { metric: 'projects', ...window, families: ['gpt'] });
    expect(rows.filter((r) => r.day === DAYS[2]).map((r) => r.value)).toEqual([400]);
  });

  it('an unknown scope is refused with the list of scopes', async () => {
    await expect(t.store.query('metric_by_openness', { metric: 'downloads', ...window, scope: 'everything' })).rejects.toThrow(/scope/);
  });
});

describe('classes are re-derived from the catalog without recollecting', () => {
  it('marking gpt-oss closed in the catalog moves its facts to the closed side at the next sync, and back', async () => {
    const closedGptOss = { ...OPENAI, github: { search: ['"gpt-5" in:name', 'gpt-oss in:name'] } };
    await t.store.syncCatalog(catalog(closedGptOss));
    expect((await t.store.rows<{ n: number }>('SELECT count() AS n FROM facts'))[0]!.n).toBe(FACTS.length);
    // one side now: its headline search is the first, GPT-5's
    expect(byClass(await t.store.query<ByClass>('metric_by_openness', { metric: 'projects', ...window }))).toEqual(new Set(['open 200 1', 'closed 300 1']));
    await t.store.syncCatalog(catalog(OPENAI));
    expect(byClass(await t.store.query<ByClass>('metric_by_openness', { metric: 'projects', ...window }))).toEqual(new Set(['open 300 2', 'closed 300 1']));
    expect((await t.store.rows<{ n: number }>('SELECT count() AS n FROM facts'))[0]!.n).toBe(FACTS.length);
  });

  it('a catalog that puts a Hugging Face model on the closed side still gets no share of Hugging Face downloads in headline_figures', async () => {
    // an edit the registry does not foresee: OpenAI's organisation marked closed, so both sides have Hugging Face downloads
    await t.store.syncCatalog(catalog({ ...OPENAI, huggingface: { authors: [{ id: 'openai', openness: 'closed', licence: 'Proprietary' }] } }));
    try {
      const sides = await t.store.rows<{ is_open: number; value: number }>(
        "SELECT is_open, sum(value) AS value FROM subject_daily_classed WHERE metric = 'hf_downloads_30d' AND day = {day:Date} GROUP BY is_open ORDER BY is_open",
        { day: DAYS[2]! },
      );
      expect(sides).toEqual([{ is_open: 0, value: 500 }, { is_open: 1, value: 1500 }]);
      // registry/metrics.ts: hf_downloads_30d, derivatives and their downloads have no open share (openShare: false)
      const rows = await t.store.query<{ metric: string }>('headline_figures', { as_of: DAYS[2]!, scope: 'all' });
      expect(rows.map((r) => r.metric)).toEqual(['projects', 'downloads']);
    } finally {
      await t.store.syncCatalog(catalog(OPENAI));
    }
  });
});
