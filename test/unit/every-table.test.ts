// The Leaderboard page's "Every table" lists the newest publications only, each with all its rows.

import { describe, expect, it } from 'vitest';
import { EVERY_TABLE_SHOWN, newestTables } from '../../site/lib/every-table.ts';

const row = (table_date: string, cls: string) => ({ table_date, class: cls });

describe('newestTables', () => {
  it('lists publications newest first, each with its rows in the order given, and counts them all', () => {
    const rows = [row('2024-01-02', 'closed'), row('2024-01-02', 'open'), row('2024-03-01', 'closed'), row('2024-03-01', 'open'), row('2024-03-01', 'unknown'), row('2024-02-10', 'open')];
    expect(newestTables(rows, 2)).toEqual({
      shown: [
        ['2024-03-01', [row('2024-03-01', 'closed'), row('2024-03-01', 'open'), row('2024-03-01', 'unknown')]],
        ['2024-02-10', [row('2024-02-10', 'open')]],
      ],
      total: 3,
    });
  });

  it(`keeps ${EVERY_TABLE_SHOWN} publications of years of daily ones, and every publication of fewer`, () => {
    const days = Array.from({ length: 1489 }, (_, i) => new Date(Date.UTC(2022, 10, 1 + i)).toISOString().slice(0, 10));
    const rows = days.flatMap((d) => [row(d, 'closed'), row(d, 'open')]);
    const { shown, total } = newestTables(rows);
    expect(total).toBe(1489);
    expect(shown).toHaveLength(EVERY_TABLE_SHOWN);
    expect(shown[0]![0]).toBe(days.at(-1));
    expect(shown.at(-1)![0]).toBe(days.at(-EVERY_TABLE_SHOWN));
    expect(shown.every(([, r]) => r.length === 2)).toBe(true);
    expect(newestTables(rows.slice(0, 20)).shown.map(([d]) => d)).toEqual(days.slice(0, 10).reverse());
    expect(newestTables([])).toEqual({ shown: [], total: 0 });
  });
});
