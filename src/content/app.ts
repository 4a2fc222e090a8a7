/**
 * The content script's orchestrator (issue #5). One page life = one AbortController; aborting
 * it removes every mark, the card, every listener and the observer.
 *
 *   start ──► get index (background) ──► full scan ──► marks ──► report found claims
 *                                            ▲
 *   MutationObserver (only queues) ──► budgeted batches: rescan changed blocks, drop dead marks
 *   URL change (pushState / popstate / navigation) ──► full scan
 *   pointer ──► hover.ts ──► card-host.ts          keyboard command ──► next/prev mark + card
 *
 * Work is cut into slices that yield (SLICE_MS), and rescans are rate-limited so a page that
 * mutates without pause cannot make us spin. Nothing is exposed on the page's window.
 */
import type { ClaimCardModel } from '../core/card.ts';
import type { ClaimMatch } from '../core/model.ts';
import { loadIndex, spotClaims, type CompiledIndex, type MatchIndex } from '../core/spot/index.ts';
import { BG_TO_CS, LIMITS, parseBgToCs, type FoundClaim, type NavigateReply } from '../messaging/protocol.ts';
import { createCardHost, type CardHost } from './card-host.ts';
import { watchHover } from './hover.ts';
import { createMarkLayer, type Mark, type MarkLayer, type MarkSpec } from './marks.ts';
import { extractPageText, locateOffset, type PageText } from './page-text.ts';
import { splitSentences } from '../core/text/sentences.ts';
import { benchMark } from './bench-probe.ts';

/** Longest run of our own work before yielding to the page. */
export const SLICE_MS = 8;
/** Characters of text spotted per step (a slice runs several steps while in budget). */
const CHUNK_CHARS = 6000;
/** Characters of preceding text given as context to a chunk (anaphora: "He added: ..."). */
const CONTEXT_CHARS = 1200;
/** Minimum time between two mutation rescans, growing while the page keeps mutating. */
const RESCAN_MIN_MS = 300;
const RESCAN_MAX_MS = 5000;
/** Changed blocks per rescan beyond which a full rescan is cheaper. */
const MAX_BLOCKS_PER_RESCAN = 200;
/** Most marks on one page (issue #8): the rest are counted, not painted. */
export const MAX_MARKS = 2000;

