// The SQL the store runs on an engine that lacks a feature a named query uses: the same query,
// with the CTEs it materializes inlined, and without the planner settings it may not set.
import { describe, expect, it } from 'vitest';
import { inlineMaterializedCtes, TUNING_SETTINGS, withoutTuning } from '../../collector/store/index.ts';

describe('SQL for an older engine', () => {
  it('inlines the CTEs a query materializes', () => {
    expect(inlineMaterializedCtes('WITH a AS MATERIALIZED (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b')).toBe('WITH a AS (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b');
  });

  it('leaves the planner settings out of the SETTINGS clause that ends a query, and keeps the others', () => {
    expect(TUNING_SETTINGS).toContain('optimize_and_compare_chain');
    expect(withoutTuning('SELECT 1\n-- a comment\nSETTINGS optimize_and_compare_chain = 0')).toBe('SELECT 1\n-- a comment');
    expect(withoutTuning('SELECT 1\nSETTINGS join_use_nulls = 1, optimize_and_compare_chain = 0')).toBe('SELECT 1\nSETTINGS join_use_nulls = 1');
    expect(withoutTuning('SELECT 1\nSETTINGS optimize_and_compare_chain=0, join_use_nulls = 1  ')).toBe('SELECT 1\nSETTINGS join_use_nulls = 1');
  });

  it('changes nothing else', () => {
    for (const sql of ['SELECT 1', 'SELECT 1\nSETTINGS join_use_nulls = 1', "SELECT 'SETTINGS optimize_and_compare_chain = 0' AS text FROM t WHERE x = 1"]) {
      expect(withoutTuning(sql)).toBe(sql);
    }
  });
});
