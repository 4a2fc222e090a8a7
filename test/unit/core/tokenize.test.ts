/**
 * tokenize (src/core/text/tokenize.ts) reads words with the scanner of words.ts and skips the
 * acronym test for words that start with a lowercase letter: its tokens must equal those of
 * the regular-expression version it replaced (kept below as the reference) on random text
 * rich in the tokenizer's cases, in any range.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isUpper, normalizeWord, tokenize, TOKEN_PATTERN, type Token } from '../../../src/core/text/tokenize.ts';

// ---- the reference: the previous implementation, verbatim ----
const TOKEN_RE = new RegExp(TOKEN_PATTERN.source, 'gu');
function reference(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const src = from === 0 && to === text.length ? text : text.slice(from, to);
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(src); m !== null; m = TOKEN_RE.exec(src)) {
    const raw = m[0];
    const c = raw.charCodeAt(0);
    const digits = c >= 48 && c <= 57;
    const first = raw[0] ?? '';
    out.push({
      start: from + m.index,
      end: from + m.index + raw.length,
      norm: digits ? raw : normalizeWord(raw),
      cap: !digits && first !== first.toLowerCase(),
      upper: !digits && raw.length > 1 && isUpper(raw.replace(/['’]s$/, '')),
      digits,
    });
  }
  return out;
}
// ---- end of the reference ----

const PIECES = [
  'a', 'word', 'Word', 'WORD', 'US', 'U.S.', 'Us', 'uS', "US's", 'US’s', "it's", "'s", '’', "'", '.', ',', ' ', ' ', '9,000', '3.5', '2022',
  'é', 'É', 'ß', 'ǅ', 'ǆ', 'İ', 'ı', 'e\u0301', 'E\u0301', '\u0301', 'Ω', 'ω', 'Σ', 'ς', '𝐀', '𝐚', '𐐀', '𐐨', '\uD801', '北', 'ロ', '١', 'Ⅷ', 'ⅷ', 'ª', '²',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((xs) => xs.join(''));
const ranged = text.chain((t) =>
  fc.tuple(fc.constant(t), fc.nat({ max: t.length }), fc.nat({ max: t.length })).map(([s, a, b]): [string, number, number] => [s, Math.min(a, b), Math.max(a, b)]),
);

describe('tokenize', () => {
  it('gives the reference tokens, in any range', () => {
    fc.assert(fc.property(ranged, ([t, from, to]) => {
      expect(tokenize(t, from, to)).toEqual(reference(t, from, to));
    }), { numRuns: 4000 });
  });

  it.each([
    ['US', true], ['U.S.', true], ["US's", true], ['Us', false], ['uS', false], ['ǅX', false], ['𐐀𐐀', true], ['𐐨𐐀', false], ['北US', true],
  ])('%j upper: %s', (word, upper) => {
    expect(tokenize(word)[0]!.upper).toBe(upper);
    expect(reference(word)[0]!.upper).toBe(upper);
  });
});
