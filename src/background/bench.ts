/**
 * Benchmark probe of the background (issue #7): bench builds (`__CLAIMLENS_BENCH__`, see
 * src/content/bench-probe.ts) leave `claimlens-bg:*` User Timing marks in the service worker;
 * elsewhere a no-op whose body the bundler drops.
 *
 * Bench builds also keep the pieces of the last spot request and expose
 * `globalThis.__claimlensBench.replay(reps)`: the same pieces spotted again in the worker
 * (a fresh TextAssembly each time, the live matcher), timed per piece, so a benchmark can
 * compare the worker's own spotting speed with Node's on exactly the same text
 * (bench/browser/replay.ts).
 */
import type { MatchIndex } from '../core/spot/index.ts';
import { TextAssembly, type TextPiece } from '../core/spot/chunked.ts';

declare const __CLAIMLENS_BENCH__: boolean | undefined;

export const BENCH: boolean = typeof __CLAIMLENS_BENCH__ !== 'undefined' && __CLAIMLENS_BENCH__;

/** A `claimlens-bg:<name>` mark (bench builds only). */
export function benchMark(name: string): void {
  if (BENCH) performance.mark(`claimlens-bg:${name}`);
}

/** Per-piece spot times (ms) of one replay, and the matches found. */
export interface ReplayRun {
  pieceMs: number[];
  matches: number;
}

/** Spot `pieces` as the background does (one TextAssembly, in order), timing each piece. */
export async function replayPieces(matcher: MatchIndex, pieces: readonly TextPiece[]): Promise<ReplayRun> {
  const asm = new TextAssembly();
  const pieceMs: number[] = [];
  let matches = 0;
  for (const p of pieces) {
    const t = performance.now();
    asm.append(p);
    matches += (await asm.spotReady(matcher)).length;
    pieceMs.push(performance.now() - t);
  }
  return { pieceMs, matches };
}

let last: { request: string; pieces: TextPiece[] } | null = null;
let liveMatcher: MatchIndex | null = null;

function expose(): void {
  (globalThis as { __claimlensBench?: unknown }).__claimlensBench ??= {
    pieces: (): TextPiece[] => last?.pieces ?? [],
    /** Replay `pieces` (default: the last request's) `reps` times with the live matcher. */
    replay: async (reps: number, pieces?: TextPiece[]): Promise<ReplayRun[]> => {
      const runs: ReplayRun[] = [];
      const ps = pieces ?? last?.pieces ?? [];
      for (let i = 0; i < reps && liveMatcher; i++) runs.push(await replayPieces(liveMatcher, ps));
      return runs;
    },
  };
}

/** The matcher the background loaded (bench builds only). */
export function benchMatcher(matcher: MatchIndex): void {
  if (!BENCH) return;
  liveMatcher = matcher;
  expose();
}

/** Keep a piece of the current request (bench builds only). */
export function benchPiece(request: string, piece: TextPiece): void {
  if (!BENCH) return;
  if (last?.request !== request) last = { request, pieces: [] };
  last.pieces.push(piece);
  expose();
}
