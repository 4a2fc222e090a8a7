// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { extractPageText, locateOffset } from '../../../src/content/page-text.ts';
import { wholeText } from '../../../src/content/text-chunks.ts';
import { BACKOFF, createRescanPacer, joinPages, PACE, RESCAN_FIRST_MS, RESCAN_MAX_MS } from '../../../src/content/rescan.ts';

describe('joinPages: several changed blocks, one text for one spot request', () => {
  it('maps every offset of the joined text back to the same text node and character', () => {
    document.body.innerHTML = '<p>Kirby said <em>Russia</em> offered food.</p><div><p>Pyongyang denied it.</p><p>Third block</p></div><p>Last</p>';
    const blocks = [document.querySelector('p')!, document.querySelector('div')!, document.querySelectorAll('body > p')[1]!];
    const pages = blocks.map((b) => extractPageText(b));
    const joined = joinPages(pages);
    const text = wholeText(joined);
    expect(joined.length).toBe(text.length);
    expect(text.split('\n').filter(Boolean)).toEqual(pages.flatMap((p) => wholeText(p).split('\n').filter(Boolean)));
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === '\n') continue;
      const at = locateOffset(joined, i)!;
      expect(at.node.data[at.offset]).toBe(ch);
    }
    // A block break wherever one part ends, so no sentence runs from one block into the next.
    let base = 0;
    for (const p of pages.slice(0, -1)) {
      base += wholeText(p).length;
      if (!wholeText(p).endsWith('\n')) base += 1;
      expect(joined.blockBreaks).toContain(base);
    }
    expect([...joined.blockBreaks].sort((a, b) => a - b)).toEqual(joined.blockBreaks);
    expect(new Set(joined.blockBreaks).size).toBe(joined.blockBreaks.length);
  });

  it('one page joins to itself; none to nothing', () => {
    document.body.innerHTML = '<p>One block only.</p>';
    const p = extractPageText(document.body);
    const one = joinPages([p]);
    expect({ ...one, nodeAt: null }).toEqual({ ...p, nodeAt: null });
    expect(one.starts.map((_, i) => one.nodeAt(i))).toEqual(p.starts.map((_, i) => p.nodeAt(i)));
    expect(wholeText(joinPages([]))).toBe('');
  });
});

describe('rescan pacing', () => {
  it('comes soon after a calm spell, backs off while the page keeps mutating, calms down again', () => {
    const pacer = createRescanPacer();
    let t = 10_000;
    expect(pacer.next(t)).toBe(RESCAN_FIRST_MS);
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      t += 20;
      pacer.done(t, t + 1, 1);
      t += 5; // the page mutates again at once
      delays.push(pacer.next(t));
      t += delays[delays.length - 1]!;
    }
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays[delays.length - 1]).toBe(RESCAN_MAX_MS);
    // Calm for a while: back to the first delay.
    t += 10 * RESCAN_MAX_MS;
    expect(pacer.next(t)).toBe(RESCAN_FIRST_MS);
  });

  it('a page that mutates without pause: delays double up to RESCAN_MAX_MS, so few rescans (each has a fixed cost)', () => {
    const pacer = createRescanPacer();
    let t = 50_000;
    const delays = [pacer.next(t)];
    const starts: number[] = [];
    // Five seconds of a page mutating every frame: each rescan takes 5 ms (1 ms of it ours), and
    // the page has mutated again by the time it ends.
    while (t < 55_000) {
      t += delays[delays.length - 1]!;
      starts.push(t);
      pacer.done(t, t + 5, 1);
      t += 5 + 16;
      delays.push(pacer.next(t));
    }
    expect(BACKOFF).toBe(2);
    expect(delays.slice(0, 7)).toEqual([RESCAN_FIRST_MS, 100, 200, 400, 800, 1600, RESCAN_MAX_MS]);
    expect(RESCAN_MAX_MS).toBe(2000);
    // 50 + 100 + … + 1600 ms, then every 2 s: six rescans in the five seconds (ten with ×1.5 up to 1 s).
    expect(starts.filter((s) => s < 55_000)).toHaveLength(6);
  });

  it('never less than PACE × our own last rescan time', () => {
    const pacer = createRescanPacer();
    pacer.done(0, 40, 30);
    expect(pacer.next(100_000)).toBe(PACE * 30);
  });
});
