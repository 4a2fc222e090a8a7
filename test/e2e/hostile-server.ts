/**
 * The server of the hostile-page tests (issue #8): test/fixtures/hostile/ on 127.0.0.1, with
 * a strict Content-Security-Policy header on csp*.html. `localhost` is a second origin of it.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { FIXTURES } from '../../scripts/demo-server.ts';
import { afterAll, beforeAll } from 'vitest';
import puppeteer, { type Browser } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath, type BrowserKind } from '../../scripts/browsers.ts';

export const STRICT_CSP = "default-src 'none'; style-src 'none'";

/** A sentence the bundled dataset knows (Kirby, 2023-03-30): each one is a mark. */
export const CLAIM_SENTENCE = 'John Kirby said Russia is offering North Korea food in exchange for munitions.';

/**
 * The page's own heartbeat (issue #8): the longest gap between two of its timer callbacks
 * from `window.__beatFrom` on (set by the test once the page is built). A task of ours that
 * runs long delays the page's timers; this works the same in both browsers.
 */
const HEARTBEAT = `
  window.__maxGap = 0;
  window.__beatFrom = Infinity;
  let last = performance.now();
  const beat = () => {
    const now = performance.now();
    if (last >= window.__beatFrom) window.__maxGap = Math.max(window.__maxGap, now - last);
    last = now;
    setTimeout(beat, 0);
  };
  setTimeout(beat, 0);`;

function page(title: string, body: string, script: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body>${body}<script>\nconst CLAIM = ${JSON.stringify(CLAIM_SENTENCE)};\n${script}\n${HEARTBEAT}\n</script></body></html>`;
}

/**
 * Stress pages built by their own script during parsing, before the extension runs at
 * document_idle (issue #8; generated here rather than committed as huge files):
 * - million-nodes.html: 1,000,000 nodes (500,000 paragraphs and their text), every 1,000th
 *   paragraph the claim, the first at the top (500 marks);
 * - deep.html: elements nested 10,000 deep (display:contents: the browser's layout would crash
 *   on 10,000 nested boxes), the claim at the bottom and at 5 depths on the way (6 marks);
 * - huge-text.html: one text node of 5 MB, the claim at the start of every 100 KB (50 marks);
 * - mutating.html: a page that changes every animation frame for `?s=` seconds (default 10):
 *   a ticker's text, and a paragraph appended and the oldest removed (every 7th one the claim),
 *   keeping 40; `window.__done` once it stops.
 */
export const GENERATED: Record<string, string> = {
  'million-nodes.html': page('1,000,000 nodes', '<article id="a"></article>', `
  const a = document.getElementById('a');
  const frag = document.createDocumentFragment();
  for (let i = 0; i < 500000; i++) {
    const p = document.createElement('p');
    p.textContent = i % 1000 === 0 ? CLAIM : 'Item ' + i + '.';
    frag.appendChild(p);
  }
  a.appendChild(frag);`),
  'deep.html': page('Nested 10,000 deep', '<div id="root"></div>', `
  // display:contents: Chromium's own layout crashes the tab on 10,000 nested boxes (with or
  // without any extension); the DOM stays 10,000 deep, which is what our code walks.
  const TAG = new URLSearchParams(location.search).get('tag') || 'span';
  const STYLE = new URLSearchParams(location.search).get('style') ?? 'display:contents';
  let at = document.getElementById('root');
  for (let d = 1; d <= 10000; d++) {
    const el = document.createElement(TAG);
    if (STYLE) el.setAttribute('style', STYLE);
    if (d % 2000 === 0) {
      const p = document.createElement('p');
      p.textContent = CLAIM;
      at.appendChild(p);
    }
    at.appendChild(el);
    at = el;
  }
  const p = document.createElement('p');
  p.textContent = CLAIM;
  at.appendChild(p);`),
  'huge-text.html': page('One text node of 5 MB', '<p id="t"></p>', `
  const filler = 'The weather stayed mild over the harbour and nothing else of note happened today. ';
  const block = CLAIM + ' ' + filler.repeat(Math.ceil(100000 / filler.length)).slice(0, 100000 - CLAIM.length - 1);
  document.getElementById('t').appendChild(document.createTextNode(block.repeat(50)));`),
  'mutating.html': page('Mutates every frame', '<p id="ticker">0</p><article id="a"></article>', `
  const a = document.getElementById('a');
  const ticker = document.getElementById('ticker');
  const seconds = Number(new URLSearchParams(location.search).get('s') || 10);
  let n = 0;
  window.__done = false;
  window.__frames = 0;
  const started = performance.now();
  const frame = () => {
    n++;
    window.__frames = n;
    ticker.textContent = 'Tick ' + n;
    const p = document.createElement('p');
    p.textContent = n % 7 === 0 ? CLAIM : 'Paragraph ' + n + ' of a live blog.';
    a.appendChild(p);
    if (a.children.length > 40) a.firstElementChild.remove();
    if (performance.now() - started < seconds * 1000) requestAnimationFrame(frame);
    else window.__done = true;
  };
  requestAnimationFrame(frame);`),
};

/** Serves test/fixtures/hostile/ on 127.0.0.1; csp*.html with a strict CSP header; GENERATED pages under gen/. */
export async function serveHostile(): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const root = join(FIXTURES, 'hostile');
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/hostile\//, '/');
      const generated = /^\/gen\/([\w.-]+)$/.exec(path)?.[1];
      if (generated !== undefined && GENERATED[generated] !== undefined) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(GENERATED[generated]);
        return;
      }
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


/**
 * For a describe block of one browser kind: the hostile pages served, and (Chromium) a plain
 * browser without the extension for comparisons; both started before and closed after.
 */
export function useHostileServer(kind: BrowserKind): { readonly url: string; readonly plain: Browser | null } {
  let server: Awaited<ReturnType<typeof serveHostile>> | null = null;
  let plain: Browser | null = null;
  beforeAll(async () => {
    server = await serveHostile();
    if (kind === 'chromium') plain = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, pipe: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await plain?.close().catch(() => {});
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error('hostile server not started');
      return server.url;
    },
    get plain() {
      return plain;
    },
  };
}
