import { fork, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT, type Config } from '../config.ts';
import { OpenPulseError } from '../errors.ts';
import { astroBuildEnv, astroHeaps } from '../snapshot/astro-contract.ts';
import { copyDownloads } from '../snapshot/downloads.ts';
import { estimateArtifact, measureSite, PAGES_LIMIT_BYTES, siteSizeMessages } from '../snapshot/site-size.ts';
import { stopReason, stopSignal } from '../signals.ts';
import type { StopMessage, StoreMessage, StoreRequest, StoreResults } from './store-process.ts';
import { configFromFlags } from './context.ts';
import type { Command, CommandIO } from './types.ts';

/** The store's part of `openpulse build`, `openpulse main`, each run of `openpulse schedule` and `openpulse demo`, as a process of its own (store-process.ts). */
const STORE_PROCESS = fileURLToPath(new URL('./store-process.ts', import.meta.url));

/** What a store process that ended without an answer was, and what to do. */
const ENDED_EARLY: Record<StoreRequest['job'], { what: string; hint: string }> = {
  build: { what: "the site's queries", hint: 'the previous site in the output folder was left as it was; run "openpulse build" again' },
  main: { what: 'the collection and site queries', hint: 'what was collected before it ended is stored, and the previous site was left as it was; run "npm start" again' },
  schedule: { what: 'the scheduled run', hint: 'what it collected before it ended is stored; the next tick runs what is still due' },
  demo: { what: "the demo's collection and site queries", hint: 'the previous demo site was left as it was; run "npm run demo" again' },
};

/**
 * A command's store work in a process of its own (store-process.ts), which opens the store, does
 * the job and exits: the embedded engine's memory goes with it, where in this process it stayed
 * beside Astro's through the whole static build (50 M generated facts: `openpulse build`'s process
 * at 715 MiB while Astro's peaked at 1,432; `openpulse main`'s at 678 beside Astro's 1,401). Its log
 * lines and progress are this command's; its failure is thrown here as it was there. A stop signal of
 * this process (`stop`, default the process's own) is passed on as a stop request. Resolves with the
 * job's answer once that process has ended.
 */
