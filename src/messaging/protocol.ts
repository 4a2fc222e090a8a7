/**
 * Every message between the parts of the extension, and its reply, in one place.
 *
 * - Message type names carry their direction: `cs-to-bg/...` (content script → background),
 *   `ui-to-bg/...` (popup, options and other extension pages → background).
 * - Each message is a member of a discriminated union on `type`; `Reply<M>` is its reply.
 * - Messages cross a trust boundary (a content script runs inside a hostile page), so the
 *   receiver validates every message at run time with the schemas below, never trusting the
 *   static types alone. The background also checks who sent it (see background/router.ts).
 *
 * To add a message: add its schema to the union of its direction, add its reply to `Replies`,
 * and handle it in the background router (the compiler then insists on the handler).
 */
import * as z from 'zod/mini';
import type { ClaimCardModel } from '../core/card.ts';
import type { ClaimMatch } from '../core/model.ts';
import type { Settings } from '../core/settings.ts';
import type { DatasetStats, ImportedDatasetMeta, Notice } from '../core/storage-schema.ts';
import type { DatasetIssue } from '../dataset/issues.ts';

// The message names and limits live in wire.ts (no zod there: the content script imports them
// without pulling in the schemas); re-exported here for everyone else.
import { BG_TO_CS, CS_TO_BG, LIMITS, UI_TO_BG } from './wire.ts';
export { BG_TO_CS, CS_TO_BG, LIMITS, UI_TO_BG };

const id = z.string().check(z.minLength(1), z.maxLength(LIMITS.maxIdLength));

/** One claim that the content script found on its page. */
export const foundClaimSchema = z.object({
  claimId: id,
  /** The page's own words for the claim (the matched phrase), as plain text. */
  phrase: z.string().check(z.maxLength(LIMITS.maxPhraseLength)),
  stance: z.enum(['asserts', 'attributes', 'denies', 'questions']),
  score: z.number().check(z.gte(0), z.lte(1)),
  /** Optional (issue #6 popup): who the page attributes the claim to, as the page names them. */
  speaker: z.optional(z.nullable(z.string().check(z.maxLength(LIMITS.maxPhraseLength)))),
});
export type FoundClaim = z.infer<typeof foundClaimSchema>;

/**
 * Issue #8: the content script's own main-thread time on its page, measured per slice (the
 * runs between two yields; src/content/slices.ts). The end-to-end tests read it from the tab
 * state to assert "no task of ours over 50 ms" on the browser's own clock.
 */
export const workStatsSchema = z.object({
  slices: z.number().check(z.int(), z.gte(0)),
  busyMs: z.number().check(z.gte(0)),
  maxSliceMs: z.number().check(z.gte(0)),
  /** Slices over 50 ms. */
  longSlices: z.number().check(z.int(), z.gte(0)),
});

