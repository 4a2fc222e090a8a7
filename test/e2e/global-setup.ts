/**
 * Builds the extension once before the end-to-end tests, so they always drive the current
 * source (and a broken build fails them). Set CLAIMLENS_E2E_NO_BUILD=1 to reuse dist/.
 */
import { buildExtension } from '../../scripts/build.ts';

export default async function setup(): Promise<void> {
  if (process.env['CLAIMLENS_E2E_NO_BUILD'] === '1') return;
  await buildExtension();
}
