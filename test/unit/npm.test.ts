// Pure parts of the npm source and the shared HTTP helpers: request planning, answer parsing.
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../../collector/catalog.ts';
import { hostOf, joinUrl, retryAfterMs, shownUrl } from '../../collector/sources/http.ts';
import { chunkRange, npmPackages, parseRangeAnswer, planBatches, rangeUrl } from '../../collector/sources/npm.ts';

const catalog = parseCatalog(
  `families:
  - {id: a, name: A, vendor: V, openness: closed, region: US, licence: {name: n, commercial_use: c}, npm: [openai, '@anthropic-ai/sdk']}
  - {id: b, name: B, vendor: V, openness: open-weights-restricted, region: CN, licence: {name: n, commercial_use: c}, npm: [openai, ollama]}
leaderboard_licences: {closed: [], open_noncommercial: [], open: []}
`,
  'inline.yml',
);

describe('npm request planning', () => {
  it('lists each package once, under the first family that names it', () => {
    expect([...npmPackages(catalog)]).toEqual([['openai', 'a'], ['@anthropic-ai/sdk', 'a'], ['ollama', 'b']]);
  });

  it('batches unscoped packages up to the limit and sends scoped ones alone, mixed input', () => {
    const names = ['@a/x', 'p1', 'p2', '@b/y', 'p3', 'p4', 'p5'];
    const batches = planBatches(names.map((name) => ({ name, key: 'same' })), 2);
    expect(batches).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5'], ['@a/x'], ['@b/y']]);
  });

  it('puts 300 unscoped packages into ceil(300/128) = 3 requests', () => {
    const names = Array.from({ length: 300 }, (_, i) => ({ name: `pkg-${i}`, key: 'k' }));
    expect(planBatches(names).map((b) => b.length)).toEqual([128, 128, 44]);
  });

  it('keeps packages that need different days in different batches', () => {
    const batches = planBatches([{ name: 'a', key: '1' }, { name: 'b', key: '2' }, { name: 'c', key: '1' }]);
    expect(batches).toEqual([['a', 'c'], ['b']]);
  });

  it('chunks a range without overlap or gap', () => {
    const chunks = chunkRange('2024-01-01', '2024-01-10', 4);
    expect(chunks).toEqual([['2024-01-01', '2024-01-04'], ['2024-01-05', '2024-01-08'], ['2024-01-09', '2024-01-10']]);
    expect(chunkRange('2024-01-02', '2024-01-01', 4)).toEqual([]);
  });

  it('builds range URLs under a base with a path', () => {
    expect(rangeUrl('http://127.0.0.1:9/npm/', '2024-01-01', '2024-01-31', ['a', 'b'])).toBe('http://127.0.0.1:9/npm/downloads/range/2024-01-01:2024-01-31/a,b');
    expect(rangeUrl('https://api.npmjs.org', '2024-01-01', '2024-01-31', ['@anthropic-ai/sdk'])).toBe('https://api.npmjs.org/downloads/range/2024-01-01:2024-01-31/@anthropic-ai/sdk');
  });
});

describe('npm range answers', () => {
  it('reads the single form (as recorded from api.npmjs.org)', () => {
    const json = { start: '2015-05-09', end: '2015-05-10', package: 'cross-spawn', downloads: [{ day: '2015-05-09', downloads: 8897 }, { day: '2015-05-10', downloads: 8442 }] };
    const a = parseRangeAnswer(json, ['cross-spawn']).get('cross-spawn')!;
    expect(a.kind).toBe('ok');
    if (a.kind === 'ok') expect([...a.counts.days]).toEqual([['2015-05-09', 8897], ['2015-05-10', 8442]]);
  });

  it('reads the bulk form, a null entry meaning a package npm does not have', () => {
    const json = { a: { package: 'a', downloads: [{ day: '2024-01-01', downloads: 1 }] }, b: null };
    const parsed = parseRangeAnswer(json, ['a', 'b', 'c']);
    expect(parsed.get('a')!.kind).toBe('ok');
    expect(parsed.get('b')).toEqual({ kind: 'missing', raw: null });
    expect(parsed.get('c')).toEqual({ kind: 'missing', raw: undefined });
  });

  it('keeps raw values for validation and sets aside entries that are not {day, downloads}', () => {
    const json = { downloads: [{ day: '2024-01-01', downloads: '12' }, { day: '2024-01-01', downloads: 3 }, { downloads: 4 }, null] };
    const a = parseRangeAnswer(json, ['x']).get('x')!;
    if (a.kind !== 'ok') throw new Error('expected ok');
    expect([...a.counts.days]).toEqual([['2024-01-01', '12']]);
    expect(a.counts.malformed).toHaveLength(3);
  });
});

describe('http helpers', () => {
  it('reads Retry-After in seconds or as a date', () => {
    const now = new Date('2026-11-15T12:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Sun, 15 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });

  it('joins base URLs and names hosts', () => {
    expect(joinUrl('http://h/x/', '/y')).toBe('http://h/x/y');
    expect(hostOf('http://127.0.0.1:8080/a')).toBe('127.0.0.1:8080');
  });

  it('shows a URL whole in a message, and a bulk request of 128 packages cut to its start and end', () => {
    const one = rangeUrl('https://api.npmjs.org/', '2025-12-01', '2026-11-30', ['openai']);
    expect(shownUrl(one)).toBe(one);
    const packages = Array.from({ length: 128 }, (_, i) => `@scope-${i}/package-${i}`);
    const bulk = rangeUrl('https://api.npmjs.org/', '2025-12-01', '2026-11-30', packages);
    expect(bulk.length).toBeGreaterThan(2500);
    const shown = shownUrl(bulk);
    expect(shown.length).toBeLessThan(300);
    expect(shown.startsWith('https://api.npmjs.org/downloads/range/2025-12-01:2026-11-30/@scope-0/package-0,')).toBe(true);
    expect(shown.endsWith('@scope-127/package-127')).toBe(true);
    const [, left] = /…\[(\d+) characters\]…/.exec(shown)!;
    expect(shown.length - `…[${left} characters]…`.length + Number(left)).toBe(bulk.length);
    expect(shownUrl('https://user:hunter2@example.org/x')).not.toContain('hunter2');
  });
});
