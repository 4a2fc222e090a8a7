/**
 * The page's changes (issue #5, #7): the MutationObserver and its queue, for the orchestrator
 * (app.ts). The observer callback only queues (uBlock Origin's way: no work inside it); a
 * rescan later takes the queue in budgeted slices, as the outermost changed blocks to read
 * again, or as one full scan when there is too much to sort out.
 *
 *   MutationObserver ──► queueRecords (ours dropped; new containers watched) ──► onQueued
 *   rescan ──► takeFull() or takeRoots() (queued nodes → nearest blocks → outermost ones)
 */
import type { Mark } from './marks.ts';
import { CHROME_TAGS, SKIP_TAGS } from './page-text.ts';
import type { Slicer } from './slices.ts';

/** Queued mutation targets beyond which a full rescan is cheaper than sorting them out. */
const MAX_QUEUED = 5000;
/** Changed blocks per rescan beyond which a full rescan is cheaper. */
const MAX_BLOCKS_PER_RESCAN = 200;

const BLOCKISH = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TD', 'TH', 'BLOCKQUOTE', 'ARTICLE', 'SECTION', 'DIV', 'MAIN', 'BODY', 'DD', 'DT', 'PRE', 'FIGURE']);

/** The nearest block element at or above `node` (a loop up the parents: no recursion, any depth). */
function nearestBlock(node: Node): Element | null {
  for (let n: Node | null = node.nodeType === 1 ? node : node.parentNode; n; n = n.parentNode) {
    if (n.nodeType === 1 && BLOCKISH.has((n as Element).tagName.toUpperCase())) return n as Element;
  }
  return null;
}

export interface ChangeQueueDeps {
  doc: Document;
  win: Window & typeof globalThis;
  /** The page life's slicer: the callback is a slice of its own; taking the queue yields. */
  slicer: Slicer;
  /** Our own UI (the card host): never watched, its changes never queued. */
  ownsUi(node: Node): boolean;
  /** Our own mark nodes (the wrapping fallback): adding or removing them is no page change. */
  isOurs(node: Node): boolean;
  /** Records were queued (the orchestrator schedules a rescan when there is work). */
  onQueued(): void;
}

export interface ChangeQueue {
  /** Start watching the page's containers. */
  watchContainers(): void;
  /** Watch a marked phrase's text nodes for edits in place. */
  watchText(mark: Mark): void;
  /** The observer's records not yet delivered (taken around our own DOM changes). */
  takeRecords(): MutationRecord[];
  /** Queue the page's changes of `records` (what the observer callback does). */
  queueRecords(records: MutationRecord[]): void;
  /** There is something to rescan. */
  pending(): boolean;
  /** Ask for a full scan at the next rescan (the URL changed). */
  requestFull(): void;
  /** A full scan was asked for: true once, and the queue is emptied. */
  takeFull(): boolean;
  /**
   * The outermost blocks holding the queued changes, in slices; the queue is emptied. Null
   * when a full scan is cheaper (the body itself changed, or too many blocks).
   */
  takeRoots(): Promise<Element[] | null>;
  /** Stop watching and forget the queue (the page life ended). */
  disconnect(): void;
}

