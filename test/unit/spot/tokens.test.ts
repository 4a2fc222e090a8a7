/**
 * The matcher reads a sentence's tokens from its page table of words (matcher.ts `tokensOf`):
 * they must be exactly tokenize()'s, and each token's concept exactly wordConcept() of its
 * normal form — on a cold table and on a warm one, for random text rich in the tokenizer's
 * cases and the dataset's own words and names.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileIndex, loadIndex } from '../../../src/core/spot/index.ts';
import { tokenize, type Token } from '../../../src/core/text/tokenize.ts';
import { conceptOf } from '../../../src/core/spot/concepts.ts';
import { loadDatasetSync } from '../../../src/dataset/load.ts';
import { vocabulary } from '../property/vocabulary.ts';

const data = loadDatasetSync();
const compiled = compileIndex(data);
const vocab = vocabulary(data);
const PIECES = [
  ...vocab, 'US', 'U.S.', 'Us', "US's", 'US’s', "it's", 'Kim’s', '9,000', '3.5', '2022', 'É', 'é', 'İ', 'ß', 'e\u0301', '𝐀', '北', ' ', ' ', '. ', ', ', '“', '”', '—',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(' '));
const ranged = text.chain((t) =>
  fc.tuple(fc.constant(t), fc.nat({ max: t.length }), fc.nat({ max: t.length })).map(([s, a, b]): [string, number, number] => [s, Math.min(a, b), Math.max(a, b)]),
);

interface Inside {
  tokensOf(text: string, s: number, e: number): { tokens: Token[]; concepts: Int32Array };
  conceptNo: Map<string, number>;
  clearCache(): void;
}

describe('tokensOf (tokens from the page table of words)', () => {
  it('equals tokenize() and the concepts of its normal forms, cold and warm', () => {
    const m = loadIndex(JSON.parse(JSON.stringify(compiled))) as unknown as Inside;
    const concept = (norm: string): number => {
      const c = conceptOf(norm);
      return c === null ? -1 : (m.conceptNo.get(c) ?? -1);
    };
    let runs = 0;
    fc.assert(fc.property(ranged, ([t, from, to]) => {
      if (++runs % 50 === 0) m.clearCache();
      for (let pass = 0; pass < 2; pass++) {
        const { tokens, concepts } = m.tokensOf(t, from, to);
        const expected = tokenize(t, from, to);
        expect(tokens).toEqual(expected);
        expect([...concepts]).toEqual(expected.map((x) => concept(x.norm)));
      }
    }), { numRuns: 1500 });
  });
});
