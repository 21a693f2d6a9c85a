// A trend report in Simplified Chinese (openpulse report --lang zh, the site's
// /zh/reports/ pages): the same numbers as in English, every heading, sentence,
// table header and note in Chinese, days written the Chinese way, and no English
// left beyond the names that stay in Latin letters. A cited source's own words
// (its title, a note, why a date is inferred) stay in English, marked lang="en".

import { describe, expect, it } from 'vitest';
import { inLanguage, renderReport, REPORT_FORMATS, type ReportModel } from '../../collector/report/index.ts';
import { answerIntro, citedGroups, headlineRows, highlights, leaderboardLines, leaderboardTopRows, sourceRows } from '../../collector/report/layout.ts';
import type { Citation, LeaderboardSection, MetricSection } from '../../collector/report/model.ts';
import { plainText } from '../../collector/report/words.ts';
import type { HeadlineAnswerRow } from '../../queries/rows.ts';
import { FAMILY_METRICS } from '../../registry/metrics.ts';
import { FAMILY_METRICS_ZH } from '../../registry/metrics-zh.ts';
import { englishRuns, LATIN_TERMS, nameMatchers, visibleTexts } from '../helpers/page-text.ts';
import { runInProcess } from '../helpers/cli.ts';
import { growth, LEADERBOARD_TOP, reportModel } from '../helpers/report-model.ts';

const sections: MetricSection[] = FAMILY_METRICS.map((m) => ({
  metric: m.id,
  label: m.title,
  unit: m.unit,
  what: m.counts,
  families: [growth('llama', 'Llama', 'open-weights-restricted', 100, 130), growth('qwen', 'Qwen', 'open-weights-osi', 0, 40), growth('gpt', 'GPT', 'closed', 200, 220)],
  classes: [growth('open', 'Open models', 'open', 100, 170), growth('closed', 'Closed models', 'closed', 200, 220)],
  share: [{ series: 'collected', start_day: '2026-11-01', start_share: 0.333, end_day: '2026-11-30', end_share: 0.436, change_points: 10.3, open_added: 70, closed_added: 20, new_open_share: 0.778 }],
  daily: [
    { openness: 'open', series: 'collected', points: [{ day: '2026-11-01', value: 100 }, { day: '2026-11-30', value: 170 }] },
    { openness: 'closed', series: 'collected', points: [{ day: '2026-11-01', value: 200 }, { day: '2026-11-30', value: 220 }] },
  ],
  shareDaily: [{ day: '2026-11-01', value: 0.333 }, { day: '2026-11-30', value: 0.436 }],
  breaks: [{ family: 'qwen', name: 'Qwen', openness: 'open-weights-osi', subject: 'search:Qwen', first_day: '2026-11-08', last_day: '2026-11-30', days: 23, window_first_day: '2026-11-01', window_last_day: '2026-11-30', reason: 'starts inside the window', family_step: 1 }],
  notes: m.caveats,
}));

function answer(over: Partial<HeadlineAnswerRow>): HeadlineAnswerRow {
  return {
    signal: 'projects', title: 'new GitHub projects', shape: 'stock', week_from: '2026-11-23', week_to: '2026-11-29',
    now_share: 0.452, now_from: '2026-11-29', now_to: '2026-11-29',
    since_share: 0.234, since_from: '2023-07-18', since_to: '2026-11-29', then_share: 0.25,
    open_value: 234, closed_value: 766, covering: 12, excluded: 2, unclassified: 0,
    source: 'GitHub search', caveat: 'Mentions, not use.',
    ...over,
  };
}

