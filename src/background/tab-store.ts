/**
 * What the background knows about each tab, kept in `storage.session`: in memory only, gone
 * when the browser closes, and (in Chrome, by default) readable by our extension pages and the
 * background but not by content scripts. It survives the service worker / event page being
 * suspended, which a plain variable would not.
 */
import type { TabState } from '../messaging/protocol.ts';

/** The few storage calls the tab store needs (a `storage.StorageArea` fits; tests pass a fake). */
export interface KeyValueArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

const PREFIX = 'tab:';

export interface TabStore {
  put(state: TabState): Promise<void>;
  get(tabId: number): Promise<TabState | null>;
  all(): Promise<TabState[]>;
  forget(tabId: number): Promise<void>;
}

export function createTabStore(area: KeyValueArea): TabStore {
  return {
    async put(state) {
      await area.set({ [PREFIX + state.tabId]: state });
    },
    async get(tabId) {
      const key = PREFIX + tabId;
      const got = await area.get(key);
      return (got[key] as TabState | undefined) ?? null;
    },
    async all() {
      const got = await area.get(null);
      return Object.entries(got)
        .filter(([k]) => k.startsWith(PREFIX))
        .map(([, v]) => v as TabState)
        .sort((a, b) => a.tabId - b.tabId);
    },
    async forget(tabId) {
      await area.remove(PREFIX + tabId);
    },
  };
}
