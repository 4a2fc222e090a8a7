/**
 * Binds the orchestrator (app.ts) to the extension: the typed messages to the background and
 * the background's messages to this tab. Kept apart from app.ts so app.ts stays testable
 * with fakes.
 */
import { CS_TO_BG } from '../messaging/wire.ts';
import { getRuntime, sendToBackground } from './runtime.ts';
import { SLICE_MS, startApp, type App } from './app.ts';
import { yieldToPage } from './slices.ts';

/**
 * Start marking this page. `version`: the one the background sends in its hello reply (may
 * still be in flight: only reports need it). `gate`: when given, no page text is sent to the
 * background before it resolves, and none at all if it resolves to false (the reader paused
 * this site) — so the page can be read while the settings are still on their way (issue #7).
 */
export function startOnPage(version: string | Promise<string>, gate?: Promise<boolean>): App {
  /** The gate's answer once it came (null before): an open gate sends at once, in the caller's slice. */
  let open: boolean | null = gate ? null : true;
  void gate?.then((go) => (open = go), () => (open = false));
  // Pieces read before the gate opened are sent when it opens, in order, yielding to the page
  // between bursts of SLICE_MS (a 5 MB page read early is hundreds of pieces).
  let turn: Promise<void> = Promise.resolve();
  let burst = -1;
  const paced = (): Promise<void> =>
    (turn = turn.then(async () => {
      if (burst >= 0 && performance.now() - burst > SLICE_MS) {
        await yieldToPage(window);
        burst = -1;
      }
      if (burst < 0) burst = performance.now();
    }));
  return startApp({
    doc: document,
    spot: async (piece) => {
      if (open === null && gate) {
        await gate;
        await paced();
      }
      if (!open) return null;
      const { text, blockBreaks, request, seq, last } = piece;
      return (await sendToBackground({ type: CS_TO_BG.spot, text, blockBreaks, piece: { request, seq, last } })).matches;
    },
    getCards: async (claims) => (await sendToBackground({ type: CS_TO_BG.getClaimCards, claims })).cards,
    report: (found, info) => {
      Promise.resolve(version)
        .then((v) => sendToBackground({ type: CS_TO_BG.report, version: v, found, capped: info?.capped ?? 0, ...(info?.work ? { work: info.work } : {}) }))
        .catch((err: unknown) => {
          console.warn('claimlens: report failed:', err instanceof Error ? err.message : err);
        });
    },
    onBackgroundMessage(handler) {
      // Only our background can reach runtime.onMessage of a content script; still, the
      // handler validates every message (protocol.parseBgToCs).
      const listener = (raw: unknown): Promise<unknown> | undefined => handler(raw);
      getRuntime().addListener(listener);
      return () => getRuntime().removeListener(listener);
    },
  });
}
