import { describe, expect, it, vi } from 'vitest';
import { groupMatches } from '../../../src/content/app.ts';
import { spotInSlices } from '../../../src/core/spot/chunked.ts';
import { placeCard } from '../../../src/content/card-host.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';
import { cardDataset } from '../core/card-fixture.ts';

// card-host.ts reads the locale catalogue through the extension API, which Node has not.
vi.mock('../../../src/platform/browser.ts', () => ({ browser: {}, t: (key: string) => key }));

const m = (claimId: string, start: number, end: number): ClaimMatch => ({
  claimId, start, end, sentenceStart: start, sentenceEnd: end, score: 1, stance: 'asserts', speaker: null, speakerId: null, discrepancies: [],
});

describe('groupMatches', () => {
  it('merges same and overlapping phrases into one mark, keeps apart the rest', () => {
    const g = groupMatches([m('b', 10, 20), m('a', 0, 5), m('c', 15, 30), m('a', 10, 20), m('d', 30, 40), m('e', 7, 7)]);
    expect(g.map((x) => [x.start, x.end, x.matches.map((y) => y.claimId)])).toEqual([
      [0, 5, ['a']],
      [10, 30, ['b', 'a', 'c']],
      [30, 40, ['d']],
    ]);
  });
});

describe('placeCard', () => {
  const vp = { width: 1000, height: 800 };
  const size = { width: 380, height: 300 };
  it('goes below the phrase when there is room', () => {
    expect(placeCard([{ top: 100, bottom: 120, left: 200, right: 400 }], size, vp)).toEqual({ top: 128, left: 200, side: 'below' });
  });
  it('flips above near the bottom edge', () => {
    expect(placeCard([{ top: 700, bottom: 720, left: 200, right: 400 }], size, vp)).toEqual({ top: 392, left: 200, side: 'above' });
  });
  it('stays inside the viewport near the right edge and on tiny screens', () => {
    expect(placeCard([{ top: 100, bottom: 120, left: 900, right: 990 }], size, vp).left).toBe(1000 - 380 - 8);
    const tiny = placeCard([{ top: 100, bottom: 120, left: 10, right: 50 }], { width: 300, height: 600 }, { width: 320, height: 400 });
    expect(tiny.top).toBeGreaterThanOrEqual(8);
    expect(tiny.left).toBeGreaterThanOrEqual(8);
  });
});

describe('spotInSlices', () => {
  it('finds exactly what one whole-text spot finds, however long the text', async () => {
    const index = loadIndex(compileIndex(cardDataset()));
    const para = [
      'As part of the proposed deal Russia would receive weapons, said John Kirby, White House National Security Council spokesman.',
      'He added: “We also understand that Russia is offering North Korea food in exchange for munitions.”',
      'Pyongyang has denied the charges.',
      'The weather was mild and nothing else happened in the capital that day.',
    ];
    let text = '';
    const blockBreaks: number[] = [];
    for (let i = 0; i < 120; i++) {
      text += para[i % para.length]! + '\n';
      blockBreaks.push(text.length);
    }
    const whole = spotClaims(index, text, blockBreaks);
    const sliced = await spotInSlices(index, text, blockBreaks);
    expect(whole.length).toBeGreaterThan(0);
    const key = (x: ClaimMatch): string => `${x.claimId}@${x.start}-${x.end}`;
    expect(sliced.map(key).sort()).toEqual(whole.map(key).sort());
  });
});
