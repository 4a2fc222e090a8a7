/**
 * The card's host (issue #5): one element with a CLOSED shadow root, in which Preact renders
 * the card. The host exists only while a card is open (so the page's DOM is untouched
 * otherwise), carries a random custom-element name, and resets itself with inline
 * `!important` declarations that no page stylesheet can outrank.
 *
 * Placement: beside the phrase (below its last line, or above when there is no room),
 * kept inside the viewport, following scroll and resize in animation frames; a pinned card
 * stays where it is. A polite live region announces the claim for screen readers.
 */
import { render } from 'preact';
import { createElement } from 'preact';
import type { ClaimCardModel } from '../core/card.ts';
import { t } from '../platform/i18n.ts';
import { ClaimCard } from '../ui/card/ClaimCard.tsx';
import { CARD_CSS } from '../ui/card/card-css.ts';
import { randomElementName } from './marks.ts';

export interface ShowOptions {
  /** Move focus into the card (keyboard path); focus returns on close. */
  focus: boolean;
}

export interface CardHost {
  /** Open (or replace) the card for `models`, placed beside `anchor()`'s rects. */
  show(models: ClaimCardModel[], anchor: () => DOMRect[], opts: ShowOptions): void;
  hide(opts?: { restoreFocus?: boolean }): void;
  readonly open: boolean;
  readonly pinned: boolean;
  /** True when an event's target is our host (events inside a closed root are retargeted to it). */
  isHostTarget(target: EventTarget | null): boolean;
  /** The open card's visible text ('' when closed), for the popup and tests. */
  text(): string;
  /** True for any host element this card host ever created (the observer ignores them). */
  owns(node: Node | EventTarget | null): boolean;
  /** Called when the card closes (Escape, close button, or hide()). */
  onClose: (() => void) | null;
  destroy(): void;
}

/** Gap between the phrase and the card, and between the card and the viewport's edges. */
const GAP = 8;
const MARGIN = 8;

/** Inline host reset: beats any page rule (inline + important), keeps the host out of layout. */
const HOST_STYLE: [string, string][] = [
  ['all', 'initial'],
  ['position', 'fixed'],
  ['top', '0'],
  ['left', '0'],
  ['width', '0'],
  ['height', '0'],
  ['margin', '0'],
  ['padding', '0'],
  ['border', '0'],
  ['overflow', 'visible'],
  ['display', 'block'],
  ['visibility', 'visible'],
  ['opacity', '1'],
  ['transform', 'none'],
  ['z-index', '2147483647'],
  ['pointer-events', 'none'],
];

/** Where to put a card of `size` beside `rects` inside a `viewport`; flips above near the bottom. */
export function placeCard(
  rects: readonly { top: number; bottom: number; left: number; right: number }[],
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): { top: number; left: number; side: 'below' | 'above' } {
  const first = rects[0];
  const last = rects[rects.length - 1];
  if (!first || !last) return { top: MARGIN, left: Math.max(MARGIN, viewport.width - size.width - MARGIN), side: 'below' };
  const spaceBelow = viewport.height - last.bottom - GAP - MARGIN;
  const spaceAbove = first.top - GAP - MARGIN;
  let side: 'below' | 'above' = spaceBelow >= size.height || spaceBelow >= spaceAbove ? 'below' : 'above';
  let top = side === 'below' ? last.bottom + GAP : first.top - GAP - size.height;
  const anchorLeft = side === 'below' ? last.left : first.left;
  let left = anchorLeft;
  left = Math.min(left, viewport.width - size.width - MARGIN);
  left = Math.max(left, MARGIN);
  // Keep it inside the viewport even when neither side has room (the card then scrolls inside).
  top = Math.min(Math.max(top, MARGIN), Math.max(MARGIN, viewport.height - size.height - MARGIN));
  if (side === 'above' && top + size.height > first.top) side = 'below';
  return { top: Math.round(top), left: Math.round(left), side };
}

