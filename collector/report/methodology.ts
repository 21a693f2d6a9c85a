// What each metric in a report means and what it misses, and how each source is
// collected, in words from the registries (in English or Chinese). A report is handed to readers: it
// names no file of the repository (the collectors' own notes are for developers).

import { FAMILY_METRICS, type FamilyMetric } from '../../registry/metrics.ts';
import { SOURCES, type SourceEntry } from '../../registry/sources.ts';
import { sourceApiText } from '../../registry/sources-zh.ts';
import type { Lang } from './words.ts';

/** What each family-level metric misses: the registry's caveats. */
export const METRIC_NOTES: Record<FamilyMetric, readonly string[]> = Object.fromEntries(FAMILY_METRICS.map((m): [string, readonly string[]] => [m.id, m.caveats])) as Record<FamilyMetric, readonly string[]>;

/** The upstream APIs behind the facts, one row each, from the sources' registry. */
export const DATA_SOURCES: { name: string; what: string; url: string; sources: string[] }[] = SOURCES.flatMap((s) => s.apis.map((api) => ({ ...api, sources: [s.name] })));

/** One collected source in a sentence: what it reads, how often, and what a missed collection costs. */
export function collectionNote(source: SourceEntry, lang: Lang = 'en'): string {
  if (lang === 'zh') {
    const every = source.scheduleDays === 1 ? '每天' : `每 ${source.scheduleDays} 天`;
    const history =
      source.historyDays === null
        ? '上游保留过去的数据，错过的采集可以事后补上'
        : source.historyDays === 0
          ? '上游不保留历史，没有采集的那一天就永久丢失了'
          : `上游只提供最近 ${source.historyDays} 天的数据，错过更久的日子就会丢失`;
    // "GitHub 搜索与 GitHub 仓库": a space between a Chinese word and a Latin one
    const names = source.apis.map((a) => sourceApiText(a, 'zh').name).reduce((all, name) => (all ? `${all}与${/^[A-Za-z0-9]/.test(name) ? ' ' : ''}${name}` : name), '');
    return `${names}：${every}采集；${history}。`;
  }
  const every = source.scheduleDays === 1 ? 'every day' : `every ${source.scheduleDays} days`;
  const history =
    source.historyDays === null
      ? 'the upstream keeps its past data, so a missed collection can be made up later'
      : source.historyDays === 0
        ? 'the upstream keeps no history, so a day not collected is lost for good'
        : `the upstream answers for the last ${source.historyDays} days only, so a day missed for longer is lost`;
  return `${source.apis.map((a) => a.name).join(' and ')}: collected ${every}; ${history}.`;
}

/** How each collected source is collected, one sentence each, in the registry's order. */
export function collectionNotes(lang: Lang = 'en'): string[] {
  return (SOURCES as readonly SourceEntry[]).filter((s) => s.scheduleDays !== null).map((s) => collectionNote(s, lang));
}
