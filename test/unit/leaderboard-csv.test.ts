import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, parseCatalog } from '../../collector/catalog.ts';
import { PROJECT_ROOT } from '../../collector/config.ts';
import {
  groupCounts,
  LeaderboardFormatError,
  parseCsv,
  parseLeaderboardTable,
  readLeaderboardTable,
  summariseTable,
  tableDateFromName,
} from '../../collector/sources/leaderboard-csv.ts';
import { importLeaderboards } from '../../collector/sources/leaderboard.ts';
import { memoryContext } from '../../simulators/memory-context.ts';

const catalog = await loadCatalog(path.join(PROJECT_ROOT, 'collector', 'catalog.yml'));

// Written by hand in the shape of the LMSYS table of 2023-07-20: 40 models, the five best by
// Elo proprietary, PaLM-Chat-Bison-001 the only other proprietary one, 34 open of which 15
// non-commercial. Some models have no Elo yet ("-"), as newly added ones did.
const TABLE_20230720 = `Model,MT-bench (score),Arena Elo rating,MMLU,License,Link
GPT-4,8.99,1181,86.4,Proprietary,https://openai.com/research/gpt-4
Claude-1,7.9,1155,77,Proprietary,https://www.anthropic.com/index/introducing-claude
Claude-instant-1,7.85,1153,73.4,Proprietary,https://www.anthropic.com/index/introducing-claude
Claude-2,8.06,1146,78.5,Proprietary,https://www.anthropic.com/index/claude-2
GPT-3.5-turbo,7.94,1130,70,Proprietary,https://openai.com/blog/chatgpt
Vicuna-33B,7.12,1096,59.2,Non-commercial,https://huggingface.co/lmsys/vicuna-33b-v1.3
Vicuna-13B,6.57,1054,55.8,Non-commercial,https://huggingface.co/lmsys/vicuna-13b-v1.3
MPT-30B-chat,6.39,1046,50.4,CC-BY-NC-SA-4.0,https://huggingface.co/mosaicml/mpt-30b-chat
WizardLM-13B-v1.1,6.76,1040,50,Non-commercial,https://huggingface.co/WizardLM/WizardLM-13B-V1.1
Guanaco-33B,6.53,1038,57.6,Non-commercial,https://huggingface.co/timdettmers/guanaco-33b-merged
PaLM-Chat-Bison-001,6.4,1003,-,Proprietary,https://cloud.google.com/vertex-ai/docs/release-notes#May_10_2023
Vicuna-7B,6.17,1003,49.8,Non-commercial,https://huggingface.co/lmsys/vicuna-7b-v1.3
Koala-13B,5.35,980,44.7,Non-commercial,https://bair.berkeley.edu/blog/2023/04/03/koala
MPT-7B-Chat,5.42,956,32,CC-BY-NC-SA-4.0,https://huggingface.co/mosaicml/mpt-7b-chat
GPT4All-13B-Snoozy,5.41,941,43,Non-commercial,https://huggingface.co/nomic-ai/gpt4all-13b-snoozy
OpenAssistant-Pythia-12B,4.32,924,27,Apache 2.0,https://huggingface.co/OpenAssistant/oasst-sft-4-pythia-12b-epoch-3.5
RWKV-4-Raven-14B,3.98,922,25.6,Apache 2.0,https://huggingface.co/BlinkDL/rwkv-4-raven
ChatGLM-6B,4.5,905,36.1,Non-commercial,https://huggingface.co/THUDM/chatglm-6b
Alpaca-13B,4.53,904,48.1,Non-commercial,https://crfm.stanford.edu/2023/03/13/alpaca.html
FastChat-T5-3B,3.04,888,47.7,Apache 2.0,https://huggingface.co/lmsys/fastchat-t5-3b-v1.0
StableLM-Tuned-Alpha-7B,2.75,871,24.4,CC-BY-NC-SA-4.0,https://huggingface.co/stabilityai/stablelm-tuned-alpha-7b
Dolly-V2-12B,3.28,850,25.7,MIT,https://huggingface.co/databricks/dolly-v2-12b
LLaMA-13B,2.61,826,47,Non-commercial,https://arxiv.org/abs/2302.13971
Llama-2-70b-chat,6.86,-,63,Llama 2 Community,https://huggingface.co/meta-llama/Llama-2-70b-chat-hf
Llama-2-13b-chat,6.65,-,53.6,Llama 2 Community,https://huggingface.co/meta-llama/Llama-2-13b-chat-hf
Llama-2-7b-chat,6.27,-,45.8,Llama 2 Community,https://huggingface.co/meta-llama/Llama-2-7b-chat-hf
Tulu-30B,6.43,-,58.1,Non-commercial,https://huggingface.co/allenai/tulu-30b
Nous-Hermes-13B,5.51,-,49.3,Non-commercial,https://huggingface.co/NousResearch/Nous-Hermes-13b
MPT-30B-instruct,5.22,-,47.8,CC-BY-SA 3.0,https://huggingface.co/mosaicml/mpt-30b-instruct
Falcon-40B-instruct,5.17,-,54.7,Apache 2.0,https://huggingface.co/tiiuae/falcon-40b-instruct
StarChat-Beta,5.08,-,30.9,OpenRAIL-M,https://huggingface.co/HuggingFaceH4/starchat-beta
"H2O-Oasst-OpenLLaMA-13B",4.63,-,42.8,Apache 2.0,https://huggingface.co/h2oai/h2ogpt-gm-oasst1-en-2048-open-llama-13b
OpenLLaMA-13B-instruct,4.2,-,43.5,Apache 2.0,https://huggingface.co/VMware/open-llama-13b-open-instruct
MPT-7B-instruct,4.23,-,32,CC-BY-SA 3.0,https://huggingface.co/mosaicml/mpt-7b-instruct
RedPajama-INCITE-7B-Chat,4.07,-,27.2,Apache 2.0,https://huggingface.co/togethercomputer/RedPajama-INCITE-7B-Chat
Falcon-7B-instruct,3.95,-,26.7,Apache 2.0,https://huggingface.co/tiiuae/falcon-7b-instruct
GPT4All-J,3.31,-,28.1,Apache 2.0,https://huggingface.co/nomic-ai/gpt4all-j
"MPT-30B",5,-,46.9,Apache 2.0,"https://huggingface.co/mosaicml/mpt-30b"
Pythia-12B,2.53,-,25.9,Apache 2.0,https://huggingface.co/EleutherAI/pythia-12b
"OpenLLaMA-7B, ""v2""",3.9,-,40.3,Apache 2.0,https://huggingface.co/openlm-research/open_llama_7b_v2
`;

