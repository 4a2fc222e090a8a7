/**
 * The content script sends its page text in pieces as it reads it (issue #7, #8), cut at block
 * breaks or, inside a huge block, at a space — no sentence logic on the content side. The
 * background assembles the pieces of a request in order and spots them with their whole
 * context (core/spot/chunked.ts TextAssembly, background/claims.ts). Together they find exactly
 * what one whole-text spot finds, whatever the piece size, wherever the pieces are cut, and
 * however the text was read (all at once or bit by bit).
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { consumeReplies, createPieceSender, pieceEnd, spotInPieces, type Piece } from '../../../src/content/pieces.ts';
import { createClaimsService } from '../../../src/background/claims.ts';
import { TextAssembly } from '../../../src/core/spot/chunked.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';
import { CS_TO_BG, parseCsToBg } from '../../../src/messaging/protocol.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';
import { cardDataset } from '../core/card-fixture.ts';
import { chunkedText } from '../../../src/content/text-chunks.ts';

const compiled = compileIndex(cardDataset());
const index = loadIndex(compiled);
const PARAS = [
  'As part of the proposed deal Russia would receive weapons, said John Kirby, White House National Security Council spokesman.',
  'He added: “We also understand that Russia is offering North Korea food in exchange for munitions.”',
  'Pyongyang has denied the charges.',
  'The weather was mild and nothing else happened in the capital that day.',
];
const key = (x: ClaimMatch): string => `${x.claimId}@${x.start}-${x.end}:${x.stance}:${x.sentenceStart}-${x.sentenceEnd}:${x.speaker ?? ''}`;

/** The real background claims service, as the content script's `spot` sees it (messages validated as the router does). */
function background(pieceWaitMs?: number) {
  const svc = createClaimsService({ loadJson: () => Promise.resolve(compiled), sendToTab: () => Promise.resolve(null), ...(pieceWaitMs ? { pieceWaitMs } : {}) });
  let requests = 0;
  const spot = async (p: Piece): Promise<ClaimMatch[] | null> => {
    requests++;
    const msg = parseCsToBg({ type: CS_TO_BG.spot, text: p.text, blockBreaks: p.blockBreaks, piece: { request: p.request, seq: p.seq, last: p.last } });
    if (!msg || msg.type !== CS_TO_BG.spot) throw new Error('invalid spot message');
    const reply = await svc.onContent(msg);
    if ('error' in reply) throw new Error(reply.error);
    if (!('matches' in reply)) throw new Error('not a spot reply');
    return reply.matches;
  };
  return { spot, requests: () => requests };
}

/** `text` in chunks cut every `every` characters (as a page walk keeps it). */
function inChunks(text: string, breaks: readonly number[], every = 997) {
  return chunkedText(text, breaks, Array.from({ length: Math.floor(text.length / every) }, (_, i) => (i + 1) * every));
}

async function viaPieces(text: string, breaks: number[], pieceChars: number): Promise<string[]> {
  const out: ClaimMatch[] = [];
  const bg = background();
  const ok = await spotInPieces(inChunks(text, breaks), pieceChars, bg.spot, (ms) => {
    out.push(...ms);
    return Promise.resolve();
  });
  expect(ok).toBe(true);
  if (text.length > 4 * pieceChars) expect(bg.requests()).toBeGreaterThan(1);
  return out.map(key).sort();
}

function paragraphs(n: number): { text: string; breaks: number[] } {
  let text = '';
  const breaks: number[] = [];
  for (let i = 0; i < n; i++) {
    text += PARAS[i % PARAS.length]! + '\n';
    breaks.push(text.length);
  }
  return { text, breaks };
}

