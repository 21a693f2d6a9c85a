// LMSYS / LMArena leaderboard tables by date. The roster is real model names with
// approximate published scores; the table for 2023-07-20 matches the publicly reported
// facts (40 models; top five by Arena Elo all proprietary; of the other 35 only
// PaLM-Chat-Bison-001 proprietary, 34 open of which 15 non-commercial). Column layout
// drifts exactly as the real files did: 2023 files carry Arena Elo, 2024+ files a key
// and the organisation, and from March 2024 a knowledge cutoff date. The 2024+ tables
// carry the real files' quirks too: licences spelt several ways ("Apache-2.0", "Llama-3.3",
// "Llama 3.1" without "Community"), the "Propretary" typo on Claude 3.5 Haiku, two
// entries with one display name and different keys, and from 2025 one key listed twice.

import { hash } from './random.ts';

interface LeaderboardModel {
  name: string;
  /** The 2024+ tables' key, when it is not the name lower-cased. */
  key?: string;
  since: string;
  licence: string;
  organisation: string;
  mtBench: number | null;
  mmlu: number | null;
  elo: number | null;
  cutoff: string;
  link: string;
}

function m(name: string, since: string, licence: string, organisation: string, mtBench: number | null, mmlu: number | null, elo: number | null, cutoff = '-', link = ''): LeaderboardModel {
  return { name, since, licence, organisation, mtBench, mmlu, elo, cutoff, link: link || `https://huggingface.co/${organisation.replace(/\s+/g, '')}/${name}` };
}

const NC = 'Non-commercial';
const NC_SA = 'CC-BY-NC-SA-4.0';
const P = 'Proprietary';

