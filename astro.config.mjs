// The dashboard: static pages built from the data snapshot `openpulse build` writes.
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: 'site',
  publicDir: 'site/public',
  outDir: process.env.OPENPULSE_DIST_DIR || 'dist',
  // Each build gets its own cache folder, so two builds at once (a scheduled one and a
  // manual one, or parallel tests) never overwrite each other's intermediate files.
  cacheDir: process.env.OPENPULSE_ASTRO_CACHE_DIR || 'node_modules/.astro',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  // No telemetry, no dev toolbar: the build runs offline and the site has no third-party calls.
  devToolbar: { enabled: false },
});