describe('pieceEnd (content side: block breaks, or a space inside a huge block)', () => {
  it('ends at the first block break at least pieceChars on, or the end once all is read', () => {
    const breaks = [10, 40, 90, 100];
    expect(pieceEnd(chunkedText('x'.repeat(100), breaks), 0, 30, false)).toBe(40);
    expect(pieceEnd(chunkedText('x'.repeat(100), breaks), 40, 30, false)).toBe(90);
    expect(pieceEnd(chunkedText('x'.repeat(110), breaks), 100, 30, false)).toBe(100); // not enough read yet
    expect(pieceEnd(chunkedText('x'.repeat(110), breaks), 100, 30, true)).toBe(110);
  });

  it('cuts a block longer than 4 × pieceChars at a space within pieceChars / 4, never between the halves of a surrogate pair', () => {
    const text = chunkedText('word '.repeat(100), [], [3, 7, 12, 19]);
    expect(pieceEnd(text, 0, 20, false)).toBe(5);
    expect(pieceEnd(text, 0, 80, false)).toBe(20);
    expect(pieceEnd(text, 0, 200, false)).toBe(0); // not longer than 4 × pieceChars yet: wait for more
    const emoji = '😀'.repeat(200); // no space at all
    // Cut inside a chunk and at a chunk's end (the window spans chunks): never between a pair's halves.
    expect(pieceEnd(chunkedText(emoji, []), 0, 26, true)).toBe(6);
    expect(pieceEnd(chunkedText(emoji, [], [7]), 0, 26, true)).toBe(6);
    expect(pieceEnd(chunkedText(emoji, [], [5, 6]), 0, 26, true)).toBe(6);
  });
});

