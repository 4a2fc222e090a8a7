/**
 * Shared end-to-end harness: one browser with the built extension per test file (Firefox
 * takes ~4 s to start), one local server for the fixtures, both closed after the file.
 *
 *   const ctx = useExtensionBrowser('firefox');
 *   it('…', async () => { const page = await ctx.openDemo(); … });
 *
 * A missing browser fails the tests with the install hint (never a silent skip).
 */
import { afterAll, beforeAll, inject } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import {
  launchWithExtension,
  openExtensionPage,
  readTabStates,
  waitForTabStates,
  type BrowserKind,
  type ExtensionBrowser,
} from '../../scripts/browsers.ts';
import { serveDemo, type DemoServer } from '../../scripts/demo-server.ts';
import type { TabState } from '../../src/messaging/protocol.ts';

export { INSTALL_HINT, chromiumPath, firefoxPath } from '../../scripts/browsers.ts';
export type { BrowserKind } from '../../scripts/browsers.ts';

export const BROWSERS: readonly BrowserKind[] = ['chromium', 'firefox'];

export interface ExtensionContext {
  readonly eb: ExtensionBrowser;
  readonly server: DemoServer;
  /** A new tab on the demo news page (or `path` under test/fixtures/), loaded. */
  openDemo(path?: string): Promise<Page>;
  /** A new tab on one of our extension pages. */
  openExtensionPage(path: string): Promise<Page>;
  /** What the background recorded per tab. */
  tabStates(): Promise<TabState[]>;
  /** Wait until some tab has reported to the background. */
  waitForTabStates(timeoutMs?: number): Promise<TabState[]>;
}

export function useExtensionBrowser(kind: BrowserKind): ExtensionContext {
  let eb: ExtensionBrowser | undefined;
  let server: DemoServer | undefined;
  beforeAll(async () => {
    server = await serveDemo();
    const dir = join(inject('extensionDist'), kind === 'chromium' ? 'chrome' : 'firefox');
    eb = await launchWithExtension(kind, { headless: true, extensionDir: dir });
  });
  afterAll(async () => {
    await eb?.close().catch(() => {});
    await server?.close();
  });
  const need = (): { eb: ExtensionBrowser; server: DemoServer } => {
    if (!eb || !server) throw new Error(`${kind} with the extension did not start (see the beforeAll error)`);
    return { eb, server };
  };
  return {
    get eb() {
      return need().eb;
    },
    get server() {
      return need().server;
    },
    async openDemo(path = '') {
      const { eb, server } = need();
      const page = await eb.newPage();
      await page.goto(server.url + path, { waitUntil: 'load' });
      return page;
    },
    openExtensionPage: (path) => openExtensionPage(need().eb, path),
    tabStates: () => readTabStates(need().eb),
    waitForTabStates: (timeoutMs) => waitForTabStates(need().eb, timeoutMs),
  };
}
