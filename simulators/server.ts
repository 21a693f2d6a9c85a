// One local HTTP server that answers like every upstream OpenPulse reads, each under its
// own path prefix so every collector gets its own base URL:
//
//   GitHub REST     ${url}/github            GITHUB_API_URL   (/search/repositories, /repos/{o}/{r}[/stargazers[/history]], /repositories/{id}, /rate_limit)
//   GitHub GraphQL  ${url}/github/graphql    POST
//   Hugging Face    ${url}/hf                HF_ENDPOINT      (/api/models/{id}, /api/models?author=)
//   npm downloads   ${url}/npm               NPM_DOWNLOADS_URL (/downloads/range/{start}:{end}/{pkg[,pkg]})
//   pypistats       ${url}/pypistats         PYPISTATS_URL    (/api/packages/{pkg}/overall|recent)
//   leaderboards    ${url}/leaderboard/      index (JSON list) and /leaderboard_table_YYYYMMDD.csv
//   Arena dataset   ${url}/hf/api/datasets/lmarena-ai/leaderboard-dataset[/tree/main…], /hf/datasets/…/resolve/main/…
//   dataset viewer  ${url}/datasets-server    HF_DATASETS_SERVER_URL (/rows, /filter: the Arena dataset's rows as JSON)
//   OpenRouter      ${url}/openrouter        OPENROUTER_URL   (/datasets/rankings-daily, Bearer key, 30/min and 500/day)
//
// Answers come from a simulated World read at the simulated clock; faults, per-token rate
// limits and request accounting are switchable per test.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createAccounting, type Accounting } from './accounting.ts';
import type { SimClock } from './clock.ts';
import { htmlErrorReply, incomplete, malformed, statusReply, tooManyRequestsReply, truncated, withoutDay } from './fault-replies.ts';
import { createFaults, type FaultSpec, type Faults } from './faults.ts';
import { createGithubService, type TokenOptions } from './github.ts';
import { etagOf, serialise, tokenFingerprint, json, type Reply, type SimRequest } from './http-reply.ts';
import { createHuggingfaceService } from './huggingface.ts';
import { createLeaderboardService } from './leaderboard.ts';
import { createDatasetsServerService, handleHubDataset } from './arena.ts';
import { createNpmService } from './npm.ts';
import { createOpenrouterService, type OpenrouterService } from './openrouter.ts';
import { createPypistatsService } from './pypistats.ts';
import { createRateLimits, type RateLimits } from './rate-limits.ts';
import type { World } from './world.ts';

export interface Simulator {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  world: World;
  clock: SimClock;
  faults: Faults;
  accounting: Accounting;
  /** GitHub's per-token windows; reset() forgets all usage (the Hub's windows too). */
  limits: RateLimits;
  /** OpenRouter's Data API; resetLimits() forgets every key's usage. */
  openrouter: OpenrouterService;
  /** Base URLs by the environment variable each collector reads. */
  env: { GITHUB_API_URL: string; HF_ENDPOINT: string; NPM_DOWNLOADS_URL: string; PYPISTATS_URL: string; LEADERBOARD_URL: string; OPENROUTER_URL: string; HF_DATASETS_SERVER_URL: string };
  close(): Promise<void>;
}

export interface SimulatorOptions {
  world: World;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When given, only these GitHub tokens are accepted; `admin` lists the repositories each administers. */
  tokens?: Record<string, TokenOptions>;
  /** How GitHub refuses an exhausted primary limit: 403 (default, its usual answer) or 429. */
  primaryLimitStatus?: 403 | 429;
  /** GitHub's secondary limit on concurrent requests per token (default 100). */
  maxConcurrentPerToken?: number;
  /** When given, the only OpenRouter keys accepted (others answer 401); default any key. */
  openrouterKeys?: string[];
}

