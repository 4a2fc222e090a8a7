/**
 * Benchmark probe of the background (issue #7): bench builds (`__CLAIMLENS_BENCH__`, see
 * src/content/bench-probe.ts) leave `claimlens-bg:*` User Timing marks in the service worker;
 * elsewhere a no-op whose body the bundler drops.
 */
declare const __CLAIMLENS_BENCH__: boolean | undefined;

export const BENCH: boolean = typeof __CLAIMLENS_BENCH__ !== 'undefined' && __CLAIMLENS_BENCH__;

/** A `claimlens-bg:<name>` mark (bench builds only). */
export function benchMark(name: string): void {
  if (BENCH) performance.mark(`claimlens-bg:${name}`);
}
