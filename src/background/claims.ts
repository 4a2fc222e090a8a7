/**
 * The background's claims service (issue #5, #6): spots the known claims in the text that a
 * content script sends, serves the card view models, and routes the keyboard commands to the
 * active tab. Matching runs here, not in each tab: the loaded index then exists once for all
 * tabs instead of once per tab (issue #6 measured 22 MB per tab at 10k claims the other way).
 *
 * build/index.json and build/dataset.json ship inside the extension package and are read with
 * fetch(runtime.getURL(...)). They are cached in memory; a Chrome service worker that was
 * stopped simply reads them again on its next message (nothing depends on memory surviving).
 */
import { buildClaimCard, type ClaimCardModel } from '../core/card.ts';
import type { ClaimMatch, Dataset } from '../core/model.ts';
import { loadIndex as loadMatcher, type CompiledIndex, type MatchIndex } from '../core/spot/index.ts';
import { spotInSlices } from '../core/spot/chunked.ts';
import {
  BG_TO_CS,
  CS_TO_BG,
  UI_TO_BG,
  navigateReplySchema,
  openCardReplySchema,
  type OpenCardReply,
  type CsToBgMessage,
  type ErrorReply,
  type NavigateReply,
  type Replies,
  type UiToBgMessage,
} from '../messaging/protocol.ts';
import { benchMark, benchMatcher, benchPiece } from './bench.ts';
import { PieceSessions } from './piece-sessions.ts';
import { warmUpBatches } from './warmup.ts';
import { yieldTask } from '../platform/yield.ts';

/** Manifest `commands` names. */
export const COMMANDS = { next: 'next-claim', prev: 'previous-claim' } as const;

export interface ClaimsDeps {
  /** Read a JSON file of the extension package; null when it is absent. */
  loadJson(file: string): Promise<unknown>;
  /** Send a message to a tab's top-frame content script and return its reply. */
  sendToTab(tabId: number, message: unknown): Promise<unknown>;
  /**
   * Issue #6: the effective dataset and index (bundled + the reader's enabled imports, see
   * background/datasets.ts). When given, it replaces the shipped files (it caches by revision).
   */
  effective?: () => Promise<{ dataset: Dataset | null; index: CompiledIndex | null }>;
  /** How long a piece waits for the pieces before it (default PIECE_WAIT_MS of piece-sessions.ts; tests shorten it). */
  pieceWaitMs?: number;
  /**
   * Characters of generated text `warm` spots after loading the matcher, so that its code is
   * optimised before the first page comes (background/warmup.ts; default 0: none).
   */
  warmUpChars?: number;
}

export interface ClaimsService {
  /**
   * Load the index and its matcher now (at the worker's start), so the first page need not
   * wait for it; then spot `warmUpChars` of generated text in small slices, unless a page's
   * spot request comes first (it stops the warm-up at its next batch). Resolves to the
   * characters of warm-up text spotted.
   */
  warm(): Promise<number>;
  onContent(msg: Extract<CsToBgMessage, { type: typeof CS_TO_BG.spot | typeof CS_TO_BG.getClaimCards }>): Promise<Replies[typeof CS_TO_BG.spot] | Replies[typeof CS_TO_BG.getClaimCards] | ErrorReply>;
  onPage(msg: Extract<UiToBgMessage, { type: typeof UI_TO_BG.navigateClaims | typeof UI_TO_BG.getOpenCard }>): Promise<NavigateReply | OpenCardReply | ErrorReply>;
  /** A `commands` shortcut was pressed with `tabId` active. */
  onCommand(command: string, tabId: number | undefined): Promise<void>;
}

function isDataset(v: unknown): v is Dataset {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  return Array.isArray(d['claims']) && Array.isArray(d['entities']) && Array.isArray(d['sources']) && Array.isArray(d['statements']);
}

function isIndex(v: unknown): v is CompiledIndex {
  return typeof v === 'object' && v !== null && (v as { format?: unknown }).format === 'claimlens-index';
}

/** The warm-up's slices: short, so a page's request that comes meanwhile waits at most about this long. */
const WARM_SLICE_MS = 3;

