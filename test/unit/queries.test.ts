// The named-query header parser and parameter resolution (no database).

import { describe, expect, it } from 'vitest';
import { getNamedQuery, namedQueries, parseArrayText, parseNamedQuery, resolveParams } from '../../queries/index.ts';

const TEXT = `-- growth: change over a window
-- params: metric Enum('projects', 'stars'), from Date = 2022-11-01, families Array(String) = []
-- returns: family String, pct_change Nullable(Float64), last DateTime64(3, 'UTC')
SELECT {metric:Enum('projects', 'stars')}, {from:Date}, {families:Array(String)};
`;

describe('parseNamedQuery', () => {
  it('reads the name, purpose, typed parameters with defaults and typed columns', () => {
    const q = parseNamedQuery(TEXT, 'queries/growth.sql');
    expect(q.name).toBe('growth');
    expect(q.description).toBe('change over a window');
    expect(q.params).toEqual([
      { name: 'metric', type: "Enum('projects', 'stars')" },
      { name: 'from', type: 'Date', default: '2022-11-01' },
      { name: 'families', type: 'Array(String)', default: '[]' },
    ]);
    expect(q.returns).toEqual([
      { name: 'family', type: 'String' },
      { name: 'pct_change', type: 'Nullable(Float64)' },
      { name: 'last', type: "DateTime64(3, 'UTC')" },
    ]);
    expect(q.sql).toBe("SELECT {metric:Enum('projects', 'stars')}, {from:Date}, {families:Array(String)}");
  });

  it('names the file and line of a missing header', () => {
    expect(() => parseNamedQuery('SELECT 1', 'queries/x.sql')).toThrow(/queries\/x\.sql:1: expected a header line "-- x: …"/);
    expect(() => parseNamedQuery('-- x: y\n-- returns: a String\nSELECT 1', 'queries/x.sql')).toThrow(/x\.sql:2: expected a header line "-- params: …"/);
  });

  it('refuses a declared parameter the SQL never binds', () => {
    expect(() => parseNamedQuery('-- x: y\n-- params: day Date\n-- returns: a String\nSELECT 1', 'queries/x.sql')).toThrow(/parameter day is declared but the SQL never binds/);
  });
});

describe('parseArrayText', () => {
  it('reads a comma list and the empty forms', () => {
    expect(parseArrayText('llama, gpt,,qwen')).toEqual(['llama', 'gpt', 'qwen']);
    expect(parseArrayText('[]')).toEqual([]);
    expect(parseArrayText('')).toEqual([]);
  });
});

describe('resolveParams', () => {
  const q = parseNamedQuery(TEXT, 'queries/growth.sql');

  it('fills defaults and turns array text into arrays', () => {
    expect(resolveParams(q, { metric: 'stars' })).toEqual({ metric: 'stars', from: '2022-11-01', families: [] });
    expect(resolveParams(q, { metric: 'stars', families: 'llama,gpt' })).toEqual({ metric: 'stars', from: '2022-11-01', families: ['llama', 'gpt'] });
  });

  it('says which parameter is missing or unknown', () => {
    expect(() => resolveParams(q, {})).toThrow(/query growth needs parameter metric \(Enum\('projects', 'stars'\)\)/);
    expect(() => resolveParams(q, { metric: 'stars', form: '2023-01-01' })).toThrow(/query growth has no parameter "form"/);
  });
});

describe('the queries folder', () => {
  it('holds every query of the contract in queries/README.md', () => {
    const contract = [
      'families', 'family_items', 'release_events', 'reference_points', 'project_counts_by_family', 'project_counts_by_openness',
      'metric_by_family', 'metric_by_openness', 'open_share', 'headline_figures', 'growth_by_family', 'growth_by_openness',
      'top_movers', 'metric_by_region', 'leaderboard_openness', 'family_metrics', 'family_subjects_latest', 'data_freshness',
    ];
    const names = [...namedQueries().keys()];
    expect(contract.filter((c) => !names.includes(c))).toEqual([]);
  });

  it('suggests near names for an unknown query', () => {
    expect(() => getNamedQuery('growth')).toThrow(/no named query "growth"/);
    try {
      getNamedQuery('growth');
    } catch (error) {
      expect((error as { hint?: string }).hint).toMatch(/did you mean growth_by_family, growth_by_openness/);
    }
  });
});
