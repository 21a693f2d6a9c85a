import { describe, expect, it } from 'vitest';
import { buildCommand } from '../../bench/build.ts';

describe('the build benchmark says how to measure every row it keeps', () => {
  it('gives one command per number of families, its sizes in order', () => {
    const rows = [
      { facts: 50_000_000, families: 92 },
      { facts: 100_000, families: 100 },
      { facts: 100_000, families: 92 },
      { facts: 20_000_000, families: 92 },
      { facts: 50_000_000, families: 100 },
    ];
    expect(buildCommand(rows)).toBe('node bench/build.ts --sizes 1e5,2e7,5e7 --families 92; node bench/build.ts --sizes 1e5,5e7 --families 100');
  });

  it('gives the rows of openpulse main their own command, after the builds', () => {
    const rows = [
      { facts: 50_000_000, families: 92, command: 'main' as const },
      { facts: 50_000_000, families: 92 },
      { facts: 100_000, families: 92, command: 'build' as const },
    ];
    expect(buildCommand(rows)).toBe('node bench/build.ts --sizes 1e5,5e7 --families 92; node bench/build.ts --sizes 5e7 --families 92 --command main');
  });

  it('gives a single command for rows of one catalog', () => {
    expect(buildCommand([{ facts: 5_000_000, families: 92 }])).toBe('node bench/build.ts --sizes 5e6 --families 92');
  });
});
