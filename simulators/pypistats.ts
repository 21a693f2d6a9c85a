// pypistats.org's JSON API: `/api/packages/{pkg}/overall` (daily counts for the last 180
// days, with_mirrors and/or without_mirrors) and `/recent` (last day, week, month). Data
// lags by a day: today is never included. Unknown packages get Flask's HTML 404 page.

import { dayNumber, dayString } from './days.ts';
import { json, text, type Reply, type SimRequest } from './http-reply.ts';
import { unit } from './random.ts';
import type { PackageRecord } from './packages.ts';
import type { World } from './world.ts';

const RETENTION_DAYS = 180;

const FLASK_404 = '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

export function createPypistatsService(world: World) {
  const withMirrors = (record: PackageRecord, day: number, without: number) =>
    Math.round(without * (1.01 + 0.06 * unit(world.seed, 'mirrors', record.name, day)));

  const overall = (record: PackageRecord, mirrors: string | null): Reply => {
    const today = dayNumber(world.clock.now());
    const days: number[] = [];
    for (let day = today - RETENTION_DAYS; day < today; day++) if (day >= record.startDay) days.push(day);
    const without = days.map((day) => ({ category: 'without_mirrors', date: dayString(day), downloads: world.packages.daily(record, day) }));
    const withM = days.map((day, i) => ({ category: 'with_mirrors', date: dayString(day), downloads: withMirrors(record, day, without[i]!.downloads) }));
    const data = mirrors === 'false' ? without : mirrors === 'true' ? [...withM, ...without] : [...withM, ...without];
    return json(200, { data, package: record.name.toLowerCase(), type: 'overall_downloads' });
  };

  const recent = (record: PackageRecord, periodName: string | null): Reply => {
    const today = dayNumber(world.clock.now());
    const sum = (n: number) => {
      let total = 0;
      for (let day = today - n; day < today; day++) total += world.packages.daily(record, day);
      return total;
    };
    const all = { last_day: sum(1), last_month: sum(30), last_week: sum(7) };
    const data = periodName === 'day' ? { last_day: all.last_day } : periodName === 'week' ? { last_week: all.last_week } : periodName === 'month' ? { last_month: all.last_month } : all;
    return json(200, { data, package: record.name.toLowerCase(), type: 'recent_downloads' });
  };

  return {
    endpointOf(req: SimRequest): string {
      const m = /^\/api\/packages\/[^/]+\/(overall|recent)\/?$/.exec(req.path);
      return m ? `pypistats.${m[1]}` : 'pypistats.other';
    },
    handle(req: SimRequest): Reply {
      const m = /^\/api\/packages\/([^/]+)\/(overall|recent)\/?$/.exec(req.path);
      const record = m ? world.packages.find('pypi', decodeURIComponent(m[1]!).replace(/[_.]+/g, '-')) ?? world.packages.find('pypi', decodeURIComponent(m[1]!)) : null;
      if (req.method !== 'GET' || !m || !record) return text(404, FLASK_404, 'text/html; charset=utf-8');
      return m[2] === 'overall' ? overall(record, req.query.get('mirrors')) : recent(record, req.query.get('period'));
    },
  };
}
