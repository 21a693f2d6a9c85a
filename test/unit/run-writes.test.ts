// A run's facts and state are written in batches, and a state set after facts
// never reaches the store before them: a hard stop loses both or neither.

import { describe, expect, it } from 'vitest';
import type { Observation } from '../../collector/observation.ts';
import { RunWrites } from '../../collector/run-writes.ts';
import type { RunSink } from '../../collector/store/index.ts';

const clock = { now: () => new Date('2026-12-01T00:00:00Z'), sleep: async () => {} };

const fact = (subject: string, day: string, value = 1): Observation => ({ source: 'github', subject, family: 'llama', metric: 'github_stars', observed_at: day, value });

/** A sink that records every write in order, and can be told to fail the next insert. */
function recordingSink(stored = new Map<string, string>()) {
  const calls: string[] = [];
  const inserted: Observation[][] = [];
  let failNext: Error | null = null;
  const sink: RunSink = {
    async insert(rows) {
      if (failNext) {
        const e = failNext;
        failNext = null;
        throw e;
      }
      calls.push(`facts ${rows.length}`);
      inserted.push(rows);
      return rows.length;
    },
    logRun: async () => {},
    logProblems: async () => {},
    getState: async (_source, key) => {
      calls.push(`get ${key}`);
      return stored.get(key);
    },
    getStates: async (_source, prefix) => {
      calls.push(`get ${prefix}*`);
      return new Map([...stored].filter(([k]) => k.startsWith(prefix)));
    },
    async setState(source, key, value) {
      await sink.setStates(source, [[key, value]]);
    },
    async setStates(_source, entries) {
      calls.push(`state ${entries.map(([k, v]) => `${k}=${v}`).join(',')}`);
      for (const [k, v] of entries) stored.set(k, v);
    },
  };
  return { sink, calls, inserted, stored, failInsert: (e: Error) => (failNext = e) };
}

describe('RunWrites', () => {
  it('holds facts until the batch is full, and writes the states set after them after them, in one write', async () => {
    const r = recordingSink();
    const writes = new RunWrites(r.sink, 'github', 'run1', clock, 3);
    await writes.addFacts([fact('repo:a', '2026-11-01'), fact('repo:a', '2026-11-02')]);
    await writes.setState('stars:a', 'done');
    await writes.setState('etag:a', 'x');
    await writes.setState('stars:a', 'done again');
    expect(r.calls).toEqual([]);
    expect(await writes.getState('stars:a')).toBe('done again');
    await writes.addFacts([fact('repo:b', '2026-11-01')]);
    expect(r.calls).toEqual(['facts 3', 'state stars:a=done again,etag:a=x']);
    expect(writes.stored).toBe(3);
  });

  it('writes a state at once when no facts are held', async () => {
    const r = recordingSink();
    const writes = new RunWrites(r.sink, 'github', 'run1', clock, 10);
    await writes.setState('cursor', '1');
    expect(r.calls).toEqual(['state cursor=1']);
    await writes.addFacts([fact('repo:a', '2026-11-01')]);
    await writes.setState('cursor', '2');
    expect(r.stored.get('cursor')).toBe('1');
    await writes.flush();
    expect(r.calls).toEqual(['state cursor=1', 'facts 1', 'state cursor=2']);
    await writes.flush();
    expect(r.calls).toHaveLength(3);
  });

  it('reads a state from the store when none is held', async () => {
    const r = recordingSink(new Map([['cursor', 'stored']]));
    const writes = new RunWrites(r.sink, 'github', 'run1', clock, 10);
    expect(await writes.getState('cursor')).toBe('stored');
    expect(await writes.getState('other')).toBeUndefined();
  });

  it('answers the states under a prefix read ahead from memory, kept current with what it sets and holds', async () => {
    const r = recordingSink(new Map([['etag:a', '1'], ['etag:b', '2'], ['other', '3']]));
    const writes = new RunWrites(r.sink, 'github', 'run1', clock, 10);
    await writes.addFacts([fact('repo:a', '2026-11-01')]);
    await writes.setState('etag:a', 'held');
    await writes.prefetch('etag:');
    expect(await writes.getState('etag:a')).toBe('held');
    expect(await writes.getState('etag:b')).toBe('2');
    expect(await writes.getState('etag:c')).toBeUndefined();
    await writes.flush();
    expect(await writes.getState('etag:a')).toBe('held');
    await writes.setState('etag:c', 'new');
    expect(await writes.getState('etag:c')).toBe('new');
    await writes.prefetch('etag:');
    expect(r.calls).toEqual(['get etag:*', 'facts 1', 'state etag:a=held', 'state etag:c=new']);
    expect(await writes.getState('other')).toBe('3');
    expect(r.calls.at(-1)).toBe('get other');
  });

  it('keeps the last fact emitted for a key within a batch', async () => {
    const r = recordingSink();
    const writes = new RunWrites(r.sink, 'github', 'run1', clock, 10);
    await writes.addFacts([fact('repo:a', '2026-11-01', 1), fact('repo:b', '2026-11-01', 5)]);
    await writes.addFacts([fact('repo:a', '2026-11-01', 2)]);
    await writes.flush();
    expect(r.inserted[0]!.map((f) => `${f.subject} ${f.value}`)).toEqual(['repo:b 5', 'repo:a 2']);
    expect(writes.stored).toBe(2);
  });

  it('after a failed write, drops what it held, writes nothing more and throws the failure at every later call', async () => {
    const r = recordingSink();
    const writes = new RunWrites(r.sink, 'github', 'run1', clock, 10);
    await writes.addFacts([fact('repo:a', '2026-11-01')]);
    await writes.setState('stars:a', 'through 2026-11-01');
    const failure = new Error('the store refused the write');
    r.failInsert(failure);
    await expect(writes.flush()).rejects.toBe(failure);
    await expect(writes.addFacts([fact('repo:b', '2026-11-01')])).rejects.toBe(failure);
    await expect(writes.setState('stars:b', 'x')).rejects.toBe(failure);
    await expect(writes.flush()).rejects.toBe(failure);
    expect(r.calls).toEqual([]);
    expect(r.stored.has('stars:a')).toBe(false);
    expect(writes.stored).toBe(0);
  });
});
