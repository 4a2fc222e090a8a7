/**
 * Single-call stalls of a bare DOM walk on the million-node page (issue #8), in Chromium: the
 * walk of page-text.ts reduced to its moves (firstChild / nextSibling / parentNode), in 8 ms
 * slices, timing every node. Prints per run the slices over 50 ms, the longest slices, and
 * each node that took over 5 ms ([visited, ms]; negative: the text read itself).
 *
 *   npx tsx bench/browser/walk-stalls.ts main,isolated,isolated-len,isolated-len-hold16 3
 *
 * Variants: `main` (the page's world) or `isolated` (a world of our own, as a content script
 * runs in); `-len` reads each text node's `length`, else its `data`; `-hold` keeps every text
 * node, `-hold16` one in 16. Measured (load 4–5): reading `data` stalled single reads at the
 * 131,2xxth and 262,4xxth text node in both worlds, 0–3 slices over 50 ms a run; reading
 * `length`, none over 50 ms (longest 18–34 ms) holding none or one in 16; holding every node
 * in the isolated world, 1–6.
 */
import puppeteer, { type Frame } from 'puppeteer-core';
import { createServer } from 'node:http';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/browsers.ts';
import { GENERATED } from '../../test/e2e/hostile-server.ts';

const html = GENERATED['million-nodes.html']!;
const server = createServer((_q, r) => { r.setHeader('content-type', 'text/html'); r.end(html); }).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
const variants = (process.argv[2] ?? 'main,isolated').split(',');
const runs = Number(process.argv[3] ?? 2);
const walk = async (variant: string): Promise<unknown> => {
  const held: Node[] = [];
  const hold = variant.includes('hold');
  const every = variant.includes('hold16') ? 16 : 1;
  let texts = 0;
  let cur: Node | null = document.body.firstChild;
  let visited = 0;
  const stalls: [number, number][] = [];
  const slices: number[] = [];
  let chars = 0;
  while (cur) {
    const t0 = performance.now();
    while (cur && performance.now() - t0 < 8) {
      for (let k = 0; k < 32 && cur; k++) {
        const c0 = performance.now();
        const node: Node = cur;
        visited++;
        if (node.nodeType === 3) {
          const d0 = performance.now();
          chars += variant.includes('len') ? (node as Text).length : (node as Text).data.length;
          const dd = performance.now() - d0;
          if (dd > 5) stalls.push([visited, -Math.round(dd)]);
          if (hold && texts++ % every === 0) held.push(node);
        }
        let next: Node | null = node.nodeType === 1 ? node.firstChild : null;
        if (!next) {
          for (let x: Node = node; ;) {
            const sib = x.nextSibling;
            if (sib) { next = sib; break; }
            const up = x.parentNode;
            if (up === null || up === document.body) { next = null; break; }
            x = up;
          }
        }
        cur = next;
        const d = performance.now() - c0;
        if (d > 5) stalls.push([visited, Math.round(d)]);
      }
    }
    slices.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 0));
  }
  slices.sort((a, b) => b - a);
  return { visited, chars, held: held.length, slices: slices.length, over50: slices.filter((s) => s > 50).length, top: slices.slice(0, 5).map(Math.round), stalls };
};
for (let r = 0; r < runs; r++) {
  for (const v of variants) {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // puppeteer's isolated realm (a world of its own, like an extension's content script): not in its types.
    const realm = v.startsWith('main') ? page.mainFrame() : (page.mainFrame() as unknown as { isolatedRealm(): Pick<Frame, 'evaluate'> }).isolatedRealm();
    const res = await realm.evaluate(walk, v);
    console.log(v, JSON.stringify(res));
    await page.close();
  }
}
await browser.close();
server.close();
