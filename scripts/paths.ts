/** Where things are in the repo, for the build, start and test scripts. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
export const DIST = join(ROOT, 'dist');
export const ARTIFACTS = join(ROOT, 'artifacts');
