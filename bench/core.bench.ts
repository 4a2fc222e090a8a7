/**
 * `npm run bench`: the spotting core's speed (issue #4), in Node with tinybench.
 *
 * For synthetic datasets of 1k / 10k / 100k claims (`claimlens dataset synth`) and page texts
 * of 10 KB / 200 KB / 1 MB (synthPage: ordinary news-like sentences with a claim reported
 * every ~4 KB), the median time of `spotClaims`, next to the floor measured in the same run:
 * one pass over the same text that only lowercases it and splits it into words. Also the
 * index load time (JSON.parse of the shipped index + loadIndex) and its heap.
 * Writes bench-results/core.json: [{pageKB, claims, medianMs, floorMs}, …] and prints a table.
 *
 * The word cache of an index is cleared before every spot run, so each run pays for its
 * words' stemming as a fresh page would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { compileIndex, loadIndex, spotClaims, type CompiledIndex, type MatchIndex } from '../src/core/spot/index.ts';
import type { Dataset } from '../src/core/model.ts';
import { synthDataset, synthPage } from '../src/dataset/synth.ts';

const CLAIMS = [1_000, 10_000, 100_000];
const PAGES_KB = [10, 200, 1024];
const quick = process.argv.includes('--quick');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function floor(text: string): number {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).length;
}

const gc = (globalThis as { gc?: () => void }).gc;

interface Row { pageKB: number; claims: number; medianMs: number; floorMs: number }
const rows: Row[] = [];
const loads: Array<{ claims: number; loadMs: number; loadOnlyMs: number; heapMB: number | null; indexKB: number }> = [];

for (const n of CLAIMS) {
  // The dataset only makes the index and the pages: it is not kept while measuring (as in the
  // extension, which holds the loaded index, not the dataset's objects — a heap of those would
  // make every collection in the measured runs, ours and the floor's alike, slower).
  let dataset: Dataset | null = synthDataset({ claims: n, seed: 1 });
  let json: string | null = JSON.stringify(compileIndex(dataset));
  const pages = new Map(PAGES_KB.map((kb) => [kb, synthPage(dataset!, kb, 42)]));
  dataset = null;
  // Index load: parse + load, fresh each time.
  const loadTimes: number[] = [];
  const loadOnly: number[] = [];
  for (let i = 0; i < (quick ? 3 : 9); i++) {
    gc?.();
    const t0 = performance.now();
    const parsed = JSON.parse(json!) as CompiledIndex;
    const t1 = performance.now();
    loadIndex(parsed);
    const t2 = performance.now();
    loadTimes.push(t2 - t0);
    loadOnly.push(t2 - t1);
  }
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const index: MatchIndex = loadIndex(JSON.parse(json) as CompiledIndex);
  gc?.();
  const heapMB = gc ? (process.memoryUsage().heapUsed - before) / 2 ** 20 : null;
  loads.push({ claims: n, loadMs: median(loadTimes), loadOnlyMs: median(loadOnly), heapMB, indexKB: Math.round(json.length / 1024) });
  json = null; // eslint-disable-line no-useless-assignment -- released before measuring (see above)
  gc?.();

  for (const kb of PAGES_KB) {
    const text = pages.get(kb)!;
    const idx = index;
    const bench = new Bench({ time: quick ? 150 : 600, warmup: true });
    let found = 0;
    bench
      .add('spot', () => {
        (idx as unknown as { clearCache(): void }).clearCache();
        found = spotClaims(idx, text).length;
      })
      .add('floor', () => {
        floor(text);
      });
    await bench.run();
    const med = (name: string): number => {
      const r = bench.getTask(name)?.result as { latency?: { p50: number } } | undefined;
      if (!r?.latency) throw new Error(`bench task ${name} did not complete`);
      return r.latency.p50;
    };
    const row = { pageKB: kb, claims: n, medianMs: +med('spot').toFixed(3), floorMs: +med('floor').toFixed(3) };
    rows.push(row);
    console.error(`  ${kb} KB × ${n} claims: ${row.medianMs} ms (floor ${row.floorMs} ms), ${found} matches`);
  }
}

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/core.json', JSON.stringify(rows, null, 2) + '\n');

console.log('| page | claims | median ms | floor ms | ratio |');
console.log('|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.pageKB >= 1024 ? r.pageKB / 1024 + ' MB' : r.pageKB + ' KB'} | ${r.claims.toLocaleString('en')} | ${r.medianMs.toFixed(2)} | ${r.floorMs.toFixed(2)} | ${(r.medianMs / r.floorMs).toFixed(1)}× |`);
console.log('');
console.log('| claims | index load ms (JSON.parse + loadIndex) | of which loadIndex ms | heap MB | index JSON KB |');
console.log('|---:|---:|---:|---:|---:|');
for (const l of loads) console.log(`| ${l.claims.toLocaleString('en')} | ${l.loadMs.toFixed(1)} | ${l.loadOnlyMs.toFixed(1)} | ${l.heapMB === null ? 'n/a (run with --expose-gc)' : l.heapMB.toFixed(1)} | ${l.indexKB} |`);

const get = (kb: number, n: number): Row => rows.find((r) => r.pageKB === kb && r.claims === n)!;
const checks = [
  [`200 KB × 10k ≤ 5 ms`, get(200, 10_000).medianMs <= 5],
  [`200 KB × 10k ≤ 3× floor`, get(200, 10_000).medianMs <= 3 * get(200, 10_000).floorMs],
  [`1 MB × 100k ≤ 60 ms`, get(1024, 100_000).medianMs <= 60],
  [`index load at 10k ≤ 20 ms`, loads.find((l) => l.claims === 10_000)!.loadMs <= 20],
] as const;
console.log('');
for (const [what, ok] of checks) console.log(`${ok ? 'ok  ' : 'MISS'} ${what}`);
