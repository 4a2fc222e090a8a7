/** The vocabulary pre-check before stemming (src/core/spot/concepts.ts) never loses a word. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { conceptOf, vocabularyCheck } from '../../../src/core/spot/concepts.ts';
import { IRREGULAR, SYNONYMS } from '../../../src/core/spot/lexicon.ts';

/** Porter's endings (every rule's suffix), to make words that exercise each step. */
const ENDINGS = (
  'ational tional enci anci izer bli alli entli eli ousli ization ation ator alism iveness fulness ousness aliti iviti ' +
  'biliti logi icate ative alize iciti ical ful ness al ance ence er ic able ible ant ement ment ent ion ou ism ate iti ' +
  'ous ive ize ies sses ss s ed ing eed y e ll ly ying yed ys'
).split(' ');
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const LEXICON = [...SYNONYMS.flat(), ...Object.keys(IRREGULAR), ...Object.values(IRREGULAR)];

const letters = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...LETTERS.split('')), minLength: min, maxLength: max });
/** Random letters; short stems with one or two Porter endings; the lexicon's words with endings. */
const word = fc.oneof(
  letters(1, 12),
  fc.tuple(letters(0, 4), fc.constantFrom(...ENDINGS), fc.constantFrom('', ...ENDINGS)).map(([a, b, c]) => a + b + c),
  fc.tuple(fc.constantFrom(...LEXICON), fc.constantFrom('', ...ENDINGS)).map(([a, b]) => a + b),
  fc.tuple(fc.constantFrom('y', 'yy', 'ay', 'oy', 'ey'), fc.constantFrom('', ...ENDINGS)).map(([a, b]) => a + b),
);

describe('vocabularyCheck', () => {
  test('never rejects a word whose concept is in the vocabulary (against the real stemmer)', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 5 }), (w, others) => {
        const c = conceptOf(w);
        if (c === null) return;
        // The check only grows with the vocabulary: the word's own concept among a few others.
        const vocab = [...others.map(conceptOf).filter((x): x is string => x !== null), c];
        expect(vocabularyCheck(vocab)(w), `${w} → ${c}`).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  test('every word of the lexicon reaches its own concept through the check', () => {
    for (const w of LEXICON) {
      const c = conceptOf(w);
      if (c !== null) expect(vocabularyCheck([c])(w), w).toBe(true);
    }
  });

  test('rejects words that start unlike every stem of the vocabulary (it can fail)', () => {
    const check = vocabularyCheck(['weapon', '~food', 'sanction', '@us-gov']);
    expect(check('weapons')).toBe(true);
    expect(check('grains')).toBe(true); // ~food's group has grain
    expect(check('sanctioned')).toBe(true);
    expect(check('minister')).toBe(false);
    expect(check('climate')).toBe(false);
    expect(check('parliament')).toBe(false);
    expect(check('us')).toBe(false);
  });
});
