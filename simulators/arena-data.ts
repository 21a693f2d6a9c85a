// The Arena's leaderboard dataset (lmarena-ai/leaderboard-dataset) as the simulator serves
// it: one row per publication date, category and model, with the real dataset's columns
// (model_name, organization, license, rating, rating_lower, rating_upper, variance,
// vote_count, rank, category, leaderboard_publish_date). The models are the leaderboard
// tables' roster (simulators/leaderboard-data.ts) that have an Arena rating, named by their
// table key, rated as the tables rate them (exactly their Elo on 2023-07-20) with an interval
// that narrows as votes accrue; the published rank is the Arena's upper-bound rank (1 + the
// models whose interval lies wholly above). Two categories, overall and coding, grouped in
// the file as the real one groups them. One dataset-only model carries a real quirk: a
// licence of "N/A", listed for a few weeks only (Llama-4-Maverick-03-26-Experimental).
// The models of 2025 and 2026 the roster lacks are dataset-only too (the simulated tables end
// with the roster): keys, organisations and licence strings as the Arena's text board wrote them in
// January 2026 (efforts and variants in the key, "Nvidia Open", "NexusFlow" in no class),
// rated near its ratings then; the 2026 models near its September 2026 ratings (some of
// them style-controlled), Kimi K3's licence string assumed to be Moonshot's usual one.

import { hash } from './random.ts';
import { LEADERBOARD_DATES, leaderboardKey, leaderboardModels } from './leaderboard-data.ts';

export const ARENA_DATASET_ID = 'lmarena-ai/leaderboard-dataset';
/** The subsets the simulated dataset declares; only `text` has rows here (the others answer with none). */
export const ARENA_SUBSETS = ['text', 'text_style_control', 'vision', 'webdev'] as const;
export const ARENA_CATEGORIES = ['overall', 'coding'] as const;

/** A row as the dataset viewer returns it, in the dataset's column order. */
export interface ArenaDatasetRow {
  model_name: string;
  organization: string;
  license: string;
  rating: number;
  rating_lower: number;
  rating_upper: number;
  variance: number;
  vote_count: number;
  rank: number;
  category: string;
  leaderboard_publish_date: string;
}

/** The columns' types as the viewer's `features` describe them. */
export const ARENA_FEATURES: { name: keyof ArenaDatasetRow; dtype: string }[] = [
  { name: 'model_name', dtype: 'string' },
  { name: 'organization', dtype: 'string' },
  { name: 'license', dtype: 'string' },
  { name: 'rating', dtype: 'float64' },
  { name: 'rating_lower', dtype: 'float64' },
  { name: 'rating_upper', dtype: 'float64' },
  { name: 'variance', dtype: 'float64' },
  { name: 'vote_count', dtype: 'int64' },
  { name: 'rank', dtype: 'int64' },
  { name: 'category', dtype: 'string' },
  { name: 'leaderboard_publish_date', dtype: 'string' },
];

/** Published about monthly: the tables' dates, the 20th of every month from 2024, and two early ones. */
const MONTHLY: string[] = [];
for (let y = 2024; y <= 2026; y++) for (let m = 1; m <= 12; m++) MONTHLY.push(`${y}-${String(m).padStart(2, '0')}-20`);
export const ARENA_DATES: readonly string[] = [...new Set(['2023-05-08', '2023-05-25', ...LEADERBOARD_DATES, ...MONTHLY, '2025-04-10'])].sort();

interface Rated {
  key: string;
  organisation: string;
  licence: string;
  since: string;
  until?: string;
  elo: number;
}

const rated = (key: string, organisation: string, licence: string, since: string, elo: number): Rated => ({ key, organisation, licence, since, elo });

/**
 * Models the tables never listed: the Arena's experimental Llama 4, licence "N/A", on the board for
 * a few weeks of April 2025; then the models of 2025 and 2026 the roster lacks (and Athene-V2, a real
 * unclassified licence), each from about its release.
 */
