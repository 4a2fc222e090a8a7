/**
 * Hostile pages (issue #8), in real Chromium and Firefox with the built extension: pages that
 * replace built-ins, a strict CSP sent as an HTTP header, iframes of the same and of another
 * origin, SVG, right-to-left, CJK, emoji and combining marks next to claims, editable text,
 * and a page that tries to reach our UI, steer us, or remove our card.
 *
 * Fixtures: test/fixtures/hostile/. They are served by a small server of this file (it adds
 * the CSP header to csp*.html); `localhost` and `127.0.0.1` are two origins of that server.
 * Page-world code here avoids the built-ins the hostile pages replace (no .map, no JSON).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { sendFromExtensionPage } from '../../scripts/browsers.ts';
import { UI_TO_BG } from '../../src/messaging/protocol.ts';
import { BROWSERS, useExtensionBrowser, type ExtensionContext } from './harness.ts';
import { serveHostile } from './hostile-server.ts';

const CLAIM = 'John Kirby said Russia is offering North Korea food in exchange for munitions.';

interface MarkedPhrase {
  text: string;
  /** Code units at the boundaries: a boundary inside a surrogate pair shows as high/low. */
  splitsPair: boolean;
  inEditable: boolean;
  parentId: string;
}

/** Every highlighted phrase, read in the page's world (no replaced built-ins used). */
function readMarks(page: Page): Promise<MarkedPhrase[]> {
  return page.evaluate(() => {
    const out: { text: string; splitsPair: boolean; inEditable: boolean; parentId: string }[] = [];
    const reg = (globalThis as unknown as { CSS?: { highlights?: Iterable<[string, Iterable<AbstractRange>]> } }).CSS?.highlights;
    if (!reg) return out;
    const high = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
    const low = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
    const splits = (n: Node, off: number): boolean => {
      const d = (n as Text).data;
      return typeof d === 'string' && off > 0 && off < d.length && high(d.charCodeAt(off - 1)) && low(d.charCodeAt(off));
    };
    for (const [, hl] of reg) {
      for (const r of hl) {
        const text = r.startContainer === r.endContainer ? ((r.startContainer as Text).data ?? '').slice(r.startOffset, r.endOffset) : '(multi-node)';
        const el = r.startContainer.parentElement;
        out.push({
          text,
          splitsPair: splits(r.startContainer, r.startOffset) || splits(r.endContainer, r.endOffset),
          inEditable: !!el && !!el.closest('[contenteditable], input, textarea'),
          parentId: (el && el.closest('[id]')?.id) ?? '',
        });
      }
    }
    return out;
  });
}

async function waitFor<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms; last: ${JSON.stringify(v).slice(0, 800)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The tab id of the page's report (the newest report). */
async function latestTabId(ctx: ExtensionContext): Promise<number> {
  const states = await ctx.waitForTabStates();
  return states.reduce((a, b) => (b.reportedAt > a.reportedAt ? b : a)).tabId;
}

/** Open the card of the first mark through the keyboard path and return what it shows. */
async function openFirstCard(ctx: ExtensionContext, page: Page): Promise<{ opened: boolean; open: boolean; text: string }> {
  await page.bringToFront();
  const tabId = await latestTabId(ctx);
  const nav = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.navigateClaims, tabId, direction: 'next' });
  const card = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getOpenCard, tabId });
  return { opened: nav.opened, open: card.open, text: card.text };
}

/** True when some point of the viewport hits an element with a closed shadow root (our card). */
function cardIsHitTestable(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const w = innerWidth;
    const h = innerHeight;
    for (let x = 4; x < w; x += 24) {
      for (let y = 4; y < h; y += 24) {
        const el = document.elementFromPoint(x, y);
        if (el && el.localName.includes('-') && el.shadowRoot === null && el.parentElement === document.body) return true;
      }
    }
    return false;
  });
}

