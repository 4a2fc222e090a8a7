/**
 * Builds the extension once before the end-to-end tests, so they always drive the current
 * source (and a broken build fails them). The build goes to a fresh temporary directory, so
 * test runs never clobber the dist/ someone has loaded in a browser, nor each other's.
 * Set CLAIMLENS_E2E_DIST=dist to test an existing build instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildExtension } from '../../scripts/build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The directory holding the built `chrome/` and `firefox/` extensions under test. */
    extensionDist: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const given = process.env['CLAIMLENS_E2E_DIST'];
  if (given) {
    project.provide('extensionDist', resolve(given));
    return () => {};
  }
  const dir = mkdtempSync(join(tmpdir(), 'claimlens-e2e-'));
  await buildExtension(join(dir, 'dist'));
  project.provide('extensionDist', join(dir, 'dist'));
  return () => rmSync(dir, { recursive: true, force: true });
}
