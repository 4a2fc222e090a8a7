/**
 * Launch real Chromium or Firefox with the built extension loaded, through puppeteer-core and
 * the system browsers (never a downloaded one). Used by `npm start` and the end-to-end tests.
 *
 * Chromium: CDP over a pipe, `enableExtensions` + `browser.installExtension(dir)`
 *   (`Extensions.loadUnpacked`; works in Debian's Chromium and in branded Chrome alike).
 * Firefox: WebDriver BiDi, `browser.installExtension(dir)` installs a temporary add-on.
 *   Its moz-extension:// UUID is random per profile; we pin it with the
 *   `extensions.webextensions.uuids` pref so our extension pages have a known address, and
 *   pass `--remote-allow-system-access` so BiDi may open them.
 * Recipes and flags: ../shared/BROWSERS.md (as root Chromium needs --no-sandbox).
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReply, UI_TO_BG, type Reply, type TabState, type UiToBgMessage } from '../src/messaging/protocol.ts';
import { DIST } from './paths.ts';

export type BrowserKind = 'chromium' | 'firefox';

export const INSTALL_HINT = 'apt-get install -y chromium firefox-esr';

/** Chromium flags for running as root on a headless, offline machine (BROWSERS.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Firefox prefs: no network chatter from the browser itself. */
const FIREFOX_PREFS: Record<string, unknown> = {
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'extensions.getAddons.cache.enabled': false,
};

/** The fixed moz-extension UUID of claimlens in browsers we launch (any UUID would do). */
export const FIREFOX_EXTENSION_UUID = '7c1a1e5e-c1a1-4e05-9c1a-000000c1a1e5';

function executable(kind: BrowserKind): string {
  const fromEnv = kind === 'chromium' ? process.env['CHROMIUM_PATH'] : process.env['FIREFOX_PATH'];
  const candidates = fromEnv ? [fromEnv] : kind === 'chromium' ? ['/usr/bin/chromium'] : ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `${kind === 'chromium' ? 'Chromium' : 'Firefox'} not found (looked for ${candidates.join(', ')}). ` +
        `Install the browsers: ${INSTALL_HINT}` +
        ` (or set ${kind === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'} to the executable).`,
    );
  }
  return found;
}

export const chromiumPath = (): string => executable('chromium');
export const firefoxPath = (): string => executable('firefox');

export interface LaunchOptions {
  headless: boolean;
  /** The unpacked extension; default dist/chrome or dist/firefox. */
  extensionDir?: string;
  /** Window / viewport size. */
  width?: number;
  height?: number;
}

export interface ExtensionBrowser {
  kind: BrowserKind;
  browser: Browser;
  /** The id the browser gave the extension. */
  extensionId: string;
  /** Base URL of our extension pages: `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionBase: string;
  /** A new tab with the given viewport. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

function geckoId(dir: string): string {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = m.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${dir}/manifest.json: no browser_specific_settings.gecko.id`);
  return id;
}

export async function launchWithExtension(kind: BrowserKind, opts: LaunchOptions): Promise<ExtensionBrowser> {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 900;
  const dir = opts.extensionDir ?? join(DIST, kind === 'chromium' ? 'chrome' : 'firefox');
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`${dir}/manifest.json missing: run \`npm run build\` first`);

  let browser: Browser;
  let extensionBase: string;
  let extensionId: string;
  if (kind === 'chromium') {
    browser = await puppeteer.launch({
      executablePath: chromiumPath(),
      headless: opts.headless,
      pipe: true,
      enableExtensions: true,
      defaultViewport: null,
      args: [...CHROMIUM_ARGS, `--window-size=${width},${height}`],
    });
    extensionId = await browser.installExtension(dir);
    extensionBase = `chrome-extension://${extensionId}/`;
  } else {
    const id = geckoId(dir);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: firefoxPath(),
      headless: opts.headless,
      defaultViewport: null,
      // Lets WebDriver BiDi open our moz-extension:// pages (otherwise refused as unsafe URLs),
      // so a test can ask the background through an extension page, as the popup does.
      args: [`--width=${width}`, `--height=${height}`, '--remote-allow-system-access'],
      extraPrefsFirefox: { ...FIREFOX_PREFS, 'extensions.webextensions.uuids': JSON.stringify({ [id]: FIREFOX_EXTENSION_UUID }) },
    });
    extensionId = await browser.installExtension(dir);
    extensionBase = `moz-extension://${FIREFOX_EXTENSION_UUID}/`;
  }
  return {
    kind,
    browser,
    extensionId,
    extensionBase,
    async newPage() {
      const page = await browser.newPage();
      // Firefox does not apply a default viewport to new tabs (BROWSERS.md).
      await page.setViewport({ width, height });
      return page;
    },
    async close() {
      await browser.close();
    },
  };
}

/**
 * Send a message to the background from one of our own extension pages, as the popup does,
 * and return its validated reply. Nothing is read from or injected into the web page.
 */
export async function sendFromExtensionPage<M extends UiToBgMessage>(eb: ExtensionBrowser, message: M): Promise<Reply<M>> {
  const page = await openExtensionPage(eb, 'popup.html');
  try {
    const raw = await page.evaluate(async (m: unknown) => {
      type SendMessage = (m: unknown) => Promise<unknown>;
      const g = globalThis as unknown as Record<'browser' | 'chrome', { runtime: { sendMessage: SendMessage } } | undefined>;
      return (g.browser ?? g.chrome)!.runtime.sendMessage(m);
    }, message);
    return parseReply(message, raw);
  } finally {
    await page.close();
  }
}

/** What the background recorded for each tab (`ui-to-bg/get-tab-states`). */
export async function readTabStates(eb: ExtensionBrowser): Promise<TabState[]> {
  return (await sendFromExtensionPage(eb, { type: UI_TO_BG.getTabStates })).tabs;
}

/** Poll the background until some tab has reported (the content script ran and was answered). */
export async function waitForTabStates(eb: ExtensionBrowser, timeoutMs = 15_000): Promise<TabState[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tabs = await readTabStates(eb);
    if (tabs.length > 0) return tabs;
    if (Date.now() > deadline) throw new Error(`${eb.kind}: no tab reported to the background within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A new tab showing one of our extension pages (`popup.html`, `options.html` …), loaded. */
export async function openExtensionPage(eb: ExtensionBrowser, path: string, timeoutMs = 10_000): Promise<Page> {
  const page = await eb.newPage();
  const url = eb.extensionBase + path;
  if (eb.kind === 'chromium') {
    await page.goto(url);
    return page;
  }
  // Firefox moves the tab into the extension process; puppeteer's BiDi navigation then reports
  // the frame as detached although the page loads. Start the navigation, then wait for the page.
  page.goto(url).catch(() => {});
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await page
      .evaluate((u: string) => location.href === u && document.readyState === 'complete', url)
      .catch(() => false);
    if (ready) return page;
    if (Date.now() > deadline) {
      await page.close().catch(() => {});
      throw new Error(`firefox: ${url} did not load within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
