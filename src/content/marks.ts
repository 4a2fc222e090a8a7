/**
 * Marks on the page (issue #5): the only layer that paints the claim phrases.
 *
 * Preferred: the CSS Custom Highlight API with StaticRange. Nothing is added to the page's
 * DOM, and a StaticRange costs the page nothing on later DOM changes (a live Range is updated
 * by the browser on every mutation: see /work/shared BROWSERS.md, "Live ranges cost the page").
 * Two highlight names tell a claim reported from a denial reported; their `::highlight()`
 * styles are in extension/content.css, which the manifest injects (not subject to page CSP).
 *
 * Fallback (no `CSS.highlights`): wrap the phrase's text in a custom element whose name is
 * random per page life (a page cannot target it), styled through CSSOM (allowed under a
 * strict style-src). Removal puts back the exact original text nodes (same node objects,
 * same data), so a framework holding references to them keeps working.
 */
import type { ClaimMatch } from '../core/model.ts';

/** Highlight registry names; extension/content.css styles `::highlight(<name>)`. */
export const HIGHLIGHT_CLAIM = 'claimlens-claim';
export const HIGHLIGHT_DENIAL = 'claimlens-denial';

export type MarkKind = 'claim' | 'denial';

/** The boundary points of a phrase (as a StaticRange init). */
export interface PhraseRange {
  startContainer: Node;
  startOffset: number;
  endContainer: Node;
  endOffset: number;
}

export interface Mark {
  readonly id: number;
  readonly kind: MarkKind;
  /** Every claim the phrase reports (one phrase can report several). */
  readonly matches: readonly ClaimMatch[];
  /** The phrase, as a StaticRange (never a live Range). */
  readonly range: StaticRange;
  /** The phrase text when marked, to notice when the page changed it. */
  readonly text: string;
}

export interface MarkSpec {
  matches: ClaimMatch[];
  range: PhraseRange;
  text: string;
}

/** A denial or questioning sentence is a denial mark; asserts/attributes are claim marks. */
export function markKind(matches: readonly ClaimMatch[]): MarkKind {
  return matches.every((m) => m.stance === 'denies' || m.stance === 'questions') ? 'denial' : 'claim';
}

export interface MarkLayer {
  readonly usesHighlights: boolean;
  add(specs: MarkSpec[]): Mark[];
  remove(marks: readonly Mark[]): void;
  clear(): void;
  /** Marks in document order (registered or not). */
  all(): Mark[];
  /** How many marks are painted now (highlights: those near the viewport; fallback: all). */
  registered(): number;
  /** Paint `mark` now even if it is far from the viewport (keyboard navigation goes there). */
  reveal(mark: Mark): void;
  /** Client rects of a mark (for hit-testing and placing the card). */
  rects(mark: Mark): DOMRect[];
  /** Painted marks whose phrase includes the text node `node` (for hit-testing). */
  marksAt(node: Node): readonly Mark[];
  /** True when `node` is one of our fallback wrappers (the observer ignores them). */
  isOurs(node: Node): boolean;
  destroy(): void;
}

/** Order marks by document position of their start. */
function compareMarks(a: Mark, b: Mark): number {
  if (a.range.startContainer === b.range.startContainer) return a.range.startOffset - b.range.startOffset;
  const pos = a.range.startContainer.compareDocumentPosition(b.range.startContainer);
  return pos & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : pos & Node.DOCUMENT_POSITION_PRECEDING ? 1 : 0;
}

let nextId = 1;

function makeRange(doc: Document, r: PhraseRange): StaticRange {
  const StaticRangeCtor = (doc.defaultView ?? globalThis).StaticRange as typeof StaticRange | undefined;
  if (typeof StaticRangeCtor !== 'function') {
    // Very old engines (only the fallback layer runs there): a frozen record of the same shape.
    const collapsed = r.startContainer === r.endContainer && r.startOffset === r.endOffset;
    return Object.freeze({ ...r, collapsed }) as unknown as StaticRange;
  }
  return new StaticRangeCtor({
    startContainer: r.startContainer,
    startOffset: r.startOffset,
    endContainer: r.endContainer,
    endOffset: r.endOffset,
  });
}

