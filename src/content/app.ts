/**
 * The content script's orchestrator (issue #5). One page life = one AbortController; aborting
 * it removes every mark, the card, every listener and the observer.
 *
 *   start ──► full scan: extract text ──► spot (in the background) ──► marks ──► report found claims
 *                                            ▲
 *   MutationObserver (only queues) ──► budgeted batches: rescan changed blocks, drop dead marks
 *   URL change (pushState / popstate / navigation) ──► full scan
 *   pointer ──► hover.ts ──► card-host.ts          keyboard command ──► next/prev mark + card
 *
 * Its parts: scan.ts reads the page (or changed blocks) and spots it in the background;
 * marking.ts turns matches into marks (and drops dead ones); changes.ts holds the observer and
 * its queue. This file holds the page life: start, full scans, rescan scheduling, the card.
 *
 * Matching runs in the background (issue #6, measured: the index lives once there instead of
 * once per tab; see README "Where matching runs"): this script only reads the page, sends its
 * text, and marks what comes back. Page work is cut into slices that yield (SLICE_MS), and
 * rescans are rate-limited so a page that mutates without pause cannot make us spin. Nothing
 * is exposed on the page's window.
 */
import type { ClaimCardModel } from '../core/card.ts';
import type { ClaimMatch } from '../core/model.ts';
import type { FoundClaim, NavigateReply } from '../messaging/protocol.ts';
import { BG_TO_CS, LIMITS, parseBgToCsMessage } from '../messaging/wire.ts';
import { createCardHost, type CardHost } from './card-host.ts';
import { createChangeQueue } from './changes.ts';
import { watchHover } from './hover.ts';
import { createMarkLayer, type Mark, type MarkLayer } from './marks.ts';
import { MAX_MARKS, createMarker, diffMarks, foundClaims, groupMatches, specsFor, type Marker } from './marking.ts';
import { afterRendering, locateOffset, type PageText } from './page-text.ts';
import { benchMark } from './bench-probe.ts';
import { spotInPieces, type Piece } from './pieces.ts';
import { createScanner } from './scan.ts';
import { createSlicer, type WorkStats } from './slices.ts';
import { createRescanPacer, joinPages, RESCAN_FIRST_MS } from './rescan.ts';
import { isBlank } from './text-chunks.ts';

/** Longest run of our own work before yielding to the page. */
export const SLICE_MS = 8;
/** Full scans started again after a failed spot request (a background restarted mid-request). */
const SPOT_RETRIES = 2;

export interface AppDeps {
  doc: Document;
  /** Ask the background; typed by the protocol. */
  /**
   * Spot the known claims in one piece of a text (the background assembles the pieces of a
   * request and runs the matcher; pieces.ts). Resolves to the matches spotted so far in
   * offsets of the whole text, or null when no dataset is available (nothing to mark).
   */
  spot(piece: Piece): Promise<ClaimMatch[] | null>;
  getCards(claims: { claimId: string; match: ClaimMatch }[]): Promise<ClaimCardModel[]>;
  /**
   * Tell the background what this page holds (after each scan); `capped`: phrases not marked
   * (MAX_MARKS); `work`: our own main-thread slices so far (issue #8, read by the e2e tests).
   */
  report(found: FoundClaim[], info?: { capped: number; work?: WorkStats }): void;
  /** Subscribe to messages from the background; returns the unsubscribe. */
  onBackgroundMessage(handler: (raw: unknown) => Promise<unknown> | undefined): () => void;
  /** Tests: force the wrapping fallback. */
  forceFallbackMarks?: boolean;
}

export interface App {
  readonly signal: AbortSignal;
  /** Resolves after the first full scan. */
  readonly ready: Promise<void>;
  stop(): void;
}

export { spotInPieces };
export { MAX_MARKS, groupMatches, specsFor };

