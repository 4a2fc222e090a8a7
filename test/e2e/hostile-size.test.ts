/**
 * Size on hostile pages (issue #8), in Chromium and Firefox: 10,000 matches on one page are
 * capped at MAX_MARKS marks, and the cap is reported to the background, where the popup reads
 * it. Only the marks near the viewport are painted at any time (issue #7); scrolling paints them all. The page's own timer heartbeat measures the longest task while we work: printed, not yet
 * asserted — it is far over the 50 ms budget (about 350 ms in both browsers, issue #8, open).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendFromExtensionPage } from '../../scripts/browsers.ts';
import { MAX_MARKS } from '../../src/content/app.ts';
import { UI_TO_BG } from '../../src/messaging/protocol.ts';
import { BROWSERS, useExtensionBrowser } from './harness.ts';
import { serveHostile } from './hostile-server.ts';

describe.each(BROWSERS)('%s: hostile page sizes', (kind) => {
  const ctx = useExtensionBrowser(kind);
  let server: Awaited<ReturnType<typeof serveHostile>>;
  beforeAll(async () => {
    server = await serveHostile();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('10,000 matches: at most MAX_MARKS marks, painted near the viewport only, and the rest reported as capped for the popup', async () => {
    const page = await ctx.eb.newPage();
    try {
      await page.goto(server.url + 'many-matches.html', { waitUntil: 'load' });
      await page.bringToFront();
      const painted = (): Promise<number> =>
        page.evaluate(() => {
          let n = 0;
          for (const [, hl] of CSS.highlights) n += hl.size;
          return n;
        });
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await painted()) === 0) await new Promise((r) => setTimeout(r, 250));
      // Only the marks near the viewport are painted (src/content/marks.ts, issue #7): far fewer than MAX_MARKS.
      const atTop = await painted();
      expect(atTop).toBeGreaterThan(0);
      expect(atTop).toBeLessThan(MAX_MARKS / 2);
      // Scrolling through the page paints every mark in turn: exactly the first MAX_MARKS paragraphs, none after.
      const marked = await page.evaluate(async (max: number) => {
        const settle = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
        const ps = [...document.querySelectorAll('#a > p')];
        const index = new Map(ps.map((p, i) => [p as Node, i]));
        const seen = new Set<number>();
        let most = 0;
        const collect = (): void => {
          let n = 0;
          for (const [, hl] of CSS.highlights) {
            for (const r of hl) {
              n++;
              const i = index.get(r.startContainer.parentNode!);
              if (i !== undefined) seen.add(i);
            }
          }
          most = Math.max(most, n);
        };
        const stop = ps[Math.min(ps.length - 1, max + 200)]!.getBoundingClientRect().top + scrollY;
        for (let y = 0; y < stop; y += innerHeight * 2) {
          scrollTo(0, y);
          await settle();
          collect();
        }
        scrollTo(0, document.documentElement.scrollHeight);
        await settle();
        collect();
        return { count: seen.size, last: Math.max(...seen), most };
      }, MAX_MARKS);
      expect(marked.count).toBe(MAX_MARKS);
      expect(marked.last).toBe(MAX_MARKS - 1);
      expect(marked.most).toBeLessThan(MAX_MARKS / 2);
      const tabs = await ctx.waitForTabStates();
      const tabId = tabs.reduce((a, b) => (b.reportedAt > a.reportedAt ? b : a)).tabId;
      const popup = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getPopup, tabId });
      expect(popup.capped).toBeGreaterThanOrEqual(10_000 - MAX_MARKS);
      const gap = await page.evaluate(() => (window as unknown as { __maxGap: number }).__maxGap);
      console.log(`${kind}: 10,000 matches — longest gap in the page's timer heartbeat ${gap.toFixed(0)} ms`);
    } finally {
      await page.close();
    }
  });
});
