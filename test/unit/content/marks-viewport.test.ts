// @vitest-environment happy-dom
/**
 * The highlight layer registers only the marks near the viewport (issue #7), with a fake
 * Highlight registry and a fake IntersectionObserver (happy-dom has neither a real layout nor
 * the Highlight API): what is painted follows what the observer reports, `reveal` paints an
 * off-screen mark at once, `all()` always holds every mark in document order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createMarkLayer, mergeInOrder, type MarkSpec } from '../../../src/content/marks.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';

const match = (claimId: string, stance: ClaimMatch['stance'] = 'asserts'): ClaimMatch => ({
  claimId, start: 0, end: 1, sentenceStart: 0, sentenceEnd: 1, score: 1, stance, speaker: null, speakerId: null, discrepancies: [],
});

class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
}

/** A fake IntersectionObserver: the test decides which targets intersect. */
class FakeIO {
  static last: FakeIO | null = null;
  readonly targets = new Set<Element>();
  constructor(readonly cb: (entries: Partial<IntersectionObserverEntry>[]) => void) {
    FakeIO.last = this;
  }
  observe(el: Element): void {
    this.targets.add(el);
  }
  unobserve(el: Element): void {
    this.targets.delete(el);
  }
  disconnect(): void {
    this.targets.clear();
  }
  fire(el: Element, isIntersecting: boolean): void {
    this.cb([{ target: el, isIntersecting, boundingClientRect: { width: 100, height: 20 } as DOMRectReadOnly }]);
  }
}

const win = window as unknown as { Highlight: unknown; CSS: { highlights?: Map<string, FakeHighlight> } };

function fakeRegistry(): void {
  win.Highlight = FakeHighlight;
  Object.defineProperty(window, 'CSS', { value: { highlights: new Map() }, configurable: true, writable: true });
}

function setup(paragraphs: number) {
  fakeRegistry();
  document.body.textContent = '';
  const ps: HTMLParagraphElement[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const p = document.createElement('p');
    p.textContent = `Paragraph ${i} says the minister resigned.`;
    document.body.append(p);
    ps.push(p);
  }
  const layer = createMarkLayer(document, { intersectionObserver: FakeIO as unknown as typeof IntersectionObserver });
  const specs: MarkSpec[] = ps.map((p, i) => ({
    matches: [match(`c${i}`, i % 2 ? 'denies' : 'asserts')],
    range: { startContainer: p.firstChild!, startOffset: 0, endContainer: p.firstChild!, endOffset: 9 },
    text: `Paragraph`,
  }));
  return { layer, ps, specs, painted: () => [...win.CSS.highlights!.values()].reduce((n, h) => n + h.size, 0) };
}

afterEach(() => {
  delete (win as { Highlight?: unknown }).Highlight;
  win.CSS = {};
});

