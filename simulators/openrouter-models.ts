// Simulated OpenRouter traffic: tokens per model per UTC day, as its rankings count them.
// A fixed list of permaslugs as OpenRouter writes them (dated snapshots, `:free` variants, the
// 2026 forms of public model lists: qwen3.5-plus-02-15, qwen3.6-plus, mistral-medium-3.5),
// spread over the catalog's families and beyond them (labs no family names, a long tail of
// community fine-tunes), plus every exact slug the catalog names.
// More models than the 50 a day's ranking names, so the `other` row carries the rest.
// Each day is computed on its own from the seed: any range, in any order.

import type { Catalog } from '../collector/catalog.ts';
import { dayNumber, dayString } from './days.ts';
import { intBetween, pick, unit } from './random.ts';

/** The rankings name this many models a day; the rest are summed into one `other` row. */
export const OPENROUTER_TOP = 50;
/** The dataset begins on this day; earlier start dates are clamped forward to it. */
export const OPENROUTER_FIRST_DAY = '2025-01-01';

type Tier = 'big' | 'mid' | 'small' | 'tail' | 'community';

/** [permaslug, first day routed, tier, last day routed (retired)] */
const MODELS: [string, string, Tier, string?][] = [
  // closed
  ['anthropic/claude-3.5-sonnet-20240620', '2024-06-20', 'big', '2025-10-22'],
  ['anthropic/claude-3.7-sonnet-20250219', '2025-02-24', 'big'],
  ['anthropic/claude-sonnet-4-20250514', '2025-05-22', 'big'],
  ['anthropic/claude-sonnet-4.5-20250929', '2025-09-29', 'big'],
  ['anthropic/claude-opus-4.1-20250805', '2025-08-05', 'mid'],
  ['anthropic/claude-3.5-haiku-20241022', '2024-11-04', 'small'],
  ['openai/gpt-4o-2024-08-06', '2024-08-06', 'mid'],
  ['openai/gpt-4o-mini-2024-07-18', '2024-07-18', 'big'],
  ['openai/gpt-4.1-2025-04-14', '2025-04-14', 'mid'],
  ['openai/gpt-4.1-mini-2025-04-14', '2025-04-14', 'mid'],
  ['openai/gpt-5-2025-08-07', '2025-08-07', 'big'],
  ['openai/gpt-5-mini-2025-08-07', '2025-08-07', 'mid'],
  ['openai/o4-mini-2025-04-16', '2025-04-16', 'small'],
  ['google/gemini-2.0-flash-001', '2025-02-05', 'big', '2026-02-28'],
  ['google/gemini-2.5-flash', '2025-06-17', 'big'],
  ['google/gemini-2.5-pro', '2025-06-17', 'big'],
  ['google/gemini-2.5-flash-lite', '2025-07-22', 'mid'],
  ['qwen/qwen-plus-2025-07-28', '2025-07-28', 'small'],
  ['mistralai/mistral-medium-3', '2025-05-07', 'small'],
  ['x-ai/grok-3', '2025-04-09', 'mid'],
  ['x-ai/grok-4', '2025-07-09', 'mid'],
  ['x-ai/grok-code-fast-1', '2025-08-26', 'big'],
  ['x-ai/grok-4.1-fast', '2025-11-19', 'big'],
  ['anthropic/claude-opus-4.6', '2026-02-05', 'big'],
  ['openai/gpt-5.2', '2025-12-11', 'mid'],
  ['openai/gpt-5.4-mini', '2026-03-17', 'mid'],
  // the closed releases of late 2025 and 2026 (the catalog's dated releases), so the closed side is not only older models fading
  ['google/gemini-3-pro-preview', '2025-11-18', 'big'],
  ['anthropic/claude-opus-4.7', '2026-04-16', 'big'],
  ['openai/gpt-5.5', '2026-04-23', 'mid'],
  ['x-ai/grok-4.5', '2026-07-16', 'mid'],
  ['google/gemini-3.6-flash', '2026-07-21', 'mid'],
  ['anthropic/claude-opus-5', '2026-07-24', 'mid'],
  ['openai/gpt-6-astra', '2026-09-03', 'mid'],
  ['anthropic/claude-opus-5.5', '2026-09-22', 'mid'],
  ['openai/gpt-6-sol', '2026-09-22', 'mid'],
  ['anthropic/claude-sonnet-5.5', '2026-09-28', 'big'],
  ['anthropic/claude-haiku-5.5', '2026-10-07', 'mid'],
  ['google/gemini-4-carbon', '2026-11-10', 'mid'],
  // Qwen's Plus of 2026: API-only, though its family's checkpoints are open
  ['qwen/qwen3.5-plus-02-15', '2026-02-16', 'mid'],
  ['qwen/qwen3.6-plus', '2026-04-02', 'big'],
  ['qwen/qwen3.6-plus:free', '2026-04-02', 'big', '2026-05-03'],
  // open weights
  ['meta-llama/llama-3.3-70b-instruct', '2024-12-06', 'mid'],
  ['meta-llama/llama-3.3-70b-instruct:free', '2024-12-06', 'small'],
  ['meta-llama/llama-3.1-8b-instruct', '2024-07-23', 'small'],
  ['meta-llama/llama-4-maverick-17b-128e-instruct', '2025-04-05', 'mid'],
  ['deepseek/deepseek-r1', '2025-01-20', 'mid'],
  ['deepseek/deepseek-chat-v3-0324', '2025-03-24', 'big'],
  ['deepseek/deepseek-chat-v3-0324:free', '2025-03-24', 'big'],
  ['deepseek/deepseek-r1-0528:free', '2025-05-28', 'mid'],
  ['deepseek/deepseek-chat-v3.1', '2025-08-21', 'big'],
  ['qwen/qwen-2.5-72b-instruct', '2024-09-19', 'small'],
  ['qwen/qwen3-235b-a22b-04-28', '2025-04-28', 'mid'],
  ['qwen/qwen3-coder-480b-a35b-07-22', '2025-07-22', 'big'],
  ['google/gemma-3-27b-it', '2025-03-12', 'small'],
  ['mistralai/mistral-nemo', '2024-07-19', 'mid'],
  ['mistralai/mistral-small-3.2-24b-instruct-2506', '2025-06-20', 'small'],
  ['openai/gpt-oss-120b', '2025-08-05', 'big'],
  ['openai/gpt-oss-20b', '2025-08-05', 'small'],
  ['z-ai/glm-4.5', '2025-07-25', 'mid'],
  ['z-ai/glm-4.6', '2025-09-30', 'big'],
  ['thudm/glm-4-32b', '2025-04-17', 'small'],
  ['baidu/ernie-4.5-300b-a47b', '2025-06-30', 'small'],
  ['moonshotai/kimi-k2', '2025-07-11', 'mid'],
  ['moonshotai/kimi-k2.6', '2026-04-20', 'big'],
  // routed from its weights' day here (its API came ten days earlier): a licence of its own
  ['moonshotai/kimi-k3', '2026-07-27', 'big'],
  ['minimax/minimax-m1', '2025-06-17', 'small'],
  ['minimax/minimax-m2.5', '2026-02-12', 'mid'],
  // open weights under a non-commercial licence
  ['minimax/minimax-m2.7', '2026-04-13', 'mid'],
  ['nvidia/llama-3.1-nemotron-ultra-253b-v1', '2025-04-08', 'small'],
  ['microsoft/phi-4', '2025-01-10', 'small'],
  ['z-ai/glm-5', '2026-02-11', 'big'],
  ['z-ai/glm-5.1', '2026-04-07', 'mid'],
  ['qwen/qwen3.5-397b-a17b', '2026-02-16', 'mid'],
  ['deepseek/deepseek-v4-pro', '2026-04-24', 'big'],
  // the open releases that carried open models past closed ones on OpenRouter in 2026 (launch waves that hold a plateau)
  ['moonshotai/kimi-k2.5', '2026-01-27', 'big'],
  ['xiaomi/mimo-v2.5-pro', '2026-04-23', 'big'],
  ['deepseek/deepseek-v4-flash', '2026-04-24', 'big'],
  ['minimax/minimax-m3', '2026-06-01', 'big'],
  // open weights with a revenue threshold, in a family whose Medium was API-only
  ['mistralai/mistral-medium-3.5', '2026-04-29', 'small'],
  ['mistralai/devstral-2512', '2025-12-09', 'mid'],
  ['mistralai/devstral-2512:free', '2025-12-09', 'mid', '2026-01-27'],
  // Max and Large models with weights, unlike their predecessors: Qwen3.8's Max (weights 2026-08-12), Mistral Large 4 (weights 2026-10-29)
  ['qwen/qwen3.8-max', '2026-08-03', 'mid'],
  ['mistralai/mistral-large-2610', '2026-10-06', 'small'],
  // Xiaomi's MIT-licensed MiMo-V2-Flash, free on OpenRouter in its first weeks
  ['xiaomi/mimo-v2-flash', '2025-12-16', 'mid'],
  ['xiaomi/mimo-v2-flash:free', '2025-12-16', 'big', '2026-01-26'],
  // no catalog family: counted as unknown until the catalog names them
  ['amazon/nova-lite-v1', '2024-12-05', 'small'],
  ['cohere/command-r-plus-08-2024', '2024-08-30', 'tail'],
  ['inclusionai/ling-1t', '2025-10-09', 'small'],
  ['meituan/longcat-flash-chat', '2025-09-01', 'mid'],
  ['amazon/nova-2-lite-v1', '2025-12-02', 'mid'],
  ['bytedance-seed/seed-1.6', '2025-06-25', 'mid'],
  ['stepfun-ai/step-3', '2025-08-01', 'mid'],
  ['inception/mercury', '2025-06-26', 'mid'],
  // a community merge of DeepSeek's weights, free and among the most routed for months: no catalog family
  ['tngtech/deepseek-r1t2-chimera:free', '2025-07-08', 'big'],
  // the long tail: community fine-tunes and small labs, mostly summed into `other`
  ['nousresearch/hermes-3-llama-3.1-405b', '2024-08-16', 'tail'],
  ['sao10k/l3.3-euryale-70b', '2024-12-18', 'tail'],
  ['thedrummer/anubis-70b-v1.1', '2025-06-29', 'tail'],
  ['gryphe/mythomax-l2-13b', '2023-07-02', 'tail'],
  ['arcee-ai/virtuoso-large', '2025-05-05', 'tail'],
  ['liquid/lfm-40b', '2024-09-30', 'tail'],
  ['perplexity/sonar', '2025-01-27', 'tail'],
  ['ai21/jamba-1.6-large', '2025-03-13', 'tail'],
  ['allenai/olmo-2-0325-32b-instruct', '2025-03-14', 'tail'],
  ['tencent/hunyuan-a13b-instruct', '2025-07-08', 'tail'],
  ['bytedance/ui-tars-1.5-7b', '2025-07-23', 'tail'],
  ['inflection/inflection-3-pi', '2024-10-11', 'tail'],
  ['cognitivecomputations/dolphin-mixtral-8x22b', '2024-06-08', 'tail'],
  ['neversleep/llama-3.1-lumimaid-8b', '2024-07-29', 'tail'],
  ['eva-unit-01/eva-qwen-2.5-72b', '2024-11-22', 'tail'],
  ['aion-labs/aion-1.0', '2025-02-05', 'tail'],
  ['mancer/weaver', '2023-08-03', 'tail'],
  ['undi95/remm-slerp-l2-13b', '2023-07-22', 'tail'],
  ['alpindale/goliath-120b', '2023-11-10', 'tail'],
];

