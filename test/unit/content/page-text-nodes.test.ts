// @vitest-environment happy-dom
/**
 * The text nodes of a page read (issue #8): the walk holds only one in ANCHOR_EVERY (each node
 * held costs a wrapper in our isolated world; 500,000 of them stalled Chromium's DOM reads) and
 * finds the others again by replaying its own moves. Found again, they are exactly the nodes
 * read, in any order of asking, skipped subtrees and all; a node that changed is not found.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANCHOR_EVERY, createTextExtractor, extractPageText, locateOffset } from '../../../src/content/page-text.ts';
import { joinPages } from '../../../src/content/rescan.ts';

const SKIPPED = 'script, style, nav, [hidden], [aria-hidden="true"], [contenteditable]:not([contenteditable="false"]), .gone';

/** The non-empty text nodes outside skipped subtrees, in document order (the reference). */
function readable(root: Element): Text[] {
  const out: Text[] = [];
  const w = root.ownerDocument.createTreeWalker(root, 4 /* SHOW_TEXT */);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const t = n as Text;
    if (t.length > 0 && !t.parentElement?.closest(SKIPPED)) out.push(t);
  }
  return out;
}

const piece = fc.oneof(
  fc.string({ maxLength: 8 }).map((t) => ({ tag: 'p', text: t })),
  fc.string({ maxLength: 8 }).map((t) => ({ tag: 'span', text: t })),
  fc.constantFrom(
    { tag: 'script', text: 'x = 1' },
    { tag: 'nav', text: 'menu' },
    { tag: 'div hidden', text: 'hidden' },
    { tag: 'div class="gone"', text: 'gone' },
    { tag: 'div', text: '' },
    { tag: 'p', text: '<b>bold</b> and <i>it<em>al</em>ic</i><!-- c -->' },
  ),
);

describe('nodeAt: text nodes found again from the few held', () => {
  it('gives exactly the nodes read, asked in any order (property)', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 400 }), fc.integer({ min: 1, max: 40 }), fc.array(fc.nat(), { maxLength: 200 }), (pieces, pauseEvery, asks) => {
        doc.body.innerHTML = pieces.map(({ tag, text }) => `<${tag}>${text}</${tag.split(' ')[0]}>`).join('');
        const expected = readable(doc.body);
        let calls = 0;
        const walk = createTextExtractor(doc.body, { isHidden: (el) => el.classList.contains('gone') });
        while (walk.step(() => ++calls % pauseEvery === 0) !== 'done');
        const page = walk.result();
        expect(page.starts.length).toBe(expected.length);
        // Random order (the cursor must not be trusted across windows), then in order.
        for (const a of asks) if (expected.length) expect(page.nodeAt(a % expected.length)).toBe(expected[a % expected.length]);
        expect(page.starts.map((_, i) => page.nodeAt(i))).toEqual(expected);
        for (let i = expected.length - 1; i >= 0; i--) expect(page.nodeAt(i)).toBe(expected[i]);
        expect(page.nodeAt(expected.length)).toBeNull();
        expect(page.nodeAt(-1)).toBeNull();
      }),
      { numRuns: 120 },
    );
  });

  it('holds one node in ANCHOR_EVERY, and finds none whose text changed length', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
    for (let i = 0; i < 10 * ANCHOR_EVERY; i++) doc.body.appendChild(doc.createElement('p')).append(`Paragraph ${i}.`);
    const page = extractPageText(doc.body);
    const nodes = readable(doc.body);
    expect(page.starts.length).toBe(nodes.length);
    const i = 3 * ANCHOR_EVERY + 5;
    expect(locateOffset(page, page.starts[i]! + 2)).toEqual({ node: nodes[i], offset: 2 });
    nodes[i]!.data = 'changed';
    expect(page.nodeAt(i)).toBeNull();
    expect(locateOffset(page, page.starts[i]! + 2)).toBeNull();
    expect(page.nodeAt(i + 1)).toBe(nodes[i + 1]); // the others are still found
  });

  it('a joined rescan text finds each block’s nodes', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
    const blocks = Array.from({ length: 5 }, (_, b) => {
      const div = doc.body.appendChild(doc.createElement('div'));
      for (let i = 0; i < (b === 2 ? 0 : 3 * b + 20); i++) div.appendChild(doc.createElement('p')).append(`B${b} p${i}`);
      return div;
    });
    const joined = joinPages(blocks.map((b) => extractPageText(b)));
    expect(joined.starts.map((_, i) => joined.nodeAt(i))).toEqual(blocks.flatMap((b) => readable(b)));
  });
});
