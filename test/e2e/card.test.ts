/**
 * Marks and the claim card in real Chromium and Firefox (issue #5), on the seed demo page and
 * on a live-rendering fixture (test/fixtures/card/live.html).
 *
 * The page world reads the marks through `CSS.highlights` (the registry is shared with the
 * page). The card lives in a closed shadow root the page cannot read; the test asks the
 * background for the open card (`ui-to-bg/get-open-card`), as an extension page would.
 */
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { sendFromExtensionPage } from '../../scripts/browsers.ts';
import { UI_TO_BG, type OpenCardReply } from '../../src/messaging/protocol.ts';
import { BROWSERS, useExtensionBrowser, type ExtensionContext } from './harness.ts';

interface MarkedPhrase {
  name: string;
  text: string;
  connected: boolean;
}

/**
 * Every highlighted phrase, read from the page's own world. Only marks near the viewport are
 * painted (src/content/marks.ts, issue #7), so this scrolls through the whole page, collects
 * what each stretch paints, and scrolls back.
 */
async function readMarks(page: Page): Promise<MarkedPhrase[]> {
  await page.bringToFront(); // a background tab renders no frames: its observers stay silent
  return page.evaluate(async () => {
    const settle = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
    const seen = new Map<AbstractRange, string>();
    const collect = (): void => {
      for (const [name, hl] of CSS.highlights) for (const r of hl) seen.set(r, name);
    };
    const back = scrollY;
    for (let y = 0; ; y += innerHeight * 2) {
      scrollTo(0, y);
      await settle();
      collect();
      if (y + innerHeight >= document.documentElement.scrollHeight) break;
    }
    scrollTo(0, back);
    await settle();
    const out: { name: string; text: string; connected: boolean }[] = [];
    for (const [r, name] of seen) {
      const x = document.createRange();
      try {
        x.setStart(r.startContainer, r.startOffset);
        x.setEnd(r.endContainer, r.endOffset);
        out.push({ name, text: x.toString(), connected: r.startContainer.isConnected });
      } catch {
        out.push({ name, text: '', connected: false });
      }
    }
    return out;
  });
}

