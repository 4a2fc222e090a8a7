/**
 * Size on hostile pages (issue #8), in Chromium and Firefox: 10,000 matches (capped at
 * MAX_MARKS, the cap reported for the popup), 1,000,000 nodes, nesting 10,000 deep, one text
 * node of 5 MB. On each: marks appear, nothing crashes, and no task of ours runs over 50 ms.
 *
 * How "no task of ours over 50 ms" is measured, robustly on a shared 2-core machine:
 * - our own clock: the content script times every slice of its work (src/content/slices.ts)
 *   and reports the figures to the background with each report. It aims at about 8 ms a
 *   slice; wall time includes the moments the OS gives our core to another process, so a
 *   few slices may read long on a loaded machine: at most 2% of them (and at least one) may
 *   pass LONG_TASK_MS, none may pass UNSLICED_MS (a pass over any of these pages done in one
 *   go takes far longer: that is what this catches);
 * - the page's clock: its timer heartbeat (the longest gap between two of its callbacks once it
 *   is built) stays under HEARTBEAT_MS, which also catches work we do not time ourselves
 *   (serialising messages, the style our visibility checks force, painting our marks).
 * Chromium also checks memory: the JS heap (page + our isolated world, after GC) with the
 * extension against a browser without it, on the same page.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath, sendFromExtensionPage } from '../../scripts/browsers.ts';
import { MAX_MARKS } from '../../src/content/app.ts';

// Only a constant is read from the content script here: its extension API is not needed.
vi.mock('../../src/platform/browser.ts', () => ({ browser: {}, t: (key: string) => key }));
import { UI_TO_BG, type TabState } from '../../src/messaging/protocol.ts';
import { BROWSERS, useExtensionBrowser } from './harness.ts';
import { serveHostile } from './hostile-server.ts';

/** The long-task threshold (the Long Tasks API's own). */
const LONG_TASK_MS = 50;
/** No slice reaches this, whatever the load (an unsliced pass over these pages takes seconds). */
const UNSLICED_MS = 400;
/**
 * The page's timer heartbeat, looser: it catches stalls of a second or more that our own clock
 * would miss. It cannot be tight: the browser's own work on these pages (layout and paint of
 * 10,000 paragraphs, a million nodes, a 5 MB text node) and other processes on a busy 2-core
 * machine delay it too — Firefox showed 300–550 ms gaps on the 10,000-match page while our
 * longest slice was under 30 ms (issue #8: attributing those gaps is still open).
 */
const HEARTBEAT_MS = 1000;
/** JS heap the extension may add to a page (MB, after GC, Chromium). */
const HEAP_ADDED_MB = 32;

interface Loaded {
  page: Page;
  state: TabState;
  /** Ranges registered in our highlights (painted marks). */
  painted: number;
  /** Longest gap in the page's timer heartbeat while we worked (ms). */
  gap: number;
}

/** Ranges in the page's highlight registry (readable from the page's world too: BROWSERS.md). */
function paintedMarks(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    for (const [, hl] of CSS.highlights) n += hl.size;
    return n;
  });
}

/**
 * Wait until the tab's content script has reported after its full scan with at least
 * `minPainted` marks painted, and the count has held for a moment.
 */
async function settle(ctx: ReturnType<typeof useExtensionBrowser>, page: Page, since: number, minPainted: number, timeoutMs: number): Promise<Omit<Loaded, 'page' | 'gap'>> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let stable = 0;
  for (;;) {
    const painted = await paintedMarks(page);
    const states = (await ctx.tabStates()).filter((t) => t.reportedAt >= since && t.work && t.found.length > 0);
    const state = states.sort((a, b) => b.reportedAt - a.reportedAt)[0];
    stable = painted === last ? stable + 1 : 0;
    last = painted;
    if (state && painted >= minPainted && stable >= 2) return { state, painted };
    if (Date.now() > deadline) throw new Error(`not settled in ${timeoutMs} ms: ${painted} painted, report ${JSON.stringify(state?.work ?? null)}`);
    await new Promise((r) => setTimeout(r, 400));
  }
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  } finally {
    await cdp.detach();
  }
}

