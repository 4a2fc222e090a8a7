import { describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import { firstMark, longTasksWithUs, median, ourRuns, ourSlices, round } from '../../../bench/browser/measure.ts';
import { newsPage } from '../../../bench/browser/page.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';
import { synthDataset } from '../../../src/dataset/synth.ts';
import { extractPageText } from '../../../src/content/page-text.ts';
import { wholeText } from '../../../src/content/text-chunks.ts';

const m = (name: string, t: number) => ({ name: `claimlens:${name}`, t });

describe('bench/browser measure', () => {
  it('cuts our synchronous runs at sends, yields, marks and rescans', () => {
    const marks = [m('start', 0), m('scan', 10), m('extracted', 15), m('send', 16), m('spotted', 40), m('yield', 45), m('resume', 50), m('marked', 52),
      m('rescan', 100), m('send', 103), m('reply', 150), m('rescanned', 151)];
    expect(ourSlices(marks)).toEqual([6, 5, 2, 3, 1]);
    expect(ourSlices(marks, 60)).toEqual([3, 1]);
    expect(ourSlices(marks, 0, 46)).toEqual([6, 5]);
  });
  it('counts a run opened inside another from the outer start; ignores a close without an open, and input order', () => {
    expect(ourSlices([m('rescan', 0), m('scan', 2), m('send', 7)])).toEqual([7]);
    expect(ourSlices([m('yield', 5), m('marked', 9), m('spotted', 1)])).toEqual([4]);
  });
  it("cuts by the slicer's begin/end marks alone when the build has them (sends and replies mid-run)", () => {
    const marks = [m('start', 0), m('begin', 1), m('scan', 2), m('end', 4), m('begin', 20), m('send', 22), m('send', 25), m('end', 30),
      m('yield', 30), m('spotted', 31), m('begin', 40), m('spotted', 41), m('end', 49)];
    expect(ourSlices(marks)).toEqual([4, 10, 9]);
    expect(ourSlices(marks, 10)).toEqual([10, 9]);
    // Long tasks: only those holding a run of ours count.
    expect(longTasksWithUs([[0, 60], [100, 80], [18, 70]], ourRuns(marks))).toEqual([60, 70]);
  });
  it('finds the first mark at or after a time', () => {
    const marks = [m('rescanned', 40), m('rescanned', 20), m('marked', 5)];
    expect(firstMark(marks, 'claimlens:rescanned')).toBe(20);
    expect(firstMark(marks, 'claimlens:rescanned', 21)).toBe(40);
    expect(firstMark(marks, 'claimlens:rescanned', 41)).toBeNull();
  });
  it('medians and rounding', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(round(1.2345)).toBe(1.23);
    expect(round(12.345)).toBe(12.3);
    expect(round(123.45)).toBe(123);
    expect(round(null)).toBeNull();
  });
});

describe('bench/browser news page', () => {
  const dataset = synthDataset({ claims: 300, seed: 3 });
  const page = newsPage(dataset, 50, 11);
  const doc = new Window().document;
  doc.write(page.html);

  it('is deterministic and about the requested size', () => {
    expect(newsPage(dataset, 50, 11).html).toBe(page.html);
    expect(newsPage(dataset, 50, 12).html).not.toBe(page.html);
    const text = doc.body.textContent ?? '';
    expect(text.length).toBeGreaterThan(50 * 1024 * 0.9);
    expect(text.length).toBeLessThan(50 * 1024 * 1.2);
  });
  it('has the parts of a news page, with page chrome outside the article text', () => {
    for (const sel of ['header.site nav', 'article header h1', 'article p', 'article aside', 'footer']) expect(doc.querySelector(sel), sel).not.toBeNull();
    expect(doc.querySelectorAll('article p a, article p em').length).toBeGreaterThan(20);
  });
  it('reports claims the spotter finds on the page text as the content script reads it', () => {
    expect(page.planted.length).toBeGreaterThan(10);
    const index = loadIndex(compileIndex(dataset));
    const pt = extractPageText(doc.body as unknown as Node);
    const matches = spotClaims(index, wholeText(pt), pt.blockBreaks);
    const found = new Set(matches.map((x) => x.claimId));
    // Synthetic claims share much vocabulary, so a sentence may be credited to a sibling claim;
    // still, a good share of the planted ids are found, and the page yields hundreds of marks per MB.
    expect(page.planted.filter((id) => found.has(id)).length / page.planted.length).toBeGreaterThan(0.3);
    expect(new Set(matches.map((x) => x.sentenceStart)).size).toBeGreaterThan(page.planted.length * 0.5);
  });
});
