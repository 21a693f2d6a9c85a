// The openness vocabulary, written once: a catalog family's openness, the
// open/closed class it belongs to (with the class's colour on every chart), and
// the leaderboard's licence classes. Read by the catalog's schema, the charts'
// palette and the site's labels.
//
// This folder imports nothing of the project (see metrics.ts).

/** Open and closed: the two sides every chart compares. */
export const OPENNESS_CLASSES = [
  { id: 'open', title: 'open', colour: '#1f6fd1' },
  { id: 'closed', title: 'closed', colour: '#c2570c' },
] as const;
export type OpennessClass = (typeof OPENNESS_CLASSES)[number]['id'];

/** A catalog family's openness, and its class (families.is_open in the store). */
export const FAMILY_OPENNESS = [
  { id: 'open-weights', title: 'open weights', class: 'open' },
  { id: 'open-source', title: 'open source', class: 'open' },
  { id: 'closed', title: 'closed', class: 'closed' },
] as const satisfies readonly { id: string; title: string; class: OpennessClass }[];
export type FamilyOpenness = (typeof FAMILY_OPENNESS)[number]['id'];
export const FAMILY_OPENNESS_IDS = FAMILY_OPENNESS.map((o) => o.id) as [FamilyOpenness, ...FamilyOpenness[]];

/** Leaderboard licence classes (the catalog maps each licence to one), with their names on the site. */
export const LEADERBOARD_CLASSES = [
  { id: 'closed', title: 'proprietary', class: 'closed' },
  { id: 'open_noncommercial', title: 'open, non-commercial', class: 'open' },
  { id: 'open', title: 'open', class: 'open' },
] as const satisfies readonly { id: string; title: string; class: OpennessClass }[];
export type LeaderboardClass = (typeof LEADERBOARD_CLASSES)[number]['id'];