export async function inStoreProcess<J extends StoreRequest['job']>(
  request: Extract<StoreRequest, { job: J }>,
  io: CommandIO,
  stop: AbortSignal = stopSignal,
): Promise<StoreResults[J]> {
  const child = fork(STORE_PROCESS, [], { env: io.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let result: StoreResults[J] | undefined;
  let failed: OpenPulseError | undefined;
  child.on('message', (message: StoreMessage) => {
    if (message.kind === 'log') io.log[message.level](message.line);
    else if (message.kind === 'progress') io.log.progress(message.label, message.done, message.total, message.extra);
    else if (message.kind === 'done') result = message.result as StoreResults[J];
    else failed = new OpenPulseError(message.code, message.message, message.hint === undefined ? {} : { hint: message.hint });
  });
  // 'close': the process has ended and its channel too, so every message it sent has been read
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  const passOn = () => {
    if (child.connected) child.send({ kind: 'stop', signal: stopReason(stop) } satisfies StopMessage);
  };
  child.send(request);
  if (stop.aborted) passOn();
  else stop.addEventListener('abort', passOn, { once: true });
  try {
    const { code, signal } = await ended;
    if (failed) throw failed;
    if (result === undefined || code !== 0) {
      const { what, hint } = ENDED_EARLY[request.job];
      throw new OpenPulseError('BUILD', `the store's process (${what}) ended (${signal ?? `exit ${code}`}) before it answered; see the messages above`, { hint });
    }
    return result;
  } finally {
    stop.removeEventListener('abort', passOn);
  }
}

/** How far the command's clock is ahead of the system's, for a collection in the store's process (0: it is the system's). */
export function clockOffsetMs(io: CommandIO): number {
  const offset = io.clock.now().getTime() - Date.now();
  // the two readings are a moment apart: within a second, the command's clock is the system's
  return Math.abs(offset) < 1000 ? 0 : offset;
}

/** The site's queries of `openpulse build` in a process of their own (inStoreProcess), as of the command's clock. Returns the snapshot's path. */
export async function snapshotInOwnProcess(config: Config, io: CommandIO): Promise<string> {
  return (await inStoreProcess({ job: 'build', config, now: io.clock.now().toISOString() }, io)).snapshot;
}

/**
 * Builds the static site from a snapshot with Astro, in a child process so the store stays free,
 * then copies every result's downloads into it from the snapshot (downloads.ts).
 * Each build has folders of its own: the child's working directory and Astro's cache, under the
 * project (Astro keeps its prerender modules under the working directory, and they must resolve
 * the project's packages), and a staging folder beside the output folder. So two builds at once
 * (a scheduled one and a manual one) never share intermediate files, and the finished site
 * replaces the previous one in one rename; a failed build leaves it as it was.
 */
export async function buildSite(snapshot: string, config: Config, io: CommandIO): Promise<string> {
  const outDir = path.resolve(config.distDir);
  const t0 = Date.now();
  const astro = path.join(PROJECT_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
  await mkdir(path.dirname(outDir), { recursive: true });
  const staging = await mkdtemp(path.join(path.dirname(outDir), `.${path.basename(outDir)}.building-`));
  const built = path.join(staging, 'site');
  const workRoot = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'openpulse-builds');
  await mkdir(workRoot, { recursive: true });
  const work = await mkdtemp(path.join(workRoot, 'build-'));
  try {
    // A bounded heap: V8 collects what the rendered pages no longer hold instead of growing into it;
    // shared with the thread that draws the pictures beside the pages (astroHeaps).
    const heaps = astroHeaps(config.buildHeapMb);
    const code = await new Promise<number>((resolve, reject) => {
      const young = heaps.pagesSemiSpaceMb ? [`--max-semi-space-size=${heaps.pagesSemiSpaceMb}`] : [];
      const child = spawn(process.execPath, [`--max-old-space-size=${heaps.pagesMb}`, ...young, astro, 'build', '--silent', '--root', PROJECT_ROOT], {
        cwd: work,
        env: astroBuildEnv({ snapshot, outDir: built, cacheDir: path.join(work, 'cache'), pictureHeapMb: heaps.picturesMb }, io.env),
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      // V8 out of heap aborts the process (SIGABRT): exit 134, as a shell reports it.
      child.on('exit', (c, signal) => resolve(c ?? (signal === 'SIGABRT' ? 134 : 1)));
    });
    if (code === 134) {
      const share = heaps.picturesMb ? ` (the pages' ${heaps.pagesMb} MiB of it; the pictures' thread has the rest)` : '';
      throw new OpenPulseError('BUILD', `the Astro build ran out of its ${config.buildHeapMb} MiB heap${share} (exit 134); see its messages above`, {
        hint: `raise OPENPULSE_BUILD_HEAP_MB (or "buildHeapMb" in the config file) above ${config.buildHeapMb}; the previous site in the output folder was left as it was`,
      });
    }
    if (code !== 0) throw new OpenPulseError('BUILD', `the Astro build failed (exit ${code}); see its messages above`, { hint: 'the previous site in the output folder was left as it was' });
    // Every result's CSV and JSON, as the snapshot wrote them (not Astro pages: downloads.ts).
    await copyDownloads(snapshot, built).catch((error: unknown) => {
      throw new OpenPulseError('BUILD', `cannot copy the site's downloads from ${snapshot} into ${outDir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
        hint: 'run "openpulse build" again, which writes the site data anew; the previous site in the output folder was left as it was',
        cause: error,
      });
    });
    // Swap the finished site in: the old one is moved aside first, so a reader never sees half of either.
    const previous = path.join(staging, 'previous');
    const hadPrevious = await rename(outDir, previous).then(() => true, (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    });
    try {
      await rename(built, outDir);
    } catch (error) {
      if (hadPrevious) await rename(previous, outDir);
      throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
  io.log.info(`site: built ${outDir} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  // How big it is and, past GitHub's documented limit for a Pages site, how big its upload is and what that means (site-size.ts).
  const measured = await measureSite(outDir);
  // The site is built: a folder it cannot read through for the estimate is said, not a failed build.
  const artifact =
    measured.bytes > PAGES_LIMIT_BYTES
      ? await estimateArtifact(outDir).catch((error: unknown) => {
          io.log.warn(`site: its upload could not be estimated (${(error as Error).message}); the site was built`);
          return undefined;
        })
      : undefined;
  const size = siteSizeMessages(measured, artifact, { folder: outDir });
  io.log.info(size.info);
  if (size.warning) io.log.warn(size.warning);
  return outDir;
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'build the static dashboard into dist/ from the store',
  usage: '[--out DIR]',
  flags: { out: { type: 'string', valueName: 'DIR', description: 'output folder (default ./dist; env OPENPULSE_DIST_DIR)' } },
  async run({ values }, io) {
    const config = configFromFlags(values, io.env, typeof values.out === 'string' ? { distDir: values.out } : {});
    const snapshot = await snapshotInOwnProcess(config, io);
    const out = await buildSite(snapshot, config, io);
    io.stdout.write(`site built: ${out}\npreview it: npm run preview (or openpulse preview)\n`);
    return 0;
  },
};