const leaderboard: LeaderboardSection = {
  newest: '2026-11-20',
  top: LEADERBOARD_TOP,
  best: [
    { table_date: '2026-11-20', best_open: 'qwen3-235b-a22b', open_position: 4, open_rating: 1372, open_lower: null, open_upper: null, best_closed: 'gpt-5', closed_position: 1, closed_rating: 1440, closed_lower: 1436, closed_upper: 1445, gap: 68, gap_lower: 60, gap_upper: 76, models: 40, origin: 'dataset' },
  ],
  shares: [{ table_date: '2026-11-20', top: 10, models: 10, open: 5, open_noncommercial: 0, closed: 4, unknown: 1, open_share: 0.5, origin: 'dataset' }],
  families: [
    { table_date: '2026-11-20', family: 'gpt', name: 'GPT', best_model: 'gpt-5', position: 1, rating: 1440, rating_lower: 1436, rating_upper: 1445, class: 'closed', family_models: 9, models: 40, origin: 'dataset' },
    { table_date: '2026-11-20', family: 'qwen', name: 'Qwen', best_model: 'qwen3-235b-a22b', position: 4, rating: 1372, rating_lower: null, rating_upper: null, class: 'open', family_models: 3, models: 40, origin: 'dataset' },
  ],
  gap: [
    { day: '2026-11-20', scale_date: '2026-11-20', best_open: 'qwen3-235b-a22b', open_rating: 1372, open_first_seen: '2025-05-20', closed_best: 'gpt-5', closed_rating: 1440, matched_by: 'gemini-2.0-pro-exp', matched_on: '2025-02-20', months: 20.96, months_low: 18.04, months_high: 21.95, open_leads: 0, rated: 40, unrated: 5 },
  ],
};

function citation(over: Partial<Citation>): Citation {
  return {
    day: '2026-11-05', family: 'llama', family_name: 'Llama', subject: 'search:LLaMA', metric: 'github_projects', value: 5600, qualifier: 'at least', derivation: '', date_basis: 'stated', date_inferred_from: '', quoted: '', note: '',
    source_url: 'https://example.org/article', source_title: 'Open models on GitHub after the Llama 2 release', source_publisher: 'Example News', source_published: '2026-11', source_language: 'en',
    citation: 'Example News, 2026-11: Open models on GitHub after the Llama 2 release', detail: '',
    ...over,
  };
}

const citations: Citation[] = [
  citation({}),
  citation({ day: '2026-11-19', date_basis: 'inferred', date_inferred_from: 'two weeks later than the first reading', note: 'worked out from the figures of two other families', source_url: '' }),
  citation({ family: '', family_name: '', subject: 'arena:open_noncommercial', metric: 'arena_best_rank', value: 6, qualifier: 'exact', note: 'best open model ranked sixth, below the five proprietary ones' }),
];

const model = reportModel({
  answer: {
    ...reportModel().answer,
    rows: [
      answer({}),
      answer({ signal: 'downloads', title: 'package downloads', shape: 'flow', now_from: '2026-11-23', since_from: '2025-06-04', then_share: null, covering: 3, excluded: 0 }),
      answer({ signal: 'leaderboard', title: 'leaderboard models', shape: 'table', now_share: 0.7, now_from: '2026-11-20', now_to: '2026-11-20', since_share: null, since_from: '2023-07-20', then_share: 0.55, open_value: 70, closed_value: 30, covering: 0, excluded: 0, unclassified: 4 }),
      answer({ signal: 'derivatives', title: 'Hugging Face derivatives', shape: 'count', now_share: null, since_share: null, then_share: null, open_now: 54300, closed_now: 0, now_by_rung: { 'open-weights-restricted': 30000, 'open-weights-osi': 24300 }, added_by_rung: { 'open-weights-restricted': 1000 }, open_value: 1000, closed_value: null }),
    ],
  },
  metrics: sections,
  leaderboard,
  releases: [{ family: 'qwen', name: 'Qwen', openness: 'open-weights-osi', released_at: '2026-11-12', label: 'Qwen 4 and Qwen 4 Max', label_zh: 'Qwen 4 与 Qwen 4 Max', licence: 'Apache-2.0', source: '' }],
  citations,
  queries: [
    { query: 'headline_answer', params: { since: '2023-07-18', as_of: '2026-11-30', scope: 'text_models', families: [] } },
    { query: 'growth_by_family', params: { metric: 'projects', series: 'collected', from: '2026-11-01', to: '2026-11-30', families: [] } },
  ],
});

