// @vitest-environment happy-dom
/**
 * Reading waits for the browser's own rendering (issue #8): `afterRendering` resolves in the
 * task after a second frame (a timer set from its rAF callback), never before; in a
 * tab that renders no frames it resolves after its longest wait. The joined text of a walk
 * over many thousands of text nodes equals the plain concatenation.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterRendering, createTextExtractor } from '../../../src/content/page-text.ts';
import { wholeText } from '../../../src/content/text-chunks.ts';

/** A window whose frames and timers the test drives. */
function fakeWindow(withRaf = true): { win: Window; frame(): void; frames: number } {
  const callbacks: FrameRequestCallback[] = [];
  const state = { frames: 0 };
  const win = {
    setTimeout: (f: () => void, ms?: number) => setTimeout(f, ms),
    clearTimeout: (id: number) => clearTimeout(id),
    requestAnimationFrame: withRaf ? (cb: FrameRequestCallback) => callbacks.push(cb) : undefined,
  } as unknown as Window;
  return {
    win,
    frame() {
      state.frames++;
      for (const cb of callbacks.splice(0)) cb(0);
    },
    get frames() {
      return state.frames;
    },
  };
}

describe('afterRendering', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves in the task after a second frame (the first one rendered), not before', async () => {
    const w = fakeWindow();
    let done = false;
    void afterRendering(w.win, 1000).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toBe(false); // no frame yet: still waiting
    w.frame();
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false); // one frame: its rendering may have been deferred
    w.frame();
    await Promise.resolve();
    expect(done).toBe(false); // the second frame's own rendering comes first
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(true);
  });

  it('a tab that renders no frames is read after the longest wait', async () => {
    for (const w of [fakeWindow(), fakeWindow(false)]) {
      let done = false;
      void afterRendering(w.win, 1000).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
    }
  });
});

describe('the text of a walk over many text nodes', () => {
  it('equals their concatenation, block separators included, read whole or in slices', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
    const n = 5000;
    for (let i = 0; i < n; i++) {
      const p = doc.createElement('p');
      p.append(`Item ${i}`, doc.createElement('b'), ` tail ${i}.`);
      doc.body.append(p);
    }
    const expected = Array.from({ length: n }, (_, i) => `Item ${i} tail ${i}.\n`).join('');
    for (const outOfTime of [() => false, () => true]) {
      const walk = createTextExtractor(doc.body);
      while (walk.step(outOfTime) !== 'done');
      const page = walk.result();
      const text = wholeText(page);
      expect(text).toBe(expected);
      expect(page.length).toBe(expected.length);
      expect(page.chunks.length).toBeGreaterThan(4); // kept in chunks, not one string
      expect(page.starts.length).toBe(2 * n);
      expect(page.starts.every((at, i) => text.startsWith(page.nodeAt(i)!.data, at))).toBe(true);
      expect(walk.result()).toBe(page); // complete: built once
    }
  });
});

describe('result() during a walk: the text read so far, in chunks', () => {
  it('is at every step a prefix of the final text, in the same object, its chunks never joined again', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
    for (let i = 0; i < 4000; i++) {
      const p = doc.createElement('p');
      p.append(`Item ${i}`, doc.createElement('b'), ` tail ${i}.`);
      doc.body.append(p);
    }
    const walk = createTextExtractor(doc.body);
    const page = walk.result();
    const seen: string[] = [];
    let steps = 0;
    for (;;) {
      const r = walk.step(() => true);
      steps++;
      expect(walk.result()).toBe(page);
      // The chunks of an earlier look are kept as they were (the sender may hold offsets into them).
      for (let i = 0; i < seen.length; i++) expect(page.chunks[i]).toBe(seen[i]);
      seen.splice(0, seen.length, ...page.chunks);
      expect(page.chunkStarts.length).toBe(page.chunks.length);
      page.chunks.forEach((c, i) => {
        expect(c.length).toBeGreaterThan(0);
        expect(page.chunkStarts[i]).toBe(i === 0 ? 0 : page.chunkStarts[i - 1]! + page.chunks[i - 1]!.length);
      });
      expect(page.length).toBe(page.chunks.reduce((n, c) => n + c.length, 0));
      expect(page.blockBreaks.every((b) => b <= page.length)).toBe(true);
      if (r === 'done') break;
    }
    expect(steps).toBeGreaterThan(10);
    expect(wholeText(page)).toBe(Array.from({ length: 4000 }, (_, i) => `Item ${i} tail ${i}.\n`).join(''));
  });
});
