/**
 * The mutation budget, A/B (issue #7): "one paragraph per frame for 5 s" (the scenario of
 * `npm run bench:browser`, `run.ts` mutationScenarios) for several builds of the extension and
 * for the browser without it, interleaved round by round in the same run, so the load of this
 * shared machine moves every build alike.
 *
 *   npx tsx bench/browser/mutation.ts --builds base=dist-bench/base-10000,new=dist-bench/10000 --rounds 5
 *
 * Each build and the plain browser run in browsers launched the same way (same window and
 * viewport, extensions enabled; the plain one has none installed), so the difference is the
 * extension's alone. Per round and build: main-thread time added (CDP TaskDuration with −
 * without, as a % of the elapsed time), with script / style / layout split, our own slices
 * (probe marks), the rescans, and the time from the last paragraph to its rescan's end.
 * `--burst` also times 100 paragraphs appended at once (append → the rescan that covers them
 * ends). `--trace` adds, per build, a trace of the page's main thread in one round: the
 * time added by kind of event (what the TaskDuration difference is made of).
 */
import { Command } from 'commander';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath, launchWithExtension } from '../../scripts/browsers.ts';
import { ROOT } from '../../scripts/paths.ts';
import { synthDataset } from '../../src/dataset/synth.ts';
import { APPEND_PER_FRAME_JS, appendBurst, firstMark, median, ourSlices, readPage, round, sum } from './measure.ts';
import { newsPage } from './page.ts';
import { traceCpu } from './trace.ts';
import { startServer } from './server.ts';

const opt = new Command()
  .option('--builds <list>', 'name=dir of a bench build (its chrome/ inside), comma-separated', `new=${join('dist-bench', '10000')}`)
  .option('--claims <n>', 'claims of the builds (the page plants some of theirs)', '10000')
  .option('--kb <n>', 'page text KB', '200')
  .option('--seed <n>', 'synthetic data seed (as run.ts)', '7')
  .option('--rounds <n>', 'rounds (each: every build and the plain browser once, in rotating order)', '3')
  .option('--seconds <n>', 'length of the per-frame scenario', '5')
  .option('--burst', 'also time 100 paragraphs appended at once')
  .option('--trace', 'trace the main thread in the last round: time added by kind of event')
  .option('--profile', "a CPU profile of the page in the last round of each build: our content script's functions by self time")
  .parse()
  .opts<{ builds: string; claims: string; kb: string; seed: string; rounds: string; seconds: string; burst?: boolean; trace?: boolean; profile?: boolean }>();

const WIDTH = 1280;
const HEIGHT = 900;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Frames {
  elapsedMs: number;
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  oursMs: number;
  rescans: number;
  appended: number;
  lastToMarkMs: number | null;
  /** Thread CPU of renderer main threads / the service worker thread during the scenario. */
  mainCpuMs: number;
  workerCpuMs: number;
  trace?: Map<string, number>;
}

async function waitForMark(page: Page, name: string, after: number, timeoutMs: number): Promise<boolean> {
  return page
    .waitForFunction((n: string, a: number) => performance.getEntriesByName(n).some((e) => e.startTime >= a), { timeout: timeoutMs, polling: 25 }, name, after)
    .then(() => true, () => false);
}

async function freshTab(browser: Browser, url: string, ext: boolean): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await page.goto(url, { waitUntil: 'load' });
  if (ext && !(await waitForMark(page, 'claimlens:marked', 0, 30_000))) throw new Error('no marks after load');
  await sleep(ext ? 50 : 100);
  return { page, cdp };
}

