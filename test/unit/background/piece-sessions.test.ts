/**
 * The background's assembly of texts sent in pieces (background/piece-sessions.ts): replies in
 * order, and every way a request can go wrong — a lost predecessor, a piece twice, a tab that
 * went away, too many requests — with fake timers and an injected clock.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PieceSessions } from '../../../src/background/piece-sessions.ts';
import type { TextPiece } from '../../../src/core/spot/chunked.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';
import { cardDataset } from '../core/card-fixture.ts';

const matcher = loadIndex(compileIndex(cardDataset()));
const PARAS = [
  'We also understand that Russia is offering North Korea food in exchange for munitions, said John Kirby.',
  'Pyongyang has denied the charges.',
  'The weather was mild and nothing else happened in the capital that day.',
];
const key = (m: ClaimMatch): string => `${m.claimId}@${m.start}-${m.end}:${m.stance}`;

/** `n` paragraphs cut into pieces of about `every` characters at paragraph ends. */
function pieces(n: number, every: number): { text: string; breaks: number[]; parts: TextPiece[] } {
  let text = '';
  const breaks: number[] = [];
  for (let i = 0; i < n; i++) {
    text += PARAS[i % PARAS.length]! + '\n';
    breaks.push(text.length);
  }
  const parts: TextPiece[] = [];
  let from = 0;
  for (const b of breaks) {
    if (b - from >= every || b === text.length) {
      parts.push({ text: text.slice(from, b), blockBreaks: breaks.filter((x) => x > from && x <= b).map((x) => x - from), seq: parts.length, last: b === text.length });
      from = b;
    }
  }
  return { text, breaks, parts };
}

const whole = (text: string, breaks: number[]): string[] => spotClaims(matcher, text, breaks).map(key).sort();

describe('PieceSessions', () => {
  beforeEach(() => {
    // Timers and Date faked; performance.now real (the spotting's slice clock).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers pieces in order, whatever order they come in, and forgets a finished request', async () => {
    const { text, breaks, parts } = pieces(60, 800);
    expect(parts.length).toBeGreaterThan(3);
    const sessions = new PieceSessions();
    const replies = [...parts].reverse().map((p) => sessions.spot('req', p, matcher));
    expect(sessions.size).toBe(1);
    const got = (await Promise.all(replies)).flat().map(key).sort();
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(whole(text, breaks));
    expect(sessions.size).toBe(0);
    expect(sessions.matcherOf('req')).toBeUndefined();
  });

  it('refuses the whole request when a predecessor has not come after the wait (lost: the worker restarted)', async () => {
    const { parts } = pieces(12, 200);
    const sessions = new PieceSessions({ pieceWaitMs: 1000 });
    const second = sessions.spot('req', parts[2]!, matcher);
    const first = sessions.spot('req', parts[3]!, matcher);
    const settled = Promise.all([expect(second).rejects.toThrow(/req: piece 0 never came/), expect(first).rejects.toThrow(/piece 0 never came/)]);
    await vi.advanceTimersByTimeAsync(999);
    expect(sessions.size).toBe(1);
    await vi.advanceTimersByTimeAsync(2);
    await settled;
    expect(sessions.size).toBe(0);
  });

  it('does not refuse a piece whose predecessors all came and are still being spotted', async () => {
    const { text, breaks, parts } = pieces(400, 20_000);
    expect(parts.length).toBe(2);
    expect(parts[0]!.text.length).toBeGreaterThan(12_000); // several chunks: spotting it yields
    let open: () => void = () => undefined;
    let gate = new Promise<void>((r) => (open = r));
    let yields = 0;
    // Spotting of piece 0 stops at its first yield until the gate opens.
    const sessions = new PieceSessions({ pieceWaitMs: 100, sliceMs: 0, yieldNow: () => (yields++, gate) });
    const r0 = sessions.spot('req', parts[0]!, matcher);
    const r1 = sessions.spot('req', parts[1]!, matcher);
    await vi.advanceTimersByTimeAsync(1000); // ten times the wait
    expect(yields).toBe(1);
    expect(sessions.size).toBe(1);
    gate = Promise.resolve();
    open();
    const got = [...(await r0), ...(await r1)].map(key).sort();
    expect(got).toEqual(whole(text, breaks));
  });

  it('refuses a piece that comes twice, waiting or already spotted', async () => {
    const { parts } = pieces(12, 200);
    const sessions = new PieceSessions();
    const waiting = sessions.spot('req', parts[2]!, matcher);
    await expect(sessions.spot('req', parts[2]!, matcher)).rejects.toThrow(/piece 2 twice/);
    await sessions.spot('req', parts[0]!, matcher);
    await expect(sessions.spot('req', parts[0]!, matcher)).rejects.toThrow(/piece 0 twice/);
    await sessions.spot('req', parts[1]!, matcher);
    await waiting;
  });

  it('drops a request that got no piece for idleMs (its tab went away) when the next request comes', async () => {
    const { parts } = pieces(12, 200);
    let now = 0;
    const sessions = new PieceSessions({ idleMs: 30_000, pieceWaitMs: 1e9, now: () => now });
    const stale = sessions.spot('gone', parts[1]!, matcher);
    const settled = expect(stale).rejects.toThrow(/gone: no piece for 30000 ms/);
    now = 20_000;
    void sessions.spot('other', parts[1]!, matcher).catch(() => undefined);
    expect(sessions.size).toBe(2); // not idle long enough yet
    now = 30_001;
    void sessions.spot('third', parts[1]!, matcher).catch(() => undefined);
    await settled;
    expect(sessions.matcherOf('gone')).toBeUndefined();
    expect(sessions.matcherOf('other')).toBe(matcher);
  });

  it('keeps at most maxSessions requests: the oldest goes', async () => {
    const { parts } = pieces(12, 200);
    const sessions = new PieceSessions({ maxSessions: 2, pieceWaitMs: 1e9 });
    const a = sessions.spot('a', parts[1]!, matcher);
    const settled = expect(a).rejects.toThrow(/a: more than 2 requests/);
    void sessions.spot('b', parts[1]!, matcher).catch(() => undefined);
    void sessions.spot('c', parts[1]!, matcher).catch(() => undefined);
    await settled;
    expect(sessions.size).toBe(2);
    expect(sessions.matcherOf('b')).toBe(matcher);
    expect(sessions.matcherOf('c')).toBe(matcher);
  });
});
