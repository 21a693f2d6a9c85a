// The sources' words in Simplified Chinese: each upstream API's name and what it
// serves (sources.ts gives the English; the type checks that none is missing),
// and how a collection run ended. The site and the reports read them from here.
//
// This folder imports nothing of the project (see metrics.ts).

import type { SOURCES } from './sources.ts';

/** The upstream APIs of sources.ts in Chinese, by their English name; endpoints in backticks, as code. */
export const SOURCE_APIS_ZH: Record<(typeof SOURCES)[number]['apis'][number]['name'], { name: string; what: string }> = {
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
export function sourceApiText(api: { name: string; what: string }, lang: 'en' | 'zh'): { name: string; what: string } {
  return (lang === 'zh' ? (SOURCE_APIS_ZH as Record<string, { name: string; what: string }>)[api.name] : undefined) ?? api;
}

/** How a collection run ended (the store's runs.status) in Chinese. */
export const RUN_STATUS_ZH: Readonly<Record<string, string>> = { ok: '成功', partial: '部分成功', failed: '失败', unreachable: '无法连接', skipped: '已跳过' };

/** A collection run's status in a language; a status without a word as it is. */
export function runStatusName(status: string, lang: 'en' | 'zh'): string {
  return (lang === 'zh' ? RUN_STATUS_ZH[status] : undefined) ?? status;
}