/** Weekday tokens around the reference day, per tier: [min, max]. */
const LEVELS: Record<Tier, [number, number]> = {
  big: [120_000_000_000, 450_000_000_000],
  mid: [25_000_000_000, 90_000_000_000],
  small: [3_000_000_000, 15_000_000_000],
  tail: [80_000_000, 900_000_000],
  community: [400_000_000, 5_000_000_000],
};

/** Community fine-tunes: the many models that make up OpenRouter's long tail (its `other` row is a tenth or more of a day). */
const COMMUNITY_VENDORS = ['nousresearch', 'sao10k', 'thedrummer', 'gryphe', 'arcee-ai', 'neversleep', 'eva-unit-01', 'anthracite-org', 'sophosympatheia', 'raifle', 'infermatic', 'pygmalionai', 'openchat', 'jondurbin', 'austism', 'undi95'];
const COMMUNITY_BASES = ['hermes', 'magnum', 'euryale', 'lumimaid', 'rocinante', 'unslopnemo', 'mythalion', 'noromaid', 'toppy', 'fimbulvetr', 'midnight-rose', 'airoboros', 'zephyr', 'chronos', 'psyfighter', 'lzlv'];
const COMMUNITY_SIZES = ['7b', '8b', '12b', '13b', '22b', '32b', '70b', '72b'];
const COMMUNITY_MODELS = 120;
const REFERENCE_DAY = dayNumber('2026-01-01');