const TABLE_20240109 = `key,Model,MT-bench (score),MMLU,License,Organization,Link
gpt-4-turbo,GPT-4-Turbo,9.32,-,Proprietary,OpenAI,https://openai.com/blog/new-models-and-developer-products-announced-at-devday
mixtral-8x7b-instruct-v0.1,Mixtral-8x7b-Instruct-v0.1,8.3,70.6,Apache 2.0,Mistral,https://mistral.ai/news/mixtral-of-experts/
yi-34b-chat,Yi-34B-Chat,7.49,73.5,Yi License,01 AI,https://huggingface.co/01-ai/Yi-34B-Chat
vicuna-13b,Vicuna-13B,6.57,55.8,Llama 2 Community,LMSYS,https://huggingface.co/lmsys/vicuna-13b-v1.5
tulu-2-dpo-70b,Tulu-2-DPO-70B,7.89,-,Other,AllenAI/UW,https://huggingface.co/allenai/tulu-2-dpo-70b
`;

const TABLE_20240125 = `key,Model,MT-bench (score),MMLU,Knowledge cutoff date,License,Organization,Link\r
bard-jan-24-gemini-pro,Bard (Gemini Pro),-,-,Online,Proprietary,Google,https://bard.google.com/\r
gpt-4-0613,GPT-4-0613,9.18,-,2021/9,Proprietary,OpenAI,https://platform.openai.com/docs/models/gpt-4-and-gpt-4-turbo\r
qwen-14b-chat,Qwen-14B-Chat,6.96,66.5,2023/8,Qianwen LICENSE,Alibaba,https://huggingface.co/Qwen/Qwen-14B-Chat\r
chatglm3-6b,ChatGLM3-6B,-,-,2023/10,Apache-2.0,Tsinghua,https://huggingface.co/THUDM/chatglm3-6b\r
`;

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and a BOM, and drops blank lines', () => {
    const rows = parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\nlast,\n');
    expect(rows.map((r) => r.cells)).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['last', '']]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('refuses a quoted field that never closes, naming its line', () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(/line 2 is never closed/);
  });
});

