/**
 * Corrupted and foreign-shaped storage (issue #8), in real Chromium and Firefox: a hand-edited
 * storage.sync / storage.local — settings of the wrong types, a half-written import record, an
 * import from a newer claimlens, a notices list that is not a list — and the extension
 * recovers to a working state: the demo page is marked, the options page shows notices, and
 * every unreadable raw value is kept aside under a `quarantine:` key, never silently dropped.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, useExtensionBrowser } from './harness.ts';

const GARBAGE = {
  /** storage.sync settings, every field the wrong type, plus a field nobody knows. */
  settings: { version: 'two', pausedSites: 'everywhere', markStyle: 42, strength: null, hoverDelayMs: { ms: 1 }, showDenials: 'yes', junk: [1, 2, 3] },
  /** An import whose write stopped half way: the dataset is cut off. */
  half: { version: 1, meta: { id: 'half', name: 'Half written', enabled: true, format: 'native', importedAt: 1 }, dataset: { claims: [{ id: 'c-1', text: 'cut off' }], entities: '{"id": "e-' } },
  /** An import written by a later claimlens (unknown version): left as it is. */
  future: { version: 99, meta: { id: 'future' }, dataset: { shape: 'from the future' } },
  /** The notices list itself, damaged. */
  notices: '[{"id": "x", "code": ',
};

type Area = 'sync' | 'local';
/** Storage calls from one of our extension pages (the options page has the storage API). */
function storage(page: Page, area: Area, op: 'get' | 'set', arg: unknown): Promise<Record<string, unknown>> {
  return page.evaluate(async (a: Area, o: 'get' | 'set', x: unknown) => {
    type StorageArea = { get(k: unknown): Promise<Record<string, unknown>>; set(v: unknown): Promise<void> };
    const g = globalThis as unknown as Record<'browser' | 'chrome', { storage: Record<Area, StorageArea> } | undefined>;
    const s = (g.browser ?? g.chrome)!.storage[a];
    if (o === 'set') {
      await s.set(x);
      return {};
    }
    return s.get(x);
  }, area, op, arg);
}

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe.each(BROWSERS)('%s: corrupted storage', (kind) => {
  const ctx = useExtensionBrowser(kind);

  it('recovers to a working state: marks on the demo page, notices in the options page, raw values kept aside', async () => {
    const setup = await ctx.openExtensionPage('options.html');
    try {
      // The local values first: a settings value written first is recovered at once (the
      // change wakes the background), and the broken notices list written after it would then
      // overwrite the notice about it — the test's own doing, not the extension's.
      await storage(setup, 'local', 'set', { 'dataset:half': GARBAGE.half, 'dataset:future': GARBAGE.future, notices: GARBAGE.notices });
      await storage(setup, 'sync', 'set', { settings: GARBAGE.settings });
    } finally {
      await setup.close();
    }

    // Still marks the demo page (bundled dataset on, defaults for what could not be read).
    const demo = await ctx.openDemo();
    try {
      await demo.bringToFront();
      await until('marks on the demo page', () => demo.evaluate(() => {
        let n = 0;
        for (const [, hl] of CSS.highlights) n += hl.size;
        return n;
      }), (n) => n > 0);
    } finally {
      await demo.close();
    }

    // The options page says what happened.
    const options = await ctx.openExtensionPage('options.html');
    try {
      const notices = await until('notices in the options page', () => options.evaluate(() => [...document.querySelectorAll('.notice')].map((n) => n.textContent ?? '')), (n) => n.length >= 3);
      const all = notices.join('\n');
      expect(all).toMatch(/quarantine:settings:/);
      expect(all).toMatch(/quarantine:dataset:half:/);

      // Every unreadable raw value is kept aside, exactly as it was; the newer one left in place.
      const local = await storage(options, 'local', 'get', null);
      const kept = Object.entries(local).filter(([k]) => k.startsWith('quarantine:')).map(([, v]) => v as { key: string; raw: unknown });
      const rawOf = (key: string): unknown[] => kept.filter((q) => q.key === key).map((q) => q.raw);
      expect(rawOf('settings')).toContainEqual(GARBAGE.settings);
      expect(rawOf('dataset:half')).toContainEqual(GARBAGE.half);
      expect(rawOf('notices')).toContainEqual(GARBAGE.notices);
      expect(local['dataset:half']).toBeUndefined();
      expect(local['dataset:future']).toEqual(GARBAGE.future);

      // The settings were rewritten in a readable shape.
      const sync = await storage(options, 'sync', 'get', 'settings');
      const s = sync['settings'] as Record<string, unknown>;
      expect(typeof s['version']).toBe('number');
      expect(Array.isArray(s['pausedSites'])).toBe(true);
      expect(s['junk']).toBeUndefined();
    } finally {
      await options.close();
    }
  }, 90_000);
});
