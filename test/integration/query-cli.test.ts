// openpulse query end to end through the CLI dispatcher, on the embedded store
// loaded with the named-query fixture.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCsv, toTsv } from '../../charts/csv.ts';
import { toAlignedTable, toMarkdownTable } from '../../collector/export/table.ts';
import { namedQueries } from '../../queries/index.ts';
import { FAMILY_METRIC_IDS } from '../../registry/metrics.ts';
import { SCOPE_IDS } from '../../registry/openness.ts';
import { runInProcess } from '../helpers/cli.ts';
import { openFixtureStore, type FixtureStore } from './queries.fixture.ts';

let fixture: FixtureStore;
let work: string;

const openpulse = (...argv: string[]) => runInProcess([...argv, '--data-dir', fixture.dataDir]);

beforeAll(async () => {
  fixture = await openFixtureStore();
  // the command opens the store itself: one store per directory at a time
  await fixture.release();
  work = await mkdtemp(path.join(os.tmpdir(), 'openpulse-query-cli-'));
});

afterAll(async () => {
  await fixture?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('named queries', () => {
  it('prints an aligned table, numbers right-aligned, row count on stderr', async () => {
    const r = await openpulse('query', 'growth_by_openness', '--param', 'metric=projects', '--param', 'from=2024-01-01', '--param', 'to=2024-01-15');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        // gamma's search starts on 2024-01-08, inside the window: left out of the open families (series_breaks lists it)
        'openness  start_value  end_value  change  pct_change  start_day   end_day     families',
        '--------  -----------  ---------  ------  ----------  ----------  ----------  --------',
        'closed            200        230      30          15  2024-01-01  2024-01-15         2',
        'open              100        150      50          50  2024-01-01  2024-01-15         1',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toMatch(/^2 rows$/m);
  });

  it('binds an array parameter from a comma list', async () => {
    const r = await openpulse('query', 'project_counts_by_family', '-p', 'from=2024-01-15', '-p', 'to=2024-01-15', '-p', 'families=alpha,delta', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('day,family,name,openness,projects,searches,is_reference,starts,stops\r\n2024-01-15,alpha,Alpha,open-weights-restricted,150,1,0,0,0\r\n2024-01-15,delta,Delta,closed,10,1,0,0,0\r\n');
  });

  it('--list shows every named query with its parameters and columns', async () => {
    const r = await openpulse('query', '--list');
    expect(r.code).toBe(0);
    for (const name of namedQueries().keys()) expect(r.stdout).toContain(`${name}\n`);
    expect(r.stdout).toContain("top_movers\n  the families whose metric changed most");
    // registry vocabularies are shown as the Enum they stand for
    const metrics = `Enum(${FAMILY_METRIC_IDS.map((m) => `'${m}'`).join(', ')})`;
    expect(r.stdout).toContain(`params:  metric ${metrics}, from Date = 2022-11-01, to Date = 2100-01-01, limit UInt32 = 10`);
    expect(r.stdout).toContain(`scope Enum(${SCOPE_IDS.map((s) => `'${s}'`).join(', ')}) = text_models`);
    const json = JSON.parse((await openpulse('query', '--list', '--format', 'json')).stdout) as { name: string; params: unknown[] }[];
    expect(json.map((q) => q.name)).toEqual([...namedQueries().keys()]);
  });
});

describe('formats', () => {
  const sql = "SELECT number AS n, concat('=x', toString(number)) AS s, if(number = 1, NULL, -number) AS m FROM numbers(2)";

  it('csv: RFC 4180 with formulas neutralised; numbers untouched', async () => {
    expect((await openpulse('query', sql, '--format', 'csv')).stdout).toBe("n,s,m\r\n0,'=x0,0\r\n1,'=x1,\r\n");
  });

  it('tsv', async () => {
    expect((await openpulse('query', sql, '--format', 'tsv')).stdout).toBe("n\ts\tm\n0\t'=x0\t0\n1\t'=x1\t\n");
  });

  it('json and ndjson come from ClickHouse\'s JSONEachRow', async () => {
    expect(JSON.parse((await openpulse('query', sql, '--format', 'json')).stdout)).toEqual([
      { n: 0, s: '=x0', m: 0 },
      { n: 1, s: '=x1', m: null },
    ]);
    expect((await openpulse('query', sql, '--format', 'ndjson')).stdout).toBe('{"n":0,"s":"=x0","m":0}\n{"n":1,"s":"=x1","m":null}\n');
  });

  it('markdown escapes pipes', async () => {
    expect((await openpulse('query', "SELECT 'a|b' AS t, 2 AS n", '--format', 'markdown')).stdout).toBe('| t | n |\n| --- | ---: |\n| a\\|b | 2 |\n');
  });

  it('parquet to a file (format from the extension), readable by ClickHouse again', async () => {
    const file = path.join(work, 'share.parquet');
    const r = await openpulse('query', 'open_share', '-p', 'from=2024-01-01', '--out', file);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const back = await openpulse('query', `SELECT day, open, closed FROM file('${file}', Parquet) ORDER BY day`, '--format', 'csv', '--write');
    // gamma (from 2024-01-08) does not cover the window: 2024-01-15's open value is alpha's alone
    expect(back.stdout).toBe('day,open,closed\r\n2024-01-01,100,200\r\n2024-01-15,150,230\r\n');
  });
});

describe('a result of many blocks, written as the engine makes it', () => {
  // more rows than one block of the engine's (65,409), with strings that a careless writer breaks
  const sql = "SELECT number AS n, if(number % 3 = 0, NULL, concat('名字|=', toString(number))) AS s, [number, 2] AS a FROM numbers(200000)";
  const columns = [
    { name: 'n', type: 'UInt64' },
    { name: 's', type: 'Nullable(String)' },
    { name: 'a', type: 'Array(UInt64)' },
  ];
  const rows = Array.from({ length: 200000 }, (_, n) => [n, n % 3 === 0 ? null : `名字|=${n}`, [n, 2]]);
  const names = columns.map((c) => c.name);
  const expected: Record<string, () => string> = {
    csv: () => toCsv(names, rows),
    tsv: () => toTsv(names, rows),
    markdown: () => toMarkdownTable({ columns, rows }),
    table: () => toAlignedTable({ columns, rows }),
    ndjson: () => rows.map(([n, s, a]) => `${JSON.stringify({ n, s, a })}\n`).join(''),
  };

  it.each(Object.keys(expected))('%s: the text of the whole result, the header once, to standard output and to --out', async (format) => {
    const r = await openpulse('query', sql, '--format', format);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout === expected[format]!()).toBe(true);
    expect(r.stderr).toMatch(/^200000 rows$/m);
    const file = path.join(work, `many.${format}`);
    expect((await openpulse('query', sql, '--format', format, '--out', file)).code).toBe(0);
    expect((await readFile(file, 'utf8')) === r.stdout).toBe(true);
  });

  it('parquet to standard output: the bytes of the --out file, and no file left behind', async () => {
    const file = path.join(work, 'many.parquet');
    expect((await openpulse('query', sql, '--out', file)).code).toBe(0);
    const before = (await readdir(os.tmpdir())).filter((name) => name.startsWith('openpulse-output-'));
    const r = await openpulse('query', sql, '--format', 'parquet');
    expect(r.code, r.stderr).toBe(0);
    expect(r.bytes.equals(await readFile(file))).toBe(true);
    expect((await readdir(os.tmpdir())).filter((name) => name.startsWith('openpulse-output-'))).toEqual(before);
  });

  it('json: one array of every row', async () => {
    const r = await openpulse('query', sql, '--format', 'json');
    expect(JSON.parse(r.stdout)).toEqual(rows.map(([n, s, a]) => ({ n, s, a })));
    expect((await openpulse('query', 'SELECT 1 AS x WHERE 0', '--format', 'json')).stdout).toBe('[]\n');
  });

  it('a failure part way through leaves no --out file (and none under a temporary name)', async () => {
    const dir = await mkdtemp(path.join(work, 'fails-'));
    const file = path.join(dir, 'late.csv');
    // the engine fails in a block after the first has been written
    const r = await openpulse('query', 'SELECT number, throwIf(number = 150000, \'late failure\') AS x FROM numbers(200000) SETTINGS max_block_size = 10000', '--out', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ClickHouse error 395 \(FUNCTION_THROW_IF_VALUE_IS_NON_ZERO\)/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('SQL files', () => {
  it('a file with a named-query header gets its defaults and parameter checks', async () => {
    const file = path.join(work, 'family-projects.sql');
    await writeFile(
      file,
      "-- family-projects: collected projects of one family since 2024-01-08\n-- params: family String = alpha\n-- returns: day Date, projects Float64\nSELECT day, value AS projects FROM family_daily\nWHERE family = {family:String} AND metric = 'projects' AND is_reference = 0 AND day >= '2024-01-08'\nORDER BY day;\n",
    );
    expect((await openpulse('query', file, '-f', 'csv')).stdout).toBe('day,projects\r\n2024-01-08,125\r\n2024-01-15,150\r\n');
    expect((await openpulse('query', file, '-f', 'csv', '-p', 'family=gamma')).stdout).toBe('day,projects\r\n2024-01-08,50\r\n2024-01-15,40\r\n');
    const wrong = await openpulse('query', file, '-p', 'famly=gamma');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/query family-projects has no parameter "famly"\n  → its parameters: family String/);
  });

  it('a plain .sql file runs as it is, with --param values bound', async () => {
    const file = path.join(work, 'plain.sql');
    await writeFile(file, "SELECT day, value FROM family_daily\nWHERE family = {family:String} AND metric = 'projects' AND is_reference = 0 AND day >= {from:Date}\nORDER BY day;\n");
    const r = await openpulse('query', file, '-p', 'family=alpha', '-p', 'from=2024-01-08', '-f', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('day,value\r\n2024-01-08,125\r\n2024-01-15,150\r\n');
  });
});

describe('errors and exit codes', () => {
  it('a syntax error: exit 1, ClickHouse\'s message, the line and column with a caret, no stack trace', async () => {
    const r = await openpulse('query', 'SELECT family,\n  count(\nFROM facts');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // ClickHouse points at the parenthesis that is never closed
    expect(r.stderr).toMatch(/^openpulse query: ClickHouse error 62 \(SYNTAX_ERROR\) in the SQL given at line 2, column 8\n    count\(\n         \^\nSyntax error: failed at position \d+ \(\(\)/);
    expect(r.stderr).toMatch(/Unmatched parentheses/);
    const typo = await openpulse('query', 'SELECT 1\nFROM facts\nWHER x = 1');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/at line 3, column 6\n  WHER x = 1\n       \^\n/);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.(ts|js):\d+/);
  });

  it('an unknown column: exit 1, ClickHouse\'s message and where the name is', async () => {
    const r = await openpulse('query', 'SELECT family,\n       stars\nFROM facts');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/ClickHouse error 47 \(UNKNOWN_IDENTIFIER\) in the SQL given at line 2, column 8\n         stars\n         \^\nUnknown expression identifier `stars`/);
  });

  it('a bad parameter value: exit 1 with ClickHouse\'s parse message', async () => {
    const r = await openpulse('query', 'metric_by_family', '-p', 'metric=forks');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/in query metric_by_family \(queries\/metric_by_family\.sql\)\nUnknown element 'forks' for enum/);
  });

  it.each([
    [['query'], /no query given/],
    [['query', 'SELECT 1', 'SELECT 2'], /one query at a time/],
    [['query', 'open_share', '--param', 'from'], /--param "from" is not name=value/],
    [['query', 'open_share', '-p', 'from=2023-01-01', '-p', 'from=2024-01-01'], /--param from is given twice/],
    [['query', 'open_share', '--format', 'xlsx'], /unknown format "xlsx"\n  → use one of table, csv, tsv, json, ndjson, markdown, parquet/],
    [['query', 'growth'], /no named query "growth"\n  → did you mean growth_by_family, growth_by_openness/],
    [['query', 'growth_by_family'], /query growth_by_family needs parameter metric/],
    [['query', 'missing-file.sql'], /cannot read the SQL file missing-file\.sql: ENOENT/],
    [['query', '--nope'], /Unknown option '--nope'/],
  ])('usage error %j: exit 2', async (argv, message) => {
    const r = await openpulse(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});

describe('read-only unless --write', () => {
  it('INSERT, ALTER and DROP are refused without --write and run with it', async () => {
    const insert = "INSERT INTO source_state (source, key, value, updated_at) SELECT 'test', 'k', 'v', now64(3)";
    const refused = await openpulse('query', insert);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refused: this INSERT statement changes data, and the store is read-only here\n  → pass --write/);
    const count = async () => (await openpulse('query', "SELECT count() AS n FROM source_state WHERE source = 'test'", '-f', 'csv')).stdout;
    expect(await count()).toBe('n\r\n0\r\n');
    expect((await openpulse('query', insert, '--write')).code).toBe(0);
    expect(await count()).toBe('n\r\n1\r\n');

    const alter = "ALTER TABLE source_state DELETE WHERE source = 'test' SETTINGS mutations_sync = 1";
    expect((await openpulse('query', alter)).stderr).toMatch(/refused: this ALTER statement/);
    expect((await openpulse('query', alter, '--write')).code).toBe(0);
    expect(await count()).toBe('n\r\n0\r\n');

    expect((await openpulse('query', 'CREATE TABLE scratch (a UInt8) ENGINE = Memory')).code).toBe(2);
    expect((await openpulse('query', 'CREATE TABLE scratch (a UInt8) ENGINE = Memory', '--write')).code).toBe(0);
    const drop = await openpulse('query', 'DROP TABLE scratch');
    expect(drop.code).toBe(2);
    expect(drop.stderr).toMatch(/refused: this DROP statement changes data/);
    expect((await openpulse('query', 'DROP TABLE scratch', '--write')).code).toBe(0);
    expect((await openpulse('query', "EXISTS TABLE scratch", '-f', 'csv')).stdout).toBe('result\r\n0\r\n');
  });

  const counts = async () => (await openpulse('query', 'SELECT (SELECT count() FROM facts) AS facts, (SELECT count() FROM observations) AS observations', '-f', 'csv')).stdout;

  it.each([
    ['SELECT 1; DROP TABLE facts', /the text holds 2 statements; OpenPulse runs exactly one at a time/],
    ['SELECT 1; TRUNCATE TABLE observations', /holds 2 statements/],
    ['SELECT 1; ALTER TABLE observations DELETE WHERE 1 SETTINGS mutations_sync = 1', /holds 2 statements/],
    ['SET readonly = 0; DROP TABLE facts', /holds 2 statements/],
    ['SELECT 1; SELECT 2', /holds 2 statements/],
    ['SET readonly = 0', /refused: this SET statement changes settings or acts outside the store/],
    ['TRUNCATE TABLE observations', /refused: this TRUNCATE statement changes data/],
    ["SELECT * FROM url('http://127.0.0.1:9/x.csv', CSV, 'a String')", /refused the table function url\(\): it reads files, other servers or the network/],
    ["SELECT * FROM s3('http://127.0.0.1:9/bucket/x.csv', CSV, 'a String')", /refused the table function s3\(\)/],
    ["SELECT * FROM file('/etc/hostname', LineAsString)", /refused the table function file\(\)/],
    ["SELECT count() FROM facts WHERE subject IN (SELECT * FROM remote('127.0.0.1:9', system.one))", /refused the table function remote\(\)/],
    ["SELECT * FROM executable('x.sh', TSV, 'a String')", /refused the table function executable\(\)/],
  ])('refuses %j without running any of it, and the store is intact', async (sql, message) => {
    const before = await counts();
    const r = await openpulse('query', sql);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/nothing was run/);
    expect(r.stdout).toBe('');
    expect(await counts()).toBe(before);
    expect(before).toMatch(/^facts,observations\r\n[1-9]\d*,[1-9]\d*\r\n$/);
  });

  it('refuses INTO OUTFILE: no file is written', async () => {
    const target = path.join(work, 'outfile.csv');
    const r = await openpulse('query', `SELECT 1 INTO OUTFILE '${target}' TRUNCATE FORMAT CSV`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused INTO OUTFILE '.*outfile\.csv': a query writes no files\n  → drop INTO OUTFILE and use --out FILE/);
    await expect(readFile(target)).rejects.toThrow(/ENOENT/);
  });

  it('runs exactly one statement even with --write', async () => {
    const r = await openpulse('query', 'SELECT 1; DROP TABLE facts', '--write');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds 2 statements/);
    expect((await openpulse('query', 'EXISTS TABLE facts', '-f', 'csv')).stdout).toBe('result\r\n1\r\n');
  });

  it('allows what only reads: EXPLAIN, local table functions, SETTINGS, a trailing semicolon', async () => {
    expect((await openpulse('query', 'EXPLAIN SELECT 1')).code).toBe(0);
    // the store's parameterized views are called like table functions, and read only the store
    const view = await openpulse('query', "SELECT count() > 0 AS some FROM family_window(metric = 'projects', series = 'collected', from = '2024-01-01', to = '2024-12-31', families = [], scope = 'all')", '-f', 'csv');
    expect(view.stdout, view.stderr).toBe('some\r\n1\r\n');
    expect((await openpulse('query', 'SELECT sum(number) AS s FROM numbers(4);', '-f', 'csv')).stdout).toBe('s\r\n6\r\n');
    expect((await openpulse('query', 'SELECT 1 AS one SETTINGS max_threads = 1', '-f', 'csv')).stdout).toBe('one\r\n1\r\n');
    expect((await openpulse('query', "SELECT ';DROP TABLE facts' AS s -- ; DROP TABLE facts", '-f', 'csv')).stdout).toBe('s\r\n;DROP TABLE facts\r\n');
  });

  it('says to use --format when the SQL names its own FORMAT', async () => {
    const r = await openpulse('query', 'SELECT 1 FORMAT CSV');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/the SQL ends in FORMAT CSV; OpenPulse sets the output format itself\n  → drop the FORMAT clause and pass --format/);
  });

  it('runs INSERT … VALUES with --write', async () => {
    const r = await openpulse('query', "INSERT INTO source_state (source, key, value) VALUES ('t', 'k', 'inserted by values')", '--write');
    expect(r.code, r.stderr).toBe(0);
    const back = await openpulse('query', "SELECT value FROM source_state WHERE source = 't' AND key = 'k'", '--format', 'csv');
    expect(back.stdout).toContain('inserted by values');
  });
});

describe('--batch: many queries in one process', () => {
  it('runs every line into its own file, the same bytes as one query at a time, and says where each went', async () => {
    const dir = await mkdtemp(path.join(work, 'batch-'));
    const file = path.join(dir, 'exports.txt');
    const growth = path.join(dir, 'growth.csv');
    const counts = path.join(dir, 'counts by family.md');
    const sql = path.join(dir, 'families.ndjson');
    await writeFile(file, [
      '# growth since January, then the project counts of two families',
      `growth_by_openness --param metric=projects -p from=2024-01-01 -p to=2024-01-15 --out ${growth}`,
      '',
      `project_counts_by_family -p from=2024-01-15 -p to=2024-01-15 -p families=alpha,delta --format markdown --out "${counts}"`,
      `"SELECT id, name FROM families ORDER BY id LIMIT 2" --out '${sql}'`,
    ].join('\n'));
    const r = await openpulse('query', '--batch', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`exports.txt:2: query growth_by_openness (queries/growth_by_openness.sql): 2 rows written to ${growth}`);
    expect(r.stderr).toContain(`exports.txt:4: query project_counts_by_family (queries/project_counts_by_family.sql): 2 rows written to ${counts}`);
    expect(r.stderr).toMatch(/3 queries in .*exports\.txt written/);
    const single = await openpulse('query', 'growth_by_openness', '--param', 'metric=projects', '--param', 'from=2024-01-01', '--param', 'to=2024-01-15', '--format', 'csv');
    expect(await readFile(growth, 'utf8')).toBe(single.stdout);
    expect(await readFile(counts, 'utf8')).toMatch(/^\| day \| family \| name \|/);
    expect((await readFile(sql, 'utf8')).trim().split('\n').map((l) => Object.keys(JSON.parse(l)))).toEqual([['id', 'name'], ['id', 'name']]);
  });

  it('checks every line before any runs: each bad line named with what to do, nothing written (exit 2)', async () => {
    const dir = await mkdtemp(path.join(work, 'batch-bad-'));
    const file = path.join(dir, 'bad.txt');
    const good = path.join(dir, 'good.csv');
    await writeFile(file, [
      `families --out ${good}`,
      'top_movers --param metric=tokens',
      `no_such_query --out ${path.join(dir, 'x.csv')}`,
      `growth_by_family --param metric=stars --write --out ${path.join(dir, 'y.csv')}`,
      `"SELECT 1 --out ${path.join(dir, 'z.csv')}`,
      `families --format csv --out ${good}`,
      `growth_by_family --param metric=stars --param nosuch=1 --out ${path.join(dir, 'w.csv')}`,
    ].join('\n'));
    const r = await openpulse('query', '--batch', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the batch');
    expect(r.stderr).toContain('has 6 bad lines; nothing was run');
    expect(r.stderr).toMatch(/bad\.txt:2: no --out: a batch writes each result to a file of its own/);
    expect(r.stderr).toMatch(/bad\.txt:3: no named query "no_such_query"/);
    expect(r.stderr).toMatch(/bad\.txt:4: Unknown option '--write'\n\s+→ .*--write, if wanted, goes on the command line/);
    expect(r.stderr).toMatch(/bad\.txt:5: a double quote opened at column 1 is not closed/);
    expect(r.stderr).toMatch(/bad\.txt:6: --out .*good\.csv is line 1's file too/);
    expect(r.stderr).toMatch(/bad\.txt:7: query growth_by_family has no parameter "nosuch"/);
    await expect(readFile(good)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('a query that fails as it runs is reported with its line; the others are written (exit 1)', async () => {
    const dir = await mkdtemp(path.join(work, 'batch-run-'));
    const file = path.join(dir, 'run.txt');
    const broken = path.join(dir, 'broken.csv');
    const fine = path.join(dir, 'fine.csv');
    const writes = path.join(dir, 'writes.csv');
    await writeFile(file, [`"SELECT no_such_column FROM facts" --out ${broken}`, `families --out ${fine}`, `"DROP TABLE observations" --out ${writes}`].join('\n'));
    const r = await openpulse('query', '--batch', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/run\.txt:1: ClickHouse error 47 \(UNKNOWN_IDENTIFIER\) in the SQL given at line 1, column 8/);
    expect(r.stderr).toMatch(/run\.txt:3: the SQL given: refused: this DROP statement changes data/);
    expect(r.stderr).toMatch(/2 of 3 queries in .*run\.txt failed \(above\); the other results are written/);
    expect((await readFile(fine, 'utf8')).split('\r\n')[0]).toMatch(/^id,name,/);
    for (const f of [broken, writes]) await expect(readFile(f)).rejects.toMatchObject({ code: 'ENOENT' });
    // the store is as it was
    const still = await openpulse('query', 'SELECT count() AS n FROM system.tables WHERE name = \'observations\'', '--format', 'csv');
    expect(still.stdout).toBe('n\r\n1\r\n');
  });

  it('refuses a query, --param, --format or --out beside --batch, and a file it cannot read', async () => {
    const beside = await openpulse('query', 'families', '--batch', 'x.txt', '--out', 'y.csv');
    expect(beside.code).toBe(2);
    expect(beside.stderr).toContain('--batch runs the queries in x.txt; a query (families), --out belong on its lines');
    const missing = await openpulse('query', '--batch', path.join(work, 'nowhere.txt'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the batch file .*nowhere\.txt: ENOENT/);
    const empty = path.join(work, 'empty.txt');
    await writeFile(empty, '# nothing yet\n\n');
    expect((await openpulse('query', '--batch', empty)).stderr).toMatch(/has no query \(only blank lines and # comments\)/);
  });
});
