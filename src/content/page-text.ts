/**
 * A page's visible text, held in chunks (text-chunks.ts: never one string for the whole page,
 * issue #8), with an exact map back to (text node, offset), and
 * the offsets where block elements end (no sentence crosses them). Runs on any DOM: the
 * browser's, or a lightweight one in Node (happy-dom for `claimlens scan`), so the CLI reduces
 * HTML by exactly the content script's rules.
 *
 * Skipped subtrees:
 * - never text: script, style, noscript, template, textarea, input, select, option, button,
 *   svg, math, iframe, object, canvas, head, title;
 * - hidden: `[hidden]`, `[aria-hidden="true"]`, `[contenteditable]` (the reader's own
 *   writing), and whatever `isHidden(el)` says (the content script passes a computed-style
 *   check for display:none / visibility:hidden and a test for our own UI host);
 * - page chrome, not article text: nav, aside, footer, header *inside* the page (a header
 *   element), figcaption (photo credits and captions), [role=navigation|banner|contentinfo|
 *   complementary]. An article's own `<header>` with its headline is chrome too: headlines
 *   are short and rarely state a claim on their own; a page's `<h1>` outside it is kept.
 *
 * Block elements (p, li, h1–h6, td, th, br, div, article, section, blockquote, …) end a
 * sentence: their end offset is recorded in `blockBreaks`, and a "\n" separates them in
 * the text so words never run together. Inline elements (a, em, span, b …) don't split.
 */
import type { ChunkedText } from './text-chunks.ts';

/** Elements whose text is never read. */
export const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'SVG', 'MATH',
  'IFRAME', 'OBJECT', 'CANVAS', 'HEAD', 'TITLE',
]);
/** Page chrome: navigation, asides, footers, headers, captions. */
export const CHROME_TAGS = new Set(['NAV', 'ASIDE', 'FOOTER', 'HEADER', 'FIGCAPTION']);
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary']);
/** Elements that end a sentence. */
export const BLOCK_TAGS = new Set([
  'P', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TD', 'TH', 'TR', 'TABLE', 'BR', 'HR',
  'DIV', 'ARTICLE', 'SECTION', 'MAIN', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FORM', 'FIELDSET', 'ADDRESS', 'DETAILS',
  'SUMMARY', 'BODY', 'CAPTION', 'LABEL', 'LEGEND',
]);

/**
 * The text in chunks (read it with text-chunks.ts sliceText; wholeText only in Node tools and
 * tests), its block breaks, and its text nodes.
 */
export interface PageText extends ChunkedText {
  length: number;
  /** Sorted offsets in the text where a block ends. */
  blockBreaks: number[];
  /** Where each text node read starts in the text (document order). */
  starts: number[];
  /**
   * The i-th text node read; null when the page changed so that it is not found again. Only
   * every ANCHOR_EVERY-th node is held (see createTextExtractor): the others are found again
   * from it, cheaply when asked in order.
   */
  nodeAt(i: number): Text | null;
}

/**
 * One text node in ANCHOR_EVERY is held by the walk (issue #8). Each node our isolated world
 * holds keeps a wrapper in that world's wrapper map; with all 500,000 text nodes of the
 * million-node page held, Chromium's own bookkeeping of that map made single DOM reads stall
 * for 45–60 ms of CPU (measured: an 8 ms-sliced walk holding every text node ran one 53–60 ms
 * task, no GC in it; holding one in 64 or none, at most 17–24 ms).
 */
export const ANCHOR_EVERY = 16;

export interface PageTextOptions {
  /** Extra hidden test (display:none, our own UI). Return true to skip the subtree. */
  isHidden?: (el: Element) => boolean;
  /** Keep nav/aside/footer/header/figcaption (default false: they are skipped). */
  keepChrome?: boolean;
  /**
   * Read runs of text nodes through one Range (TEXT_RUN_NODES): the content script does, in the
   * browsers. Default false: each node's `data` is read — the same text (the tests compare
   * both), and the way for happy-dom (the CLI), whose Range is far too slow for it (measured:
   * 8,000 paragraphs read in runs took 130 s there, node by node 45 ms).
   */
  readInRuns?: boolean;
}

