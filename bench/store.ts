// Benchmark (not a test): ingest rate into the embedded store and the latency
// of every named query on a realistic data set. Writes bench/results/store.md and store.json.
//   node bench/store.ts [--days 1100] [--repeat 5]

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../collector/catalog.ts';
import { loadConfig, PROJECT_ROOT } from '../collector/config.ts';
import type { Metric, Observation } from '../collector/observation.ts';
import { loadReferenceFigures } from '../collector/run.ts';
import { systemClock } from '../collector/sources/types.ts';
import { openStore } from '../collector/store/index.ts';
import { namedQueries } from '../queries/index.ts';
import { benchArgs, wholeArg, writeResult } from './common.ts';
import { exampleParams } from './queries.ts';

const values = benchArgs(import.meta, { days: { type: 'string', default: '1100' }, repeat: { type: 'string', default: '5' } });
const days = wholeArg(values.days, '--days');
const repeat = wholeArg(values.repeat, '--repeat');

const catalog = await loadCatalog(path.join(PROJECT_ROOT, 'collector', 'catalog.yml'));
const dir = await mkdtemp(path.join(os.tmpdir(), 'openpulse-bench-'));
const store = await openStore(loadConfig({ env: {}, flags: { dataDir: dir } }), { job: 'bench' });
await store.syncCatalog(catalog);
await loadReferenceFigures({ store, clock: systemClock }, 'bench-ref');

// A deterministic data set shaped like a real one: daily facts per family subject.
function* facts(): Generator<Observation> {
  const end = Date.parse('2026-11-28T00:00:00Z');
  for (const [i, f] of catalog.families.entries()) {
    const subjects: [string, Metric][] = [
      ...f.github.search.map((q) => [`search:${q}`, 'github_projects'] as [string, Metric]),
      ...f.github.repos.map((r) => [`repo:${r}`, 'github_stars'] as [string, Metric]),
      ...f.npm.map((p) => [`npm:${p}`, 'npm_downloads'] as [string, Metric]),
      ...f.pypi.map((p) => [`pypi:${p}`, 'pypi_downloads'] as [string, Metric]),
      ...f.huggingface.models.map((m) => [`hf:${m}`, 'hf_downloads_30d'] as [string, Metric]),
    ];
    for (const [subject, metric] of subjects) {
      for (let d = days - 1; d >= 0; d--) {
        const day = new Date(end - d * 86_400_000).toISOString().slice(0, 10);
        yield { source: metric.startsWith('github') ? 'github' : metric.startsWith('npm') ? 'npm' : metric.startsWith('pypi') ? 'pypi' : 'huggingface', subject, family: f.id, metric, observed_at: day, value: Math.round((i + 1) * 100 * (1 + (days - d) / 50)) };
      }
    }
  }
}

const all = [...facts()];
const t0 = performance.now();
for (let i = 0; i < all.length; i += 20_000) await store.insert(all.slice(i, i + 20_000), 'bench');
const ingestMs = performance.now() - t0;

const latencies: { name: string; median: number; rows: number }[] = [];
for (const query of namedQueries().values()) {
  const params = exampleParams(query, 'llama');
  const times: number[] = [];
  let rows = 0;
  for (let r = 0; r < repeat; r++) {
    const t = performance.now();
    rows = (await store.query(query.name, params)).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  latencies.push({ name: query.name, median: times[Math.floor(times.length / 2)]!, rows });
}
await store.close();
await rm(dir, { recursive: true, force: true });

const body = [
  `Embedded chDB, ${os.cpus().length} cores, Node ${process.versions.node}; ${catalog.families.length} families of the default catalog, ${days} days; facts made in JavaScript and stored through \`store.insert\` (the collectors' path).`,
  '',
  `Ingest: ${all.length.toLocaleString('en')} facts in ${(ingestMs / 1000).toFixed(2)} s = ${Math.round(all.length / (ingestMs / 1000)).toLocaleString('en')} facts/s (batches of 20,000).`,
  '',
  `Named queries, median of ${repeat} runs:`,
  '',
  '| query | median ms | rows |',
  '| --- | ---: | ---: |',
  ...latencies.map((l) => `| ${l.name} | ${l.median.toFixed(1)} | ${l.rows} |`),
].join('\n');
const report = `# Store benchmark\n\nRun ${new Date().toISOString().slice(0, 10)}. ${body}\n`;
await writeFile(path.join(PROJECT_ROOT, 'bench', 'results', 'store.md'), report);
await writeResult({
  name: 'store',
  title: 'Store: ingest through store.insert and named queries on the default catalog',
  command: `node bench/store.ts --days ${days} --repeat ${repeat}`,
  figures: { families: catalog.families.length, days, facts: all.length, ingestSeconds: ingestMs / 1000, factsPerSecond: all.length / (ingestMs / 1000), repeat, queries: latencies },
  markdown: body,
});
process.stdout.write(report);