export interface AppDeps {
  doc: Document;
  /** Ask the background; typed by the protocol. */
  getIndex(): Promise<CompiledIndex | null>;
  getCards(claims: { claimId: string; match: ClaimMatch }[]): Promise<ClaimCardModel[]>;
  /** Tell the background what this page holds (after each scan). */
  report(found: FoundClaim[]): void;
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

/** Yield to the page: scheduler.yield where it exists, else a macrotask. */
function yieldToPage(win: Window): Promise<void> {
  const s = (win as Window & { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (s && typeof s.yield === 'function') return s.yield();
  return new Promise((r) => win.setTimeout(r, 0));
}

/** Sentences of context a chunk starts with: a denial's anaphor reaches back 3 (spot/matcher.ts). */
const CONTEXT_SENTENCES = 4;
/** A chunk longer than this (one huge block) is cut at a sentence start (issue #8: 5 MB text node). */
const MAX_CHUNK_CHARS = 4 * CHUNK_CHARS;
/** Longest stretch searched for a sentence boundary before a chunk is cut at a space. */
const MAX_SENTENCE_SCAN = 64 * 1024;

/** First index of `xs` (sorted) whose value is > `v`. */
function upperBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Where a chunk starting at `from` must end when its blocks run past MAX_CHUNK_CHARS: the
 * start of a sentence (sentence boundaries are found the same way the matcher finds them, so
 * the cut changes no sentence), else a space, else any point not inside a surrogate pair.
 */
function cutInsideBlock(text: string, from: number, end: number): number {
  for (let scan = 2 * CHUNK_CHARS; ; scan *= 2) {
    const limit = Math.min(end, from + scan);
    const sentences = splitSentences(text, from, limit);
    // The last span may be cut by `limit`; the start of the last one is a true boundary.
    const last = sentences[sentences.length - 1];
    if (sentences.length >= 2 && last && last[0] > from) return last[0];
    if (limit >= end) return end;
    if (scan >= MAX_SENTENCE_SCAN) {
      // No sentence ends in 64 K characters: cut at the last space (never inside a character).
      const space = text.lastIndexOf(' ', limit);
      let cut = space > from ? space + 1 : limit;
      if (cut < text.length && isLowSurrogate(text.charCodeAt(cut))) cut -= 1;
      return cut > from ? cut : limit;
    }
  }
}

/**
 * Where a chunk's context starts: early enough to hold the CONTEXT_SENTENCES sentences before
 * `from` whole (denials that point back, "He added: …") and at least CONTEXT_CHARS of text
 * back to a block break, so a chunk sees what one whole-text spot would.
 */
export function contextStart(text: string, blockBreaks: readonly number[], from: number): number {
  if (from <= 0) return 0;
  let k = upperBound(blockBreaks, from - 1) - 1; // the last break before `from`
  let ctx = from;
  // At least CONTEXT_CHARS back, at a block break.
  for (let j = k; j >= 0 && from - blockBreaks[j]! <= CONTEXT_CHARS; j--) ctx = blockBreaks[j]!;
  // And the last sentences whole (blocks scanned from the end, at most MAX_SENTENCE_SCAN each).
  let hi = from;
  let need = CONTEXT_SENTENCES;
  for (;;) {
    const lo = k >= 0 ? blockBreaks[k]! : 0;
    const scanFrom = Math.max(lo, hi - MAX_SENTENCE_SCAN);
    const sentences = splitSentences(text, scanFrom, hi);
    // With a truncated scan the first span may be partial: it is not counted.
    const whole = scanFrom > lo ? sentences.slice(1) : sentences;
    if (whole.length >= need) return Math.min(ctx, whole[whole.length - need]![0]);
    if (scanFrom > lo) return Math.min(ctx, sentences[0]?.[0] ?? scanFrom);
    need -= whole.length;
    if (lo === 0) return 0;
    hi = lo;
    k--;
  }
}

/**
 * Spot `page.text` in chunks cut at block breaks (or, inside a huge block, at sentence
 * starts), yielding between slices. Each chunk is spotted with the context before it, and
 * only its own matches are kept: the result equals one whole-text spot (a property test says
 * so: test/unit/property/spot.property.test.ts).
 */
export async function spotInSlices(index: MatchIndex, page: PageText, signal: AbortSignal, win: Window): Promise<ClaimMatch[]> {
  const { text, blockBreaks } = page;
  const out: ClaimMatch[] = [];
  let sliceStart = performance.now();
  let from = 0;
  while (from < text.length) {
    if (signal.aborted) return out;
    // The chunk ends at the first block break past CHUNK_CHARS (or the end of the text).
    const bi = upperBound(blockBreaks, from);
    let to = text.length;
    for (let j = bi; j < blockBreaks.length; j++) {
      if (blockBreaks[j]! - from >= CHUNK_CHARS) {
        to = blockBreaks[j]!;
        break;
      }
    }
    if (to - from > MAX_CHUNK_CHARS) {
      // One huge block: end at the last block break within reach, else inside the block.
      const inReach = upperBound(blockBreaks, from + MAX_CHUNK_CHARS) - 1;
      const b = inReach >= bi ? blockBreaks[inReach]! : -1;
      to = b > from ? b : cutInsideBlock(text, from, to);
    }
    const ctx = contextStart(text, blockBreaks, from);
    const breaks: number[] = [];
    for (let j = upperBound(blockBreaks, ctx); j < blockBreaks.length && blockBreaks[j]! <= to; j++) breaks.push(blockBreaks[j]! - ctx);
    for (const m of spotClaims(index, text.slice(ctx, to), breaks)) {
      if (m.start + ctx < from) continue;
      out.push({ ...m, start: m.start + ctx, end: m.end + ctx, sentenceStart: m.sentenceStart + ctx, sentenceEnd: m.sentenceEnd + ctx });
    }
    from = to;
    if (performance.now() - sliceStart > SLICE_MS) {
      benchMark('yield');
      await yieldToPage(win);
      benchMark('resume');
      sliceStart = performance.now();
    }
  }
  return out;
}

/** Matches with the same or overlapping phrase become one mark (sorted by start). */
export function groupMatches(matches: readonly ClaimMatch[]): { start: number; end: number; matches: ClaimMatch[] }[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const groups: { start: number; end: number; matches: ClaimMatch[] }[] = [];
  for (const m of sorted) {
    if (m.end <= m.start) continue;
    const last = groups[groups.length - 1];
    if (last && m.start < last.end) {
      last.end = Math.max(last.end, m.end);
      if (!last.matches.some((x) => x.claimId === m.claimId)) last.matches.push(m);
    } else {
      groups.push({ start: m.start, end: m.end, matches: [m] });
    }
  }
  return groups;
}

/** Mark specs for groups of matches in `page` (offsets → text nodes). */
function specsFor(page: PageText, groups: ReturnType<typeof groupMatches>): MarkSpec[] {
  const specs: MarkSpec[] = [];
  for (const g of groups) {
    const a = locateOffset(page, g.start);
    const b = locateOffset(page, g.end - 1); // the last character, so the end stays in its node
    if (!a || !b) continue;
    specs.push({
      matches: g.matches,
      range: { startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: Math.min(b.offset + 1, b.node.data.length) },
      text: page.text.slice(g.start, g.end),
    });
  }
  return specs;
}

/** The text a mark covers now ('' when its nodes are gone). */
function currentText(doc: Document, mark: Mark): string {
  const r = mark.range;
  if (!r.startContainer.isConnected || !r.endContainer.isConnected) return '';
  if (r.startContainer === r.endContainer) {
    const data = (r.startContainer as Text).data ?? '';
    return data.slice(r.startOffset, r.endOffset);
  }
  const live = doc.createRange();
  try {
    live.setStart(r.startContainer, r.startOffset);
    live.setEnd(r.endContainer, r.endOffset);
    return live.toString();
  } catch {
    return '';
  } finally {
    live.detach();
  }
}

/** Identity of a phrase: its nodes, offsets and text. */
const nodeIds = new WeakMap<Node, number>();
let nextNodeId = 1;
function markKey(r: { startContainer: Node; startOffset: number; endContainer: Node; endOffset: number }, text: string): string {
  const id = (n: Node): number => {
    let v = nodeIds.get(n);
    if (v === undefined) nodeIds.set(n, (v = nextNodeId++));
    return v;
  };
  return `${id(r.startContainer)}:${r.startOffset}:${id(r.endContainer)}:${r.endOffset}:${text}`;
}

const BLOCKISH = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TD', 'TH', 'BLOCKQUOTE', 'ARTICLE', 'SECTION', 'DIV', 'MAIN', 'BODY', 'DD', 'DT', 'PRE', 'FIGURE']);

function nearestBlock(node: Node): Element | null {
  for (let n: Node | null = node.nodeType === 1 ? node : node.parentNode; n; n = n.parentNode) {
    if (n.nodeType === 1 && BLOCKISH.has((n as Element).tagName.toUpperCase())) return n as Element;
  }
  return null;
}

function foundClaims(marks: readonly Mark[]): FoundClaim[] {
  const seen = new Set<string>();
  const found: FoundClaim[] = [];
  for (const mark of marks) {
    for (const m of mark.matches) {
      const key = `${m.claimId}\u0000${m.stance}`;
      if (seen.has(key) || found.length >= LIMITS.maxFoundClaims) continue;
      seen.add(key);
      found.push({ claimId: m.claimId, phrase: mark.text.slice(0, LIMITS.maxPhraseLength), stance: m.stance, score: Math.max(0, Math.min(1, m.score)) });
    }
  }
  return found;
}

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
  let host: CardHost | null = null;
  let index: MatchIndex | null = null;
  let openMark: Mark | null = null;
  let openedBy: 'hover' | 'keyboard' | null = null;
  let url = win.location.href;
  const cardCache = new Map<number, ClaimCardModel[]>();

  const isHidden = (el: Element): boolean => {
    if (host?.owns(el)) return true; // our own UI is never page text
    if (layer?.isOurs(el)) return false;
    const check = (el as Element & { checkVisibility?: () => boolean }).checkVisibility;
    return typeof check === 'function' ? !check.call(el) : false;
  };

  // ---- marks -----------------------------------------------------------------------------
  function addMarks(page: PageText, matches: ClaimMatch[]): void {
    addSpecs(specsFor(page, groupMatches(matches)));
  }

  function addSpecs(all: MarkSpec[]): void {
    if (!layer) return;
    const room = Math.max(0, MAX_MARKS - layer.all().length);
    const specs = all.slice(0, room);
    if (specs.length === 0) return;
    const pending = observer.takeRecords();
    layer.add(specs);
    // Our own wrapping (fallback) is not a page change: drop its records, keep the page's.
    if (!layer.usesHighlights) observer.takeRecords();
    queueRecords(pending);
  }

  function removeMarks(marks: Mark[]): void {
    if (!layer || marks.length === 0) return;
    if (openMark && marks.includes(openMark) && !host?.pinned) closeCard();
    const pending = observer.takeRecords();
    layer.remove(marks);
    if (!layer.usesHighlights) observer.takeRecords();
    for (const m of marks) cardCache.delete(m.id);
    queueRecords(pending);
  }

  function report(): void {
    if (layer) deps.report(foundClaims(layer.all()));
  }

  async function fullScan(): Promise<void> {
    if (!index || !layer || signal.aborted) return;
    const page = extractPageText(doc.body ?? doc.documentElement, { isHidden });
    benchMark('extracted');
    const matches = await spotInSlices(index, page, signal, win);
    benchMark('spotted');
    if (signal.aborted) return;
    // The page may have changed while we yielded: only keep matches whose text is still there.
    removeMarks(layer.all().slice());
    addMarks(page, matches.filter((m) => {
      const a = locateOffset(page, m.start);
      return a !== null && a.node.isConnected;
    }));
    dropDeadMarks();
    benchMark('marked');
    report();
  }

  /** Marks whose text changed or whose nodes left the document. */
  function dropDeadMarks(): boolean {
    if (!layer) return false;
    const dead = layer.usesHighlights ? layer.all().filter((m) => currentText(doc, m) !== m.text) : [];
    removeMarks(dead);
    return dead.length > 0;
  }

  // ---- mutations: queue only; process in budgeted, rate-limited batches --------------------
  const queued = new Set<Node>();
  let rescanTimer = 0;
  let rescanDelay = RESCAN_MIN_MS;
  let lastRescan = 0;
  let needFull = false;

  function queueRecords(records: MutationRecord[]): void {
    for (const r of records) {
      if (host?.owns(r.target)) continue;
      if (r.type === 'childList') {
        let onlyOurs = true;
        for (const n of r.addedNodes) if (!host?.owns(n) && !layer?.isOurs(n)) onlyOurs = false;
        for (const n of r.removedNodes) if (!host?.owns(n) && !layer?.isOurs(n)) onlyOurs = false;
        if (onlyOurs && (r.addedNodes.length || r.removedNodes.length)) continue;
        for (const n of r.addedNodes) queued.add(n);
        if (r.removedNodes.length) queued.add(r.target);
      } else {
        queued.add(r.target);
      }
    }
    if (queued.size && !rescanTimer) scheduleRescan();
  }

  function scheduleRescan(): void {
    const since = performance.now() - lastRescan;
    // Keep mutating pages at bay: the delay grows while changes keep coming, resets when calm.
    rescanDelay = since < rescanDelay * 2 ? Math.min(RESCAN_MAX_MS, rescanDelay * 1.5) : RESCAN_MIN_MS;
    rescanTimer = win.setTimeout(() => void rescan(), rescanDelay);
  }

  async function rescan(): Promise<void> {
    rescanTimer = 0;
    lastRescan = performance.now();
    if (!layer || !index || signal.aborted) return;
    benchMark('rescan');
    checkUrl();
    const nodes = [...queued];
    queued.clear();
    if (needFull) {
      needFull = false;
      await fullScan();
      return;
    }
    const blocks = new Set<Element>();
    for (const n of nodes) {
      if (!n.isConnected) continue;
      const b = nearestBlock(n);
      if (b) blocks.add(b);
    }
    // Keep outermost blocks only.
    const roots = [...blocks].filter((b) => ![...blocks].some((o) => o !== b && o.contains(b)));
    if (roots.length > MAX_BLOCKS_PER_RESCAN || roots.some((r) => r === doc.body || r === doc.documentElement)) {
      await fullScan();
      return;
    }
    let changed = dropDeadMarks();
    let sliceStart = performance.now();
    for (const root of roots) {
      if (signal.aborted || !root.isConnected) continue;
      if (root.closest('[contenteditable]:not([contenteditable="false"])')) continue;
      const inRoot = layer.all().filter((m) => root.contains(m.range.startContainer));
      const page = extractPageText(root, { isHidden });
      const matches = page.text.trim() ? await spotInSlices(index, page, signal, win) : [];
      if (signal.aborted) return;
      // Keep unchanged marks (no flicker); drop the rest; add what is new.
      const specs = specsFor(page, groupMatches(matches));
      const specKeys = new Set(specs.map((x) => markKey(x.range, x.text)));
      const stale = inRoot.filter((m) => !specKeys.has(markKey(m.range, m.text)));
      const keptKeys = new Set(inRoot.filter((m) => !stale.includes(m)).map((m) => markKey(m.range, m.text)));
      const fresh = specs.filter((x) => !keptKeys.has(markKey(x.range, x.text)));
      removeMarks(stale);
      addSpecs(fresh);
      changed = changed || stale.length > 0 || fresh.length > 0;
      if (performance.now() - sliceStart > SLICE_MS) {
        benchMark('yield');
        await yieldToPage(win);
        benchMark('resume');
        sliceStart = performance.now();
      }
    }
    benchMark('rescanned');
    if (changed) report();
    if (queued.size && !rescanTimer) scheduleRescan();
  }

  const observer = new win.MutationObserver((records) => queueRecords(records));

  // ---- URL changes of single-page sites -----------------------------------------------------
  function checkUrl(): void {
    if (win.location.href === url) return;
    url = win.location.href;
    closeCard();
    needFull = true;
    if (!rescanTimer) rescanTimer = win.setTimeout(() => void rescan(), RESCAN_MIN_MS);
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
    const el = target.range.startContainer.parentElement;
    el?.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' });
    if (host?.open) host.hide();
    const opened = await showCard(target, 'keyboard');
    return { opened, claimIds: target.matches.map((m) => m.claimId) };
  }

  // ---- start -----------------------------------------------------------------------------------
  async function start(): Promise<void> {
    const compiled = await deps.getIndex();
    benchMark('index');
    if (!compiled || signal.aborted) {
      deps.report([]);
      return;
    }
    index = loadIndex(compiled);
    benchMark('loaded');
    layer = createMarkLayer(doc, { forceFallback: deps.forceFallbackMarks ?? false });
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
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    win.addEventListener('popstate', checkUrl, { signal });
    win.addEventListener('hashchange', checkUrl, { signal });
    const nav = (win as Window & { navigation?: EventTarget }).navigation;
    nav?.addEventListener('navigatesuccess', checkUrl, { signal });
    const unsubscribe = deps.onBackgroundMessage((raw) => {
      const msg = parseBgToCs(raw);
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
    observer.disconnect();
    win.clearTimeout(rescanTimer);
    host?.destroy();
    layer?.destroy();
    queued.clear();
    cardCache.clear();
  }, { once: true });

  return {
    signal,
    ready,
    stop: () => life.abort(),
  };
}
