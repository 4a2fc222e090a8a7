// @vitest-environment happy-dom
/**
 * The page text in chunks (issue #8: never one string for a whole page) reads exactly as the
 * whole string did: every slice, every offset's node and character, whatever the text nodes
 * and wherever the walk paused.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTextExtractor, extractPageText, locateOffset } from '../../../src/content/page-text.ts';
import { chunkedText, isBlank, sliceText, wholeText } from '../../../src/content/text-chunks.ts';

/** A node text: short words, spaces, emoji (surrogate pairs), now and then a long run. */
const nodeText = fc.oneof(
  { weight: 8, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.constantFrom('', ' ', '😀', 'é\u0301', 'x'.repeat(70_000)) },
);

describe('the page text in chunks', () => {
  it('slices and locates exactly as the whole string (property: random text nodes, random pauses, random cuts)', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
    let chunkEdges = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(nodeText, fc.constantFrom('p', 'span', 'b', 'li')), { minLength: 1, maxLength: 2500, size: 'large' }),
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 300 })), { minLength: 1, maxLength: 30 }),
        (items, pauseEvery, cuts) => {
          doc.body.replaceChildren();
          for (const [t, tag] of items) doc.body.appendChild(doc.createElement(tag)).append(t);
          let calls = 0;
          const walk = createTextExtractor(doc.body);
          while (walk.step(() => ++calls % pauseEvery === 0) !== 'done');
          const page = walk.result();
          chunkEdges += page.chunks.length - 1;
          // The old whole string, built independently: the text nodes in order, "\n" between blocks.
          const whole = wholeText(extractPageText(doc.body));
          expect(wholeText(page)).toBe(whole);
          expect(page.length).toBe(whole.length);
          for (const [a, len] of cuts) {
            const start = a % (whole.length + 1);
            expect(sliceText(page, start, start + len)).toBe(whole.slice(start, start + len));
          }
          expect(sliceText(page, 0, whole.length)).toBe(whole);
          // Across every chunk edge.
          for (const c of page.chunkStarts) for (const [a, b] of [[c - 3, c + 3], [c - 1, c], [c, c + 1], [c - 2, c + 70_003]]) expect(sliceText(page, a!, b!)).toBe(whole.slice(Math.max(0, a!), b!));
          for (let i = 0; i < page.starts.length; i++) {
            const node = page.nodeAt(i)!;
            expect(sliceText(page, page.starts[i]!, page.starts[i]! + node.length)).toBe(node.data);
            const at = locateOffset(page, page.starts[i]! + node.length - 1)!;
            expect(at.node).toBe(node);
            expect(at.offset).toBe(node.length - 1);
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(chunkEdges).toBeGreaterThan(40); // the runs did cut their text into chunks
  });

  it('keeps a big page in many chunks of bounded length, a huge text node as one', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
    for (let i = 0; i < 20_000; i++) doc.body.appendChild(doc.createElement('p')).append(`Paragraph ${i} says little.`);
    const huge = 'y '.repeat(200_000);
    doc.body.appendChild(doc.createElement('p')).append(huge);
    const page = extractPageText(doc.body);
    expect(page.length).toBeGreaterThan(900_000);
    expect(page.chunks.length).toBeGreaterThan(10);
    // The huge node is a chunk of its own (the string the DOM gave, not a copy); the others are bounded.
    expect(page.chunks.filter((c) => c === huge).length).toBe(1);
    expect(page.chunks.filter((c) => c !== huge && c.length > (1 << 16) + 40)).toEqual([]);
  });

  it('slices across chunk edges, clamps out-of-range offsets, and tells blank text', () => {
    const t = chunkedText('ab cd\nef', [6], [1, 2, 3, 6]);
    expect(t.chunks).toEqual(['a', 'b', ' ', 'cd\n', 'ef']);
    expect(sliceText(t, 0, 8)).toBe('ab cd\nef');
    expect(sliceText(t, 1, 4)).toBe('b c');
    expect(sliceText(t, 4, 7)).toBe('d\ne');
    expect(sliceText(t, -3, 2)).toBe('ab');
    expect(sliceText(t, 6, 99)).toBe('ef');
    expect(sliceText(t, 5, 5)).toBe('');
    expect(sliceText(t, 7, 3)).toBe('');
    expect(isBlank(t)).toBe(false);
    expect(isBlank(chunkedText(' \n\t', [], [1, 2]))).toBe(true);
    expect(isBlank(chunkedText(''))).toBe(true);
    expect(sliceText(chunkedText(''), 0, 5)).toBe('');
  });
});
