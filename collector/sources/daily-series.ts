// Bookkeeping shared by the daily download sources (npm, PyPI): which days of a package are
// stored (one contiguous interval per package, so a resumed backfill has no gap and no
// duplicate) and which days an answer lacked and must be asked again.

import { addDays, daysBetween, maxDay, minDay } from '../days.ts';
import type { SourceContext } from './types.ts';

/** Days from..through (inclusive) are stored for a package. */
export interface Coverage {
  from: string;
  through: string;
}

/** Per-package persistent bookkeeping in the source's state. */
export class SeriesState {
  private readonly ctx: SourceContext;
  constructor(ctx: SourceContext) {
    this.ctx = ctx;
  }

  /** Reads every package's records in one query each, before a run asks for them package by package. */
  async readAhead(): Promise<void> {
    for (const prefix of ['cover:', 'gaps:', 'lead:']) await this.ctx.state.prefetch(prefix);
  }

  async coverage(pkg: string): Promise<Coverage | undefined> {
    const raw = await this.ctx.state.get(`cover:${pkg}`);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<Coverage>;
    return typeof parsed.from === 'string' && typeof parsed.through === 'string' ? { from: parsed.from, through: parsed.through } : undefined;
  }

  async setCoverage(pkg: string, cover: Coverage): Promise<void> {
    await this.ctx.state.set(`cover:${pkg}`, JSON.stringify(cover));
  }

  /** Days an answer lacked, with how many times they were asked for since. */
  async gaps(pkg: string): Promise<Record<string, number>> {
    const raw = await this.ctx.state.get(`gaps:${pkg}`);
    return raw ? (JSON.parse(raw) as Record<string, number>) : {};
  }

  async setGaps(pkg: string, gaps: Record<string, number>): Promise<void> {
    await this.ctx.state.set(`gaps:${pkg}`, JSON.stringify(gaps));
  }

  /** The first day asked for by runs whose answer began later, and how many runs in a row did; undefined when the last answer began where asked. */
  async leadingMiss(pkg: string): Promise<LeadingMiss | undefined> {
    const raw = await this.ctx.state.get(`lead:${pkg}`);
    if (!raw) return undefined;
    const parsed = JSON.parse(raw) as Partial<LeadingMiss>;
    return typeof parsed.from === 'string' && typeof parsed.runs === 'number' ? { from: parsed.from, runs: parsed.runs } : undefined;
  }

  async setLeadingMiss(pkg: string, miss: LeadingMiss | undefined): Promise<void> {
    await this.ctx.state.set(`lead:${pkg}`, miss ? JSON.stringify(miss) : '');
  }
}

/** An answer that began after the first day asked for: those days may have been left out, or not exist yet. */
export interface LeadingMiss {
  from: string;
  runs: number;
}

/** How many runs ask again for a day an answer lacked before it is given up (reported, left empty). */
export const MAX_GAP_ATTEMPTS = 3;
