/**
 * Where should matching run (issue #6)? At 10k claims, per tab:
 *   A. content script: the background sends the compiled index, the tab loads it and spots.
 *   B. background: the tab sends its page text, the background (index already loaded, or
 *      loaded again after the Chrome service worker was stopped) spots and sends matches back.
 * Messaging is structured clone; JSON stringify+parse of the payload stands in for it here.
 * Run: node --expose-gc --import tsx bench/placement.bench.ts
 */
import { compileIndex, loadIndex, spotClaims, type CompiledIndex } from '../src/core/spot/index.ts';
import { synthDataset, synthPage } from '../src/dataset/synth.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (f: () => void, n = 7): number => {
  const ts: number[] = [];
  for (let i = 0; i < n; i++) {
    gc?.();
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
};
const heapOf = (make: () => unknown): number => {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const held = make();
  gc?.();
  const mb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  void held;
  return mb;
};

const claims = Number(process.argv[2] ?? 10_000);
const dataset = synthDataset({ claims, seed: 1 });
const compiled = compileIndex(dataset);
const indexJson = JSON.stringify(compiled);
const index = loadIndex(compiled);
for (const kb of [20, 200]) {
  const text = synthPage(dataset, kb, 1);
  const ship = time(() => JSON.parse(indexJson));
  const load = time(() => loadIndex(JSON.parse(indexJson) as CompiledIndex));
  const warmSpot = time(() => spotClaims(index, text));
  const sendText = time(() => JSON.parse(JSON.stringify({ text })));
  const matches = spotClaims(index, text);
  const back = time(() => JSON.parse(JSON.stringify(matches)));
  const tabHeapA = heapOf(() => loadIndex(JSON.parse(indexJson) as CompiledIndex));
  const tabHeapB = heapOf(() => JSON.parse(JSON.stringify({ text })));
  console.log(JSON.stringify({
    claims, pageKB: kb, indexKB: Math.round(indexJson.length / 1024), matches: matches.length,
    A_contentScript: { perTabHeapMB: +tabHeapA.toFixed(1), firstMarkMs: +(ship + load + warmSpot).toFixed(1), parts: { shipIndexMs: +ship.toFixed(1), loadIndexMs: +load.toFixed(1), spotMs: +warmSpot.toFixed(1) } },
    B_background: { perTabHeapMB: +Math.max(0, tabHeapB).toFixed(2), firstMarkWarmMs: +(sendText + warmSpot + back).toFixed(1), firstMarkColdWorkerMs: +(sendText + load + warmSpot + back).toFixed(1) },
  }));
}
