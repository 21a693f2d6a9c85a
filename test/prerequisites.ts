// `npm test` starts here: the tests need three Debian packages besides npm's,
// Chromium (browser tests), the Noto CJK fonts (the Chinese pages' screenshots
// show characters, not boxes) and the old clickhouse-server (the test that an
// unsupported server is refused). As root with apt, this installs them; anyone
// else is told the one command to run. Nothing is skipped for want of them.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = [
  { name: 'chromium', binary: '/usr/bin/chromium', for: 'the browser tests' },
  { name: 'fonts-noto-cjk', binary: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', for: 'the Chinese pages in the browser tests and screenshots' },
  { name: 'clickhouse-server', binary: '/usr/sbin/clickhouse-server', for: 'the test that an unsupported ClickHouse server is refused' },
];

/** "install ok installed" only: a package removed with its configuration kept still answers dpkg-query. */
function installed(pkg: (typeof PACKAGES)[number]): boolean {
  const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg.name], { encoding: 'utf8' });
  return existsSync(pkg.binary) && status.stdout === 'install ok installed';
}

const missing = PACKAGES.filter((pkg) => !installed(pkg));
if (missing.length > 0) {
  const names = missing.map((pkg) => pkg.name);
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`npm test needs the Debian package${names.length > 1 ? 's' : ''} ${names.join(' and ')} (${missing.map((pkg) => pkg.for).join('; ')}).`);
    console.error(`Install ${names.length > 1 ? 'them' : 'it'} once, then run npm test again:\n\n  sudo apt-get install -y ${names.join(' ')}\n`);
    process.exit(1);
  }
  console.error(`npm test: installing Debian packages the tests need: ${names.join(', ')} (apt-get, about a minute)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...names]]) {
    const run = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) {
      console.error(`npm test: "apt-get ${args.join(' ')}" failed (exit ${run.status}); install ${names.join(' ')} by hand and run npm test again.`);
      process.exit(1);
    }
  }
  const still = missing.filter((pkg) => !installed(pkg));
  if (still.length > 0) {
    console.error(`npm test: apt-get finished but ${still.map((pkg) => pkg.name).join(', ')} is still not installed; install it by hand.`);
    process.exit(1);
  }
  console.error(`npm test: installed ${names.join(', ')}.`);
}