/**
 * One live Range per document, reused for every look at a phrase (issue #7). A live Range is
 * updated by the browser on every DOM change of the page until it is garbage collected
 * (`detach()` does nothing): one made per mark and per look (a full scan checks every mark's
 * text) left hundreds alive, each a cost on the page's own DOM work (../shared/BROWSERS.md).
 * Between uses it is collapsed at the document's start, holding no page node.
 */
const scratchRanges = new WeakMap<Document, Range>();

/** `use(range)` with the scratch Range set to `r`; `fallback` when `r` no longer fits the DOM. */
export function withRange<T>(doc: Document, r: AbstractRange | PhraseRange, use: (range: Range) => T, fallback: T): T {
  let range = scratchRanges.get(doc);
  if (!range) {
    range = doc.createRange();
    scratchRanges.set(doc, range);
  }
  try {
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    return use(range);
  } catch {
    return fallback; // the nodes were removed or changed under us
  } finally {
    range.setStart(doc, 0);
    range.collapse(true);
  }
}

/** Client rects of a static range (through the scratch Range). */
export function staticRangeRects(doc: Document, r: AbstractRange): DOMRect[] {
  return withRange(doc, r, (live) => [...live.getClientRects()].filter((x) => x.width > 0 && x.height > 0), []);
}

/** The text nodes a phrase range covers (through the scratch Range). */
export function textNodesOf(doc: Document, r: AbstractRange): Text[] {
  if (r.startContainer === r.endContainer) return r.startContainer.nodeType === Node.TEXT_NODE ? [r.startContainer as Text] : [];
  return withRange(doc, r, (range) => {
    const out: Text[] = [];
    const walker = doc.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (range.intersectsNode(n)) out.push(n as Text);
    return out;
  }, []);
}

/** How far beyond the viewport, above and below, marks stay registered (in viewport heights). */
export const VIEWPORT_MARGIN = 1.5;

/** The element whose box stands for a mark's place on the page: its start's element. */
function anchorOf(m: Mark): Element | null {
  const n = m.range.startContainer;
  return n.nodeType === Node.ELEMENT_NODE ? (n as Element) : n.parentElement;
}

/**
 * Insert `batch` (in document order, as the orchestrator produces it) into `list` (in
 * document order): one binary search per new mark, from where the previous one went, instead
 * of re-sorting everything with compareDocumentPosition on each add.
 */
