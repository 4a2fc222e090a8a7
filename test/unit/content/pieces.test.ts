/**
 * The content script sends its page text in pieces (issue #8); the background spots each in
 * its own chunks. Together they find exactly what one whole-text spot finds, whatever the
 * piece size — including one huge block without breaks (a 5 MB text node, here scaled down).
 */
import { describe, expect, it } from 'vitest';
import { spotInPieces } from '../../../src/content/app.ts';
import { spotInSlices } from '../../../src/core/spot/chunked.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';
import { cardDataset } from '../core/card-fixture.ts';

const index = loadIndex(compileIndex(cardDataset()));
const PARAS = [
  'As part of the proposed deal Russia would receive weapons, said John Kirby, White House National Security Council spokesman.',
  'He added: “We also understand that Russia is offering North Korea food in exchange for munitions.”',
  'Pyongyang has denied the charges.',
  'The weather was mild and nothing else happened in the capital that day.',
];
const key = (x: ClaimMatch): string => `${x.claimId}@${x.start}-${x.end}:${x.stance}`;

async function viaPieces(text: string, breaks: number[], pieceChars: number): Promise<string[]> {
  const out: ClaimMatch[] = [];
  let requests = 0;
  const ok = await spotInPieces(text, breaks, pieceChars, (piece, b) => {
    requests++;
    return spotInSlices(index, piece, b);
  }, (ms) => {
    out.push(...ms);
    return Promise.resolve();
  });
  expect(ok).toBe(true);
  if (text.length > 4 * pieceChars) expect(requests).toBeGreaterThan(1);
  return out.map(key).sort();
}

describe('spotInPieces', () => {
  it.each([200, 700, 5000])('paragraphs, pieces of %i characters: the same as one whole-text spot', async (pieceChars) => {
    let text = '';
    const breaks: number[] = [];
    for (let i = 0; i < 80; i++) {
      text += PARAS[i % PARAS.length]! + '\n';
      breaks.push(text.length);
    }
    const whole = spotClaims(index, text, breaks).map(key).sort();
    expect(whole.length).toBeGreaterThan(0);
    expect(await viaPieces(text, breaks, pieceChars)).toEqual(whole);
  });

  it('one block without breaks, cut at sentence starts: the same as one whole-text spot', async () => {
    const text = Array.from({ length: 60 }, (_, i) => PARAS[i % PARAS.length]).join(' ');
    const whole = spotClaims(index, text, []).map(key).sort();
    expect(whole.length).toBeGreaterThan(0);
    expect(await viaPieces(text, [], 300)).toEqual(whole);
  });

  it('stops with false when there is no dataset', async () => {
    expect(await spotInPieces('some text', [], 100, () => Promise.resolve(null), () => Promise.resolve())).toBe(false);
  });
});
