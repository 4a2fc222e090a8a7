/**
 * The server of the hostile-page tests (issue #8): test/fixtures/hostile/ on 127.0.0.1, with
 * a strict Content-Security-Policy header on csp*.html. `localhost` is a second origin of it.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FIXTURES } from '../../scripts/demo-server.ts';

export const STRICT_CSP = "default-src 'none'; style-src 'none'";

/** Serves test/fixtures/hostile/ on 127.0.0.1; csp*.html with a strict CSP header. */
export async function serveHostile(): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const root = join(FIXTURES, 'hostile');
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/hostile\//, '/');
      const file = normalize(join(root, path));
      try {
        if (!file.startsWith(root + sep)) throw new Error('outside');
        const body = await readFile(file);
        const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
        if (/\/csp[^/]*\.html$/.test(file)) headers['content-security-policy'] = STRICT_CSP;
        res.writeHead(200, headers);
        res.end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hostile/`,
    port,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

