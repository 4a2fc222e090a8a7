/**
 * `npm start`: build, serve the demo news page on 127.0.0.1, and open it in a real browser
 * with the extension loaded.
 *
 *   npm start                     Chromium, with a window (headless, with a note, when there is no display)
 *   npm start -- --firefox        the same in Firefox
 *   npm start -- --headless       no window: prints the claims the extension found on the demo
 *                                 page (asked from its background) and writes a screenshot
 *   --no-build                    reuse dist/ as it is
 *   --screenshot PATH             where the headless run writes its PNG (default artifacts/demo-<browser>.png)
 */
import { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { UI_TO_BG, type TabState } from '../src/messaging/protocol.ts';
import { launchWithExtension, sendFromExtensionPage, waitForTabStates, type BrowserKind, type ExtensionBrowser } from './browsers.ts';
import { buildExtension } from './build.ts';
import { serveDemo } from './demo-server.ts';
import { ARTIFACTS, ROOT } from './paths.ts';

interface StartOptions {
  firefox?: boolean;
  headless?: boolean;
  build: boolean;
  screenshot?: string;
}

const opts = new Command()
  .name('npm start --')
  .description('Build claimlens and open the demo news page in a real browser with the extension loaded.')
  .option('--firefox', 'use Firefox instead of Chromium')
  .option('--headless', 'no window: print the claims found and write a screenshot')
  .option('--no-build', 'reuse dist/ as it is')
  .option('--screenshot <path>', 'where the headless run writes its PNG')
  .parse(process.argv)
  .opts<StartOptions>();

const kind: BrowserKind = opts.firefox ? 'firefox' : 'chromium';
let headless = Boolean(opts.headless);
if (!headless && process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
  console.log('claimlens: no display here (DISPLAY is unset), so running headless; see the screenshot below.');
  headless = true;
}

/**
 * Open the card of the first found claim before the screenshot: ask the background, as the
 * popup would, to move the demo tab to its first mark (`ui-to-bg/navigate-claims`), which opens
 * the card (issue #5). False when nothing was found or no card opened.
 */
async function openFirstClaimCard(eb: ExtensionBrowser, state: TabState | undefined): Promise<boolean> {
  if (!state || state.found.length === 0) return false;
  try {
    const reply = await sendFromExtensionPage(eb, { type: UI_TO_BG.navigateClaims, tabId: state.tabId, direction: 'next' });
    return reply.opened;
  } catch (err) {
    console.warn(`claimlens: could not open a claim card: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
}

function printFound(state: TabState | undefined, url: string): void {
  const found = state?.found ?? [];
  console.log(`claimlens ${state?.version ?? '?'} found ${found.length} known claim${found.length === 1 ? '' : 's'} on ${url}`);
  for (const f of found) console.log(`  - ${f.claimId} [${f.stance}, ${f.score.toFixed(2)}] “${f.phrase}”`);
}

async function runHeadless(eb: ExtensionBrowser, url: string): Promise<void> {
  const page = await eb.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const states = await waitForTabStates(eb);
  // Only the demo tab runs our content script (extension pages are not http pages).
  const state = states.at(-1);
  printFound(state, url);
  const cardOpen = await openFirstClaimCard(eb, state);
  if (cardOpen) await page.bringToFront();
  // Let the card finish rendering.
  if (cardOpen) await new Promise((r) => setTimeout(r, 300));
  const shot = opts.screenshot ?? join(ARTIFACTS, `demo-${kind}.png`);
  mkdirSync(dirname(shot), { recursive: true });
  await page.screenshot({ path: shot as `${string}.png` });
  console.log(`screenshot${cardOpen ? ' (claim card open)' : ''}: ${relative(ROOT, shot) || shot}`);
}

async function runWindowed(eb: ExtensionBrowser, url: string): Promise<void> {
  const [first] = await eb.browser.pages();
  const page = first ?? (await eb.newPage());
  await page.goto(url);
  console.log(`claimlens: ${kind} is open on ${url} with the extension loaded. Close the browser or press Ctrl+C to stop.`);
  await new Promise<void>((resolve) => {
    eb.browser.once('disconnected', () => resolve());
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function main(): Promise<void> {
  if (opts.build) await buildExtension();
  const server = await serveDemo();
  let eb: ExtensionBrowser | undefined;
  try {
    eb = await launchWithExtension(kind, { headless });
    await (headless ? runHeadless(eb, server.url) : runWindowed(eb, server.url));
  } finally {
    await eb?.close().catch(() => {});
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(`claimlens start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
