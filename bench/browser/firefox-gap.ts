/**
 * The page's timer heartbeat on the million-node page in Firefox (issue #8), with and without
 * the extension: every gap over 150 ms from the page's own script on ([at ms, gap ms]), the
 * load time and when two frames had rendered.
 *
 *   FFDIR=dist/firefox npx tsx bench/browser/firefox-gap.ts ext 2
 *   npx tsx bench/browser/firefox-gap.ts plain 2
 *
 * Measured (Firefox 153 ESR, load 1.5–2.5): without the extension one gap, the page building
 * itself (2.5 s); with it a second one of 2.7–3.1 s right after load, and the two frames 2.6–3.9 s
 * late — our sliced walk: its `scheduler.yield()` continuations run ahead of the page's timers
 * and rendering in Firefox, so the page gets neither until the walk ends. The same build with
 * a 0 ms timer for a yield: no such gap (longest 303–321 ms), frames on time.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { createServer } from 'node:http';
import { firefoxPath, launchWithExtension } from '../../scripts/browsers.ts';
import { GENERATED } from '../../test/e2e/hostile-server.ts';

const html = GENERATED['million-nodes.html']!.replace('setTimeout(beat, 0);\n</script>', 'setTimeout(beat, 0);\n  window.__gaps = []; const b0 = performance.now(); (function watch(){ let l = performance.now(); const f = () => { const n = performance.now(); if (n - l > 150) window.__gaps.push([Math.round(l - b0), Math.round(n - l)]); l = n; setTimeout(f, 0); }; setTimeout(f, 0); })();\n</script>');
const server = createServer((_q, r) => { r.setHeader('content-type', 'text/html'); r.end(html); }).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
const mode = process.argv[2] ?? 'plain';
const loads = Number(process.argv[3] ?? 2);
let browser: Browser;
if (mode === 'ext') browser = (await launchWithExtension('firefox', { headless: true, extensionDir: process.env['FFDIR'] ?? 'dist/firefox' })).browser;
else browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath(), headless: true });
for (let i = 0; i < loads; i++) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  const loaded = Date.now() - t0;
  await page.bringToFront();
  await page.evaluate(() => new Promise<void>((res) => requestAnimationFrame(() => requestAnimationFrame(() => { (window as unknown as { __beatFrom: number }).__beatFrom = performance.now(); res(); }))));
  const framed = Date.now() - t0;
  await new Promise((r) => setTimeout(r, 12_000));
  const r = await page.evaluate(() => ({ gap: Math.round((window as unknown as { __maxGap: number }).__maxGap), gaps: (window as unknown as { __gaps: number[][] }).__gaps }));
  console.log(mode, `load ${loaded} ms, frames ${framed} ms, max gap ${r.gap} ms, gaps>150 [at,ms]: ${JSON.stringify(r.gaps)} load ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  await page.close();
}
await browser.close();
server.close();
