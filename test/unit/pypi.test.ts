// Pure parts of the PyPI source: answer parsing and URLs.
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import { normalisePypiName, overallUrl, parseOverall, pypiPackages } from '../../collector/sources/pypi.ts';

describe('pypistats answers', () => {
  it('keeps only the without_mirrors series (as recorded from pypistats.org)', () => {
    const json = {
      data: [
        { category: 'with_mirrors', date: '2020-05-01', downloads: 2100139 },
        { category: 'with_mirrors', date: '2020-05-02', downloads: 1487218 },
        { category: 'without_mirrors', date: '2020-05-01', downloads: 2083472 },
        { category: 'without_mirrors', date: '2020-05-02', downloads: 1475979 },
      ],
      package: 'pip',
      type: 'overall_downloads',
    };
    expect([...parseOverall(json)!.days]).toEqual([['2020-05-01', 2083472], ['2020-05-02', 1475979]]);
    expect(parseOverall({ message: 'Not found' })).toBeNull();
  });

  it('sets aside entries without a date and repeated days, keeping raw values for validation', () => {
    const parsed = parseOverall({ data: [{ category: 'without_mirrors', date: '2020-05-01', downloads: 'many' }, { category: 'without_mirrors', date: '2020-05-01', downloads: 1 }, { downloads: 3 }] })!;
    expect([...parsed.days]).toEqual([['2020-05-01', 'many']]);
    expect(parsed.malformed).toHaveLength(2);
  });

  it('asks for the PEP 503 name without mirrors', () => {
    expect(normalisePypiName('Llama_CPP.python')).toBe('llama-cpp-python');
    expect(overallUrl('http://h/pypistats', 'Llama_CPP.python')).toBe('http://h/pypistats/api/packages/llama-cpp-python/overall?mirrors=false');
  });

  it('lists each catalog package once, under the first family that names it', () => {
    const catalog = parseCatalog(
      `families:
  - {id: a, name: A, vendor: V, openness: closed, region: US, licence: {name: n, commercial_use: c}, pypi: [openai, anthropic]}
  - {id: b, name: B, vendor: V, openness: open-weights-restricted, region: CN, licence: {name: n, commercial_use: c}, pypi: [openai, vllm]}
leaderboard_licences: {closed: [], open_noncommercial: [], open: []}
`,
      'inline.yml',
    );
    expect([...pypiPackages(catalog)]).toEqual([['openai', 'a'], ['anthropic', 'a'], ['vllm', 'b']]);
  });
});
