// The Compare page's view (site/lib/compare.ts): a family's line adds every series with a value
// that day, so where a series joins or leaves the sum (site_compare_series' starts and stops)
// the view marks a break and says so, in both languages; the aligned axis cannot place them
// and says where they are marked.

import { describe, expect, it } from 'vitest';
import type { CompareSeriesRow } from '../../collector/snapshot/site-data.ts';
import { compareFamilyFile, compareFileRows, compareView, type CompareState } from '../../site/lib/compare.ts';

const FAMILIES = [
  { id: 'llama', name: 'LLaMA', openness: 'open-weights-restricted' },
  { id: 'gpt', name: 'GPT', openness: 'closed' },
];

/** Rows of the shape of the demo's downloads: LLaMA's PyPI package joins on 06-07, GPT's old npm package stops on 06-05. */
function rows(): CompareSeriesRow[] {
  const out: CompareSeriesRow[] = [];
  for (const day of ['2026-06-04', '2026-06-05', '2026-06-06', '2026-06-07', '2026-06-08']) {
    const n = Number(day.slice(-2));
    out.push({ day, family: 'llama', name: 'LLaMA', openness: 'open-weights-restricted', value: day >= '2026-06-07' ? 51_000 : 5_900, starts: day === '2026-06-07' ? 1 : 0, stops: 0, first_release: '2023-02-24', days_since_release: 1190 + n });
    out.push({ day, family: 'gpt', name: 'GPT', openness: 'closed', value: day > '2026-06-05' ? 600_000 : 660_000, starts: 0, stops: day === '2026-06-05' ? 1 : 0, first_release: null, days_since_release: null });
  }
  return out;
}

function view(state: Partial<CompareState>, lang: 'en' | 'zh' = 'en', input = rows()) {
  return compareView({ state: { metric: 'downloads', families: ['llama', 'gpt'], align: false, log: false, from: '', to: '', ...state }, rows: input, families: FAMILIES, cited: [], subtitle: '', lang });
}

describe('the Compare view marks where a series joins or leaves a family\'s sum', () => {
  it('one dotted line a day, with how many series start and stop, and a caption that says a step there is not growth', () => {
    const v = view({});
    expect(v.plot.events).toEqual([
      { day: '2026-06-05', label: 'break: 1 series stops' },
      { day: '2026-06-07', label: 'break: 1 series starts' },
    ]);
    expect(v.plot.eventLabels).toBe(true);
    expect(v.caption).toContain('Dotted lines mark breaks: days a series joins or leaves a family\'s sum');
    expect(v.caption).toContain('a step there is not growth');
    // the rows drawn carry the counts, so the downloads say it too
    expect(v.columns).toEqual(['day', 'family', 'name', 'openness', 'value', 'starts', 'stops', 'days_since_release']);
    expect(v.rows.find((r) => r.day === '2026-06-07' && r.family === 'llama')).toMatchObject({ value: 51_000, starts: 1, stops: 0 });
  });

  it('in Chinese', () => {
    const v = view({}, 'zh');
    expect(v.plot.events!.map((e) => e.label)).toEqual(['断点：1 个序列停止', '断点：1 个序列开始']);
    expect(v.caption).toContain('虚线标出断点');
  });

  it('only the families drawn and the days in range', () => {
    expect(view({ families: ['llama'] }).plot.events!.map((e) => e.day)).toEqual(['2026-06-07']);
    expect(view({ from: '2026-06-06' }).plot.events!.map((e) => e.day)).toEqual(['2026-06-07']);
    const none = view({ to: '2026-06-04' });
    expect(none.plot.events).toBeUndefined();
    expect(none.caption).not.toContain('break');
  });

  it('on the axis of days since release, no line (there is no calendar day to draw it at) but the caption says how many and where they are marked', () => {
    const v = view({ align: true, families: ['llama'] });
    expect(v.plot.events).toBeUndefined();
    expect(v.caption).toContain('On one day a series joins or leaves a family\'s sum');
    expect(v.caption).toContain('marked on the calendar view');
  });

  it('a family\'s file keeps the counts: the browser draws the same breaks as the build', () => {
    const llama = rows().filter((r) => r.family === 'llama');
    const file = compareFamilyFile('downloads', FAMILIES[0]!, llama);
    expect(file.breaks).toEqual([['2026-06-07', 1, 0]]);
    expect(compareFileRows(JSON.parse(JSON.stringify(file)))).toEqual(llama);
  });
});

describe('a break label adds the drawn families up', () => {
  it('"3 series start, 1 stops" on a day two families step', () => {
    const input = rows().map((r) => (r.day === '2026-06-07' && r.family === 'gpt' ? { ...r, starts: 2, stops: 1 } : r));
    expect(view({}, 'en', input).plot.events!.find((e) => e.day === '2026-06-07')!.label).toBe('break: 3 series start, 1 stops');
    expect(view({}, 'zh', input).plot.events!.find((e) => e.day === '2026-06-07')!.label).toBe('断点：3 个序列开始，1 个序列停止');
  });
});
