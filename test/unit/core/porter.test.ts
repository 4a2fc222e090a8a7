/** The hand-written Porter stemmer (src/core/spot/porter.ts) is the `stemmer` package's, word for word. */
import fc from 'fast-check';
import { stemmer } from 'stemmer';
import { describe, expect, test } from 'vitest';
import { porterStem } from '../../../src/core/spot/porter.ts';
import { IRREGULAR, STOP_WORDS, SYNONYMS } from '../../../src/core/spot/lexicon.ts';

/** Porter's endings (every rule's suffix and condition), to make words that exercise each step. */
const ENDINGS = (
  'ational tional enci anci izer bli alli entli eli ousli ization ation ator alism iveness fulness ousness aliti iviti ' +
  'biliti logi icate ative alize iciti ical ful ness al ance ence er ic able ible ant ement ment ent ion sion tion ou ism ate iti ' +
  'ous ive ize ies sses ss s ed ing eed y e ll ly ying yed ys at bl iz ated ating bled izing ies ied eing ee'
).split(' ');
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Letters weighted towards the measure's edge cases (y, w, x, doubled consonants). */
const UNITS = [...LETTERS.split(''), 'y', 'y', 'w', 'x', 'e', 'a', 'i', 'o', 'u', 'l', 's', 'z'];
const LEXICON = [...SYNONYMS.flat(), ...Object.keys(IRREGULAR), ...Object.values(IRREGULAR), ...STOP_WORDS];

const letters = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...UNITS), minLength: min, maxLength: max });
const word = fc.oneof(
  letters(0, 34),
  fc.tuple(letters(0, 6), fc.constantFrom(...ENDINGS), fc.constantFrom('', ...ENDINGS), fc.constantFrom('', ...ENDINGS)).map((xs) => xs.join('')),
  fc.tuple(fc.constantFrom(...LEXICON), fc.constantFrom('', ...ENDINGS)).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('y', 'yy', 'ay', 'oy', 'ey', 'ya', 'yo', 'ye'), letters(0, 3), fc.constantFrom('', ...ENDINGS)).map((xs) => xs.join('')),
  // Not only lowercase letters: the package's own path.
  fc.string({ unit: fc.constantFrom('a', 'e', 'y', 's', 'Y', 'É', 'é', "'", '’', '1', '.', '-'), maxLength: 10 }),
);

describe('porterStem', () => {
  test('equals the stemmer package on random words rich in Porter endings', () => {
    fc.assert(
      fc.property(word, (w) => {
        expect(porterStem(w), w).toBe(stemmer(w));
      }),
      { numRuns: 100_000 },
    );
  });

  test('equals it on every word of the lexicon, with and without each ending', () => {
    for (const w of LEXICON) for (const e of ['', ...ENDINGS]) expect(porterStem(w + e), w + e).toBe(stemmer(w + e));
  });

  test('known stems (it can fail)', () => {
    expect(['caresses', 'ponies', 'agreed', 'hopping', 'filing', 'happy', 'relational', 'electrical', 'adjustment', 'controll', 'yelling', 'weapons']
      .map(porterStem)).toEqual(['caress', 'poni', 'agre', 'hop', 'file', 'happi', 'relat', 'electr', 'adjust', 'control', 'yell', 'weapon']);
  });
});
