/**
 * The page text goes to the background in pieces (issue #7, #8), sent as the page is read:
 *
 * - a piece ends at the first block break at least `pieceChars` on, or at the end of the text
 *   once it is all read; a block longer than 4 × `pieceChars` (a 5 MB text node) is cut inside,
 *   at a space, into pieces of at most `pieceChars / 4` (measured: Firefox took over 50 ms to
 *   send one message of 256 K characters). No sentence logic here (it stays out of the content script's bundle): the
 *   background assembles the pieces of one request in order and spots them with their full
 *   context (core/spot/chunked.ts TextAssembly), so where a piece ends changes nothing.
 * - pieces are sent at once, without waiting for the replies (one round trip for the page,
 *   not one per piece); the replies come back in order, each with the matches the background
 *   could spot so far, in offsets of the whole text.
 * - one message never carries more than 4 × `pieceChars` characters (a run of small blocks
 *   that long), and a huge block goes in pieces of `pieceChars / 4`.
 */
import type { ClaimMatch } from '../core/model.ts';
import { upperBound } from '../core/sorted.ts';
import { sliceText, type ChunkedText } from './text-chunks.ts';

/** A piece as sent: its text and its block breaks (relative, in (0, text.length]). */
export interface Piece {
  text: string;
  blockBreaks: number[];
  request: string;
  seq: number;
  last: boolean;
}

/**
 * Where the piece starting at `from` ends, in the text read so far (complete when `final`);
 * `from` when not enough is read yet to end one. The text is in chunks: only the few characters
 * looked at (a huge block's cut) are copied out of it.
 */
export function pieceEnd(src: ChunkedText, from: number, pieceChars: number, final: boolean): number {
  const max = 4 * pieceChars;
  const { blockBreaks } = src;
  const total = src.length;
  const i = upperBound(blockBreaks, from + pieceChars - 1);
  let end = i < blockBreaks.length ? blockBreaks[i]! : final ? total : from;
  if (end - from <= max && (end > from || total - from <= max)) return end;
  // One huge block: the last break within reach, else a space inside the block.
  const inReach = upperBound(blockBreaks, from + max) - 1;
  if (inReach >= 0 && blockBreaks[inReach]! > from) return blockBreaks[inReach]!;
  const limit = from + Math.max(1, pieceChars >> 2);
  // Here total > from + max ≥ limit: the window holds [from, limit] (the character after a cut too).
  const window = sliceText(src, from, limit + 1);
  const space = window.lastIndexOf(' ', limit - 1 - from) + from;
  end = space > from ? space + 1 : limit;
  const c = window.charCodeAt(end - from);
  if (c >= 0xdc00 && c <= 0xdfff) end -= 1; // never between the halves of a surrogate pair
  return end > from ? end : limit;
}

/** A random request id (crypto.randomUUID needs a secure context; pages may be http). */
export function requestId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export interface PieceSender {
  /**
   * Send the pieces that the text read so far completes (all of it, the last piece marked so,
   * when `final`), while `outOfTime()` says there is time. True when nothing ready is left
   * to send (false: call again after a yield). `src` is the whole text read so far, in chunks
   * (it may be the same object, grown, at the next call); only the pieces sent are copied.
   */
  offer(src: ChunkedText, final: boolean, outOfTime?: () => boolean): boolean;
  /** The replies in the order of the pieces: matches in offsets of the whole text; null: no dataset. */
  readonly replies: readonly Promise<ClaimMatch[] | null>[];
  /** Characters sent so far. */
  readonly sent: number;
}

export function createPieceSender(pieceChars: number, send: (piece: Piece) => Promise<ClaimMatch[] | null>, request: string = requestId()): PieceSender {
  let sent = 0;
  let seq = 0;
  let closed = false;
  const replies: Promise<ClaimMatch[] | null>[] = [];
  const post = (src: ChunkedText, end: number, last: boolean): void => {
    const { blockBreaks } = src;
    const breaks: number[] = [];
    for (let j = upperBound(blockBreaks, sent); j < blockBreaks.length && blockBreaks[j]! <= end; j++) breaks.push(blockBreaks[j]! - sent);
    const reply = send({ text: sliceText(src, sent, end), blockBreaks: breaks, request, seq: seq++, last });
    reply.catch(() => undefined); // awaited in order by the caller; no unhandled rejection meanwhile
    replies.push(reply);
    sent = end;
    if (last) closed = true;
  };
  return {
    offer(src, final, outOfTime = () => false) {
      if (closed) return true;
      const total = src.length;
      if (total < sent) throw new RangeError(`offer: a text of ${total} characters, but ${sent} sent`);
      for (;;) {
        if (final && total - sent <= 4 * pieceChars && upperBound(src.blockBreaks, sent + pieceChars - 1) >= src.blockBreaks.length) {
          post(src, total, true);
          return true;
        }
        const end = pieceEnd(src, sent, pieceChars, final);
        if (end <= sent) return true;
        post(src, end, final && end >= total);
        if (closed) return true;
        if (outOfTime()) return false;
      }
    },
    replies,
    get sent() {
      return sent;
    },
  };
}

/**
 * Spot a whole text (in chunks) in pieces (rescans, tests): every piece sent at once, then the replies
 * handed to `onMatches` in order. False when `spot` says there is no dataset; stops quietly
 * when `stale()`. `pace` is awaited between sends when they run out of time (the caller's
 * slicer). The result equals one whole-text spot (test/unit/content/pieces.test.ts).
 */
export async function spotInPieces(
  src: ChunkedText,
  pieceChars: number,
  spot: (piece: Piece) => Promise<ClaimMatch[] | null>,
  onMatches: (matches: ClaimMatch[]) => Promise<void>,
  opts: { stale?: () => boolean; outOfTime?: () => boolean; pace?: () => Promise<void>; wait?: <T>(p: Promise<T>) => Promise<T> } = {},
): Promise<boolean> {
  if (src.length === 0) return true;
  const { stale = () => false, pace = () => Promise.resolve(), wait = <T>(p: Promise<T>) => p } = opts;
  const sender = createPieceSender(pieceChars, spot);
  while (!sender.offer(src, true, opts.outOfTime)) {
    await pace();
    if (stale()) return true;
  }
  return consumeReplies(sender, onMatches, stale, wait);
}

/** Hand the replies of `sender` to `onMatches` in order; false when one says there is no dataset. */
export async function consumeReplies(
  sender: PieceSender,
  onMatches: (matches: ClaimMatch[]) => Promise<void>,
  stale: () => boolean = () => false,
  wait: <T>(p: Promise<T>) => Promise<T> = (p) => p,
): Promise<boolean> {
  for (const reply of sender.replies) {
    const got = await wait(reply);
    if (stale()) return true;
    if (got === null) return false;
    await onMatches(got);
  }
  return true;
}
