// Pure parts of the Hugging Face source: targets, URLs, paging, values.
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import { nextLink } from '../../collector/sources/http.ts';
import { hfTargets, listUrl, modelObservations, modelUrl } from '../../collector/sources/huggingface.ts';

const catalog = parseCatalog(
  `families:
  - {id: a, name: A, vendor: V, openness: open-weights-restricted, region: CN, licence: {name: n, commercial_use: c}, huggingface: {models: [THUDM/chatglm-6b], authors: [THUDM]}}
  - {id: b, name: B, vendor: V, openness: open-weights-restricted, region: CN, licence: {name: n, commercial_use: c}, huggingface: {models: [THUDM/chatglm-6b, Qwen/Qwen-7B], authors: [THUDM, Qwen]}}
leaderboard_licences: {closed: [], open_noncommercial: [], open: []}
`,
  'inline.yml',
);

describe('Hugging Face', () => {
  it('collects catalog models and organisations once each, first family wins', () => {
    const { models, authors } = hfTargets(catalog);
    expect([...models]).toEqual([['THUDM/chatglm-6b', 'a'], ['Qwen/Qwen-7B', 'b']]);
    expect([...authors]).toEqual([['THUDM', 'a'], ['Qwen', 'b']]);
  });

  it('asks for downloads, all-time downloads and likes', () => {
    expect(listUrl('https://huggingface.co', 'meta-llama')).toBe(
      'https://huggingface.co/api/models?author=meta-llama&expand[]=downloads&expand[]=downloadsAllTime&expand[]=likes&limit=1000',
    );
    expect(modelUrl('http://h/hf/', 'THUDM/chatglm-6b')).toBe('http://h/hf/api/models/THUDM/chatglm-6b?expand[]=downloads&expand[]=downloadsAllTime&expand[]=likes');
  });

  it('follows Link rel="next", absolute or relative', () => {
    expect(nextLink('<https://huggingface.co/api/models?cursor=abc>; rel="next"', 'https://huggingface.co/api/models')).toBe('https://huggingface.co/api/models?cursor=abc');
    expect(nextLink('</hf/api/models?p=2>; rel="next", </hf/api/models?p=9>; rel="last"', 'http://h:1/hf/api/models?p=1')).toBe('http://h:1/hf/api/models?p=2');
    expect(nextLink('<x>; rel="prev"', 'http://h')).toBeNull();
    expect(nextLink(null, 'http://h')).toBeNull();
  });

  it('turns a model answer into three facts and reports bad values with the raw value', () => {
    const good = modelObservations({ id: 'm', downloads: 1127302, downloadsAllTime: 9_000_000, likes: 3874 }, 'hf:m', 'llama', '2026-11-15', { renamed_to: 'n' });
    expect(good.problems).toEqual([]);
    expect(good.rows.map((r) => [r.metric, r.value, r.detail])).toEqual([
      ['hf_downloads_30d', 1127302, { renamed_to: 'n' }],
      ['hf_downloads_all_time', 9_000_000, { renamed_to: 'n' }],
      ['hf_likes', 3874, { renamed_to: 'n' }],
    ]);
    const bad = modelObservations({ id: 'm', downloads: -5, downloadsAllTime: '12', likes: 1e20 }, 'hf:m', '', '2026-11-15');
    expect(bad.rows).toEqual([]);
    expect(bad.problems.map((p) => p.raw)).toEqual([-5, '12', 1e20]);
    expect(bad.problems[0]!.message).toMatch(/m downloads: value -5 is negative/);
    // a field the Hub did not return is not a problem of the model: it is named, and the rest is stored
    const partial = modelObservations({ id: 'm', likes: 1 }, 'hf:m', '', '2026-11-15');
    expect(partial.problems).toEqual([]);
    expect(partial.missing).toEqual(['downloads', 'downloadsAllTime']);
    expect(partial.rows.map((r) => [r.metric, r.value])).toEqual([['hf_likes', 1]]);
  });
});
