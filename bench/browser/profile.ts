/**
 * Where a page load's time goes (issue #7), in headless Chromium with a bench build:
 *
 * - the step breakdown of `--loads` fresh tabs (medians): the content script's evaluation
 *   (navigation → its first line), reading the page, the text's way to the background
 *   (send → the background's `spot` handler starts), the background's own work (validation,
 *   index, spot), the reply's way back, the marks' registration. Background times come from the
 *   `claimlens-bg:*` User Timing marks of bench builds in the service worker, put on the page's
 *   clock through `performance.timeOrigin` (same monotonic clock in one browser process).
 * - a CPU profile (CDP Profiler, 100 µs sampling) of the last load, of the page and of the
 *   service worker: the functions with the most self time.
 *
 *   npx tsx bench/browser/profile.ts --claims 10000 --kb 200 --build
 *
 * - `--cpu`: a browser-wide trace of the last load (instead of the CPU profile): the service
 *   worker thread's tasks from the first piece sent to the marks, wall time against the
 *   thread's own CPU time (a spot task of 10.6 ms wall had run 3.7 ms on the CPU: the rest, its
 *   thread waited for a core; issue #7).
 *
 * `--build` makes the bench build dist-bench/N first (else an existing one is used;
 * `npm run bench:browser` makes them too).
 */
import { Command } from 'commander';
import { join } from 'node:path';
import type { CDPSession, Protocol } from 'puppeteer-core';
import { launchWithExtension } from '../../scripts/browsers.ts';
import { synthDataset } from '../../src/dataset/synth.ts';
import { BENCH_DIST, buildBench } from './build.ts';
import { median } from './measure.ts';
import { newsPage } from './page.ts';
import { startServer } from './server.ts';
import { traceEvents, type TraceEvent } from './trace.ts';

const opt = new Command()
  .option('--claims <n>', 'dataset size (a built dist-bench/N)', '10000')
  .option('--kb <n>', 'page text KB', '1024')
  .option('--seed <n>', 'synthetic data seed', '7')
  .option('--top <n>', 'functions to list', '25')
  .option('--loads <n>', 'fresh tabs measured (after one warm-up load)', '7')
  .option('--build', 'make the bench build first')
  .option('--timeline', 'print the page and background marks of the last load')
  .option('--cpu', "trace the last load: the service worker thread's tasks, wall against CPU time")
  .option('--cold', 'also time a first load right after the extension starts (service worker just installed)')
  .parse()
  .opts<{ claims: string; kb: string; seed: string; top: string; loads: string; build?: boolean; cold?: boolean; timeline?: boolean; cpu?: boolean }>();

/** Trace the browser (all processes) while `run` runs. */
function traced(eb: Awaited<ReturnType<typeof launchWithExtension>>, run: () => Promise<void>): Promise<TraceEvent[]> {
  return traceEvents(eb.browser, ['toplevel', 'blink.user_timing', '__metadata'], run);
}

/** The service worker thread's tasks between the page's first `send` mark and its `marked` mark: wall and thread CPU. */
function workerCpu(events: readonly TraceEvent[]): string {
  const key = (e: TraceEvent): string => `${e.pid}:${e.tid}`;
  const sw = new Set(events.filter((e) => e.name === 'thread_name' && /ServiceWorker/i.test(e.args?.name ?? '')).map(key));
  const at = (n: string): number => Math.min(...events.filter((e) => e.name === n).map((e) => e.ts));
  const from = at('claimlens:send');
  const to = at('claimlens:marked');
  if (sw.size === 0 || !Number.isFinite(from) || !Number.isFinite(to)) return 'no service worker thread or no page marks in the trace';
  const tasks = events.filter((e) => sw.has(key(e)) && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.ts + (e.dur ?? 0) >= from && e.ts <= to);
  const ms = (us: number | undefined): string => ((us ?? 0) / 1000).toFixed(1);
  const wall = tasks.reduce((n, t) => n + (t.dur ?? 0), 0);
  const cpu = tasks.reduce((n, t) => n + (t.tdur ?? 0), 0);
  const big = tasks.filter((t) => (t.dur ?? 0) >= 1000).map((t) => `${ms(t.dur)}/${ms(t.tdur)}`);
  return `first send → marked ${ms(to - from)} ms: ${tasks.length} worker tasks, wall ${ms(wall)} ms, thread CPU ${ms(cpu)} ms (×${(wall / Math.max(1, cpu)).toFixed(2)}); tasks ≥ 1 ms, wall/CPU: ${big.join(' ')}`;
}

