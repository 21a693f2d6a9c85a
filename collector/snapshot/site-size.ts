// How big a built site is, and whether it fits where the project publishes it. The
// scheduled workflow (.github/workflows/collect.yml) publishes dist/ as GitHub Pages,
// which publishes sites of at most 1 GB ("Published GitHub Pages sites may be no larger
// than 1 GB", GitHub Pages limits). A site grows with the catalog and with the days it
// shows (every result's downloads hold every row since the series start): 92 families
// over four years of daily facts is 1.4–1.7 GB (BENCHMARKS.md, "Site build on generated
// stores"). So the build says how big the site is and which parts make it so, and warns
// before a publish fails.

import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** GitHub Pages' limit on a published site, in bytes (1 GB, decimal: the smaller reading). */
export const PAGES_LIMIT_BYTES = 1_000_000_000;

export interface SitePart {
  /** A top-level file or folder of the site ("data/" for a folder). */
  name: string;
  bytes: number;
  files: number;
}

export interface SiteSize {
  bytes: number;
  files: number;
  /** The site's top-level files and folders, the largest first. */
  parts: SitePart[];
}

/** Walks a built site: its bytes and files in all, and per top-level file or folder. */
export async function measureSite(dir: string): Promise<SiteSize> {
  const parts: SitePart[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) parts.push({ name: `${entry.name}/`, ...(await folderSize(full)) });
    else if (entry.isFile()) parts.push({ name: entry.name, bytes: (await stat(full)).size, files: 1 });
  }
  parts.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name));
  return { bytes: parts.reduce((n, p) => n + p.bytes, 0), files: parts.reduce((n, p) => n + p.files, 0), parts };
}

/** The files under a folder, however deep, and their bytes (the benchmarks measure snapshots and sites with it too). */
export async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

/** Bytes as a reader reads them: decimal units, as GitHub states its limit. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/**
 * What the build says of the site's size: one line always, and a warning when it is over `limit`
 * (GitHub Pages' by default), naming the largest parts and what to do.
 */
export function siteSizeMessages(size: SiteSize, limit = PAGES_LIMIT_BYTES): { info: string; warning?: string } {
  const largest = size.parts.slice(0, 3).map((p) => `${p.name} ${formatBytes(p.bytes)}`).join(', ');
  const info = `site: ${formatBytes(size.bytes)} in ${size.files.toLocaleString('en-US')} files (largest: ${largest})`;
  if (size.bytes <= limit) return { info };
  return {
    info,
    warning:
      `site: ${formatBytes(size.bytes)} is over GitHub Pages' limit of ${formatBytes(limit)} for a published site, so the scheduled ` +
      `workflow's publish step (.github/workflows/collect.yml) would fail; the site was built. Publish dist/ to a host without ` +
      'that limit, or narrow the catalog: deploy/README.md, "Site size"',
  };
}