function skipElement(el: Element, opts: PageTextOptions): boolean {
  const tag = el.tagName.toUpperCase();
  if (SKIP_TAGS.has(tag)) return true;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return true;
  if (!opts.keepChrome) {
    if (CHROME_TAGS.has(tag)) return true;
    const role = el.getAttribute('role');
    if (role !== null && CHROME_ROLES.has(role)) return true;
  }
  return opts.isHidden ? opts.isHidden(el) : false;
}

/**
 * A resumable walk over `root` (issue #8: no task of ours over 50 ms, even on a page of a
 * million nodes or nested 10,000 deep). `step(outOfTime)` reads on until `outOfTime()` says
 * stop (checked every few hundred nodes), and returns 'done', 'paused' or 'lost'. The walk is
 * iterative (firstChild / nextSibling / parentNode, no recursion, no `contains` per node), so
 * depth costs neither stack nor time. Between steps the page may change: 'lost' means the
 * node the walk stood on left `root`, and the caller starts again (changes to nodes already
 * read are the MutationObserver's business, as for any scan).
 */
export interface TextExtractor {
  step(outOfTime: () => boolean): 'done' | 'paused' | 'lost';
  /**
   * The text read so far, in chunks: always the same object, its arrays the walk's own (no copy
   * of half a million offsets per look, and never the whole text joined: on a million-node page
   * it is 5.5 MB, and joining it was a 27–142 ms task). Read before 'done', it grows as the
   * walk goes on: each call makes what was read so far part of it.
   */
  result(): PageText;
  /** Nodes visited so far (elements and text). */
  readonly visited: number;
}

/** Nodes read between two looks at the clock (256 let a step run 35–51 ms on a million-node page: each visibility check costs there). */
const NODES_PER_CHECK = 32;
/**
 * Text pieces joined into one chunk as the walk goes (issue #8): a million small strings
 * kept till the end would be old enough to cost every major GC; joined by the thousand they
 * die young. A chunk ends after PARTS_PER_JOIN pieces or CHUNK_CHARS characters (so it is at
 * most CHUNK_CHARS plus one small text node long; a text node of CHUNK_CHARS or more is a chunk
 * on its own, as the DOM gives it), and the chunks are never joined into one string.
 */
const PARTS_PER_JOIN = 1024;
const CHUNK_CHARS = 1 << 16;
/**
 * Text nodes read in one run (issue #8). Each read of a text node's `data` makes a string for
 * the script in Chromium — a V8 external string entered in Blink's per-isolate string cache —
 * and on the million-node page that was what our long slices were: a CPU profile (100 µs
 * samples) put each 46–119 ms slice on one single DOM call (`data`, and wrapper-making
 * `nextSibling`/`firstChild`), no GC event in it; a bare walk's `data` stalled at its 131,2xxth
 * and 262,4xxth text node (the cache's table doubling) and reading `length` instead took the
 * walk from 0–3 slices over 50 ms a run to none, in both worlds (bench/browser/walk-stalls.ts).
 * So the walk, when asked to (`readInRuns`: the content script), reads each node's `length`
 * only (no string) and takes the text of a run of consecutive text nodes — no skipped subtree
 * between them — in one `Range.toString()`: one string per run instead of one per node.
 * Whatever depends on the text (a block's "\n" goes in only when the text does not end with
 * one) waits in the run's log until the run is read, at the latest when the step returns.
 */
const TEXT_RUN_NODES = 256;