interface Mark {
  name: string;
  t: number;
}

function selfTimes(profile: Protocol.Profiler.Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples?.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'}  ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${v.toFixed(1).padStart(7)}  ${k}`);
}

/** The steps of one load from its page marks and the background's marks (page clock). */
function steps(page: Mark[], bg: Mark[]): Record<string, number> {
  const at = (ms: Mark[], n: string, after = -Infinity): number => ms.find((m) => m.name === n && m.t >= after)?.t ?? NaN;
  const start = at(page, 'claimlens:start');
  const send = at(page, 'claimlens:send');
  const got = at(bg, 'claimlens-bg:received', send - 5);
  const spotted = at(bg, 'claimlens-bg:spotted', got);
  const reply = at(page, 'claimlens:spotted', send);
  // Time the background spent waiting in its own yields (resume − yield).
  let yieldGaps = 0;
  let yields = 0;
  for (const y of bg) {
    if (y.name !== 'claimlens-bg:yield') continue;
    const r = at(bg, 'claimlens-bg:resume', y.t);
    if (Number.isFinite(r)) {
      yieldGaps += r - y.t;
      yields++;
    }
  }
  // The content script's time handing pieces to the browser (send → sent: serialising them).
  let sending = 0;
  for (const s of page) if (s.name === 'claimlens:send') sending += at(page, 'claimlens:sent', s.t) - s.t;
  const lastBg = bg.filter((m) => m.name === 'claimlens-bg:spotted').reduce((x, m) => Math.max(x, m.t), -Infinity);
  return {
    'navigation → script start': start,
    'script start → scan': at(page, 'claimlens:scan') - start,
    'script start → settings in the page (no piece leaves before)': at(page, 'claimlens:settings') - start,
    'background: settings read': at(bg, 'claimlens-bg:settings-read') - at(bg, 'claimlens-bg:settings'),
    'read the page (scan → extracted)': at(page, 'claimlens:extracted') - at(page, 'claimlens:scan'),
    'extracted → send': send - at(page, 'claimlens:extracted'),
    'send → background handler': got - send,
    'background: index ready': at(bg, 'claimlens-bg:index', got) - got,
    'background: spot': spotted - at(bg, 'claimlens-bg:index', got),
    'background done → reply in page': reply - spotted,
    'send → reply (round trip)': reply - send,
    'reply → marked': at(page, 'claimlens:marked') - reply,
    'content: sending pieces (serialising)': sending,
    'background: first received → last spotted': lastBg - got,
    'background: waiting in its yields': yieldGaps,
    'background: yields': yields,
    'script start → marked': at(page, 'claimlens:marked') - start,
  };
}

