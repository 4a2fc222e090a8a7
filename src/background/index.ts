/**
 * Background entry (Chrome: service worker; Firefox: event page). Wiring only: listeners are
 * registered synchronously at the top level, as MV3 requires for a worker that gets woken up.
 */
import { browser, extensionOrigin, extensionVersion, type Runtime } from '../platform/browser.ts';
import { compileIndex, type CompiledIndex } from '../core/spot/index.ts';
import type { Dataset } from '../core/model.ts';
import { createRouter } from './router.ts';
import { createTabStore } from './tab-store.ts';
import { createClaimsService } from './claims.ts';
import { createKeeper, createSettingsService } from './settings.ts';
import { createDatasetsService } from './datasets.ts';
import { createBadge } from './badge.ts';
import { createReaderService } from './reader.ts';

/** Generated text the worker spots at its start (issue #7, background/warmup.ts). */
const WARM_UP_CHARS = 200_000;

const loadJson = async (file: string): Promise<unknown> => (await fetch(browser.runtime.getURL(file))).json();
const tabs = createTabStore(browser.storage.session);

// Issue #6: settings (storage.sync), the reader's datasets (storage.local), badge, broadcast.
const keeper = createKeeper(browser.storage.local);
const settings = createSettingsService({ sync: browser.storage.sync, local: browser.storage.local, keeper });
const datasets = createDatasetsService({
  local: browser.storage.local,
  keeper,
  settings,
  async loadBundled() {
    const [dataset, index] = await Promise.all([loadJson('dataset.json').catch(() => null), loadJson('index.json').catch(() => null)]);
    if (typeof dataset !== 'object' || dataset === null || !Array.isArray((dataset as Dataset).claims)) return null;
    return { dataset: dataset as Dataset, index: (index as CompiledIndex | null) ?? null };
  },
  compile: compileIndex,
  quotaBytes: (browser.storage.local as { QUOTA_BYTES?: number }).QUOTA_BYTES ?? null,
});
const reader = createReaderService({
  settings,
  datasets,
  keeper,
  tabs,
  session: browser.storage.session,
  badge: createBadge({ setText: (tabId, text) => browser.action.setBadgeText({ tabId, text }) }),
  async broadcast(message) {
    const all = await browser.tabs.query({});
    await Promise.all(all.map((t) => (t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, message, { frameId: 0 }).catch(() => undefined))));
  },
});

const claims = createClaimsService({
  loadJson,
  sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
  effective: () => datasets.effective(),
  warmUpChars: WARM_UP_CHARS,
});
const route = createRouter({
  extensionId: browser.runtime.id,
  extensionOrigin: extensionOrigin(),
  version: extensionVersion(),
  tabs,
  claims,
  reader,
});

browser.commands?.onCommand.addListener((command, tab) => void claims.onCommand(command, tab?.id));
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'sync' || area === 'local') void reader.onStorageChanged(Object.keys(changes));
});

// A tab's record lives as long as its page: dropped when the tab closes or starts loading anew.
browser.tabs.onRemoved.addListener((tabId) => {
  void tabs.forget(tabId);
  void reader.forgetTab(tabId);
});
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') void tabs.forget(tabId);
});

// Issue #7: load the index and its matcher as soon as the worker starts (install, browser
// start, or woken by a page's first message), in parallel with that page's hello and settings,
// so its spot request finds the matcher ready. Kept in memory while the worker lives; a worker
// that was stopped loads it again here (nothing depends on it surviving).
void claims.warm().catch(() => undefined);
