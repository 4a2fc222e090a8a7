/**
 * Binds the orchestrator (app.ts) to the extension: the typed messages to the background and
 * the background's messages to this tab. Kept apart from app.ts so app.ts stays testable
 * with fakes.
 */
import { browser } from '../platform/browser.ts';
import { CS_TO_BG } from '../messaging/protocol.ts';
import { sendToBackground } from '../messaging/send.ts';
import { startApp, type App } from './app.ts';

/**
 * Start marking this page. `version`: the one the background sends in its hello reply (may
 * still be in flight: only reports need it). `gate`: when given, no page text is sent to the
 * background before it resolves, and none at all if it resolves to false (the reader paused
 * this site) — so the page can be read while the settings are still on their way (issue #7).
 */
export function startOnPage(version: string | Promise<string>, gate?: Promise<boolean>): App {
  return startApp({
    doc: document,
    spot: async (text, blockBreaks) => {
      if (gate && !(await gate)) return null;
      return (await sendToBackground({ type: CS_TO_BG.spot, text, blockBreaks: [...blockBreaks] })).matches;
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
      browser.runtime.onMessage.addListener(listener);
      return () => browser.runtime.onMessage.removeListener(listener);
    },
  });
}