export interface RoutedModel {
  slug: string;
  startDay: number;
  /** The last day it is routed; undefined while it is offered. */
  endDay: number | undefined;
  level: number;
}

export interface RankingRow {
  date: string;
  model_permaslug: string;
  /** Tokens (prompt + completion), as a decimal string. */
  total_tokens: string;
}

export interface OpenrouterWorld {
  readonly models: readonly RoutedModel[];
  /** Every routed model's tokens on a day (0 before it starts and after it retires); `fraction` of the day for an in-progress day. */
  tokens(model: RoutedModel, day: number, fraction?: number): number;
  /**
   * The day's ranking as the Data API lists it: the top 50 by tokens (ties by slug), then one
   * `other` row with the rest (none when nothing is left), zero rows omitted.
   */
  day(day: number, fraction?: number): RankingRow[];
}

export function createOpenrouterWorld(catalog: Pick<Catalog, 'families'>, seed: number): OpenrouterWorld {
  const rows = [...MODELS];
  for (let i = 0; rows.length < MODELS.length + COMMUNITY_MODELS; i++) {
    const slug = `${pick(COMMUNITY_VENDORS, seed, 'or-vendor', i)}/${pick(COMMUNITY_BASES, seed, 'or-base', i)}-${pick(COMMUNITY_SIZES, seed, 'or-size', i)}-v${1 + (i % 4)}`;
    if (rows.some(([s]) => s === slug)) continue;
    rows.push([slug, dayString(dayNumber('2024-06-01') + intBetween(0, 880, seed, 'or-community-start', i)), 'community']);
  }
  // Every exact slug the catalog names is offered too, from a day of its own.
  for (const f of catalog.families) {
    for (const entry of f.openrouter) {
      if (entry.startsWith('/') || rows.some(([slug]) => slug === entry)) continue;
      rows.push([entry, dayString(dayNumber('2025-01-01') + intBetween(0, 400, seed, 'or-start', entry)), 'small']);
    }
  }
  const models: RoutedModel[] = rows.map(([slug, first, tier, last]) => {
    const [min, max] = LEVELS[tier];
    return { slug, startDay: dayNumber(first), endDay: last ? dayNumber(last) : undefined, level: min + Math.floor(unit(seed, 'or-level', slug) * (max - min)) };
  });

  const tokens = (m: RoutedModel, day: number, fraction = 1): number => {
    if (day < m.startDay || (m.endDay !== undefined && day > m.endDay)) return 0;
    const age = day - m.startDay;
    const ramp = 1 - Math.exp(-(age + 1) / 12);
    // a model's share fades as newer ones arrive; the whole market grows
    const fade = Math.exp(-age / 420);
    const market = Math.exp((day - REFERENCE_DAY) / 480);
    const weekday = (day + 4) % 7; // 0 = Sunday
    const weekend = weekday === 0 || weekday === 6 ? 0.82 : 1;
    const noise = 0.85 + 0.3 * unit(seed, 'or-day', m.slug, day);
    return Math.max(0, Math.round(m.level * ramp * fade * market * weekend * noise * fraction));
  };

  return {
    models,
    tokens,
    day(day, fraction = 1) {
      const date = dayString(day);
      const ranked = models
        .map((m) => ({ slug: m.slug, n: tokens(m, day, fraction) }))
        .filter((r) => r.n > 0)
        .sort((a, b) => b.n - a.n || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
      const top = ranked.slice(0, OPENROUTER_TOP).map((r) => ({ date, model_permaslug: r.slug, total_tokens: String(r.n) }));
      const rest = ranked.slice(OPENROUTER_TOP).reduce((sum, r) => sum + r.n, 0);
      return rest > 0 ? [...top, { date, model_permaslug: 'other', total_tokens: String(rest) }] : top;
    },
  };
}