async function frames(browser: Browser, url: string, paras: string[], ext: boolean, trace: boolean): Promise<Frames> {
  const { page, cdp } = await freshTab(browser, url, ext);
  await cdp.send('Performance.enable');
  const KINDS = ['TaskDuration', 'ScriptDuration', 'RecalcStyleDuration', 'LayoutDuration'] as const;
  const metrics = async (): Promise<Record<string, number>> => {
    const all = (await cdp.send('Performance.getMetrics')).metrics;
    return Object.fromEntries(KINDS.map((k) => [k, all.find((m) => m.name === k)?.value ?? 0]));
  };
  let f = { t0: 0, last: 0, count: 0 };
  let before: Record<string, number> = {};
  let after: Record<string, number> = {};
  let end = 0;
  let doneAt: number | null = null;
  let marks: { name: string; t: number }[] = [];
  const run = async (): Promise<void> => {
    before = await metrics();
    f = (await page.evaluate(`(${APPEND_PER_FRAME_JS})(${JSON.stringify(paras)}, ${Number(opt.seconds) * 1000})`)) as typeof f;
    end = f.last;
    if (ext) await waitForMark(page, 'claimlens:rescanned', f.last, 15_000);
    else await sleep(300);
    const r = await page.evaluate(readPage, 0);
    marks = r.marks;
    doneAt = firstMark(r.marks, 'claimlens:rescanned', f.last);
    if (doneAt !== null) end = doneAt;
    after = await metrics();
  };
  if (trace && opt.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  }
  const tr = await traceCpu(browser, run, trace);
  if (trace && opt.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples?.forEach((id, i) => {
      const f = byId.get(id)!.callFrame;
      const k = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
      self.set(k, (self.get(k) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
    });
    console.log('  profile (self ms): ' + [...self].filter(([k]) => !k.startsWith('(idle)') && !k.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${v.toFixed(1)} ${k}`).join('; '));
  }
  await page.close();
  const d = (k: string): number => (after[k]! - before[k]!) * 1000;
  return {
    elapsedMs: end - f.t0,
    taskMs: d('TaskDuration'),
    scriptMs: d('ScriptDuration'),
    styleMs: d('RecalcStyleDuration'),
    layoutMs: d('LayoutDuration'),
    oursMs: sum(ourSlices(marks, f.t0, end)),
    rescans: marks.filter((m) => m.name === 'claimlens:rescan' && m.t >= f.t0).length,
    appended: f.count,
    lastToMarkMs: doneAt === null ? null : (doneAt as number) - f.last,
    mainCpuMs: tr.mainCpuMs,
    workerCpuMs: tr.workerCpuMs,
    ...(trace ? { trace: tr.byName } : {}),
  };
}

async function burst(browser: Browser, url: string, paras: string[]): Promise<{ toMarkMs: number | null; oursMs: number }> {
  const { page } = await freshTab(browser, url, true);
  const t0 = await page.evaluate(appendBurst, paras.slice(0, 100));
  await waitForMark(page, 'claimlens:rescanned', t0, 20_000);
  const r = await page.evaluate(readPage, 0);
  const done = firstMark(r.marks, 'claimlens:rescanned', t0);
  await page.close();
  return { toMarkMs: done === null ? null : done - t0, oursMs: sum(ourSlices(r.marks, t0, done ?? Infinity)) };
}

async function main(): Promise<void> {
  const builds = opt.builds.split(',').map((s) => {
    const [name, dir] = s.includes('=') ? (s.split('=') as [string, string]) : [s, s];
    return { name, dir: resolve(ROOT, dir) };
  });
  const server = await startServer();
  const page = newsPage(synthDataset({ claims: Number(opt.claims), seed: Number(opt.seed) }), Number(opt.kb), Number(opt.seed) + Number(opt.kb));
  const url = server.add('/mutation.html', page.html);
  const load0 = loadavg()[0]!;
  const browsers: { name: string; browser: Browser; close(): Promise<void> }[] = [];
  try {
    const plain = await puppeteer.launch({
      executablePath: chromiumPath(), headless: true, pipe: true, enableExtensions: true, defaultViewport: null,
      args: [...CHROMIUM_ARGS, `--window-size=${WIDTH},${HEIGHT}`],
    });
    browsers.push({ name: 'plain', browser: plain, close: () => plain.close() });
    for (const b of builds) {
      const eb = await launchWithExtension('chromium', { headless: true, extensionDir: join(b.dir, 'chrome'), width: WIDTH, height: HEIGHT });
      browsers.push({ name: b.name, browser: eb.browser, close: () => eb.close() });
    }
    await sleep(500);
    // A warm-up tab each (the background loads its index on the first request).
    for (const b of browsers) await (await freshTab(b.browser, url, b.name !== 'plain')).page.close();
    const rounds = Number(opt.rounds);
    const results = new Map<string, Frames[]>(browsers.map((b) => [b.name, []]));
    const bursts = new Map<string, Array<{ toMarkMs: number | null; oursMs: number }>>();
    for (let i = 0; i < rounds; i++) {
      const order = browsers.map((_, k) => browsers[(k + i) % browsers.length]!);
      for (const b of order) {
        const r = await frames(b.browser, url, page.extra, b.name !== 'plain', !!opt.trace && i === rounds - 1);
        results.get(b.name)!.push(r);
      }
      if (opt.burst) {
        for (const b of order) {
          if (b.name === 'plain') continue;
          const list = bursts.get(b.name) ?? [];
          list.push(await burst(b.browser, url, page.extra));
          bursts.set(b.name, list);
        }
      }
      process.stdout.write(`round ${i + 1}/${rounds} (load ${loadavg()[0]!.toFixed(2)})\n`);
    }
    const plainRuns = results.get('plain')!;
    console.log(`\none paragraph per frame for ${opt.seconds} s, ${opt.kb} KB × ${opt.claims}; load average ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`);
    console.log(`plain: task ms per round ${plainRuns.map((r) => r.taskMs.toFixed(0)).join(' ')}; main-thread CPU ms ${plainRuns.map((r) => r.mainCpuMs.toFixed(0)).join(' ')}`);
    for (const b of builds) {
      const runs = results.get(b.name)!;
      // Round i of a build against the plain browser's round i (the nearest in time).
      const pct = runs.map((r, i) => (100 * (r.taskMs - plainRuns[i]!.taskMs)) / r.elapsedMs);
      // The same from thread CPU (renderer main threads, plus the service worker's).
      const cpuPct = runs.map((r, i) => (100 * (r.mainCpuMs + r.workerCpuMs - plainRuns[i]!.mainCpuMs - plainRuns[i]!.workerCpuMs)) / r.elapsedMs);
      const add = (k: 'scriptMs' | 'styleMs' | 'layoutMs'): number => median(runs.map((r, i) => r[k] - plainRuns[i]![k]));
      console.log(
        `${b.name}: added ${round(median(pct))} % [${pct.map((p) => p.toFixed(1)).join(' ')}] (TaskDuration), ` +
          `${round(median(cpuPct))} % [${cpuPct.map((p) => p.toFixed(1)).join(' ')}] (thread CPU; service worker ${round(median(runs.map((r) => r.workerCpuMs)))} ms); ` +
          `added script ${round(add('scriptMs'))} ms, style ${round(add('styleMs'))} ms, layout ${round(add('layoutMs'))} ms; ` +
          `our slices ${round(median(runs.map((r) => r.oursMs)))} ms; rescans ${median(runs.map((r) => r.rescans))}; ` +
          `appended ${median(runs.map((r) => r.appended))}; last paragraph → rescanned ${round(median(runs.map((r) => r.lastToMarkMs ?? NaN)))} ms`,
      );
      const bs = bursts.get(b.name);
      if (bs) console.log(`  100 at once: marked after ${round(median(bs.map((x) => x.toMarkMs ?? NaN)))} ms [${bs.map((x) => round(x.toMarkMs)).join(' ')}], our slices ${round(median(bs.map((x) => x.oursMs)))} ms`);
      const t = runs[runs.length - 1]!.trace;
      const tp = plainRuns[plainRuns.length - 1]!.trace;
      if (t && tp) {
        const diff = [...new Set([...t.keys(), ...tp.keys()])]
          .map((k) => [k, (t.get(k) ?? 0) - (tp.get(k) ?? 0), t.get(k) ?? 0] as const)
          .filter(([, d]) => Math.abs(d) >= 5)
          .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))
          .slice(0, 25);
        console.log('  trace of the last round, main thread, ms added (with) by event:');
        for (const [k, d, w] of diff) console.log(`    ${d.toFixed(1).padStart(8)} (${w.toFixed(1)})  ${k}`);
      }
    }
  } finally {
    for (const b of browsers) await b.close().catch(() => {});
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(`mutation bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