describe('pieces assembled by the background', () => {
  it.each([200, 700, 5000])('paragraphs, pieces of %i characters: the same as one whole-text spot', async (pieceChars) => {
    const { text, breaks } = paragraphs(80);
    const whole = spotClaims(index, text, breaks).map(key).sort();
    expect(whole.length).toBeGreaterThan(0);
    expect(await viaPieces(text, breaks, pieceChars)).toEqual(whole);
  });

  it('one block without breaks, cut at spaces by the content script: the same as one whole-text spot', async () => {
    const text = Array.from({ length: 400 }, (_, i) => PARAS[i % PARAS.length]).join(' ');
    const whole = spotClaims(index, text, []).map(key).sort();
    expect(whole.length).toBeGreaterThan(0);
    expect(await viaPieces(text, [], 3000)).toEqual(whole);
  });

  it('text offered bit by bit as it is read (a streaming page read): the same as one whole-text spot', async () => {
    const { text, breaks } = paragraphs(120);
    const bg = background();
    const sender = createPieceSender(900, bg.spot);
    // Offer growing prefixes, the breaks known so far with each, as the page walk would.
    for (let upTo = 37; upTo < text.length; upTo += 613) sender.offer(inChunks(text.slice(0, upTo), breaks.filter((b) => b <= upTo)), false);
    sender.offer(inChunks(text, breaks), true);
    expect(sender.replies.length).toBeGreaterThan(3);
    const out: ClaimMatch[] = [];
    expect(await consumeReplies(sender, (ms) => (out.push(...ms), Promise.resolve()))).toBe(true);
    expect(out.map(key).sort()).toEqual(spotClaims(index, text, breaks).map(key).sort());
  });

  it('pieces cut anywhere, spotted as they come (TextAssembly): the same as one whole-text spot', async () => {
    const block = fc.array(fc.constantFrom(...PARAS), { minLength: 1, maxLength: 6 }).map((xs) => xs.join(' '));
    await fc.assert(
      fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 12 }), async (blocks, cuts) => {
        let text = '';
        const breaks: number[] = [];
        for (const b of blocks) {
          text += b + '\n';
          breaks.push(text.length);
        }
        const at = [...new Set(cuts.map((c) => c % text.length))].sort((a, b) => a - b).filter((c) => c > 0);
        const bounds = [0, ...at, text.length];
        const asm = new TextAssembly();
        const got: ClaimMatch[] = [];
        for (let i = 0; i + 1 < bounds.length; i++) {
          const [a, b] = [bounds[i]!, bounds[i + 1]!];
          asm.append({ text: text.slice(a, b), blockBreaks: breaks.filter((x) => x > a && x <= b).map((x) => x - a), seq: i, last: i + 2 === bounds.length });
          got.push(...(await asm.spotReady(index)));
        }
        expect(asm.complete).toBe(true);
        expect(got.map(key).sort()).toEqual(spotClaims(index, text, breaks).map(key).sort());
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['a long page of paragraphs', false],
    ['one long block without breaks', true],
  ])('%s (over 300 K characters) in pieces: the same as one whole-text spot, holding only the recent text', async (_name, oneBlock) => {
    const { text: paras, breaks: paraBreaks } = paragraphs(3700);
    const text = oneBlock ? paras.replace(/\n/g, ' ') : paras;
    const breaks = oneBlock ? [] : paraBreaks;
    const asm = new TextAssembly();
    const got: ClaimMatch[] = [];
    let held = 0;
    const pieces: Piece[] = [];
    const pieceChars = oneBlock ? 20_000 : 10_000;
    const sender = createPieceSender(pieceChars, (p) => (pieces.push(p), Promise.resolve([])));
    sender.offer(inChunks(text, breaks, 4099), true);
    for (const p of pieces) {
      asm.append(p);
      got.push(...(await asm.spotReady(index)));
      held = Math.max(held, asm.heldChars);
    }
    expect(asm.complete).toBe(true);
    expect(text.length).toBeGreaterThan(300_000);
    // The context of the next chunk and what is not spotted yet: never the whole text.
    expect(held).toBeLessThan(4 * pieceChars + 80_000);
    expect(held).toBeLessThan(text.length / 2);
    const whole = spotClaims(index, text, breaks).map(key).sort();
    expect(whole.length).toBeGreaterThan(1000);
    expect(got.map(key).sort()).toEqual(whole);
  });

  it('answers pieces in order even when they arrive out of order', async () => {
    const { text, breaks } = paragraphs(40);
    const bg = background();
    const pieces: Piece[] = [];
    const sender = createPieceSender(500, (p) => (pieces.push(p), Promise.resolve([])));
    sender.offer(inChunks(text, breaks, 333), true);
    expect(pieces.length).toBeGreaterThan(2);
    const replies = [...pieces].reverse().map((p) => bg.spot(p));
    const out = (await Promise.all(replies)).flatMap((m) => m ?? []);
    expect(out.map(key).sort()).toEqual(spotClaims(index, text, breaks).map(key).sort());
  });

  it('refuses a request whose first pieces never came (a restarted worker), so the page is sent again', async () => {
    vi.useFakeTimers();
    try {
      const bg = background(1000);
      const reply = bg.spot({ text: 'Pyongyang has denied the charges.\n', blockBreaks: [34], request: 'abcdef0123456789', seq: 3, last: true });
      const settled = expect(reply).rejects.toThrow(/piece 0 never came/);
      await vi.advanceTimersByTimeAsync(1500);
      await settled;
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops with false when there is no dataset', async () => {
    expect(await spotInPieces(chunkedText('some text'), 100, () => Promise.resolve(null), () => Promise.resolve())).toBe(false);
  });
});

describe('the text in chunks (as the page walk keeps it, never joined whole)', () => {
  it('sends the same pieces as one whole string, however it is chunked and however often offered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.string({ maxLength: 300 }), fc.constantFrom('', ' ', 'word '.repeat(200), '😀'.repeat(150))), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (blocks, offers, cutSeeds) => {
          let text = '';
          const breaks: number[] = [];
          for (const [a, b] of blocks) {
            text += a + b + '\n';
            breaks.push(text.length);
          }
          const cuts = cutSeeds.map((c) => c % (text.length + 1));
          const collect = (chunked: boolean): string[] => {
            const got: string[] = [];
            const sender = createPieceSender(64, (p) => {
              got.push(`${p.seq}:${p.last}:${p.text}|${p.blockBreaks.join(',')}`);
              return Promise.resolve([]);
            }, 'r');
            for (let k = 1; k <= offers; k++) {
              const upTo = k === offers ? text.length : Math.floor((text.length * k) / offers);
              const seen = breaks.filter((b) => b <= upTo);
              const read = text.slice(0, upTo);
              sender.offer(chunked ? chunkedText(read, seen, cuts) : chunkedText(read, seen), k === offers);
            }
            return got;
          };
          const whole = collect(false);
          expect(whole.map((p) => p.slice(p.indexOf(':', p.indexOf(':') + 1) + 1, p.lastIndexOf('|'))).join('')).toBe(text);
          expect(collect(true)).toEqual(whole);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses a text shorter than what was sent', () => {
    const sender = createPieceSender(4, () => Promise.resolve([]), 'r');
    sender.offer(chunkedText('abcdefgh ij\n', [12]), false);
    expect(sender.sent).toBe(12);
    expect(() => sender.offer(chunkedText('abc'), false)).toThrow(RangeError);
  });
});
