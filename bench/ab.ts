/**
 * Same-run A/B of the spotting core against another checkout's (issue #4): one process loads
 * both matchers on the same compiled index and the same synthetic page, checks they give the
 * same matches, then times them (and the floor) interleaved, so that the machine's load falls
 * on both alike. Caches are cleared before every run, as in `npm run bench`.
 *
 *   mkdir -p node_modules/.cache/ab && git archive main src | tar -x -C node_modules/.cache/ab
 *   node --expose-gc --import tsx bench/ab.ts --base node_modules/.cache/ab --rounds 8
 *
 * (The base's sources under node_modules: they find its packages, and neither git, eslint nor
 * tsc looks there.) Both matchers share one process and its caches: the ratios to the floor
 * come out higher than in `npm run bench`, which runs one matcher; compare new/base.
 *
 * Options: --base DIR (a tree holding src/core, src/dataset), --claims N, --kb K, --rounds R
 * (each about 3 × --time ms), --time MS, --profile N (no A/B: spot N times
 * with the current sources, for `node --cpu-prof`), --cpu (each time is the process's CPU time
 * over a batch of 10 runs, not the wall time: on a machine shared with other jobs, the time
 * spent waiting for a core is left out).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as cur from '../src/core/spot/index.ts';
import { synthDataset, synthPage } from '../src/dataset/synth.ts';

type Spot = typeof cur;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const claims = Number(arg('claims', '10000'));
const kb = Number(arg('kb', '200'));
const rounds = Number(arg('rounds', '5'));
const time = Number(arg('time', '600'));
const profile = Number(arg('profile', '0'));
const baseDir = arg('base', '');
const cpu = process.argv.includes('--cpu');

function floor(text: string): number {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).length;
}

const clear = (idx: unknown): void => (idx as { clearCache(): void }).clearCache();

// The index and the page are made in a child process: compiling here would run the current
// tree's shared helpers (decodeViews …) on other shapes first, and slow its side only.
if (process.argv.includes('--emit')) {
  const dataset = synthDataset({ claims, seed: 1 });
  writeFileSync(arg('emit', ''), JSON.stringify({ page: synthPage(dataset, kb, 42), json: JSON.stringify(cur.compileIndex(dataset)) }));
  process.exit(0);
}
if (profile > 0) {
  const dataset = synthDataset({ claims, seed: 1 });
  const page = synthPage(dataset, kb, 42);
  const idx = cur.loadIndex(JSON.parse(JSON.stringify(cur.compileIndex(dataset))) as cur.CompiledIndex);
  let found = 0;
  const t0 = performance.now();
  for (let i = 0; i < profile; i++) {
    clear(idx);
    found += cur.spotClaims(idx, page).length;
  }
  console.log(`${profile} runs, ${((performance.now() - t0) / profile).toFixed(3)} ms a run, ${found / profile} matches`);
  process.exit(0);
}

const madeFile = join(tmpdir(), `claimlens-ab-${process.pid}.json`);
execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--emit', madeFile, '--claims', String(claims), '--kb', String(kb)], { stdio: 'inherit' });
const { page, json } = JSON.parse(readFileSync(madeFile, 'utf8')) as { page: string; json: string };
rmSync(madeFile);

if (!baseDir) throw new Error('--base DIR is required (see the header)');
const base = (await import(pathToFileURL(resolve(baseDir, 'src/core/spot/index.ts')).href)) as Spot;
const a = base.loadIndex(JSON.parse(json) as cur.CompiledIndex);
const b = cur.loadIndex(JSON.parse(json) as cur.CompiledIndex);
const ma = JSON.stringify(base.spotClaims(a, page));
const mb = JSON.stringify(cur.spotClaims(b, page));
if (ma !== mb) throw new Error('A/B: the two matchers give different matches on the page');
console.error(`${kb} KB × ${claims} claims: same ${(JSON.parse(mb) as unknown[]).length} matches in both`);

// Runs interleaved one by one (base, new, floor; the order turning each time), so that a burst
// of load on this shared machine falls on all three alike; the median of each per round.
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;
/** The 10th percentile: the runs least disturbed by the other jobs on the machine. */
const p10 = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 10)]!;
const gc = (globalThis as { gc?: () => void }).gc;
const tasks: Array<() => void> = [
  () => { clear(a); base.spotClaims(a, page); },
  () => { clear(b); cur.spotClaims(b, page); },
  () => { floor(page); },
];
for (let i = 0; i < 50; i++) for (const t of tasks) t(); // warm-up
const ratios: number[] = [];
const lowRatios: number[] = [];
for (let r = 0; r < rounds; r++) {
  gc?.();
  const times: number[][] = [[], [], []];
  const until = performance.now() + time * 3;
  for (let i = 0; performance.now() < until; i++) {
    for (let j = 0; j < 3; j++) {
      const k = (i + j) % 3;
      if (cpu) {
        // CPU time of a batch (the process's own: not the time it waited for a core).
        const c0 = process.cpuUsage();
        for (let q = 0; q < 10; q++) tasks[k]!();
        const c = process.cpuUsage(c0);
        times[k]!.push((c.user + c.system) / 10_000);
      } else {
        const t0 = performance.now();
        tasks[k]!();
        times[k]!.push(performance.now() - t0);
      }
    }
  }
  const [A, B, F] = times.map(median) as [number, number, number];
  const [A10, B10, F10] = times.map(p10) as [number, number, number];
  ratios.push(B / A);
  lowRatios.push(B10 / A10);
  console.log(`round ${r + 1}: base ${A.toFixed(3)} ms (${(A / F).toFixed(2)}×)  new ${B.toFixed(3)} ms (${(B / F).toFixed(2)}×)  floor ${F.toFixed(3)} ms  new/base ${(B / A).toFixed(3)}  | p10: ${A10.toFixed(3)} ${B10.toFixed(3)} ${F10.toFixed(3)} new/base ${(B10 / A10).toFixed(3)}, new ${(B10 / F10).toFixed(2)}× floor  (${times[0]!.length} runs each)`);
}
console.log(`new/base: median ${median(ratios).toFixed(3)} (p10 runs: ${median(lowRatios).toFixed(3)}) over ${rounds} rounds`);
