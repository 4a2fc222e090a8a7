import { beforeEach, describe, expect, it } from 'vitest';
import { classifySender, createRouter, type Sender } from '../../../src/background/router.ts';
import { createTabStore, type KeyValueArea } from '../../../src/background/tab-store.ts';
import { CS_TO_BG, UI_TO_BG } from '../../../src/messaging/protocol.ts';

/** An in-memory stand-in for `storage.session`. */
function memoryArea(): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    async get(keys) {
      const list = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, data.get(k)]));
    },
    async set(items) {
      for (const [k, v] of Object.entries(items)) data.set(k, v);
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

const deps = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/' };
const contentSender = (tabId: number, frameId = 0): Sender => ({ id: 'ext-id', url: 'https://news.example/a', tab: { id: tabId }, frameId });
const pageSender: Sender = { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' };

describe('classifySender', () => {
  it('tells content scripts, our pages and strangers apart', () => {
    expect(classifySender(contentSender(4), deps)).toEqual({ kind: 'content', tabId: 4, frameId: 0 });
    expect(classifySender(pageSender, deps)).toEqual({ kind: 'page' });
    // An extension page opened in a tab still counts as our page.
    expect(classifySender({ ...pageSender, tab: { id: 9 } }, deps)).toEqual({ kind: 'page' });
    expect(classifySender({ ...contentSender(4), id: 'other-ext' }, deps)).toEqual({ kind: 'foreign' });
    expect(classifySender({ id: 'ext-id', url: 'https://x/' }, deps)).toEqual({ kind: 'foreign' });
    expect(classifySender({ url: 'chrome-extension://ext-id/popup.html' }, deps)).toEqual({ kind: 'foreign' });
  });
});

describe('router', () => {
  let area: ReturnType<typeof memoryArea>;
  let route: ReturnType<typeof createRouter>;
  beforeEach(() => {
    area = memoryArea();
    route = createRouter({ ...deps, version: '7.8.9', tabs: createTabStore(area), now: () => 1000 });
  });

  it('answers hello with the version', async () => {
    expect(await route({ type: CS_TO_BG.hello }, contentSender(1))).toEqual({ version: '7.8.9' });
  });

  it('records a report per tab and returns it to our pages', async () => {
    const found = [{ claimId: 'c', phrase: 'p', stance: 'asserts' as const, score: 1 }];
    expect(await route({ type: CS_TO_BG.report, version: '7.8.9', found }, contentSender(5))).toEqual({ ok: true });
    expect(await route({ type: CS_TO_BG.report, version: '7.8.9', found: [] }, contentSender(2))).toEqual({ ok: true });
    const all = await route({ type: UI_TO_BG.getTabStates }, pageSender);
    expect(all).toEqual({
      tabs: [
        { tabId: 2, version: '7.8.9', found: [], reportedAt: 1000 },
        { tabId: 5, version: '7.8.9', found, reportedAt: 1000 },
      ],
    });
    expect(await route({ type: UI_TO_BG.getTabStates, tabId: 5 }, pageSender)).toEqual({ tabs: [{ tabId: 5, version: '7.8.9', found, reportedAt: 1000 }] });
    expect(await route({ type: UI_TO_BG.getTabStates, tabId: 77 }, pageSender)).toEqual({ tabs: [] });
  });

  it('refuses reports from sub-frames', async () => {
    expect(await route({ type: CS_TO_BG.report, version: '1', found: [] }, contentSender(5, 3))).toHaveProperty('error');
    expect(area.data.size).toBe(0);
  });

  it('refuses strangers and messages from the wrong side', async () => {
    expect(await route({ type: CS_TO_BG.hello }, { ...contentSender(1), id: 'evil' })).toEqual({ error: 'unknown sender' });
    // A web page's content script may not read other tabs' state…
    expect(await route({ type: UI_TO_BG.getTabStates }, contentSender(1))).toHaveProperty('error');
    // …and our pages do not speak for a tab.
    expect(await route({ type: CS_TO_BG.report, version: '1', found: [] }, pageSender)).toHaveProperty('error');
    expect(await route({ type: CS_TO_BG.report, version: 1, found: [] }, contentSender(1))).toHaveProperty('error');
    expect(area.data.size).toBe(0);
  });
});
