// Serves a built site on localhost: for `openpulse preview` and the browser tests.
// Text (HTML, CSS, JavaScript, JSON, CSV, SVG, Markdown) goes compressed to a client
// that accepts it, brotli before gzip, as a static host would serve it; images and
// files compressed already go as they are. Each compressed body is kept in memory
// (keyed by file, size and modification time), so a file is compressed once.

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.parquet': 'application/vnd.apache.parquet',
};

/** The types worth compressing: text. PNG, Parquet and unknown files are compressed already or may be. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.csv', '.md', '.txt', '.xml']);
/** Below this many bytes compression saves less than it costs. Default 1024. */
const MIN_COMPRESS_BYTES = 1024;
/** Compressed bodies kept in memory, at most (oldest dropped first). Default 64 MB. */
const CACHE_BYTES = 64 * 1024 * 1024;
/** Brotli quality 5: close to the best ratio at a fraction of quality 11's time (a preview compresses on request). */
const BROTLI_QUALITY = 5;

export type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding to answer with, from a request's Accept-Encoding: the accepted one with the highest q, brotli before gzip on a tie. */
export function negotiateEncoding(header: string | string[] | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')) {
    const [name, ...options] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = options.map((o) => /^\s*q=([\d.]+)\s*$/.exec(o)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const weight = (name: 'br' | 'gzip') => accepted.get(name) ?? (name === 'gzip' ? accepted.get('x-gzip') : undefined) ?? accepted.get('*') ?? 0;
  const br = weight('br');
  const gz = weight('gzip');
  if (br > 0 && br >= gz) return 'br';
  if (gz > 0) return 'gzip';
  return 'identity';
}

const compressors = {
  br: promisify(brotliCompress),
  gzip: promisify(gzip),
};

/** Compressed bodies by encoding, file, size and modification time; insertion order is age. */
function compressionCache() {
  const bodies = new Map<string, Promise<Buffer>>();
  const sizes = new Map<string, number>();
  let total = 0;
  return (file: string, info: { size: number; mtimeMs: number }, encoding: 'br' | 'gzip'): Promise<Buffer> => {
    const key = `${encoding}\0${file}\0${info.size}\0${info.mtimeMs}`;
    let body = bodies.get(key);
    if (!body) {
      body = readFile(file).then((raw) =>
        encoding === 'br' ? compressors.br(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }) : compressors.gzip(raw),
      );
      bodies.set(key, body);
      body.then(
        (b) => {
          sizes.set(key, b.length);
          total += b.length;
          for (const [old] of bodies) {
            if (total <= CACHE_BYTES || old === key) break;
            total -= sizes.get(old) ?? 0;
            sizes.delete(old);
            bodies.delete(old);
          }
        },
        () => bodies.delete(key),
      );
    }
    return body;
  };
}

export async function serveStatic(root: string, options: { port?: number; host?: string } = {}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const base = path.resolve(root);
  const compressed = compressionCache();

  /** Sends one file with its type, compressed when the type is text and the client accepts it. */
  const send = async (req: IncomingMessage, res: ServerResponse, status: number, file: string, info: { size: number; mtimeMs: number }) => {
    const ext = path.extname(file);
    const headers: Record<string, string | number> = { 'content-type': TYPES[ext] ?? 'application/octet-stream' };
    const compressible = COMPRESSIBLE.has(ext) && info.size >= MIN_COMPRESS_BYTES;
    // A cache between here and the client keeps one copy per encoding.
    if (compressible) headers.vary = 'Accept-Encoding';
    const encoding = compressible ? negotiateEncoding(req.headers['accept-encoding']) : 'identity';
    if (encoding === 'identity') {
      res.writeHead(status, { ...headers, 'content-length': info.size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      return;
    }
    const body = await compressed(file, info, encoding);
    res.writeHead(status, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let file = path.normalize(path.join(base, decodeURIComponent(url.pathname)));
      if (!file.startsWith(base)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info) {
        const notFound = path.join(base, '404.html');
        const has404 = await stat(notFound).catch(() => null);
        if (has404) await send(req, res, 404, notFound, has404);
        else res.writeHead(404, { 'content-type': TYPES['.html']! }).end('not found');
        return;
      }
      await send(req, res, 200, file, info);
    } catch {
      if (!res.headersSent) res.writeHead(500).end('error');
      else res.destroy();
    }
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as { port: number };
  return {
    url: `http://${host}:${address.port}/`,
    server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