export const csHelloSchema = z.object({ type: z.literal(CS_TO_BG.hello) });
export const csReportSchema = z.object({
  type: z.literal(CS_TO_BG.report),
  /** The extension version the background sent in its hello reply (proves the round trip). */
  version: z.string().check(z.maxLength(50)),
  found: z.array(foundClaimSchema).check(z.maxLength(LIMITS.maxFoundClaims)),
  /** Optional (issue #6 popup): matches found but not marked because of the mark cap. */
  capped: z.optional(z.number().check(z.int(), z.gte(0))),
  /** Optional (issue #6): the page is paused by the reader's settings (nothing marked). */
  paused: z.optional(z.boolean()),
  /** Optional (issue #8): the content script's own main-thread work so far (see workStatsSchema). */
  work: z.optional(workStatsSchema),
});
const shortText = z.string().check(z.maxLength(LIMITS.maxPhraseLength));
/** A spotted match, as the content script sends it with a card request (see core/model.ts ClaimMatch). */
export const claimMatchSchema = z.object({
  claimId: id,
  start: z.number().check(z.int(), z.gte(0)),
  end: z.number().check(z.int(), z.gte(0)),
  sentenceStart: z.number().check(z.int(), z.gte(0)),
  sentenceEnd: z.number().check(z.int(), z.gte(0)),
  score: z.number().check(z.gte(0), z.lte(1)),
  stance: z.enum(['asserts', 'attributes', 'denies', 'questions']),
  speaker: z.nullable(shortText),
  speakerId: z.nullable(id),
  discrepancies: z
    .array(z.object({ kind: z.enum(['spelling', 'number']), found: shortText, expected: shortText, authority: z.nullable(shortText), message: shortText }))
    .check(z.maxLength(LIMITS.maxDiscrepancies)),
});
export const csSpotSchema = z.object({
  type: z.literal(CS_TO_BG.spot),
  text: z.string().check(z.maxLength(LIMITS.maxSpotText)),
  /** Offsets where a block element ends (sorted): no sentence crosses one. */
  blockBreaks: z.array(z.number().check(z.int(), z.gte(0))).check(z.maxLength(LIMITS.maxSpotText)),
  /**
   * Optional (issue #7): `text` is one piece of a longer text, sent in order as the page is
   * read (`blockBreaks` relative to the piece). The background assembles the pieces of one
   * `request` (a random id) and answers each with the matches it could spot so far, in offsets
   * of the whole text (core/spot/chunked.ts TextAssembly); together they equal one spot of the
   * whole text.
   */
  piece: z.optional(z.object({
    request: z.string().check(z.minLength(8), z.maxLength(64)),
    seq: z.number().check(z.int(), z.gte(0), z.lte(LIMITS.maxSpotText)),
    last: z.boolean(),
  })),
});
export const csGetClaimCardsSchema = z.object({
  type: z.literal(CS_TO_BG.getClaimCards),
  claims: z.array(z.object({ claimId: id, match: z.optional(claimMatchSchema) })).check(z.minLength(1), z.maxLength(LIMITS.maxCardRequests)),
});
// ---- issue #6: settings, popup, datasets ----------------------------------------------------
export const csGetSettingsSchema = z.object({ type: z.literal(CS_TO_BG.getSettings) });
const tabId = z.number().check(z.int(), z.gte(0));
const hostText = z.string().check(z.minLength(1), z.maxLength(253));
/** Largest imported file text a message carries (characters). */
export const MAX_IMPORT_TEXT = 20 * 1024 * 1024;
export const uiGetPopupSchema = z.object({ type: z.literal(UI_TO_BG.getPopup), tabId });
export const uiGetSettingsSchema = z.object({ type: z.literal(UI_TO_BG.getSettings) });
/** The fields are checked by core/storage-schema (applySettingsPatch), like a stored value. */
export const uiUpdateSettingsSchema = z.object({ type: z.literal(UI_TO_BG.updateSettings), patch: z.record(z.string(), z.unknown()) });
export const uiSetSitePausedSchema = z.object({ type: z.literal(UI_TO_BG.setSitePaused), host: hostText, paused: z.boolean() });
export const uiListDatasetsSchema = z.object({ type: z.literal(UI_TO_BG.listDatasets) });
export const uiImportDatasetSchema = z.object({
  type: z.literal(UI_TO_BG.importDataset),
  fileName: z.string().check(z.maxLength(1000)),
  text: z.string().check(z.maxLength(MAX_IMPORT_TEXT)),
});
export const uiSetDatasetEnabledSchema = z.object({ type: z.literal(UI_TO_BG.setDatasetEnabled), id, enabled: z.boolean() });
export const uiExportDatasetSchema = z.object({ type: z.literal(UI_TO_BG.exportDataset), id });
export const uiRemoveDatasetSchema = z.object({ type: z.literal(UI_TO_BG.removeDataset), id });
export const uiDismissNoticeSchema = z.object({ type: z.literal(UI_TO_BG.dismissNotice), id });
export const bgSettingsSchema = z.object({
  type: z.literal(BG_TO_CS.settings),
  settings: z.custom<Settings>((v) => typeof v === 'object' && v !== null && Array.isArray((v as { pausedSites?: unknown }).pausedSites)),
  revision: z.string(),
});

export const csToBgSchema = z.discriminatedUnion('type', [csHelloSchema, csReportSchema, csSpotSchema, csGetClaimCardsSchema, csGetSettingsSchema]);
export type CsToBgMessage = z.infer<typeof csToBgSchema>;

export const uiGetTabStatesSchema = z.object({
  type: z.literal(UI_TO_BG.getTabStates),
  tabId: z.optional(z.number().check(z.int(), z.gte(0))),
});
const direction = z.enum(['next', 'prev']);
export const uiNavigateClaimsSchema = z.object({
  type: z.literal(UI_TO_BG.navigateClaims),
  tabId: z.number().check(z.int(), z.gte(0)),
  direction,
  /** Open this claim's first mark instead of stepping. */
  claimId: z.optional(id),
});
export const uiGetOpenCardSchema = z.object({ type: z.literal(UI_TO_BG.getOpenCard), tabId: z.number().check(z.int(), z.gte(0)) });
export const uiToBgSchema = z.discriminatedUnion('type', [
  uiGetTabStatesSchema,
  uiNavigateClaimsSchema,
  uiGetOpenCardSchema,
  uiGetPopupSchema,
  uiGetSettingsSchema,
  uiUpdateSettingsSchema,
  uiSetSitePausedSchema,
  uiListDatasetsSchema,
  uiImportDatasetSchema,
  uiSetDatasetEnabledSchema,
  uiExportDatasetSchema,
  uiRemoveDatasetSchema,
  uiDismissNoticeSchema,
]);
export type UiToBgMessage = z.infer<typeof uiToBgSchema>;

