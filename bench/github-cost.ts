// Benchmark (not a test): what one GitHub collection costs against the simulator, for a
// catalog of 500 repositories and 50 search keywords, compared with a naive collector
// (one REST call per repository and per keyword); counts through GraphQL versus REST;
// and star history's ceil(W/30) requests. Writes bench/results/github-cost.md and github-cost.json.
//   node bench/github-cost.ts [--repos 500] [--keywords 50]

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseCatalog, type Catalog } from '../collector/catalog.ts';
import { PROJECT_ROOT } from '../collector/config.ts';
import { createGitHubSource, type GitHubSettings } from '../collector/sources/github/index.ts';
import { weeksOfHistory } from '../collector/sources/github/plan.ts';
import { memoryContext } from '../simulators/memory-context.ts';
import type { AccountingSummary } from '../simulators/accounting.ts';
import { startSimulator, type Simulator } from '../simulators/server.ts';
import { createClock, createWorld } from '../simulators/world.ts';
import { benchArgs, wholeArg, writeResult } from './common.ts';

const values = benchArgs(import.meta, { repos: { type: 'string', default: '500' }, keywords: { type: 'string', default: '50' } });
const repoCount = wholeArg(values.repos, '--repos');
const keywordCount = wholeArg(values.keywords, '--keywords');
const TOKEN = 'ghp_benchmarkTokenAbcdefghijklmnopqr';
const NOW = new Date('2026-11-29T12:00:00Z');
const FAST: Partial<GitHubSettings> = { searchSpacingMs: 0, graphqlSpacingMs: 0, retryBaseMs: 1 };

/** keywordCount families, each with one keyword and an equal share of repoCount repositories. */
function benchCatalog(): Catalog {
  const lines = ['families:'];
  for (let i = 0; i < keywordCount; i += 1) {
    const id = `bench-${String(i).padStart(2, '0')}`;
    const from = Math.floor((i * repoCount) / keywordCount);
    const to = Math.floor(((i + 1) * repoCount) / keywordCount);
    const repos = Array.from({ length: to - from }, (_, j) => `bench-org-${i}/model-${from + j}`);
    lines.push(
      `  - id: ${id}`,
      `    name: Bench ${i}`,
      `    vendor: Bench`,
      `    openness: open-weights-restricted`,
      `    region: US`,
      `    licence: {name: Apache-2.0, commercial_use: yes}`,
      `    releases: [{date: 2023-0${(i % 9) + 1}-15, label: launch}]`,
      `    github:`,
      `      search: ['benchmodel${i} in:name,description,topics']`,
      `      repos: [${repos.join(', ')}]`,
    );
  }
  lines.push('leaderboard_licences: {closed: [Proprietary], open_noncommercial: [], open: [Apache 2.0]}');
  return parseCatalog(lines.join('\n'), 'bench-catalog.yml');
}

const catalog = benchCatalog();
const world = createWorld({ catalog, seed: 7, clock: createClock(NOW) });
const sim: Simulator = await startSimulator({ world, tokens: { [TOKEN]: {} } });

interface Measure {
  label: string;
  requests: number;
  refused: number;
  byEndpoint: Record<string, number>;
  points: Record<string, number>;
  ms: number;
}

function measure(label: string, summary: AccountingSummary, ms: number): Measure {
  return {
    label,
    requests: summary.total.requests,
    refused: (summary.total.statuses['403'] ?? 0) + (summary.total.statuses['429'] ?? 0),
    byEndpoint: Object.fromEntries(Object.entries(summary.byEndpoint).map(([k, v]) => [k, v.requests])),
    points: Object.fromEntries(Object.entries(summary.byResource).map(([k, v]) => [k, v.cost])),
    ms,
  };
}

function fresh(): void {
  sim.clock.set(NOW);
  sim.limits.reset();
  sim.accounting.reset();
  sim.faults.clear();
}

