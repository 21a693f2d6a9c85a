// A benchmark's command line (bench/common.ts benchArgs): --help says what the script measures and
// its options; a wrong flag is refused in one line with exit code 2 before anything is measured.
// Each case starts the script as a user does; none of them runs a benchmark.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../collector/config.ts';

function bench(script: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [path.join('bench', script), ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('a benchmark script reads its command line', () => {
  it('prints its opening comment and every option with its default for --help, and exits 0', () => {
    const run = bench('run.ts', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^`npm run bench`: every benchmark in turn/);
    expect(run.stdout).toContain('\nOptions:\n  --only ONLY\n  --sizes SIZES (default 5e6)\n');
    expect(run.stdout).toContain('  --repeat REPEAT (default 5)\n  --help, -h\n');
    expect(run.stderr).toBe('');
  });

  it('gives -h the same text, and a script without options its comment alone', () => {
    expect(bench('run.ts', '-h').stdout).toBe(bench('run.ts', '--help').stdout);
    const report = bench('report.ts', '--help');
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^Writes BENCHMARKS\.md from bench\/results\/\*\.json/);
    expect(report.stdout).toMatch(/\nOptions:\n {2}--help, -h\n$/);
  });

  it.each([
    [['queries.ts', '--repeat', '0'], 'bench/queries.ts: --repeat: "0" is not a whole number of at least 1 (--help lists the options)'],
    [['run.ts', '--sizes', '5e6,5q'], 'bench/run.ts: --sizes: "5q" is not a positive whole number (write 5e6 or 5000000) (--help lists the options)'],
    [['run.ts', '--only', 'store,nope'], 'bench/run.ts: --only: no benchmark nope; there are store, github-cost, collect, queries, query-start, ingest, build, maintenance, site (--help lists the options)'],
    [['generate.ts', '--facts', '1.5'], 'bench/generate.ts: --facts: "1.5" is not a whole number of at least 1 (--help lists the options)'],
    [['collect.ts', '--since', '2025-13-45'], 'bench/collect.ts: --since: "2025-13-45" is not a date written YYYY-MM-DD (--help lists the options)'],
    [['site.ts', '--sizes', '5e6'], "bench/site.ts: Unknown option '--sizes' (--help lists the options)"],
    [['build.ts', '--families'], "bench/build.ts: Option '--families <value>' argument missing (--help lists the options)"],
    [['store.ts', 'extra'], "bench/store.ts: Unexpected argument 'extra'. This command does not take positional arguments (--help lists the options)"],
    [['queries.ts', '--help=yes'], 'bench/queries.ts: --help takes no value (--help lists the options)'],
  ])('refuses %j in one line, exit 2, nothing run', (args, line) => {
    const [script, ...rest] = args as [string, ...string[]];
    const run = bench(script, ...rest);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.stdout).toBe('');
  });
});
