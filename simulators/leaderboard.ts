// Leaderboard tables as static files: `/leaderboard/` lists the published file names
// (JSON), `/leaderboard/leaderboard_table_YYYYMMDD.csv` serves one table. Only tables
// published by the simulated today exist.

import { json, text, type Reply, type SimRequest } from './http-reply.ts';
import { leaderboardFileName } from './leaderboard-data.ts';
import type { World } from './world.ts';

export function createLeaderboardService(world: World) {
  return {
    endpointOf: (req: SimRequest) => (req.path === '/' || req.path === '' ? 'leaderboard.index' : 'leaderboard.table'),
    handle(req: SimRequest): Reply {
      if (req.path === '/' || req.path === '') return json(200, world.leaderboardDates().map(leaderboardFileName));
      const m = /^\/leaderboard_table_(\d{4})(\d{2})(\d{2})\.csv$/.exec(req.path);
      const csv = m ? world.leaderboardCsv(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
      if (!csv) return text(404, 'Entry not found', 'text/plain; charset=utf-8', { 'x-error-code': 'EntryNotFound' });
      return text(200, csv, 'text/csv; charset=utf-8', { 'cache-control': 'public, max-age=3600' });
    },
  };
}