describe.each(BROWSERS)('%s: hostile page sizes', (kind) => {
  const ctx = useExtensionBrowser(kind);
  let server: Awaited<ReturnType<typeof serveHostile>>;
  /** Chromium without the extension, for the heap comparison. */
  let plain: Browser | null = null;
  beforeAll(async () => {
    server = await serveHostile();
    if (kind === 'chromium') plain = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, pipe: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await plain?.close().catch(() => {});
    await server?.close();
  });

  async function load(path: string, minPainted: number, timeoutMs = 60_000): Promise<Loaded> {
    const page = await ctx.eb.newPage();
    const since = Date.now();
    await page.goto(server.url + path, { waitUntil: 'load', timeout: timeoutMs });
    await page.bringToFront();
    await page.evaluate(() => {
      (window as unknown as { __beatFrom: number }).__beatFrom = performance.now();
    });
    const settled = await settle(ctx, page, since, minPainted, timeoutMs);
    const gap = await page.evaluate(() => (window as unknown as { __maxGap: number }).__maxGap);
    return { page, ...settled, gap };
  }

  function budget(name: string, l: Loaded): void {
    const w = l.state.work!;
    console.log(`${kind}: ${name}: ${l.painted} painted; our work ${w.busyMs} ms in ${w.slices} slices, longest ${w.maxSliceMs} ms, ${w.longSlices} over ${LONG_TASK_MS} ms; page heartbeat gap ${l.gap.toFixed(0)} ms`);
    expect(w.slices).toBeGreaterThan(0);
    expect(w.longSlices).toBeLessThanOrEqual(Math.max(1, Math.floor(w.slices * 0.02)));
    expect(w.maxSliceMs).toBeLessThan(UNSLICED_MS);
    expect(l.gap).toBeLessThan(HEARTBEAT_MS);
  }

  async function heapCheck(name: string, l: Loaded, path: string): Promise<void> {
    if (!plain) return;
    const p = await plain.newPage();
    try {
      await p.goto(server.url + path, { waitUntil: 'load', timeout: 60_000 });
      const without = await heapMB(p);
      const withUs = await heapMB(l.page);
      console.log(`${kind}: ${name}: JS heap ${withUs.toFixed(1)} MB with the extension, ${without.toFixed(1)} MB without`);
      expect(withUs - without).toBeLessThan(HEAP_ADDED_MB);
    } finally {
      await p.close();
    }
  }

  it('10,000 matches: at most MAX_MARKS marks, the rest reported as capped for the popup; no long task', async () => {
    const l = await load('many-matches.html', 1);
    try {
      expect(l.painted).toBeLessThanOrEqual(MAX_MARKS);
      const popup = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getPopup, tabId: l.state.tabId });
      expect(popup.capped).toBe(10_000 - MAX_MARKS);
      budget('10,000 matches', l);
    } finally {
      await l.page.close();
    }
  }, 90_000);

  it('1,000,000 nodes: marked, no long task, heap bounded', async () => {
    const l = await load('gen/million-nodes.html', 1, 150_000);
    try {
      expect(l.painted).toBeLessThanOrEqual(500);
      expect(l.state.found.map((f) => f.phrase).join(' ')).toMatch(/offering North Korea food/);
      budget('1,000,000 nodes', l);
      await heapCheck('1,000,000 nodes', l, 'gen/million-nodes.html');
    } finally {
      await l.page.close();
    }
  }, 240_000);

  it('nesting 10,000 deep: every claim marked, at every depth; no stack overflow, no long task', async () => {
    const l = await load('gen/deep.html', 6);
    try {
      expect(l.painted).toBe(6);
      budget('nesting 10,000 deep', l);
    } finally {
      await l.page.close();
    }
  }, 90_000);

  it('one text node of 5 MB: marked, no long task, heap bounded', async () => {
    const l = await load('gen/huge-text.html', 1, 150_000);
    try {
      expect(l.painted).toBeLessThanOrEqual(50);
      budget('5 MB text node', l);
      await heapCheck('5 MB text node', l, 'gen/huge-text.html');
    } finally {
      await l.page.close();
    }
  }, 240_000);
});
