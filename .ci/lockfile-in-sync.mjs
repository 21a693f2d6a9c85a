// Is package-lock.json in sync with package.json? `npm install` has just run
// and may have rewritten the lockfile; compare it with the committed one. npm
// adds or drops optional packages built for other platforms depending on what
// the registry serves and which npm runs (a win32 helper of vite's, chDB's
// macOS builds): those differences are not a lockfile out of sync, any other is.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const committed = JSON.parse(execFileSync('git', ['show', 'HEAD:package-lock.json'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
const current = JSON.parse(readFileSync('package-lock.json', 'utf8'));

const forOtherPlatform = (entry) =>
  entry?.optional === true &&
  ((Array.isArray(entry.os) && !entry.os.includes(process.platform)) || (Array.isArray(entry.cpu) && !entry.cpu.includes(process.arch)));

const differences = [];
const names = new Set([...Object.keys(committed.packages ?? {}), ...Object.keys(current.packages ?? {})]);
for (const name of [...names].sort()) {
  const a = committed.packages?.[name];
  const b = current.packages?.[name];
  if (JSON.stringify(a) === JSON.stringify(b)) continue;
  if ((a === undefined && forOtherPlatform(b)) || (b === undefined && forOtherPlatform(a))) continue;
  differences.push(`${name || '(the project)'}: ${a === undefined ? 'added' : b === undefined ? 'removed' : 'changed'}`);
}
if (differences.length > 0) {
  console.error('package-lock.json is out of sync with package.json (run npm install and commit the lockfile):');
  for (const line of differences.slice(0, 30)) console.error(`  ${line}`);
  process.exit(1);
}
const skipped = [...names].filter((n) => (committed.packages?.[n] === undefined) !== (current.packages?.[n] === undefined)).length;
console.log(`package-lock.json is in sync${skipped ? ` (${skipped} optional package${skipped > 1 ? 's' : ''} of other platforms differ, as npm versions do)` : ''}`);
