// @vitest-environment happy-dom
/**
 * The walk reads runs of text nodes through one Range (issue #8: in Chromium each text node's
 * `data` made a string entered in a per-isolate cache, and single reads stalled 46–119 ms on
 * the million-node page). Read in runs, the page text is exactly what reading each node's
 * `data` gives — text, block breaks (whose "\n" depends on the text before them), node starts,
 * the nodes found again — whatever the page and wherever the walk pauses; and no node's `data`
 * is read on the way (one string per run).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { createTextExtractor, extractPageText, type PageText } from '../../../src/content/page-text.ts';
import { sliceText, wholeText } from '../../../src/content/text-chunks.ts';

/** Node texts: words, whitespace and newlines (a block's "\n" goes in only after other text), emoji, empties, a long one. */
const nodeText = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 3, arbitrary: fc.constantFrom('', ' ', '\n', '\n  ', 'end\n', '😀', 'é\u0301', 'x'.repeat(70_000)) },
);

/** One child of the page: text (often several adjacent nodes), a comment, a block, inline, a skipped subtree, br. */
const child = fc.oneof(
  fc.array(nodeText, { minLength: 1, maxLength: 3 }).map((texts) => ({ kind: 'text' as const, texts })),
  fc.record({ kind: fc.constant('el' as const), tag: fc.constantFrom('p', 'div', 'li', 'span', 'b', 'br', 'script', 'nav', 'pre'), texts: fc.array(nodeText, { maxLength: 3 }), hidden: fc.boolean() }),
  fc.constant({ kind: 'comment' as const }),
);

function build(doc: Document, items: { kind: 'text' | 'el' | 'comment'; texts?: string[]; tag?: string; hidden?: boolean }[]): void {
  doc.body.replaceChildren();
  let at: Element = doc.body;
  for (const it of items) {
    if (it.kind === 'comment') at.appendChild(doc.createComment('a comment'));
    else if (it.kind === 'text') for (const t of it.texts!) at.appendChild(doc.createTextNode(t));
    else {
      const el = doc.createElement(it.tag!);
      if (it.hidden) el.setAttribute('hidden', '');
      for (const t of it.texts!) el.appendChild(doc.createTextNode(t));
      at.appendChild(el);
      // Now and then the next items go inside it (nesting).
      if (it.texts!.length === 1 && it.tag !== 'br') at = el;
      else if (at !== doc.body && it.texts!.length === 0) at = at.parentElement ?? doc.body;
    }
  }
}

/** page-text.ts CHUNK_CHARS: a chunk is at most that plus one text node. */
const CHUNK_MAX = 1 << 16;