const ROSTER: LeaderboardModel[] = [
  // Proprietary models of mid 2023.
  m('GPT-4', '2023-05-03', P, 'OpenAI', 8.99, 86.4, 1206, '2021/9', 'https://openai.com/research/gpt-4'),
  m('Claude-1', '2023-05-03', P, 'Anthropic', 7.9, 77.0, 1166, '-', 'https://www.anthropic.com/index/introducing-claude'),
  m('Claude-instant-1', '2023-05-03', P, 'Anthropic', 7.85, 73.4, 1138, '-', 'https://www.anthropic.com/index/introducing-claude'),
  m('GPT-3.5-turbo', '2023-05-03', P, 'OpenAI', 7.94, 70.0, 1130, '2021/9', 'https://openai.com/blog/chatgpt'),
  m('Claude-2', '2023-07-11', P, 'Anthropic', 8.06, 78.5, 1124, '-', 'https://www.anthropic.com/index/claude-2'),
  m('PaLM-Chat-Bison-001', '2023-05-25', P, 'Google', 6.4, null, 1003, '2021/6', 'https://cloud.google.com/vertex-ai/docs/release-notes#May_10_2023'),
  // Open, non-commercial (LLaMA-1 derivatives and NC-licensed data).
  m('Vicuna-33B', '2023-06-22', NC, 'LMSYS', 7.12, 59.2, 1096, '-', 'https://huggingface.co/lmsys/vicuna-33b-v1.3'),
  m('Guanaco-33B', '2023-05-25', NC, 'UW', 6.53, 57.6, 1065),
  m('Vicuna-13B', '2023-05-03', NC, 'LMSYS', 6.57, 55.8, 1054, '-', 'https://huggingface.co/lmsys/vicuna-13b-v1.3'),
  m('WizardLM-13B', '2023-06-10', NC, 'Microsoft', 6.76, 50.0, 1048),
  m('MPT-30B-chat', '2023-06-22', NC_SA, 'MosaicML', 6.39, 50.4, 1046, '-', 'https://huggingface.co/mosaicml/mpt-30b-chat'),
  m('Vicuna-7B', '2023-05-03', NC, 'LMSYS', 6.17, 49.8, 1009, '-', 'https://huggingface.co/lmsys/vicuna-7b-v1.3'),
  m('Koala-13B', '2023-05-03', NC, 'UC Berkeley', 5.35, 44.7, 980),
  m('MPT-7B-chat', '2023-05-10', NC_SA, 'MosaicML', 5.42, 32.0, 956, '-', 'https://huggingface.co/mosaicml/mpt-7b-chat'),
  m('GPT4All-13B-Snoozy', '2023-05-20', NC, 'Nomic AI', 5.41, 43.0, 941),
  m('ChatGLM-6B', '2023-05-03', NC, 'Tsinghua', 4.5, 36.1, 905, '-', 'https://huggingface.co/THUDM/chatglm-6b'),
  m('Alpaca-13B', '2023-05-03', NC, 'Stanford', 4.53, 48.1, 904),
  m('StableLM-Tuned-Alpha-7B', '2023-05-03', NC_SA, 'Stability AI', 2.75, 24.4, 871),
  m('LLaMA-13B', '2023-05-03', NC, 'Meta', 2.61, 47.0, 826, '-', 'https://ai.meta.com/blog/large-language-model-llama-meta-ai/'),
  m('Tulu-30B', '2023-06-22', NC, 'AllenAI/UW', 6.43, 58.1, null),
  m('Nous-Hermes-13B', '2023-06-22', NC, 'NousResearch', 5.51, 49.3, null),
  // Open and commercially usable.
  m('OpenAssistant-Pythia-12B', '2023-05-03', 'Apache 2.0', 'OpenAssistant', 4.32, 27.0, 924),
  m('RWKV-4-Raven-14B', '2023-05-03', 'Apache 2.0', 'RWKV', 3.98, 25.6, 922),
  m('FastChat-T5-3B', '2023-05-03', 'Apache 2.0', 'LMSYS', 3.04, 47.7, 888),
  m('Dolly-V2-12B', '2023-05-03', 'MIT', 'Databricks', 3.28, 25.7, 850, '-', 'https://huggingface.co/databricks/dolly-v2-12b'),
  m('Llama-2-70b-chat', '2023-07-18', 'Llama 2 Community', 'Meta', 6.86, 63.0, null, '2023/7', 'https://huggingface.co/meta-llama/Llama-2-70b-chat-hf'),
  m('Llama-2-13b-chat', '2023-07-18', 'Llama 2 Community', 'Meta', 6.65, 53.6, null, '2023/7', 'https://huggingface.co/meta-llama/Llama-2-13b-chat-hf'),
  m('Llama-2-7b-chat', '2023-07-18', 'Llama 2 Community', 'Meta', 6.27, 45.8, null, '2023/7', 'https://huggingface.co/meta-llama/Llama-2-7b-chat-hf'),
  m('MPT-30B-instruct', '2023-06-22', 'CC-BY-SA 3.0', 'MosaicML', 5.22, 47.8, null, '-', 'https://huggingface.co/mosaicml/mpt-30b-instruct'),
  m('MPT-7B-instruct', '2023-05-10', 'CC-BY-SA 3.0', 'MosaicML', 4.23, 32.0, null, '-', 'https://huggingface.co/mosaicml/mpt-7b-instruct'),
  m('Falcon-40B-instruct', '2023-06-10', 'Apache 2.0', 'TII', 5.17, 54.7, null, '-', 'https://huggingface.co/tiiuae/falcon-40b-instruct'),
  m('Falcon-7B-instruct', '2023-06-10', 'Apache 2.0', 'TII', 3.95, 26.7, null, '-', 'https://huggingface.co/tiiuae/falcon-7b-instruct'),
  m('Falcon-40B', '2023-06-10', 'Apache 2.0', 'TII', 5.01, 55.4, null, '-', 'https://huggingface.co/tiiuae/falcon-40b'),
  m('MPT-30B', '2023-06-22', 'Apache 2.0', 'MosaicML', 5.0, 46.9, null, '-', 'https://huggingface.co/mosaicml/mpt-30b'),
  m('H2O-Oasst-OpenLLaMA-13B', '2023-06-22', 'Apache 2.0', 'h2oai', 4.63, 42.8, null),
  m('OpenLLaMA-13B-instruct', '2023-06-22', 'Apache 2.0', 'VMware', 4.2, 43.5, null),
  m('RedPajama-INCITE-7B-Chat', '2023-06-10', 'Apache 2.0', 'Together', 4.07, 27.2, null),
  m('StarChat-Beta', '2023-06-10', 'OpenRAIL-M', 'HuggingFace', 5.08, 30.9, null),
  m('GPT4All-J', '2023-06-10', 'Apache 2.0', 'Nomic AI', 3.31, 28.1, null),
  m('Pythia-12B', '2023-06-10', 'Apache 2.0', 'EleutherAI', 2.53, 25.9, null),
  // Later arrivals.
  m('Mistral-7B-Instruct-v0.1', '2023-09-27', 'Apache 2.0', 'Mistral', 6.84, 55.4, 1018, '-', 'https://huggingface.co/mistralai/Mistral-7B-Instruct-v0.1'),
  m('GPT-4-Turbo', '2023-11-06', P, 'OpenAI', 9.32, null, 1249, '2023/4', 'https://openai.com/blog/new-models-and-developer-products-announced-at-devday'),
  m('Yi-34B-Chat', '2023-11-23', 'Yi License', '01 AI', 7.49, 73.5, 1111, '2023/6', 'https://huggingface.co/01-ai/Yi-34B-Chat'),
  m('Claude-2.1', '2023-11-21', P, 'Anthropic', 8.18, null, 1119, '-', 'https://www.anthropic.com/index/claude-2-1'),
  m('DeepSeek-LLM-67B-Chat', '2023-11-29', 'DeepSeek License', 'DeepSeek AI', 7.0, 71.1, 1077, '-', 'https://huggingface.co/deepseek-ai/deepseek-llm-67b-chat'),
  m('Qwen-72B-Chat', '2023-11-30', 'Qianwen LICENSE', 'Alibaba', 6.9, 77.5, 1093, '2023/11', 'https://huggingface.co/Qwen/Qwen-72B-Chat'),
  m('Gemini-Pro', '2023-12-13', P, 'Google', null, 71.8, 1111, '2023/4', 'https://blog.google/technology/developers/gemini-gemma-developer-updates-may-2024/'),
  m('Mixtral-8x7b-Instruct-v0.1', '2023-12-11', 'Apache 2.0', 'Mistral', 8.3, 70.6, 1121, '2023/12', 'https://mistral.ai/news/mixtral-of-experts/'),
  m('Claude-3-Opus', '2024-03-04', P, 'Anthropic', null, 86.8, 1253, '2023/8', 'https://www.anthropic.com/news/claude-3-family'),
  m('Claude-3-Sonnet', '2024-03-04', P, 'Anthropic', null, 79.0, 1201, '2023/8', 'https://www.anthropic.com/news/claude-3-family'),
  m('Llama-3-70b-Instruct', '2024-04-18', 'Llama 3 Community', 'Meta', null, 82.0, 1207, '2023/12', 'https://huggingface.co/meta-llama/Meta-Llama-3-70B-Instruct'),
  m('Llama-3-8b-Instruct', '2024-04-18', 'Llama 3 Community', 'Meta', null, 68.4, 1152, '2023/3', 'https://huggingface.co/meta-llama/Meta-Llama-3-8B-Instruct'),
  m('GPT-4o-2024-05-13', '2024-05-13', P, 'OpenAI', null, 88.7, 1287, '2023/10', 'https://openai.com/index/hello-gpt-4o/'),
  m('Claude-3.5-Sonnet', '2024-06-20', P, 'Anthropic', null, 88.7, 1271, '2024/4', 'https://www.anthropic.com/news/claude-3-5-sonnet'),
  m('Llama-3.1-405b-Instruct', '2024-07-23', 'Llama 3.1 Community', 'Meta', null, 88.6, 1266, '2023/12', 'https://huggingface.co/meta-llama/Llama-3.1-405B-Instruct'),
  m('Qwen2.5-72B-Instruct', '2024-09-19', 'Qianwen LICENSE', 'Alibaba', null, 86.1, 1257, '2024/9', 'https://huggingface.co/Qwen/Qwen2.5-72B-Instruct'),
  m('DeepSeek-V3', '2024-12-26', 'DeepSeek License', 'DeepSeek AI', null, 88.5, 1318, '-', 'https://huggingface.co/deepseek-ai/DeepSeek-V3'),
  m('DeepSeek-R1', '2025-01-20', 'MIT', 'DeepSeek AI', null, 90.8, 1361, '-', 'https://huggingface.co/deepseek-ai/DeepSeek-R1'),
  m('Gemini-2.0-Pro-Exp', '2025-02-05', P, 'Google', null, null, 1380, '2024/8', 'https://deepmind.google/technologies/gemini/'),
  m('Mistral-Small-3.1-24B-Instruct', '2025-03-17', 'Apache 2.0', 'Mistral', null, 80.6, 1268, '-', 'https://huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503'),
  m('Claude-Sonnet-4', '2025-05-22', P, 'Anthropic', null, null, 1390, '2025/3', 'https://www.anthropic.com/news/claude-4'),
  m('Qwen3-235B-A22B', '2025-04-29', 'Apache 2.0', 'Alibaba', null, null, 1372, '-', 'https://huggingface.co/Qwen/Qwen3-235B-A22B'),
  m('GPT-5', '2025-08-07', P, 'OpenAI', null, null, 1440, '2024/9', 'https://openai.com/index/introducing-gpt-5/'),
  // Quirks of the real 2024+ tables (only ever in key-column layouts).
  m('OpenChat-3.5-0106', '2024-01-09', 'Apache-2.0', 'OpenChat', 7.8, 65.8, null, '2024/1', 'https://huggingface.co/openchat/openchat-3.5-0106'),
  { ...m('Gemini-1.5-Pro-001', '2024-05-14', P, 'Google', null, 85.9, null, '2023/11', 'https://aistudio.google.com/app/prompts/new_chat?model=gemini-1.5-pro'), key: 'gemini-1.5-pro-api-0514' },
  { ...m('Gemini-1.5-Pro-001', '2024-05-24', P, 'Google', null, 85.9, null, '2023/11', 'https://aistudio.google.com/app/prompts/new_chat?model=gemini-1.5-pro'), key: 'gemini-1.5-pro-001' },
  m('Llama-3.1-Nemotron-70B-Instruct', '2024-10-15', 'Llama 3.1', 'Nvidia', null, null, null, '2023/12', 'https://huggingface.co/nvidia/Llama-3.1-Nemotron-70B-Instruct'),
  { ...m('Claude 3.5 Haiku (20241022)', '2024-11-05', 'Propretary', 'Anthropic', null, null, null, '-', 'https://www.anthropic.com/news/3-5-models-and-computer-use'), key: 'claude-3-5-haiku-20241022' },
  m('Llama-3.3-70B-Instruct', '2024-12-06', 'Llama-3.3', 'Meta', null, null, null, '-', 'https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct'),
];

