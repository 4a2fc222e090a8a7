/**
 * `npm run build`: the extension for both browsers, from one source tree.
 *
 *   dist/chrome/   unpacked MV3 extension, background as a service worker
 *   dist/firefox/  the same files, manifest with background.scripts + gecko settings
 *
 * Vite builds, through its JS API:
 *   - content.js     ONE classic script (IIFE): content scripts cannot be ES modules
 *   - background.js  its own IIFE bundle (a classic worker in Chrome, an event page script in Firefox)
 *   - popup.html, options.html   a multi-page build (Preact), ES modules in extension pages
 * then compiles the dataset (data/ → build/dataset.json + build/index.json) and ships it,
 * copies extension/icons and extension/_locales, and writes each browser's manifest
 * (scripts/manifest.ts). It fails when the dataset does not compile, when a file the manifest
 * names is missing, or when the content script is not a classic script.
 */
import { build, type InlineConfig } from 'vite';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesNamedBy, manifestFor, TARGETS } from './manifest.ts';
import { DIST, ROOT } from './paths.ts';
import { assertNoSinks, noHtmlSinks } from './build-hardening.ts';

/** Compiled data that `npm run data` (claimlens dataset build) writes and the extension ships. */
const DATA_FILES = ['dataset.json', 'index.json'];

/**
 * Compile data/ into build/ with `claimlens dataset build` (same as `npm run data`), so every
 * build ships the current dataset. Invalid data fails the build with the dataset errors (file,
 * line, field) that the command prints.
 */
function compileDataset(outDir: string): void {
  try {
    execFileSync(process.execPath, [join(ROOT, 'bin/claimlens.js'), 'dataset', 'build', '--out', outDir], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  } catch {
    throw new Error('the dataset does not compile (errors above); fix data/ or run `npm run data` to see them');
  }
}

export interface BuildOptions {
  /** Directory holding the dataset.json + index.json to ship (default build/); benchmarks ship a synthetic one. */
  dataDir?: string;
  /** Compile-time switch `__CLAIMLENS_BENCH__` (default false): the content script records its slice timings. */
  bench?: boolean;
}

/**
 * Minified bundles (issue #7: the content script is parsed on every page; ≤ 30 KB gzip).
 * No source map ships in the package; for store review (AMO asks for the sources of minified
 * code) submit the repository itself (`git archive HEAD`), which builds with `npm ci && npm run build`.
 */
const MINIFY = true;

const shared: InlineConfig = {
  configFile: false,
  root: ROOT,
  logLevel: 'warn',
  publicDir: false,
  // Library builds leave `process.env.NODE_ENV` alone; a browser has no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  // Issue #8: no HTML sink and no eval probe from library code in our bundles (build-hardening.ts).
  plugins: [noHtmlSinks()],
};

/** One self-contained classic script (IIFE) from one entry. */
async function buildScript(entry: string, fileName: string, outDir: string, bench = false): Promise<void> {
  await build({
    ...shared,
    define: { ...shared.define, __CLAIMLENS_BENCH__: JSON.stringify(bench) },
    build: {
      outDir,
      emptyOutDir: false,
      minify: MINIFY,
      sourcemap: false,
      target: 'es2022',
      lib: { entry: join(ROOT, entry), formats: ['iife'], name: 'claimlens', fileName: () => fileName },
    },
  });
}

async function buildPages(outDir: string): Promise<void> {
  await build({
    ...shared,
    root: join(ROOT, 'extension'),
    base: './',
    build: {
      outDir,
      emptyOutDir: false,
      minify: MINIFY,
      sourcemap: false,
      target: 'es2022',
      // The polyfill would be an inline script, which the extension CSP forbids (and needless).
      modulePreload: { polyfill: false },
      rolldownOptions: {
        input: { popup: join(ROOT, 'extension/popup.html'), options: join(ROOT, 'extension/options.html') },
      },
    },
  });
}

/** A content script runs as a classic script: an `import`/`export` at top level would be a syntax error. */
function assertClassicScript(file: string): void {
  const code = readFileSync(file, 'utf8');
  if (/^\s*(import|export)\s[^(]/m.test(code)) throw new Error(`${file}: not a classic script (has import/export)`);
}

/** Build both extensions into `outDir` (default dist/), replacing what was there. */
export async function buildExtension(outDir: string = DIST, opts: BuildOptions = {}): Promise<void> {
  const started = performance.now();
  const chrome = join(outDir, 'chrome');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(chrome, { recursive: true });

  await buildScript('src/content/index.ts', 'content.js', chrome, opts.bench ?? false);
  await buildScript('src/background/index.ts', 'background.js', chrome, opts.bench ?? false);
  await buildPages(chrome);
  assertClassicScript(join(chrome, 'content.js'));
  assertClassicScript(join(chrome, 'background.js'));
  assertNoSinks(chrome);

  for (const dir of ['icons', '_locales']) cpSync(join(ROOT, 'extension', dir), join(chrome, dir), { recursive: true });
  cpSync(join(ROOT, 'extension/content.css'), join(chrome, 'content.css'));
  const dataDir = opts.dataDir ?? join(ROOT, 'build');
  if (!opts.dataDir) compileDataset(dataDir);
  for (const f of DATA_FILES) {
    const src = join(dataDir, f);
    if (existsSync(src)) cpSync(src, join(chrome, f));
  }

  const rootManifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const target of TARGETS) {
    const dir = join(outDir, target);
    if (dir !== chrome) cpSync(chrome, dir, { recursive: true });
    const manifest = manifestFor(target, rootManifest, version);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    const missing = filesNamedBy(manifest).filter((f) => !existsSync(join(dir, f)));
    if (missing.length) throw new Error(`${relative(ROOT, dir)}: manifest names missing files: ${missing.join(', ')}`);
  }
  const show = (p: string) => (relative(ROOT, p).startsWith('..') ? p : relative(ROOT, p));
  const data = DATA_FILES.filter((f) => existsSync(join(chrome, f)));
  console.log(
    `claimlens: built ${show(chrome)} and ${show(join(outDir, 'firefox'))} (v${version}) in ${Math.round(performance.now() - started)} ms` +
      (data.length ? `, with ${data.join(' + ')}` : ', without compiled data (run `npm run data`)'),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  buildExtension().catch((err: unknown) => {
    console.error(`claimlens build failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