async function waitForMarks(page: Page, pred: (m: MarkedPhrase[]) => boolean, timeoutMs = 15_000): Promise<MarkedPhrase[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const marks = await readMarks(page);
    if (pred(marks)) return marks;
    if (Date.now() > deadline) throw new Error(`marks not as expected: ${JSON.stringify(marks.map((m) => `${m.name}: ${m.text}`))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The tab id of the most recent report (each test closes its pages). */
async function latestTabId(ctx: ExtensionContext): Promise<number> {
  const states = await ctx.waitForTabStates();
  return states.reduce((a, b) => (b.reportedAt > a.reportedAt ? b : a)).tabId;
}

/** Hover the centre of the first line of the marked phrase containing `needle`. */
async function hoverPhrase(page: Page, needle: string): Promise<void> {
  await page.bringToFront();
  // Bring the phrase's text into view first: marks far from the viewport are not painted.
  await page.evaluate(async (n: string) => {
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let t = w.nextNode(); t; t = w.nextNode()) {
      if (!(t as Text).data.includes(n.slice(0, 20))) continue;
      t.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
      break;
    }
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
  }, needle);
  const point = await page.evaluate((n: string) => {
    for (const [, hl] of CSS.highlights) {
      for (const r of hl) {
        const x = document.createRange();
        x.setStart(r.startContainer, r.startOffset);
        x.setEnd(r.endContainer, r.endOffset);
        if (!x.toString().includes(n)) continue;
        (r.startContainer.parentElement ?? document.body).scrollIntoView({ block: 'center', behavior: 'instant' });
        const rect = x.getClientRects()[0]!;
        return { x: rect.left + Math.min(rect.width / 2, 40), y: rect.top + rect.height / 2 };
      }
    }
    return null;
  }, needle);
  if (!point) throw new Error(`no marked phrase contains "${needle}"`);
  await page.mouse.move(point.x - 30, point.y - 40);
  await page.mouse.move(point.x, point.y, { steps: 4 });
  // Longer than the intent delay, measured in the page (its timers run while it is in front).
  await page.evaluate(() => new Promise((r) => setTimeout(r, 700)));
}

async function openCard(ctx: ExtensionContext, tabId: number): Promise<OpenCardReply> {
  return sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getOpenCard, tabId });
}

describe.each(BROWSERS)('%s: marks and claim card', (kind) => {
  const ctx = useExtensionBrowser(kind);

  it('marks the expected phrases on the demo page without changing its DOM', async () => {
    const page = await ctx.eb.newPage();
    try {
      // The DOM as the page built it, before the content script runs (document_idle).
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('DOMContentLoaded', () => {
          (window as unknown as { __before: string }).__before = document.documentElement.outerHTML;
        });
      });
      await page.goto(ctx.server.url, { waitUntil: 'load' });
      // Marks arrive in batches and are painted as the viewport reaches them: wait for the whole set.
      const expected = ['offering North Korea food in exchange for munitions', 'North Korea weapons in exchange for food supplies', 'Pyongyang has denied the charges'];
      const marks = await waitForMarks(page, (m) => m.length > 5 && expected.every((e) => m.some((x) => x.text.includes(e))));
      const claims = marks.filter((m) => m.name === 'claimlens-claim').map((m) => m.text);
      const denials = marks.filter((m) => m.name === 'claimlens-denial').map((m) => m.text);
      expect(claims.some((t) => t.includes('offering North Korea food in exchange for munitions'))).toBe(true);
      expect(claims.some((t) => t.includes('North Korea weapons in exchange for food supplies'))).toBe(true);
      expect(denials.some((t) => t.includes('Pyongyang has denied the charges'))).toBe(true);
      expect(marks.every((m) => m.connected && m.text.trim().length > 0)).toBe(true);
      // Byte for byte the same DOM (no card open): marks add nothing to the page.
      const same = await page.evaluate(() => document.documentElement.outerHTML === (window as unknown as { __before: string }).__before);
      expect(same).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('hovering the food-for-weapons phrase opens a card naming John Kirby and the White House', async () => {
    const page = await ctx.openDemo();
    try {
      await waitForMarks(page, (m) => m.some((x) => x.text.includes('offering North Korea food in exchange for munitions')));
      const tabId = await latestTabId(ctx);
      await hoverPhrase(page, 'offering North Korea food in exchange for munitions');
      const card = await openCard(ctx, tabId);
      expect(card.open).toBe(true);
      expect(card.claimIds).toContain('food-for-weapons');
      expect(card.text).toContain('John Kirby');
      expect(card.text).toContain('White House');
      expect(card.text).toContain('Said by');
      expect(card.text).toContain('Reported by');
    } finally {
      await page.close();
    }
  });

  it('hovering the Telegraph denial shows it as a denial of the arms-supply claims', async () => {
    const page = await ctx.openDemo();
    try {
      await waitForMarks(page, (m) => m.some((x) => x.name === 'claimlens-denial' && x.text.includes('Pyongyang has denied the charges')));
      const tabId = await latestTabId(ctx);
      await hoverPhrase(page, 'Pyongyang has denied the charges');
      const card = await openCard(ctx, tabId);
      expect(card.open).toBe(true);
      expect(card.text).toContain('This page reports a denial');
      // The claims denied are North Korea's arms supplies to Russia, not the food offer.
      expect(card.claimIds.length).toBeGreaterThan(0);
      expect(card.claimIds.every((id) => /nk|shells|arms/.test(id))).toBe(true);
      expect(card.claimIds).not.toContain('food-for-weapons');
    } finally {
      await page.close();
    }
  });

  it('the keyboard path opens the same cards, Escape closes, and a screenshot is kept', async () => {
    const page = await ctx.openDemo();
    try {
      await waitForMarks(page, (m) => m.length > 5);
      const tabId = await latestTabId(ctx);
      const first = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.navigateClaims, tabId, direction: 'next', claimId: 'food-for-weapons' });
      expect(first.opened).toBe(true);
      const card = await openCard(ctx, tabId);
      expect(card.claimIds).toContain('food-for-weapons');
      expect(card.text).toContain('John Kirby');
      expect(card.text).toContain('White House');
      // Stepping moves to another mark and opens its card.
      const next = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.navigateClaims, tabId, direction: 'next' });
      expect(next.opened).toBe(true);
      const back = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.navigateClaims, tabId, direction: 'prev' });
      expect(back.claimIds).toEqual(first.claimIds);
      await page.bringToFront();
      mkdirSync('artifacts', { recursive: true });
      await page.screenshot({ path: `artifacts/card-${kind}.png` });
      if (kind === 'chromium' && process.env['CLAIMLENS_UPDATE_DOCS']) copyFileSync('artifacts/card-chromium.png', 'docs/card-chromium.png');
      // Focus is in the card: Escape (a real key press) closes it.
      await page.keyboard.press('Escape');
      expect((await openCard(ctx, tabId)).open).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('a page that renders late and re-renders gets marks and keeps them right; pushState rescans', async () => {
    const page = await ctx.openDemo('card/live.html');
    try {
      const late = await waitForMarks(page, (m) => m.some((x) => x.text.includes('food in exchange for munitions')));
      expect(late.every((m) => m.connected)).toBe(true);
      // A re-render replaces every node: the old marks go, new ones are on the new nodes.
      await page.evaluate(() => (window as unknown as { rerender: () => void }).rerender());
      await page.evaluate(() => (window as unknown as { rerender: () => void }).rerender());
      const after = await waitForMarks(page, (m) => m.length > 0 && m.every((x) => x.connected) && m.some((x) => x.text.includes('food in exchange for munitions')));
      expect(after.length).toBe(late.length);
      expect(after.map((m) => m.text)).toEqual(late.map((m) => m.text));
      // Single-page navigation: the new article is scanned, the old marks are gone.
      await page.evaluate(() => (window as unknown as { go: (p: string) => void }).go('2'));
      const nav = await waitForMarks(page, (m) => m.some((x) => x.text.includes('Zelensky')) && !m.some((x) => x.text.includes('munitions')));
      expect(nav.every((m) => m.connected)).toBe(true);
    } finally {
      await page.close();
    }
  });
});
