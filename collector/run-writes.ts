// What one action of a source writes (its facts and its state), held together and
// written in batches. One write of facts costs the store a part in the facts table
// and in every table derived from it, so a source that emits a repository at a time
// would pay that per repository; held together, it is paid per batch.
//
// The order that keeps a hard stop (kill -9) harmless is kept: a state written
// after facts (a cursor, "stored through") is written after those facts, never
// before. A stop loses both together, and the next run asks for them again.
// State reads go through here too: a held state is answered as held, and the
// states under a prefix read ahead (prefetch) from memory.

import type { Observation } from './observation.ts';
import type { RunSink } from './store/index.ts';
import type { Clock } from './sources/types.ts';

/** Facts held before they are written (default). A repository's star history is about 2,400. */
export const WRITE_BATCH_FACTS = 25_000;

export class RunWrites {
  private facts: Observation[] = [];
  /** State written after the facts held: one value per key, the last one set. */
  private states = new Map<string, string>();
  /**
   * What the store holds under the prefixes read ahead (prefetch), kept current with every set: this
   * action is the store's only writer of its source's state (the store's lock).
   */
  private known = new Map<string, string>();
  private prefixes: string[] = [];
  /** Facts written so far (0 for those spooled because the store is unreachable). */
  stored = 0;
  /** The write that failed: nothing more is written in this action, and every later call throws it. */
  private failed: { error: unknown } | null = null;

  private readonly store: RunSink;
  private readonly source: string;
  private readonly runId: string;
  private readonly clock: Clock;
  private readonly batchFacts: number;

  constructor(store: RunSink, source: string, runId: string, clock: Clock, batchFacts = WRITE_BATCH_FACTS) {
    this.store = store;
    this.source = source;
    this.runId = runId;
    this.clock = clock;
    this.batchFacts = batchFacts;
  }

  /** Holds facts; writes the batch when it is full. */
  async addFacts(rows: readonly Observation[]): Promise<void> {
    this.throwIfFailed();
    for (const r of rows) this.facts.push(r);
    if (this.facts.length >= this.batchFacts) await this.flush();
  }

  /** A state's value: the one set in this action and not written yet, else the store's. */
  async getState(key: string): Promise<string | undefined> {
    this.throwIfFailed();
    if (this.states.has(key)) return this.states.get(key);
    if (this.prefixes.some((p) => key.startsWith(p))) return this.known.get(key);
    return this.store.getState(this.source, key);
  }

  /** Reads the states under a prefix at once, so that each get of one of them is not a query of its own. */
  async prefetch(prefix: string): Promise<void> {
    if (this.prefixes.some((p) => prefix.startsWith(p))) return;
    this.throwIfFailed();
    const read = await this.store.getStates(this.source, prefix);
    for (const [key, value] of read) this.known.set(key, value);
    // a state held to be written after the facts held is newer than the store's
    for (const [key, value] of this.states) if (key.startsWith(prefix)) this.known.set(key, value);
    this.prefixes.push(prefix);
  }

  /** Writes a state now when no facts are held; else holds it, to be written after them. */
  async setState(key: string, value: string): Promise<void> {
    this.throwIfFailed();
    if (this.facts.length === 0) await this.store.setState(this.source, key, value);
    else this.states.set(key, value);
    if (this.prefixes.some((p) => key.startsWith(p))) this.known.set(key, value);
  }

  /**
   * Writes the facts held, then the states held after them. When a write fails, what was held is
   * dropped and nothing more is written: a state written after facts that were not stored would
   * tell the next run they were. The error is thrown here and again by every later call, so a
   * caller that swallows it (a wait inside Octokit's throttling) cannot lose it.
   */
  async flush(): Promise<void> {
    this.throwIfFailed();
    const facts = lastOfEachKey(this.facts);
    const states = [...this.states];
    this.facts = [];
    this.states = new Map();
    try {
      if (facts.length) this.stored += await this.store.insert(facts, this.runId, this.clock.now());
      if (states.length) await this.store.setStates(this.source, states);
    } catch (error) {
      this.failed = { error };
      throw error;
    }
  }

  private throwIfFailed(): void {
    if (this.failed) throw this.failed.error;
  }
}

/**
 * A batch keeps the last fact emitted for each key (source, subject, metric, day): written
 * one by one, the later write replaced the earlier one (a later collected_at), and in one
 * write the two would have the same collected_at and either could win.
 */
function lastOfEachKey(facts: Observation[]): Observation[] {
  const keyOf = (f: Observation) => `${f.source}\u0000${f.subject}\u0000${f.metric}\u0000${f.observed_at}`;
  const last = new Map<string, number>();
  facts.forEach((f, i) => last.set(keyOf(f), i));
  return last.size === facts.length ? facts : facts.filter((f, i) => last.get(keyOf(f)) === i);
}
