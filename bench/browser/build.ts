/**
 * Bench builds (issue #7): the extension with a synthetic dataset of N claims instead of the
 * curated one, and with the bench probe on (`__CLAIMLENS_BENCH__`, src/content/bench-probe.ts).
 *
 *   dist-bench/data-N/{dataset.json,index.json}   from `synthDataset({ claims: N, seed })`
 *   dist-bench/N/{chrome,firefox}/                 the extensions
 *
 * Outside dist/ on purpose: `npm run build` empties dist/, and it must not pull the extension
 * out from under a benchmark that is running (nor the benchmark touch the real dist/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../src/core/model.ts';
import { compileIndex } from '../../src/core/spot/index.ts';
import { synthDataset } from '../../src/dataset/synth.ts';
import { buildExtension } from '../../scripts/build.ts';
import { ROOT } from '../../scripts/paths.ts';

export const BENCH_DIST = join(ROOT, 'dist-bench');

export interface BenchBuild {
  claims: number;
  dataset: Dataset;
  /** dist-bench/N: holds chrome/ and firefox/. */
  dir: string;
  /** Bytes of the shipped index.json. */
  indexBytes: number;
  compileMs: number;
}

export async function buildBench(claims: number, seed: number): Promise<BenchBuild> {
  const dataset = synthDataset({ claims, seed });
  const t = performance.now();
  const index = compileIndex(dataset);
  const compileMs = performance.now() - t;
  const dataDir = join(BENCH_DIST, `data-${claims}`);
  mkdirSync(dataDir, { recursive: true });
  const indexJson = JSON.stringify(index);
  writeFileSync(join(dataDir, 'index.json'), indexJson);
  writeFileSync(join(dataDir, 'dataset.json'), JSON.stringify(dataset));
  const dir = join(BENCH_DIST, String(claims));
  await buildExtension(dir, { dataDir, bench: true });
  return { claims, dataset, dir, indexBytes: Buffer.byteLength(indexJson), compileMs };
}
