/**
 * Matches → marks (issue #5, #8): the middle layer between what the background spotted (text
 * offsets) and the mark layer (marks.ts), for the orchestrator (app.ts).
 *
 *   matches ──► groupMatches (one mark per phrase) ──► specsFor (offsets → text nodes) ──► marker.add
 *   rescan: diffMarks (keep unchanged marks, drop stale ones, add fresh ones)
 *   marker.dropDead: marks whose text changed or whose nodes left the document
 *
 * The marker works in slices of the page life's slicer (MARK_BATCH specs between two looks at
 * the clock) and keeps our own DOM changes (the fallback's wrapping) out of the mutation queue.
 */
import type { ClaimMatch } from '../core/model.ts';
import type { FoundClaim } from '../messaging/protocol.ts';
import { LIMITS } from '../messaging/wire.ts';
import { withRange, type Mark, type MarkLayer, type MarkSpec, type PhraseRange } from './marks.ts';
import { locateOffset, type PageText } from './page-text.ts';
import type { Slicer } from './slices.ts';
import { sliceText } from './text-chunks.ts';

/** Specs registered as marks between two looks at the clock. */
const MARK_BATCH = 50;
/**
 * Most marks on one page (issue #8): the rest are counted, not painted, and the count is
 * reported (`capped`) so the popup can say so. A thousand marks is far beyond any article.
 */
export const MAX_MARKS = 1000;

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
export function specsFor(page: PageText, groups: ReturnType<typeof groupMatches>): MarkSpec[] {
  const specs: MarkSpec[] = [];
  for (const g of groups) {
    const a = locateOffset(page, g.start);
    const b = locateOffset(page, g.end - 1); // the last character, so the end stays in its node
    if (!a || !b) continue;
    const text = sliceText(page, g.start, g.end);
    // Nodes are found again by replaying the walk (page-text.ts nodeAt): in a page changed since,
    // that could be another node of the same length. Within one node, the text tells.
    if (a.node === b.node && a.node.substringData(a.offset, text.length) !== text) continue;
    specs.push({
      matches: g.matches,
      range: { startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: Math.min(b.offset + 1, b.node.length) },
      text,
    });
  }
  return specs;
}

/** The text a mark covers now ('' when its nodes are gone). */
function currentText(doc: Document, mark: Mark): string {
  const r = mark.range;
  if (!r.startContainer.isConnected || !r.endContainer.isConnected) return '';
  if (r.startContainer === r.endContainer) {
    // substringData, not data.slice: `data` copies the whole node (see nodeAt).
    const t = r.startContainer as Text;
    if (typeof t.substringData !== 'function' || r.endOffset > t.length) return '';
    return t.substringData(r.startOffset, r.endOffset - r.startOffset);
  }
  return withRange(doc, r, (live) => live.toString(), '');
}

/** Identity of a phrase: its nodes, offsets and text (node ids good for one use of the keyer). */
function phraseKeyer(): (r: PhraseRange, text: string) => string {
  const nodeIds = new WeakMap<Node, number>();
  let nextNodeId = 1;
  const id = (n: Node): number => {
    let v = nodeIds.get(n);
    if (v === undefined) nodeIds.set(n, (v = nextNodeId++));
    return v;
  };
  return (r, text) => `${id(r.startContainer)}:${r.startOffset}:${id(r.endContainer)}:${r.endOffset}:${text}`;
}

/**
 * A rescan's changes to the marks of the blocks it read (`marks`), given the specs spotted in
 * them now: unchanged marks are kept (no flicker), the rest go (`stale`), what is new is added
 * (`fresh`).
 */
export function diffMarks(marks: readonly Mark[], specs: readonly MarkSpec[]): { stale: Mark[]; fresh: MarkSpec[] } {
  const markKey = phraseKeyer();
  const specKeys = new Set(specs.map((x) => markKey(x.range, x.text)));
  const stale = marks.filter((m) => !specKeys.has(markKey(m.range, m.text)));
  const staleSet = new Set(stale);
  const keptKeys = new Set(marks.filter((m) => !staleSet.has(m)).map((m) => markKey(m.range, m.text)));
  const fresh = specs.filter((x) => !keptKeys.has(markKey(x.range, x.text)));
  return { stale, fresh };
}

