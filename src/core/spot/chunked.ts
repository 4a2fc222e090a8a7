/**
 * Spotting a long text in chunks (issue #4, #8): the text is cut at block breaks (or, inside a
 * huge block, at sentence starts), each chunk is spotted with enough preceding context for
 * anaphora ("Pyongyang has denied the charges" points back), and only the chunk's own matches
 * are kept, so the result equals one whole-text `spotClaims` (a property test says so:
 * test/unit/property/spot.property.test.ts). Between slices of about `sliceMs` it awaits
 * `yieldNow`, so the caller (the background, serving several tabs) stays responsive and
 * memory stays bounded on a 5 MB text node.
 */
import type { ClaimMatch } from '../model.ts';
import { splitSentences } from '../text/sentences.ts';
import { spotClaims, type MatchIndex } from './index.ts';
import { LOOKBACK_SENTENCES } from './matcher.ts';

/** Longest run of spotting before yielding. */
export const SLICE_MS = 8;
/** Characters of text spotted per step (a slice runs several steps while in budget). */
const CHUNK_CHARS = 6000;
/** Characters of preceding text given as context to a chunk (anaphora: "He added: ..."). */
const CONTEXT_CHARS = 1200;
/** Sentences of context a chunk starts with: as far back as a sentence's reading looks (spot/matcher.ts). */
const CONTEXT_SENTENCES = LOOKBACK_SENTENCES;
/** A chunk longer than this (one huge block) is cut at a sentence start (issue #8: 5 MB text node). */
const MAX_CHUNK_CHARS = 4 * CHUNK_CHARS;
/** Longest stretch searched for a sentence boundary before a chunk is cut at a space. */
const MAX_SENTENCE_SCAN = 64 * 1024;