export function createClaimsService(deps: ClaimsDeps): ClaimsService {
  let dataset: Promise<Dataset | null> | null = null;
  let index: Promise<CompiledIndex | null> | null = null;
  /** The loaded matcher of each compiled index (rebuilt when the effective index changes). */
  const matchers = new WeakMap<CompiledIndex, MatchIndex>();

  function matcherFor(compiled: CompiledIndex): MatchIndex {
    let m = matchers.get(compiled);
    if (!m) {
      m = loadMatcher(compiled);
      matchers.set(compiled, m);
      benchMatcher(m);
    }
    return m;
  }

  function loadDataset(): Promise<Dataset | null> {
    if (deps.effective) return deps.effective().then((e) => e.dataset, () => null);
    dataset ??= deps.loadJson('dataset.json').then((v) => (isDataset(v) ? v : null), () => null);
    return dataset;
  }
  function loadIndex(): Promise<CompiledIndex | null> {
    if (deps.effective) return deps.effective().then((e) => e.index, () => null);
    index ??= deps.loadJson('index.json').then((v) => (isIndex(v) ? v : null), () => null);
    return index;
  }

  /** Stops the warm-up (a page's spot request came); aborted for good once one has. */
  const warming = new AbortController();
  /**
   * Between slices of spotting, let other messages in (other tabs, the next piece): the
   * scheduler's yield where the worker has one; else a timer (nested timers are clamped to
   * 4 ms after a few levels, a cost per slice that the scheduler does not have).
   */
  const yieldNow = async (): Promise<void> => {
    benchMark('yield');
    await yieldTask();
    benchMark('resume');
  };

  const pieces = new PieceSessions({ ...(deps.pieceWaitMs ? { pieceWaitMs: deps.pieceWaitMs } : {}), yieldNow });

  async function navigate(tabId: number, direction: 'next' | 'prev', claimId?: string): Promise<NavigateReply> {
    const raw = await deps.sendToTab(tabId, { type: BG_TO_CS.navigate, direction, ...(claimId ? { claimId } : {}) });
    const r = navigateReplySchema.safeParse(raw);
    return r.success ? r.data : { opened: false, claimIds: [] };
  }

  return {
    async warm() {
      const compiled = await loadIndex();
      if (!compiled) return 0;
      const matcher = matcherFor(compiled);
      const chars = deps.warmUpChars ?? 0;
      let warmed = 0;
      if (chars <= 0 || warming.signal.aborted) return warmed;
      benchMark('warm-up');
      let sliceStart = performance.now();
      for (const batch of warmUpBatches(compiled, chars)) {
        if (warming.signal.aborted) break;
        await spotInSlices(matcher, batch.text, batch.blockBreaks, { signal: warming.signal });
        warmed += batch.text.length;
        if (performance.now() - sliceStart > WARM_SLICE_MS) {
          // A timer (not the scheduler's yield, whose continuation goes before other tasks):
          // a page's message gets in here and stops the rest.
          await new Promise((r) => setTimeout(r, 0));
          sliceStart = performance.now();
        }
      }
      benchMark(warming.signal.aborted ? 'warm-up-stopped' : 'warmed');
      return warmed;
    },
    async onContent(msg) {
      if (msg.type === CS_TO_BG.spot) {
        benchMark('received');
        warming.abort();
        // The later pieces of a request: its matcher at once (no look at the effective index,
        // which reads storage; one request is spotted with one index).
        const open = msg.piece ? pieces.matcherOf(msg.piece.request) : undefined;
        const compiled = open ? null : await loadIndex();
        if (!open && !compiled) return { matches: null };
        const matcher = open ?? matcherFor(compiled!);
        benchMark('index');
        // Chunked, yielding between slices: one long page does not hold up the other tabs.
        let matches: ClaimMatch[];
        if (msg.piece) {
          const piece = { text: msg.text, blockBreaks: msg.blockBreaks, seq: msg.piece.seq, last: msg.piece.last };
          benchPiece(msg.piece.request, piece);
          try {
            matches = await pieces.spot(msg.piece.request, piece, matcher);
          } catch (err) {
            return { error: err instanceof Error ? err.message : String(err) };
          }
        } else {
          matches = await spotInSlices(matcher, msg.text, msg.blockBreaks, { yieldNow });
        }
        benchMark('spotted');
        return { matches };
      }
      const ds = await loadDataset();
      if (!ds) return { error: 'no dataset in this build' };
      const cards: ClaimCardModel[] = [];
      for (const req of msg.claims) {
        const card = buildClaimCard(ds, req.claimId, req.match as ClaimMatch | undefined);
        if (card) cards.push(card);
      }
      return { cards };
    },
    async onPage(msg) {
      try {
        if (msg.type === UI_TO_BG.getOpenCard) {
          const r = openCardReplySchema.safeParse(await deps.sendToTab(msg.tabId, { type: BG_TO_CS.getOpenCard }));
          return r.success ? r.data : { open: false, claimIds: [], text: '' };
        }
        return await navigate(msg.tabId, msg.direction, msg.claimId);
      } catch (err) {
        return { error: `tab ${msg.tabId} did not answer: ${err instanceof Error ? err.message : String(err)}` };
      }
    },
    async onCommand(command, tabId) {
      if (tabId === undefined) return;
      const direction = command === COMMANDS.next ? 'next' : command === COMMANDS.prev ? 'prev' : null;
      if (!direction) return;
      // A tab without our content script (a browser page) just does not answer.
      await navigate(tabId, direction).catch(() => undefined);
    },
  };
}