/** A match as sent with a card request: strings cut to the protocol's limits. */
function wireMatch(m: ClaimMatch): ClaimMatch {
  const cut = (s: string): string => s.slice(0, LIMITS.maxPhraseLength);
  return {
    ...m,
    score: Math.max(0, Math.min(1, m.score)),
    speaker: m.speaker === null ? null : cut(m.speaker),
    discrepancies: m.discrepancies.slice(0, LIMITS.maxDiscrepancies).map((d) => ({
      ...d, found: cut(d.found), expected: cut(d.expected), authority: d.authority === null ? null : cut(d.authority), message: cut(d.message),
    })),
  };
}

export function startApp(deps: AppDeps): App {
  const { doc } = deps;
  const win = doc.defaultView!;
  const life = new AbortController();
  const signal = life.signal;
  let layer: MarkLayer | null = null;
  let marker: Marker | null = null;
  let host: CardHost | null = null;
  let running = false;
  let openMark: Mark | null = null;
  let openedBy: 'hover' | 'keyboard' | null = null;
  let url = win.location.href;
  const cardCache = new Map<number, ClaimCardModel[]>();

  const isHidden = (el: Element): boolean => {
    if (host?.owns(el)) return true; // our own UI is never page text
    if (layer?.isOurs(el)) return false;
    const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
    if (typeof check !== 'function' || check.call(el)) return false;
    // display:contents has no box of its own (checkVisibility says false) but shows its
    // children; ancestors were checked on the way down. Rare, so the style lookup is too.
    return win.getComputedStyle(el).display !== 'contents';
  };

  // ---- our own time: every run is a slice of at most about SLICE_MS (slices.ts) ------------
  const slicer = createSlicer(win, SLICE_MS);
  const scanner = createScanner({ slicer, signal, isHidden, spot: (piece) => deps.spot(piece) });
  /** Bumped by each full scan: an older scan still in flight stops at its next await. */
  let generation = 0;
  /** A full scan is in flight (rescans wait for it). */
  let scanning = false;

  function report(): void {
    lastReport = performance.now();
    if (layer && marker) deps.report(foundClaims(layer.all()), { capped: marker.capped, work: slicer.stats() });
  }

  async function fullScan(retry = 0): Promise<void> {
    if (!running || !layer || !marker || signal.aborted) return;
    const gen = ++generation;
    scanning = true;
    slicer.begin();
    try {
      benchMark('scan');
      // Read after the browser's own rendering: never be the first to compute style (issue #8).
      await slicer.wait(afterRendering(win));
      if (signal.aborted || gen !== generation) return;
      const read = await scanner.readAndSend(doc.body ?? doc.documentElement, () => signal.aborted || gen !== generation);
      if (!read || signal.aborted || gen !== generation) return;
      const { page, sender } = read;
      let first = true;
      let spotted: boolean;
      try {
        spotted = await scanner.replies(sender, async (matches) => {
          if (first) {
            // The old marks go when the first new ones arrive (no blank page while we read).
            first = false;
            await marker!.removeAll();
          }
          // The page may have changed while we waited: only matches whose text is still there.
          const live = matches.filter((m) => {
            const a = locateOffset(page, m.start);
            return a !== null && a.node.isConnected;
          });
          await marker!.add(specsFor(page, groupMatches(live)));
        }, () => signal.aborted || gen !== generation);
      } catch (err) {
        // A refused piece (the background restarted mid-request and lost the pieces before it):
        // read and send the page again, a couple of times at most.
        if (retry >= SPOT_RETRIES || signal.aborted || gen !== generation) throw err;
        slicer.end();
        scanning = false;
        await fullScan(retry + 1);
        return;
      }
      if (signal.aborted || gen !== generation) return;
      // No dataset (!spotted) or nothing found: the old marks go.
      if (first || !spotted) await marker.removeAll();
      await marker.dropDead();
      benchMark('marked');
      report();
    } finally {
      if (gen === generation) scanning = false;
      slicer.end();
    }
  }

  // ---- mutations: queue only; process in budgeted, rate-limited batches --------------------
  const changes = createChangeQueue({
    doc,
    win,
    slicer,
    ownsUi: (n) => host?.owns(n) ?? false,
    isOurs: (n) => layer?.isOurs(n) ?? false,
    // One rescan at a time: the one running schedules the next when it ends.
    onQueued: () => {
      if (changes.pending() && !rescanTimer && !rescanning) scheduleRescan();
    },
  });
  let rescanTimer = 0;
  /** When to rescan: soon after a calm spell, backing off while the page keeps mutating (rescan.ts). */
  const pacer = createRescanPacer();
  /** A rescan is in flight (awaiting the background): the next is scheduled when it ends. */
  let rescanning = false;
  /** When the last report was sent (rescans report their work now and then even when no mark changed). */
  let lastReport = 0;

  function scheduleRescan(): void {
    rescanTimer = win.setTimeout(() => void rescan(), pacer.next(performance.now()));
  }

  async function rescan(): Promise<void> {
    rescanTimer = 0;
    if (!layer || !marker || !running || signal.aborted) return;
    if (scanning) {
      // A full scan is in flight: it reads the page as it is; look at the queue after it.
      if (!rescanTimer) scheduleRescan();
      return;
    }
    const started = performance.now();
    const busyBefore = slicer.stats().busyMs;
    rescanning = true;
    slicer.begin();
    try {
      benchMark('rescan');
      checkUrl();
      if (changes.takeFull()) {
        slicer.end();
        await fullScan();
        return;
      }
      const roots = await changes.takeRoots();
      if (roots === null) {
        slicer.end();
        await fullScan();
        return;
      }
      let changed = await marker.dropDead();
      const byRoot = await marker.marksUnder(roots);
      const gen = generation;
      // Each changed block read on its own, then ONE spot request for all of them (rescan.ts).
      const read: { root: Element; page: PageText }[] = [];
      for (const root of roots) {
        if (signal.aborted || gen !== generation) return;
        if (!root.isConnected) continue;
        if (root.closest('[contenteditable]:not([contenteditable="false"])')) continue;
        const page = await scanner.readText(root);
        if (!page || signal.aborted || gen !== generation) return;
        read.push({ root, page });
      }
      const joined = joinPages(read.map((r) => r.page));
      const matches: ClaimMatch[] = [];
      if (!isBlank(joined)) {
        await scanner.spotPage(joined, (ms) => {
          for (const m of ms) matches.push(m);
          return Promise.resolve();
        }, () => signal.aborted || gen !== generation);
        benchMark('reply');
      }
      if (signal.aborted || gen !== generation) return;
      // Keep unchanged marks (no flicker); drop the rest; add what is new.
      const current = new Set(layer.all());
      const inRoots = read.flatMap((r) => (byRoot.get(r.root) ?? []).filter((m) => current.has(m)));
      const { stale, fresh } = diffMarks(inRoots, specsFor(joined, groupMatches(matches)));
      await marker.remove(stale);
      await marker.add(fresh);
      changed = changed || stale.length > 0 || fresh.length > 0;
      benchMark('rescanned');
      if (changed || performance.now() - lastReport > 1000) report();
    } finally {
      slicer.end();
      rescanning = false;
      pacer.done(started, performance.now(), slicer.stats().busyMs - busyBefore);
      if (changes.pending() && !rescanTimer && !signal.aborted) scheduleRescan();
    }
  }

  // ---- URL changes of single-page sites -----------------------------------------------------
  function checkUrl(): void {
    if (win.location.href === url) return;
    url = win.location.href;
    closeCard();
    changes.requestFull();
    if (!rescanTimer) rescanTimer = win.setTimeout(() => void rescan(), RESCAN_FIRST_MS);
  }

  // ---- the card ------------------------------------------------------------------------------
  async function cardsFor(mark: Mark): Promise<ClaimCardModel[]> {
    const cached = cardCache.get(mark.id);
    if (cached) return cached;
    const claims = mark.matches.slice(0, LIMITS.maxCardRequests).map((m) => ({ claimId: m.claimId, match: wireMatch(m) }));
    const models = await deps.getCards(claims);
    cardCache.set(mark.id, models);
    return models;
  }

  async function showCard(mark: Mark, by: 'hover' | 'keyboard'): Promise<boolean> {
    if (!host || !layer) return false;
    const models = await cardsFor(mark);
    if (signal.aborted || models.length === 0) return false;
    if (by === 'hover' && openedBy === 'keyboard' && host.open) return false; // keyboard card keeps the floor
    if (by === 'hover' && host.pinned) return false;
    openMark = mark;
    openedBy = by;
    const l = layer;
    host.show(models, () => l.rects(mark), { focus: by === 'keyboard' });
    return true;
  }

  function closeCard(): void {
    host?.hide();
    openMark = null;
    openedBy = null;
  }

  async function navigate(direction: 'next' | 'prev', claimId?: string): Promise<NavigateReply> {
    if (!layer) return { opened: false, claimIds: [] };
    const marks = layer.all();
    if (marks.length === 0) return { opened: false, claimIds: [] };
    let target: Mark | undefined;
    if (claimId) {
      target = marks.find((m) => m.matches.some((x) => x.claimId === claimId));
    } else {
      const at = openMark ? marks.indexOf(openMark) : -1;
      const i = at < 0 ? (direction === 'next' ? 0 : marks.length - 1) : (at + (direction === 'next' ? 1 : -1) + marks.length) % marks.length;
      target = marks[i];
    }
    if (!target) return { opened: false, claimIds: [] };
    layer.reveal(target); // far off-screen marks are not painted until needed (marks.ts)
    const el = target.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    if (host?.open) host.hide();
    const opened = await showCard(target, 'keyboard');
    return { opened, claimIds: target.matches.map((m) => m.claimId) };
  }

  // ---- start -----------------------------------------------------------------------------------
  async function start(): Promise<void> {
    if (signal.aborted) return;
    running = true;
    layer = createMarkLayer(doc, { forceFallback: deps.forceFallbackMarks ?? false });
    marker = createMarker({
      doc,
      layer,
      slicer,
      signal,
      takeRecords: () => changes.takeRecords(),
      queueRecords: (records) => changes.queueRecords(records),
      watchText: (m) => changes.watchText(m),
      removing: (batch) => {
        if (openMark && batch.includes(openMark) && !host?.pinned) closeCard();
      },
      removed: (batch) => {
        for (const m of batch) cardCache.delete(m.id);
      },
    });
    host = createCardHost(doc, signal);
    host.onClose = () => {
      openMark = null;
      openedBy = null;
    };
    const l = layer;
    const h = host;
    watchHover({
      doc,
      signal,
      marksAt: (n) => l.marksAt(n),
      rects: (m) => l.rects(m),
      overCard: (t) => h.isHostTarget(t),
      open: (m) => void showCard(m, 'hover'),
      close: () => {
        if (openedBy === 'hover' && !h.pinned) closeCard();
      },
    });
    changes.watchContainers();
    win.addEventListener('popstate', checkUrl, { signal });
    win.addEventListener('hashchange', checkUrl, { signal });
    const nav = (win as Window & { navigation?: EventTarget }).navigation;
    nav?.addEventListener('navigatesuccess', checkUrl, { signal });
    const unsubscribe = deps.onBackgroundMessage((raw) => {
      const msg = parseBgToCsMessage(raw);
      if (!msg) return undefined;
      if (msg.type === BG_TO_CS.getOpenCard) {
        const open = !!host?.open && openMark !== null;
        return Promise.resolve({
          open,
          claimIds: open ? openMark!.matches.map((m) => m.claimId) : [],
          text: open ? host!.text().slice(0, 20_000) : '',
        });
      }
      if (msg.type === BG_TO_CS.navigate) return navigate(msg.direction, msg.claimId);
      return undefined; // not ours (other content-side modules handle it)
    });
    signal.addEventListener('abort', unsubscribe, { once: true });
    await fullScan();
  }

  const ready = start().catch((err: unknown) => {
    if (!signal.aborted) console.warn('claimlens:', err instanceof Error ? err.message : err);
  });

  signal.addEventListener('abort', () => {
    changes.disconnect();
    win.clearTimeout(rescanTimer);
    host?.destroy();
    layer?.destroy();
    cardCache.clear();
  }, { once: true });

  return {
    signal,
    ready,
    stop: () => life.abort(),
  };
}