describe('tableDateFromName', () => {
  it('takes the date from leaderboard_table_YYYYMMDD.csv in paths and URLs', () => {
    expect(tableDateFromName('/x/leaderboard_table_20230720.csv')).toBe('2023-07-20');
    expect(tableDateFromName('https://h/leaderboard_table_20240125.csv?download=1')).toBe('2024-01-25');
    expect(tableDateFromName('leaderboard_table_20230231.csv')).toBeNull();
    expect(tableDateFromName('table.csv')).toBeNull();
  });
});

describe('a 2023-07-20 table (2023 layout, with Elo)', () => {
  const table = parseLeaderboardTable('leaderboard_table_20230720.csv', TABLE_20230720);
  const summary = summariseTable(catalog, table);

  it('reads all 40 models in the 2023 layout', () => {
    expect(table.layout).toBe('2023');
    expect(table.hasElo).toBe(true);
    expect(table.rows).toHaveLength(40);
    expect(table.rows.at(-1)!.model).toBe('OpenLLaMA-7B, "v2"');
  });

  it('counts 6 closed, 15 open non-commercial and 19 open, exactly as read by hand', () => {
    expect(summary.problems).toEqual([]);
    expect(summary.notices).toEqual([]);
    expect(groupCounts(summary.counts)).toEqual({ closed: 6, open_noncommercial: 15, open: 19, unknown: 0 });
    // The same 40 by rung: Llama 2 Community and OpenRAIL-M restricted; Apache 2.0, MIT and CC-BY-SA 3.0 OSI.
    expect(summary.counts).toEqual({
      closed: 6,
      'open-weights-restricted-noncommercial': 15,
      'open-weights-restricted': 4,
      'open-weights-osi': 15,
      'open-source': 0,
      unknown: 0,
    });
  });

  it('ranks by Elo descending: the top five are proprietary, equal Elo shares a rank', () => {
    const byRank = summary.models.filter((m) => m.rank !== undefined).sort((a, b) => a.rank! - b.rank!);
    expect(byRank.slice(0, 5).map((m) => m.cls)).toEqual(['closed', 'closed', 'closed', 'closed', 'closed']);
    expect(byRank[0]).toMatchObject({ model: 'GPT-4', rank: 1, elo: 1181, family: 'gpt' });
    const palm = summary.models.find((m) => m.model === 'PaLM-Chat-Bison-001')!;
    const vicuna7 = summary.models.find((m) => m.model === 'Vicuna-7B')!;
    expect(palm.rank).toBe(11);
    expect(vicuna7.rank).toBe(11);
    expect(summary.models.find((m) => m.model === 'Koala-13B')!.rank).toBe(13);
    expect(summary.best).toEqual({
      closed: { rank: 1, elo: 1181, model: 'GPT-4' },
      'open-weights-restricted-noncommercial': { rank: 6, elo: 1096, model: 'Vicuna-33B' },
      'open-weights-osi': { rank: 16, elo: 924, model: 'OpenAssistant-Pythia-12B' },
    });
    const llama = summary.models.find((m) => m.model === 'Llama-2-70b-chat')!;
    expect(llama).toMatchObject({ cls: 'open-weights-restricted', family: 'llama' });
    expect(llama.rank).toBeUndefined();
  });

  it('emits class counts, best rank and Elo per class, and rank and Elo per ranked model', () => {
    const { rows, problems } = readLeaderboardTable(catalog, 'leaderboard_table_20230720.csv', TABLE_20230720, '2026-11-15');
    expect(problems).toEqual([]);
    const value = (subject: string, metric: string) => rows.find((r) => r.subject === subject && r.metric === metric)?.value;
    expect(value('arena:closed', 'arena_models')).toBe(6);
    expect(value('arena:open-weights-restricted-noncommercial', 'arena_models')).toBe(15);
    expect(value('arena:open-weights-restricted', 'arena_models')).toBe(4);
    expect(value('arena:open-weights-osi', 'arena_models')).toBe(15);
    expect(value('arena:unknown', 'arena_models')).toBe(0);
    expect(value('arena:open-weights-osi', 'arena_best_rank')).toBe(16);
    expect(value('arena:closed', 'arena_best_elo')).toBe(1181);
    expect(rows.filter((r) => r.metric === 'arena_model_rank')).toHaveLength(23);
    expect(rows.find((r) => r.subject === 'arena-model:ChatGLM-6B' && r.metric === 'arena_model_elo')).toMatchObject({
      family: 'chatglm',
      value: 905,
      observed_at: '2023-07-20',
      source: 'leaderboard',
      detail: { licence: 'Non-commercial', class: 'open-weights-restricted-noncommercial' },
    });
    expect(rows.every((r) => r.observed_at === '2023-07-20')).toBe(true);
  });
});

