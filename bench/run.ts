// `npm run bench`: every benchmark in turn, each in its own process (chDB allows one
// store directory per process, and a benchmark's memory is its own), then BENCHMARKS.md
// from all of bench/results/*.json. Never part of `npm test`.
//   node bench/run.ts [--only store,github-cost,collect,queries,query-start,ingest,build,maintenance,site] [--sizes 5e6,20e6,50e6]
//                     [--ingest-sizes 1e6] [--build-sizes 1e6] [--start-sizes 1e5] [--maintenance-sizes 1e6] [--repeat 5]
// A benchmark that fails is reported and the others still run; the exit code is then 1.

import path from 'node:path';
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../collector/config.ts';
import { benchArgs, parseSizes, refuseArgs, wholeArg } from './common.ts';
import { writeBenchmarks } from './report.ts';

const values = benchArgs(import.meta, {
  only: { type: 'string' },
  sizes: { type: 'string', default: '5e6' },
  'ingest-sizes': { type: 'string', default: '1e6' },
  'build-sizes': { type: 'string', default: '1e6' },
  'start-sizes': { type: 'string', default: '1e5' },
  'maintenance-sizes': { type: 'string', default: '1e6' },
  repeat: { type: 'string', default: '5' },
});
// Checked before anything runs, so a typo does not cost a benchmark's minutes first.
parseSizes(values.sizes);
parseSizes(values['ingest-sizes'], '--ingest-sizes');
parseSizes(values['build-sizes'], '--build-sizes');
parseSizes(values['start-sizes'], '--start-sizes');
parseSizes(values['maintenance-sizes'], '--maintenance-sizes');
wholeArg(values.repeat, '--repeat');

/** Every benchmark, in the order it runs, with its arguments. */
const BENCHES: { name: string; what: string; args: string[] }[] = [
  { name: 'store', what: 'ingest through store.insert and named queries on the default catalog', args: ['--repeat', values.repeat] },
  { name: 'github-cost', what: 'GitHub requests and rate-limit points against the simulator', args: [] },
  { name: 'collect', what: 'one collection and the backfills of a generated catalog, every source, against the simulator', args: [] },
  { name: 'queries', what: `every named query at ${values.sizes} facts`, args: ['--sizes', values.sizes, '--repeat', values.repeat] },
  { name: 'query-start', what: `what openpulse query and status cost before the engine answers, on ${values['start-sizes']} facts`, args: ['--sizes', values['start-sizes']] },
  { name: 'ingest', what: `openpulse import next to the engine at ${values['ingest-sizes']} facts`, args: ['--sizes', values['ingest-sizes']] },
  { name: 'build', what: `openpulse build on generated stores of ${values['build-sizes']} facts`, args: ['--sizes', values['build-sizes']] },
  { name: 'maintenance', what: `openpulse export, query and repair of a whole store at ${values['maintenance-sizes']} facts`, args: ['--sizes', values['maintenance-sizes']] },
  { name: 'site', what: 'site build time and page weight', args: [] },
];

const only = values.only?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((n) => !BENCHES.some((b) => b.name === n)) ?? [];
if (unknown.length) {
  refuseArgs(`--only: no benchmark ${unknown.join(', ')}; there are ${BENCHES.map((b) => b.name).join(', ')}`);
}
const chosen = BENCHES.filter((b) => !only || only.includes(b.name));

function run(file: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { cwd: PROJECT_ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const failed: string[] = [];
const started = performance.now();
for (const [i, bench] of chosen.entries()) {
  const file = path.join('bench', `${bench.name}.ts`);
  process.stdout.write(`\n[${i + 1}/${chosen.length}] ${bench.name}: ${bench.what}\n  node ${[file, ...bench.args].join(' ')}\n`);
  const t0 = performance.now();
  const code = await run(file, bench.args);
  const seconds = ((performance.now() - t0) / 1000).toFixed(0);
  process.stdout.write(`[${i + 1}/${chosen.length}] ${bench.name}: ${code === 0 ? 'done' : `exited with ${code}`} in ${seconds} s\n`);
  if (code !== 0) failed.push(bench.name);
}

const file = await writeBenchmarks();
process.stdout.write(`\nbench: ${chosen.length - failed.length} of ${chosen.length} done in ${((performance.now() - started) / 60000).toFixed(1)} min; ${path.relative(process.cwd(), file)} written from bench/results/*.json\n`);
if (failed.length) {
  process.stdout.write(`bench: failed: ${failed.join(', ')} (their sections show the figures of an earlier run, if any)\n`);
  process.exitCode = 1;
}
