/**
 * The spotting core's public face (issue #4). Text in, matches out; no DOM, no browser API.
 *
 * - `compileIndex(dataset)`: build time. A JSON-serialisable index (what the extension ships).
 * - `loadIndex(compiled)`: run time, once per page/worker. Turns the compiled form into the matcher.
 * - `spotClaims(index, text)`: every sentence of `text` that reports a known claim.
 *
 * STUB: the real implementation replaces these bodies; the signatures are the contract that
 * the dataset tools (`claimlens dataset build`), the CLI and the content script rely on.
 */
import type { ClaimMatch, Dataset } from '../model.ts';

/** The shipped, JSON-serialisable matching index. Its inner format belongs to the spotting core. */
export interface CompiledIndex {
  format: 'claimlens-index';
  version: number;
  [key: string]: unknown;
}

/** The loaded matcher. Opaque to callers. */
export interface MatchIndex {
  readonly claimCount: number;
}

export function compileIndex(dataset: Dataset): CompiledIndex {
  return { format: 'claimlens-index', version: 0, claims: dataset.claims.map((c) => c.id) };
}

export function loadIndex(compiled: CompiledIndex): MatchIndex {
  const claims = Array.isArray(compiled['claims']) ? compiled['claims'] : [];
  return { claimCount: claims.length };
}

/**
 * Spot the known claims in `text`. `blockBreaks` (optional, sorted) are offsets where a
 * block element ends (paragraph, list item, heading …): no sentence crosses one.
 */
export function spotClaims(_index: MatchIndex, _text: string, _blockBreaks?: readonly number[]): ClaimMatch[] {
  return [];
}
