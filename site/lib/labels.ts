// The site's words for catalog values. Numbers are written by charts/format.ts.

import { LEADERBOARD_CLASSES, LEADERBOARD_GROUPS, OPENNESS_CLASSES, OPENNESS_LADDER, SCOPES } from '../../registry/openness.ts';
import { SOURCES } from '../../registry/sources.ts';
import type { Lang } from './i18n.ts';

/** A rung of the openness ladder in a few words ("open weights (OSI)"), or a class ("open", "closed"): the registry's `short` and class titles. */
export const OPENNESS_LABELS: Readonly<Record<string, string>> = Object.fromEntries([
  ...OPENNESS_CLASSES.map((c) => [c.id, c.title] as const),
  ...OPENNESS_LADDER.map((o) => [o.id, o.short] as const),
]);

/** The same in Chinese: 开源 / 闭源 for the classes (as the press writes them), the rungs as precisely as in English. */
const OPENNESS_LABELS_ZH: Readonly<Record<string, string>> = {
  open: '开源',
  closed: '闭源',
  'open-weights-restricted': '开放权重（限制性许可）',
  'open-weights-osi': '开放权重（OSI 许可）',
  'open-source': '完全开源',
} satisfies Record<(typeof OPENNESS_CLASSES)[number]['id'] | (typeof OPENNESS_LADDER)[number]['id'], string>;

/** A rung or class in a few words, in a language; an unknown id as it is. */
export function opennessLabel(id: string, lang: Lang): string {
  return (lang === 'zh' ? OPENNESS_LABELS_ZH[id] : OPENNESS_LABELS[id]) ?? id;
}

/**
 * The leaderboard's licence classes and groups (registry/openness.ts) in Chinese: 闭源 for the
 * groups (the Arena's "Proprietary"), 专有许可 where the finer classes name the licence.
 */
const LEADERBOARD_CLASS_NAMES_ZH = {
  groups: { closed: '闭源', open_noncommercial: '开源（非商用）', open: '开源', unknown: '许可未知' },
  classes: {
    closed: '专有许可',
    'open-weights-restricted-noncommercial': '开放权重（非商用许可）',
    'open-weights-restricted': '开放权重（限制性许可）',
    'open-weights-osi': '开放权重（OSI 许可）',
    'open-source': '完全开源',
    unknown: '许可未知',
  },
} satisfies { groups: Record<(typeof LEADERBOARD_GROUPS)[number]['id'], string>; classes: Record<(typeof LEADERBOARD_CLASSES)[number]['id'], string> };

/** A leaderboard group ("open, non-commercial") or licence class in a language: the groups' words where an id is both. */
export function leaderboardClassName(id: string, lang: Lang): string {
  const group = LEADERBOARD_GROUPS.find((g) => g.id === id);
  if (group) return lang === 'zh' ? LEADERBOARD_CLASS_NAMES_ZH.groups[group.id] : group.title;
  const cls = LEADERBOARD_CLASSES.find((c) => c.id === id);
  if (cls) return lang === 'zh' ? LEADERBOARD_CLASS_NAMES_ZH.classes[cls.id] : cls.title;
  return id;
}

/**
 * What an open-vs-closed figure adds, in the registry's words ("Text models only: …"), for
 * the scope a query ran with (its `scope` parameter as the snapshot records it).
 */
export function scopeStatement(scope: unknown, lang: Lang = 'en'): string {
  const found = SCOPES.find((s) => s.id === scope);
  return (lang === 'zh' ? found?.statement_zh : found?.statement) ?? '';
}

export const REGION_NAMES: Record<string, string> = { US: 'United States', CN: 'China', EU: 'European Union', AE: 'United Arab Emirates', GB: 'United Kingdom', FR: 'France' };
const REGION_NAMES_ZH: Record<string, string> = { US: '美国', CN: '中国', EU: '欧盟', AE: '阿联酋', GB: '英国', FR: '法国' };

/** A family's origin region (the catalog's code) in a language; a code without a name as it is. */
export function regionName(code: string, lang: Lang): string {
  return (lang === 'zh' ? REGION_NAMES_ZH[code] : REGION_NAMES[code]) ?? code;
}

/** A family's name in a language: the catalog's Chinese name where it has one, else its own name. */
export function familyName(f: { name: string; name_zh?: string }, lang: Lang): string {
  return lang === 'zh' && f.name_zh ? f.name_zh : f.name;
}

/** A family's vendor in a language. */
export function vendorName(f: { vendor: string; vendor_zh?: string }, lang: Lang): string {
  return lang === 'zh' && f.vendor_zh ? f.vendor_zh : f.vendor;
}

/** The upstream APIs of registry/sources.ts in Chinese, by their English name (the type checks that none is missing); endpoints in backticks, as code. */
const SOURCE_APIS_ZH: Record<(typeof SOURCES)[number]['apis'][number]['name'], { name: string; what: string }> = {
  'GitHub search': { name: 'GitHub 搜索', what: '按目录中每条查询统计的仓库数（REST `/search/repositories`，GraphQL `search`）' },
  'GitHub repositories': { name: 'GitHub 仓库', what: '星标、复刻、关注者、未关闭的 issue（GraphQL），星标历史（`/stargazers/history`）' },
  'Hugging Face Hub': { name: 'Hugging Face Hub', what: '模型的 30 天与累计下载量、点赞数（`/api/models`）' },
  npm: { name: 'npm', what: '软件包每日下载量（`api.npmjs.org/downloads/range`）' },
  PyPI: { name: 'PyPI', what: '不含镜像的软件包每日下载量（pypistats.org）' },
  'LMSYS / LMArena leaderboard': { name: 'LMSYS / LMArena 排行榜', what: '每张表中各许可类别的模型数、最佳名次与 Elo' },
  'LMArena leaderboard dataset (Hugging Face)': {
    name: 'LMArena 排行榜数据集（Hugging Face）',
    what: '历次发布的每一期排行榜，按发布日期与类别：每个模型的名次、评分及其区间、票数、机构与许可（`lmarena-ai/leaderboard-dataset`，通过数据集查看器的 `/filter` 以 JSON 读取），CC BY 4.0',
  },
  'OpenRouter Data API (rankings-daily)': {
    name: 'OpenRouter 数据 API（rankings-daily）',
    what: '每天经 OpenRouter 路由到每个模型的 Token 数：前 50 名模型各一行，其余合为一行（`/api/v1/datasets/rankings-daily`），CC BY 4.0，“来源：OpenRouter（openrouter.ai/rankings）”',
  },
  'Cited reference figures': { name: '引用的参考数字', what: 'OpenPulse 出现之前已被报道的数字，各附出处' },
};

/** An upstream API's name and what it serves, in a language. */
export function sourceApiText(api: { name: string; what: string }, lang: Lang): { name: string; what: string } {
  return (lang === 'zh' ? (SOURCE_APIS_ZH as Record<string, { name: string; what: string }>)[api.name] : undefined) ?? api;
}

/** A collection run's status (collector/run.ts) in a language. */
export function runStatusName(status: string, lang: Lang): string {
  const zh: Record<string, string> = { ok: '成功', partial: '部分成功', failed: '失败', unreachable: '无法连接', skipped: '已跳过' };
  return (lang === 'zh' ? zh[status] : undefined) ?? status;
}

