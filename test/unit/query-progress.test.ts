// How a long query shows itself (commands/query.ts queryProgress): nothing for a query of a few
// seconds; past five, the rows taken so far every five seconds, and an aligned table's writing.

import { describe, expect, it } from 'vitest';
import { queryProgress } from '../../collector/commands/query.ts';
import { fakeIO } from '../helpers/cli.ts';

function clockAt(start: number) {
  let now = start;
  return {
    clock: { now: () => new Date(now), sleep: async (ms: number) => void (now += ms) },
    advance: (ms: number) => void (now += ms),
  };
}

describe('a query that takes long', () => {
  it('says nothing in its first five seconds, then its rows every five seconds', () => {
    const time = clockAt(Date.parse('2026-12-07T12:00:00Z'));
    const { io, lines } = fakeIO({ clock: time.clock });
    const progress: string[] = [];
    io.log.progress = (label, done, total) => progress.push(`${label} ${done}/${total}`);
    const shown = queryProgress(io, 'query');
    shown.onRows!(65_409);
    time.advance(4_000);
    shown.onRows!(130_818);
    shown.onTable!(10, 100);
    expect(lines).toEqual([]);
    expect(progress).toEqual([]);
    time.advance(1_000);
    shown.onRows!(196_227);
    time.advance(2_000);
    shown.onRows!(261_636);
    time.advance(3_000);
    shown.onRows!(327_045);
    shown.onTable!(100, 327_045);
    expect(lines).toEqual(['query: 196227 rows so far', 'query: 327045 rows so far']);
    expect(progress).toEqual(['query: table lines 100/327045']);
  });
});