export function createTextExtractor(root: Node, opts: PageTextOptions = {}): TextExtractor {
  /** The chunks so far (each a run of joined parts), then the parts not joined yet. */
  const chunks: string[] = [];
  /** Where each chunk starts in the text. */
  const chunkStarts: number[] = [];
  let parts: string[] = [];
  /** Where the parts not joined yet start. */
  let partsStart = 0;
  const starts: number[] = [];
  /** For each text node, its ordinal in the walk (the `visited` count when it was read) and its length. */
  const ords: number[] = [];
  const lengths: number[] = [];
  /** Every ANCHOR_EVERY-th text node. */
  const anchors: Text[] = [];
  /** Elements the walk did not enter (skipped subtrees), for finding nodes again. */
  const skipped = new Set<Node>();
  const blockBreaks: number[] = [];
  let length = 0;
  /** The walk's next node after `node` (the same moves as step()); null past the end. */
  const nextNode = (node: Node): Node | null => {
    if (node.nodeType === 1 && !skipped.has(node)) {
      const first = node.firstChild;
      if (first) return first;
    }
    for (let x: Node = node; ;) {
      const sib = x.nextSibling;
      if (sib) return sib;
      const up = x.parentNode;
      if (up === null || up === root) return null;
      x = up;
    }
  };
  /** The last node found again, to go on from it when asked in order. */
  let cursor = -1;
  let cursorNode: Node | null = null;
  const nodeAt = (i: number): Text | null => {
    if (!(i >= 0 && i < ords.length)) return null;
    const a = i - (i % ANCHOR_EVERY);
    let at = a;
    let node: Node | null = anchors[a / ANCHOR_EVERY]!;
    if (cursorNode !== null && cursor >= a && cursor <= i) {
      at = cursor;
      node = cursorNode;
    }
    // Replay the walk's moves from there: ords says how many nodes it visited in between.
    for (let k = ords[at]!, target = ords[i]!; k < target && node !== null; k++) node = nextNode(node);
    cursor = i;
    cursorNode = node;
    if (node === null || node.nodeType !== 3 || (node as Text).length !== lengths[i]) {
      cursorNode = null; // the page changed under us: not found again
      return null;
    }
    return node as Text;
  };
  /** What result() gives: the chunks as of the last flush(). */
  const page: PageText = { length: 0, chunks, chunkStarts, blockBreaks, starts, nodeAt };
  /** The parts not joined yet become a chunk. */
  const flush = (): void => {
    if (length > partsStart) {
      chunks.push(parts.length === 1 ? parts[0]! : parts.join(''));
      chunkStarts.push(partsStart);
    }
    parts = [];
    partsStart = length;
    page.length = length;
  };
  let lastChar = '\n';
  let visited = 0;
  /** A text node read: its text joins the parts (a huge one is a chunk of its own). */
  const addText = (node: Text, data: string, ord: number): void => {
    // A huge node (a 5 MB text) is a chunk of its own: no join copies it.
    if (data.length >= CHUNK_CHARS) flush();
    if (starts.length % ANCHOR_EVERY === 0) anchors.push(node);
    starts.push(length);
    ords.push(ord);
    lengths.push(data.length);
    parts.push(data);
    length += data.length;
    if (parts.length >= PARTS_PER_JOIN || length - partsStart >= CHUNK_CHARS) flush();
    lastChar = data[data.length - 1]!;
  };
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  /** One Range for every run (TEXT_RUN_NODES), or null: each node's `data` is read. */
  const range = opts.readInRuns === true && typeof doc?.createRange === 'function' ? doc.createRange() : null;
  /** The run not read yet: its text nodes (with their ordinals), their total length, and its log. */
  const runNodes: Text[] = [];
  const runOrds: number[] = [];
  let runChars = 0;
  /** In walk order: i ≥ 0 the run's i-th node, -1 a block break (which depends on the text before it). */
  const runLog: number[] = [];
  /** Read the run's text in one string and replay its log. */
  const readRun = (): void => {
    if (runNodes.length === 0) return;
    let text: string | null = null;
    if (range !== null && runNodes.length > 1) {
      // Move the end first, after collapsing to the old end: each move compares the new
      // boundary with the other one, and both then lie within what the walk just went over
      // (a start far behind an end would cost a walk over the siblings in between).
      const last = runNodes[runNodes.length - 1]!;
      range.collapse(false);
      range.setEnd(last, last.length);
      range.setStart(runNodes[0]!, 0);
      text = range.toString();
      // Text nodes we do not read (CDATA in XML documents) would be in it: then node by node.
      if (text.length !== runChars) text = null;
    }
    let pos = 0;
    for (const e of runLog) {
      if (e < 0) {
        doBreak();
        continue;
      }
      const node = runNodes[e]!;
      const data = text === null ? node.data : text.slice(pos, pos + node.length);
      pos += data.length;
      addText(node, data, runOrds[e]!);
    }
    runNodes.length = 0;
    runOrds.length = 0;
    runLog.length = 0;
    runChars = 0;
  };
  /** A text node in the walk: into the run (no string made for it yet), or read now. */
  const readText = (node: Text): void => {
    if (range === null) {
      const data = node.data;
      if (data.length > 0) addText(node, data, visited);
      return;
    }
    const len = node.length;
    if (len === 0) return;
    if (len >= CHUNK_CHARS) {
      readRun();
      addText(node, node.data, visited);
      return;
    }
    runLog.push(runNodes.length);
    runNodes.push(node);
    runOrds.push(visited);
    runChars += len;
    if (runNodes.length >= TEXT_RUN_NODES || runChars >= CHUNK_CHARS) readRun();
  };
  /** A block ends: in the run's log while a run waits to be read (it needs the text's last character). */
  const breakBlock = (): void => {
    if (runNodes.length > 0) runLog.push(-1);
    else doBreak();
  };
  const doBreak = (): void => {
    if (length === 0) return;
    if (blockBreaks[blockBreaks.length - 1] !== length) blockBreaks.push(length);
    if (lastChar !== '\n') {
      parts.push('\n');
      length += 1;
      lastChar = '\n';
      blockBreaks[blockBreaks.length - 1] = length;
    }
  };
  /** Leaving an element we entered: a block (not br/hr, broken on entry) ends here. */
  const leave = (el: Node): void => {
    const tag = (el as Element).tagName.toUpperCase();
    if (tag !== 'BR' && tag !== 'HR' && BLOCK_TAGS.has(tag)) breakBlock();
  };
  /** The next node to read; null when the walk is over. */
  let cur: Node | null = root.firstChild;
  let finished = false;
  let closed = false;

  const finish = (): void => {
    finished = true;
    cur = null;
  };

  return {
    get visited() {
      return visited;
    },
    step(outOfTime) {
      if (finished) return 'done';
      // The page ran between steps: the node we stand on must still be inside root.
      if (visited > 0 && cur !== null && !(cur.parentNode && root.contains(cur))) return 'lost';
      let n = 0;
      while (cur !== null) {
        if (++n % NODES_PER_CHECK === 0 && outOfTime()) {
          readRun(); // the page may change before the next step
          return 'paused';
        }
        const node: Node = cur;
        visited++;
        let entered = false;
        if (node.nodeType === 3) {
          readText(node as Text);
        } else if (node.nodeType === 1) {
          if (skipElement(node as Element, opts)) {
            if (node.firstChild) {
              readRun(); // a run's Range would hold the skipped text
              skipped.add(node);
            }
          } else {
            if (BLOCK_TAGS.has((node as Element).tagName.toUpperCase())) breakBlock();
            entered = true;
            const first = node.firstChild;
            if (first) {
              cur = first;
              continue;
            }
          }
        }
        if (entered) leave(node);
        // Next: the sibling, else climb, leaving each ancestor (all were entered), up to root.
        let x: Node = node;
        for (;;) {
          const sib = x.nextSibling;
          if (sib) {
            cur = sib;
            break;
          }
          const up = x.parentNode;
          if (up === null || up === root) {
            finish();
            break;
          }
          leave(up);
          x = up;
        }
      }
      readRun();
      if (!closed) {
        closed = true;
        finish();
      }
      return 'done';
    },
    result() {
      readRun();
      flush();
      return page;
    },
  };
}

