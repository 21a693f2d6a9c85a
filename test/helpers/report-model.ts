// A trend report's model as the report tests build it by hand: a month of
// November 2026, three families (one with a Chinese name), two sources' freshness.
// Each test sets the parts it is about (metrics, citations, the leaderboard…).

import type { GrowthRow, LeaderboardSection, ReportModel } from '../../collector/report/model.ts';

/** A family's or class's row over the month; no percentage change from zero. */
export function growth(key: string, label: string, openness: string, start: number, end: number): GrowthRow {
  return { key, label, openness, series: 'collected', start_day: '2026-11-01', start_value: start, end_day: '2026-11-30', end_value: end, change: end - start, pct_change: start === 0 ? null : (100 * (end - start)) / start };
}

/** The month's report in English, with what a test gives in place of the defaults. */
export function reportModel(over: Partial<ReportModel> = {}): ReportModel {
  return {
    lang: 'en',
    title: 'OpenPulse trend report, 2026-11-01 to 2026-11-30',
    from: '2026-11-01',
    to: '2026-11-30',
    generatedAt: '2026-12-01T06:00:00.000Z',
    store: { kind: 'embedded' },
    simulated: true,
    families: [
      { id: 'llama', name: 'Llama', name_zh: '', openness: 'open-weights-restricted', region: 'US' },
      { id: 'qwen', name: 'Qwen', name_zh: '通义千问', openness: 'open-weights-osi', region: 'CN' },
      { id: 'gpt', name: 'GPT', name_zh: '', openness: 'closed', region: 'US' },
    ],
    filtered: false,
    answer: { since: '2023-07-18', asOf: '2026-11-30', scope: 'text_models', statement: '', rows: [], routed: [] },
    classScope: '',
    metrics: [],
    releases: [],
    citations: [],
    freshness: [
      { source: 'github', newest_day: '2026-11-30', facts: 1000, last_run: '2026-12-01 05:00:00.000', last_status: 'ok', last_message: '' },
      { source: 'leaderboard', newest_day: '2026-08-03', facts: 420, last_run: '2026-12-01 05:00:00.000', last_status: 'partial', last_message: 'tables listed=16 new=0' },
    ],
    collection: [],
    queries: [],
    ...over,
  };
}

/** The top of a publication of 2026-11-20: the best closed model first, the best open one fourth. */
export const LEADERBOARD_TOP: LeaderboardSection['top'] = [
  { table_date: '2026-11-20', position: 1, model: 'gpt-5', organization: 'OpenAI', licence: 'Proprietary', class: 'closed', licence_class: 'closed', family: 'gpt', rating: 1440.4, rating_lower: 1436.1, rating_upper: 1444.9, votes: 21000, arena_rank: 1, models: 40, origin: 'dataset' },
  { table_date: '2026-11-20', position: 4, model: 'qwen3-235b-a22b', organization: 'Alibaba', licence: 'Apache 2.0', class: 'open', licence_class: 'open-weights-osi', family: 'qwen', rating: 1372.2, rating_lower: null, rating_upper: null, votes: null, arena_rank: 3, models: 40, origin: 'dataset' },
];