export function mergeInOrder<T>(list: readonly T[], batch: readonly T[], compare: (a: T, b: T) => number): T[] {
  if (batch.length === 0) return list.slice();
  let sorted = true;
  for (let i = 1; i < batch.length && sorted; i++) if (compare(batch[i - 1]!, batch[i]!) > 0) sorted = false;
  const items = sorted ? batch : [...batch].sort(compare);
  if (list.length === 0) return items.slice();
  // Common case: everything new comes after what is there.
  if (compare(list[list.length - 1]!, items[0]!) <= 0) return list.concat(items);
  const out: T[] = [];
  let from = 0;
  for (const x of items) {
    // First position in list[from..] whose element comes after x (equal positions: new after old).
    let lo = from;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(list[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(list[i]!);
    out.push(x);
    from = lo;
  }
  for (let i = from; i < list.length; i++) out.push(list[i]!);
  return out;
}

export interface LayerOptions {
  forceFallback?: boolean;
  /** Tests: the IntersectionObserver to use (default: the page window's; none → every mark registered). */
  intersectionObserver?: typeof IntersectionObserver | null;
}

/**
 * The marks layer through the CSS Custom Highlight API.
 *
 * Only marks near the viewport (VIEWPORT_MARGIN screens above and below) are registered in the
 * highlights: the browser re-walks every registered range after each DOM change (PrePaint),
 * so that cost must not grow with marks far off-screen (issue #7, measured: hundreds of
 * registered ranges made a page appending a paragraph per frame spend half its main thread
 * there). An IntersectionObserver on the marks' elements registers and unregisters them as the
 * reader scrolls; `reveal` registers one at once (keyboard navigation to an off-screen mark).
 * `all()` is every mark, registered or not (the popup's list, navigation).
 */
function highlightLayer(doc: Document, opts: LayerOptions): MarkLayer {
  const win = doc.defaultView!;
  const claim = new win.Highlight();
  const denial = new win.Highlight();
  // A denial painted above a claim where both overlap.
  claim.priority = 0;
  denial.priority = 1;
  win.CSS.highlights.set(HIGHLIGHT_CLAIM, claim);
  win.CSS.highlights.set(HIGHLIGHT_DENIAL, denial);
  let marks: Mark[] = [];
  /** Registered marks (painted). */
  const registered = new Set<Mark>();
  /** Text node → registered marks covering it (WeakMap: a node the page drops takes its entry with it). */
  let byNode = new WeakMap<Node, Mark[]>();
  const nodesOf = new Map<Mark, Text[]>();
  /** Element → its marks (observed while it has any). */
  const byElement = new Map<Element, Mark[]>();
  const elementOf = new Map<Mark, Element>();

  function register(m: Mark): void {
    if (registered.has(m)) return;
    registered.add(m);
    (m.kind === 'denial' ? denial : claim).add(m.range);
    const nodes = textNodesOf(doc, m.range);
    nodesOf.set(m, nodes);
    for (const n of nodes) {
      const list = byNode.get(n);
      if (list) list.push(m);
      else byNode.set(n, [m]);
    }
  }

  function unregister(m: Mark): void {
    if (!registered.delete(m)) return;
    (m.kind === 'denial' ? denial : claim).delete(m.range);
    for (const n of nodesOf.get(m) ?? []) {
      const list = byNode.get(n)?.filter((x) => x !== m);
      if (list?.length) byNode.set(n, list);
      else byNode.delete(n);
    }
    nodesOf.delete(m);
  }

  const IO = opts.intersectionObserver === undefined ? (win.IntersectionObserver as typeof IntersectionObserver | undefined) : opts.intersectionObserver;
  const io = typeof IO === 'function'
    ? new IO((entries) => {
        for (const e of entries) {
          const list = byElement.get(e.target);
          if (!list) continue;
          // A box of no size (display: contents) tells nothing: paint rather than miss.
          const unknown = e.boundingClientRect.width === 0 && e.boundingClientRect.height === 0;
          if (e.isIntersecting || unknown) for (const m of list) register(m);
          else for (const m of list) unregister(m);
        }
      }, { rootMargin: `${VIEWPORT_MARGIN * 100}% 0px` })
    : null;

  const layer: MarkLayer = {
    usesHighlights: true,
    add(specs) {
      const added: Mark[] = [];
      for (const s of specs) {
        const kind = markKind(s.matches);
        const mark: Mark = { id: nextId++, kind, matches: s.matches, range: makeRange(doc, s.range), text: s.text };
        added.push(mark);
        const el = anchorOf(mark);
        if (!io || !el) {
          register(mark);
          continue;
        }
        elementOf.set(mark, el);
        const list = byElement.get(el);
        if (list) {
          // An element already observed: follow its current state (a sibling painted → near).
          if (list.some((x) => registered.has(x))) register(mark);
          list.push(mark);
        } else {
          // A new element: the observer's first report (next frame, from the layout the browser
          // does anyway) paints it if near. No layout read here: it would force one mid-change.
          byElement.set(el, [mark]);
          io.observe(el);
        }
      }
      marks = mergeInOrder(marks, added, compareMarks);
      return added;
    },
    remove(gone) {
      const set = new Set(gone);
      for (const m of gone) {
        unregister(m);
        const el = elementOf.get(m);
        elementOf.delete(m);
        if (!el) continue;
        const list = byElement.get(el)?.filter((x) => x !== m);
        if (list?.length) byElement.set(el, list);
        else {
          byElement.delete(el);
          io?.unobserve(el);
        }
      }
      marks = marks.filter((m) => !set.has(m));
    },
    clear() {
      claim.clear();
      denial.clear();
      io?.disconnect();
      marks = [];
      registered.clear();
      byNode = new WeakMap();
      nodesOf.clear();
      byElement.clear();
      elementOf.clear();
    },
    all: () => marks,
    registered: () => registered.size,
    reveal(m) {
      if (marks.includes(m)) register(m);
    },
    marksAt: (node) => byNode.get(node) ?? [],
    rects: (m) => staticRangeRects(doc, m.range),
    isOurs: () => false,
    destroy() {
      layer.clear();
      // Only delete the registry entries if they are still ours.
      if (win.CSS.highlights.get(HIGHLIGHT_CLAIM) === claim) win.CSS.highlights.delete(HIGHLIGHT_CLAIM);
      if (win.CSS.highlights.get(HIGHLIGHT_DENIAL) === denial) win.CSS.highlights.delete(HIGHLIGHT_DENIAL);
    },
  };
  return layer;
}

/** A random custom-element name, new per page life: `x-` + 16 hex digits. */
export function randomElementName(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `x-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** One wrapped piece of a text node: enough to put the original node back exactly. */
interface Wrap {
  /** The original text node (kept, shortened to the part before the phrase). */
  original: Text;
  wrapper: HTMLElement;
  /** The text node moved inside the wrapper. */
  middle: Text;
  /** The text after the phrase, split off the original, if any. */
  tail: Text | null;
}

const STYLES: Record<MarkKind, [prop: string, value: string][]> = {
  claim: [['text-decoration', 'underline solid 2px'], ['text-decoration-color', '#1a73e8'], ['text-underline-offset', '3px'], ['background-color', 'rgba(26, 115, 232, 0.12)']],
  denial: [['text-decoration', 'underline dashed 2px'], ['text-decoration-color', '#c5221f'], ['text-underline-offset', '3px'], ['background-color', 'rgba(197, 34, 31, 0.10)']],
};

/**
 * The fallback layer for browsers without the Highlight API: wraps the phrase's text in
 * custom elements. Removing marks restores every text node it split, newest first.
 */
function wrapperLayer(doc: Document): MarkLayer {
  const name = randomElementName();
  let marks: Mark[] = [];
  /** Wraps in creation order, per mark. */
  let wraps: { mark: Mark; pieces: Wrap[] }[] = [];

  function wrapText(node: Text, start: number, end: number, kind: MarkKind): Wrap | null {
    if (start >= end || !node.parentNode) return null;
    const original = node;
    // The original node keeps the text before the phrase (or, at offset 0, is the phrase itself).
    const middle = start > 0 ? original.splitText(start) : original;
    const tail = end - start < middle.length ? middle.splitText(end - start) : null;
    const wrapper = doc.createElement(name);
    for (const [p, v] of STYLES[kind]) wrapper.style.setProperty(p, v, 'important');
    middle.parentNode!.insertBefore(wrapper, middle);
    wrapper.appendChild(middle);
    return { original, wrapper, middle, tail };
  }

  function unwrap(w: Wrap): void {
    if (w.original === w.middle) {
      // The original node is inside the wrapper: move it back and merge the tail into it.
      w.wrapper.parentNode?.insertBefore(w.original, w.wrapper);
      w.wrapper.remove();
      if (w.tail) {
        w.original.appendData(w.tail.data);
        w.tail.remove();
      }
      return;
    }
    w.original.appendData(w.middle.data + (w.tail ? w.tail.data : ''));
    w.wrapper.remove();
    w.tail?.remove();
  }

  /** Text nodes of a phrase range with the offsets inside each. */
  function pieces(r: PhraseRange): [Text, number, number][] {
    const out: [Text, number, number][] = [];
    if (r.startContainer === r.endContainer && r.startContainer.nodeType === Node.TEXT_NODE) {
      return [[r.startContainer as Text, r.startOffset, r.endOffset]];
    }
    const range = doc.createRange();
    range.setStart(r.startContainer, r.startOffset);
    range.setEnd(r.endContainer, r.endOffset);
    const walker = doc.createTreeWalker(range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!range.intersectsNode(n)) continue;
      const t = n as Text;
      const s = t === r.startContainer ? r.startOffset : 0;
      const e = t === r.endContainer ? r.endOffset : t.length;
      if (e > s) out.push([t, s, e]);
    }
    range.detach();
    return out;
  }

  function applyAll(specs: { mark: Mark; spec: PhraseRange }[]): void {
    for (const { mark, spec } of specs) {
      const done: Wrap[] = [];
      // Wrap from the last piece backwards so earlier offsets stay valid.
      for (const [t, s, e] of pieces(spec).reverse()) {
        const w = wrapText(t, s, e, mark.kind);
        if (w) done.push(w);
      }
      wraps.push({ mark, pieces: done });
    }
  }

  /** Specs of live marks, re-derived from their wrappers (text nodes) for re-application. */
  const specOf = new Map<Mark, PhraseRange>();

  const layer: MarkLayer = {
    usesHighlights: false,
    add(specs) {
      // Undo everything, then wrap old and new together from a clean page (exact restores).
      const keep = marks.map((m) => ({ mark: m, spec: specOf.get(m)! }));
      layer.clear();
      const added = specs.map((s) => {
        const mark: Mark = { id: nextId++, kind: markKind(s.matches), matches: s.matches, range: makeRange(doc, s.range), text: s.text };
        specOf.set(mark, s.range);
        return { mark, spec: s.range };
      });
      const all = keep.concat(added);
      for (const x of all) specOf.set(x.mark, x.spec);
      // Wrap later phrases first so earlier boundary offsets stay valid.
      const ordered = [...all].sort((a, b) => compareMarks(b.mark, a.mark));
      applyAll(ordered);
      marks = all.map((x) => x.mark).sort(compareMarks);
      return added.map((x) => x.mark);
    },
    remove(gone) {
      const set = new Set(gone);
      const keep = marks.filter((m) => !set.has(m)).map((m) => ({ mark: m, spec: specOf.get(m)! }));
      layer.clear();
      for (const x of keep) specOf.set(x.mark, x.spec);
      applyAll([...keep].sort((a, b) => compareMarks(b.mark, a.mark)));
      marks = keep.map((x) => x.mark).sort(compareMarks);
    },
    clear() {
      for (let i = wraps.length - 1; i >= 0; i--) {
        const pcs = wraps[i]!.pieces;
        for (let j = pcs.length - 1; j >= 0; j--) unwrap(pcs[j]!);
      }
      wraps = [];
      marks = [];
      specOf.clear();
    },
    all: () => marks,
    registered: () => marks.length,
    reveal: () => undefined,
    rects(mark) {
      const w = wraps.find((x) => x.mark === mark);
      if (!w) return [];
      return w.pieces.flatMap((p) => [...p.wrapper.getClientRects()]).filter((x) => x.width > 0 && x.height > 0);
    },
    marksAt(node) {
      for (let n: Node | null = node; n; n = n.parentNode) {
        if (n.nodeName.toLowerCase() === name) {
          const w = wraps.find((x) => x.pieces.some((p) => p.wrapper === n));
          return w ? [w.mark] : [];
        }
      }
      return [];
    },
    isOurs: (node) => node.nodeName.toLowerCase() === name,
    destroy: () => layer.clear(),
  };
  return layer;
}

/** The mark layer for `doc`: highlights where the browser has them, else wrapping. */
export function createMarkLayer(doc: Document, opts: LayerOptions = {}): MarkLayer {
  const win = doc.defaultView;
  const hasHighlights = !!win && typeof win.Highlight === 'function' && !!win.CSS && 'highlights' in win.CSS;
  return hasHighlights && !opts.forceFallback ? highlightLayer(doc, opts) : wrapperLayer(doc);
}
