// The dashboard: static pages built from the data snapshot `openpulse build` writes.
// Where to write and cache comes from the build's contract (Astro loads this
// config through Vite, which reads the TypeScript module).
import { defineConfig } from 'astro/config';
import { readAstroBuild } from './collector/snapshot/astro-contract.ts';
import { svgPrerender } from './site/lib/svg-prerender.ts';

const { outDir, cacheDir } = readAstroBuild();

export default defineConfig({
  srcDir: 'site',
  publicDir: 'site/public',
  outDir,
  cacheDir,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  // No telemetry, no dev toolbar: the build runs offline and the site has no third-party calls.
  devToolbar: { enabled: false },
  // The charts' pictures drawn on a second thread while the pages render (site/lib/svg-prerender.ts).
  integrations: [svgPrerender()],
});
