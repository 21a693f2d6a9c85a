// The openness vocabulary, written once: the ladder every tracked subject sits on,
// the open/closed class each rung belongs to (with the class's colour on every
// chart), the subjects' kinds and modalities, the scopes that compare like with
// like, and the leaderboard's licence classes. Read by the catalog's schema, the
// store's dimension tables, the named queries, the charts' palette and the site.
//
// This folder imports nothing of the project (see metrics.ts).

/** Open and closed: the two sides every chart compares. */
export const OPENNESS_CLASSES = [
  // in Chinese 开源 / 闭源, as the press writes them
  { id: 'open', title: 'open', title_zh: '开源', colour: '#1f6fd1' },
  { id: 'closed', title: 'closed', title_zh: '闭源', colour: '#c2570c' },
] as const;
export type OpennessClass = (typeof OPENNESS_CLASSES)[number]['id'];

/**
 * The openness ladder. Every subject (a search, a repository, a model, a package)
 * carries one rung; a family's `openness` is the default for its subjects. Its
 * words: `title` in full, `short` in a few words (a label beside a name), `tiny`
 * where a phone has room for little more than the side (a table's column on 375 px).
 */
export const OPENNESS_LADDER = [
  { id: 'closed', title: 'closed (API only)', short: 'closed', tiny: 'closed', class: 'closed', title_zh: '闭源（仅 API）', short_zh: '闭源', tiny_zh: '闭源' },
  { id: 'open-weights-restricted', title: 'open weights, restricted licence', short: 'open weights (restricted)', tiny: 'open (restricted)', class: 'open', title_zh: '开放权重（限制性许可）', short_zh: '开放权重（限制性许可）', tiny_zh: '开放（限制性）' },
  { id: 'open-weights-osi', title: 'open weights, OSI-approved licence', short: 'open weights (OSI)', tiny: 'open (OSI)', class: 'open', title_zh: '开放权重（OSI 许可）', short_zh: '开放权重（OSI 许可）', tiny_zh: '开放（OSI）' },
  { id: 'open-source', title: 'open source (weights, code and training data)', short: 'open source', tiny: 'open source', class: 'open', title_zh: '完全开源（权重、代码与训练数据）', short_zh: '完全开源', tiny_zh: '完全开源' },
] as const satisfies readonly { id: string; title: string; short: string; tiny: string; class: OpennessClass; title_zh: string; short_zh: string; tiny_zh: string }[];
export type Openness = (typeof OPENNESS_LADDER)[number]['id'];
export const OPENNESS_IDS = OPENNESS_LADDER.map((o) => o.id) as [Openness, ...Openness[]];
/** The rung's class: everything above `closed` is open. */
export function opennessClass(openness: string): OpennessClass {
  return openness === 'closed' ? 'closed' : 'open';
}
/** Older catalogs wrote these; each is refused with the rung to write instead. */
export const RETIRED_OPENNESS: Readonly<Record<string, string>> = {
  'open-weights': 'open-weights-restricted (a licence with use restrictions, e.g. Llama, Gemma) or open-weights-osi (Apache-2.0, MIT)',
};

/** What a subject is: the model itself, the SDK of a (closed) model's API, generic tooling, or an application. */
export const SUBJECT_KINDS = [
  { id: 'model', title: 'model' },
  { id: 'sdk', title: 'model SDK' },
  { id: 'tooling', title: 'runtime / tooling' },
  { id: 'application', title: 'application' },
] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number]['id'];
export const SUBJECT_KIND_IDS = SUBJECT_KINDS.map((k) => k.id) as [SubjectKind, ...SubjectKind[]];

/** What a model produces: text (language models, including those that also read images), images, video, audio. */
export const MODALITIES = [
  { id: 'text', title: 'text' },
  { id: 'image', title: 'image' },
  { id: 'video', title: 'video' },
  { id: 'audio', title: 'audio' },
] as const;
export type Modality = (typeof MODALITIES)[number]['id'];
export const MODALITY_IDS = MODALITIES.map((m) => m.id) as [Modality, ...Modality[]];

/**
 * Like with like: which subjects an open-vs-closed figure adds. Every share and total
 * names its scope; the headline compares text models with text models.
 */
