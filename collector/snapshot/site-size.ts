// How big a built site is, and whether it fits where the project publishes it. The
// scheduled workflow (.github/workflows/collect.yml) publishes dist/ as GitHub Pages:
// upload-pages-artifact puts the folder into one tar, upload-artifact zips that tar
// (deflate, level 6 by default), and deploy-pages deploys it. GitHub documents 1 GB as
// the most a published Pages site may be (a usage limit: over it, GitHub may ask for a
// smaller site or stop serving it); deploy-pages itself warns when the uploaded artifact
// (compressed) is over 1 GiB ("Deployment might fail") and Pages refuses a site of 10 GB
// or more. A site grows with the catalog and with the days it shows (every result's
// downloads hold every row since the series start): 92 families over four years of daily
// facts is 1.4–1.7 GB of files (BENCHMARKS.md, "Site build on generated stores"), which
// are text and compress about eleven times. So the build says how big the site is and,
// past the documented 1 GB, how big its upload is and what that means.

import { open, opendir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateRaw as deflateRawCallback } from 'node:zlib';

const deflateRaw = promisify(deflateRawCallback);

/** GitHub's documented limit on a published Pages site, in bytes (1 GB, decimal: the smaller reading). */
export const PAGES_LIMIT_BYTES = 1_000_000_000;
/** The upload over which deploy-pages warns that the deployment might fail (its ONE_GIGABYTE: 1 GiB). */
export const ARTIFACT_WARNING_BYTES = 1_073_741_824;
/** A site Pages refuses to deploy: "total size is less than 10GB" (decimal: the smaller reading). */
export const PAGES_REFUSED_BYTES = 10_000_000_000;
/** The compression upload-artifact zips the tar with by default (its compression-level input). */
export const ARTIFACT_DEFLATE_LEVEL = 6;

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

/** A tar block: every entry's header is one, and every file's content is padded to a whole number of them. */
const TAR_BLOCK = 512;

export interface ArtifactEstimate {
  /** The estimated size of the uploaded artifact: the site's tar, deflated as upload-artifact zips it. */
  bytes: number;
  /** The tar stream's length (headers, contents and their padding). */
  tarBytes: number;
  /** How much of that stream was deflated to estimate it. */
  sampledBytes: number;
}

/**
 * A folder's entries as `tar -c -C dir .` finds them: the folder itself, then each entry in the
 * order the file system lists the folder (readdir's, not sorted: GNU tar's default, and the order
 * decides what deflate finds to repeat: a site of small pages deflates a third larger in this order
 * than sorted by name), a folder's own entries right after it. Only files and folders.
 */
async function* tarOrder(dir: string, name = '.'): AsyncGenerator<{ name: string; full: string; file: boolean }> {
  yield { name, full: dir, file: false };
  for await (const entry of await opendir(dir)) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tarOrder(full, `${name}/${entry.name}`);
    else if (entry.isFile()) yield { name: `${name}/${entry.name}`, full, file: true };
  }
}

/**
 * An entry's header block as GNU tar writes one (the gnu format: ustar's fields, its own magic): its
 * path, mode, owner, size, time and checksum. A path longer than the name field is cut there (GNU
 * tar adds an entry of its own for it: a block more, which the estimate leaves out).
 */
