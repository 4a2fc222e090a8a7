/**
 * The reader's side of the background (issue #6), behind one facade for the router: settings,
 * the popup's view of a tab, the reader's datasets, notices, the badge, and the broadcast of
 * changes to open tabs. State lives in storage (sync/local/session), never only in memory.
 */
import { pausedBy } from '../core/settings.ts';
import type { Dataset, Stance } from '../core/model.ts';
import {
  BG_TO_CS,
  UI_TO_BG,
  type CsToBgMessage,
  type ErrorReply,
  type FoundClaim,
  type PopupClaim,
  type PopupView,
  type Replies,
  type SettingsPayload,
  type UiToBgMessage,
} from '../messaging/protocol.ts';
import type { DatasetsService } from './datasets.ts';
import type { Keeper, SettingsService } from './settings.ts';
import type { KeyValueArea, TabStore } from './tab-store.ts';
import type { createBadge } from './badge.ts';
import { DATASET_KEY_PREFIX, SETTINGS_KEY } from '../core/storage-schema.ts';

type ReaderMessage = Extract<
  UiToBgMessage,
  {
    type:
      | typeof UI_TO_BG.getPopup
      | typeof UI_TO_BG.getSettings
      | typeof UI_TO_BG.updateSettings
      | typeof UI_TO_BG.setSitePaused
      | typeof UI_TO_BG.listDatasets
      | typeof UI_TO_BG.importDataset
      | typeof UI_TO_BG.setDatasetEnabled
      | typeof UI_TO_BG.exportDataset
      | typeof UI_TO_BG.removeDataset
      | typeof UI_TO_BG.dismissNotice;
  }
>;

export interface ReaderService {
  getSettingsPayload(): Promise<SettingsPayload>;
  onReport(tabId: number, url: string | undefined, msg: Extract<CsToBgMessage, { type: 'cs-to-bg/report' }>): Promise<void>;
  onPage(msg: ReaderMessage): Promise<Replies[ReaderMessage['type']] | ErrorReply>;
  /** storage.onChanged: drop caches and tell the open tabs. */
  onStorageChanged(keys: readonly string[]): Promise<void>;
  /** A tab closed. */
  forgetTab(tabId: number): Promise<void>;
}

export interface ReaderDeps {
  settings: SettingsService;
  datasets: DatasetsService;
  keeper: Keeper;
  tabs: TabStore;
  /** storage.session: the host and cap count of each tab's page. */
  session: KeyValueArea;
  badge: ReturnType<typeof createBadge>;
  /** Send a message to every open tab's content script (errors ignored). */
  broadcast(message: unknown): Promise<void>;
}

const PAGE_PREFIX = 'page:';
interface PageRecord {
  host: string | null;
  capped: number;
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : null;
  } catch {
    return null;
  }
}

const REPORTS: readonly Stance[] = ['asserts', 'attributes', 'confirms'];
const DENIALS: readonly Stance[] = ['denies', 'disputes'];

/** The popup's rows: one per claim (first found first), with the dataset's counts. */
export function popupClaims(found: readonly FoundClaim[], dataset: Dataset | null): PopupClaim[] {
  const rows = new Map<string, PopupClaim>();
  const outletOf = new Map(dataset?.sources.map((s) => [s.id, s.outlet]) ?? []);
  for (const f of found) {
    let row = rows.get(f.claimId);
    if (!row) {
      const claim = dataset?.claims.find((c) => c.id === f.claimId);
      if (!claim) continue; // not in the dataset any more (switched off meanwhile)
      const sts = dataset!.statements.filter((s) => s.claim === f.claimId);
      row = {
        claimId: f.claimId,
        text: claim.text,
        outlets: new Set(sts.filter((s) => REPORTS.includes(s.stance)).map((s) => outletOf.get(s.source) ?? s.source)).size,
        denials: sts.filter((s) => DENIALS.includes(s.stance)).length,
        onPage: [],
      };
      rows.set(f.claimId, row);
    }
    if (!row.onPage.some((p) => p.stance === f.stance)) row.onPage.push({ stance: f.stance, speaker: f.speaker ?? null, phrase: f.phrase });
  }
  return [...rows.values()];
}

export function createReaderService(deps: ReaderDeps): ReaderService {
  const payload = async (): Promise<SettingsPayload> => {
    const [settings, eff] = await Promise.all([deps.settings.get(), deps.datasets.effective()]);
    return { settings, revision: eff.revision };
  };
  const withNotices = async <T extends object>(r: T | { error: string }): Promise<(T & { notices: Awaited<ReturnType<Keeper['notices']>> }) | ErrorReply> =>
    'error' in r ? r : { ...r, notices: await deps.keeper.notices() };

  return {
    getSettingsPayload: payload,
    async onReport(tabId, url, msg) {
      const record: PageRecord = { host: hostOf(url), capped: msg.capped ?? 0 };
      await deps.session.set({ [PAGE_PREFIX + tabId]: record });
      const settings = await deps.settings.get();
      const paused = msg.paused === true || (record.host !== null && pausedBy(settings, record.host) !== null);
      await deps.badge.show(tabId, msg.found, paused);
    },
    async forgetTab(tabId) {
      await deps.session.remove(PAGE_PREFIX + tabId);
    },
    async onStorageChanged(keys) {
      if (keys.includes(SETTINGS_KEY)) deps.settings.invalidate();
      if (keys.some((k) => k.startsWith(DATASET_KEY_PREFIX))) deps.datasets.invalidate();
      if (keys.some((k) => k === SETTINGS_KEY || k.startsWith(DATASET_KEY_PREFIX))) {
        await deps.broadcast({ type: BG_TO_CS.settings, ...(await payload()) });
      }
    },
    async onPage(msg) {
      switch (msg.type) {
        case UI_TO_BG.getPopup: {
          const [tab, page, settings, eff] = await Promise.all([
            deps.tabs.get(msg.tabId),
            deps.session.get(PAGE_PREFIX + msg.tabId),
            deps.settings.get(),
            deps.datasets.effective(),
          ]);
          const rec = page[PAGE_PREFIX + msg.tabId] as PageRecord | undefined;
          const host = tab ? (rec?.host ?? null) : null;
          const view: PopupView = {
            host,
            pausedBy: host ? pausedBy(settings, host) : null,
            reported: tab !== null,
            capped: tab ? (rec?.capped ?? 0) : 0,
            claims: tab ? popupClaims(tab.found, eff.dataset) : [],
          };
          return view;
        }
        case UI_TO_BG.getSettings:
          return { settings: await deps.settings.get(), notices: await deps.keeper.notices() };
        case UI_TO_BG.updateSettings:
          return withNotices(await deps.settings.update(msg.patch));
        case UI_TO_BG.setSitePaused:
          return withNotices(await deps.settings.setSitePaused(msg.host, msg.paused));
        case UI_TO_BG.listDatasets:
          return { ...(await deps.datasets.view()), notices: await deps.keeper.notices() };
        case UI_TO_BG.importDataset:
          return deps.datasets.importFile(msg.fileName, msg.text);
        case UI_TO_BG.setDatasetEnabled:
          return deps.datasets.setEnabled(msg.id, msg.enabled);
        case UI_TO_BG.exportDataset:
          return deps.datasets.exportFile(msg.id);
        case UI_TO_BG.removeDataset:
          return deps.datasets.remove(msg.id);
        case UI_TO_BG.dismissNotice:
          await deps.keeper.dismiss(msg.id);
          return { ok: true };
      }
    },
  };
}