/** Longest wait for a rendered frame: a tab in the background renders none (see afterRendering). */
export const RENDER_WAIT_MS = 1000;
/**
 * Elements up to which a page is read at once, rendered or not (issue #7): measured on the
 * benchmark's news pages before their first frame (Chromium, a loaded machine), the first
 * visibility check (which computes the style of a document never rendered) took 0.08–0.41 ms
 * at 1,750 elements, 0.4–17 ms at 8,800, 9–196 ms at 35,000 and 1.5 s at a million nodes
 * (issue #8), while the wait for two frames costs 17–46 ms before the first mark. A bigger
 * page is read after its next rendering.
 */
export const READ_AT_ONCE_MAX_ELEMENTS = 8_000;

/**
 * True when the document has at most READ_AT_ONCE_MAX_ELEMENTS elements: the collection's
 * item past the limit, which both engines find by a walk that stops there, in native code
 * (measured 0.1–0.7 ms on a million nodes; a script TreeWalker to the limit took 0.8–6 ms, and
 * the collection's `length` counts them all: 20–43 ms on a million nodes).
 */
export function smallEnoughToReadNow(doc: Document, max: number = READ_AT_ONCE_MAX_ELEMENTS): boolean {
  try {
    return doc.getElementsByTagName('*').item(max) === null;
  } catch {
    return false;
  }
}