async function main(): Promise<void> {
  const claims = Number(opt.claims);
  if (opt.build) await buildBench(claims, Number(opt.seed));
  const server = await startServer();
  const ds = synthDataset({ claims, seed: Number(opt.seed) });
  const url = server.add('/profile.html', newsPage(ds, Number(opt.kb), Number(opt.seed) + Number(opt.kb)).html);
  const eb = await launchWithExtension('chromium', { headless: true, extensionDir: join(BENCH_DIST, opt.claims, 'chrome') });
  try {
    const swTarget = await eb.browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 10_000 });
    const sw: CDPSession = await swTarget.createCDPSession();
    const bgMarks = async (): Promise<{ origin: number; marks: Mark[] }> => {
      const r = await sw.send('Runtime.evaluate', {
        expression: `JSON.stringify({ origin: performance.timeOrigin, marks: performance.getEntriesByType('mark').filter((e) => e.name.startsWith('claimlens-bg:')).map((e) => ({ name: e.name, t: e.startTime })) })`,
        returnByValue: true,
      });
      return JSON.parse(r.result.value as string) as { origin: number; marks: Mark[] };
    };
    let cpuLine = '';
    const load = async (last: boolean): Promise<{ s: Record<string, number>; pageProfile?: Protocol.Profiler.Profile; swProfile?: Protocol.Profiler.Profile }> => {
      const profile = last && !opt.cpu;
      await sw.send('Runtime.evaluate', { expression: 'performance.clearMarks()' });
      const page = await eb.newPage();
      const cdp = await page.createCDPSession();
      if (profile) {
        for (const c of [cdp, sw]) {
          await c.send('Profiler.enable');
          await c.send('Profiler.setSamplingInterval', { interval: 100 });
          await c.send('Profiler.start');
        }
      }
      const go = async (): Promise<void> => {
        await page.goto(url);
        await page.waitForFunction(() => performance.getEntriesByName('claimlens:marked').length > 0, { timeout: 120_000, polling: 50 });
      };
      if (last && opt.cpu) cpuLine = workerCpu(await traced(eb, go));
      else await go();
      const pageProfile = profile ? (await cdp.send('Profiler.stop')).profile : undefined;
      const swProfile = profile ? (await sw.send('Profiler.stop')).profile : undefined;
      const p = (await page.evaluate(() => JSON.stringify({
        origin: performance.timeOrigin,
        marks: performance.getEntriesByType('mark').filter((e) => e.name.startsWith('claimlens:')).map((e) => ({ name: e.name, t: e.startTime })),
      }))) as string;
      const pm = JSON.parse(p) as { origin: number; marks: Mark[] };
      const b = await bgMarks();
      const shift = b.origin - pm.origin;
      await page.close();
      const bgm = b.marks.map((m) => ({ name: m.name, t: m.t + shift }));
      if (last && opt.timeline) {
        const t0 = pm.marks.find((m) => m.name === 'claimlens:start')?.t ?? 0;
        console.log('timeline of the last load (ms since script start):');
        console.log('  ' + [...pm.marks, ...bgm].sort((x, y) => x.t - y.t).map((m) => `${m.name.replace('claimlens', '')} ${(m.t - t0).toFixed(1)}`).join(', '));
      }
      return { s: steps(pm.marks, bgm), ...(pageProfile ? { pageProfile } : {}), ...(swProfile ? { swProfile } : {}) };
    };
    if (opt.cold) {
      const cold = await load(false);
      console.log(`first load after install (${opt.kb} KB × ${opt.claims}):`);
      for (const [k, v] of Object.entries(cold.s)) console.log(`  ${v.toFixed(1).padStart(8)}  ${k}`);
    } else {
      await load(false); // warm-up: the background has loaded its index
    }
    const runs: Record<string, number>[] = [];
    const n = Number(opt.loads);
    let last: Awaited<ReturnType<typeof load>> | null = null;
    for (let i = 0; i < n; i++) {
      last = await load(i === n - 1);
      runs.push(last.s);
    }
    console.log(`${opt.kb} KB × ${opt.claims} claims, median of ${n} fresh tabs (ms):`);
    for (const k of Object.keys(runs[0]!)) console.log(`  ${median(runs.map((r) => r[k]!)).toFixed(1).padStart(8)}  ${k}   [${runs.map((r) => r[k]!.toFixed(1)).join(' ')}]`);
    if (cpuLine) console.log(`\nservice worker thread (last load): ${cpuLine}`);
    if (last?.pageProfile) {
      console.log('\npage, self ms  function (last load)');
      for (const l of selfTimes(last.pageProfile, Number(opt.top))) console.log(l);
    }
    if (last?.swProfile) {
      console.log('\nservice worker, self ms  function (last load)');
      for (const l of selfTimes(last.swProfile, Number(opt.top))) console.log(l);
    }
  } finally {
    await eb.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(`profile failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