export type Message = CsToBgMessage | UiToBgMessage;

export const bgNavigateSchema = z.object({ type: z.literal(BG_TO_CS.navigate), direction, claimId: z.optional(id) });
export const bgGetOpenCardSchema = z.object({ type: z.literal(BG_TO_CS.getOpenCard) });
export const bgToCsSchema = z.discriminatedUnion('type', [bgNavigateSchema, bgGetOpenCardSchema]);
export type BgToCsMessage = z.infer<typeof bgToCsSchema>;
/** The content script's reply to a navigation: whether a mark was opened, and which claims. */
export const navigateReplySchema = z.object({ opened: z.boolean(), claimIds: z.array(z.string()) });
export type NavigateReply = z.infer<typeof navigateReplySchema>;
/** The open card of a tab: its claims and its visible text (capped). */
export const openCardReplySchema = z.object({
  open: z.boolean(),
  claimIds: z.array(z.string()),
  text: z.string().check(z.maxLength(20_000)),
});
export type OpenCardReply = z.infer<typeof openCardReplySchema>;

/**
 * Parse a settings broadcast in a content script (issue #6); null when it is not one. Kept out
 * of `bgToCsSchema` so the orchestrator's handler of that union stays as it is; content/
 * settings-client.ts listens for this one.
 */
