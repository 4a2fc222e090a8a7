/**
 * A page's visible text as one string, with an exact map back to (text node, offset), and
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
 * `text` so words never run together. Inline elements (a, em, span, b …) don't split.
 */

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

export interface PageText {
  text: string;
  /** Sorted offsets in `text` where a block ends. */
  blockBreaks: number[];
  /** Text nodes in document order, with the offset in `text` where each starts. */
  nodes: Text[];
  starts: number[];
}

export interface PageTextOptions {
  /** Extra hidden test (display:none, our own UI). Return true to skip the subtree. */
  isHidden?: (el: Element) => boolean;
  /** Keep nav/aside/footer/header/figcaption (default false: they are skipped). */
  keepChrome?: boolean;
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

/** Read `root`'s visible text (see the module comment for the rules). */
export function extractPageText(root: Node, opts: PageTextOptions = {}): PageText {
  const doc = root.ownerDocument ?? (root as Document);
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  const blockBreaks: number[] = [];
  let length = 0;
  let lastChar = '\n';
  const breakBlock = (): void => {
    if (length === 0) return;
    if (blockBreaks[blockBreaks.length - 1] !== length) blockBreaks.push(length);
    if (lastChar !== '\n') {
      parts.push('\n');
      length += 1;
      lastChar = '\n';
      blockBreaks[blockBreaks.length - 1] = length;
    }
  };
  const SHOW_ELEMENT = 0x1;
  const SHOW_TEXT = 0x4;
  const walker = doc.createTreeWalker(root, SHOW_ELEMENT | SHOW_TEXT, {
    acceptNode(node: Node): number {
      // FILTER_REJECT (2) skips the whole subtree.
      return node.nodeType === 1 && skipElement(node as Element, opts) ? 2 : 1;
    },
  });
  // Block ends: when the walk leaves a block element. Track the open blocks on a stack.
  const open: Node[] = [];
  const closeUntil = (node: Node): void => {
    while (open.length > 0 && !open[open.length - 1]!.contains(node)) {
      open.pop();
      breakBlock();
    }
  };
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    closeUntil(node);
    if (node.nodeType === 1) {
      const tag = (node as Element).tagName.toUpperCase();
      if (BLOCK_TAGS.has(tag)) {
        breakBlock();
        if (tag !== 'BR' && tag !== 'HR') open.push(node);
      }
      continue;
    }
    const data = (node as Text).data;
    if (data.length === 0) continue;
    nodes.push(node as Text);
    starts.push(length);
    parts.push(data);
    length += data.length;
    lastChar = data[data.length - 1]!;
  }
  while (open.length > 0) {
    open.pop();
    breakBlock();
  }
  return { text: parts.join(''), blockBreaks, nodes, starts };
}

/**
 * The text node and offset inside it for an offset in `page.text`. An offset on a
 * separator that we added (a block's "\n") maps to the end of the node before it.
 */
export function locateOffset(page: PageText, offset: number): { node: Text; offset: number } | null {
  const { starts, nodes } = page;
  if (nodes.length === 0) return null;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  const node = nodes[lo]!;
  const inside = Math.max(0, Math.min(offset - starts[lo]!, node.data.length));
  return { node, offset: inside };
}