describe('2024+ layouts (no Elo: counts only)', () => {
  it('reads the 2024-01-09 layout without a knowledge cutoff column', () => {
    const t = parseLeaderboardTable('leaderboard_table_20240109.csv', TABLE_20240109);
    expect(t.layout).toBe('2024+');
    expect(t.hasElo).toBe(false);
    expect(t.rows[0]).toMatchObject({ key: 'gpt-4-turbo', model: 'GPT-4-Turbo', organization: 'OpenAI', licence: 'Proprietary' });
    const s = summariseTable(catalog, t);
    // "Other" names no licence: counted as unknown, with its string, not guessed and not skipped.
    expect(s.problems).toEqual([]);
    expect(s.models).toHaveLength(5);
    expect(s.counts).toMatchObject({ closed: 1, 'open-weights-restricted': 2, 'open-weights-osi': 1, unknown: 1 });
    expect(s.licences.unknown).toEqual({ Other: 1 });
  });

  it('reads the 2024-01-25+ layout with a knowledge cutoff column and CRLF line ends', () => {
    const { rows, problems, table } = readLeaderboardTable(catalog, 'leaderboard_table_20240125.csv', TABLE_20240125, '2026-11-15');
    expect(table.layout).toBe('2024+');
    expect(problems).toEqual([]);
    expect(rows.map((r) => `${r.subject} ${r.metric} ${r.value}`)).toEqual([
      'arena:closed arena_models 2',
      'arena:open-weights-restricted-noncommercial arena_models 0',
      'arena:open-weights-restricted arena_models 1',
      'arena:open-weights-osi arena_models 1',
      'arena:open-source arena_models 0',
      'arena:unknown arena_models 0',
    ]);
    expect(rows.find((r) => r.subject === 'arena:open-weights-restricted')!.detail).toMatchObject({ families: { qwen: 1 }, licences: { 'Qianwen LICENSE': 1 } });
    expect(rows.find((r) => r.subject === 'arena:open-weights-osi')!.detail).toMatchObject({ families: { chatglm: 1 }, licences: { 'Apache-2.0': 1 } });
  });
});

