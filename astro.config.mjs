// The dashboard: static pages built from the data snapshot `openpulse build` writes.
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: 'site',
  publicDir: 'site/public',
  outDir: process.env.OPENPULSE_DIST_DIR || 'dist',
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  // No telemetry, no dev toolbar: the build runs offline and the site has no third-party calls.
  devToolbar: { enabled: false },
});
