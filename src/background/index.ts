/**
 * Background entry (Chrome: service worker; Firefox: event page). Wiring only: listeners are
 * registered synchronously at the top level, as MV3 requires for a worker that gets woken up.
 */
import { browser, extensionOrigin, extensionVersion, type Runtime } from '../platform/browser.ts';
import { createRouter } from './router.ts';
import { createTabStore } from './tab-store.ts';
import { createClaimsService } from './claims.ts';

const tabs = createTabStore(browser.storage.session);
const claims = createClaimsService({
  loadJson: async (file) => (await fetch(browser.runtime.getURL(file))).json(),
  sendToTab: (tabId, message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }),
});
const route = createRouter({
  extensionId: browser.runtime.id,
  extensionOrigin: extensionOrigin(),
  version: extensionVersion(),
  tabs,
  claims,
});

browser.commands?.onCommand.addListener((command, tab) => void claims.onCommand(command, tab?.id));
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));

// A tab's record lives as long as its page: dropped when the tab closes or starts loading anew.
browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') void tabs.forget(tabId);
});
