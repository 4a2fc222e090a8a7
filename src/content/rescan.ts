/**
 * Rescans after the page changed (issue #7): pure helpers for the orchestrator (app.ts).
 *
 * - `joinPages`: the changed blocks of one batch, each read on its own, become ONE text for
 *   ONE spot request (instead of one round trip per block); the joined PageText maps every
 *   offset back to its text node like a page read in one go, so marks are placed from it
 *   directly. Blocks are separated by "\n" and a block break: no sentence crosses them.
 * - `RescanPacer`: when to look again. The first rescan after a calm spell comes soon
 *   (RESCAN_FIRST_MS); while the page keeps mutating the delay grows (×BACKOFF up to
 *   RESCAN_MAX_MS), and it is never less than PACE × our own last rescan's main-thread time,
 *   so a page that mutates without pause cannot make us take more than about 1/PACE of it.
 *   Each rescan has a fixed cost beside reading the changed blocks (issue #7, measured on a
 *   page appending a paragraph per frame: a timer, a spot request's round trip through the
 *   browser process and the service worker, the reply, the marks' bookkeeping; about 13 ms of
 *   CPU over the three processes, 11 rescans in 5 s with ×1.5 up to 1 s): a page that keeps
 *   mutating gets a rescan at most every 2 s, reached in 5 steps (7 rescans in 5 s); a change
 *   after a calm spell is still read after RESCAN_FIRST_MS.
 */
import { upperBound } from '../core/sorted.ts';
import type { PageText } from './page-text.ts';

/** First delay after a calm spell (ms): about three frames. */
export const RESCAN_FIRST_MS = 50;
/** Longest delay while the page keeps mutating (ms). */
export const RESCAN_MAX_MS = 2000;
/** Growth of the delay from one rescan to the next while the page keeps mutating. */
export const BACKOFF = 2;
/** The delay is at least PACE × the main-thread time of our last rescan (≤ 1/PACE of the page's time). */
export const PACE = 20;

/** One PageText for several separately read blocks (document order kept as given); their chunks are kept, not joined. */
export function joinPages(pages: readonly PageText[]): PageText {
  const chunks: string[] = [];
  const chunkStarts: number[] = [];
  let length = 0;
  const blockBreaks: number[] = [];
  const starts: number[] = [];
  /** Where each page's text nodes start in `starts`. */
  const firstNode: number[] = [];
  for (const p of pages) {
    if (length > 0) {
      if (!chunks[chunks.length - 1]!.endsWith('\n')) {
        chunks.push('\n');
        chunkStarts.push(length);
        length += 1;
      }
      if (blockBreaks[blockBreaks.length - 1] !== length) blockBreaks.push(length);
    }
    const base = length;
    for (let i = 0; i < p.chunks.length; i++) {
      chunks.push(p.chunks[i]!);
      chunkStarts.push(base + p.chunkStarts[i]!);
    }
    length += p.length;
    for (const b of p.blockBreaks) {
      const at = base + b;
      if (blockBreaks.length === 0 || blockBreaks[blockBreaks.length - 1]! < at) blockBreaks.push(at);
    }
    firstNode.push(starts.length);
    for (const s of p.starts) starts.push(base + s);
  }
  const nodeAt = (i: number): Text | null => {
    const k = upperBound(firstNode, i) - 1;
    return k < 0 ? null : pages[k]!.nodeAt(i - firstNode[k]!);
  };
  return { length, chunks, chunkStarts, blockBreaks, starts, nodeAt };
}

export interface RescanPacer {
  /** The delay before the next rescan, given the time now. */
  next(now: number): number;
  /** A rescan ran from `start` to `end`, `busyMs` of it our own main-thread time. */
  done(start: number, end: number, busyMs: number): void;
}

export function createRescanPacer(): RescanPacer {
  let delay = RESCAN_FIRST_MS;
  let lastEnd = -Infinity;
  let lastBusy = 0;
  return {
    next(now) {
      // Changes again soon after our last rescan: the page keeps mutating, back off; else calm.
      const busy = now - lastEnd < Math.max(delay * 2, RESCAN_FIRST_MS * 4);
      delay = busy ? Math.min(RESCAN_MAX_MS, delay * BACKOFF) : RESCAN_FIRST_MS;
      return Math.min(RESCAN_MAX_MS * 5, Math.max(delay, PACE * lastBusy));
    },
    done(_start, end, busyMs) {
      lastEnd = end;
      lastBusy = busyMs;
    },
  };
}
