// The report's leaderboard section: the newest publication's top 10, the best open and closed
// model, the open share of the top, the months open trails closed and each family's best model,
// as sentences and a table every format lays out the same way.

import { describe, expect, it } from 'vitest';
import { leaderboardLines, leaderboardTopRows } from '../../collector/report/layout.ts';
import type { LeaderboardSection, ReportModel } from '../../collector/report/model.ts';
import { LEADERBOARD_TOP } from '../helpers/report-model.ts';

const section: LeaderboardSection = {
  newest: '2026-11-20',
  top: LEADERBOARD_TOP,
  best: [
    { table_date: '2025-01-20', best_open: 'deepseek-r1', open_position: 1, open_rating: 1361, open_lower: 1355, open_upper: 1367, best_closed: 'gpt-4o', closed_position: 2, closed_rating: 1287, closed_lower: 1284, closed_upper: 1290, gap: -74, gap_lower: -83, gap_upper: -65, models: 30, origin: 'dataset' },
    { table_date: '2026-11-20', best_open: 'qwen3-235b-a22b', open_position: 4, open_rating: 1372, open_lower: null, open_upper: null, best_closed: 'gpt-5', closed_position: 1, closed_rating: 1440, closed_lower: 1436, closed_upper: 1445, gap: 68, gap_lower: null, gap_upper: null, models: 40, origin: 'dataset' },
  ],
  shares: [{ table_date: '2026-11-20', top: 10, models: 10, open: 5, open_noncommercial: 0, closed: 4, unknown: 1, open_share: 0.5, origin: 'dataset' }],
  families: [
    { table_date: '2026-11-20', family: 'gpt', name: 'GPT', best_model: 'gpt-5', position: 1, rating: 1440, rating_lower: 1436, rating_upper: 1445, class: 'closed', family_models: 9, models: 40, origin: 'dataset' },
    { table_date: '2026-11-20', family: 'qwen', name: 'Qwen', best_model: 'qwen3-235b-a22b', position: 4, rating: 1372, rating_lower: null, rating_upper: null, class: 'open', family_models: 3, models: 40, origin: 'dataset' },
  ],
  gap: [
    { day: '2025-01-20', scale_date: '2026-11-20', best_open: 'deepseek-r1', open_rating: 1361, open_first_seen: '2025-01-20', closed_best: 'gpt-4o', closed_rating: 1287, matched_by: '', matched_on: null, months: 0, months_low: 0, months_high: 0, open_leads: 1, rated: 30, unrated: 2 },
    { day: '2026-11-20', scale_date: '2026-11-20', best_open: 'qwen3-235b-a22b', open_rating: 1372, open_first_seen: '2025-05-20', closed_best: 'gpt-5', closed_rating: 1440, matched_by: 'gemini-2.0-pro-exp', matched_on: '2025-02-20', months: 20.96, months_low: 18.04, months_high: 21.95, open_leads: 0, rated: 40, unrated: 5 },
  ],
};
const model = { leaderboard: section } as unknown as ReportModel;

describe('the report\'s leaderboard section', () => {
  it('lays out the newest publication\'s top as table rows', () => {
    expect(leaderboardTopRows(model)).toEqual([
      ['1', 'gpt-5', 'OpenAI', 'proprietary', '1,440', '1,436–1,445', '21,000'],
      ['4', 'qwen3-235b-a22b', 'Alibaba', 'open', '1,372', '', 'n/a'],
    ]);
  });

  it('says who leads by how much, the top\'s open share, the months open trails closed, and each family\'s best', () => {
    expect(leaderboardLines(model)).toEqual([
      '2025-01-20: the best open model, deepseek-r1 (1,361), leads the best closed one, gpt-4o (1,287), by 74 points (open lead between 65 and 83 points within the ratings\' intervals).',
      '2026-11-20: the best closed model, gpt-5 (1,440), leads the best open one, qwen3-235b-a22b (1,372, position 4), by 68 points.',
      'Open models in the top of the 2026-11-20 publication: top 10: 5 of 10 (50.0%), 1 of unknown licence.',
      '2025-01-20: the best open model, deepseek-r1, was rated above every closed model listed by then (on the 2026-11-20 scale): open led.',
      '2026-11-20: the best open model, qwen3-235b-a22b, was at a level gemini-2.0-pro-exp first reached on 2025-02-20: 21.0 months earlier (18.0 to 21.9 within the intervals; ratings of 2026-11-20).',
      "Each family's best model on 2026-11-20: GPT gpt-5 (1), Qwen qwen3-235b-a22b (4).",
    ]);
  });

  it('says nothing when the window has no rated publication', () => {
    expect(leaderboardLines({ leaderboard: { ...section, newest: null } } as unknown as ReportModel)).toEqual([]);
    expect(leaderboardLines({} as ReportModel)).toEqual([]);
  });
});
