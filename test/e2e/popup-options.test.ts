/**
 * The popup, the per-site pause and the reader's own datasets, in real Chromium and Firefox
 * (issue #6). One browser per browser kind for the whole file.
 *
 *   popup.html?tab=<id> lists the demo page's claims (those the content script reported);
 *   its "Pause on this site" switch removes the page's marks live, and brings them back;
 *   the options page imports a made-up ClaimReview file (test/fixtures/import/), whose claim
 *   is then marked on a page that contains it; a broken file shows its errors, changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { sendFromExtensionPage } from '../../scripts/browsers.ts';
import { UI_TO_BG, type TabState } from '../../src/messaging/protocol.ts';
import { BROWSERS, useExtensionBrowser, type ExtensionContext } from './harness.ts';

/** Marked phrases, read from the page world (the highlight registry is shared with the page). */
function markedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const [, hl] of CSS.highlights) {
      for (const r of hl) {
        const x = document.createRange();
        try {
          x.setStart(r.startContainer, r.startOffset);
          x.setEnd(r.endContainer, r.endOffset);
          out.push(x.toString());
        } catch {
          out.push('');
        }
      }
    }
    // The wrapper fallback (no Highlight API) marks with our custom elements.
    for (const el of document.querySelectorAll('claimlens-mark')) out.push(el.textContent ?? '');
    return out;
  });
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The latest tab that reported at least `min` claims. */
async function reportedTab(ctx: ExtensionContext, min = 1): Promise<TabState> {
  const states = await until('a report with claims', () => ctx.tabStates(), (tabs) => tabs.some((t) => t.found.length >= min));
  return states.filter((t) => t.found.length >= min).reduce((a, b) => (b.reportedAt > a.reportedAt ? b : a));
}

/** The toolbar badge text of a tab, read through the extension API from one of our pages. */
function badge(page: Page, tabId: number): Promise<string> {
  return page.evaluate(async (id: number) => {
    const g = globalThis as unknown as Record<'browser' | 'chrome', { action: { getBadgeText(d: { tabId: number }): Promise<string> } } | undefined>;
    return (g.browser ?? g.chrome)!.action.getBadgeText({ tabId: id });
  }, tabId);
}

/** Puts a file into the options page's file input, as a reader picking it would. */
async function pickFile(options: Page, path: string): Promise<void> {
  const input = (await options.waitForSelector('#import-file')) as ElementHandle<HTMLInputElement>;
  await input.uploadFile(path);
}

describe.each(BROWSERS)('%s', (kind) => {
  const ctx = useExtensionBrowser(kind);

  it('the popup lists the demo page claims; pausing the site removes its marks live, resuming brings them back', async () => {
    const demo = await ctx.openDemo();
    try {
      const tab = await reportedTab(ctx);
      const claimIds = [...new Set(tab.found.map((f) => f.claimId))];
      const marksBefore = await until('marks', () => markedTexts(demo), (m) => m.length > 0);

      const popup = await ctx.openExtensionPage(`popup.html?tab=${tab.tabId}`);
      try {
        await popup.waitForSelector('.claim');
        const rows = await popup.$$eval('.claim', (els) => els.map((e) => ({ text: e.querySelector('.claim-text')?.textContent ?? '', meta: e.querySelector('.claim-meta')?.textContent ?? '' })));
        expect(rows).toHaveLength(claimIds.length);
        for (const r of rows) {
          expect(r.text.length).toBeGreaterThan(10);
          expect(r.meta).toMatch(/In the dataset: \d+ outlets · \d+ denials/);
        }
        expect(await badge(popup, tab.tabId)).toBe(String(claimIds.length));

        // Pause: the switch is a real button with role=switch; keyboard works on it.
        const sw = (await popup.waitForSelector('#pause'))!;
        expect(await sw.evaluate((e) => [e.getAttribute('role'), e.getAttribute('aria-checked')])).toEqual(['switch', 'false']);
        await sw.focus();
        await popup.keyboard.press('Enter');
        await until('marks gone', () => markedTexts(demo), (m) => m.length === 0);
        await popup.waitForSelector('[data-state="paused"]');
        expect(await popup.$eval('#pause', (e) => e.getAttribute('aria-checked'))).toBe('true');
        await until('badge cleared', () => badge(popup, tab.tabId), (b) => b === '');

        // Resume: the marks come back, the same phrases as before.
        await popup.click('#pause');
        // Read from the demo tab in front: marks are painted from what its viewport shows
        // (src/content/marks.ts), and a background tab renders no frames.
        const marksAfter = await until('marks back', async () => {
          await demo.bringToFront();
          return markedTexts(demo);
        }, (m) => m.length === marksBefore.length);
        expect(marksAfter.sort()).toEqual(marksBefore.sort());
        await popup.waitForSelector('.claim');
      } finally {
        await popup.close();
      }
    } finally {
      await demo.close();
    }
  });

  it('imports a ClaimReview file whose claim is then marked; a broken file shows its errors and changes nothing', async () => {
    const options = await ctx.openExtensionPage('options.html');
    try {
      await options.waitForSelector('[data-testid="no-imports"]');
      await pickFile(options, resolve('test/fixtures/import/lakeview-claimreview.json'));
      await options.waitForSelector('[data-testid="import-ok"]');
      await options.waitForSelector('li[data-dataset="lakeview-claimreview"]');
      const statsText = await options.$eval('li[data-dataset="lakeview-claimreview"]', (e) => e.textContent ?? '');
      expect(statsText).toContain('2024-05-02 – 2024-05-03');

      const page = await ctx.openDemo('import/lakeview.html');
      try {
        const marks = await until('the imported claim marked', () => markedTexts(page), (m) => m.some((t) => t.includes('Lakeview will close its public library')));
        expect(marks.length).toBeGreaterThan(0);
      } finally {
        await page.close();
      }

      const before = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.listDatasets });
      await pickFile(options, resolve('test/fixtures/import/broken-claimreview.json'));
      const errors = await (await options.waitForSelector('[data-testid="import-errors"]'))!.evaluate((e) => e.textContent ?? '');
      expect(errors).toContain('broken-claimreview.json:13:');
      expect(errors).toContain('@graph[1].claimReviewed: missing claim text');
      expect(errors).toContain('broken-claimreview.json:7:');
      expect(errors).toContain('not a valid date: "2024-13-45"');
      const after = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.listDatasets });
      expect(after.imports).toEqual(before.imports);
      expect(await options.$$eval('li[data-dataset]', (els) => els.map((e) => e.getAttribute('data-dataset')))).toContain('lakeview-claimreview');
    } finally {
      await options.close();
    }
  });
});