describe('tables that fit no layout or are bad', () => {
  it('names the file and the missing column', () => {
    const noLicence = 'Model,MT-bench (score),Arena Elo rating,MMLU,Link\nGPT-4,8.99,1181,86.4,https://x\n';
    const run = () => parseLeaderboardTable('leaderboard_table_20230801.csv', noLicence);
    expect(run).toThrow(LeaderboardFormatError);
    expect(run).toThrow(/^leaderboard_table_20230801\.csv: no "License" column \(closest layout: 2023/);
  });

  it('names every missing column of the closest 2024+ layout', () => {
    const text = 'key,Model,MT-bench (score),MMLU,License,Link\nk,M,1,2,MIT,l\n';
    expect(() => parseLeaderboardTable('leaderboard_table_20240301.csv', text)).toThrow(/no "Organization" column \(closest layout: 2024\+/);
  });

  it('refuses a file whose name carries no date, and a table dated in the future', () => {
    expect(() => parseLeaderboardTable('table.csv', TABLE_20240109)).toThrow(/table\.csv: cannot tell the table date/);
    expect(() => readLeaderboardTable(catalog, 'leaderboard_table_20270101.csv', TABLE_20240109, '2026-11-15')).toThrow(/in the future/);
  });

  it('reports an absurd or non-numeric Elo with its raw value and still counts the model', () => {
    const text = 'Model,MT-bench (score),Arena Elo rating,MMLU,License,Link\nA,1,1200,1,Proprietary,l\nB,1,abc,1,MIT,l\nC,1,-5,1,MIT,l\nA,1,1100,1,MIT,l\n';
    const s = summariseTable(catalog, parseLeaderboardTable('leaderboard_table_20230801.csv', text));
    expect(groupCounts(s.counts)).toEqual({ closed: 1, open_noncommercial: 0, open: 2, unknown: 0 });
    expect(s.problems.map((p) => p.raw)).toEqual(['abc', '-5']);
    expect(s.problems[0]!.message).toContain('leaderboard_table_20230801.csv:3');
    // The 2023 layout has no key: the Model name is the key, so a second "A" is the same model.
    expect(s.notices.map((n) => n.message)).toEqual([
      'leaderboard_table_20230801.csv:5: model "A" is listed again (first on line 2) in 2023-08-01\'s table; counted once; its licence "MIT" differs from "Proprietary" on line 2, which is kept',
    ]);
    expect(s.best['open-weights-osi']).toBeUndefined();
  });

  it('classifies with licences added to the catalog, older catalogs\' open and open_noncommercial keys included', () => {
    const extended = parseCatalog(
      `families:\n  - {id: x, name: X, vendor: V, openness: open-weights-restricted, region: US, licence: {name: n, commercial_use: c}}\n` +
        `leaderboard_licences: {closed: [Proprietary], open_noncommercial: [], open: [Other, apache 2.0, Llama 2 Community, Yi License]}\n`,
      'extended.yml',
    );
    const s = summariseTable(extended, parseLeaderboardTable('leaderboard_table_20240109.csv', TABLE_20240109));
    expect(s.problems).toEqual([]);
    // An older catalog's `open` claims no more than open weights: the restricted rung.
    expect(s.counts).toMatchObject({ closed: 1, 'open-weights-restricted': 4, 'open-weights-osi': 0, unknown: 0 });
    expect(groupCounts(s.counts)).toEqual({ closed: 1, open_noncommercial: 0, open: 4, unknown: 0 });
  });
});

describe('importLeaderboards from files and folders', () => {
  it('imports every table of a folder, reports the one that fits no layout, and stores the rest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'openpulse-lb-'));
    await writeFile(path.join(dir, 'leaderboard_table_20230720.csv'), TABLE_20230720);
    await writeFile(path.join(dir, 'leaderboard_table_20240125.csv'), TABLE_20240125);
    await writeFile(path.join(dir, 'leaderboard_table_20240301.csv'), 'Model,License\nX,MIT\n');
    await writeFile(path.join(dir, 'notes.txt'), 'not a table');
    const ctx = memoryContext({ catalog });
    const result = await importLeaderboards(ctx, [dir, path.join(dir, 'missing_leaderboard_table_20230101.csv')]);
    expect(result.files).toBe(2);
    expect(result.rows).toBe(ctx.rows.length);
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/leaderboard_table_20240301\.csv: no "MT-bench \(score\)", "Arena Elo rating", "MMLU", "Link" column/),
      expect.stringMatching(/missing_leaderboard_table_20230101\.csv: cannot read the file \(ENOENT\)/),
    ]);
    expect(ctx.problems).toEqual(result.problems);
    const dates = new Set(ctx.rows.map((r) => r.observed_at));
    expect(dates).toEqual(new Set(['2023-07-20', '2024-01-25']));
    expect(ctx.rows.find((r) => r.subject === 'arena:open-weights-restricted-noncommercial' && r.observed_at === '2023-07-20')!.value).toBe(15);
    expect(ctx.lines.some((l) => /date=2024-01-25 layout=2024\+ .*elo=none/.test(l))).toBe(true);
  });
});