const PREFIXES = ['github', 'hf', 'npm', 'pypistats', 'leaderboard', 'openrouter', 'datasets-server'] as const;
type Service = (typeof PREFIXES)[number];
const TERMINAL = new Set(['status', 'timeout', 'drop', 'primary-limit', 'secondary-limit', 'html-error']);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function bearer(header: string | undefined): string | null {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? '');
  return m ? m[1]! : null;
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const { world } = opts;
  const clock = world.clock;
  const faults = createFaults();
  const accounting = createAccounting();
  const githubLimits = createRateLimits(clock);
  const github = createGithubService({ world, limits: githubLimits, tokens: opts.tokens, primaryLimitStatus: opts.primaryLimitStatus ?? 403 });
  const services = {
    hf: createHuggingfaceService(world),
    npm: createNpmService(world),
    pypistats: createPypistatsService(world),
    leaderboard: createLeaderboardService(world),
    openrouter: createOpenrouterService(world, { keys: opts.openrouterKeys }),
    'datasets-server': createDatasetsServerService(world),
  };
  // reset() forgets every service's rate-limit usage: GitHub's per-token windows, the Hub's and OpenRouter's.
  const limits: RateLimits = { ...githubLimits, reset: () => {
    githubLimits.reset();
    services.hf.resetLimits();
    services.openrouter.resetLimits();
  } };
  const sockets = new Set<Socket>();
  const inFlight = new Map<string, number>();
  const maxConcurrent = opts.maxConcurrentPerToken ?? 100;
  let origin = '';

  const write = (res: ServerResponse, req: SimRequest, reply: Reply) => {
    const body = req.method === 'HEAD' ? '' : serialise(reply);
    const headers: Record<string, string> = { date: clock.now().toUTCString(), ...reply.headers };
    if (reply.status !== 304) headers['content-length'] = String(Buffer.byteLength(serialise(reply)));
    else delete headers['content-type'];
    res.writeHead(reply.status, headers);
    res.end(body);
  };

  const handle = async (raw: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(raw);
    const url = new URL(raw.url ?? '/', 'http://simulator.invalid');
    const segments = url.pathname.split('/');
    const service = (PREFIXES as readonly string[]).includes(segments[1] ?? '') ? (segments[1] as Service) : null;
    const authorization = Array.isArray(raw.headers.authorization) ? raw.headers.authorization[0] : raw.headers.authorization;
    const token = bearer(authorization);
    const req: SimRequest = {
      method: raw.method ?? 'GET',
      path: service ? url.pathname.slice(service.length + 1) || '/' : url.pathname,
      fullPath: url.pathname,
      query: url.searchParams,
      headers: raw.headers,
      body,
      token: service === 'github' ? token : null,
      tokenId: tokenFingerprint(service === 'github' ? token : null),
      origin,
    };
    const endpoint = !service ? 'unknown' : service === 'github' ? github.endpointOf(req).endpoint : services[service].endpointOf(req);
    const record = (status: number, cost: number, resource: string | null, fault: string | null) =>
      accounting.record({ at: clock.now().toISOString(), method: req.method, path: `${url.pathname}${url.search}`, endpoint, token: req.tokenId, status, cost, resource, fault });

    const firing = faults.take(req);
    for (const f of firing) if (f.kind === 'mutate') f.run!(world);
    const delay = firing.filter((f) => f.kind === 'latency').reduce((ms, f) => ms + (f.ms ?? 200), 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const terminal: FaultSpec | undefined = firing.find((f) => TERMINAL.has(f.kind));

    if (terminal?.kind === 'timeout') {
      record(0, 0, null, 'timeout'); // never answered; the socket closes when the client gives up or the simulator stops
      return;
    }
    if (terminal?.kind === 'drop') {
      record(0, 0, null, 'drop');
      raw.socket.destroy();
      return;
    }
    if (terminal) {
      let reply: Reply;
      const svc = service ?? 'github';
      if (terminal.kind === 'status') {
        reply = statusReply(svc, terminal.status ?? 503, terminal.body);
        if (terminal.headers) reply.headers = { ...reply.headers, ...terminal.headers };
      }
      else if (terminal.kind === 'html-error') reply = htmlErrorReply(svc, terminal.status);
      else if (svc === 'openrouter') reply = services.openrouter.limitedReply(terminal.retryAfter ?? 60);
      else if (terminal.kind === 'primary-limit') reply = svc === 'github' ? github.primaryLimitReply(req, terminal.status) : tooManyRequestsReply(terminal.retryAfter ?? 60);
      else reply = svc === 'github' ? github.secondaryLimitReply(req, terminal.status ?? 403, terminal.retryAfter ?? 60) : tooManyRequestsReply(terminal.retryAfter ?? 60);
      record(reply.status, 0, null, terminal.kind);
      write(res, req, reply);
      return;
    }

    let reply: Reply;
    let cost = 0;
    let resource: string | null = null;
    if (!service) reply = json(404, { message: 'Not Found', hint: 'the simulator serves /github, /hf, /npm, /pypistats, /leaderboard and /openrouter' });
    else if (service === 'github') {
      const running = (inFlight.get(req.tokenId) ?? 0) + 1;
      if (running > maxConcurrent) {
        reply = github.secondaryLimitReply(req, 403, 60);
        record(reply.status, 0, null, 'concurrency');
        write(res, req, reply);
        return;
      }
      inFlight.set(req.tokenId, running);
      try {
        const answer = github.handle(req);
        ({ reply, cost } = answer);
        resource = answer.resource;
      } finally {
        inFlight.set(req.tokenId, (inFlight.get(req.tokenId) ?? 1) - 1);
      }
    } else reply = (service === 'hf' && req.method === 'GET' ? handleHubDataset(world, req) : null) ?? services[service].handle(req);

    let applied: string | null = null;
    for (const f of firing) {
      if (f.kind === 'malformed-json') reply = malformed(reply);
      else if (f.kind === 'truncated-json') reply = truncated(reply);
      else if (f.kind === 'missing-day') reply = withoutDay(reply, f.day);
      else if (f.kind === 'incomplete-results') reply = incomplete(reply);
      else continue;
      applied = f.kind;
      if (f.etag === 'recomputed' && reply.headers.etag) reply = { ...reply, headers: { ...reply.headers, etag: etagOf(serialise(reply)) } };
    }
    record(reply.status, cost, resource, applied ?? (firing.find((f) => f.kind === 'latency' || f.kind === 'mutate')?.kind ?? null));
    write(res, req, reply);
  };

  const server = createServer((raw, res) => {
    handle(raw, res).catch((error: unknown) => {
      // A simulator bug must surface in the test, not hang it.
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`simulator error: ${error instanceof Error ? error.stack : String(error)}`);
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://${host}:${port}`;

  return {
    url: origin,
    port,
    world,
    clock,
    faults,
    accounting,
    limits,
    openrouter: services.openrouter,
    env: {
      GITHUB_API_URL: `${origin}/github`,
      HF_ENDPOINT: `${origin}/hf`,
      NPM_DOWNLOADS_URL: `${origin}/npm`,
      PYPISTATS_URL: `${origin}/pypistats`,
      LEADERBOARD_URL: `${origin}/leaderboard`,
      OPENROUTER_URL: `${origin}/openrouter`,
      HF_DATASETS_SERVER_URL: `${origin}/datasets-server`,
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
