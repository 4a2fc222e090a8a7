// @vitest-environment happy-dom
/**
 * Marks are placed from the text read and the nodes found again (issue #8: the walk holds one
 * text node in ANCHOR_EVERY and replays its moves for the others). In a page changed since the
 * read, a replay can land on another node of the same length: such a mark is not placed.
 */
import { describe, expect, it, vi } from 'vitest';
import { specsFor } from '../../../src/content/app.ts';
import { extractPageText } from '../../../src/content/page-text.ts';
import { sliceText } from '../../../src/content/text-chunks.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';

vi.mock('../../../src/platform/browser.ts', () => ({ browser: {}, t: (key: string) => key }));

const match = (start: number, end: number): ClaimMatch => ({
  claimId: 'c', start, end, sentenceStart: start, sentenceEnd: end, score: 1, stance: 'asserts', speaker: null, speakerId: null, discrepancies: [],
});

describe('specsFor', () => {
  it('places each phrase on the node it was read from, and none on another node a changed page put in its place', () => {
    const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
    const words = ['alpha', 'bravo', 'delta', 'gamma', 'kappa', 'sigma', 'omega', 'theta'];
    for (const w of words) doc.body.appendChild(doc.createElement('p')).append(`Word ${w}.`);
    const page = extractPageText(doc.body);
    const at = (w: string): number => sliceText(page, 0, page.length).indexOf(w);
    const groups = [{ start: at('delta'), end: at('delta') + 5, matches: [match(at('delta'), at('delta') + 5)] }];
    const [spec] = specsFor(page, groups);
    expect(spec!.text).toBe('delta');
    expect((spec!.range.startContainer as Text).data).toBe('Word delta.');
    // Read again; then the page puts a paragraph after the first (the node held): replaying
    // from it lands one node early, on 'Word bravo.', of the same length.
    const again = extractPageText(doc.body);
    doc.body.children[1]!.before(Object.assign(doc.createElement('p'), { textContent: 'Inserted.' }));
    expect(specsFor(again, groups)).toEqual([]);
    expect(again.nodeAt(2)!.data).toBe('Word bravo.');
  });
});
