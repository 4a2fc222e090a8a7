// @vitest-environment happy-dom
/**
 * No wait for a frame on a small page (issue #7): its style costs little to compute, even
 * never rendered; a big page is still read only after the browser's own rendering (issue #8).
 */
import { describe, expect, it } from 'vitest';
import { READ_AT_ONCE_MAX_ELEMENTS, afterRendering, smallEnoughToReadNow } from '../../../src/content/page-text.ts';

function docWith(elements: number): Document {
  const doc = new DOMParser().parseFromString('<!doctype html><html><head></head><body></body></html>', 'text/html');
  // html, head, body are 3 elements.
  const frag = doc.createDocumentFragment();
  for (let i = 0; i < elements - 3; i++) frag.appendChild(doc.createElement('p'));
  doc.body.appendChild(frag);
  return doc;
}

/** A window on `doc` whose frames never come (only its longest-wait timer would end a wait). */
function frameless(doc: Document): { win: Window; frames: number; timers: number } {
  const state = { frames: 0, timers: 0 };
  const win = {
    document: doc,
    setTimeout: () => ++state.timers,
    clearTimeout: () => undefined,
    requestAnimationFrame: () => ++state.frames,
  } as unknown as Window;
  return Object.assign(state, { win });
}

describe('smallEnoughToReadNow', () => {
  it('counts elements up to the limit', () => {
    expect(smallEnoughToReadNow(docWith(10), 10)).toBe(true);
    expect(smallEnoughToReadNow(docWith(11), 10)).toBe(false);
    expect(smallEnoughToReadNow(docWith(READ_AT_ONCE_MAX_ELEMENTS))).toBe(true);
    expect(smallEnoughToReadNow(docWith(READ_AT_ONCE_MAX_ELEMENTS + 1))).toBe(false);
  });

  it('is false when the document cannot be walked', () => {
    expect(smallEnoughToReadNow({} as Document)).toBe(false);
  });
});

describe('afterRendering', () => {
  it('resolves at once on a small page, asking for no frame', async () => {
    const w = frameless(docWith(50));
    let done = false;
    void afterRendering(w.win, 1000).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(true);
    expect(w.frames).toBe(0);
    expect(w.timers).toBe(0);
  });

  it('waits for frames on a big page', async () => {
    const w = frameless(docWith(READ_AT_ONCE_MAX_ELEMENTS + 1));
    let done = false;
    void afterRendering(w.win, 1000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(done).toBe(false);
    expect(w.frames).toBe(1);
    expect(w.timers).toBe(1); // the longest wait
  });
});
