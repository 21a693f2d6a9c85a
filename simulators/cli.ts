// Runs the upstream simulator on its own, for demos and manual poking:
//   node simulators/cli.ts --port 0 --today 2026-11-29 --seed 1 [--catalog FILE] [--extra-repos N]
// Prints `simulator listening on http://127.0.0.1:PORT` and the base URLs, then serves
// until SIGINT or SIGTERM.

import { parseArgs } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '../collector/catalog.ts';
import { startSimulator } from './server.ts';
import { createClock, createWorld } from './world.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    today: { type: 'string' },
    seed: { type: 'string', default: '1' },
    catalog: { type: 'string', default: path.join(repoRoot, 'collector/catalog.yml') },
    'extra-repos': { type: 'string', default: '0' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('usage: node simulators/cli.ts [--port 0] [--today YYYY-MM-DD] [--seed 1] [--catalog FILE] [--extra-repos N]');
  process.exit(0);
}

// Noon UTC on the chosen day, so "today" is well inside the day; default: the real today.
const today = values.today ? new Date(`${values.today}T12:00:00Z`) : new Date();
if (Number.isNaN(today.getTime())) {
  console.error(`--today ${values.today}: expected a date written YYYY-MM-DD`);
  process.exit(2);
}
const catalog = await loadCatalog(values.catalog);
const world = createWorld({ catalog, seed: Number(values.seed), clock: createClock(today), extraRepos: Number(values['extra-repos']) });
const sim = await startSimulator({ world, port: Number(values.port) });

console.log(`simulator listening on ${sim.url}`);
for (const [name, url] of Object.entries(sim.env)) console.log(`  ${name}=${url}`);
console.log(`  GitHub GraphQL: ${sim.env.GITHUB_API_URL}/graphql`);

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