export function parseBgSettings(raw: unknown): z.infer<typeof bgSettingsSchema> | null {
  const r = bgSettingsSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** Parse a message from the background in a content script; null when it is not one. */
export function parseBgToCs(raw: unknown): BgToCsMessage | null {
  const r = bgToCsSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** What the background records about a tab, from that tab's content script. */
export const tabStateSchema = z.object({
  tabId: z.number(),
  /** Version of the extension, as the content script received it in the hello reply. */
  version: z.string(),
  found: z.array(foundClaimSchema),
  /** `Date.now()` of the report. */
  reportedAt: z.number(),
  /** Optional (issue #8): the content script's own work, as last reported. */
  work: z.optional(workStatsSchema),
});
export type TabState = z.infer<typeof tabStateSchema>;

export const helloReplySchema = z.object({ version: z.string() });
export const okReplySchema = z.object({ ok: z.literal(true) });
export const tabStatesReplySchema = z.object({ tabs: z.array(tabStateSchema) });
/** The background's matches for a text (trusted source: top-level shape checked); null when no dataset. */
export const spotReplySchema = z.object({
  matches: z.nullable(z.array(z.custom<ClaimMatch>((v) => typeof v === 'object' && v !== null && typeof (v as { claimId?: unknown }).claimId === 'string'))),
});
/** Card models built by the background from the shipped dataset (shape checked at the top level). */
export const claimCardsReplySchema = z.object({
  cards: z.array(z.custom<ClaimCardModel>((v) => typeof v === 'object' && v !== null && typeof (v as { claimId?: unknown }).claimId === 'string')),
});

// ---- issue #6 replies (from our own background: checked at the top level) --------------------
/** A reply object with these fields (the background is trusted; this catches mix-ups). */
function replyWith<T>(...keys: string[]) {
  return z.custom<T>((v) => typeof v === 'object' && v !== null && keys.every((k) => k in v));
}
export interface SettingsPayload {
  settings: Settings;
  /** What the effective dataset is made of; a change means: fetch the index again. */
  revision: string;
}
/** One claim of the popup's list: the dataset's view of it and how this page words it. */
export interface PopupClaim {
  claimId: string;
  /** The dataset's neutral sentence. */
  text: string;
  /** Distinct outlets in the dataset that report it (assert, attribute or confirm). */
  outlets: number;
  /** Statements in the dataset that deny or dispute it. */
  denials: number;
  /** How this page has it: one entry per stance (with the page's phrase and speaker). */
  onPage: { stance: FoundClaim['stance']; speaker: string | null; phrase: string }[];
}
export interface PopupView {
  /** The tab's host, or null when claimlens has not run there (a browser page, no report yet). */
  host: string | null;
  /** The paused-sites entry that pauses this host, or null. */
  pausedBy: string | null;
  /** Whether the tab's content script has reported. */
  reported: boolean;
  /** Matches that were not marked because of the mark cap. */
  capped: number;
  claims: PopupClaim[];
}
export interface DatasetsView {
  bundled: { id: string; name: string; version: string; enabled: boolean; stats: DatasetStats } | null;
  imports: { meta: ImportedDatasetMeta; stats: DatasetStats }[];
  /** storage.local use; `near` when over 80 % of the quota. */
  storage: { bytesInUse: number | null; quotaBytes: number | null; near: boolean };
  notices: Notice[];
}
export type ImportReply = { ok: true; meta: ImportedDatasetMeta; stats: DatasetStats } | { ok: false; errors: DatasetIssue[] };
export const settingsPayloadSchema = replyWith<SettingsPayload>('settings', 'revision');
export const popupViewSchema = replyWith<PopupView>('host', 'claims');
export const settingsReplySchema = replyWith<{ settings: Settings; notices: Notice[] }>('settings');
export const datasetsViewSchema = replyWith<DatasetsView>('bundled', 'imports', 'storage');
export const importReplySchema = replyWith<ImportReply>('ok');
export const exportReplySchema = z.object({ fileName: z.string(), text: z.string() });

/** The reply of each message type. */
export interface Replies {
  [CS_TO_BG.hello]: z.infer<typeof helloReplySchema>;
  [CS_TO_BG.report]: z.infer<typeof okReplySchema>;
  [UI_TO_BG.getTabStates]: z.infer<typeof tabStatesReplySchema>;
  [CS_TO_BG.spot]: z.infer<typeof spotReplySchema>;
  [CS_TO_BG.getClaimCards]: z.infer<typeof claimCardsReplySchema>;
  [UI_TO_BG.navigateClaims]: NavigateReply;
  [UI_TO_BG.getOpenCard]: OpenCardReply;
  [CS_TO_BG.getSettings]: SettingsPayload;
  [UI_TO_BG.getPopup]: PopupView;
  [UI_TO_BG.getSettings]: { settings: Settings; notices: Notice[] };
  [UI_TO_BG.updateSettings]: { settings: Settings; notices: Notice[] };
  [UI_TO_BG.setSitePaused]: { settings: Settings; notices: Notice[] };
  [UI_TO_BG.listDatasets]: DatasetsView;
  [UI_TO_BG.importDataset]: ImportReply;
  [UI_TO_BG.setDatasetEnabled]: z.infer<typeof okReplySchema>;
  [UI_TO_BG.exportDataset]: z.infer<typeof exportReplySchema>;
  [UI_TO_BG.removeDataset]: z.infer<typeof okReplySchema>;
  [UI_TO_BG.dismissNotice]: z.infer<typeof okReplySchema>;
}
export type Reply<M extends Message> = Replies[M['type']];

/** Runtime validators of the replies, for the sending side. */
export const replySchemas = {
  [CS_TO_BG.hello]: helloReplySchema,
  [CS_TO_BG.report]: okReplySchema,
  [UI_TO_BG.getTabStates]: tabStatesReplySchema,
  [CS_TO_BG.spot]: spotReplySchema,
  [CS_TO_BG.getClaimCards]: claimCardsReplySchema,
  [UI_TO_BG.navigateClaims]: navigateReplySchema,
  [UI_TO_BG.getOpenCard]: openCardReplySchema,
  [CS_TO_BG.getSettings]: settingsPayloadSchema,
  [UI_TO_BG.getPopup]: popupViewSchema,
  [UI_TO_BG.getSettings]: settingsReplySchema,
  [UI_TO_BG.updateSettings]: settingsReplySchema,
  [UI_TO_BG.setSitePaused]: settingsReplySchema,
  [UI_TO_BG.listDatasets]: datasetsViewSchema,
  [UI_TO_BG.importDataset]: importReplySchema,
  [UI_TO_BG.setDatasetEnabled]: okReplySchema,
  [UI_TO_BG.exportDataset]: exportReplySchema,
  [UI_TO_BG.removeDataset]: okReplySchema,
  [UI_TO_BG.dismissNotice]: okReplySchema,
} as const satisfies { [K in keyof Replies]: z.ZodMiniType<Replies[K]> };

/** The error reply the background sends for a message it refuses. */
export const errorReplySchema = z.object({ error: z.string() });
export type ErrorReply = z.infer<typeof errorReplySchema>;

/** Parse a message from a content script; null when it is not one. */
export function parseCsToBg(raw: unknown): CsToBgMessage | null {
  const r = csToBgSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** Parse a message from an extension page; null when it is not one. */
export function parseUiToBg(raw: unknown): UiToBgMessage | null {
  const r = uiToBgSchema.safeParse(raw);
  return r.success ? r.data : null;
}

/** Validate the reply to `message`; throws with the background's error text or a shape error. */
export function parseReply<M extends Message>(message: M, raw: unknown): Reply<M> {
  const err = errorReplySchema.safeParse(raw);
  if (err.success) throw new Error(`claimlens background refused ${message.type}: ${err.data.error}`);
  const schema: z.ZodMiniType = replySchemas[message.type];
  const r = schema.safeParse(raw);
  if (!r.success) throw new Error(`claimlens: malformed reply to ${message.type}`);
  // The schema of `message.type` is the one that `Replies` maps it to (checked by `satisfies`).
  return r.data as Reply<M>;
}
