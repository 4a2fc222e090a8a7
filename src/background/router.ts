/**
 * The background's message router: checks who sent a message, validates it against the
 * protocol, and hands it to its handler. Browser-free (the wiring in index.ts gives it the
 * runtime id, the store and the version), so it is unit-tested in Node.
 */
import {
  CS_TO_BG,
  UI_TO_BG,
  parseCsToBg,
  parseUiToBg,
  type CsToBgMessage,
  type ErrorReply,
  type Replies,
  type UiToBgMessage,
} from '../messaging/protocol.ts';
import { benchMark } from './bench.ts';
import type { TabStore } from './tab-store.ts';
import type { ClaimsService } from './claims.ts';
import type { ReaderService } from './reader.ts';

/** The parts of `runtime.MessageSender` the router looks at. */
export interface Sender {
  id?: string | undefined;
  url?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
  frameId?: number | undefined;
}

export interface RouterDeps {
  /** `runtime.id`: only messages from our own extension are answered. */
  extensionId: string;
  /** `runtime.getURL('/')`: tells our own pages from content scripts in web pages. */
  extensionOrigin: string;
  version: string;
  tabs: TabStore;
  /** Index, claim cards and navigation (background/claims.ts, issue #5). */
  claims?: ClaimsService;
  /** Settings, popup, the reader's datasets, badge (background/reader.ts, issue #6). */
  reader?: ReaderService;
  now?: () => number;
}

export type AnyReply = Replies[keyof Replies] | ErrorReply;

/** Where a message comes from, as far as the router trusts it. */
export type SenderKind = { kind: 'content'; tabId: number; frameId: number } | { kind: 'page' } | { kind: 'foreign' };

export function classifySender(sender: Sender, deps: Pick<RouterDeps, 'extensionId' | 'extensionOrigin'>): SenderKind {
  if (sender.id !== deps.extensionId) return { kind: 'foreign' };
  const fromOurPage = typeof sender.url === 'string' && sender.url.startsWith(deps.extensionOrigin);
  if (fromOurPage) return { kind: 'page' };
  const tabId = sender.tab?.id;
  if (typeof tabId === 'number' && tabId >= 0) return { kind: 'content', tabId, frameId: sender.frameId ?? 0 };
  return { kind: 'foreign' };
}

export function createRouter(deps: RouterDeps): (raw: unknown, sender: Sender) => Promise<AnyReply> {
  const now = deps.now ?? Date.now;

  async function onContent(msg: CsToBgMessage, tabId: number, frameId: number, url: string | undefined): Promise<AnyReply> {
    switch (msg.type) {
      case CS_TO_BG.hello:
        return { version: deps.version };
      case CS_TO_BG.report:
        // Only the top frame speaks for the tab.
        if (frameId !== 0) return { error: 'reports come from the top frame only' };
        await deps.tabs.put({ tabId, version: msg.version, found: msg.found, reportedAt: now(), ...(msg.work ? { work: msg.work } : {}) });
        await deps.reader?.onReport(tabId, url, msg);
        return { ok: true };
      case CS_TO_BG.spot:
      case CS_TO_BG.getClaimCards:
        return deps.claims ? deps.claims.onContent(msg) : { error: 'claims service not wired' };
      case CS_TO_BG.getSettings: {
        benchMark('settings');
        const r = deps.reader ? await deps.reader.getSettingsPayload() : { error: 'reader service not wired' };
        benchMark('settings-read');
        return r;
      }
    }
  }

  async function onPage(msg: UiToBgMessage): Promise<AnyReply> {
    switch (msg.type) {
      case UI_TO_BG.getTabStates: {
        if (msg.tabId === undefined) return { tabs: await deps.tabs.all() };
        const one = await deps.tabs.get(msg.tabId);
        return { tabs: one ? [one] : [] };
      }
      case UI_TO_BG.navigateClaims:
      case UI_TO_BG.getOpenCard:
        return deps.claims ? deps.claims.onPage(msg) : { error: 'claims service not wired' };
      case UI_TO_BG.getPopup:
      case UI_TO_BG.getSettings:
      case UI_TO_BG.updateSettings:
      case UI_TO_BG.setSitePaused:
      case UI_TO_BG.listDatasets:
      case UI_TO_BG.importDataset:
      case UI_TO_BG.setDatasetEnabled:
      case UI_TO_BG.exportDataset:
      case UI_TO_BG.removeDataset:
      case UI_TO_BG.dismissNotice:
        return deps.reader ? deps.reader.onPage(msg) : { error: 'reader service not wired' };
    }
  }

  return async (raw, sender) => {
    const from = classifySender(sender, deps);
    if (from.kind === 'foreign') return { error: 'unknown sender' };
    if (from.kind === 'content') {
      const msg = parseCsToBg(raw);
      return msg ? onContent(msg, from.tabId, from.frameId, sender.url) : { error: 'not a content-script message' };
    }
    const msg = parseUiToBg(raw);
    return msg ? onPage(msg) : { error: 'not an extension-page message' };
  };
}
