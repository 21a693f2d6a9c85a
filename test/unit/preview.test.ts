// `openpulse preview` serves text compressed, as a static host would: brotli or
// gzip by the client's Accept-Encoding, with Vary, never for images; the bytes
// decode to the file as built.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { negotiateEncoding, serveStatic } from '../../collector/preview.ts';

let root: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
const page = `<!doctype html><title>t</title>${'<p>open vs closed</p>\n'.repeat(400)}`;
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(4000, 7)]);

function get(pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(pathname.replace(/^\//, ''), server.url), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'openpulse-preview-'));
  await writeFile(path.join(root, 'index.html'), page);
  await writeFile(path.join(root, 'data.json'), JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ day: i, value: i * 2 })) }));
  await writeFile(path.join(root, 'small.txt'), 'tiny');
  await writeFile(path.join(root, 'picture.png'), png);
  await writeFile(path.join(root, '404.html'), `<!doctype html><title>not found</title>${'<p>nothing here</p>'.repeat(100)}`);
  server = await serveStatic(root);
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('preview compression', () => {
  it('answers with brotli, then gzip, by the client\'s Accept-Encoding and q-values', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.9')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('x-gzip')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('gzip;q=0')).toBe('identity');
  });

  it('serves a page brotli-compressed to a browser, with its length, type and Vary', async () => {
    const r = await get('/', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(r.status).toBe(200);
    expect(r.headers['content-encoding']).toBe('br');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(page.length / 10);
    expect(brotliDecompressSync(r.body).toString()).toBe(page);
  });

  it('serves gzip to a client that accepts only gzip, and the same bytes again from memory', async () => {
    const first = await get('/data.json', { 'accept-encoding': 'gzip' });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(first.body).toString()).rows).toHaveLength(200);
    const again = await get('/data.json', { 'accept-encoding': 'gzip' });
    expect(again.body.equals(first.body)).toBe(true);
  });

  it('serves the file as it is to a client that accepts no compression, and says the answer varies', async () => {
    const r = await get('/', {});
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.body.toString()).toBe(page);
  });

  it('never compresses images or files too small to gain', async () => {
    const picture = await get('/picture.png', { 'accept-encoding': 'gzip, br' });
    expect(picture.headers['content-encoding']).toBeUndefined();
    expect(picture.headers.vary).toBeUndefined();
    expect(picture.body.equals(png)).toBe(true);
    const small = await get('/small.txt', { 'accept-encoding': 'gzip, br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString()).toBe('tiny');
  });

  it('compresses the not-found page too, and answers HEAD without a body', async () => {
    const missing = await get('/nowhere/', { 'accept-encoding': 'gzip' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(missing.body).toString()).toContain('not found');
    const head = await get('/', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.body.length).toBe(0);
  });

  it('keeps requests inside the site', async () => {
    const r = await get('/..%2F..%2Fetc%2Fpasswd');
    expect(r.status).toBe(403);
  });
});
