/**
 * Hover (issue #5): which mark is under the pointer, with no element of ours on the page.
 *
 * pointermove only records the point; one hit-test runs per animation frame:
 * caretPositionFromPoint (Firefox, Chromium ≥ 128; else caretRangeFromPoint) gives the text
 * node under the pointer, the marks of that node are the candidates, and a candidate is hit
 * when one of its client rects contains the point (the caret snaps to the nearest character,
 * so the rect check stops a pointer in the margin from counting). The card opens after a short
 * intent delay on the same mark, and closes after a grace period once the pointer has left
 * both the mark and the card (unless pinned).
 */
import type { Mark } from './marks.ts';

export interface HoverOptions {
  /** Resting time on a mark before its card opens. */
  intentDelayMs: number;
  /** Time after leaving mark and card before an unpinned card closes. */
  closeDelayMs: number;
}

export const DEFAULT_HOVER: HoverOptions = { intentDelayMs: 250, closeDelayMs: 400 };

export interface HoverDeps {
  doc: Document;
  signal: AbortSignal;
  /** Marks whose phrase includes `node` (a text node). */
  marksAt(node: Node): readonly Mark[];
  rects(mark: Mark): DOMRect[];
  /** True when the pointer is over our card. */
  overCard(target: EventTarget | null): boolean;
  open(mark: Mark): void;
  /** Close the card if it is open for hover (not pinned, not keyboard). */
  close(): void;
  options?: Partial<HoverOptions>;
}

/** The text node and offset under a viewport point, in either browser's API. */
export function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

function inside(r: DOMRect, x: number, y: number): boolean {
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
}

export function watchHover(deps: HoverDeps): { current(): Mark | null } {
  const { doc, signal } = deps;
  const win = doc.defaultView!;
  const opts = { ...DEFAULT_HOVER, ...deps.options };
  let x = 0;
  let y = 0;
  let target: EventTarget | null = null;
  let frame = 0;
  let hovered: Mark | null = null;
  let openTimer = 0;
  let closeTimer = 0;

  function hitTest(): Mark | null {
    const caret = caretAt(doc, x, y);
    if (!caret) return null;
    for (const m of deps.marksAt(caret.node)) {
      if (deps.rects(m).some((r) => inside(r, x, y))) return m;
    }
    return null;
  }

  function tick(): void {
    frame = 0;
    if (signal.aborted) return;
    if (deps.overCard(target)) {
      win.clearTimeout(closeTimer);
      closeTimer = 0;
      return;
    }
    const hit = hitTest();
    if (hit !== hovered) {
      hovered = hit;
      win.clearTimeout(openTimer);
      openTimer = 0;
      if (hit) openTimer = win.setTimeout(() => hovered === hit && deps.open(hit), opts.intentDelayMs);
    }
    if (hit) {
      win.clearTimeout(closeTimer);
      closeTimer = 0;
    } else if (!closeTimer) {
      closeTimer = win.setTimeout(() => {
        closeTimer = 0;
        if (!hovered) deps.close();
      }, opts.closeDelayMs);
    }
  }

  win.addEventListener(
    'pointermove',
    (e: PointerEvent) => {
      x = e.clientX;
      y = e.clientY;
      target = e.target;
      if (!frame) frame = win.requestAnimationFrame(tick);
    },
    { capture: true, passive: true, signal },
  );
  signal.addEventListener('abort', () => {
    if (frame) win.cancelAnimationFrame(frame);
    win.clearTimeout(openTimer);
    win.clearTimeout(closeTimer);
  }, { once: true });
  return { current: () => hovered };
}