/**
 * Resolves in the first task after the browser has rendered a frame (issue #8) — at once
 * on a small page, whose style costs little to compute (smallEnoughToReadNow, issue #7). Read the page
 * only then: a visibility check (checkVisibility, getComputedStyle) on a document whose style
 * is dirty computes it for the whole document in that one synchronous call — measured, the
 * first check on a page of a million nodes took 200–300 ms in Firefox, a long task of ours
 * doing the browser's own work. After the frame the style is clean and each check costs
 * microseconds. The rAF callback runs just before the frame's style, layout and paint; a
 * timer set there runs after them — but Chromium may run a loading page's first callbacks and
 * then defer that rendering (measured: the timer's check then forced 1.4 s of style on a
 * million nodes), so we wait for the second frame's callbacks, by which time the first frame
 * was rendered. A tab in the background renders no frames: after
 * `maxWaitMs` we read anyway (nobody is looking at that page).
 */
export function afterRendering(win: Window, maxWaitMs: number = RENDER_WAIT_MS): Promise<void> {
  if (smallEnoughToReadNow(win.document)) return Promise.resolve();
  return new Promise((resolve) => {
    let settled = false;
    const go = (): void => {
      if (settled) return;
      settled = true;
      win.clearTimeout(timer);
      resolve();
    };
    const timer = win.setTimeout(go, maxWaitMs);
    // Two frames: a first frame's callbacks may run before a rendering that the browser then
    // defers (Chromium, a page still loading); once the second frame's callbacks run, the first
    // was rendered — its style is computed, and our checks do not force it.
    if (typeof win.requestAnimationFrame === 'function') win.requestAnimationFrame(() => win.requestAnimationFrame(() => win.setTimeout(go, 0)));
  });
}

/** Read `root`'s visible text in one go (see the module comment for the rules). */
export function extractPageText(root: Node, opts: PageTextOptions = {}): PageText {
  const x = createTextExtractor(root, opts);
  x.step(() => false);
  return x.result();
}

/**
 * The text node and offset inside it for an offset in the page's text. An offset on a
 * separator that we added (a block's "\n") maps to the end of the node before it.
 */
export function locateOffset(page: PageText, offset: number): { node: Text; offset: number } | null {
  const { starts } = page;
  if (starts.length === 0) return null;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = page.nodeAt(lo);
  if (node === null) return null;
  // `length`, not `data.length`: in Firefox each read of a text node's `data` copies the whole
  // node (measured: 10 ms for a 5 MB node); `length` costs nothing.
  const inside = Math.max(0, Math.min(offset - starts[lo]!, node.length));
  return { node, offset: inside };
}