/** From this date the tables list one key twice, as the real ones list yi-34b-chat twice from mid 2024. */
const REPEATED_KEY = { name: 'Yi-34B-Chat', from: '2025-01-01' } as const;

const FILE_DATES_2023 = ['2023-06-19', '2023-07-20', '2023-08-02', '2023-09-05', '2023-11-08', '2023-12-06'];
const FILE_DATES_LATER = ['2024-01-09', '2024-03-05', '2024-05-08', '2024-07-22', '2024-10-01', '2025-01-15', '2025-06-10', '2025-11-03', '2026-03-02', '2026-08-03'];

/** Every date that has a table, oldest first (callers filter by "today"). */
export const LEADERBOARD_DATES: readonly string[] = [...FILE_DATES_2023, ...FILE_DATES_LATER];

export function leaderboardFileName(date: string): string {
  return `leaderboard_table_${date.replaceAll('-', '')}.csv`;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function score(value: number | null, digits: number): string {
  return value === null ? '-' : value.toFixed(digits);
}

/** Arena Elo drifts a few points between releases of the table, as ratings do. */
function eloOn(model: LeaderboardModel, date: string): string {
  if (model.elo === null) return '-';
  if (date === '2023-07-20') return String(model.elo);
  return String(model.elo + (hash(0, model.name, date) % 7) - 3);
}

/** A model's key in the 2024+ tables (and its model_name in the Arena's dataset): its own, else the name lower-cased. */
export function leaderboardKey(model: { name: string; key?: string }): string {
  return model.key ?? model.name.toLowerCase().replace(/[^a-z0-9.]+/g, '-');
}

export function leaderboardModels(date: string): LeaderboardModel[] {
  return ROSTER.filter((model) => model.since <= date);
}

/** The CSV text of the table published on `date`, or null when there is none. */
export function leaderboardCsv(date: string): string | null {
  if (!LEADERBOARD_DATES.includes(date)) return null;
  const models = leaderboardModels(date);
  const lines: string[] = [];
  if (date < '2024-01-01') {
    const ranked = [...models].sort((a, b) => (b.elo ?? 0) - (a.elo ?? 0) || (b.mtBench ?? 0) - (a.mtBench ?? 0));
    lines.push('Model,MT-bench (score),Arena Elo rating,MMLU,License,Link');
    for (const x of ranked) {
      lines.push([x.name, score(x.mtBench, 2), eloOn(x, date), score(x.mmlu, 1), x.licence, x.link].map(csvField).join(','));
    }
  } else {
    const withCutoff = date >= '2024-03-01';
    lines.push(['key', 'Model', 'MT-bench (score)', 'MMLU', ...(withCutoff ? ['Knowledge cutoff date'] : []), 'License', 'Organization', 'Link'].join(','));
    const listed = date >= REPEATED_KEY.from ? [...models, ...models.filter((x) => x.name === REPEATED_KEY.name)] : models;
    for (const x of listed) {
      const key = leaderboardKey(x);
      lines.push([key, x.name, score(x.mtBench, 2), score(x.mmlu, 1), ...(withCutoff ? [x.cutoff] : []), x.licence, x.organisation, x.link].map(csvField).join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
