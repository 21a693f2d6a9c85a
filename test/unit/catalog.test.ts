import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLicence, familyOfModel, githubQueryProblem, loadCatalog, parseCatalog } from '../../collector/catalog.ts';
import { PROJECT_ROOT } from '../../collector/config.ts';
import { OpenPulseError } from '../../collector/errors.ts';

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
    openness: open-weights
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
      expect(['open-weights', 'open-source', 'closed']).toContain(f.openness);
      expect(f.vendor.length).toBeGreaterThan(0);
      expect(f.region).toMatch(/^[A-Z]{2}$/);
      expect(f.licence.name.length).toBeGreaterThan(0);
      expect(f.licence.commercial_use.length).toBeGreaterThan(0);
      const measures = f.github.search.length + f.github.repos.length + f.huggingface.models.length + f.huggingface.authors.length + f.npm.length + f.pypi.length;
      expect(measures, `${f.id} measures nothing`).toBeGreaterThan(0);
    }
    const withReleases = catalog.families.filter((f) => f.releases.length > 0).map((f) => f.id);
    expect(withReleases).toEqual(expect.arrayContaining(['llama', 'gpt', 'chatglm', 'qwen', 'xverse']));
    expect(catalog.families.find((f) => f.id === 'llama')!.releases).toContainEqual({ date: '2023-07-18', label: 'Llama 2' });
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
    const error = catalogError(MINIMAL.replace('openness: open-weights', 'openness: semi-open'));
    expect(error.message).toContain('broken.yml:5:15: families.0.openness: expected one of "open-weights", "open-source", "closed"');
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
    expect(classifyLicence(catalog, 'CC-BY-NC-SA-4.0')).toBe('open_noncommercial');
    expect(classifyLicence(catalog, 'Apache 2.0')).toBe('open');
    expect(classifyLicence(catalog, 'Some new licence')).toBeNull();
    expect(familyOfModel(catalog, 'ChatGLM-6B')).toBe('chatglm');
    expect(familyOfModel(catalog, 'GPT-3.5-turbo')).toBe('gpt');
    expect(familyOfModel(catalog, 'Vicuna-13B')).toBe('');
  });
});
