/**
 * Spotting a long text in chunks (issue #4, #8): the text is cut at block breaks (or, inside a
 * huge block, at sentence starts), each chunk is spotted with enough preceding context for
 * anaphora ("Pyongyang has denied the charges" points back), and only the chunk's own matches
 * are kept, so the result equals one whole-text `spotClaims` (a property test says so:
 * test/unit/property/spot.property.test.ts). Between slices of about `sliceMs` it awaits
 * `yieldNow`, so the caller (the background, serving several tabs) stays responsive and
 * memory stays bounded on a 5 MB text node.
 *
 * Issue #7: the content script sends its page text in pieces as it reads it, cut anywhere
 * convenient to it (block breaks; a space inside a huge block) with no sentence logic of its
 * own; `TextAssembly` puts them together here and spots each stretch once it can be spotted
 * exactly as in the whole text (`readyUpTo`).
 */
import type { ClaimMatch } from '../model.ts';
import { upperBound } from '../sorted.ts';
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
 * is cut at a sentence start.
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
 * so: test/unit/property/spot.property.test.ts). `from`: spot from there on only (a block
 * break or a sentence start; the text before it is context), as `TextAssembly` does.
 */
export async function spotInSlices(
  index: MatchIndex,
  text: string,
  blockBreaks: readonly number[],
  opts: { signal?: AbortSignal; yieldNow?: () => Promise<void>; sliceMs?: number; from?: number } = {},
): Promise<ClaimMatch[]> {
  const { signal, yieldNow = () => Promise.resolve(), sliceMs = SLICE_MS } = opts;
  const out: ClaimMatch[] = [];
  let sliceStart = performance.now();
  let from = opts.from ?? 0;
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

/** One piece of a text sent in order (issue #7): its text, its block breaks (relative, in (0, text.length]). */
export interface TextPiece {
  text: string;
  blockBreaks: readonly number[];
  /** 0, 1, 2 … in the order of the text. */
  seq: number;
  /** The text ends with this piece. */
  last: boolean;
}

/** Below this many characters past the last break, a huge block is not yet cut (one sentence may run on). */
const MIN_BLOCK_CUT = 2 * CHUNK_CHARS;

/**
 * How far a text known up to `text.length` (more may follow unless `final`) can be spotted
 * from `done` with the result one whole-text spot would give: the end when final; else the
 * last block break; else, inside one long block, the start of its last sentence (a sentence
 * start that the text after it cannot move: see sentences.ts, a boundary is decided by the
 * characters up to the next sentence's first); else `done` (wait for more text).
 */
export function readyUpTo(text: string, blockBreaks: readonly number[], done: number, final: boolean): number {
  if (final) return text.length;
  const last = blockBreaks.length ? blockBreaks[blockBreaks.length - 1]! : 0;
  if (last > done) return last;
  const from = Math.max(done, last);
  if (text.length - from < MIN_BLOCK_CUT) return done;
  const sentences = splitSentences(text, from, text.length);
  const lastStart = sentences[sentences.length - 1]?.[0] ?? from;
  return sentences.length >= 2 && lastStart > from ? lastStart : done;
}

/**
 * A text that arrives in pieces (issue #7: the content script sends its page text in pieces as
 * it reads it, cut at block breaks or anywhere inside a huge block, with no sentence logic of
 * its own). Pieces are appended in order; `spotReady` spots what can be spotted so far (see
 * `readyUpTo`) with its full preceding context, and returns those matches in offsets of the
 * whole text. Over all pieces the matches equal one whole-text spot
 * (test/unit/spot/assembly.test.ts).
 */
export class TextAssembly {
  /**
   * The text from `base` on (what is not spotted yet, and the context it needs): the text
   * before the context of the next chunk is dropped as spotting goes (the context of a later
   * chunk never starts earlier: contextStart only moves forward), so a 5 MB page costs no
   * quadratic copying and the memory stays about one piece and its context.
   */
  private text = '';
  /** Block breaks of `text` (relative; 0 when `base` is a break). */
  private breaks: number[] = [];
  private base = 0;
  /** Spotted up to here (relative). */
  private done = 0;
  private next = 0;
  private final = false;

  /** The next piece (seq in order; a piece out of order or after the last throws). */
  append(piece: TextPiece): void {
    if (this.final) throw new Error(`piece ${piece.seq} after the last one`);
    if (piece.seq !== this.next) throw new Error(`piece ${piece.seq} out of order (expected ${this.next})`);
    const at0 = this.text.length;
    for (const b of piece.blockBreaks) {
      const at = at0 + b;
      if (b > 0 && b <= piece.text.length && (this.breaks.length === 0 || at > this.breaks[this.breaks.length - 1]!)) this.breaks.push(at);
    }
    this.text += piece.text;
    this.next += 1;
    this.final = piece.last;
  }

  /** True once the last piece is in and everything is spotted. */
  get complete(): boolean {
    return this.final && this.done >= this.text.length;
  }

  /** Characters held now (the context of the next chunk and what is not spotted yet). */
  get heldChars(): number {
    return this.text.length;
  }

  /** Spot what is ready since the last call; matches in offsets of the whole text. */
  async spotReady(index: MatchIndex, opts: { signal?: AbortSignal; yieldNow?: () => Promise<void>; sliceMs?: number } = {}): Promise<ClaimMatch[]> {
    const limit = readyUpTo(this.text, this.breaks, this.done, this.final);
    if (limit <= this.done) return [];
    const from = this.done;
    this.done = limit;
    const text = limit === this.text.length ? this.text : this.text.slice(0, limit);
    const breaks = limit === this.text.length ? this.breaks : this.breaks.slice(0, upperBound(this.breaks, limit));
    const found = await spotInSlices(index, text, breaks, { ...opts, from });
    const base = this.base;
    const out = base === 0 ? found : found.map((m) => ({ ...m, start: m.start + base, end: m.end + base, sentenceStart: m.sentenceStart + base, sentenceEnd: m.sentenceEnd + base }));
    this.drop();
    return out;
  }

  /** Drop the text that no later chunk reads (before the context of the next one). */
  private drop(): void {
    if (this.final || this.done < DROP_CHARS) return;
    const keep = contextStart(this.text, this.breaks, this.done);
    if (keep < DROP_CHARS) return;
    const k = upperBound(this.breaks, keep - 1); // first break ≥ keep
    this.breaks = this.breaks.slice(k).map((b) => b - keep);
    this.text = this.text.slice(keep);
    this.base += keep;
    this.done -= keep;
  }
}

/** Text is dropped from an assembly in runs of at least this many characters. */
const DROP_CHARS = 64 * 1024;
