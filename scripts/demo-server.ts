/**
 * A tiny local web server for the demo page and test fixtures, on 127.0.0.1 and a free port
 * (content scripts run on http pages, not on file:// ones).
 *
 *   /            the demo news page, rendered from test/fixtures/demo/*.txt
 *   /<path>      a file under test/fixtures/ (for other end-to-end pages)
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { demoPageFrom } from './demo-page.ts';
import { ROOT } from './paths.ts';

export const FIXTURES = join(ROOT, 'test/fixtures');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface DemoServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:40123/`. */
  url: string;
  close(): Promise<void>;
}

export async function serveDemo(root = FIXTURES): Promise<DemoServer> {
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      try {
        if (path === '/' || path === '/index.html') {
          res.writeHead(200, { 'content-type': TYPES['.html']! });
          res.end(demoPageFrom(join(root, 'demo')));
          return;
        }
        const file = normalize(join(root, path));
        if (!file.startsWith(root + sep)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      } catch (err) {
        const notFound = (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'EISDIR';
        res.writeHead(notFound ? 404 : 500, { 'content-type': TYPES['.txt']! });
        res.end(notFound ? 'not found' : String(err));
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
