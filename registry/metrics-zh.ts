// The metrics' words in Simplified Chinese: each family metric's title, unit,
// what it counts and each of its caveats (one per English caveat, in the same
// order), and each fact metric's title. The English is metrics.ts; the site and
// the reports read both from here, so the two always say the same.
//
// This folder imports nothing of the project (see metrics.ts).

import { factMetric, familyMetric, type FactMetric, type FamilyMetric } from './metrics.ts';

/** A family metric in words: its name, what it is counted in, what it counts, and what the numbers miss. */
export interface MetricText {
  title: string;
  unit: string;
  counts: string;
  caveats: readonly string[];
}

/** The registry's family metrics in Chinese (code in backticks, as the registry marks it). */
export const FAMILY_METRICS_ZH: Record<FamilyMetric, MetricText> = {
  projects: {
    title: 'GitHub 项目数',
    unit: '仓库',
    counts: '与各家族 GitHub 主搜索词（开源、闭源每侧一条）匹配的仓库数',
    caveats: [
      '一个家族的项目数，是 GitHub 搜索在仓库名称、描述和主题中，按该家族的主搜索词（目录中的第一条搜索）找到的仓库；若目录还列有另一侧的搜索（闭源家族的开放权重产品线，如 GPT 的 gpt-oss），再加上那一侧的第一条搜索：两者各计入自己的一侧，家族的数字把两者相加，因此同时匹配两条搜索的仓库在其中计两次。它统计的是提及，而非使用。',
      '搜索计数会漂移：GitHub 会重建索引，GitHub 报告结果不完整时，计数只是下限。过去日期的计数来自事后发起的 `created:<=DATE` 搜索，会漏掉此后被删除、设为私有或改名的仓库，因此过去的数字偏低，越往前偏低越多。',
      '某天没有快照时，由回填的计数代替；两者接近，但不是同一种测量。',
      '一个仓库可能同时匹配两个家族的搜索（同时用到 LLaMA 和 GPT-4 的项目，两边各计一次）。',
      '引用的参考数字来自出版物，所用的搜索并非目录的主搜索词：每个数字都画在其所属家族的序列旁，附上限定词（5,600+ 表示至少 5,600；推算和推断的日期都会注明）与来源，从不计入采集的计数，也不计入开源或闭源的合计。',
    ],
  },
  stars: {
    title: 'GitHub 星标',
    unit: '星标',
    counts: '各家族目录仓库当日持有的星标总数',
    caveats: [
      '一个家族的星标数，是目录中其各仓库某一天持有的星标之和（模型自身的仓库、其 SDK 的仓库，有些家族还包括围绕它的工具，如 llama.cpp；开源与闭源的对比数字按其说明的范围不计这些工具），而非当天新增的星标；某个仓库某天没有数值时，它不计入当天的合计，而不是按零计；但星标历史记下了每一个星标的仓库例外：它在第一个星标之前一无所有，那些天按零计。',
      '过去的数值来自星标历史，它统计的是保留下来的星标：某天加上、至今仍在的星标。此后撤回的星标不在其中，所以历史数据低估过去的总数；在抓取当天，它与采集的计数一致。',
    ],
  },
  downloads: {
    title: '软件包下载量',
    unit: '每日下载次数',
    counts: '各家族目录软件包在 npm 和 PyPI 上的每日下载次数',
    caveats: [
      '下载量是该家族各目录软件包某一天（UTC）在 npm 与 PyPI 上的下载次数之和：模型自身的软件包、其 SDK，有些家族还包括围绕它的运行时（开源与闭源的对比数字按其说明的范围不计这些运行时）。一天的数字要到 UTC 午夜之后才是最终值；工作日高于周末，请拿同类的日子比较。',
      '软件包下载量包括 CI 系统和镜像；它衡量的是安装，而非用户。PyPI 数字不含镜像（pypistats `mirrors=false`）。',
    ],
  },
  hf_downloads_30d: {
    title: 'Hugging Face 下载量（30 天窗口）',
    unit: '30 天下载次数',
    counts: '各家族模型在 Hugging Face 上滚动 30 天的下载次数',
    caveats: ['Hugging Face 下载量是快照当天报告的滚动 30 天窗口，既不是每日数字，也不是累计总数：不要把各天相加。Hugging Face 不保留历史，因此序列从第一次快照开始。'],
  },
  tokens: {
    title: '路由 Token 量（OpenRouter）',
    unit: '每日 Token 数',
    counts: '每天经 OpenRouter 路由到各家族模型的 Token 数（来源：OpenRouter，openrouter.ai/rankings，CC BY 4.0）',
    caveats: [
      '来源：OpenRouter（openrouter.ai/rankings），CC BY 4.0；每个数字保留 OpenRouter 给出的截至时间（命名查询 `openrouter_share` 连同出处一并返回）。',
      'OpenRouter 只是一家路由商的流量，不代表整个市场：发往厂商自家 API、云平台或自行部署的开放权重模型的请求都不经过它，而且它的用户偏向于试用多种模型的开发者。',
      '免费与促销模型会抬高数字：`:free` 变体，或发布首周免费提供的模型，可能带来大量调用，一旦收费就不会有；变体按自己的 slug 计数，归入其目录条目所指的家族。',
      '每天只有前 50 名模型单独列出；其余合为一行 `other`，作为长尾单独计数，不属于任何家族。跌出前 50 名的模型看上去就像停用了：它的 Token 转入长尾，因此模型进出前 50 名时，家族曲线会出现台阶。',
      'Token 数来自各服务商自己的分词器，一个模型的 Token 不等于另一个模型的 Token；OpenRouter 统计提示与补全 Token 之和，不含私有流量，并对部分模型的用户自带密钥（BYOK）流量设有上限。',
      '没有目录条目匹配的 slug 计为未知，从不丢弃，并由命名查询 `openrouter_unmapped` 列出。',
      '每个 slug 归入它匹配到的第一个目录条目所在的一侧：许可与其家族不同的模型系列有自己的条目（GPT 中的 gpt-oss、通义千问仅通过 API 提供的 Plus 与 Max、Mistral Medium 3.5 的开放权重），其余归入家族的默认一侧。因此厂商的新模型在目录为它单独列出之前，按其家族的默认一侧计算。',
    ],
  },
  derivatives: {
    title: 'Hugging Face 衍生模型',
    unit: '模型',
    counts: 'Hugging Face 上模型卡将该家族某个目录模型列为 base_model 的模型（微调、量化、适配器、合并）',
    caveats: [
      '衍生模型指模型卡将某个目录模型列为 `base_model` 的模型，按 Hub 的 `base_model` 标签计数：只计直接衍生（微调模型的量化版计入该微调模型，而非原模型），同时列出两个目录模型的也只计一次。其中包括废弃和重复的上传：统计的是人们构建了什么，而不是什么在被使用。',
      '只有公开权重的模型才有衍生模型：闭源模型天然没有，所以这是衡量开源模型的指标，而不是开源与闭源的份额。Hugging Face 不保留历史：序列从第一次快照开始。',
    ],
  },
  derivative_downloads_30d: {
    title: 'Hugging Face 衍生模型下载量（30 天窗口）',
    unit: '30 天下载次数',
    counts: '该家族直接衍生模型在 Hugging Face 上滚动 30 天下载次数之和',
    caveats: ['快照当天报告的滚动 30 天窗口，不是每日数字：不要把各天相加。没有下载数字的衍生模型按零计。'],
  },
};

