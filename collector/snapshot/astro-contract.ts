// The build's contract with Astro, on both sides. `openpulse build` runs Astro
// in a child process (the store is free while pages render) and can hand it
// inputs only through the environment; astro.config.mjs and the pages read
// them back here, so each name is written once.

export const ASTRO_ENV = {
  /** The snapshot folder the pages read (write.ts, read.ts). Required: pages never query the store. */
  snapshot: 'OPENPULSE_SITE_DATA',
  /** Where Astro writes the site: the user's OPENPULSE_DIST_DIR (build --out), resolved. Default dist. */
  outDir: 'OPENPULSE_DIST_DIR',
  /** Astro's cache folder, one per build, so two builds at once never overwrite each other's intermediate files. Default node_modules/.astro. */
  cacheDir: 'OPENPULSE_ASTRO_CACHE_DIR',
  /** The old-generation heap (MiB) of the thread that draws the charts' pictures beside the pages (site/lib/svg-prerender.ts); unset: no such thread. */
  pictureHeapMb: 'OPENPULSE_PICTURE_HEAP_MB',
} as const;

/**
 * How the Astro child's JavaScript heap (OPENPULSE_BUILD_HEAP_MB) is shared: the pages' thread,
 * and the thread that draws the pictures beside it (128 MiB of old generation; the pages give up
 * 256 MiB, the rest for that thread's young generation and code), so the process stays near what
 * the one thread took (50 M generated facts: the Astro child's peak 1.41 GiB alone at 1024 MiB,
 * 1.48 GiB with the pictures' thread at 768 + 128 MiB, 1.59 GiB at 1024 + 128). Below 768 MiB
 * the pages keep it all.
 *
 * With that room the pages' thread also gets a young generation of 32 MiB semi-spaces (V8's
 * default is 16): the pages make many short-lived objects (parsed rows, charts kept for a page or
 * a family), and it spent a fifth of its time collecting garbage. At 50 M generated facts, Astro
 * alone, interleaved runs: 82 and 95 s → 72 and 78 s, CPU 136 and 156 s → 117 and 126 s, peak
 * 1.40–1.42 GiB → 1.38–1.40 GiB (64 MiB: 1.57 GiB, over the bound).
 */
export function astroHeaps(totalMb: number): { pagesMb: number; picturesMb: number | undefined; pagesSemiSpaceMb: number | undefined } {
  return totalMb >= 768 ? { pagesMb: totalMb - 256, picturesMb: 128, pagesSemiSpaceMb: 32 } : { pagesMb: totalMb, picturesMb: undefined, pagesSemiSpaceMb: undefined };
}

export interface AstroBuild {
  snapshot: string;
  outDir: string;
  cacheDir: string;
  /** The pictures' thread's heap (astroHeaps); absent: no such thread. */
  pictureHeapMb?: number | undefined;
}

type Env = Record<string, string | undefined>;

/**
 * The bundler's allocator: Vite's bundler (rolldown, native) allocates through mimalloc, which
 * commits its arenas whole, up front, and gives what it frees back to the system only after a delay
 * counted by its threads' later allocations; once the pages' bundle is made those threads are idle,
 * so what bundling used stayed resident through the whole static build (a 1 GiB arena with 278 MiB
 * resident from the first seconds to the end). Committed as used and given back as freed, it is not.
 * At 50 M generated facts, Astro alone on one snapshot, sampled every 0.2 s, in turn: the Astro
 * child's peak 1,403 and 1,397 MiB with neither; 1,297 and 1,305 MiB with no purge delay (the same
 * time: 80 and 77 s → 81 and 76 s); 1,204 and 1,219 MiB with arenas committed as used too, against
 * 1,332 and 1,301 MiB without it (73 and 83 s against 86 and 72 s). A value the caller sets is kept.
 */
export const BUNDLER_ALLOCATOR_ENV: Readonly<Record<string, string>> = { MIMALLOC_PURGE_DELAY: '0', MIMALLOC_ARENA_EAGER_COMMIT: '0' };

/** The child's environment: the caller's, the contract, the bundler's allocator (BUNDLER_ALLOCATOR_ENV) and no telemetry (the build runs offline). */
export function astroBuildEnv(build: AstroBuild, env: Env): Env {
  const child: Env = {
    ...BUNDLER_ALLOCATOR_ENV,
    ...env,
    [ASTRO_ENV.snapshot]: build.snapshot,
    [ASTRO_ENV.outDir]: build.outDir,
    [ASTRO_ENV.cacheDir]: build.cacheDir,
    ASTRO_TELEMETRY_DISABLED: '1',
  };
  delete child[ASTRO_ENV.pictureHeapMb];
  if (build.pictureHeapMb) child[ASTRO_ENV.pictureHeapMb] = String(build.pictureHeapMb);
  return child;
}

/** What the build handed Astro; folders fall back to Astro's defaults, a missing snapshot is undefined. */
export function readAstroBuild(env: Env = process.env): Omit<AstroBuild, 'snapshot'> & { snapshot: string | undefined } {
  return {
    snapshot: env[ASTRO_ENV.snapshot] || undefined,
    outDir: env[ASTRO_ENV.outDir] || 'dist',
    cacheDir: env[ASTRO_ENV.cacheDir] || 'node_modules/.astro',
  };
}

/** The snapshot folder, for the pages; without one there is nothing to build from. */
export function snapshotForPages(env: Env = process.env): string {
  const { snapshot } = readAstroBuild(env);
  if (!snapshot) {
    throw new Error(`${ASTRO_ENV.snapshot} is not set: build the site with "openpulse build" (or "npm run build"), which runs the named queries first`);
  }
  return snapshot;
}