export function createChangeQueue(deps: ChangeQueueDeps): ChangeQueue {
  const { doc, win, slicer } = deps;
  const queued = new Set<Node>();
  let needFull = false;

  function queueRecords(records: MutationRecord[]): void {
    for (const r of records) {
      if (r.type === 'childList' && (r.target === doc.body || r.target === doc.documentElement)) watchAdded(r);
      if (needFull) continue; // a full rescan is coming: nothing to sort out
      if (deps.ownsUi(r.target)) continue;
      if (r.type === 'childList') {
        let onlyOurs = true;
        for (const n of r.addedNodes) if (!deps.ownsUi(n) && !deps.isOurs(n)) onlyOurs = false;
        for (const n of r.removedNodes) if (!deps.ownsUi(n) && !deps.isOurs(n)) onlyOurs = false;
        if (onlyOurs && (r.addedNodes.length || r.removedNodes.length)) continue;
        for (const n of r.addedNodes) queued.add(n);
        if (r.removedNodes.length) queued.add(r.target);
      } else {
        queued.add(r.target);
      }
      if (queued.size > MAX_QUEUED) {
        // Too many changes to sort out one by one: read the page again, once.
        queued.clear();
        needFull = true;
      }
    }
    deps.onQueued();
  }

  /** The outermost of `blocks` (none inside another), by a walk up each one's parents. */
  async function outermost(blocks: Set<Element>): Promise<Element[] | null> {
    const roots: Element[] = [];
    for (const b of blocks) {
      let inner = false;
      for (let p = b.parentNode; p; p = p.parentNode) {
        if (blocks.has(p as Element)) {
          inner = true;
          break;
        }
      }
      if (!inner) roots.push(b);
      if (roots.length > MAX_BLOCKS_PER_RESCAN) return null;
      if (slicer.outOfTime()) await slicer.yield();
    }
    return roots;
  }

  async function takeRoots(): Promise<Element[] | null> {
    const blocks = new Set<Element>();
    for (const n of queued) {
      if (n.isConnected) {
        const b = nearestBlock(n);
        if (b) blocks.add(b);
      }
      if (slicer.outOfTime()) await slicer.yield();
    }
    queued.clear();
    return blocks.has(doc.body) || blocks.has(doc.documentElement) ? null : await outermost(blocks);
  }

  /**
   * What the observer watches (issue #7: every record it asks for costs the page's own DOM
   * work; measured, 200 splitText + 1,000 appends on a 200 KB page: 1.39× slower with a
   * childList subtree watch on the whole document, 2.03× with characterData as well):
   * - added and removed nodes (childList, subtree) under each child of <body> whose text we
   *   read: not under page chrome (header, nav, aside, footer at body level) nor scripts, which
   *   the text reader skips anyway;
   * - <body>'s own children (and <html>'s, for a replaced body): a new container is watched
   *   from then on, and queued, so its content is read even if it was filled in the same task;
   * - text edited in place only where we marked it (watchText), not everywhere.
   */
  function watchContainers(): void {
    const body = doc.body;
    if (!body) {
      observer.observe(doc.documentElement, { childList: true, subtree: true });
      return;
    }
    observer.observe(doc.documentElement, { childList: true });
    observer.observe(body, { childList: true });
    for (let c = body.firstElementChild; c; c = c.nextElementSibling) watchContainer(c);
  }

  function watchContainer(el: Element): void {
    const tag = el.tagName.toUpperCase();
    if (SKIP_TAGS.has(tag) || CHROME_TAGS.has(tag) || deps.ownsUi(el)) return;
    observer.observe(el, { childList: true, subtree: true });
  }

  /** A body- or document-level change: watch new containers (a new body: all again). */
  function watchAdded(r: MutationRecord): void {
    if (r.target === doc.documentElement) {
      for (const n of r.addedNodes) if (n === doc.body) watchContainers();
    } else if (r.target === doc.body) {
      for (const n of r.addedNodes) if (n.nodeType === 1) watchContainer(n as Element);
    }
  }

  /** A marked phrase's text nodes edited in place: a rescan drops or moves the mark. */
  function watchText(m: Mark): void {
    const { startContainer: a, endContainer: b } = m.range;
    if (a.nodeType === Node.TEXT_NODE) observer.observe(a, { characterData: true });
    if (b !== a && b.nodeType === Node.TEXT_NODE) observer.observe(b, { characterData: true });
  }

  // The observer callback only queues (a slice of its own, measured like the rest).
  const observer = new win.MutationObserver((records) => {
    slicer.begin();
    queueRecords(records);
    slicer.end();
  });

  return {
    watchContainers,
    watchText,
    takeRecords: () => observer.takeRecords(),
    queueRecords,
    pending: () => queued.size > 0 || needFull,
    requestFull: () => {
      needFull = true;
    },
    takeFull: () => {
      if (!needFull) return false;
      needFull = false;
      queued.clear();
      return true;
    },
    takeRoots,
    disconnect: () => {
      observer.disconnect();
      queued.clear();
    },
  };
}
