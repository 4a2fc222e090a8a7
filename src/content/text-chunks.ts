/**
 * A text held in chunks, never as one string (issue #8: no task of ours over 50 ms). On a page
 * of a million nodes the visible text is 5.5 MB: joining it into one string, and the first
 * slice of that string, were each a task of 27–142 ms. The page walk keeps the text as the runs
 * it joins as it goes (each a few thousand characters, or one huge text node as the DOM gives
 * it), with their start offsets; everything that reads the page text reads through these
 * helpers, which only ever copy the part asked for.
 *
 * Pure: no DOM, no browser API (the piece sender and its tests use it in Node).
 */
import { upperBound } from '../core/sorted.ts';

export interface ChunkedText {
  /** The whole text's length. */
  readonly length: number;
  /** The text, in order, in non-empty chunks. */
  readonly chunks: readonly string[];
  /** Where each chunk starts in the text (ascending; the first is 0). */
  readonly chunkStarts: readonly number[];
  /** Sorted offsets where a block ends, each ≤ `length`. */
  readonly blockBreaks: readonly number[];
}

/** The text from `start` to `end` (clamped to the text), copying only that part. */
export function sliceText(t: ChunkedText, start: number, end: number): string {
  const from = Math.max(0, start);
  const to = Math.min(t.length, end);
  if (to <= from) return '';
  const { chunks, chunkStarts } = t;
  let i = upperBound(chunkStarts, from) - 1;
  const first = chunks[i]!;
  const at = chunkStarts[i]!;
  if (to <= at + first.length) return first.slice(from - at, to - at);
  const parts = [first.slice(from - at)];
  for (i++; i < chunks.length && chunkStarts[i]! < to; i++) {
    const c = chunks[i]!;
    const s = chunkStarts[i]!;
    parts.push(to >= s + c.length ? c : c.slice(0, to - s));
  }
  return parts.join('');
}

/** The whole text as one string: for small texts, Node tools and tests only — never a page's. */
export function wholeText(t: ChunkedText): string {
  return t.chunks.length === 1 ? t.chunks[0]! : t.chunks.join('');
}

/** True when the text holds nothing but white space. */
export function isBlank(t: ChunkedText): boolean {
  for (const c of t.chunks) if (/\S/.test(c)) return false;
  return true;
}

/**
 * A string as a ChunkedText, cut into chunks at `cuts` (offsets inside it; sorted or not) —
 * for tests and callers that hold a small text whole.
 */
export function chunkedText(text: string, blockBreaks: readonly number[] = [], cuts: readonly number[] = []): ChunkedText {
  const at = [...new Set(cuts.filter((c) => c > 0 && c < text.length))].sort((a, b) => a - b);
  const chunks: string[] = [];
  const chunkStarts: number[] = [];
  let prev = 0;
  for (const c of [...at, text.length]) {
    if (c > prev) {
      chunks.push(text.slice(prev, c));
      chunkStarts.push(prev);
    }
    prev = c;
  }
  return { length: text.length, chunks, chunkStarts, blockBreaks };
}
