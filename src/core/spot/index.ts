/**
 * The spotting core's public face (issue #4). Text in, matches out; no DOM, no browser API.
 *
 * - `compileIndex(dataset)`: build time. A JSON-serialisable index (what the extension ships).
 * - `loadIndex(compiled)`: run time, once per page/worker. Turns the compiled form into the matcher.
 * - `spotClaims(index, text)`: every sentence of `text` that reports a known claim.
 *
 * How (see matcher.ts): words → concepts (stems through a general synonym lexicon), names →
 * entities (aliases, metonyms, misspellings); each claim is a few groups of alternative
 * concepts; a sentence matches when it covers enough of a claim's event groups and names one
 * of its entities, found through an inverted index from concepts to claims.
 */
import type { ClaimMatch, Dataset } from '../model.ts';
import { compileData, type CompiledData } from './compile.ts';
import { Matcher } from './matcher.ts';

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
  return compileData(dataset) as unknown as CompiledIndex;
}

export function loadIndex(compiled: CompiledIndex): MatchIndex {
  return new Matcher(compiled as unknown as CompiledData);
}

/**
 * Spot the known claims in `text`. `blockBreaks` (optional, sorted) are offsets where a
 * block element ends (paragraph, list item, heading …): no sentence crosses one. Newlines
 * also end sentences.
 */
export function spotClaims(index: MatchIndex, text: string, blockBreaks?: readonly number[]): ClaimMatch[] {
  if (!(index instanceof Matcher)) throw new TypeError('spotClaims: not an index made by loadIndex');
  return index.spot(text, blockBreaks ?? []);
}

export { Matcher };