describe.each(BROWSERS)('%s: hostile pages', (kind) => {
  const ctx = useExtensionBrowser(kind);
  let server: Awaited<ReturnType<typeof serveHostile>>;
  beforeAll(async () => {
    server = await serveHostile();
  });
  afterAll(async () => {
    await server?.close();
  });

  async function open(path: string, before?: (p: Page) => Promise<void>): Promise<Page> {
    const page = await ctx.eb.newPage();
    if (before) await before(page);
    await page.goto(server.url + path, { waitUntil: 'load' });
    return page;
  }

  it('built-ins replaced by the page before we run: marks and the card still work, no poisoned call', async () => {
    const page = await open('builtins.html');
    try {
      const marks = await waitFor('marks', () => readMarks(page), (m) => m.length > 0);
      expect(marks.some((m) => CLAIM.includes(m.text) && m.text.includes('offering North Korea food'))).toBe(true);
      const card = await openFirstCard(ctx, page);
      expect(card.opened).toBe(true);
      expect(card.open).toBe(true);
      expect(card.text).toContain('John Kirby');
      // Our scripts never called the page's replaced functions (isolated world / Xray vision).
      expect(await page.evaluate(() => (window as unknown as { __poisonCalls: number }).__poisonCalls)).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('a strict CSP header (default-src none; style-src none): marks and a styled, visible card', async () => {
    const page = await open('csp.html');
    try {
      const resp = await page.evaluate(() => document.title);
      expect(resp).toContain('Content-Security-Policy');
      const marks = await waitFor('marks', () => readMarks(page), (m) => m.length > 0);
      expect(marks.some((m) => m.text.includes('offering North Korea food'))).toBe(true);
      const card = await openFirstCard(ctx, page);
      expect(card.open).toBe(true);
      expect(card.text).toContain('John Kirby');
      // The card's own stylesheet applied: without it the card would not take pointer events
      // (the host is pointer-events:none) and would sit at the end of the page, not over it.
      expect(await waitFor('card hit-testable', () => cardIsHitTestable(page), (v) => v, 5000)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('RTL, CJK, emoji, combining marks, bidi controls next to claims: exact phrases, no split character; SVG, editable text, inputs untouched; DOM unchanged', async () => {
    const page = await open('text.html', async (p) => {
      await p.evaluateOnNewDocument(() => {
        document.addEventListener('DOMContentLoaded', () => {
          const w = window as unknown as Record<string, unknown>;
          w['__before'] = document.documentElement.outerHTML;
          w['__values'] = (document.getElementById('input') as HTMLInputElement).value + '|' + (document.getElementById('textarea') as HTMLTextAreaElement).value;
        });
      });
    });
    try {
      const ids = ['emoji', 'combining', 'rtl', 'cjk', 'bidi'];
      const marks = await waitFor('marks in every paragraph', () => readMarks(page), (m) => {
        let n = 0;
        for (const id of ids) if (m.some((x) => x.parentId === id)) n++;
        return n === ids.length;
      });
      for (const m of marks) {
        expect(m.splitsPair).toBe(false);
        expect(m.inEditable).toBe(false);
        expect(['svg', 'editable', 'editable-plain', 'input', 'textarea']).not.toContain(m.parentId);
        // The phrase is part of the claim sentence: no neighbouring character taken in.
        expect(CLAIM.includes(m.text)).toBe(true);
      }
      const same = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        const values = (document.getElementById('input') as HTMLInputElement).value + '|' + (document.getElementById('textarea') as HTMLTextAreaElement).value;
        return document.documentElement.outerHTML === w['__before'] && values === w['__values'];
      });
      expect(same).toBe(true);
      // Typing in an editable claim sentence does not mark it either.
      await page.click('#editable p');
      await page.keyboard.type(' Pyongyang has denied the charges.');
      await new Promise((r) => setTimeout(r, 1200));
      expect((await readMarks(page)).some((m) => m.inEditable)).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('iframes (all_frames: false): the top page is marked, same- and cross-origin frames are left alone', async () => {
    const page = await open('frames.html');
    try {
      await waitFor('top marks', () => readMarks(page), (m) => m.length > 0);
      await waitFor('frames loaded', async () => page.frames().length, (n) => n >= 3);
      await new Promise((r) => setTimeout(r, 1500));
      const frames = page.frames().filter((f) => f !== page.mainFrame());
      expect(frames.some((f) => f.url().includes('://localhost:'))).toBe(true);
      expect(frames.some((f) => f.url().includes('://127.0.0.1:'))).toBe(true);
      for (const f of frames) {
        const n = await f.evaluate(() => {
          let count = 0;
          for (const [, hl] of CSS.highlights) count += hl.size;
          return count + document.querySelectorAll('body *:not(p)').length;
        });
        expect(n).toBe(0);
      }
    } finally {
      await page.close();
    }
  });

  it('a page that reaches for us: closed shadow root, nothing new on window, fake messages ignored', async () => {
    const page = await open('reach.html?max=0', async (p) => {
      await p.evaluateOnNewDocument(() => {
        (window as unknown as Record<string, unknown>)['__globalsAtStart'] = Object.getOwnPropertyNames(window);
      });
    });
    try {
      await waitFor('marks', () => readMarks(page), (m) => m.length > 0);
      const card = await openFirstCard(ctx, page);
      expect(card.open).toBe(true);
      // Our host is in the page, with its shadow root closed to the page.
      const host = await page.evaluate(() => {
        const hosts: { name: string; shadow: boolean }[] = [];
        for (const el of document.body.children) if (el.localName.includes('-')) hosts.push({ name: el.localName, shadow: el.shadowRoot !== null });
        return hosts;
      });
      expect(host.length).toBe(1);
      expect(host[0]!.shadow).toBe(false);
      // No new global from us: only the page's own (its __ helpers).
      const added = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        const before = new Set(w['__globalsAtStart'] as string[]);
        const out: string[] = [];
        for (const k of Object.getOwnPropertyNames(window)) if (!before.has(k)) out.push(k);
        return out;
      });
      expect(added.filter((k) => !k.startsWith('__'))).toEqual([]);
      // Messages that look like ours change nothing: the same card stays open, marks stay.
      const tabId = await latestTabId(ctx);
      const before = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getOpenCard, tabId });
      const marksBefore = (await readMarks(page)).length;
      await page.evaluate(() => (window as unknown as { __steer: () => void }).__steer());
      await new Promise((r) => setTimeout(r, 500));
      const after = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getOpenCard, tabId });
      expect(after.open).toBe(true);
      expect(after.claimIds).toEqual(before.claimIds);
      expect((await readMarks(page)).length).toBe(marksBefore);
    } finally {
      await page.close();
    }
  });

  it('a page that removes unknown elements once: our card host is put back and the card stays', async () => {
    const page = await open('reach.html?max=1');
    try {
      await waitFor('marks', () => readMarks(page), (m) => m.length > 0);
      const card = await openFirstCard(ctx, page);
      expect(card.opened).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(await page.evaluate(() => (window as unknown as { __removed: number }).__removed)).toBe(1);
      const tabId = await latestTabId(ctx);
      expect((await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getOpenCard, tabId })).open).toBe(true);
      expect(await cardIsHitTestable(page)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('a page that removes unknown elements every time: we re-attach once, then stop (no fight, page intact)', async () => {
    const page = await open('reach.html');
    try {
      await waitFor('marks', () => readMarks(page), (m) => m.length > 0);
      await openFirstCard(ctx, page);
      await new Promise((r) => setTimeout(r, 300));
      const tabId = await latestTabId(ctx);
      // Try again: no more cards on this page.
      await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.navigateClaims, tabId, direction: 'next' });
      await new Promise((r) => setTimeout(r, 500));
      expect(await page.evaluate(() => (window as unknown as { __removed: number }).__removed)).toBe(2);
      expect((await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getOpenCard, tabId })).open).toBe(false);
      expect((await readMarks(page)).length).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});
