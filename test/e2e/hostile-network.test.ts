/**
 * The network audit (issue #8): while the extension runs on the demo page — marks, a card
 * opened, the popup asked — every request the browser makes is recorded, and the only ones to
 * the network are the page's own, to 127.0.0.1. Our own files (chrome-extension:// or
 * moz-extension://) are not network.
 *
 * Chromium: a CDP session with the Network domain on every target — pages, our extension
 *   pages and the extension's service worker — attached as each target appears.
 * Firefox: the WebDriver BiDi session's `network.beforeRequestSent` events, which puppeteer
 *   subscribes to for the whole session (every browsing context).
 */
import { describe, expect, it } from 'vitest';
import type { Target } from 'puppeteer-core';
import { sendFromExtensionPage } from '../../scripts/browsers.ts';
import { UI_TO_BG } from '../../src/messaging/protocol.ts';
import { BROWSERS, useExtensionBrowser } from './harness.ts';

interface Seen {
  url: string;
  from: string;
}

/** Start recording every request of the browser; returns the live list. */
async function recordRequests(ctx: ReturnType<typeof useExtensionBrowser>): Promise<{ seen: Seen[]; sources: Set<string> }> {
  const seen: Seen[] = [];
  const sources = new Set<string>();
  const { browser } = ctx.eb;
  if (ctx.eb.kind === 'chromium') {
    const watched = new WeakSet<Target>();
    const watch = async (t: Target): Promise<void> => {
      if (watched.has(t)) return;
      watched.add(t);
      try {
        const s = await t.createCDPSession();
        s.on('Network.requestWillBeSent', (e: { request: { url: string } }) => seen.push({ url: e.request.url, from: `${t.type()} ${t.url()}` }));
        await s.send('Network.enable');
        sources.add(t.type());
      } catch {
        // targets that cannot take a session (browser, other) make no requests of their own
      }
    };
    browser.on('targetcreated', (t: Target) => void watch(t));
    for (const t of browser.targets()) await watch(t);
  } else {
    const connection = (browser as unknown as { connection: { on(event: string, f: (e: unknown) => void): void } }).connection;
    connection.on('network.beforeRequestSent', (e) => {
      const ev = e as { request: { url: string }; context: string | null };
      seen.push({ url: ev.request.url, from: `context ${String(ev.context)}` });
    });
    sources.add('bidi-session');
  }
  return { seen, sources };
}

describe.each(BROWSERS)('%s: no network request from the extension', (kind) => {
  const ctx = useExtensionBrowser(kind);

  it('records every request while marking, opening a card and asking the popup: only the page’s own, to 127.0.0.1', async () => {
    const { seen, sources } = await recordRequests(ctx);
    const page = await ctx.eb.newPage();
    await new Promise((r) => setTimeout(r, 200)); // the recorder attaches to the new tab
    try {
      await page.goto(ctx.server.url, { waitUntil: 'load' });
      const tabs = await ctx.waitForTabStates();
      const tabId = tabs.reduce((a, b) => (b.reportedAt > a.reportedAt ? b : a)).tabId;
      expect(tabs.some((t) => t.found.length > 0)).toBe(true);
      const nav = await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.navigateClaims, tabId, direction: 'next' });
      expect(nav.opened).toBe(true);
      await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getOpenCard, tabId });
      await sendFromExtensionPage(ctx.eb, { type: UI_TO_BG.getTabStates });
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      await page.close();
    }
    if (kind === 'chromium') expect(sources.has('service_worker')).toBe(true);
    const local = ctx.server.url.replace(/\/$/, '');
    // The recorder works: it saw the page's own request.
    expect(seen.some((s) => s.url.startsWith(local))).toBe(true);
    const network = seen.filter((s) => !/^(chrome-extension|moz-extension|chrome|chrome-untrusted|devtools|resource|data|blob|about):/.test(s.url));
    const foreign = network.filter((s) => !s.url.startsWith(local + '/'));
    expect(foreign).toEqual([]);
  });
});
