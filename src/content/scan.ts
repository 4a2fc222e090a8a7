/**
 * Reading a page (or a rescan's changed blocks) and spotting it in the background (issue #6,
 * #7, #8), for the orchestrator (app.ts): the text is read in slices of the page life's slicer
 * (page-text.ts createTextExtractor) and goes to the background in pieces (pieces.ts) as it is
 * read, so the background spots the first pieces while the rest of the page is being read and
 * no single message makes a long task. Every await is followed by a look at `stale()` (the
 * caller's page life and scan generation), so a scan replaced by a newer one stops there.
 */
import type { ClaimMatch } from '../core/model.ts';
import { benchMark } from './bench-probe.ts';
import { createTextExtractor, type PageText } from './page-text.ts';
import { consumeReplies, createPieceSender, spotInPieces, type Piece, type PieceSender } from './pieces.ts';
import type { Slicer } from './slices.ts';

/**
 * Characters of page text per piece (issue #7, #8): the text goes to the background in pieces
 * as it is read (pieces.ts), so no single message (its serialising here, its reply's parsing)
 * makes a long task, even for a 5 MB text node, and the background spots the first pieces
 * while the rest of the page is being read.
 */
const PIECE_CHARS = 64_000;
/**
 * While reading the page, the text read so far is offered to the piece sender after OFFER_MS
 * of reading, then after twice as much reading each time; the text stays in chunks
 * (text-chunks.ts), and an offer copies out only the pieces it sends: the whole text is never
 * built.
 */
const OFFER_MS = 3;
/** Times a full scan starts its page walk again when the page pulls the node it stood on. */
const WALK_RETRIES = 3;

export interface ScannerDeps {
  /** The page life's slicer: reading and sending yield when the slice is spent. */
  slicer: Slicer;
  /** The page life: reading stops when it ends. */
  signal: AbortSignal;
  /** Elements whose text is not page text (hidden, or our own UI). */
  isHidden(el: Element): boolean;
  /** Spot one piece in the background (AppDeps.spot). */
  spot(piece: Piece): Promise<ClaimMatch[] | null>;
}

export interface Scanner {
  /** The visible text under `root`, read in slices; null when the page life ended meanwhile. */
  readText(root: Node): Promise<PageText | null>;
  /** Read `root` and send its text in pieces as it is read; null when `stale()` meanwhile. */
  readAndSend(root: Node, stale: () => boolean): Promise<{ page: PageText; sender: PieceSender } | null>;
  /** Spot a text already read, in pieces, one request; false when no dataset is available. */
  spotPage(page: PageText, onMatches: (matches: ClaimMatch[]) => Promise<void>, stale: () => boolean): Promise<boolean>;
  /** Hand the replies of a page read and sent (readAndSend) to `onMatches` in order; false when no dataset is available. */
  replies(sender: PieceSender, onMatches: (matches: ClaimMatch[]) => Promise<void>, stale: () => boolean): Promise<boolean>;
}

export function createScanner(deps: ScannerDeps): Scanner {
  const { slicer, signal, isHidden } = deps;

  /**
   * Read the visible text under `root` in slices (page-text.ts createTextExtractor). When the
   * page pulls the node the walk stands on, the walk starts again (a few times; then what was
   * read is used, and the observer's records bring the rest).
   */
  async function readText(root: Node): Promise<PageText | null> {
    for (let attempt = 1; ; attempt++) {
      const walk = createTextExtractor(root, { isHidden, readInRuns: true });
      for (;;) {
        const r = walk.step(slicer.outOfTime);
        if (r === 'done' || (r === 'lost' && attempt >= WALK_RETRIES)) return walk.result();
        if (r === 'lost') break;
        await slicer.yield();
        if (signal.aborted) return null;
      }
    }
  }

  /** Hand one piece to the background (bench builds mark the time it takes to send). */
  const sendPiece = (piece: Piece): Promise<ClaimMatch[] | null> => {
    benchMark('send');
    const reply = deps.spot(piece); // serialised here, synchronously, when the gate is open
    benchMark('sent');
    return reply;
  };
  /** Await a reply with our slice closed (the bench probe marks its arrival). */
  const waitReply = async <T>(p: Promise<T>): Promise<T> => {
    const got = await slicer.wait(p);
    benchMark('spotted');
    return got;
  };

  /**
   * Spot a text already read (a rescan's changed blocks) in pieces of PIECE_CHARS, one request
   * (pieces.ts spotInPieces), handing the matches (page offsets) to `onMatches` in order.
   * False when no dataset is available.
   */
  async function spotPage(page: PageText, onMatches: (matches: ClaimMatch[]) => Promise<void>, stale: () => boolean): Promise<boolean> {
    return spotInPieces(page, PIECE_CHARS, sendPiece, onMatches, {
      stale,
      outOfTime: slicer.outOfTime,
      pace: () => slicer.yield(),
      wait: waitReply,
    });
  }

  /**
   * Read the page and send its text in pieces as it is read (issue #7: the background spots
   * the first pieces while the rest is read; one round trip for the page, not one per piece).
   * When the page pulls the node the walk stands on, the walk starts again with a new request
   * (a few times; then what was read is used, and the observer's records bring the rest).
   */
  async function readAndSend(root: Node, stale: () => boolean): Promise<{ page: PageText; sender: PieceSender } | null> {
    for (let attempt = 1; ; attempt++) {
      const walk = createTextExtractor(root, { isHidden, readInRuns: true });
      const sender = createPieceSender(PIECE_CHARS, sendPiece);
      /** Reading time so far, and when the next offer is due (ms of reading). */
      let readMs = 0;
      let offerAt = OFFER_MS;
      for (;;) {
        const t0 = performance.now();
        const r = walk.step(() => slicer.outOfTime() || readMs + performance.now() - t0 > offerAt);
        readMs += performance.now() - t0;
        if (r === 'lost' && attempt < WALK_RETRIES) break;
        const done = r !== 'paused';
        if (done) benchMark('extracted');
        if (done || readMs >= offerAt) {
          offerAt = 2 * readMs;
          // The text read so far, in chunks: the sender copies out only its pieces (the whole
          // text of a huge page in one string is a long task to build: issue #8).
          const page = walk.result();
          while (!sender.offer(page, done, slicer.outOfTime)) {
            await slicer.yield();
            if (stale()) return null;
          }
          if (done) return { page, sender };
        }
        if (slicer.outOfTime()) {
          await slicer.yield();
          if (stale()) return null;
        }
      }
    }
  }

  return {
    readText,
    readAndSend,
    spotPage,
    replies: (sender, onMatches, stale) => consumeReplies(sender, onMatches, stale, waitReply),
  };
}
