/**
 * `npm run package` (after `npm run build`): store-ready zips in artifacts/.
 *   artifacts/claimlens-chrome-<version>.zip   dist/chrome, for the Chrome Web Store
 *   artifacts/claimlens-firefox-<version>.zip  dist/firefox, through `web-ext build`, for AMO
 * web-ext zips any unpacked extension; both go through it so the two zips are made alike.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, DIST, ROOT } from './paths.ts';
import { TARGETS } from './manifest.ts';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const webExt = join(ROOT, 'node_modules/.bin/web-ext');

for (const target of TARGETS) {
  const filename = `claimlens-${target}-${version}.zip`;
  execFileSync(
    webExt,
    ['build', '--source-dir', join(DIST, target), '--artifacts-dir', ARTIFACTS, '--filename', filename, '--overwrite-dest', '--no-config-discovery'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  console.log(`artifacts/${filename}`);
}