/** A family metric in a language: the registry's words in English, their translation in Chinese. */
export function familyMetricText(id: FamilyMetric, lang: 'en' | 'zh'): MetricText {
  if (lang === 'zh') return FAMILY_METRICS_ZH[id];
  const m = familyMetric(id);
  return { title: m.title, unit: m.unit, counts: m.counts, caveats: m.caveats };
}

/** Each fact metric's title in Chinese (cited figures name the fact metric they were reported as). */
export const FACT_METRIC_TITLES_ZH: Record<FactMetric, string> = {
  github_projects: '各搜索词的 GitHub 项目数',
  github_projects_existing: '各搜索词的 GitHub 项目数（回填重建）',
  github_stars: '各仓库星标数',
  github_stars_retained: '各仓库星标数（据星标历史）',
  github_stars_gained: '每日新增星标',
  github_forks: '各仓库复刻数',
  github_watchers: '各仓库关注者',
  github_open_issues: '各仓库未关闭议题',
  hf_downloads_30d: 'Hugging Face 近 30 天下载量',
  hf_downloads_all_time: 'Hugging Face 累计下载量',
  hf_likes: 'Hugging Face 点赞数',
  hf_derivatives: 'Hugging Face 衍生模型（微调、量化、适配器、合并）',
  hf_derivative_downloads_30d: 'Hugging Face 衍生模型近 30 天下载量',
  npm_downloads: 'npm 每日下载量',
  pypi_downloads: 'PyPI 每日下载量',
  arena_models: '各类别的排行榜模型数',
  arena_best_rank: '各类别的排行榜最佳名次',
  arena_best_elo: '各类别的排行榜最高 Elo',
  arena_model_rank: '各模型的排行榜名次',
  arena_model_elo: '各模型的排行榜 Elo',
  arena_model_rating_lower: '各模型的排行榜评分（区间下端）',
  arena_model_rating_upper: '各模型的排行榜评分（区间上端）',
  arena_model_votes: '各模型的排行榜票数',
  openrouter_tokens: '各模型每日路由 token 量（OpenRouter）',
  downloads_reported_total: '报道的下载量（引用）',
};

/** A fact metric's title in a language; an id the registry does not know as it is. */
export function factMetricTitle(id: string, lang: 'en' | 'zh'): string {
  const m = factMetric(id);
  if (!m) return id;
  return lang === 'zh' ? FACT_METRIC_TITLES_ZH[m.id as FactMetric] : m.title;
}