async function runCollector(label: string, settings: Partial<GitHubSettings>): Promise<Measure & { rows: number; problems: number }> {
  fresh();
  const ctx = memoryContext({ catalog, config: { githubToken: TOKEN, githubApiUrl: sim.env.GITHUB_API_URL }, clock: sim.clock });
  const t0 = performance.now();
  await createGitHubSource({ ...FAST, ...settings }).collect(ctx);
  const ms = performance.now() - t0;
  return { ...measure(label, sim.accounting.summary(), ms), rows: ctx.rows.length, problems: ctx.problems.length };
}

/** The naive collector: GET /repos/{o}/{r} per repository and GET /search/repositories per keyword, waiting for a window only when GitHub says it is used up. */
async function runNaive(): Promise<Measure & { rows: number }> {
  fresh();
  const headers = { authorization: `token ${TOKEN}`, accept: 'application/vnd.github+json' };
  let rows = 0;
  const t0 = performance.now();
  const get = async (url: string) => {
    for (;;) {
      const res = await fetch(url, { headers });
      if (res.status === 200) return res.json();
      if (res.headers.get('x-ratelimit-remaining') === '0') {
        sim.clock.set(new Date(Number(res.headers.get('x-ratelimit-reset')) * 1000 + 1000));
        continue;
      }
      throw new Error(`naive collector: ${url} answered ${res.status}`);
    }
  };
  for (const f of catalog.families) {
    for (const q of f.github.search) {
      await get(`${sim.env.GITHUB_API_URL}/search/repositories?q=${encodeURIComponent(q)}&per_page=1`);
      rows += 1;
    }
    for (const r of f.github.repos) {
      await get(`${sim.env.GITHUB_API_URL}/repos/${r}`);
      rows += 4;
    }
  }
  return { ...measure('naive (REST per repository and keyword)', sim.accounting.summary(), performance.now() - t0), rows };
}

async function runStarHistory(names: string[]): Promise<{ name: string; weeks: number; expected: number; requests: number }[]> {
  const out = [];
  for (const name of names) {
    fresh();
    const one: Catalog = { ...catalog, families: [{ ...catalog.families[0]!, github: { search: [], repos: [name] } }] };
    const ctx = memoryContext({ catalog: one, config: { githubToken: TOKEN, githubApiUrl: sim.env.GITHUB_API_URL }, clock: sim.clock });
    await createGitHubSource({ ...FAST, phases: ['stats', 'stars'] }).collect(ctx);
    const weeks = weeksOfHistory(world.repo(name)!.createdAt, NOW);
    out.push({ name, weeks, expected: Math.ceil(weeks / 30), requests: sim.accounting.count('github.repos.stargazers.history') });
  }
  return out;
}

const ours = await runCollector('OpenPulse: counts via GraphQL, 10 a request (default)', { phases: ['counts', 'stats'] });
const ours50 = await runCollector('OpenPulse: counts via GraphQL, 50 a request', { phases: ['counts', 'stats'], searchesPerQuery: 50 });
const oursRest = await runCollector('OpenPulse: counts via REST search', { phases: ['counts', 'stats'], countsVia: 'rest' });
const countsGraphql = await runCollector('counts only, GraphQL (10 a request)', { phases: ['counts'] });
const countsRest = await runCollector('counts only, REST search', { phases: ['counts'], countsVia: 'rest' });
const naive = await runNaive();
const stars = await runStarHistory(catalog.families.slice(0, 5).map((f) => f.github.repos[0]!));
await sim.close();

const pts = (m: Measure) => Object.entries(m.points).map(([k, v]) => `${k} ${v}`).join(', ') || '0';
const row = (m: Measure) => `| ${m.label} | ${m.requests} | ${Object.entries(m.byEndpoint).map(([k, v]) => `${k.replace('github.', '')} ${v}`).join(', ')} | ${pts(m)} | ${Math.round(m.ms)} |`;
const ratio = naive.requests / ours.requests;

