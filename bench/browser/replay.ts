/**
 * The background's own spotting speed against Node's, on exactly the same text (issue #7).
 *
 * A bench build keeps the pieces of the last spot request (src/background/bench.ts). This
 * loads a generated page in headless Chromium (`--loads` times, so the worker has spotted it
 * as on a real page), then replays those pieces `--reps` times inside the service worker
 * (`__claimlensBench.replay`: a fresh TextAssembly per replay, the worker's live matcher,
 * timed per piece with the worker's performance.now), and the same pieces, with the same
 * shipped index, `--reps` times in this Node process. Wall times, one thread each: the
 * worker's figures include any time its thread was not running (load average printed).
 *
 *   npx tsx bench/browser/replay.ts --claims 10000 --kb 200 --build
 */
import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { launchWithExtension } from '../../scripts/browsers.ts';
import type { TextPiece } from '../../src/core/spot/chunked.ts';
import { loadIndex, type CompiledIndex } from '../../src/core/spot/index.ts';
import { synthDataset } from '../../src/dataset/synth.ts';
import { replayPieces, type ReplayRun } from '../../src/background/bench.ts';
import { BENCH_DIST, buildBench } from './build.ts';
import { median } from './measure.ts';
import { newsPage } from './page.ts';
import { startServer } from './server.ts';

const opt = new Command()
  .option('--claims <n>', 'dataset size (a built dist-bench/N)', '10000')
  .option('--kb <n>', 'page text KB', '200')
  .option('--seed <n>', 'synthetic data seed', '7')
  .option('--loads <n>', 'page loads before the replays (0: a cold worker replays the pieces saved by an earlier run)', '1')
  .option('--reps <n>', 'replays in the worker and in Node', '15')
  .option('--build', 'make the bench build first')
  .parse()
  .opts<{ claims: string; kb: string; seed: string; loads: string; reps: string; build?: boolean }>();

const fmt = (xs: readonly number[]): string => xs.map((x) => x.toFixed(1)).join(' ');

function report(label: string, runs: readonly ReplayRun[]): void {
  const totals = runs.map((r) => r.pieceMs.reduce((a, b) => a + b, 0));
  const pieces = runs[0]?.pieceMs.length ?? 0;
  const perPiece = Array.from({ length: pieces }, (_, i) => median(runs.map((r) => r.pieceMs[i]!)));
  console.log(`${label}: total median ${median(totals).toFixed(2)} ms, first ${totals[0]?.toFixed(2)}, min ${Math.min(...totals).toFixed(2)}; per piece (median) [${fmt(perPiece)}]; matches ${runs[0]?.matches}`);
  console.log(`  totals in order: ${fmt(totals)}`);
}

async function main(): Promise<void> {
  const claims = Number(opt.claims);
  if (opt.build) await buildBench(claims, Number(opt.seed));
  const reps = Number(opt.reps);
  const server = await startServer();
  const ds = synthDataset({ claims, seed: Number(opt.seed) });
  const url = server.add('/replay.html', newsPage(ds, Number(opt.kb), Number(opt.seed) + Number(opt.kb)).html);
  const eb = await launchWithExtension('chromium', { headless: true, extensionDir: join(BENCH_DIST, opt.claims, 'chrome') });
  let pieces: TextPiece[];
  let worker: ReplayRun[];
  try {
    const swTarget = await eb.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 10_000 });
    const sw = await swTarget.createCDPSession();
    for (let i = 0; i < Number(opt.loads); i++) {
      const page = await eb.newPage();
      await page.goto(url);
      await page.waitForFunction(() => performance.getEntriesByName('claimlens:marked').length > 0, { timeout: 120_000, polling: 50 });
      await page.close();
    }
    const ev = async <T>(expression: string): Promise<T> => {
      const r = await sw.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (r.exceptionDetails) throw new Error(`in the worker: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
      return JSON.parse(r.result.value as string) as T;
    };
    const saved = join(BENCH_DIST, `pieces-${opt.claims}-${opt.kb}.json`);
    if (Number(opt.loads) > 0) {
      pieces = await ev<TextPiece[]>('JSON.stringify(globalThis.__claimlensBench.pieces())');
      writeFileSync(saved, JSON.stringify(pieces));
      worker = await ev<ReplayRun[]>(`globalThis.__claimlensBench.replay(${reps}).then((r) => JSON.stringify(r))`);
    } else {
      pieces = JSON.parse(readFileSync(saved, 'utf8')) as TextPiece[];
      // The worker loads its matcher at start (claims.warm) and warms it up: wait for both
      // (a build without a warm-up leaves no warm-up mark), then replay.
      // (polled from here: a timer inside an evaluated promise never fired in the worker).
      let warmed = '';
      for (const t0 = Date.now(); !warmed; await new Promise((r) => setTimeout(r, 20))) {
        warmed = await ev<string>(`(() => {
          const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
          const w = at('claimlens-bg:warm-up');
          const done = at('claimlens-bg:warmed') ?? at('claimlens-bg:warm-up-stopped');
          return JSON.stringify(!globalThis.__claimlensBench ? '' : w === undefined ? 'no warm-up' : done === undefined ? '' : 'warm-up ' + (done - w).toFixed(0) + ' ms');
        })()`);
        if (Date.now() - t0 > 30_000) throw new Error('the worker loaded no matcher within 30 s');
      }
      console.log(`worker: ${warmed}`);
      worker = await ev<ReplayRun[]>(`globalThis.__claimlensBench.replay(${reps}, ${JSON.stringify(pieces)}).then((r) => JSON.stringify(r))`);
    }
  } finally {
    await eb.close();
    await server.close();
  }
  console.log(`${opt.kb} KB × ${opt.claims} claims: ${pieces.length} pieces of [${pieces.map((p) => p.text.length).join(', ')}] characters; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  report(`worker (after ${opt.loads} page load(s))`, worker);
  const matcher = loadIndex(JSON.parse(readFileSync(join(BENCH_DIST, `data-${opt.claims}`, 'index.json'), 'utf8')) as CompiledIndex);
  const node: ReplayRun[] = [];
  for (let i = 0; i < reps; i++) node.push(await replayPieces(matcher, pieces));
  report('node (fresh index, first replay cold)', node);
}

main().catch((err: unknown) => {
  console.error(`replay failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
