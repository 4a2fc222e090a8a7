/**
 * Content-script entry, one classic script per page (http/https, top frame, document_idle).
 * Wiring only; each step lives in its own module. Nothing waits on a round trip before the
 * page is read (issue #7): at script start, at once and concurrently,
 *
 *   hello        → background answers with the extension version (proves the channel; reports carry it)
 *   get-settings → is this site paused? which datasets? (settings-client.ts)
 *   read the page (app.ts: extraction starts now, while both replies are on their way)
 *
 * and the page text goes to the background (spot) only once the settings say the site is
 * not paused; if it is, the early start is stopped and nothing was sent. Then marks, card and
 * reports (app.ts). Nothing is put on the page's `window` or DOM here: the page must not be
 * able to see or steer us. State goes to the background, which extension pages can query.
 */
import { benchMark } from './bench-probe.ts'; // first: in bench builds it marks the script's start (no-op otherwise)
import { CS_TO_BG } from '../messaging/wire.ts';
import { sendToBackground } from './runtime.ts';
import type { App } from './app.ts';
import { startOnPage } from './wiring.ts';
import { runOnPageWithSettings } from './settings-client.ts';

function warn(err: unknown): void {
  // A content script must never break the page: log and stop.
  console.warn('claimlens:', err instanceof Error ? err.message : err);
}

const version = sendToBackground({ type: CS_TO_BG.hello }).then((r) => r.version);
version.catch(warn);

/** Resolves true once the settings let this page be marked, false when they pause it. */
let decide: (go: boolean) => void = () => undefined;
const gate = new Promise<boolean>((resolve) => (decide = resolve));
/** The app started before the settings arrived; adopted by the settings client's first start. */
let early: App | null = null;

try {
  const client = runOnPageWithSettings(version, () => {
    benchMark('settings');
    const app = early;
    early = null;
    decide(true);
    return app && !app.signal.aborted ? app : startOnPage(version);
  });
  early = startOnPage(version, gate);
  void client.ready.then(() => {
    // Paused on arrival: the early start never sent anything; stop it (marks nothing).
    decide(false);
    early?.stop();
    early = null;
  });
} catch (err) {
  warn(err);
}
