/**
 * Our own main-thread time, cut into slices (issue #8: no task of ours over 50 ms).
 *
 * Every run of the content script's page work is bracketed: `begin()` when it gets the thread
 * (a timer, an observer callback, a reply resumed), `end()` before it gives it back (an await
 * of the background, a yield). Work loops ask `outOfTime()` and `maybeYield()`, so one slice
 * lasts about `sliceMs`. The meter keeps what it measured (slices, busy time, the longest
 * slice); the content script reports it to the background with each report, where the
 * end-to-end tests read it to assert the budget on the browsers' own clock.
 *
 * Runs may nest: a mutation observer's callback (a microtask) or a reply's continuation can
 * begin and end inside another run's slice, in the same task. The thread is ours while any run
 * holds it, so the slicer counts holders: only the outermost `begin()` starts a slice and only
 * the last `end()` ends it (an inner run's `end()` must not end the outer run's slice: the rest
 * of that run would go unmeasured, and `outOfTime()` would never tell it to yield). An `end()`
 * with no run holding counts nothing. A `yield()` or `wait()` gives the thread back for its
 * own run only: while another run holds it, the slice goes on.
 *
 * A slice left open across an await would count the idle time too: the measure errs long,
 * never short.
 */
import { benchMark } from './bench-probe.ts';
import { yieldTask } from '../platform/yield.ts';

/** What the meter measured since the page life started. */
export interface WorkStats {
  /** Slices measured. */
  slices: number;
  /** Their total, ms. */
  busyMs: number;
  /** The longest one, ms. */
  maxSliceMs: number;
  /** Slices over LONG_SLICE_MS (wall time: on a loaded machine the OS may preempt a short one). */
  longSlices: number;
}

/** A slice this long is a long task (the Long Tasks API's threshold). */
export const LONG_SLICE_MS = 50;

export interface Slicer {
  begin(): void;
  end(): void;
  /** True once the current slice has run `sliceMs`. */
  outOfTime(): boolean;
  /** End the slice, let the page run, begin a new one. */
  yield(): Promise<void>;
  /** `yield()` when out of time. */
  maybeYield(): Promise<void>;
  /** End the slice while `p` is pending (a reply from the background), begin again after. */
  wait<T>(p: Promise<T>): Promise<T>;
  stats(): WorkStats;
}

/** Yield to the page: scheduler.yield where it exists, else a macrotask (platform/yield.ts). */
export function yieldToPage(win: Window): Promise<void> {
  return yieldTask(win as unknown as Parameters<typeof yieldTask>[0]);
}

export function createSlicer(win: Window, sliceMs: number, now: () => number = () => performance.now()): Slicer {
  let t0 = -1;
  /** Runs holding the thread now (nested begin()s). */
  let holders = 0;
  const stats: WorkStats = { slices: 0, busyMs: 0, maxSliceMs: 0, longSlices: 0 };
  const slicer: Slicer = {
    begin() {
      if (holders++ > 0) return;
      t0 = now();
      benchMark('begin');
    },
    end() {
      if (holders === 0) return;
      if (--holders > 0) return;
      benchMark('end');
      const d = now() - t0;
      t0 = -1;
      stats.slices += 1;
      stats.busyMs += d;
      if (d > stats.maxSliceMs) stats.maxSliceMs = d;
      if (d > LONG_SLICE_MS) stats.longSlices += 1;
    },
    outOfTime: () => t0 >= 0 && now() - t0 > sliceMs,
    async yield() {
      slicer.end();
      benchMark('yield');
      await yieldToPage(win);
      benchMark('resume');
      slicer.begin();
    },
    async maybeYield() {
      if (slicer.outOfTime()) await slicer.yield();
    },
    async wait(p) {
      slicer.end();
      try {
        return await p;
      } finally {
        slicer.begin();
      }
    },
    stats: () => ({ ...stats, busyMs: Math.round(stats.busyMs * 10) / 10, maxSliceMs: Math.round(stats.maxSliceMs * 10) / 10 }),
  };
  return slicer;
}
