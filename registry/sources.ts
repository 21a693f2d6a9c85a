// The sources' vocabulary, written once: each upstream a collector reads (and
// the cited reference figures), with how often it is collected, the API it
// reads and its documentation, and the subject prefixes of its facts. The CLI's
// help, the report's data-source table, the site's freshness banner and the
// import check read it; collector/sources/index.ts has one implementation per
// collected entry (test/unit/registry.test.ts checks both ways).
//
// This folder imports nothing of the project (see metrics.ts).

export interface SourceEntry {
  name: string;
  /** Days between two collections; null for sources that are never collected (reference). */
  scheduleDays: number | null;
  /**
   * How many days back the upstream answers: null when as far as it has data, 0 when it keeps
   * no history (a day not collected is lost for good). The scheduler catches a source up
   * before its window closes and says loudly when a day was lost.
   */
  historyDays: number | null;
  /** The upstream APIs, for the report's data-source table. */
  apis: readonly { name: string; what: string; url: string }[];
  /** Subject prefixes of its facts (search:…, repo:…). */
  subjects: readonly string[];
  /** What `openpulse backfill` accepts for it, or none. */
  backfill: readonly string[];
}

export const SOURCES = [
  {
    name: 'github',
    scheduleDays: 1,
    // search counts and star history reach back as far as GitHub has data
    historyDays: null,
    apis: [
      { name: 'GitHub search', what: 'repository counts per catalog query (REST /search/repositories, GraphQL search)', url: 'https://docs.github.com/en/rest/search/search' },
      { name: 'GitHub repositories', what: 'stars, forks, watchers, open issues (GraphQL), star history (/stargazers/history)', url: 'https://docs.github.com/en/rest/repos' },
    ],
    subjects: ['search', 'repo'],
    backfill: ['github-counts', 'github-stars'],
  },
  {
    name: 'huggingface',
    scheduleDays: 1,
    // the Hub keeps no history: a day without a snapshot is lost for good
    historyDays: 0,
    apis: [{ name: 'Hugging Face Hub', what: '30-day and all-time model downloads, likes (/api/models)', url: 'https://huggingface.co/docs/hub/api' }],
    subjects: ['hf'],
    backfill: [],
  },
  {
    name: 'npm',
    scheduleDays: 1,
    // the downloads API answers the last 18 months
    historyDays: 540,
    apis: [{ name: 'npm', what: 'daily package downloads (api.npmjs.org/downloads/range)', url: 'https://github.com/npm/registry/blob/main/docs/download-counts.md' }],
    subjects: ['npm'],
    backfill: ['npm'],
  },
  {
    name: 'pypi',
    scheduleDays: 1,
    // pypistats keeps 180 days
    historyDays: 180,
    apis: [{ name: 'PyPI', what: 'daily package downloads without mirrors (pypistats.org)', url: 'https://pypistats.org/api/' }],
    subjects: ['pypi'],
    backfill: ['pypi'],
  },
  {
    name: 'leaderboard',
    // tables are published about monthly
    scheduleDays: 30,
    // every published table stays published
    historyDays: null,
    apis: [{ name: 'LMSYS / LMArena leaderboard', what: 'models per licence class, best rank and Elo per table', url: 'https://huggingface.co/spaces/lmarena-ai/chatbot-arena-leaderboard' }],
    subjects: ['arena', 'arena-model'],
    backfill: [],
  },
  {
    name: 'arena',
    // the Arena publishes about weekly; a run asks only for publications newer than the last one stored
    scheduleDays: 7,
    // every publication stays in the dataset
    historyDays: null,
    apis: [
      {
        name: 'LMArena leaderboard dataset (Hugging Face)',
        what: 'every published leaderboard, per publication date and category: each model\'s rank, rating with its interval, votes, organisation and licence (lmarena-ai/leaderboard-dataset, read as JSON through the dataset viewer\'s /filter), CC BY 4.0',
        url: 'https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset',
      },
    ],
    subjects: ['arena-model'],
    backfill: [],
  },
  {
    name: 'openrouter',
    // the rankings are daily; a run re-reads the last days, which OpenRouter may restate
    scheduleDays: 1,
    // see its methodology
    historyDays: null,
    apis: [
      {
        name: 'OpenRouter Data API (rankings-daily)',
        what: 'tokens per model per day routed through OpenRouter: the top 50 models and one row for the rest (/api/v1/datasets/rankings-daily), CC BY 4.0, "Source: OpenRouter (openrouter.ai/rankings)"',
        url: 'https://openrouter.ai/docs/cookbook/administration/data-api',
      },
    ],
    subjects: ['openrouter'],
    backfill: ['openrouter'],
  },
  {
    name: 'reference',
    scheduleDays: null,
    // cited figures
    historyDays: null,
    apis: [{ name: 'Cited reference figures', what: 'figures reported before OpenPulse existed, each with its citation', url: '' }],
    subjects: ['search', 'repo', 'arena', 'downloads'],
    backfill: [],
  },
] as const satisfies readonly SourceEntry[];

export type SourceName = (typeof SOURCES)[number]['name'];
export const SOURCE_NAMES: readonly SourceName[] = SOURCES.map((s) => s.name);

/** The sources a collection run calls (all but the cited reference figures). */
export type CollectedSourceName = Exclude<SourceName, 'reference'>;
export const COLLECTED_SOURCE_NAMES: readonly CollectedSourceName[] = SOURCE_NAMES.filter((s): s is CollectedSourceName => s !== 'reference');

/** Everything `openpulse backfill` accepts, e.g. github-counts, npm. */
export const BACKFILL_TARGETS: readonly string[] = SOURCES.flatMap((s) => s.backfill);

/** Days between two collections of each collected source (the site's stale banner). */
export const SOURCE_SCHEDULE_DAYS: Record<string, number> = Object.fromEntries(
  SOURCES.flatMap((s) => (s.scheduleDays === null ? [] : [[s.name, s.scheduleDays] as const])),
);

/** Every subject prefix a fact may carry. */
export const SUBJECT_PREFIXES: readonly string[] = [...new Set(SOURCES.flatMap((s) => s.subjects))];