function tarHeader(name: string, size: number, mtimeMs: number, file: boolean): Buffer {
  const header = Buffer.alloc(TAR_BLOCK);
  const octal = (value: number, width: number, at: number): void => {
    header.write(`${value.toString(8).padStart(width - 1, '0')}\0`, at, 'ascii');
  };
  header.write(name.slice(0, 100), 0, 'utf8');
  octal(file ? 0o644 : 0o755, 8, 100);
  octal(0, 8, 108);
  octal(0, 8, 116);
  octal(size, 12, 124);
  octal(Math.floor(mtimeMs / 1000), 12, 136);
  header.write(file ? '0' : '5', 156, 'ascii');
  header.write('ustar  \0', 257, 'ascii');
  header.write('root', 265, 'ascii');
  header.write('root', 297, 'ascii');
  // the checksum: the header's bytes summed with its own field taken as eight spaces
  header.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/** One stretch of the tar stream: an entry's header, a file's bytes, or padding. */
type Piece = { offset: number; length: number } & ({ header: Buffer } | { file: string } | { zeros: true });

/** One segment deflated in this many, so that about 64 MiB of the stream or all of it is (see estimateArtifact). */
export function artifactSampling(tarBytes: number, segmentBytes = 1024 * 1024): number {
  return Math.max(1, Math.min(8, Math.floor(tarBytes / (64 * segmentBytes))));
}

/**
 * The size of the artifact the scheduled workflow uploads for the site in `dir`, estimated without
 * writing it: the tar stream upload-pages-artifact makes (tarOrder's entries, each a header block
 * as GNU tar writes it, each file's bytes padded to whole blocks) is cut into segments of
 * `segmentBytes`, and one in `every` (artifactSampling: about 64 MiB of it, or all) is deflated at
 * upload-artifact's level, each segment on its own; the estimate is their compressed bytes scaled
 * by the stream's length over theirs. A segment deflated alone loses the context of the one
 * before it, so the estimate errs high where a stream has many segments. Measured against GNU tar
 * and gzip -6 of the same folder: a 50 M-fact site (1.73 GB in 7,777 files) 158 MB against 156 MB
 * (one MiB in eight deflated, 3.4 s); a 10 MB site of the default catalog 983 kB against 949 kB.
 */
export async function estimateArtifact(dir: string, options: { segmentBytes?: number; every?: number } = {}): Promise<ArtifactEstimate> {
  const segmentBytes = options.segmentBytes ?? 1024 * 1024;
  const pieces: Piece[] = [];
  let offset = 0;
  for await (const entry of tarOrder(dir)) {
    const info = await stat(entry.full);
    const size = entry.file ? info.size : 0;
    pieces.push({ offset, length: TAR_BLOCK, header: tarHeader(`${entry.name}${entry.file ? '' : '/'}`, size, info.mtimeMs, entry.file) });
    offset += TAR_BLOCK;
    if (!entry.file) continue;
    if (size > 0) pieces.push({ offset, length: size, file: entry.full });
    offset += size;
    const pad = (TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK;
    if (pad > 0) pieces.push({ offset, length: pad, zeros: true });
    offset += pad;
  }
  // the end of the archive: two zero blocks
  pieces.push({ offset, length: 2 * TAR_BLOCK, zeros: true });
  const tarBytes = offset + 2 * TAR_BLOCK;
  const every = Math.max(1, Math.floor(options.every ?? artifactSampling(tarBytes, segmentBytes)));

  let sampledBytes = 0;
  let compressed = 0;
  let p = 0;
  for (let start = 0; start < tarBytes; start += segmentBytes * every) {
    const end = Math.min(start + segmentBytes, tarBytes);
    const segment = Buffer.alloc(end - start);
    while (p < pieces.length && pieces[p]!.offset + pieces[p]!.length <= start) p += 1;
    for (let q = p; q < pieces.length && pieces[q]!.offset < end; q += 1) {
      const piece = pieces[q]!;
      const from = Math.max(start, piece.offset);
      const to = Math.min(end, piece.offset + piece.length);
      if ('header' in piece) piece.header.copy(segment, from - start, from - piece.offset, to - piece.offset);
      else if ('file' in piece) {
        const handle = await open(piece.file, 'r');
        try {
          await handle.read(segment, from - start, to - from, from - piece.offset);
        } finally {
          await handle.close();
        }
      }
      // zeros: the segment is zeroed already
    }
    compressed += (await deflateRaw(segment, { level: ARTIFACT_DEFLATE_LEVEL })).length;
    sampledBytes += segment.length;
  }
  return { bytes: sampledBytes === 0 ? 0 : Math.round((compressed * tarBytes) / sampledBytes), tarBytes, sampledBytes };
}

/** Bytes as a reader reads them: decimal units, as GitHub states its limit. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

/** Where a site stops fitting the scheduled workflow's publish: GitHub's documented limit, deploy-pages' warning, Pages' refusal. */
export interface PagesLimits {
  documented: number;
  artifactWarning: number;
  refused: number;
}

export const PAGES_LIMITS: PagesLimits = { documented: PAGES_LIMIT_BYTES, artifactWarning: ARTIFACT_WARNING_BYTES, refused: PAGES_REFUSED_BYTES };

/**
 * What the build says of the site's size: one line always (with its upload's size when it was
 * estimated), and a warning past GitHub's documented limit for a published Pages site that says
 * which limit it is over, what that does to the scheduled workflow's publish, and what to do
 * (folder: the built site's, as the build names it; the workflow's is dist/).
 */
export function siteSizeMessages(
  size: SiteSize,
  artifact?: ArtifactEstimate,
  { folder = 'dist/', limits = PAGES_LIMITS }: { folder?: string; limits?: PagesLimits } = {},
): { info: string; warning?: string } {
  const largest = size.parts.slice(0, 3).map((p) => `${p.name} ${formatBytes(p.bytes)}`).join(', ');
  const upload = artifact ? `; as the Pages upload (its tar, deflated as upload-artifact zips it) about ${formatBytes(artifact.bytes)}` : '';
  const info = `site: ${formatBytes(size.bytes)} in ${size.files.toLocaleString('en-US')} files (largest: ${largest})${upload}`;
  if (size.bytes <= limits.documented) return { info };
  const todo = `Publish ${folder} to a host without that limit, or narrow the catalog: deploy/README.md, "Site size"`;
  const over = `site: ${formatBytes(size.bytes)} is over the ${formatBytes(limits.documented)} GitHub documents as the most a published Pages site may be`;
  if ((artifact?.tarBytes ?? size.bytes) >= limits.refused) {
    return {
      info,
      warning: `${over}, and over the ${formatBytes(limits.refused)} Pages deploys at all, so the scheduled workflow's publish step (.github/workflows/collect.yml) would fail; the site was built. ${todo}`,
    };
  }
  if (!artifact || artifact.bytes > limits.artifactWarning) {
    const measured = artifact ? `its upload, about ${formatBytes(artifact.bytes)}, is over` : 'its upload was not measured against';
    return {
      info,
      warning: `${over}, and ${measured} the ${formatBytes(limits.artifactWarning)} past which deploy-pages warns that the deployment might fail (.github/workflows/collect.yml); the site was built. ${todo}`,
    };
  }
  return {
    info,
    warning:
      `${over}. The scheduled workflow's publish (.github/workflows/collect.yml) accepts it: its upload is about ${formatBytes(artifact.bytes)}, ` +
      `where deploy-pages warns past ${formatBytes(limits.artifactWarning)} and Pages refuses ${formatBytes(limits.refused)}; but past that usage limit ` +
      `GitHub may ask for a smaller site or stop serving it. ${todo}`,
  };
}