const en = inLanguage(model, 'en');
const zh = inLanguage(model, 'zh');

/** The names a Chinese report may write in Latin letters, from the model itself: families, models, organisations, subjects, releases, the product terms. */
function reportNames(m: ReportModel): string[] {
  const lb = m.leaderboard;
  return [
    ...LATIN_TERMS, 'lmarena-ai/leaderboard-dataset', 'Llama 2',
    ...m.families.flatMap((f) => [f.id, f.name, f.name_zh]),
    ...(lb ? [...lb.top.flatMap((r) => [r.model, r.organization]), ...lb.best.flatMap((r) => [r.best_open, r.best_closed]), ...lb.families.map((r) => r.best_model), ...lb.gap.flatMap((r) => [r.best_open, r.matched_by])] : []),
    ...m.metrics.flatMap((s) => s.breaks.map((b) => b.subject)),
    ...m.citations.flatMap((c) => [c.subject, c.subject.slice(c.subject.indexOf(':') + 1)]),
    ...m.releases.map((r) => (m.lang === 'zh' ? (r.label_zh ?? r.label) : r.label)),
    ...m.queries.map((q) => q.query),
  ].filter(Boolean);
}

/** A source's own words, which Markdown cannot mark as English: the citations, notes and why a date is inferred. */
const quotedWords = (m: ReportModel) => m.citations.flatMap((c) => [c.citation, c.note, c.date_inferred_from]).filter(Boolean);

/** The prose of a Markdown report: no code (fenced or inline), no link targets or embedded pictures. */
function markdownProse(md: string): string[] {
  return md
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`]*`/g, '\u0000')
    .replace(/\]\([^)]*\)/g, ']')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

