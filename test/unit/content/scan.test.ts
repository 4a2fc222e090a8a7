// @vitest-environment happy-dom
/**
 * The content script's scanner (content/scan.ts): the page read in slices and sent to the
 * background in pieces as it is read. Whatever the slices, the pieces put together are the
 * page's text; a scan made stale stops sending; a page that pulls the walk's place is read
 * again; replies reach the caller in order.
 */
import { describe, expect, it } from 'vitest';
import { createScanner, type ScannerDeps } from '../../../src/content/scan.ts';
import { createSlicer, type Slicer } from '../../../src/content/slices.ts';
import { extractPageText } from '../../../src/content/page-text.ts';
import { wholeText } from '../../../src/content/text-chunks.ts';
import type { Piece } from '../../../src/content/pieces.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';

function page(paragraphs: number, word = 'Paragraph'): HTMLElement {
  const doc = new DOMParser().parseFromString('<!doctype html><html><body></body></html>', 'text/html');
  const html = Array.from({ length: paragraphs }, (_, i) => `<p>${word} ${i} says <b>something</b> about the news of the day.</p>`).join('');
  doc.body.innerHTML = `<nav>menu</nav>${html}<footer>foot</footer>`;
  return doc.body;
}

/** A slicer whose clock says "out of time" at every look: the most slices and yields there can be. */
function hurriedSlicer(): Slicer {
  let t = 0;
  return createSlicer(window, 5, () => (t += 1000));
}

function scanner(slicer: Slicer, spot: (p: Piece) => Promise<ClaimMatch[] | null>, signal = new AbortController().signal) {
  const deps: ScannerDeps = { slicer, signal, isHidden: () => false, spot };
  return createScanner(deps);
}

const joined = (pieces: readonly Piece[]): string => pieces.map((p) => p.text).join('');

function fakeMatch(start: number, end: number): ClaimMatch {
  return { claimId: 'c', start, end, sentenceStart: start, sentenceEnd: end, stance: 'asserts', speaker: null, score: 1, discrepancies: [] } as unknown as ClaimMatch;
}

describe('scanner', () => {
  it('reads and sends in pieces whose text, put together, is the page text — however short the slices', async () => {
    const root = page(1600); // about 90K characters: two pieces of 64K or more
    const expected = wholeText(extractPageText(root));
    for (const slicer of [createSlicer(window, 1000), hurriedSlicer()]) {
      const sent: Piece[] = [];
      const s = scanner(slicer, (p) => (sent.push(p), Promise.resolve([])));
      slicer.begin();
      const r = await s.readAndSend(root, () => false);
      slicer.end();
      expect(r).not.toBeNull();
      expect(wholeText(r!.page)).toBe(expected);
      expect(joined(sent)).toBe(expected);
      expect(sent.length).toBeGreaterThan(1);
      expect(sent.map((p) => p.seq)).toEqual(sent.map((_, i) => i));
      expect(sent.map((p) => p.last)).toEqual(sent.map((_, i) => i === sent.length - 1));
      expect(new Set(sent.map((p) => p.request)).size).toBe(1);
      // Block breaks are relative to their piece, inside it.
      for (const p of sent) for (const b of p.blockBreaks) expect(b > 0 && b <= p.text.length).toBe(true);
    }
    const hurried = hurriedSlicer();
    const s = scanner(hurried, () => Promise.resolve([]));
    hurried.begin();
    await s.readAndSend(root, () => false);
    hurried.end();
    expect(hurried.stats().slices).toBeGreaterThan(20); // it did yield, many times
  });

  it('a scan made stale while it yields stops there, sending nothing more', async () => {
    const root = page(3000);
    const slicer = hurriedSlicer();
    const sent: Piece[] = [];
    let stale = false;
    const s = scanner(slicer, (p) => {
      sent.push(p);
      stale = true; // a newer scan replaced this one as soon as the first piece went
      return Promise.resolve([]);
    });
    slicer.begin();
    const r = await s.readAndSend(root, () => stale);
    slicer.end();
    expect(r).toBeNull();
    expect(sent.length).toBe(1);
    expect(sent[0]!.last).toBe(false);
  });

  it('a page that replaces its content mid-read is read again, from the new content', async () => {
    const root = page(400);
    const base = hurriedSlicer();
    let replaced = false;
    // The page swaps its whole content at our first yield (a framework re-rendering).
    const slicer: Slicer = {
      ...base,
      async yield() {
        if (!replaced) {
          replaced = true;
          root.replaceChildren(...Array.from(page(50, 'Fresh').childNodes));
        }
        await base.yield();
      },
    };
    const s = scanner(slicer, () => Promise.resolve([]));
    slicer.begin();
    const text = await s.readText(root);
    slicer.end();
    expect(replaced).toBe(true);
    expect(text).not.toBeNull();
    expect(wholeText(text!)).toBe(wholeText(extractPageText(root)));
    expect(wholeText(text!)).toContain('Fresh 49 says');
    expect(wholeText(text!)).not.toContain('Paragraph');
  });

  it('hands the replies to the caller in the order of the pieces, in page offsets; false without a dataset', async () => {
    const root = page(1600);
    const slicer = createSlicer(window, 1000);
    const s = scanner(slicer, (p) => Promise.resolve(p.seq === 0 ? [fakeMatch(0, 9)] : [fakeMatch(70_000 + p.seq, 70_010 + p.seq)]));
    slicer.begin();
    const r = await s.readAndSend(root, () => false);
    const got: number[] = [];
    expect(await s.replies(r!.sender, (ms) => (got.push(...ms.map((m) => m.start)), Promise.resolve()), () => false)).toBe(true);
    expect(got[0]).toBe(0);
    expect(got.length).toBe(r!.sender.replies.length);
    expect([...got].sort((a, b) => a - b)).toEqual(got);

    const none = scanner(slicer, () => Promise.resolve(null));
    const page2 = extractPageText(root);
    expect(await none.spotPage(page2, () => Promise.resolve(), () => false)).toBe(false);
    slicer.end();
  });

  it('spots a text already read (a rescan) in pieces that put together are that text', async () => {
    const root = page(1600);
    const text = extractPageText(root);
    const slicer = hurriedSlicer();
    const sent: Piece[] = [];
    const s = scanner(slicer, (p) => (sent.push(p), Promise.resolve([])));
    slicer.begin();
    expect(await s.spotPage(text, () => Promise.resolve(), () => false)).toBe(true);
    slicer.end();
    expect(joined(sent)).toBe(wholeText(text));
    expect(sent.at(-1)!.last).toBe(true);
  });
});
