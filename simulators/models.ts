// Simulated Hugging Face models: the catalog's model ids and, for each catalog organisation,
// a deterministic set of further models. Downloads and likes are cumulative curves, so the
// rolling 30-day figure and the all-time figure always agree with each other.

import type { Catalog } from '../collector/catalog.ts';
import { DAY_MS, dayNumber } from './days.ts';
import { cumulativeAt, cumulativeAtDayEnd, type CumulativeCurve } from './growth.ts';
import { hex, intBetween, pick } from './random.ts';
import { REFERENCE_DAY } from './repositories.ts';
import { dayFraction } from './days.ts';

export interface ModelRecord {
  id: string;
  author: string;
  objectId: string;
  sha: string;
  createdMs: number;
  lastModifiedMs: number;
  gated: false | 'auto' | 'manual';
  pipelineTag: string;
  library: string;
  familyId: string;
  licence: string;
  /** Base-model tags as the Hub writes them: base_model:<id> and base_model:<relation>:<id>. */
  baseTags: string[];
  downloads: CumulativeCurve;
  likes: CumulativeCurve;
}

/** `asked`: the legacy id the model was asked by, when it is an alias (answered 200, not redirected). */
export type ModelResolution = { kind: 'found'; record: ModelRecord; asked?: string } | { kind: 'moved'; to: string } | { kind: 'missing' };

/** Who publishes derivatives on the Hub: quantisers, fine-tuners, mergers. */
const DERIVATIVE_AUTHORS = ['TheBloke', 'bartowski', 'unsloth', 'mlabonne', 'NousResearch', 'lmstudio-community', 'mradermacher', 'QuantFactory'] as const;
/** The Hub's base-model relations, with how often each occurs among derivatives. */
const RELATIONS = ['quantized', 'quantized', 'quantized', 'finetune', 'finetune', 'adapter', 'adapter', 'merge'] as const;
const SIZES = ['0.5B', '1B', '1.8B', '3B', '7B', '8B', '13B', '14B', '34B', '70B', '72B'] as const;
const SUFFIXES = ['', '-Instruct', '-Chat', '-Base', '-GGUF', '-AWQ'] as const;
const GATED_AUTHORS: Record<string, 'auto' | 'manual'> = { 'meta-llama': 'manual', mistralai: 'auto' };
const LICENCES: Record<string, string> = { llama: 'llama3', mistral: 'apache-2.0', 'stable-diffusion': 'openrail++', qwen: 'tongyi-qianwen', deepseek: 'mit', falcon: 'apache-2.0' };

export interface ModelWorld {
  resolve(id: string, now: Date): ModelResolution;
  byAuthor(author: string, now: Date): ModelRecord[];
  /** Every visible model carrying all these tags (the listing's filter), e.g. base_model:org/name. */
  byTags(tags: string[], now: Date): ModelRecord[];
  /** Downloads in the 30 completed days before today (the Hub's `downloads`). */
  downloads30d(record: ModelRecord, now: Date): number;
  downloadsAllTime(record: ModelRecord, now: Date): number;
  likesAt(record: ModelRecord, now: Date): number;
  rename(from: string, to: string, now: Date): void;
  remove(id: string, now: Date): void;
  /** Makes `alias` a legacy id of `id`, as the Hub keeps `gpt2` for `openai-community/gpt2`: answered 200, same repository. */
  alias(alias: string, id: string, now: Date): void;
}