const DATASET_ONLY: Rated[] = [
  { key: 'llama-4-maverick-03-26-experimental', organisation: 'Meta', licence: 'N/A', since: '2025-04-05', until: '2025-04-30', elo: 1417 },
  rated('athene-v2-chat', 'NexusFlow', 'NexusFlow', '2024-11-12', 1314),
  rated('gemma-3-27b-it', 'Google', 'Gemma', '2025-03-12', 1365),
  rated('gemini-2.5-pro', 'Google', 'Proprietary', '2025-03-25', 1451),
  rated('llama-4-maverick-17b-128e-instruct', 'Meta', 'Llama 4', '2025-04-05', 1328),
  rated('nvidia-llama-3.3-nemotron-super-49b-v1.5', 'Nvidia', 'Nvidia Open', '2025-07-25', 1340),
  rated('gpt-oss-120b', 'OpenAI', 'Apache 2.0', '2025-08-05', 1354),
  rated('claude-opus-4-1-20250805', 'Anthropic', 'Proprietary', '2025-08-05', 1445),
  rated('qwen3-max-preview', 'Alibaba', 'Proprietary', '2025-09-05', 1434),
  rated('claude-sonnet-4-5-20250929-thinking-32k', 'Anthropic', 'Proprietary', '2025-09-29', 1451),
  rated('kimi-k2-thinking-turbo', 'Moonshot', 'Modified MIT', '2025-11-06', 1429),
  rated('gpt-5.1-high', 'OpenAI', 'Proprietary', '2025-11-12', 1458),
  rated('grok-4.1-thinking', 'xAI', 'Proprietary', '2025-11-17', 1477),
  rated('grok-4.1', 'xAI', 'Proprietary', '2025-11-17', 1465),
  rated('gemini-3-pro', 'Google', 'Proprietary', '2025-11-18', 1490),
  rated('olmo-3-32b-think', 'Allen AI', 'Apache 2.0', '2025-11-20', 1305),
  rated('claude-opus-4-5-20251101-thinking-32k', 'Anthropic', 'Proprietary', '2025-11-24', 1470),
  rated('claude-opus-4-5-20251101', 'Anthropic', 'Proprietary', '2025-11-24', 1467),
  rated('deepseek-v3.2', 'DeepSeek', 'MIT', '2025-12-01', 1418),
  rated('mistral-large-3', 'Mistral', 'Apache 2.0', '2025-12-02', 1411),
  rated('gpt-5.2', 'OpenAI', 'Proprietary', '2025-12-11', 1445),
  rated('mimo-v2-flash (non-thinking)', 'Xiaomi', 'MIT', '2025-12-16', 1395),
  rated('gemini-3-flash', 'Google', 'Proprietary', '2025-12-17', 1472),
  rated('glm-4.7', 'Z.ai', 'MIT', '2025-12-22', 1441),
  rated('ernie-5.0-0110', 'Baidu', 'Proprietary', '2026-01-10', 1459),
  rated('claude-opus-4-6-thinking', 'Anthropic', 'Proprietary', '2026-02-05', 1503),
  rated('gemini-3.1-pro-preview', 'Google', 'Proprietary', '2026-02-19', 1487),
  rated('gpt-5.4-high', 'OpenAI', 'Proprietary', '2026-03-05', 1470),
  rated('glm-5.1', 'Z.ai', 'MIT', '2026-04-07', 1451),
  rated('claude-opus-4-7-high', 'Anthropic', 'Proprietary', '2026-04-16', 1502),
  rated('kimi-k2.6-thinking', 'Moonshot', 'Modified MIT', '2026-04-20', 1449),
  rated('deepseek-v4-pro', 'DeepSeek', 'MIT', '2026-04-24', 1457),
  rated('kimi-k3-max', 'Moonshot', 'Modified MIT', '2026-07-27', 1485),
  rated('gpt-6-astra-max', 'OpenAI', 'Proprietary', '2026-09-03', 1444),
];

function ratedModels(date: string): Rated[] {
  const fromTables = leaderboardModels(date)
    .filter((m) => m.elo !== null)
    .map((m) => ({ key: leaderboardKey(m), organisation: m.organisation, licence: m.licence, since: m.since, elo: m.elo! }));
  return [...fromTables, ...DATASET_ONLY.filter((m) => m.since <= date && (!m.until || date <= m.until))];
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** One category of one publication, its models in rating order with their published rank. */
function publication(date: string, category: string): ArenaDatasetRow[] {
  const rows = ratedModels(date).map((m) => {
    // The tables' Elo on 2023-07-20 exactly; elsewhere a few points of drift, and a fraction, as the dataset's floats have.
    const drift = date === '2023-07-20' ? 0 : (hash(0, m.key, date) % 7) - 3 + (hash(1, m.key, date) % 1000) / 1000;
    const coding = category === 'coding' ? (hash(2, m.key) % 41) - 20 : 0;
    const rating = round(m.elo + drift + coding, 6);
    const votes = Math.round((300 + 45 * Math.max(0, daysBetween(m.since, date)) + (hash(3, m.key) % 100)) * (category === 'coding' ? 0.3 : 1));
    const half = Math.max(2, 600 / Math.sqrt(votes));
    return {
      model_name: m.key,
      organization: m.organisation,
      license: m.licence,
      rating,
      rating_lower: round(rating - half - (hash(4, m.key, date) % 100) / 100, 6),
      rating_upper: round(rating + half, 6),
      variance: round((half / 1.96) ** 2, 6),
      vote_count: votes,
      rank: 0,
      category,
      leaderboard_publish_date: date,
    };
  });
  rows.sort((a, b) => b.rating - a.rating || a.model_name.localeCompare(b.model_name));
  for (const r of rows) r.rank = 1 + rows.filter((o) => o.rating_lower > r.rating_upper).length;
  return rows;
}

/** The publication dates on or before `today`. */
export function arenaDates(today: string): string[] {
  return ARENA_DATES.filter((d) => d <= today);
}

/**
 * A split of a subset as stored: `full` every publication by `today`, `latest` the newest one;
 * grouped by category, then by date. Only `text` has rows.
 */
export function arenaSplitRows(subset: string, split: string, today: string): ArenaDatasetRow[] {
  if (subset !== 'text') return [];
  const dates = arenaDates(today);
  const chosen = split === 'latest' ? dates.slice(-1) : dates;
  return ARENA_CATEGORIES.flatMap((category) => chosen.flatMap((date) => publication(date, category)));
}