describe('a report in Chinese', () => {
  const md = renderReport(zh, 'md');
  const html = renderReport(zh, 'html');

  it('has the same numbers as in English: only the words change', () => {
    const json = JSON.parse(renderReport(zh, 'json')) as ReportModel;
    const english = JSON.parse(renderReport(en, 'json')) as ReportModel;
    expect(json.lang).toBe('zh');
    expect(json.metrics.map((s) => s.families.map((r) => [r.key, r.start_value, r.end_value, r.change, r.pct_change]))).toEqual(english.metrics.map((s) => s.families.map((r) => [r.key, r.start_value, r.end_value, r.change, r.pct_change])));
    expect(json.answer.rows).toEqual(english.answer.rows);
    expect(json.citations).toEqual(english.citations);
    // the metric words are the registry's Chinese, and the family keeps the catalog's Chinese name
    expect(json.metrics[0]).toMatchObject({ label: FAMILY_METRICS_ZH.projects.title, unit: FAMILY_METRICS_ZH.projects.unit, what: FAMILY_METRICS_ZH.projects.counts, notes: FAMILY_METRICS_ZH.projects.caveats });
    expect(json.metrics[0]!.families.map((r) => r.label)).toEqual(['Llama', '通义千问', 'GPT']);
    expect(json.metrics[0]!.classes.map((r) => r.label)).toEqual(['开源模型', '闭源模型']);
    // and back: the English words again
    expect(inLanguage(zh, 'en')).toEqual(en);
  });

  it('writes every heading in Chinese, in Markdown and in HTML', () => {
    for (const heading of ['# OpenPulse 趋势报告：2026年11月1日至2026年11月30日', '## 头条答案', '## 要点', '## 主要数字', `### ${FAMILY_METRICS_ZH.projects.title}`, '## 排行榜：榜单前列', '## 图表', '### 开源模型的份额', '## 方法说明', '### 数据如何采集', '## 数据来源', '### 引用数字', '## 如何复现']) {
      expect(md.split('\n')).toContain(heading);
    }
    expect(html).toContain('<html lang="zh-Hans">');
    expect(html).toContain('<h2 id="answer">头条答案</h2>');
    expect(html).toContain('<h3 id="collection">数据如何采集</h3>');
    expect(md).toContain('| 家族 | 开放程度 | 起始值 | 结束值 | 变化 | 变化率 | 日期 |');
    expect(md).toContain('| 名次 | 模型 | 机构 | 许可类别 | 评分 | 区间 | 票数 |');
    expect(md).toContain('| 来源 | 内容 | 最新日期 | 数据条数 | 上次运行 |');
  });

  it('writes days, changes in points and missing figures the Chinese way; numbers as in English', () => {
    const project = headlineRows(zh.metrics[0]!, 'zh');
    expect(project.map((r) => r.cells)).toEqual([
      ['GPT', '闭源', '200', '220', '+20', '+10.0%', '2026年11月1日至2026年11月30日'],
      ['Llama', '开放权重（限制性许可）', '100', '130', '+30', '+30.0%', '2026年11月1日至2026年11月30日'],
      ['通义千问', '开放权重（OSI 许可）', '0', '40', '+40', '—', '2026年11月1日至2026年11月30日'],
      ['开源模型', '开源', '100', '170', '+70', '+70.0%', '2026年11月1日至2026年11月30日'],
      ['闭源模型', '闭源', '200', '220', '+20', '+10.0%', '2026年11月1日至2026年11月30日'],
    ]);
    expect(md).toContain('开源模型的份额：2026年11月1日为 33.3%，2026年11月30日为 43.6%（+10.3 个百分点）。时间窗口内新增的仓库中，开源模型占 77.8%（开源 +70，闭源 +20）。');
    expect(md).toContain('由 OpenPulse 于 2026年12月1日 06:00 UTC 根据其嵌入式 ClickHouse 存储生成。');
    expect(md).toContain('只比较覆盖整个时间窗口的序列，因此在窗口内开始或停止的序列不计入，不会被当作增长或下降：search:Qwen（通义千问，2026年11月8日起）。');
    expect(highlights(zh)[0]).toBe(`${FAMILY_METRICS_ZH.projects.title}：开源模型 100 → 170（+70.0%）；闭源模型 200 → 220（+10.0%）；通义千问 0 → 40（—）；Llama 100 → 130（+30.0%）；GPT 200 → 220（+10.0%）`);
    expect(answerIntro(zh)).toMatch(/^在新增 GitHub 项目、.*答案截至2026年11月30日，与报告的时间窗口无关。数字对应2026年11月23日至2026年11月29日这一周/);
    expect(sourceRows(zh)[0]).toMatchObject({ name: 'GitHub 搜索', cells: [expect.stringContaining('按目录中每条查询统计的仓库数'), '2026年11月30日', '1,000', '2026年12月1日 05:00 UTC（成功）'] });
    expect(leaderboardTopRows(zh)).toEqual([
      ['1', 'gpt-5', 'OpenAI', '闭源', '1,440', '1,436–1,445', '21,000'],
      ['4', 'qwen3-235b-a22b', 'Alibaba', '开源', '1,372', '', '—'],
    ]);
    expect(leaderboardLines(zh)).toEqual([
      '2026年11月20日：最佳闭源模型 gpt-5（1,440）领先最佳开源模型 qwen3-235b-a22b（1,372，第 4 名）68 分（在评分区间内，闭源领先 60 至 76 分）。',
      '2026年11月20日一期榜单前列的开源模型：前 10 名中，10 个模型有 5 个开源（50.0%），1 个许可未知。',
      '2026年11月20日：最佳开源模型 qwen3-235b-a22b 的水平，gemini-2.0-pro-exp 在2025年2月20日就已达到：落后 21.0 个月（在评分区间内为 18.0 至 21.9 个月；按2026年11月20日一期的评分）。',
      '2026年11月20日各家族的最佳模型：GPT gpt-5（第 1 名）；通义千问 qwen3-235b-a22b（第 4 名）。',
    ]);
    // no day written as the queries give it, outside code and a source's own words
    const dates = visibleTexts(html, 'zh').filter((t) => /\b\d{4}-\d{2}-\d{2}\b/.test(t));
    expect(dates).toEqual([]);
    expect(md).not.toMatch(/\bn\/a\b|NaN| pp\b/);
  });

  it('keeps a cited source\'s own words in English, marked as such in HTML', () => {
    const groups = citedGroups(zh);
    expect(groups.map((g) => g.family)).toEqual(['Llama', '']);
    expect(plainText(groups[0]!.lines[1]!.text)).toBe('LLaMA，各搜索词的 GitHub 项目数：5,600+，2026年11月19日（推断日期，依据“two weeks later than the first reading”）（worked out from the figures of two other families）');
    expect(plainText(groups[1]!.lines[0]!.text)).toBe('开源（非商用），各类别的排行榜最佳名次：6，2026年11月5日（best open model ranked sixth, below the five proprietary ones）');
    expect(html).toContain('<a href="https://example.org/article"><span lang="en">Example News, 2026-11: Open models on GitHub after the Llama 2 release</span></a>');
    expect(html).toContain('（推断日期，依据“<span lang="en">two weeks later than the first reading</span>”）');
    expect(html).toContain('<span lang="en">Example News, 2026-11: Open models on GitHub after the Llama 2 release</span>（来源网址未经核实）');
    expect(md).toContain('。来源：[Example News, 2026-11: Open models on GitHub after the Llama 2 release](https://example.org/article)');
  });

  it('leaves no English sentence: no run of 3+ English words beyond names, in HTML (charts included) or Markdown', () => {
    const names = nameMatchers(reportNames(zh));
    const inHtml = visibleTexts(html, 'zh').flatMap((text) => englishRuns(text, names).map((run) => `"${run}" in "${text.slice(0, 160)}"`));
    expect(inHtml, inHtml.join('\n')).toEqual([]);
    // Markdown cannot mark a source's words as English: those are allowed there, and only there.
    const mdNames = nameMatchers([...reportNames(zh), ...quotedWords(zh)]);
    const inMd = markdownProse(md).flatMap((text) => englishRuns(text, mdNames).map((run) => `"${run}" in "${text.slice(0, 160)}"`));
    expect(inMd, inMd.join('\n')).toEqual([]);
  });

  it('the check finds English left in a Chinese report', () => {
    const names = nameMatchers(reportNames(zh));
    const english = visibleTexts(renderReport({ ...en, lang: 'zh' }, 'html'), 'zh').flatMap((text) => englishRuns(text, names));
    expect(english.length).toBeGreaterThan(10);
  });

  it('marks each release on the charts with its Chinese label', () => {
    expect(html).toContain('>Qwen 4 与 Qwen 4 Max</text>');
    expect(html).not.toContain('Qwen 4 and Qwen 4 Max');
    expect(renderReport(en, 'html')).toContain('>Qwen 4 and Qwen 4 Max</text>');
  });

  it('keeps each day and an openness bracket on one line in a narrow table column', () => {
    expect(html).toContain('<td>开放权重<span class="nowrap">（OSI 许可）</span></td>');
    expect(html).toContain('<td><span class="nowrap">2026年11月1日至</span><span class="nowrap">2026年11月30日</span></td>');
    // an ISO day would break at its hyphens
    expect(renderReport(en, 'html')).toContain('<td><span class="nowrap">2026-11-01 →</span> <span class="nowrap">2026-11-30</span></td>');
  });

  it('renders every format', () => {
    for (const format of REPORT_FORMATS) expect(renderReport(zh, format).length).toBeGreaterThan(100);
    // CSV keeps its English column names (a file for programs) and the Chinese labels
    expect(renderReport(zh, 'csv').split('\r\n')[0]).toBe('metric,level,series,family,name,openness,start_day,start_value,end_day,end_value,change,pct_change');
    expect(renderReport(zh, 'csv')).toContain(',通义千问,');
  });
});

describe('openpulse report --lang', () => {
  it('refuses a language it does not write, naming the ones it does', async () => {
    const r = await runInProcess(['report', '--from', '2024-01-01', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown report language "fr"\n {2}→ use one of en, zh/);
  });

  it('lists the flag in its help', async () => {
    const r = await runInProcess(['report', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--lang LANG');
    expect(r.stdout).toContain('[--lang en|zh]');
  });
});
