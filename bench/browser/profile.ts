/**
 * Where a page load's time goes (issue #7): a CPU profile (CDP Profiler, 100 µs sampling) of
 * one tab, from navigation to our marks, in headless Chromium with a bench build; prints the
 * probe marks and the functions with the most self time (the content script's and the
 * browser's). Needs a bench build (`npm run bench:browser` makes dist-bench/N).
 *
 *   npx tsx bench/browser/profile.ts --claims 10000 --kb 1024
 */
import { Command } from 'commander';
import { join } from 'node:path';
import { launchWithExtension } from '../../scripts/browsers.ts';
import { synthDataset } from '../../src/dataset/synth.ts';
import { BENCH_DIST } from './build.ts';
import { newsPage } from './page.ts';
import { startServer } from './server.ts';

const opt = new Command()
  .option('--claims <n>', 'dataset size (a built dist-bench/N)', '10000')
  .option('--kb <n>', 'page text KB', '1024')
  .option('--seed <n>', 'synthetic data seed', '7')
  .option('--top <n>', 'functions to list', '25')
  .parse()
  .opts<{ claims: string; kb: string; seed: string; top: string }>();

async function main(): Promise<void> {
  const server = await startServer();
  const ds = synthDataset({ claims: Number(opt.claims), seed: Number(opt.seed) });
  const url = server.add('/profile.html', newsPage(ds, Number(opt.kb), Number(opt.seed) + Number(opt.kb)).html);
  const eb = await launchWithExtension('chromium', { headless: true, extensionDir: join(BENCH_DIST, opt.claims, 'chrome') });
  try {
    // A first load wakes the background and loads its index; the profiled load is a typical one.
    const warm = await eb.newPage();
    await warm.goto(url);
    await warm.waitForFunction(() => performance.getEntriesByName('claimlens:marked').length > 0, { timeout: 120_000 });
    await warm.close();
    const page = await eb.newPage();
    const cdp = await page.createCDPSession();
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('claimlens:marked').length > 0, { timeout: 120_000 });
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples?.forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'}  ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
    });
    const marks = await page.evaluate(() => performance.getEntriesByType('mark').filter((e) => e.name.startsWith('claimlens:')).map((e) => `${e.name.slice(10)} ${e.startTime.toFixed(1)}`));
    console.log(`${opt.kb} KB × ${opt.claims} claims, marks (ms since navigation): ${marks.join(', ')}`);
    console.log('self ms  function');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(opt.top))) console.log(`${v.toFixed(1).padStart(7)}  ${k}`);
  } finally {
    await eb.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(`profile failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