/** First index of `xs` (sorted) whose value is > `v`. */
function upperBound(xs: readonly number[], v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/**
 * Where a chunk starting at `from` must end when its blocks run past MAX_CHUNK_CHARS: the
 * start of a sentence (sentence boundaries are found the same way the matcher finds them, so
 * the cut changes no sentence), else a space, else any point not inside a surrogate pair.
 */
function cutInsideBlock(text: string, from: number, end: number): number {
  for (let scan = 2 * CHUNK_CHARS; ; scan *= 2) {
    const limit = Math.min(end, from + scan);
    const sentences = splitSentences(text, from, limit);
    // The last span may be cut by `limit`; the start of the last one is a true boundary.
    const last = sentences[sentences.length - 1];
    if (sentences.length >= 2 && last && last[0] > from) return last[0];
    if (limit >= end) return end;
    if (scan >= MAX_SENTENCE_SCAN) {
      // No sentence ends in 64 K characters: cut at the last space (never inside a character).
      const space = text.lastIndexOf(' ', limit);
      let cut = space > from ? space + 1 : limit;
      if (cut < text.length && isLowSurrogate(text.charCodeAt(cut))) cut -= 1;
      return cut > from ? cut : limit;
    }
  }
}

/**
 * Where a chunk's context starts: early enough to hold the CONTEXT_SENTENCES sentences before
 * `from` whole (denials that point back, "He added: …") and at least CONTEXT_CHARS of text
 * back to a block break, so a chunk sees what one whole-text spot would.
 */
export function contextStart(text: string, blockBreaks: readonly number[], from: number): number {
  if (from <= 0) return 0;
  let k = upperBound(blockBreaks, from - 1) - 1; // the last break before `from`
  let ctx = from;
  // At least CONTEXT_CHARS back, at a block break.
  for (let j = k; j >= 0 && from - blockBreaks[j]! <= CONTEXT_CHARS; j--) ctx = blockBreaks[j]!;
  // And the last sentences whole (blocks scanned from the end, at most MAX_SENTENCE_SCAN each).
  let hi = from;
  let need = CONTEXT_SENTENCES;
  for (;;) {
    const lo = k >= 0 ? blockBreaks[k]! : 0;
    const scanFrom = Math.max(lo, hi - MAX_SENTENCE_SCAN);
    const sentences = splitSentences(text, scanFrom, hi);
    // With a truncated scan the first span may be partial: it is not counted.
    const whole = scanFrom > lo ? sentences.slice(1) : sentences;
    if (whole.length >= need) return Math.min(ctx, whole[whole.length - need]![0]);
    if (scanFrom > lo) return Math.min(ctx, sentences[0]?.[0] ?? scanFrom);
    need -= whole.length;
    if (lo === 0) return 0;
    hi = lo;
    k--;
  }
}

/** One chunk of a long text: spot `text.slice(ctx, to)` with `breaks`, keep matches from `from` on. */
export interface TextChunk {
  /** Where the chunk's context starts (≤ from). */
  ctx: number;
  from: number;
  /** Where the chunk ends (> from). */
  to: number;
  /** The block breaks inside (ctx, to], relative to ctx. */
  breaks: number[];
}

/**
 * The chunk of `text` that starts at `from` (< text.length): it ends at the first block break
 * past `chunkChars` characters (or the end of the text); a huge block (over 4 × chunkChars)
 * is cut at a sentence start. Issue #8: the content script cuts its page text into pieces the
 * same way before sending them to the background (one message never carries 5 MB).
 */
export function nextChunk(text: string, blockBreaks: readonly number[], from: number, chunkChars: number = CHUNK_CHARS): TextChunk {
  const maxChunk = chunkChars === CHUNK_CHARS ? MAX_CHUNK_CHARS : 4 * chunkChars;
  const bi = upperBound(blockBreaks, from);
  let to = text.length;
  for (let j = bi; j < blockBreaks.length; j++) {
    if (blockBreaks[j]! - from >= chunkChars) {
      to = blockBreaks[j]!;
      break;
    }
  }
  if (to - from > maxChunk) {
    // One huge block: end at the last block break within reach, else inside the block.
    const inReach = upperBound(blockBreaks, from + maxChunk) - 1;
    const b = inReach >= bi ? blockBreaks[inReach]! : -1;
    to = b > from ? b : cutInsideBlock(text, from, to);
  }
  const ctx = contextStart(text, blockBreaks, from);
  const breaks: number[] = [];
  for (let j = upperBound(blockBreaks, ctx); j < blockBreaks.length && blockBreaks[j]! <= to; j++) breaks.push(blockBreaks[j]! - ctx);
  return { ctx, from, to, breaks };
}

/**
 * Spot `text` in chunks cut at block breaks (or, inside a huge block, at sentence
 * starts), yielding between slices. Each chunk is spotted with the context before it, and
 * only its own matches are kept: the result equals one whole-text spot (a property test says
 * so: test/unit/property/spot.property.test.ts).
 */
export async function spotInSlices(
  index: MatchIndex,
  text: string,
  blockBreaks: readonly number[],
  opts: { signal?: AbortSignal; yieldNow?: () => Promise<void>; sliceMs?: number } = {},
): Promise<ClaimMatch[]> {
  const { signal, yieldNow = () => Promise.resolve(), sliceMs = SLICE_MS } = opts;
  const out: ClaimMatch[] = [];
  let sliceStart = performance.now();
  let from = 0;
  while (from < text.length) {
    if (signal?.aborted) return out;
    const { ctx, to, breaks } = nextChunk(text, blockBreaks, from);
    for (const m of spotClaims(index, text.slice(ctx, to), breaks)) {
      if (m.start + ctx < from) continue;
      out.push({ ...m, start: m.start + ctx, end: m.end + ctx, sentenceStart: m.sentenceStart + ctx, sentenceEnd: m.sentenceEnd + ctx });
    }
    from = to;
    if (performance.now() - sliceStart > sliceMs) {
      await yieldNow();
      sliceStart = performance.now();
    }
  }
  return out;
}
