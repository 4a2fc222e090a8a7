/**
 * Content-script entry, one classic script per page (http/https, top frame, document_idle).
 * Wiring only; each step lives in its own module:
 *
 *   1. hello   → background answers with the extension version (proves the channel works)
 *   2. find    → the known claims in the page text (spotting, issue #4; marks + card, issue #5)
 *   3. report  → background records what this tab holds, for the popup and the tests
 *
 * Nothing is put on the page's `window` or DOM here: the page must not be able to see or
 * steer us. State goes to the background, which extension pages can query.
 */
import './bench-probe.ts'; // first: in bench builds it marks the script's start (no-op otherwise)
import { CS_TO_BG } from '../messaging/protocol.ts';
import { sendToBackground } from '../messaging/send.ts';
import { startOnPage } from './wiring.ts';
import { runOnPageWithSettings } from './settings-client.ts';

async function run(): Promise<void> {
  const { version } = await sendToBackground({ type: CS_TO_BG.hello });
  // Marks, card, keyboard and live updates (issue #5); it reports what it finds itself.
  // Issue #6: started, stopped and restarted by the reader's settings (pause per site, datasets).
  runOnPageWithSettings(version, () => startOnPage(version));
}

run().catch((err: unknown) => {
  // A content script must never break the page: log and stop.
  console.warn('claimlens:', err instanceof Error ? err.message : err);
});