export function createModelWorld(catalog: Catalog, seed: number): ModelWorld {
  const records = new Map<string, ModelRecord>();
  const make = (id: string, familyId: string, firstDay: number, flagship: boolean, baseTags: string[] = [], scale = 1) => {
    const lower = id.toLowerCase();
    if (records.has(lower)) return;
    const author = id.includes('/') ? id.split('/')[0]! : '';
    const createdDay = firstDay + (flagship ? intBetween(-2, 20, seed, 'model-day', lower) : intBetween(10, 600, seed, 'model-day', lower));
    const createdMs = createdDay * DAY_MS + intBetween(0, DAY_MS - 1, seed, 'model-ms', lower);
    const isImage = familyId === 'stable-diffusion';
    const totalDownloads = Math.max(1, Math.round(scale * (flagship ? intBetween(5_000_000, 80_000_000, seed, 'model-dl', lower) : intBetween(50_000, 5_000_000, seed, 'model-dl', lower))));
    const totalLikes = flagship ? intBetween(800, 6_000, seed, 'model-likes', lower) : intBetween(5, 800, seed, 'model-likes', lower);
    records.set(lower, {
      id,
      author,
      objectId: hex(24, seed, 'model-oid', lower),
      sha: hex(40, seed, 'model-sha', lower),
      createdMs,
      lastModifiedMs: createdMs + intBetween(0, 200, seed, 'model-mod', lower) * DAY_MS,
      gated: GATED_AUTHORS[author] ?? false,
      pipelineTag: isImage ? 'text-to-image' : 'text-generation',
      library: isImage ? 'diffusers' : 'transformers',
      familyId,
      licence: LICENCES[familyId] ?? 'other',
      baseTags,
      downloads: { seed, key: `hf-dl:${lower}`, startDay: createdDay, refDay: REFERENCE_DAY, totalAtRef: totalDownloads, burst: 6, tau: 45 },
      likes: { seed, key: `hf-likes:${lower}`, startDay: createdDay, refDay: REFERENCE_DAY, totalAtRef: totalLikes, burst: 15, tau: 30 },
    });
  };
  for (const family of catalog.families) {
    const firstDay = dayNumber([...family.releases].sort((a, b) => a.date.localeCompare(b.date))[0]?.date ?? '2023-01-01');
    for (const id of family.huggingface.models) make(id, family.id, firstDay, true);
    for (const author of family.huggingface.authors) {
      const prefix = (family.huggingface.models.find((m) => m.startsWith(`${author}/`))?.split('/')[1]?.split('-')[0]) ?? family.id.replace(/[^a-z0-9]/g, '');
      const count = intBetween(4, 12, seed, 'author-count', author);
      for (let i = 0; i < count; i++) {
        make(`${author}/${prefix}-${pick(SIZES, seed, 'size', author, i)}${pick(SUFFIXES, seed, 'suffix', author, i)}`, family.id, firstDay, false);
      }
    }
  }

  // Derivatives of each catalog model: quantisations, fine-tunes, adapters and merges by other
  // authors, tagged with their base as the Hub does; some have derivatives of their own (a
  // quantisation of a fine-tune), tagged with their direct parent only.
  const derivativeTags = (relation: string, base: string) => [`base_model:${base}`, `base_model:${relation}:${base}`];
  for (const family of catalog.families) {
    const firstDay = dayNumber([...family.releases].sort((a, b) => a.date.localeCompare(b.date))[0]?.date ?? '2023-01-01');
    for (const base of family.huggingface.models) {
      const name = base.split('/').at(-1)!;
      const count = intBetween(3, 14, seed, 'derivative-count', base);
      for (let i = 0; i < count; i++) {
        const relation = pick(RELATIONS, seed, 'derivative-relation', base, i);
        const author = pick(DERIVATIVE_AUTHORS, seed, 'derivative-author', base, i);
        const suffix = relation === 'quantized' ? pick(['GGUF', 'AWQ', 'GPTQ', 'MLX-4bit'], seed, 'q', base, i) : relation === 'adapter' ? 'LoRA' : relation === 'merge' ? 'merged' : 'sft';
        const id = `${author}/${name}-${suffix}-${i}`;
        const tags = derivativeTags(relation, base);
        // a merge of two of the family's models names both
        const other = family.huggingface.models.find((m) => m !== base);
        if (relation === 'merge' && other) tags.push(...derivativeTags('merge', other));
        make(id, family.id, firstDay + 30, false, tags, 0.05);
        if (relation === 'finetune' && intBetween(0, 2, seed, 'grandchild', id) === 0) {
          make(`${pick(DERIVATIVE_AUTHORS, seed, 'gc-author', id)}/${id.split('/')[1]}-GGUF`, family.id, firstDay + 60, false, derivativeTags('quantized', id), 0.02);
        }
      }
    }
  }

  const movedTo = new Map<string, string>();
  const aliasOf = new Map<string, string>();
  const removed = new Set<string>();
  const visible = (r: ModelRecord, now: Date) => r.createdMs <= now.getTime() && !removed.has(r.id.toLowerCase());

  const resolve = (id: string, now: Date): ModelResolution => {
    const lower = id.toLowerCase();
    const record = records.get(lower);
    if (record && visible(record, now)) return { kind: 'found', record };
    const canonical = aliasOf.get(lower);
    if (canonical) {
      const target = records.get(canonical);
      if (target && visible(target, now)) return { kind: 'found', record: target, asked: id };
    }
    const to = movedTo.get(lower);
    if (to) {
      const target = records.get(to.toLowerCase());
      if (target && visible(target, now)) return { kind: 'moved', to: target.id };
    }
    return { kind: 'missing' };
  };

  return {
    resolve,
    byAuthor: (author, now) => [...records.values()].filter((r) => r.author.toLowerCase() === author.toLowerCase() && visible(r, now)),
    byTags: (tags, now) => [...records.values()].filter((r) => visible(r, now) && tags.every((t) => r.baseTags.includes(t) || r.familyId === t || r.library === t || r.pipelineTag === t)),
    downloads30d: (r, now) => {
      const today = dayNumber(now);
      return cumulativeAtDayEnd(r.downloads, today - 1) - cumulativeAtDayEnd(r.downloads, today - 31);
    },
    downloadsAllTime: (r, now) => cumulativeAtDayEnd(r.downloads, dayNumber(now) - 1),
    likesAt: (r, now) => cumulativeAt(r.likes, dayNumber(now), dayFraction(now)),
    rename: (from, to, now) => {
      const found = resolve(from, now);
      if (found.kind !== 'found') throw new Error(`renameModel: no model ${from} in the simulated world`);
      records.delete(found.record.id.toLowerCase());
      const renamed = { ...found.record, id: to, author: to.split('/')[0] ?? '' };
      records.set(to.toLowerCase(), renamed);
      movedTo.set(from.toLowerCase(), to);
      for (const [old, target] of movedTo) if (target.toLowerCase() === from.toLowerCase()) movedTo.set(old, to);
    },
    alias: (alias, id, now) => {
      const found = resolve(id, now);
      if (found.kind !== 'found') throw new Error(`aliasModel: no model ${id} in the simulated world`);
      aliasOf.set(alias.toLowerCase(), found.record.id.toLowerCase());
    },
    remove: (id, now) => {
      const found = resolve(id, now);
      if (found.kind !== 'found') throw new Error(`removeModel: no model ${id} in the simulated world`);
      removed.add(found.record.id.toLowerCase());
    },
  };
}
