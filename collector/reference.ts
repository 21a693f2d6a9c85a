// Public figures reported before OpenPulse existed. They are facts of their own
// source ("reference"), each carrying its citation, so a collection (another
// source) never overwrites them and charts can show them as cited points.

import type { Observation } from './observation.ts';

const HUXIU_2023 =
  'Huxiu (虎嗅), August 2023, on the Llama 2 release: GitHub search counts, ChatGLM-6B stars and downloads';
const LMSYS_2023 = 'LMSYS Chatbot Arena leaderboard, 2023-07-20 update (40 models)';

/** Early August 2023: "about two weeks" after 2023-07-19, the article's second reading. */
const EARLY_AUGUST_2023 = '2023-08-02';

export const REFERENCE_FIGURES: readonly Observation[] = [
  // "LLaMA has 5,600+ GitHub projects, GPT-4 4,100+" then "6,200+" and "4,400+" two weeks later.
  { source: 'reference', subject: 'search:LLaMA', family: 'llama', metric: 'github_projects', observed_at: '2023-07-19', value: 5600, citation: HUXIU_2023, detail: { lower_bound: true } },
  { source: 'reference', subject: 'search:LLaMA', family: 'llama', metric: 'github_projects', observed_at: EARLY_AUGUST_2023, value: 6200, citation: HUXIU_2023, detail: { lower_bound: true } },
  { source: 'reference', subject: 'search:GPT-4', family: 'gpt', metric: 'github_projects', observed_at: '2023-07-19', value: 4100, citation: HUXIU_2023, detail: { lower_bound: true } },
  { source: 'reference', subject: 'search:GPT-4', family: 'gpt', metric: 'github_projects', observed_at: EARLY_AUGUST_2023, value: 4400, citation: HUXIU_2023, detail: { lower_bound: true } },
  // "ChatGLM-6B has 32,000 stars, about 3,000 more than LLaMA's repository; over 4 million downloads worldwide."
  { source: 'reference', subject: 'repo:THUDM/ChatGLM-6B', family: 'chatglm', metric: 'github_stars', observed_at: EARLY_AUGUST_2023, value: 32000, citation: HUXIU_2023 },
  { source: 'reference', subject: 'repo:facebookresearch/llama', family: 'llama', metric: 'github_stars', observed_at: EARLY_AUGUST_2023, value: 29000, citation: HUXIU_2023, detail: { approximate: 'about 3,000 fewer than ChatGLM-6B' } },
  { source: 'reference', subject: 'downloads:ChatGLM-6B', family: 'chatglm', metric: 'downloads_reported_total', observed_at: EARLY_AUGUST_2023, value: 4_000_000, citation: HUXIU_2023, detail: { lower_bound: true, scope: 'worldwide, all channels' } },
  // Arena 2023-07-20: top five proprietary; of the 35 below, all but PaLM-Chat-Bison-001 open (34), 15 of them non-commercial.
  { source: 'reference', subject: 'arena:closed', family: '', metric: 'arena_models', observed_at: '2023-07-20', value: 6, citation: LMSYS_2023, detail: { note: 'GPT-4, GPT-3.5-turbo, three Claude models, PaLM-Chat-Bison-001' } },
  { source: 'reference', subject: 'arena:open_noncommercial', family: '', metric: 'arena_models', observed_at: '2023-07-20', value: 15, citation: LMSYS_2023 },
  { source: 'reference', subject: 'arena:open', family: '', metric: 'arena_models', observed_at: '2023-07-20', value: 19, citation: LMSYS_2023 },
  { source: 'reference', subject: 'arena:closed', family: '', metric: 'arena_best_rank', observed_at: '2023-07-20', value: 1, citation: LMSYS_2023 },
  { source: 'reference', subject: 'arena:open_noncommercial', family: '', metric: 'arena_best_rank', observed_at: '2023-07-20', value: 6, citation: LMSYS_2023, detail: { note: 'best open model ranked sixth, below the five proprietary ones' } },
];
