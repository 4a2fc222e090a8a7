/**
 * The content script's side of the reader's settings (issue #6). It decides whether the page
 * is marked at all, and restarts the marking when the settings or the datasets change:
 *
 *   start ─► get-settings (background) ─► paused here? ── yes ─► report "paused", mark nothing
 *                                                        └─ no ──► start() (the orchestrator)
 *   bg-to-cs/settings ─► paused now? stop() (marks and card go) │ resumed? start()
 *                        revision changed (datasets)? stop() + start() (fetches the new index)
 *                        appearance ─► one constructed stylesheet for the ::highlight marks
 *
 * The orchestrator (app.ts) stays unaware of settings; `currentAppearance()` gives it the hover
 * delay and the denial switch when it wants them.
 */
import { appearanceOf, pausedBy, type Appearance } from '../core/settings.ts';
import type { SettingsPayload } from '../messaging/protocol.ts';
import { CS_TO_BG, parseBgSettingsMessage } from '../messaging/wire.ts';
import { getRuntime, sendToBackground } from './runtime.ts';

export interface Stoppable {
  stop(): void;
}

export interface SettingsClientDeps {
  doc: Document;
  /** The page's host name. */
  host: string;
  getSettings(): Promise<SettingsPayload>;
  /** Subscribe to messages from the background; returns the unsubscribe. */
  onBackgroundMessage(handler: (raw: unknown) => Promise<unknown> | undefined): () => void;
  /** Start marking the page (the orchestrator). */
  start(): Stoppable;
  /** Tell the background that the page is paused (nothing marked: the badge clears). */
  reportPaused(): void;
}

export interface SettingsClient {
  readonly ready: Promise<void>;
  /** Whether the page is being marked now. */
  running(): boolean;
  currentAppearance(): Appearance | null;
  stop(): void;
}

const ALPHA: Record<Appearance['strength'], [number, number]> = {
  // [background alpha, underline alpha]
  subtle: [0.05, 0.55],
  normal: [0.12, 0.85],
  strong: [0.24, 1],
};

/** The ::highlight rules for an appearance (background or underline, and how strong). */
export function appearanceCss(a: Appearance): string {
  const [bg, line] = ALPHA[a.strength];
  const rule = (name: string, rgb: string, dash: string): string =>
    a.markStyle === 'background'
      ? `::highlight(${name}) { background-color: rgba(${rgb}, ${bg * 2.2}); text-decoration: none; }`
      : `::highlight(${name}) { background-color: rgba(${rgb}, ${bg / 2}); text-decoration: underline ${dash} rgba(${rgb}, ${line}) ${a.strength === 'strong' ? 3 : 2}px; text-underline-offset: 3px; }`;
  return `${rule('claimlens-claim', '26, 115, 232', 'solid')}\n${rule('claimlens-denial', '213, 94, 0', 'dashed')}`;
}

/**
 * Applies the appearance with one constructed stylesheet (CSSOM: not blocked by a page's CSP,
 * no element added). Best effort: where a browser refuses it, content.css's defaults stay.
 */
function createStyler(doc: Document): { apply(a: Appearance): void; remove(): void } {
  let sheet: CSSStyleSheet | null = null;
  return {
    apply(a) {
      try {
        const win = doc.defaultView as (Window & typeof globalThis) | null;
        if (!win || typeof win.CSSStyleSheet !== 'function') return;
        if (!sheet) {
          sheet = new win.CSSStyleSheet();
          doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
        }
        sheet.replaceSync(appearanceCss(a));
      } catch {
        sheet = null;
      }
    },
    remove() {
      try {
        if (sheet) doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
      } catch {
        // the page replaced adoptedStyleSheets: nothing of ours to remove
      }
      sheet = null;
    },
  };
}

export function runWithSettings(deps: SettingsClientDeps): SettingsClient {
  let app: Stoppable | null = null;
  let revision: string | null = null;
  let appearance: Appearance | null = null;
  let stopped = false;
  const styler = createStyler(deps.doc);

  function apply(p: SettingsPayload): void {
    if (stopped) return;
    appearance = appearanceOf(p.settings);
    styler.apply(appearance);
    const paused = pausedBy(p.settings, deps.host) !== null;
    const changedData = revision !== null && revision !== p.revision;
    revision = p.revision;
    if (paused) {
      if (app) {
        app.stop();
        app = null;
      }
      deps.reportPaused();
      return;
    }
    if (app && changedData) {
      app.stop();
      app = null;
    }
    app ??= deps.start();
  }

  const unsubscribe = deps.onBackgroundMessage((raw) => {
    const msg = parseBgSettingsMessage(raw);
    if (!msg) return undefined;
    apply({ settings: msg.settings, revision: msg.revision });
    return Promise.resolve({ ok: true });
  });

  const ready = deps.getSettings().then(apply, (err: unknown) => {
    // Without settings, mark as by default rather than not at all.
    console.warn('claimlens: settings unavailable:', err instanceof Error ? err.message : err);
    if (!stopped) app ??= deps.start();
  });

  return {
    ready,
    running: () => app !== null,
    currentAppearance: () => appearance,
    stop() {
      stopped = true;
      unsubscribe();
      app?.stop();
      app = null;
      styler.remove();
    },
  };
}

/**
 * The browser wiring: settings from the background, its broadcasts through the runtime, and a
 * paused report tagged with the extension's `version` (the hello's answer, content/index.ts).
 * `start` is the orchestrator's start (content/wiring.ts startOnPage).
 */
export function runOnPageWithSettings(version: Promise<string>, start: () => Stoppable): SettingsClient {
  return runWithSettings({
    doc: document,
    host: location.hostname,
    getSettings: () => sendToBackground({ type: CS_TO_BG.getSettings }),
    onBackgroundMessage(handler) {
      const listener = (raw: unknown): Promise<unknown> | undefined => handler(raw);
      getRuntime().addListener(listener);
      return () => getRuntime().removeListener(listener);
    },
    start,
    reportPaused() {
      version.then((v) => sendToBackground({ type: CS_TO_BG.report, version: v, found: [], paused: true })).catch(() => undefined);
    },
  });
}
