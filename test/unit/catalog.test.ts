import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyLicence, commercialUse, familyOfModel, githubQueryProblem, loadCatalog, OPENNESS, parseCatalog, releaseLabel, type Catalog, type Family } from '../../collector/catalog.ts';
import { PROJECT_ROOT } from '../../collector/config.ts';
import { OpenPulseError } from '../../collector/errors.ts';
import { MODALITY_IDS, SUBJECT_KIND_IDS } from '../../registry/openness.ts';

const DEFAULT_CATALOG = path.join(PROJECT_ROOT, 'collector', 'catalog.yml');

function catalogError(text: string): OpenPulseError {
  try {
    parseCatalog(text, 'broken.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(OpenPulseError);
    return error as OpenPulseError;
  }
  throw new Error('expected the catalog to be refused');
}

const MINIMAL = `families:
  - id: llama
    name: LLaMA
    vendor: Meta
    openness: open-weights-restricted
    region: US
    licence: { name: Llama Community License, commercial_use: limited }
leaderboard_licences:
  closed: [Proprietary]
`;

describe('default catalog', () => {
  it('covers every family DESIGN.md lists, each with openness, vendor, region, licence, releases and something to measure', async () => {
    const catalog = await loadCatalog(DEFAULT_CATALOG);
    const names = catalog.families.map((f) => `${f.id} ${f.name}`).join('\n');
    for (const required of [
      /LLaMA/, /Llama 2/, /Llama 3/, /GPT-4/, /GPT-3\.5/, /ChatGPT/, /Claude/, /PaLM/, /Gemini/, /ERNIE/, /Wenxin/, /ChatGLM/, /GLM/,
      /Qwen/, /Tongyi Qianwen/, /Baichuan/, /XVERSE/, /Aquila/, /BAAI/, /MOSS/, /Falcon/, /MPT/, /Dolly/, /RWKV/, /OpenLLaMA/,
      /Mistral/, /Mixtral/, /DeepSeek/, /\bYi\b/, /Stable Diffusion/, /DALL-E/, /Midjourney/,
    ]) {
      expect(names, `catalog lacks ${required}`).toMatch(required);
    }
    for (const f of catalog.families) {
      expect(OPENNESS).toContain(f.openness);
      expect(f.vendor.length).toBeGreaterThan(0);
      expect(f.region).toMatch(/^[A-Z]{2}$/);
      expect(f.licence.name.length).toBeGreaterThan(0);
      expect(f.licence.commercial_use.length).toBeGreaterThan(0);
      const measures = f.github.search.length + f.github.repos.length + f.huggingface.models.length + f.huggingface.authors.length + f.npm.length + f.pypi.length;
      expect(measures, `${f.id} measures nothing`).toBeGreaterThan(0);
    }
    const withReleases = catalog.families.filter((f) => f.releases.length > 0).map((f) => f.id);
    expect(withReleases).toEqual(expect.arrayContaining(['llama', 'gpt', 'chatglm', 'qwen', 'xverse']));
    expect(catalog.families.find((f) => f.id === 'llama')!.releases).toContainEqual(expect.objectContaining({ date: '2023-07-18', label: 'Llama 2' }));
  });

  it('has both sides of the race: closed and open families', async () => {
    const catalog = await loadCatalog(DEFAULT_CATALOG);
    expect(catalog.families.filter((f) => f.openness === 'closed').length).toBeGreaterThanOrEqual(5);
    expect(catalog.families.filter((f) => f.openness !== 'closed').length).toBeGreaterThanOrEqual(10);
  });
});

describe('catalog errors name file:line:column and what was expected', () => {
  it('reports a YAML syntax error with its position', () => {
    const error = catalogError('families:\n  - id: llama\n    name: [unclosed\n');
    expect(error.code).toBe('CATALOG');
    expect(error.message).toMatch(/^broken\.yml:\d+:\d+: invalid YAML/);
  });

  it('reports a wrong openness at the field, with the allowed values', () => {
    const error = catalogError(MINIMAL.replace('openness: open-weights-restricted', 'openness: semi-open'));
    expect(error.message).toContain(
      'broken.yml:5:15: families.0.openness: expected one of "closed", "open-weights-restricted", "open-weights-osi", "open-source", found "semi-open"',
    );
  });

  it('refuses the retired "open-weights" class and says which rung to write', () => {
    const error = catalogError(MINIMAL.replace('openness: open-weights-restricted', 'openness: open-weights'));
    expect(error.message).toMatch(/families\.0\.openness: .*"open-weights" is no longer a class: write open-weights-restricted/);
  });

  it('reports a missing field at its parent', () => {
    const error = catalogError(MINIMAL.replace('    vendor: Meta\n', ''));
    expect(error.message).toMatch(/broken\.yml:2:5: families\.0\.vendor: expected string, but the field is missing/);
  });

  it('reports a value of the wrong type with what was found, not as missing', () => {
    const error = catalogError(MINIMAL.replace('    vendor: Meta\n', '    vendor: 42\n'));
    expect(error.message).toMatch(/families\.0\.vendor: expected string, found number 42/);
    expect(error.message).not.toMatch(/missing/);
    const list = catalogError(MINIMAL.replace('    vendor: Meta\n', '    vendor: [Meta]\n'));
    expect(list.message).toMatch(/families\.0\.vendor: expected string, found a list/);
  });

  it('reports an unknown field', () => {
    const error = catalogError(MINIMAL.replace('    region: US\n', '    region: US\n    colour: red\n'));
    expect(error.message).toMatch(/broken\.yml:2:5: families\.0: expected no field "colour"/);
  });

  it('reports a bad date in a release event at its line', () => {
    const error = catalogError(MINIMAL.replace('    region: US\n', '    region: US\n    releases:\n      - { date: 18 July 2023, label: Llama 2 }\n'));
    expect(error.message).toMatch(/broken\.yml:8:17: families\.0\.releases\.0\.date: expected a date written YYYY-MM-DD/);
  });

  it('refuses a search query GitHub would reject, at catalog load', () => {
    const long = `llama ${'x'.repeat(260)}`;
    const error = catalogError(MINIMAL.replace('    region: US\n', `    region: US\n    github: { search: ['${long}'] }\n`));
    expect(error.message).toMatch(/families\.0\.github\.search\.0: expected a search query of at most 256 characters/);
    const operators = 'a OR b OR c OR d OR e OR f OR g';
    const error2 = catalogError(MINIMAL.replace('    region: US\n', `    region: US\n    github: { search: ['${operators}'] }\n`));
    expect(error2.message).toMatch(/at most 5 AND\/OR\/NOT operators .* this one has 6/);
  });

  it('refuses two families with one id', () => {
    const second = MINIMAL.split('leaderboard_licences')[0]!.replace('families:\n', '');
    const error = catalogError(MINIMAL.replace('leaderboard_licences', `${second}leaderboard_licences`));
    expect(error.message).toMatch(/broken\.yml:8:9: families\.1\.id: expected a unique id; "llama" is already used by family #1/);
  });

  it('says which file could not be read', async () => {
    await expect(loadCatalog('no/such/catalog.yml')).rejects.toThrow(/cannot read the catalog no\/such\/catalog\.yml/);
  });
});

describe('GitHub query limits', () => {
  it('accepts the queries GitHub accepts', () => {
    expect(githubQueryProblem('"gpt-4" OR gpt4 in:name,description,topics')).toBeNull();
    expect(githubQueryProblem('a OR b OR c OR d OR e OR f')).toBeNull();
    expect(githubQueryProblem('x'.repeat(256))).toBeNull();
    expect(githubQueryProblem('x'.repeat(257))).toMatch(/257/);
  });
});

describe('leaderboard mapping', () => {
  it('classifies licences case-insensitively and finds families by pattern', async () => {
    const catalog = await loadCatalog(DEFAULT_CATALOG);
    expect(classifyLicence(catalog, 'proprietary')).toBe('closed');
    expect(classifyLicence(catalog, 'CC-BY-NC-SA-4.0')).toBe('open-weights-restricted-noncommercial');
    expect(classifyLicence(catalog, 'Apache 2.0')).toBe('open-weights-osi');
    expect(classifyLicence(catalog, 'Some new licence')).toBeNull();
    expect(familyOfModel(catalog, 'ChatGLM-6B')).toBe('chatglm');
    expect(familyOfModel(catalog, 'GPT-3.5-turbo')).toBe('gpt');
    expect(familyOfModel(catalog, 'Vicuna-13B')).toBe('');
  });
});

// The catalog of December 2026: both sides of every vendor that ships both, each class and
// licence cited, the releases since 2024 dated from a public page.
describe('default catalog of December 2026', () => {
  let catalog: Catalog;
  const family = (id: string): Family => {
    const f = catalog.families.find((x) => x.id === id);
    if (!f) throw new Error(`the default catalog has no family "${id}"`);
    return f;
  };
  const labels = (id: string) => family(id).releases.map((r) => r.label).join('\n');

  beforeAll(async () => {
    catalog = await loadCatalog(DEFAULT_CATALOG);
  });

  it('keeps to a size the demo can simulate', () => {
    expect(catalog.families.length).toBeGreaterThanOrEqual(30);
    expect(catalog.families.length).toBeLessThanOrEqual(35);
  });

  it('cites a public https page for every family licence and every release since 2024', () => {
    const missing: string[] = [];
    for (const f of catalog.families) {
      if (!f.licence.source) missing.push(`${f.id}: licence ${f.licence.name}`);
      for (const r of f.releases) {
        if (r.date >= '2024-01-01' && !r.source) missing.push(`${f.id}: release ${r.date} ${r.label}`);
      }
    }
    expect(missing, 'without a source').toEqual([]);
    for (const f of catalog.families) {
      for (const s of [f.licence.source, ...f.releases.map((r) => r.source)]) {
        if (s !== undefined) expect(s, f.id).toMatch(/^https:\/\/[^\s/]+\.[^\s/]+\/?\S*$/);
      }
    }
  });

  it('dates every release on a real day, none in the future, in order', () => {
    for (const f of catalog.families) {
      const dates = f.releases.map((r) => r.date);
      for (const d of dates) {
        expect(new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10), `${f.id} ${d}`).toBe(d);
        expect(d <= '2026-12-02', `${f.id} ${d} is after the catalog's date`).toBe(true);
      }
      expect(dates, `${f.id} releases in date order`).toEqual([...dates].sort());
    }
  });

  it('resolves every subject to a rung, a licence, a kind and a modality', () => {
    const keys = new Set<string>();
    for (const f of catalog.families) {
      const listed =
        f.github.search.length + f.github.repos.length + f.huggingface.models.length + f.huggingface.authors.length + f.npm.length + f.pypi.length + (f.openrouter?.length ?? 0);
      expect(f.subjects.length, `${f.id}: one subject per listed entry`).toBe(listed);
      expect(f.subjects.length, `${f.id} tracks nothing`).toBeGreaterThan(0);
      for (const s of f.subjects) {
        expect(s.family).toBe(f.id);
        expect(OPENNESS, s.key).toContain(s.openness);
        expect(s.licence.length, s.key).toBeGreaterThan(0);
        expect(SUBJECT_KIND_IDS, s.key).toContain(s.kind);
        expect(MODALITY_IDS, s.key).toContain(s.modality);
        expect(s.key).toMatch(/^(search|repo|hf|hf-author|npm|pypi|openrouter):\S/);
        // A subject of another class than its family's carries a licence of its own.
        if (s.openness !== f.openness) expect(s.licence, `${s.key} keeps its family's licence`).not.toBe(f.licence.name);
        expect(keys.has(s.key), `${s.key} is tracked twice`).toBe(false);
        keys.add(s.key);
      }
    }
  });

  it('has every family people build on, each with a release in 2024 or later', () => {
    for (const id of ['llama', 'gpt', 'claude', 'gemini', 'gemma', 'deepseek', 'qwen', 'kimi', 'chatglm', 'minimax', 'mistral', 'phi', 'olmo', 'nemotron', 'ernie', 'hunyuan', 'grok', 'mimo']) {
      expect(family(id).releases.some((r) => r.date >= '2024-01-01'), `${id} has no release since 2024`).toBe(true);
    }
    expect(labels('llama')).toMatch(/Llama 3\n[\s\S]*Llama 3\.1[\s\S]*Llama 3\.2[\s\S]*Llama 3\.3[\s\S]*Llama 4/);
    for (const re of [/GPT-4o/, /\bo1\b/, /\bo3\b/, /GPT-5/, /gpt-oss/]) expect(labels('gpt')).toMatch(re);
    for (const re of [/^Gemma$/m, /Gemma 2/, /Gemma 3/]) expect(labels('gemma')).toMatch(re);
    for (const re of [/Gemini 1\.5/, /Gemini 2\.0/, /Gemini 2\.5/, /Gemini 3\b/]) expect(labels('gemini')).toMatch(re);
    for (const re of [/Claude 3 /, /Claude 3\.5/, /Claude 3\.7/, /Claude 4 /, /4\.5/]) expect(labels('claude')).toMatch(re);
    for (const re of [/DeepSeek-V3/, /DeepSeek-R1/]) expect(labels('deepseek')).toMatch(re);
    for (const re of [/Qwen2\.5/, /Qwen3/]) expect(labels('qwen')).toMatch(re);
    expect(labels('kimi')).toMatch(/Kimi K2/);
    for (const re of [/GLM-4\.5/, /GLM-4\.6/]) expect(labels('chatglm')).toMatch(re);
    for (const re of [/M1/, /M2/]) expect(labels('minimax')).toMatch(re);
    for (const re of [/Phi-3/, /Phi-4/]) expect(labels('phi')).toMatch(re);
    for (const re of [/^OLMo$/m, /OLMo 2/]) expect(labels('olmo')).toMatch(re);
    for (const re of [/ERNIE 4\.0/, /X1/, /ERNIE 4\.5 open weights/]) expect(labels('ernie')).toMatch(re);
    for (const re of [/Grok-1/, /Grok-2/, /Grok 3/, /Grok 4/]) expect(labels('grok')).toMatch(re);
    expect(labels('nemotron')).toMatch(/Nemotron/);
    expect(labels('hunyuan')).toMatch(/Hunyuan/);
    expect(labels('mimo')).toMatch(/MiMo-V2-Flash/);
  });

  it('classes the licences as the vendors publish them', () => {
    const release = (id: string, label: RegExp) => {
      const r = family(id).releases.find((x) => label.test(x.label));
      if (!r) throw new Error(`${id} has no release ${label}`);
      return { openness: r.openness ?? family(id).openness, licence: r.licence ?? family(id).licence.name, date: r.date };
    };
    expect(release('deepseek', /^DeepSeek-R1$/)).toMatchObject({ openness: 'open-weights-osi', licence: expect.stringMatching(/^MIT/), date: '2025-01-20' });
    expect(release('gpt', /gpt-oss/)).toMatchObject({ openness: 'open-weights-osi', licence: 'Apache-2.0', date: '2025-08-05' });
    expect(release('ernie', /open weights/)).toMatchObject({ openness: 'open-weights-osi', licence: 'Apache-2.0', date: '2025-06-30' });
    expect(release('grok', /Grok-1 open weights/)).toMatchObject({ openness: 'open-weights-osi', licence: 'Apache-2.0', date: '2024-03-17' });
    expect(release('grok', /^Grok 4$/).openness).toBe('closed');
    expect(release('chatglm', /GLM-4\.5/)).toMatchObject({ openness: 'open-weights-osi', licence: 'MIT' });
    expect(release('qwen', /^Qwen3$/)).toMatchObject({ openness: 'open-weights-osi', licence: expect.stringMatching(/Apache 2\.0/) });
    expect(release('gemma', /^Gemma 3$/)).toMatchObject({ openness: 'open-weights-restricted', licence: 'Gemma Terms of Use' });
    expect(release('llama', /Llama 4/)).toMatchObject({ openness: 'open-weights-restricted', licence: 'Llama Community License' });
    expect(release('mistral', /Mistral Large \(API\)/).openness).toBe('closed');
    expect(release('mistral', /Mistral Small 3$/).openness).toBe('open-weights-osi');
    expect(release('mistral', /Mistral Large 4/)).toMatchObject({ openness: 'open-weights-restricted', date: '2026-10-29' });
    expect(release('llama', /Muse Glimmer/)).toMatchObject({ openness: 'open-weights-osi', licence: 'Apache-2.0', date: '2026-08-10' });
    expect(release('llama', /Muse Spark/).openness).toBe('closed');
    expect(release('qwen', /Qwen3\.8/)).toMatchObject({ openness: 'open-weights-restricted', date: '2026-08-12' });
    expect(release('kimi', /Kimi K3/)).toMatchObject({ openness: 'open-weights-restricted', licence: expect.stringMatching(/Kimi K3 License/), date: '2026-07-27' });
    for (const [id, label] of [['gpt', /GPT-6/], ['claude', /Claude Opus 5$/], ['gemini', /Gemini 3\.6 Flash/], ['grok', /Grok 4\.7/]] as const) expect(release(id, label).openness, `${id} ${label}`).toBe('closed');
    expect(release('gpt', /GPT-6 Sol and GPT-6 Luna/)).toMatchObject({ openness: 'closed', date: '2026-09-22' });
    expect(release('gpt', /GPT-6\.2/)).toMatchObject({ openness: 'closed', date: '2026-11-17' });
    expect(release('claude', /Claude Sonnet 5$/)).toMatchObject({ openness: 'closed', date: '2026-06-30' });
    expect(release('claude', /Claude Sonnet 5\.5/)).toMatchObject({ openness: 'closed', date: '2026-09-28' });
    expect(release('claude', /Claude Haiku 5\.5/)).toMatchObject({ openness: 'closed', date: '2026-10-07' });
    expect(release('gemini', /Gemini 4 Carbon/)).toMatchObject({ openness: 'closed', date: '2026-11-10' });
    expect(family('kimi')).toMatchObject({ openness: 'open-weights-restricted', licence: { name: expect.stringMatching(/Modified MIT/) } });
    expect(family('phi')).toMatchObject({ openness: 'open-weights-osi', licence: { name: 'MIT' } });
    expect(family('olmo').openness).toBe('open-source');
    expect(release('mimo', /MiMo-V2-Flash/)).toMatchObject({ openness: 'open-weights-osi', licence: 'MIT', date: '2025-12-16' });
    expect(family('nemotron').licence.name).toMatch(/NVIDIA Open Model License/);
    for (const id of ['gpt', 'claude', 'gemini', 'grok']) expect(family(id).openness, id).toBe('closed');
  });

  it('shows both sides where a vendor ships both', () => {
    const classes = (subjects: Family['subjects']) => new Set(subjects.map((s) => s.openness));
    const gpt = family('gpt');
    expect(classes(gpt.subjects)).toContain('closed');
    expect(gpt.subjects.filter((s) => s.openness === 'open-weights-osi').map((s) => s.key)).toEqual(expect.arrayContaining(['hf:openai/gpt-oss-120b', 'repo:openai/gpt-oss']));
    expect(gpt.subjects.find((s) => s.key === 'hf:openai/gpt-oss-120b')!.licence).toBe('Apache-2.0');
    // Google: closed Gemini, open Gemma.
    const google = catalog.families.filter((f) => f.vendor === 'Google');
    expect(google.map((f) => f.id).sort()).toEqual(['gemini', 'gemma']);
    expect(family('gemini').openness).toBe('closed');
    expect(classes(google.flatMap((f) => f.subjects))).toEqual(new Set(['closed', 'open-weights-restricted', 'open-weights-osi']));
    expect(family('gemini').subjects.filter((s) => /^(search|repo|npm|pypi):/.test(s.key)).every((s) => s.openness === 'closed')).toBe(true);
    expect(classes(family('gemma').subjects)).not.toContain('closed');
    expect(classes(family('gemma').subjects)).toContain('open-weights-osi'); // Gemma 4 under Apache-2.0
    // Baidu: closed ERNIE Bot, open ERNIE 4.5 weights.
    expect(classes(family('ernie').subjects)).toEqual(new Set(['closed', 'open-weights-osi']));
    // xAI: closed Grok, open Grok-1 weights.
    expect(classes(family('grok').subjects)).toEqual(new Set(['closed', 'open-weights-osi', 'open-weights-restricted']));
    // Xiaomi: MIT weights, and API-only MiMo-V2-Pro and MiMo-V2-Omni.
    expect(classes(family('mimo').subjects)).toEqual(new Set(['closed', 'open-weights-osi']));
  });

  it('names the Chinese vendors and families as they name themselves', () => {
    expect(family('qwen').name_zh).toBe('通义千问');
    expect(family('ernie').name_zh).toMatch(/文心/);
    expect(family('chatglm').vendor_zh).toBe('智谱');
    expect(family('kimi').vendor_zh).toBe('月之暗面');
    expect(family('deepseek').vendor_zh).toBe('深度求索');
    expect(family('hunyuan').name_zh).toBe('混元');
    expect(family('baichuan').vendor_zh).toBe('百川智能');
    expect(family('yi').vendor_zh).toBe('零一万物');
    expect(family('mimo').vendor_zh).toBe('小米');
    // RWKV and MiniMax go by their Latin names in Chinese too.
    for (const id of ['qwen', 'ernie', 'chatglm', 'kimi', 'deepseek', 'hunyuan', 'baichuan', 'yi', 'xverse', 'aquila', 'moss', 'mimo']) {
      const f = family(id);
      expect(f.region, id).toBe('CN');
      expect(`${f.name_zh ?? ''} ${f.vendor_zh ?? ''}`, `${id} has no Chinese name`).toMatch(/\p{Script=Han}/u);
    }
  });

  it('says in Chinese everything it says in English: every family name, release label and commercial-use summary', () => {
    const han = /\p{Script=Han}/u;
    const missing: string[] = [];
    for (const f of catalog.families) {
      // A brand may stay as it is, but each family says so: none is left English by omission.
      if (!f.name_zh) missing.push(`${f.id}: no name_zh`);
      if (!f.licence.commercial_use_zh) missing.push(`${f.id}: no licence.commercial_use_zh for "${f.licence.commercial_use}"`);
      else if (!han.test(f.licence.commercial_use_zh)) missing.push(`${f.id}: licence.commercial_use_zh "${f.licence.commercial_use_zh}" is not Chinese`);
      for (const r of f.releases) {
        if (!r.label_zh) missing.push(`${f.id}: release ${r.date} "${r.label}" has no label_zh`);
        // A label kept as it is must be names only: the catalog's own English words ("and", "open weights") are translated.
        else if (r.label_zh === r.label && /(^|[\s(])(and|or|with|of|the|open|weights|preview|beta|alpha|early|upgraded|vision|edge|video|API)([\s)]|$)/.test(r.label)) {
          missing.push(`${f.id}: release ${r.date} label_zh "${r.label_zh}" keeps English words`);
        }
      }
    }
    expect(missing, missing.join('\n')).toEqual([]);
    // Descriptive names are translated; brands stay.
    expect(family('open-runtimes').name_zh).toMatch(han);
    expect(family('claude').name_zh).toBe('Claude');
    expect(family('gpt').name_zh).not.toMatch(/o-series/);
  });

  it('tracks the SDKs of APIs as SDKs and the generic runtimes as tooling', () => {
    const subject = (key: string) => catalog.families.flatMap((f) => f.subjects).find((s) => s.key === key)!;
    for (const key of ['npm:openai', 'pypi:anthropic', 'npm:@google/genai', 'pypi:xai-sdk', 'pypi:dashscope']) {
      expect(subject(key), key).toMatchObject({ kind: 'sdk' });
    }
    expect(subject('repo:ggerganov/llama.cpp')).toMatchObject({ kind: 'tooling', openness: 'open-source', licence: 'MIT', family: 'llama' });
    expect(subject('pypi:dashscope')).toMatchObject({ openness: 'closed', family: 'qwen' });
    expect(subject('repo:Tencent-Hunyuan/HunyuanVideo')).toMatchObject({ modality: 'video' });
    expect(family('stable-diffusion').subjects.every((s) => s.modality === 'image')).toBe(true);
  });

  it('leads every family with a GitHub query GitHub accepts', () => {
    for (const f of catalog.families) {
      expect(f.github.search.length, `${f.id} has no headline query`).toBeGreaterThan(0);
      for (const q of f.github.search) expect(githubQueryProblem(q), `${f.id}: ${q}`).toBeNull();
    }
  });

  it('maps leaderboard model names to one family each, without one family catching another', () => {
    const expected: [string, string][] = [
      ['Llama-3-70b-Instruct', 'llama'],
      ['Llama-4-Maverick-17B-128E-Instruct', 'llama'],
      ['Llama-3.1-Nemotron-70B-Instruct', 'nemotron'],
      ['Nemotron-4-340B-Instruct', 'nemotron'],
      // NVIDIA's models built on other families' bases are Nemotron's, and OpenLLaMA is not Meta's
      ['mistral-nemotron', 'nemotron'],
      ['qwen3-nemotron-32b-rlbff', 'nemotron'],
      ['open-llama-3b', 'openllama'],
      ['mistral-medium-2505', 'mistral'],
      ['gemma-2-27b-it', 'gemma'],
      ['gemma-3-27b-it', 'gemma'],
      ['Gemini-2.0-Pro-Exp', 'gemini'],
      ['PaLM-Chat-Bison-001', 'gemini'],
      ['palmyra-x-004', ''],
      ['GPT-4o-2024-05-13', 'gpt'],
      ['o1-preview', 'gpt'],
      ['o3-mini', 'gpt'],
      ['gpt-oss-120b', 'gpt'],
      ['GPT4All-13B-Snoozy', ''],
      ['OLMo-2-0325-32B-Instruct', 'olmo'],
      ['phi-4', 'phi'],
      ['Phi-3-mini-4k-instruct', 'phi'],
      ['Dolphin-2.9', ''],
      ['DeepSeek-R1-Distill-Qwen-32B', 'deepseek'],
      ['Qwen3-235B-A22B', 'qwen'],
      ['qwq-32b', 'qwen'],
      ['grok-4-0709', 'grok'],
      ['kimi-k2-0711-preview', 'kimi'],
      ['minimax-m1', 'minimax'],
      ['hunyuan-t1-20250321', 'hunyuan'],
      ['mimo-v2-flash', 'mimo'],
      ['muse-spark', 'llama'],
      ['ernie-4.5-turbo', 'ernie'],
      ['glm-4.5', 'chatglm'],
      ['Claude-Sonnet-4', 'claude'],
      ['magistral-medium-2506', 'mistral'],
      ['Mixtral-8x7b-Instruct-v0.1', 'mistral'],
      ['Yi-34B-Chat', 'yi'],
      ['H2O-Oasst-OpenLLaMA-13B', 'openllama'],
      ['Vicuna-33B', ''],
      // Keys as the Arena's text board wrote them in 2026: efforts, dates and display variants in parentheses.
      ['mimo-v2-flash (non-thinking)', 'mimo'],
      ['gemini-3-flash (thinking-minimal)', 'gemini'],
      ['claude-opus-4-5-20251101-thinking-32k', 'claude'],
      ['nvidia-llama-3.3-nemotron-super-49b-v1.5', 'nemotron'],
      ['nvidia-nemotron-3-nano-30b-a3b-bf16', 'nemotron'],
      ['llama-4-maverick-17b-128e-instruct', 'llama'],
      ['kimi-k2-thinking-turbo', 'kimi'],
      ['glm-4.7', 'chatglm'],
      ['ernie-5.0-0110', 'ernie'],
      ['olmo-3-32b-think', 'olmo'],
      ['grok-4.1-thinking', 'grok'],
      ['deepseek-v3.2-exp-thinking', 'deepseek'],
      ['qwen3-max-preview', 'qwen'],
      ['minimax-m2.1-preview', 'minimax'],
      ['mistral-large-3', 'mistral'],
      ['gpt-6-astra-max', 'gpt'],
      ['longcat-flash-chat', ''],
      ['amazon-nova-experimental-chat-12-10', ''],
    ];
    for (const [name, id] of expected) expect(familyOfModel(catalog, name), name).toBe(id);
    for (const f of catalog.families) {
      for (const p of f.leaderboard) expect(() => new RegExp(p, 'i'), `${f.id}: ${p}`).not.toThrow();
    }
  });
});

describe('the Chinese of the catalog', () => {
  const withChinese = MINIMAL.replace('commercial_use: limited }', 'commercial_use: limited, commercial_use_zh: 有限制 }').replace(
    '    region: US\n',
    '    region: US\n    name_zh: LLaMA\n    releases:\n      - { date: 2023-07-18, label: Llama 2, label_zh: Llama 2 }\n      - { date: 2025-04-05, label: Llama 4 Scout and Maverick, label_zh: Llama 4 Scout 与 Maverick }\n      - { date: 2025-05-01, label: Llama 5 preview }\n',
  );

  it('reads label_zh and commercial_use_zh, and gives each in the language asked for', () => {
    const catalog = parseCatalog(withChinese, 'zh.yml');
    const release = (date: string, label: string) => ({ family: 'llama', date, label });
    expect(releaseLabel(catalog, release('2025-04-05', 'Llama 4 Scout and Maverick'), 'zh')).toBe('Llama 4 Scout 与 Maverick');
    expect(releaseLabel(catalog, release('2025-04-05', 'Llama 4 Scout and Maverick'), 'en')).toBe('Llama 4 Scout and Maverick');
    // Without a Chinese label (a user's catalog need not translate), the label as it is.
    expect(releaseLabel(catalog, release('2025-05-01', 'Llama 5 preview'), 'zh')).toBe('Llama 5 preview');
    expect(releaseLabel(catalog, { family: 'nobody', date: '2025-05-01', label: 'X' }, 'zh')).toBe('X');
    expect(commercialUse(catalog, 'llama', 'zh')).toEqual({ text: '有限制', lang: 'zh' });
    expect(commercialUse(catalog, 'llama', 'en')).toEqual({ text: 'limited', lang: 'en' });
    // Without a Chinese summary, the English one, said to be English.
    expect(commercialUse(parseCatalog(MINIMAL, 'en.yml'), 'llama', 'zh')).toEqual({ text: 'limited', lang: 'en' });
    expect(commercialUse(catalog, 'nobody', 'zh')).toBeUndefined();
  });
});

describe('subjects and releases of another class than their family', () => {
  const withSubjects = (lines: string) => MINIMAL.replace('    region: US\n', `    region: US\n${lines}`);

  it('takes the family defaults for a bare id and its own class where it names one', () => {
    const catalog = parseCatalog(
      withSubjects(
        "    github: { search: ['llama in:name'], repos: [{ id: ggerganov/llama.cpp, kind: tooling, openness: open-source, licence: MIT }] }\n" +
          '    huggingface: { models: [{ id: meta-llama/Llama-3.3-70B-Instruct, licence: Llama 3.3 Community License }] }\n',
      ),
      'ok.yml',
    );
    const subjects = catalog.families[0]!.subjects;
    expect(subjects).toEqual([
      expect.objectContaining({ key: 'search:llama in:name', openness: 'open-weights-restricted', licence: 'Llama Community License', kind: 'model', modality: 'text' }),
      expect.objectContaining({ key: 'repo:ggerganov/llama.cpp', openness: 'open-source', licence: 'MIT', kind: 'tooling' }),
      expect.objectContaining({ key: 'hf:meta-llama/Llama-3.3-70B-Instruct', openness: 'open-weights-restricted', licence: 'Llama 3.3 Community License' }),
    ]);
  });

  it('refuses a subject of another class that does not name its licence', () => {
    const error = catalogError(withSubjects('    huggingface: { models: [{ id: openai/gpt-oss-120b, openness: open-weights-osi }] }\n'));
    expect(error.code).toBe('CATALOG');
    expect(error.message).toMatch(/families\.0\.huggingface\.models\.0\.licence: expected the licence of "openai\/gpt-oss-120b" \(its openness, open-weights-osi, differs from its family's/);
  });

  it('refuses a release of another class that does not name its licence', () => {
    const error = catalogError(withSubjects('    releases:\n      - { date: 2025-08-05, label: gpt-oss, openness: open-weights-osi }\n'));
    expect(error.message).toMatch(/families\.0\.releases\.0\.licence: expected the licence of release "gpt-oss"/);
  });

  it('refuses a source that is not an https address', () => {
    const error = catalogError(withSubjects('    releases:\n      - { date: 2025-08-05, label: gpt-oss, source: openai.com/index/introducing-gpt-oss }\n'));
    expect(error.message).toMatch(/families\.0\.releases\.0\.source: expected an https:\/\/ address/);
  });
});
