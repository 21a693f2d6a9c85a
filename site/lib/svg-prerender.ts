// The site's pictures drawn on the machine's second core. Astro renders one page at a time on one
// thread, and drawing the charts' pictures with ECharts was about half of its time on a large store
// (2,576 family pictures at 50 M generated facts: ~50 s of 115 s; with this thread Astro took 81 s
// there, and the whole build 217 → 179 s, bench/results/build.json). This integration starts a
// worker thread as the build starts (svg-prerender-worker.ts) that draws them into the build's
// cache while Astro renders; a picture route reads a picture from there when the worker drew it
// first (chart-svg.ts). Only in a build with a cache folder of its own and a heap for the thread
// (`openpulse build`: astro-contract.ts, astroHeaps); the worker's failure (its heap too, which
// ends the thread, not the build) costs time, never pictures: the routes draw what it did not.

import { Worker } from 'node:worker_threads';
import type { AstroIntegration } from 'astro';
import { ASTRO_ENV } from '../../collector/snapshot/astro-contract.ts';

export function svgPrerender(env: Record<string, string | undefined> = process.env): AstroIntegration {
  let root: URL | undefined;
  let worker: Worker | undefined;
  return {
    name: 'openpulse-svg-prerender',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
      },
      'astro:build:start': ({ logger }) => {
        // Its heap, from `openpulse build` (astro-contract.ts, astroHeaps): a few families' plots and ECharts.
        const heapMb = Number(env[ASTRO_ENV.pictureHeapMb] ?? 0);
        if (!root || !env[ASTRO_ENV.snapshot] || !env[ASTRO_ENV.cacheDir] || !(heapMb > 0)) return;
        worker = new Worker(new URL('site/lib/svg-prerender-worker.ts', root), { resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 16 } });
        worker.on('message', (m: { drawn: number }) => logger.info(`drew ${m.drawn} chart pictures beside the pages`));
        worker.on('error', (error) => logger.warn(`the pictures' thread stopped (${error.message}); the pages' routes draw the rest`));
        // The build never waits for it: the routes draw what it has not.
        worker.unref();
      },
      'astro:build:done': async () => {
        await worker?.terminate();
      },
    },
  };
}
