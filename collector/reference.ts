// Public figures reported before OpenPulse existed. They are facts of their own
// source ("reference"), each belonging to its subject and family, so a
// collection (another source) never overwrites them and charts draw them beside
// that family's own series, never as an open/closed class total.
//
// Each figure keeps, in its detail, what the source actually said: its
// qualifier ("5,600+" is at least 5,600), how a derived value was worked out,
// whether its date is stated or inferred (and from which words), and the
// source itself (URL, title, publisher, publication date, language). A URL that
// could not be verified is null, with a note saying so, never a guess.

import type { Observation } from './observation.ts';

/** How a cited value relates to the true one. */
export type Qualifier = 'exact' | 'at least' | 'about' | 'derived';
/** Whether the day a figure describes was stated by the source or inferred from its words. */
export type DateBasis = 'stated' | 'inferred';

export interface ReferenceSource {
  /** The page, or null when it could not be verified (see note). */
  url: string | null;
  title: string;
  publisher: string;
  /** YYYY-MM-DD, or YYYY-MM when only the month is known. */
  published: string;
  language: string;
  note?: string;
}

/** The provenance every reference figure carries in its detail. */
export interface ReferenceProvenance {
  qualifier: Qualifier;
  /** How a derived value was worked out, e.g. "32,000 − 3,000". */
  derivation?: string;
  date_basis: DateBasis;
  /** For an inferred date: the source's words it was inferred from. */
  date_inferred_from?: string;
  /** The source's own words for the figure. */
  quoted?: string;
  source: ReferenceSource;
  note?: string;
  scope?: string;
}

const HUXIU_2023: ReferenceSource = {
  url: null,
  title: 'Huxiu (虎嗅) article on open vs closed LLM adoption on GitHub after the Llama 2 release',
  publisher: 'Huxiu (虎嗅)',
  published: '2023-08',
  language: 'zh',
  note: 'URL not verified: the article could not be found in the sources searched; its exact title and day are unknown.',
};

const LMSYS_2023: ReferenceSource = {
  url: 'https://lmsys.org/blog/2023-07-20-dataset/',
  title: 'Chatbot Arena Conversation Dataset Release (updated leaderboard, hosted at huggingface.co/spaces/lmsys/chatbot-arena-leaderboard)',
  publisher: 'LMSYS Org',
  published: '2023-07-20',
  language: 'en',
};

const citationOf = (s: ReferenceSource) => `${s.publisher}, ${s.published}: ${s.title}`;

/** Early August 2023: the article's second reading, "two weeks later" than 2023-07-19. */
const EARLY_AUGUST_2023 = '2023-08-02';
const TWO_WEEKS_LATER = 'two weeks later (than 2023-07-19)';

function figure(
  o: Omit<Observation, 'source' | 'citation' | 'detail'>,
  provenance: ReferenceProvenance,
): Observation {
  return { source: 'reference', ...o, citation: citationOf(provenance.source), detail: { ...provenance } as Record<string, unknown> };
}

const huxiu = (p: Omit<ReferenceProvenance, 'source'>): ReferenceProvenance => ({ ...p, source: HUXIU_2023 });
const lmsys = (p: Omit<ReferenceProvenance, 'source' | 'date_basis'>): ReferenceProvenance => ({ date_basis: 'stated', ...p, source: LMSYS_2023 });

export const REFERENCE_FIGURES: readonly Observation[] = [
  // "LLaMA has 5,600+ GitHub projects, GPT-4 4,100+" then "6,200+" and "4,400+" two weeks later.
  figure({ subject: 'search:LLaMA', family: 'llama', metric: 'github_projects', observed_at: '2023-07-19', value: 5600 }, huxiu({ qualifier: 'at least', quoted: '5,600+', date_basis: 'stated' })),
  figure({ subject: 'search:LLaMA', family: 'llama', metric: 'github_projects', observed_at: EARLY_AUGUST_2023, value: 6200 }, huxiu({ qualifier: 'at least', quoted: '6,200+', date_basis: 'inferred', date_inferred_from: TWO_WEEKS_LATER })),
  figure({ subject: 'search:GPT-4', family: 'gpt', metric: 'github_projects', observed_at: '2023-07-19', value: 4100 }, huxiu({ qualifier: 'at least', quoted: '4,100+', date_basis: 'stated' })),
  figure({ subject: 'search:GPT-4', family: 'gpt', metric: 'github_projects', observed_at: EARLY_AUGUST_2023, value: 4400 }, huxiu({ qualifier: 'at least', quoted: '4,400+', date_basis: 'inferred', date_inferred_from: TWO_WEEKS_LATER })),
  // "ChatGLM-6B has 32,000 stars, about 3,000 more than LLaMA's repository; over 4 million downloads worldwide."
  figure({ subject: 'repo:THUDM/ChatGLM-6B', family: 'chatglm', metric: 'github_stars', observed_at: EARLY_AUGUST_2023, value: 32000 }, huxiu({ qualifier: 'exact', quoted: '32,000', date_basis: 'inferred', date_inferred_from: 'the article of August 2023 gives no day; taken as its second reading, two weeks after 2023-07-19' })),
  figure({ subject: 'repo:facebookresearch/llama', family: 'llama', metric: 'github_stars', observed_at: EARLY_AUGUST_2023, value: 29000 }, huxiu({ qualifier: 'derived', derivation: '32,000 − 3,000', quoted: "about 3,000 fewer than ChatGLM-6B's", note: 'not stated by the source: worked out from ChatGLM-6B\'s 32,000 and "about 3,000" more', date_basis: 'inferred', date_inferred_from: 'the article of August 2023 gives no day; taken as its second reading, two weeks after 2023-07-19' })),
  figure({ subject: 'downloads:ChatGLM-6B', family: 'chatglm', metric: 'downloads_reported_total', observed_at: EARLY_AUGUST_2023, value: 4_000_000 }, huxiu({ qualifier: 'at least', quoted: '4M+', scope: 'worldwide, all channels', date_basis: 'inferred', date_inferred_from: 'the article of August 2023 gives no day; taken as its second reading, two weeks after 2023-07-19' })),
  // Arena 2023-07-20: top five proprietary; of the 35 below, all but PaLM-Chat-Bison-001 open (34), 15 of them non-commercial.
  figure({ subject: 'arena:closed', family: '', metric: 'arena_models', observed_at: '2023-07-20', value: 6 }, lmsys({ qualifier: 'exact', note: 'GPT-4, GPT-3.5-turbo, three Claude models, PaLM-Chat-Bison-001' })),
  figure({ subject: 'arena:open_noncommercial', family: '', metric: 'arena_models', observed_at: '2023-07-20', value: 15 }, lmsys({ qualifier: 'exact' })),
  figure({ subject: 'arena:open', family: '', metric: 'arena_models', observed_at: '2023-07-20', value: 19 }, lmsys({ qualifier: 'exact' })),
  figure({ subject: 'arena:closed', family: '', metric: 'arena_best_rank', observed_at: '2023-07-20', value: 1 }, lmsys({ qualifier: 'exact' })),
  figure({ subject: 'arena:open_noncommercial', family: '', metric: 'arena_best_rank', observed_at: '2023-07-20', value: 6 }, lmsys({ qualifier: 'exact', note: 'best open model ranked sixth, below the five proprietary ones' })),
];
