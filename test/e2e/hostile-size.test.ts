/**
 * Size on hostile pages (issue #8), in Chromium and Firefox: 10,000 matches on one page are
 * capped at MAX_MARKS marks, and the cap is reported to the background, where the popup reads
 * it. The page's own timer heartbeat measures the longest task while we work: printed, not yet
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

  it('10,000 matches: at most MAX_MARKS marks, and the rest reported as capped for the popup', async () => {
    const page = await ctx.eb.newPage();
    try {
      await page.goto(server.url + 'many-matches.html', { waitUntil: 'load' });
      await page.bringToFront();
      const deadline = Date.now() + 30_000;
      let count = 0;
      while (Date.now() < deadline) {
        count = await page.evaluate(() => {
          let n = 0;
          for (const [, hl] of CSS.highlights) n += hl.size;
          return n;
        });
        if (count >= MAX_MARKS) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(count).toBe(MAX_MARKS);
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
