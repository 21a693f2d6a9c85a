// npm's download-counts API: `/downloads/range/{period}/{package[,package...]}` with daily
// figures, bulk lookups (unscoped only, up to 128 packages and 365 days), the 18-month
// limit, the 2015-01-10 floor and npm's own error bodies. A day appears after UTC midnight.

import { dayNumber, dayString, isDayString } from './days.ts';
import { json, type Reply, type SimRequest } from './http-reply.ts';
import type { World } from './world.ts';

const EARLIEST_DAY = dayNumber('2015-01-10');
const SINGLE_MAX_DAYS = 548; // 18 months
const BULK_MAX_DAYS = 365;
const BULK_MAX_PACKAGES = 128;

const HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-max-age': '86400',
  'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'cache-control': 'no-cache',
  vary: 'accept-encoding',
};

function period(text: string, today: number): { start: number; end: number } | { error: string } {
  const yesterday = today - 1;
  const named: Record<string, number> = { 'last-day': 1, 'last-week': 7, 'last-month': 30, 'last-year': 365 };
  if (named[text]) return { start: yesterday - named[text] + 1, end: yesterday };
  const m = /^(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (!m || !isDayString(m[1]!) || !isDayString(m[2]!)) return { error: 'invalid date' };
  const start = dayNumber(m[1]!);
  const end = dayNumber(m[2]!);
  if (end < start) return { error: 'end date > start date' };
  return { start, end };
}

export function createNpmService(world: World) {
  const series = (name: string, start: number, end: number) => {
    const record = world.packages.find('npm', name);
    if (!record) return null;
    const today = dayNumber(world.clock.now());
    const downloads = [];
    for (let day = Math.max(start, EARLIEST_DAY); day <= end && day < today; day++) {
      downloads.push({ day: dayString(day), downloads: world.packages.daily(record, day) });
    }
    return { start: dayString(start), end: dayString(end), package: record.name, downloads };
  };

  const range = (req: SimRequest): Reply => {
    const m = /^\/downloads\/range\/([^/]+)\/(.+)$/.exec(req.path);
    if (!m) return json(400, { error: 'invalid request' });
    const today = dayNumber(world.clock.now());
    const p = period(m[1]!, today);
    if ('error' in p) return json(400, { error: p.error });
    const names = decodeURIComponent(m[2]!).split(',').filter(Boolean);
    const days = p.end - p.start + 1;
    if (names.length > 1) {
      if (names.some((n) => n.startsWith('@'))) return json(400, { error: 'scoped packages are not currently supported in bulk lookups' });
      if (names.length > BULK_MAX_PACKAGES) return json(400, { error: `exceeded max packages of ${BULK_MAX_PACKAGES}` });
      if (days > BULK_MAX_DAYS) return json(400, { error: `exceeded max days of ${BULK_MAX_DAYS}` });
      return json(200, Object.fromEntries(names.map((n) => [n, series(n, p.start, p.end)])));
    }
    if (days > SINGLE_MAX_DAYS) return json(400, { error: `exceeded max days of ${SINGLE_MAX_DAYS}` });
    const one = series(names[0]!, p.start, p.end);
    return one ? json(200, one) : json(404, { error: `package ${names[0]} not found` });
  };

  return {
    endpointOf: (req: SimRequest) => (req.path.startsWith('/downloads/range/') ? 'npm.downloads.range' : 'npm.other'),
    handle(req: SimRequest): Reply {
      const reply = req.method === 'GET' && req.path.startsWith('/downloads/range/') ? range(req) : json(404, { error: 'not found' });
      reply.headers = { ...HEADERS, ...reply.headers };
      return reply;
    },
  };
}