export function createCardHost(doc: Document, signal: AbortSignal): CardHost {
  const win = doc.defaultView!;
  const name = randomElementName();
  let host: HTMLElement | null = null;
  let shadow: ShadowRoot | null = null;
  let mount: HTMLElement | null = null;
  let live: HTMLElement | null = null;
  let models: ClaimCardModel[] = [];
  let anchor: () => DOMRect[] = () => [];
  let pinned = false;
  let open = false;
  let returnFocus: Element | null = null;
  let frame = 0;
  let reattached = false;
  let listeners: AbortController | null = null;
  const hosts = new WeakSet<object>();

  /** The page removed our host twice: no more cards in this page life (issue #8). */
  let gaveUp = false;
  let removalWatch: MutationObserver | null = null;

  /**
   * A page that removes elements it does not know (some frameworks and "cleaners" do) gets
   * our host put back once; if it removes it again we stop showing cards on this page rather
   * than fight it (the marks stay).
   */
  function watchRemoval(parent: Node): void {
    removalWatch?.disconnect();
    removalWatch = new win.MutationObserver(() => {
      if (!host || host.isConnected || !open) return;
      if (!reattached) {
        reattached = true;
        parent.appendChild(host);
        return;
      }
      gaveUp = true;
      api.hide();
    });
    removalWatch.observe(parent, { childList: true });
  }

  function ensureHost(): boolean {
    if (gaveUp) return false;
    if (host && host.isConnected) return true;
    if (host && !host.isConnected) {
      // Removed while closed-then-reopened: put it back, counted as the one re-attachment.
      if (reattached) {
        gaveUp = true;
        return false;
      }
      reattached = true;
      const parent = doc.body ?? doc.documentElement;
      parent.append(host);
      watchRemoval(parent);
      return true;
    }
    host = doc.createElement(name);
    hosts.add(host);
    for (const [p, v] of HOST_STYLE) host.style.setProperty(p, v, 'important');
    shadow = host.attachShadow({ mode: 'closed' });
    adoptStyles(shadow);
    live = doc.createElement('div');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('style', 'position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap');
    mount = doc.createElement('div');
    shadow.append(live, mount);
    const parent = doc.body ?? doc.documentElement;
    parent.append(host);
    watchRemoval(parent);
    return true;
  }

  function adoptStyles(root: ShadowRoot): void {
    try {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(CARD_CSS);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox content scripts cannot always hand a constructed sheet to a page-world root.
    }
    const style = doc.createElement('style');
    style.textContent = CARD_CSS;
    root.append(style);
  }

  function card(): HTMLElement | null {
    return mount?.querySelector<HTMLElement>('.cl-card') ?? null;
  }

  function draw(): void {
    if (!mount) return;
    render(
      createElement(ClaimCard, {
        models,
        pinned,
        idPrefix: name,
        t,
        onPin: (p: boolean) => {
          pinned = p;
          draw();
        },
        onClose: () => api.hide({ restoreFocus: true }),
      }),
      mount,
    );
  }

  function position(): void {
    frame = 0;
    const el = card();
    if (!el || !open) return;
    if (pinned) return; // a pinned card stays where the reader left it
    const rects = anchor();
    const vw = doc.documentElement.clientWidth || win.innerWidth;
    const vh = win.innerHeight;
    const size = el.getBoundingClientRect();
    const p = placeCard(rects, { width: size.width, height: size.height }, { width: vw, height: vh });
    el.style.setProperty('top', `${p.top}px`);
    el.style.setProperty('left', `${p.left}px`);
    el.dataset['side'] = p.side;
  }

  function schedule(): void {
    if (!frame) frame = win.requestAnimationFrame(position);
  }

  const api: CardHost = {
    onClose: null,
    get open() {
      return open;
    },
    get pinned() {
      return pinned;
    },
    show(next, nextAnchor, opts) {
      if (signal.aborted || !ensureHost()) return;
      models = next;
      anchor = nextAnchor;
      const wasOpen = open;
      open = true;
      if (!wasOpen) pinned = false;
      draw();
      position();
      if (!listeners) {
        listeners = new AbortController();
        const o = { capture: true, passive: true, signal: AbortSignal.any([signal, listeners.signal]) };
        win.addEventListener('scroll', schedule, o);
        win.addEventListener('resize', schedule, o);
      }
      if (live) {
        const text = next.map((m) => m.claim).join(' ');
        live.textContent = '';
        // A fresh text node after a tick makes screen readers announce it.
        win.setTimeout(() => {
          if (live && open) live.textContent = `claimlens: known claim. ${text}`;
        }, 50);
      }
      if (opts.focus) {
        if (!wasOpen) returnFocus = doc.activeElement;
        card()?.focus({ preventScroll: true });
      }
    },
    hide(opts = {}) {
      if (!open) return;
      open = false;
      pinned = false;
      listeners?.abort();
      listeners = null;
      if (frame) win.cancelAnimationFrame(frame);
      frame = 0;
      removalWatch?.disconnect();
      removalWatch = null;
      if (mount) render(null, mount);
      host?.remove();
      host = null;
      shadow = null;
      mount = null;
      live = null;
      const back = returnFocus;
      returnFocus = null;
      if (opts.restoreFocus && back instanceof win.HTMLElement && back.isConnected) back.focus({ preventScroll: true });
      api.onClose?.();
    },
    isHostTarget: (target) => host !== null && target === host,
    text: () => (open ? (card()?.textContent ?? '') : ''),
    owns: (node) => node !== null && hosts.has(node),
    destroy() {
      api.hide();
    },
  };
  signal.addEventListener('abort', () => api.hide(), { once: true });
  return api;
}
