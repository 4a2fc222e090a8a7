/**
 * Benchmark probe (issue #7). Only bench builds (`scripts/build.ts` with `{ bench: true }`,
 * used by `npm run bench:browser`) set `__CLAIMLENS_BENCH__`; everywhere else it is false or
 * undefined, every call below is a no-op and the bundler drops the bodies.
 *
 * In a bench build the content script leaves User Timing marks (`claimlens:<step>`) in the
 * page's performance timeline, which the benchmark page reads: start; scan, extracted, send
 * (text sent to the background), spotted (its reply), marked; rescan, send/reply, rescanned;
 * and yield/resume around each slice, so the runner can tell our own tasks apart. Importing this module first in the entry marks the script's start.
 */
declare const __CLAIMLENS_BENCH__: boolean | undefined;

export const BENCH: boolean = typeof __CLAIMLENS_BENCH__ !== 'undefined' && __CLAIMLENS_BENCH__;

/** A `claimlens:<name>` mark in the page's timeline (bench builds only). */
export function benchMark(name: string): void {
  if (BENCH) performance.mark(`claimlens:${name}`);
}

benchMark('start');
