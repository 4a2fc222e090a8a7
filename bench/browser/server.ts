/**
 * The benchmark pages' server: 127.0.0.1, a free port, cross-origin isolated (COOP + COEP) so
 * `performance.now()` has 5 µs resolution instead of 0.1 ms (Chromium) or 1 ms (Firefox)
 * (../shared/BROWSERS.md). Serves the registered pages and the page-world probe.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Page-world probe, loaded first in <head>: collects `longtask` entries (Chromium) from the
 * start, before any content script runs. Everything else is read by the runner afterwards.
 */
export const PROBE_JS = `(() => {
  const b = (window.__bench = { longtasks: [] });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  } catch (e) { b.noLongtask = String(e); }
})();
`;

export interface BenchServer {
  origin: string;
  /** Register a page; returns its URL. */
  add(path: string, html: string): string;
  close(): Promise<void>;
}

export async function startServer(): Promise<BenchServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const isolate = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cache-Control': 'no-store',
    };
    if (path === '/probe.js') {
      res.writeHead(200, { ...isolate, 'Content-Type': 'text/javascript; charset=utf-8' });
      res.end(PROBE_JS);
      return;
    }
    const html = pages.get(path);
    if (html === undefined) {
      res.writeHead(404, isolate);
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...isolate, 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    add(path, html) {
      pages.set(path, html);
      return origin + path;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