/** The claims a page's marks hold, once per claim and stance, cut to the protocol's limits. */
export function foundClaims(marks: readonly Mark[]): FoundClaim[] {
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

export interface MarkerDeps {
  doc: Document;
  layer: MarkLayer;
  /** The page life's slicer: the marker yields when the slice is spent. */
  slicer: Slicer;
  signal: AbortSignal;
  /** The mutation observer's pending records (taken before we touch the page). */
  takeRecords(): MutationRecord[];
  /** Hand the page's own records, taken before our change, back to the mutation queue. */
  queueRecords(records: MutationRecord[]): void;
  /** Watch a new mark's text nodes for edits in place (highlights only: nothing was wrapped). */
  watchText(mark: Mark): void;
  /** A batch of marks is about to go: close the card if its mark is in it (and not pinned). */
  removing(batch: readonly Mark[]): void;
  /** A batch of marks went: forget what was kept for them (their cards). */
  removed(batch: readonly Mark[]): void;
}

export interface Marker {
  /** Register specs as marks, MARK_BATCH at a time, yielding when the slice is spent. */
  add(specs: MarkSpec[]): Promise<void>;
  /** Remove marks, MARK_BATCH at a time. */
  remove(marks: readonly Mark[]): Promise<void>;
  /** Remove every mark, and the count of phrases not marked (a full scan starts again). */
  removeAll(): Promise<void>;
  /** Remove the marks whose text changed or whose nodes left the document; true when any went. */
  dropDead(): Promise<boolean>;
  /** The marks under each of `roots` (disjoint blocks), found in slices. */
  marksUnder(roots: readonly Element[]): Promise<Map<Element, Mark[]>>;
  /** Phrases found but not marked because of MAX_MARKS (since the last removeAll). */
  readonly capped: number;
}

export function createMarker(deps: MarkerDeps): Marker {
  const { doc, layer, slicer, signal } = deps;
  let capped = 0;

  async function add(all: MarkSpec[]): Promise<void> {
    for (let i = 0; i < all.length; i += MARK_BATCH) {
      if (signal.aborted) return;
      const batch = all.slice(i, i + MARK_BATCH);
      const room = Math.max(0, MAX_MARKS - layer.all().length);
      const specs = batch.slice(0, room);
      capped += batch.length - specs.length;
      if (specs.length === 0) continue;
      const pending = deps.takeRecords();
      const added = layer.add(specs);
      // Our own wrapping (fallback) is not a page change: drop its records, keep the page's.
      if (!layer.usesHighlights) deps.takeRecords();
      else for (const m of added) deps.watchText(m);
      deps.queueRecords(pending);
      await slicer.maybeYield();
    }
  }

  async function remove(marks: readonly Mark[]): Promise<void> {
    for (let i = 0; i < marks.length; i += MARK_BATCH) {
      const batch = marks.slice(i, i + MARK_BATCH);
      deps.removing(batch);
      const pending = deps.takeRecords();
      layer.remove(batch);
      if (!layer.usesHighlights) deps.takeRecords();
      deps.removed(batch);
      deps.queueRecords(pending);
      await slicer.maybeYield();
    }
  }

  /** Marks whose text changed or whose nodes left the document (checked in slices). */
  async function dropDead(): Promise<boolean> {
    if (!layer.usesHighlights) return false;
    const dead: Mark[] = [];
    for (const m of layer.all().slice()) {
      if (currentText(doc, m) !== m.text) dead.push(m);
      if (slicer.outOfTime()) await slicer.yield();
    }
    await remove(dead);
    return dead.length > 0;
  }

  /** Marks under each root (a walk up from each mark's start; roots are disjoint). */
  async function marksUnder(roots: readonly Element[]): Promise<Map<Element, Mark[]>> {
    const set = new Set<Node>(roots);
    const out = new Map<Element, Mark[]>(roots.map((r) => [r, []]));
    for (const m of layer.all()) {
      for (let p: Node | null = m.range.startContainer; p; p = p.parentNode) {
        if (set.has(p)) {
          out.get(p as Element)!.push(m);
          break;
        }
      }
      if (slicer.outOfTime()) await slicer.yield();
    }
    return out;
  }

  return {
    add,
    remove,
    async removeAll() {
      await remove(layer.all().slice());
      capped = 0;
    },
    dropDead,
    marksUnder,
    get capped() {
      return capped;
    },
  };
}
