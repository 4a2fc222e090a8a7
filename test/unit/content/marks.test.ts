// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { createMarkLayer, markKind, randomElementName, staticRangeRects, textNodesOf, withRange, type MarkSpec } from '../../../src/content/marks.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';

const m = (stance: ClaimMatch['stance']): ClaimMatch => ({
  claimId: 'c', start: 0, end: 1, sentenceStart: 0, sentenceEnd: 1, score: 1, stance, speaker: null, speakerId: null, discrepancies: [],
});

function page(): { root: HTMLElement; a: Text; b: Text; c: Text } {
  document.body.textContent = '';
  const root = document.createElement('div');
  const p = document.createElement('p');
  const a = document.createTextNode('Russia is offering North Korea ');
  const em = document.createElement('em');
  const b = document.createTextNode('food in exchange');
  em.append(b);
  const c = document.createTextNode(' for munitions, Kirby said.');
  p.append(a, em, c);
  root.append(p);
  document.body.append(root);
  return { root, a, b, c };
}

describe('markKind', () => {
  it('denials and questions are denial marks; anything else a claim mark', () => {
    expect(markKind([m('denies')])).toBe('denial');
    expect(markKind([m('questions'), m('denies')])).toBe('denial');
    expect(markKind([m('attributes')])).toBe('claim');
    expect(markKind([m('denies'), m('asserts')])).toBe('claim');
  });
});

describe('fallback marks (no Highlight API)', () => {
  it('uses a random custom element name per page life', () => {
    const names = new Set(Array.from({ length: 50 }, randomElementName));
    expect(names.size).toBe(50);
    for (const n of names) expect(n).toMatch(/^x-[0-9a-f]{16}$/);
  });

  it('wraps a phrase across inline elements and restores the exact nodes on removal', () => {
    const { root, a, b, c } = page();
    const before = root.innerHTML; // test-side serialisation only
    const layer = createMarkLayer(document, { forceFallback: true });
    expect(layer.usesHighlights).toBe(false);
    const spec: MarkSpec = { matches: [m('attributes')], range: { startContainer: a, startOffset: 10, endContainer: c, endOffset: 14 }, text: 'offering North Korea food in exchange for munitions' };
    const spec2: MarkSpec = { matches: [m('denies')], range: { startContainer: c, startOffset: 16, endContainer: c, endOffset: 21 }, text: 'Kirby' };
    const [mark] = layer.add([spec]);
    layer.add([spec2]);
    expect(root.textContent).toBe('Russia is offering North Korea food in exchange for munitions, Kirby said.');
    const wrappers = [...root.querySelectorAll('*')].filter((e) => layer.isOurs(e));
    expect(wrappers.length).toBe(4); // three pieces of the first phrase + one for the second
    expect(wrappers.map((w) => w.textContent).join('|')).toBe('offering North Korea |food in exchange| for munitions|Kirby');
    expect(layer.all().map((x) => x.kind)).toEqual(['claim', 'denial']);

    layer.remove([mark!]);
    expect([...root.querySelectorAll('*')].filter((e) => layer.isOurs(e)).map((w) => w.textContent)).toEqual(['Kirby']);
    layer.clear();
    expect(root.innerHTML).toBe(before);
    const p = root.firstChild!;
    expect(p.childNodes[0]).toBe(a);
    expect(p.childNodes[1]!.firstChild).toBe(b);
    expect(p.childNodes[2]).toBe(c);
    expect(p.childNodes).toHaveLength(3);
    expect([a.data, b.data, c.data]).toEqual(['Russia is offering North Korea ', 'food in exchange', ' for munitions, Kirby said.']);
  });

  it('a phrase at the very start of a text node restores too', () => {
    const { root, b } = page();
    const before = root.innerHTML;
    const layer = createMarkLayer(document, { forceFallback: true });
    layer.add([{ matches: [m('asserts')], range: { startContainer: b, startOffset: 0, endContainer: b, endOffset: 4 }, text: 'food' }]);
    expect(root.querySelector('em')!.textContent).toBe('food in exchange');
    expect(root.querySelector('em')!.firstElementChild?.textContent).toBe('food');
    layer.destroy();
    expect(root.innerHTML).toBe(before);
    expect(root.querySelector('em')!.firstChild).toBe(b);
  });
});

describe('looking at phrases makes no live Range per look (issue #7: each one costs the page every DOM change)', () => {
  it('one Range per document, reused, left holding no page node', () => {
    const { a, b, c } = page();
    const spy = vi.spyOn(document, 'createRange');
    const phrase = { startContainer: a, startOffset: 7, endContainer: c, endOffset: 4 } as unknown as StaticRange;
    let looks = 0;
    for (let i = 0; i < 50; i++) {
      expect(textNodesOf(document, phrase)).toEqual([a, b, c]);
      expect(withRange(document, phrase, (r) => r.toString(), '')).toBe('is offering North Korea food in exchange for');
      staticRangeRects(document, phrase);
      looks += 3;
    }
    expect(looks).toBe(150);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(1);
    // Between looks the Range holds the document's start, no page node.
    const seen = withRange(document, phrase, (r) => r, null);
    expect(seen!.startContainer).toBe(document);
    expect(seen!.collapsed).toBe(true);
    spy.mockRestore();
  });

  it('a phrase whose nodes changed under it gives the fallback, and the Range stays usable', () => {
    const { a, c } = page();
    const gone = { startContainer: a, startOffset: 7, endContainer: c, endOffset: 400 };
    expect(withRange(document, gone, (r) => r.toString(), 'fallback')).toBe('fallback');
    const ok = { startContainer: a, startOffset: 0, endContainer: a, endOffset: 6 };
    expect(withRange(document, ok, (r) => r.toString(), '')).toBe('Russia');
  });
});
