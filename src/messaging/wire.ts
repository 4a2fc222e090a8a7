/**
 * The zod-free part of the protocol (issue #7): message names, limits, and the checks the
 * content script makes on what it receives. The content script is evaluated on every page
 * (≤ 30 KB gzip, nothing to build before it reads the page): zod and the ~40 schemas of
 * protocol.ts were a third of its bundle and built at its start. Every inbound message and
 * reply is still checked, by the plain functions below; a test holds them to the zod schemas
 * of protocol.ts (test/unit/messaging/wire.test.ts: same verdict on valid and hostile values).
 */
import type { BgToCsMessage, CsToBgMessage, Reply, SettingsPayload } from './protocol.ts';

/** Content script → background. */
export const CS_TO_BG = {
  /** First contact from a page: answered with the extension version. */
  hello: 'cs-to-bg/hello',
  /** What the content script found on its page (replaces the tab's previous report). */
  report: 'cs-to-bg/report',
  /**
   * Spot the known claims in a page's text: the background holds the index once for every tab
   * and runs the matcher (issue #6 measured this against an index per tab).
   */
  spot: 'cs-to-bg/spot',
  /** The card view models of the claims of one phrase (issue #5). */
  getClaimCards: 'cs-to-bg/get-claim-cards',
  /** The reader's settings and the dataset revision (issue #6): pause, appearance, restart on change. */
  getSettings: 'cs-to-bg/get-settings',
} as const;

/** Background → content script (runtime messages to one tab). */
export const BG_TO_CS = {
  /** Move to the next / previous mark (or the first mark of a claim) and open its card. */
  navigate: 'bg-to-cs/navigate',
  /** Which card is open in the tab, and its text (popup, tests). */
  getOpenCard: 'bg-to-cs/get-open-card',
  /** The settings or the datasets changed (issue #6): same payload as the get-settings reply. */
  settings: 'bg-to-cs/settings',
} as const;

/** Extension pages (popup, options, tests) → background. */
export const UI_TO_BG = {
  /** The recorded state of one tab, or of every tab when `tabId` is absent. */
  getTabStates: 'ui-to-bg/get-tab-states',
  /** Ask a tab's content script to move to a claim and open its card (popup, tests, `npm start`). */
  navigateClaims: 'ui-to-bg/navigate-claims',
  /** The card open in a tab, if any (forwarded to its content script). */
  getOpenCard: 'ui-to-bg/get-open-card',
  /** Issue #6: the popup's view of one tab (its host, pause, the claims found, from the dataset). */
  getPopup: 'ui-to-bg/get-popup',
  /** Issue #6: the settings and the notices about stored data that had to be recovered. */
  getSettings: 'ui-to-bg/get-settings',
  /** Issue #6: change some settings (validated; an invalid change changes nothing). */
  updateSettings: 'ui-to-bg/update-settings',
  /** Issue #6: pause or resume claimlens on a site (live in its open tabs). */
  setSitePaused: 'ui-to-bg/set-site-paused',
  /** Issue #6: the bundled dataset and the imports, with stats and storage use. */
  listDatasets: 'ui-to-bg/list-datasets',
  /** Issue #6: import a dataset file's text (native or ClaimReview); all errors or the new dataset. */
  importDataset: 'ui-to-bg/import-dataset',
  /** Issue #6: switch a dataset (bundled or imported) on or off. */
  setDatasetEnabled: 'ui-to-bg/set-dataset-enabled',
  /** Issue #6: a dataset as a native dataset file (JSON) to save. */
  exportDataset: 'ui-to-bg/export-dataset',
  /** Issue #6: remove an imported dataset. */
  removeDataset: 'ui-to-bg/remove-dataset',
  /** Issue #6: dismiss a notice. */
  dismissNotice: 'ui-to-bg/dismiss-notice',
} as const;

/** Limits that keep a hostile page from filling the background's storage. */
export const LIMITS = {
  /** Longest page text sent to be spotted (characters): 16 M, far above any real page. */
  maxSpotText: 16 * 1024 * 1024,
  maxFoundClaims: 500,
  maxPhraseLength: 1000,
  maxIdLength: 200,
  maxCardRequests: 20,
  maxDiscrepancies: 20,
} as const;


const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An object with a string `claimId` (the replies' items: the background is trusted, top level checked). */
const hasClaimId = (v: unknown): boolean => typeof v === 'object' && v !== null && typeof (v as { claimId?: unknown }).claimId === 'string';
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= LIMITS.maxIdLength;

/** The reply check of each content-script message (as protocol.ts replySchemas, without zod). */
const REPLY_CHECKS: { [K in CsToBgMessage['type']]: (v: Record<string, unknown>) => boolean } = {
  [CS_TO_BG.hello]: (v) => typeof v['version'] === 'string',
  [CS_TO_BG.report]: (v) => v['ok'] === true,
  [CS_TO_BG.spot]: (v) => v['matches'] === null || (Array.isArray(v['matches']) && v['matches'].every(hasClaimId)),
  [CS_TO_BG.getClaimCards]: (v) => Array.isArray(v['cards']) && v['cards'].every(hasClaimId),
  [CS_TO_BG.getSettings]: (v) => 'settings' in v && 'revision' in v,
};

/**
 * Validate the reply to a content-script message (protocol.ts parseReply without zod): throws
 * with the background's error text or a shape error.
 */
export function parseCsReply<M extends CsToBgMessage>(message: M, raw: unknown): Reply<M> {
  if (isObject(raw) && typeof raw['error'] === 'string') throw new Error(`claimlens background refused ${message.type}: ${raw['error']}`);
  const check = REPLY_CHECKS[message.type];
  if (!isObject(raw) || !check || !check(raw)) throw new Error(`claimlens: malformed reply to ${message.type}`);
  return raw as unknown as Reply<M>;
}

/** A message from the background to a content script (protocol.ts parseBgToCs without zod); null when it is not one. */
export function parseBgToCsMessage(raw: unknown): BgToCsMessage | null {
  if (!isObject(raw)) return null;
  if (raw['type'] === BG_TO_CS.getOpenCard) return { type: BG_TO_CS.getOpenCard };
  if (raw['type'] !== BG_TO_CS.navigate) return null;
  const direction = raw['direction'];
  if (direction !== 'next' && direction !== 'prev') return null;
  const claimId = raw['claimId'];
  if (claimId === undefined) return { type: BG_TO_CS.navigate, direction };
  return isId(claimId) ? { type: BG_TO_CS.navigate, direction, claimId } : null;
}

/** A settings broadcast (protocol.ts parseBgSettings without zod); null when it is not one. */
export function parseBgSettingsMessage(raw: unknown): (SettingsPayload & { type: typeof BG_TO_CS.settings }) | null {
  if (!isObject(raw) || raw['type'] !== BG_TO_CS.settings || typeof raw['revision'] !== 'string') return null;
  const settings = raw['settings'];
  if (!isObject(settings) || !Array.isArray(settings['pausedSites'])) return null;
  return { type: BG_TO_CS.settings, settings: settings as unknown as SettingsPayload['settings'], revision: raw['revision'] };
}
