// A report is handed to readers: whatever its format, it names no file or folder
// of the OpenPulse repository (the collectors' notes, the queries folder); it
// says how the data is collected in words. Links to the upstreams' own pages stay.

import { describe, expect, it } from 'vitest';
import { inLanguage, renderReport, REPORT_FORMATS, REPORT_LANGS } from '../../collector/report/index.ts';
import { collectionNotes, METRIC_NOTES } from '../../collector/report/methodology.ts';
import type { MetricSection } from '../../collector/report/model.ts';
import { FAMILY_METRICS } from '../../registry/metrics.ts';
import { growth, reportModel } from '../helpers/report-model.ts';
import { repositoryPaths } from '../helpers/repository-paths.ts';

const sections: MetricSection[] = FAMILY_METRICS.map((m) => ({
  metric: m.id,
  label: m.title,
  unit: m.unit,
  what: m.counts,
  families: [growth('llama', 'Llama', 'open-weights-restricted', 100, 130), growth('gpt', 'GPT', 'closed', 200, 220)],
  classes: [growth('open', 'Open models', 'open', 100, 130), growth('closed', 'Closed models', 'closed', 200, 220)],
  share: [],
  daily: [
    { openness: 'open', series: 'collected', points: [{ day: '2026-11-01', value: 100 }, { day: '2026-11-30', value: 130 }] },
    { openness: 'closed', series: 'collected', points: [{ day: '2026-11-01', value: 200 }, { day: '2026-11-30', value: 220 }] },
  ],
  shareDaily: [{ day: '2026-11-01', value: 0.33 }, { day: '2026-11-30', value: 0.37 }],
  breaks: [],
  notes: METRIC_NOTES[m.id],
}));

const model = reportModel({
  answer: { ...reportModel().answer, statement: 'Text models only.' },
  classScope: 'Text models only.',
  metrics: sections,
  collection: collectionNotes(),
  queries: [
    { query: 'growth_by_family', params: { metric: 'projects', from: '2026-11-01', to: '2026-11-30' } },
    { query: 'open_share', params: { metric: 'projects', from: '2026-11-01', to: '2026-11-30' } },
  ],
});

describe('reports name no file of the repository', () => {
  it('finds the paths the reports printed before', () => {
    expect(repositoryPaths('### From the collector: collector/sources/github/METHODOLOGY.md')).toEqual(['collector/sources/github/METHODOLOGY.md']);
    expect(repositoryPaths('a named query in `queries/`; the view (`queries/schema/views.sql`) and `openrouter.ts`')).toEqual(['queries/', 'queries/schema/views.sql', 'openrouter.ts']);
    expect(repositoryPaths('[npm](https://github.com/npm/registry/blob/main/docs/download-counts.md) <a href="https://x.test/a.md">')).toEqual([]);
  });

  for (const lang of REPORT_LANGS) {
    for (const format of REPORT_FORMATS) {
      it(`as ${format} in ${lang}`, () => {
        const out = renderReport(inLanguage(model, lang), format);
        expect(out.length).toBeGreaterThan(format === 'csv' ? 100 : 1000);
        expect(repositoryPaths(out)).toEqual([]);
      });
    }
  }

  it('says in words how each source is collected, in both languages', () => {
    const md = renderReport(model, 'md');
    expect(md).toContain('### How the data is collected');
    expect(md).toContain('- Hugging Face Hub: collected every day; the upstream keeps no history, so a day not collected is lost for good.');
    expect(md).toContain('- PyPI: collected every day; the upstream answers for the last 180 days only, so a day missed for longer is lost.');
    expect(md).not.toContain('From the collector');
    expect(renderReport(model, 'html')).toContain('<h3 id="collection">How the data is collected</h3>');
    const zh = renderReport(inLanguage(model, 'zh'), 'md');
    expect(zh).toContain('### 数据如何采集');
    expect(zh).toContain('- Hugging Face Hub：每天采集；上游不保留历史，没有采集的那一天就永久丢失了。');
    expect(zh).toContain('- PyPI：每天采集；上游只提供最近 180 天的数据，错过更久的日子就会丢失。');
  });
});