const report = `# GitHub collection cost (simulator)

Generated by \`node bench/github-cost.ts\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}).
Catalog: ${keywordCount} keywords, ${repoCount} repositories (${catalog.families.length} synthetic families). Simulated
GitHub with a token (5,000 core and GraphQL points an hour, 30 searches a minute). Requests and points are the
simulator's own counters (\`sim.accounting.summary()\`); the client's pacing is switched off (\`searchSpacingMs: 0,
graphqlSpacingMs: 0\`), so the milliseconds are transport and simulator time only, not production wall time.

## One collection: counts and repository stats

| collector | requests | by endpoint | rate-limit points | ms |
|---|---:|---|---|---:|
${row(ours)}
${row(ours50)}
${row(oursRest)}
${row(naive)}

- **OpenPulse (default): ${ours.requests} requests** (${ours.byEndpoint['github.graphql'] ?? 0} GraphQL: ${Math.ceil(keywordCount / 10)} for counts, ${Math.ceil(repoCount / 100)} for stats; ${ours.byEndpoint['github.rate_limit'] ?? 0} rate-limit check, which costs nothing), **${pts(ours)}** points; ${ours.rows} facts, ${ours.problems} problems.
- **Naive: ${naive.requests} requests** (${naive.requests - naive.refused} answered + ${naive.refused} refused by the search limit, retried after the reset), **${pts(naive)}** points; the ${keywordCount} searches exceed 30 a minute, so a real run also waits at least ${Math.floor((keywordCount - 1) / 30)} search window(s) of a minute.
- **Ratio: ${ratio.toFixed(1)}× fewer requests** (${naive.requests} / ${ours.requests}; ${((naive.requests - naive.refused) / ours.requests).toFixed(1)}× counting only answered ones), and ${naive.points.core ?? 0} core + ${naive.points.search ?? 0} search points against ${ours.points.graphql ?? 0} GraphQL points.

## Counts: GraphQL aliased search versus REST search

| method | requests | points | ms |
|---|---:|---|---:|
| GraphQL, 10 searches a request | ${countsGraphql.requests - 1} (+1 rate-limit check) | ${pts(countsGraphql)} | ${Math.round(countsGraphql.ms)} |
| REST \`/search/repositories\`, one a query | ${countsRest.requests - 1} (+1 rate-limit check) | ${pts(countsRest)} | ${Math.round(countsRest.ms)} |

The collector counts through **GraphQL** whenever it has a token: ${keywordCount} counts cost ${countsGraphql.points.graphql ?? 0} GraphQL points
out of 5,000 an hour (a \`search\` is one connection request; 10 of them round to one point), against ${countsRest.points.search ?? 0} searches
out of 30 a minute through REST, which at GitHub's pace (2 s apart, 30 a minute) takes about ${Math.ceil(keywordCount * 2 / 60)} minutes and
waits for a fresh window, while the GraphQL requests go 1 s apart (about ${Math.ceil(keywordCount / 10)} s). The price: GraphQL's \`repositoryCount\` has
no \`incomplete_results\`, so GraphQL counts store it as \`null\` (unknown); runs without a token (GraphQL is closed to them) and
\`countsVia: 'rest'\` store the flag. Ten searches a request rather than fifty: fifty cost the same one point and ${ours50.requests} requests in
all, but one slow search would then hold up fifty counts and a GitHub timeout would lose all of them; ten keep the request at
${Math.ceil(keywordCount / 10)} and inside the issue's bound of 11.

## Star history: ceil(W/30) requests for W weeks

| repository | weeks W | ceil(W/30) | history requests |
|---|---:|---:|---:|
${stars.map((s) => `| ${s.name} | ${s.weeks} | ${s.expected} | ${s.requests} |`).join('\n')}
`;

const out = path.join(PROJECT_ROOT, 'bench', 'results', 'github-cost.md');
await writeFile(out, report);
await writeResult({
  name: 'github-cost',
  title: 'GitHub collection cost (simulator)',
  command: `node bench/github-cost.ts --repos ${repoCount} --keywords ${keywordCount}`,
  figures: { repos: repoCount, keywords: keywordCount, collections: [ours, ours50, oursRest, naive], counts: { graphql: countsGraphql, rest: countsRest }, starHistory: stars, ratio },
  markdown: report.replace(/^# .*\n+/, '').trim(),
});
process.stdout.write(`${report}\nwritten to ${out}\n`);
