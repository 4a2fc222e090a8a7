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
import type { CompiledIndex } from '../core/spot/index.ts';

/** Content script → background. */
export const CS_TO_BG = {
  /** First contact from a page: answered with the extension version. */
  hello: 'cs-to-bg/hello',
  /** What the content script found on its page (replaces the tab's previous report). */
  report: 'cs-to-bg/report',
  /** The compiled matching index shipped with the extension (null when none is built). */
  getIndex: 'cs-to-bg/get-index',
  /** The card view models of the claims of one phrase (issue #5). */
  getClaimCards: 'cs-to-bg/get-claim-cards',
} as const;

/** Background → content script (runtime messages to one tab). */
export const BG_TO_CS = {
  /** Move to the next / previous mark (or the first mark of a claim) and open its card. */
  navigate: 'bg-to-cs/navigate',
  /** Which card is open in the tab, and its text (popup, tests). */
  getOpenCard: 'bg-to-cs/get-open-card',
} as const;

/** Extension pages (popup, options, tests) → background. */
export const UI_TO_BG = {
  /** The recorded state of one tab, or of every tab when `tabId` is absent. */
  getTabStates: 'ui-to-bg/get-tab-states',
  /** Ask a tab's content script to move to a claim and open its card (popup, tests, `npm start`). */
  navigateClaims: 'ui-to-bg/navigate-claims',
  /** The card open in a tab, if any (forwarded to its content script). */
  getOpenCard: 'ui-to-bg/get-open-card',
} as const;

/** Limits that keep a hostile page from filling the background's storage. */
export const LIMITS = {
  maxFoundClaims: 500,
  maxPhraseLength: 1000,
  maxIdLength: 200,
  maxCardRequests: 20,
  maxDiscrepancies: 20,
} as const;

const id = z.string().check(z.minLength(1), z.maxLength(LIMITS.maxIdLength));

/** One claim that the content script found on its page. */
export const foundClaimSchema = z.object({
  claimId: id,
  /** The page's own words for the claim (the matched phrase), as plain text. */
  phrase: z.string().check(z.maxLength(LIMITS.maxPhraseLength)),
  stance: z.enum(['asserts', 'attributes', 'denies', 'questions']),
  score: z.number().check(z.gte(0), z.lte(1)),
});
export type FoundClaim = z.infer<typeof foundClaimSchema>;

export const csHelloSchema = z.object({ type: z.literal(CS_TO_BG.hello) });
export const csReportSchema = z.object({
  type: z.literal(CS_TO_BG.report),
  /** The extension version the background sent in its hello reply (proves the round trip). */
  version: z.string().check(z.maxLength(50)),
  found: z.array(foundClaimSchema).check(z.maxLength(LIMITS.maxFoundClaims)),
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
export const csGetIndexSchema = z.object({ type: z.literal(CS_TO_BG.getIndex) });
export const csGetClaimCardsSchema = z.object({
  type: z.literal(CS_TO_BG.getClaimCards),
  claims: z.array(z.object({ claimId: id, match: z.optional(claimMatchSchema) })).check(z.minLength(1), z.maxLength(LIMITS.maxCardRequests)),
});
export const csToBgSchema = z.discriminatedUnion('type', [csHelloSchema, csReportSchema, csGetIndexSchema, csGetClaimCardsSchema]);
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
export const uiToBgSchema = z.discriminatedUnion('type', [uiGetTabStatesSchema, uiNavigateClaimsSchema, uiGetOpenCardSchema]);
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
});
export type TabState = z.infer<typeof tabStateSchema>;

export const helloReplySchema = z.object({ version: z.string() });
export const okReplySchema = z.object({ ok: z.literal(true) });
export const tabStatesReplySchema = z.object({ tabs: z.array(tabStateSchema) });
/** The background's own compiled index (trusted source; checked for its format tag only). */
export const indexReplySchema = z.object({
  index: z.nullable(z.custom<CompiledIndex>((v) => typeof v === 'object' && v !== null && (v as { format?: unknown }).format === 'claimlens-index')),
});
/** Card models built by the background from the shipped dataset (shape checked at the top level). */
export const claimCardsReplySchema = z.object({
  cards: z.array(z.custom<ClaimCardModel>((v) => typeof v === 'object' && v !== null && typeof (v as { claimId?: unknown }).claimId === 'string')),
});

/** The reply of each message type. */
export interface Replies {
  [CS_TO_BG.hello]: z.infer<typeof helloReplySchema>;
  [CS_TO_BG.report]: z.infer<typeof okReplySchema>;
  [UI_TO_BG.getTabStates]: z.infer<typeof tabStatesReplySchema>;
  [CS_TO_BG.getIndex]: z.infer<typeof indexReplySchema>;
  [CS_TO_BG.getClaimCards]: z.infer<typeof claimCardsReplySchema>;
  [UI_TO_BG.navigateClaims]: NavigateReply;
  [UI_TO_BG.getOpenCard]: OpenCardReply;
}
export type Reply<M extends Message> = Replies[M['type']];

/** Runtime validators of the replies, for the sending side. */
export const replySchemas = {
  [CS_TO_BG.hello]: helloReplySchema,
  [CS_TO_BG.report]: okReplySchema,
  [UI_TO_BG.getTabStates]: tabStatesReplySchema,
  [CS_TO_BG.getIndex]: indexReplySchema,
  [CS_TO_BG.getClaimCards]: claimCardsReplySchema,
  [UI_TO_BG.navigateClaims]: navigateReplySchema,
  [UI_TO_BG.getOpenCard]: openCardReplySchema,
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
