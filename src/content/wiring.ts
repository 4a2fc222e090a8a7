/**
 * Binds the orchestrator (app.ts) to the extension: the typed messages to the background and
 * the background's messages to this tab. Kept apart from app.ts so app.ts stays testable
 * with fakes.
 */
import { browser } from '../platform/browser.ts';
import { CS_TO_BG } from '../messaging/protocol.ts';
import { sendToBackground } from '../messaging/send.ts';
import { startApp, type App } from './app.ts';

/** Start marking this page; `version` is the one the background sent in its hello reply. */
export function startOnPage(version: string): App {
  return startApp({
    doc: document,
    spot: async (text, blockBreaks) => (await sendToBackground({ type: CS_TO_BG.spot, text, blockBreaks: [...blockBreaks] })).matches,
    getCards: async (claims) => (await sendToBackground({ type: CS_TO_BG.getClaimCards, claims })).cards,
    report: (found, info) => {
      sendToBackground({ type: CS_TO_BG.report, version, found, capped: info?.capped ?? 0 }).catch((err: unknown) => {
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
