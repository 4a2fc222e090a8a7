/** The slice meter (issue #8): what it counts, and when it says a slice is spent. */
import { describe, expect, it } from 'vitest';
import { createSlicer } from '../../../src/content/slices.ts';

describe('createSlicer', () => {
  it('counts each begin–end run as one slice, the longest and those over 50 ms', async () => {
    let now = 0;
    const win = { setTimeout: (f: () => void) => f() } as unknown as Window;
    const s = createSlicer(win, 8, () => now);
    s.begin();
    now = 5;
    expect(s.outOfTime()).toBe(false);
    now = 9;
    expect(s.outOfTime()).toBe(true);
    await s.maybeYield(); // ends the 9 ms slice, begins another at 9
    now = 69;
    const v = await s.wait(Promise.resolve(1)); // ends a 60 ms slice, begins again at 69
    expect(v).toBe(1);
    now = 70;
    s.end();
    s.end(); // a second end without a begin counts nothing
    expect(s.stats()).toEqual({ slices: 3, busyMs: 70, maxSliceMs: 60, longSlices: 1 });
  });

  it('a run nested in another (an observer callback inside a scan) does not end the outer slice', async () => {
    let now = 0;
    const win = { setTimeout: (f: () => void) => f() } as unknown as Window;
    const s = createSlicer(win, 8, () => now);
    s.begin(); // the scan gets the thread
    now = 2;
    s.begin(); // a mutation observer callback, in the same task
    now = 3;
    s.end();
    now = 20;
    // The scan still holds the thread: its slice is open and spent.
    expect(s.outOfTime()).toBe(true);
    expect(s.stats().slices).toBe(0);
    now = 60;
    s.end();
    expect(s.stats()).toEqual({ slices: 1, busyMs: 60, maxSliceMs: 60, longSlices: 1 });
    s.end(); // unbalanced: counts nothing, opens nothing
    now = 70;
    s.begin();
    now = 75;
    s.end();
    expect(s.stats()).toEqual({ slices: 2, busyMs: 65, maxSliceMs: 60, longSlices: 1 });
  });

  it('a yield inside a nested run gives the thread back only when no other run holds it', async () => {
    let now = 0;
    const win = { setTimeout: (f: () => void) => f() } as unknown as Window;
    const s = createSlicer(win, 8, () => now);
    s.begin(); // outer
    s.begin(); // nested
    now = 10;
    await s.yield(); // the nested run waits; the outer one still runs: no slice ends
    expect(s.stats().slices).toBe(0);
    now = 30;
    s.end(); // nested
    s.end(); // outer: one slice, 0–30
    expect(s.stats()).toEqual({ slices: 1, busyMs: 30, maxSliceMs: 30, longSlices: 0 });
    // Alone, a yield ends the slice and begins another.
    s.begin();
    now = 40;
    await s.yield();
    now = 45;
    s.end();
    expect(s.stats()).toEqual({ slices: 3, busyMs: 45, maxSliceMs: 30, longSlices: 0 });
  });
});
