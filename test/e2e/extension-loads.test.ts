/**
 * The first end-to-end test, in both browsers: the built extension loads, its content script
 * runs on the demo news page, says hello to the background and gets the version back, and
 * reports; an extension page reads that report back through the protocol.
 */
import { describe, expect, inject, it } from 'vitest';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { BROWSERS, INSTALL_HINT, chromiumPath, firefoxPath, useExtensionBrowser } from './harness.ts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe.each(BROWSERS)('%s', (kind) => {
  it('is installed', () => {
    // Fails (with the install hint) rather than skipping when the browser is missing.
    const path = kind === 'chromium' ? chromiumPath() : firefoxPath();
    expect(existsSync(path), `${path} missing: ${INSTALL_HINT}`).toBe(true);
  });

  describe('with the extension', () => {
    const ctx = useExtensionBrowser(kind);

    it('runs the content script on the demo page, the background answers it, and it finds known claims', async () => {
      expect(await ctx.tabStates()).toEqual([]);
      const page = await ctx.openDemo();
      try {
        expect(await page.title()).toContain('The Daily Demo');
        const states = await ctx.waitForTabStates();
        expect(states).toHaveLength(1);
        // `version` is what the content script received in the background's hello reply.
        expect(states[0]!.version).toBe(pkg.version);
        // It ships the compiled dataset and finds known claims on the demo page: each one a claim
      // of the dataset in the build under test.
      const shipped = JSON.parse(readFileSync(join(inject('extensionDist'), kind === 'chromium' ? 'chrome' : 'firefox', 'dataset.json'), 'utf8')) as {
        claims: { id: string }[];
      };
      const known = new Set(shipped.claims.map((c) => c.id));
      const found = states[0]!.found.map((f) => f.claimId);
      expect(found.length).toBeGreaterThan(0);
      expect(found.filter((id) => !known.has(id))).toEqual([]);
        // The page sees nothing of ours on its window.
        const leaked = await page.evaluate(() => Object.keys(window).filter((k) => /claimlens/i.test(k)));
        expect(leaked).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('shows the popup and options pages, with their text from the locale catalogue', async () => {
      const messages = JSON.parse(readFileSync('extension/_locales/en/messages.json', 'utf8')) as Record<string, { message: string }>;
      for (const [path, heading] of [
        ['popup.html', messages['popupHeading']!.message],
        ['options.html', messages['optionsHeading']!.message],
      ] as const) {
        const page = await ctx.openExtensionPage(path);
        try {
          await page.waitForSelector('h1');
          expect(await page.$eval('h1', (h) => h.textContent)).toBe(heading);
        } finally {
          await page.close();
        }
      }
    });
  });
});