describe('highlight layer: only marks near the viewport are painted', () => {
  it('paints the marks the observer reports near, not the others; all() has every mark', () => {
    const { layer, ps, specs, painted } = setup(10);
    expect(layer.usesHighlights).toBe(true);
    layer.add(specs);
    // Nothing is read from the layout at add time: the observer's first report decides.
    expect(painted()).toBe(0);
    expect(FakeIO.last!.targets.size).toBe(10);
    FakeIO.last!.fire(ps[0]!, true);
    FakeIO.last!.fire(ps[1]!, true);
    for (const p of ps.slice(2)) FakeIO.last!.fire(p, false);
    expect(painted()).toBe(2);
    expect(layer.registered()).toBe(2);
    expect(layer.all()).toHaveLength(10);
  });

  it('a new mark on an element already painted is painted at once', () => {
    const { layer, ps, painted } = setup(2);
    const t = ps[0]!.firstChild!;
    layer.add([{ matches: [match('a')], range: { startContainer: t, startOffset: 0, endContainer: t, endOffset: 9 }, text: 'Paragraph' }]);
    FakeIO.last!.fire(ps[0]!, true);
    layer.add([{ matches: [match('b')], range: { startContainer: t, startOffset: 10, endContainer: t, endOffset: 11 }, text: '0' }]);
    expect(painted()).toBe(2);
  });

  it('a box of no size (display: contents) is painted rather than missed', () => {
    const { layer, ps, specs, painted } = setup(1);
    layer.add(specs);
    (FakeIO.last as unknown as { cb: (e: Partial<IntersectionObserverEntry>[]) => void }).cb([
      { target: ps[0]!, isIntersecting: false, boundingClientRect: { width: 0, height: 0 } as DOMRectReadOnly },
    ]);
    expect(painted()).toBe(1);
  });

  it('follows the observer as the reader scrolls, and hit-testing sees only painted marks', () => {
    const { layer, ps, specs, painted } = setup(10);
    const marks = layer.add(specs);
    const io = FakeIO.last!;
    io.fire(ps[0]!, true);
    io.fire(ps[1]!, true);
    expect(layer.marksAt(ps[7]!.firstChild!)).toEqual([]);
    io.fire(ps[7]!, true);
    io.fire(ps[0]!, false);
    expect(painted()).toBe(2); // 1 and 7
    expect(layer.marksAt(ps[7]!.firstChild!)).toEqual([marks[7]]);
    expect(layer.marksAt(ps[0]!.firstChild!)).toEqual([]);
    // A denial goes to the denial highlight.
    expect(win.CSS.highlights!.get('claimlens-denial')!.has(marks[7]!.range)).toBe(true);
  });

  it('reveal paints an off-screen mark (keyboard navigation), remove unpaints and unobserves', () => {
    const { layer, ps, specs, painted } = setup(10);
    const marks = layer.add(specs);
    FakeIO.last!.fire(ps[0]!, true);
    FakeIO.last!.fire(ps[1]!, true);
    layer.reveal(marks[9]!);
    expect(painted()).toBe(3);
    layer.remove([marks[9]!, marks[0]!]);
    expect(painted()).toBe(1);
    expect(layer.all()).toEqual(marks.slice(1, 9));
    expect(FakeIO.last!.targets.has(ps[9]!)).toBe(false);
  });

  it('a later batch in the middle of the page is merged in document order', () => {
    const { layer, specs } = setup(10);
    const first = layer.add([specs[0]!, specs[5]!, specs[9]!]);
    const later = layer.add([specs[2]!, specs[7]!]);
    expect(layer.all()).toEqual([first[0], later[0], first[1], later[1], first[2]]);
  });

  it('without an IntersectionObserver every mark is painted', () => {
    fakeRegistry();
    document.body.innerHTML = '<p>one</p><p>two</p>';
    const layer = createMarkLayer(document, { intersectionObserver: null });
    const ps = [...document.querySelectorAll('p')];
    layer.add(ps.map((p) => ({ matches: [match('c')], range: { startContainer: p.firstChild!, startOffset: 0, endContainer: p.firstChild!, endOffset: 3 }, text: p.textContent! })));
    expect(layer.registered()).toBe(2);
  });
});

describe('mergeInOrder', () => {
  const cmp = (a: number, b: number): number => a - b;
  it('merges a sorted batch into a sorted list (new after equal old), sorting an unsorted batch first', () => {
    expect(mergeInOrder([1, 4, 9], [0, 4, 5, 10], cmp)).toEqual([0, 1, 4, 4, 5, 9, 10]);
    expect(mergeInOrder([1, 4, 9], [7, 2], cmp)).toEqual([1, 2, 4, 7, 9]);
    expect(mergeInOrder([], [3, 1], cmp)).toEqual([1, 3]);
    expect(mergeInOrder([1, 2], [], cmp)).toEqual([1, 2]);
  });
  it('agrees with a full sort on random inputs', () => {
    for (let k = 0; k < 200; k++) {
      const list = Array.from({ length: k % 17 }, () => Math.floor(Math.random() * 50)).sort(cmp);
      const batch = Array.from({ length: k % 11 }, () => Math.floor(Math.random() * 50));
      expect(mergeInOrder(list, batch, cmp)).toEqual([...list, ...batch].sort(cmp));
    }
  });
});
