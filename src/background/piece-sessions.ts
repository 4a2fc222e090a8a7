/**
 * The texts that content scripts send in pieces (issue #7), as the background assembles them:
 * one session per request id, its pieces spotted strictly in order (`TextAssembly`), each
 * piece's reply given once the pieces before it are spotted.
 *
 *   piece (seq k) ──► waiting[k] ──► pump: while waiting[next] is there, append + spotReady ──► reply k
 *
 * What can go wrong, and what happens (each path has a test with fake timers:
 * test/unit/background/piece-sessions.test.ts):
 * - a piece comes before its predecessors: it waits; if one of them still has not come after
 *   `pieceWaitMs` (the worker restarted mid-request and lost it), the whole request is refused,
 *   every waiting piece of it rejected, and the content script sends the page again;
 * - a piece comes twice: refused;
 * - a request stops half-way (its tab closed or navigated): dropped after `idleMs` without a
 *   piece, its waiting pieces rejected; at most `maxSessions` requests are kept (the oldest goes).
 */
import type { ClaimMatch } from '../core/model.ts';
import { TextAssembly, type TextPiece } from '../core/spot/chunked.ts';
import type { MatchIndex } from '../core/spot/index.ts';

/** A piece whose predecessors have not come after this long is refused (they were lost). */
export const PIECE_WAIT_MS = 5_000;
/** A request whose next piece has not come for this long is dropped (its tab went away). */
export const SESSION_IDLE_MS = 30_000;
/** Most requests assembled at once (the oldest goes first). */
export const MAX_SESSIONS = 64;

export interface PieceSessionsOptions {
  pieceWaitMs?: number;
  idleMs?: number;
  maxSessions?: number;
  /** Awaited between slices of spotting (lets other messages in). */
  yieldNow?: () => Promise<void>;
  /** Longest run of spotting between two `yieldNow` (chunked.ts SLICE_MS by default). */
  sliceMs?: number;
  /** The clock (Date.now by default). */
  now?: () => number;
}

/** A piece that came before its turn, with the promise of its reply and its give-up timer. */
interface WaitingPiece {
  piece: TextPiece;
  resolve(m: ClaimMatch[]): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface Session {
  asm: TextAssembly;
  /** Pieces not spotted yet, by seq. */
  waiting: Map<number, WaitingPiece>;
  /** The seq of the next piece to spot. */
  next: number;
  busy: boolean;
  touched: number;
  /** The matcher of the request's first piece: every piece of a request is spotted with it. */
  matcher: MatchIndex;
}

export class PieceSessions {
  readonly #sessions = new Map<string, Session>();
  readonly #wait: number;
  readonly #idle: number;
  readonly #max: number;
  readonly #spotOpts: { yieldNow?: () => Promise<void>; sliceMs?: number };
  readonly #now: () => number;

  constructor(opts: PieceSessionsOptions = {}) {
    this.#wait = opts.pieceWaitMs ?? PIECE_WAIT_MS;
    this.#idle = opts.idleMs ?? SESSION_IDLE_MS;
    this.#max = opts.maxSessions ?? MAX_SESSIONS;
    this.#spotOpts = { ...(opts.yieldNow ? { yieldNow: opts.yieldNow } : {}), ...(opts.sliceMs !== undefined ? { sliceMs: opts.sliceMs } : {}) };
    this.#now = opts.now ?? Date.now;
  }

  /** Requests being assembled. */
  get size(): number {
    return this.#sessions.size;
  }

  /** The matcher an open request is spotted with (its later pieces need not look for one). */
  matcherOf(request: string): MatchIndex | undefined {
    return this.#sessions.get(request)?.matcher;
  }

  /**
   * Spot one piece of `request`: resolves to the matches that became certain with it, once the
   * pieces before it are spotted; rejects when it came twice or its request was dropped.
   */
  spot(request: string, piece: TextPiece, matcher: MatchIndex): Promise<ClaimMatch[]> {
    const now = this.#now();
    this.#evictIdle(now);
    let s = this.#sessions.get(request);
    if (!s) {
      s = { asm: new TextAssembly(), waiting: new Map(), next: 0, busy: false, touched: now, matcher };
      this.#sessions.set(request, s);
      this.#evictOverflow();
    }
    if (piece.seq < s.next || s.waiting.has(piece.seq)) return Promise.reject(new Error(`spot request ${request}: piece ${piece.seq} twice`));
    s.touched = now;
    const session = s;
    const reply = new Promise<ClaimMatch[]>((resolve, reject) => {
      const entry: WaitingPiece = { piece, resolve, reject, timer: undefined };
      const check = (): void => {
        if (session.waiting.get(piece.seq) !== entry) return;
        for (let k = session.next; k < piece.seq; k++) {
          if (!session.waiting.has(k)) {
            this.#drop(request, session, `piece ${k} never came`);
            return;
          }
        }
        entry.timer = setTimeout(check, this.#wait); // all there, the ones before still being spotted
      };
      entry.timer = setTimeout(check, this.#wait);
      session.waiting.set(piece.seq, entry);
    });
    void this.#pump(request, session);
    return reply;
  }

  /** Spot the pieces of a session in order, as they become due. */
  async #pump(request: string, s: Session): Promise<void> {
    if (s.busy) return;
    s.busy = true;
    try {
      for (let w = s.waiting.get(s.next); w; w = s.waiting.get(s.next)) {
        s.waiting.delete(s.next);
        clearTimeout(w.timer);
        s.next += 1;
        try {
          s.asm.append(w.piece);
          w.resolve(await s.asm.spotReady(s.matcher, this.#spotOpts));
        } catch (err) {
          w.reject(err instanceof Error ? err : new Error(String(err)));
        }
        s.touched = this.#now();
      }
    } finally {
      s.busy = false;
      if (s.asm.complete && this.#sessions.get(request) === s) this.#sessions.delete(request);
    }
  }

  /** Forget a request; its waiting pieces fail with `why`. */
  #drop(request: string, s: Session, why: string): void {
    if (this.#sessions.get(request) === s) this.#sessions.delete(request);
    for (const w of s.waiting.values()) {
      clearTimeout(w.timer);
      w.reject(new Error(`spot request ${request}: ${why}`));
    }
    s.waiting.clear();
  }

  #evictIdle(now: number): void {
    for (const [id, s] of this.#sessions) {
      if (now - s.touched > this.#idle) this.#drop(id, s, `no piece for ${this.#idle} ms (pieces before ${s.next} never came)`);
    }
  }

  #evictOverflow(): void {
    for (const [id, s] of this.#sessions) {
      if (this.#sessions.size <= this.#max) return;
      this.#drop(id, s, `more than ${this.#max} requests at once (pieces before ${s.next} never came)`);
    }
  }
}