function walk(root: Node, readInRuns: boolean, pauseEvery: number): PageText {
  let calls = 0;
  const w = createTextExtractor(root, { readInRuns });
  while (w.step(() => ++calls % pauseEvery === 0) !== 'done');
  return w.result();
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the walk reads text in runs', () => {
  it('gives exactly what reading each node does (property: random pages, random pauses)', () => {
    // The environment's own document: happy-dom's ranges do not take nodes of a DOMParser's
    // document (the walk then reads node by node: the text-length check, see readRun).
    const doc = document;
    const toString = vi.spyOn(Range.prototype, 'toString');
    fc.assert(
      fc.property(fc.array(child, { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 30 }), (items, pauseEvery) => {
        build(doc, items);
        const byNode = walk(doc.body, false, pauseEvery);
        const inRuns = walk(doc.body, true, pauseEvery);
        expect(wholeText(inRuns)).toBe(wholeText(byNode));
        expect(inRuns.length).toBe(byNode.length);
        expect(inRuns.blockBreaks).toEqual(byNode.blockBreaks);
        expect(inRuns.starts).toEqual(byNode.starts);
        expect(inRuns.starts.map((_, i) => inRuns.nodeAt(i))).toEqual(byNode.starts.map((_, i) => byNode.nodeAt(i)));
        expect(inRuns.chunkStarts).toEqual(byNode.chunkStarts);
      }),
      { numRuns: 150 },
    );
    expect(toString).toHaveBeenCalled(); // the runs were read through the Range
  });

  it('cuts a long page into chunks inside runs as reading node by node does, text for text', () => {
    // 9,000 paragraphs, 140 K characters: chunks end inside runs, on length and on the count of
    // parts. happy-dom's Range takes minutes over that many nodes: a plain one stands in (the
    // text of the text nodes from the start's to the end's, as a browser's Range gives).
    vi.spyOn(document, 'createRange').mockImplementation(() => {
      let start: Node | null = null;
      let end: Node | null = null;
      return {
        collapse() {},
        setStart(n: Node) {
          start = n;
        },
        setEnd(n: Node) {
          end = n;
        },
        toString() {
          const w = document.createTreeWalker(document.body, 4 /* SHOW_TEXT */);
          w.currentNode = start!;
          let out = (start as Text).data;
          for (let n = w.nextNode(); n && n !== end; n = w.nextNode()) out += (n as Text).data;
          return out + (end as Text).data;
        },
      } as unknown as Range;
    });
    document.body.replaceChildren();
    for (let d = 0; d < 300; d++) {
      const div = document.body.appendChild(document.createElement('div'));
      for (let i = 0; i < 30; i++) div.appendChild(document.createElement('p')).append(`Paragraph ${d * 30 + i}.`, i % 9 ? '' : ' and\n');
    }
    const byNode = walk(document.body, false, 1000);
    const inRuns = walk(document.body, true, 1000);
    expect(inRuns.chunks.length).toBeGreaterThan(2);
    expect(wholeText(inRuns)).toBe(wholeText(byNode));
    expect(inRuns.blockBreaks).toEqual(byNode.blockBreaks);
    expect(inRuns.starts).toEqual(byNode.starts);
    expect(inRuns.starts.map((_, i) => inRuns.nodeAt(i))).toEqual(byNode.starts.map((_, i) => byNode.nodeAt(i)));
    expect(inRuns.chunkStarts).toEqual(byNode.chunkStarts);
    for (const c of inRuns.chunks) expect(c.length).toBeLessThanOrEqual(CHUNK_MAX + 20);
    const whole = wholeText(byNode);
    for (let a = 0; a < whole.length; a += 997) expect(sliceText(inRuns, a, a + 50)).toBe(whole.slice(a, a + 50));
  });

  it("reads no node's data on a page of small text nodes: one string per run (happy-dom's Range counted apart)", () => {
    const doc = document;
    doc.body.replaceChildren();
    for (let i = 0; i < 600; i++) {
      doc.body.appendChild(doc.createElement('p')).append(`Item ${i}.`, i % 7 ? '' : ' more\n');
      // Skipped text now and then: it ends a run (a Range over it would read it too).
      if (i % 40 === 0) doc.body.appendChild(doc.createElement(i % 100 ? 'script' : 'nav')).append('skipped');
    }
    const expected = wholeText(extractPageText(doc.body));
    // The `data` getter, counted outside the Range's own reading (happy-dom's toString reads it).
    let inRange = 0;
    let dataReads = 0;
    const spyRange = <K extends 'toString' | 'setStart' | 'setEnd' | 'collapse'>(name: K): ReturnType<typeof vi.spyOn> => {
      const original = Range.prototype[name] as (...args: unknown[]) => unknown;
      return vi.spyOn(Range.prototype, name).mockImplementation(function (this: Range, ...args: unknown[]) {
        inRange++;
        try {
          return original.apply(this, args);
        } finally {
          inRange--;
        }
      } as never);
    };
    const toString = spyRange('toString');
    for (const name of ['setStart', 'setEnd', 'collapse'] as const) spyRange(name);
    let proto: object | null = doc.createTextNode('x');
    while (proto && !Object.getOwnPropertyDescriptor(proto, 'data')) proto = Object.getPrototypeOf(proto) as object | null;
    const get = Object.getOwnPropertyDescriptor(proto!, 'data')!.get!;
    vi.spyOn(proto as { data: string }, 'data', 'get').mockImplementation(function (this: Text) {
      if (inRange === 0) dataReads++;
      return get.call(this) as string;
    });
    const page = walk(doc.body, true, 10_000);
    expect(wholeText(page)).toBe(expected);
    expect(dataReads).toBe(0);
    // 600 paragraphs of 1–2 text nodes, 15 skipped subtrees: a string per run, not per node.
    expect(toString.mock.calls.length).toBeGreaterThan(0);
    expect(toString.mock.calls.length).toBeLessThan(25);
  });
});