export const SCOPES = [
  {
    id: 'text_models',
    title: 'text models',
    title_zh: '文本模型',
    kinds: ['model', 'sdk'],
    modalities: ['text'],
    statement: 'Text models only: mentions and repositories of the models, their weights and their own SDKs; generic tooling and image models are counted in their own views.',
    statement_zh: '仅统计文本模型：模型的提及、仓库、权重及其自带 SDK；通用工具与图像模型另行统计。',
  },
  {
    id: 'image_models',
    title: 'image models',
    title_zh: '图像模型',
    kinds: ['model', 'sdk'],
    modalities: ['image'],
    statement: 'Image-generation models only.',
    statement_zh: '仅统计图像生成模型。',
  },
  {
    id: 'tooling',
    title: 'runtimes and tooling',
    title_zh: '运行时与工具',
    kinds: ['tooling', 'application'],
    modalities: ['text', 'image', 'video', 'audio'],
    statement: 'Generic runtimes, frameworks and applications that serve many models; not a model, so never in the model shares.',
    statement_zh: '服务多种模型的通用运行时、框架与应用；它们不是模型，不计入模型份额。',
  },
  {
    id: 'all',
    title: 'everything tracked',
    title_zh: '全部',
    kinds: ['model', 'sdk', 'tooling', 'application'],
    modalities: ['text', 'image', 'video', 'audio'],
    statement: 'Everything tracked: models of every modality, SDKs and tooling added together.',
    statement_zh: '全部追踪对象：各模态模型、SDK 与工具合计。',
  },
] as const satisfies readonly { id: string; title: string; title_zh: string; kinds: readonly SubjectKind[]; modalities: readonly Modality[]; statement: string; statement_zh: string }[];
export type Scope = (typeof SCOPES)[number]['id'];
export const SCOPE_IDS = SCOPES.map((s) => s.id) as [Scope, ...Scope[]];
/** The scope of the headline open-vs-closed figures. */
export const HEADLINE_SCOPE: Scope = 'text_models';
export function scope(id: Scope): (typeof SCOPES)[number] {
  return SCOPES.find((s) => s.id === id)!;
}

/**
 * What the site and reports show per leaderboard table (leaderboard_openness's `class` column), with the open/closed class that colours it.
 * In Chinese 闭源 for proprietary (the Arena's "Proprietary"), as the classes are written elsewhere.
 */
export const LEADERBOARD_GROUPS = [
  { id: 'closed', title: 'proprietary', title_zh: '闭源', class: 'closed' },
  { id: 'open_noncommercial', title: 'open, non-commercial', title_zh: '开源（非商用）', class: 'open' },
  { id: 'open', title: 'open', title_zh: '开源', class: 'open' },
  { id: 'unknown', title: 'unknown licence', title_zh: '许可未知', class: null },
] as const satisfies readonly { id: string; title: string; title_zh: string; class: OpennessClass | null }[];
export type LeaderboardGroup = (typeof LEADERBOARD_GROUPS)[number]['id'];

/**
 * Leaderboard licence classes: a rung of the openness ladder plus whether the licence
 * forbids commercial use, or `unknown` for a `License` string no class of the catalog's
 * leaderboard_licences takes (stored and shown as its own class, never dropped). Only
 * the restricted rung has a non-commercial class: an OSI-approved or open-source licence
 * cannot forbid commercial use, and a closed model has no licence to use it under.
 * `group` is how the site and reports show a class: the three the 2023 figures are
 * phrased in (proprietary, open non-commercial, open) plus unknown; the query
 * leaderboard_openness derives it from the id (rung, "-noncommercial" suffix).
 */
export const LEADERBOARD_CLASSES = [
  // in Chinese 专有许可 where the finer classes name the licence (the groups say 闭源)
  { id: 'closed', rung: 'closed', noncommercial: false, title: 'proprietary', title_zh: '专有许可', group: 'closed' },
  { id: 'open-weights-restricted-noncommercial', rung: 'open-weights-restricted', noncommercial: true, title: 'open weights, non-commercial licence', title_zh: '开放权重（非商用许可）', group: 'open_noncommercial' },
  { id: 'open-weights-restricted', rung: 'open-weights-restricted', noncommercial: false, title: 'open weights, restricted licence', title_zh: '开放权重（限制性许可）', group: 'open' },
  { id: 'open-weights-osi', rung: 'open-weights-osi', noncommercial: false, title: 'open weights, OSI-approved licence', title_zh: '开放权重（OSI 许可）', group: 'open' },
  { id: 'open-source', rung: 'open-source', noncommercial: false, title: 'open source', title_zh: '完全开源', group: 'open' },
  { id: 'unknown', rung: null, noncommercial: false, title: 'unknown licence', title_zh: '许可未知', group: 'unknown' },
] as const satisfies readonly { id: string; rung: Openness | null; noncommercial: boolean; title: string; title_zh: string; group: LeaderboardGroup }[];
export type LeaderboardClass = (typeof LEADERBOARD_CLASSES)[number]['id'];
