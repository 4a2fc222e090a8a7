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
});
