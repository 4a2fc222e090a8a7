/**
 * The hand-written word scanner (src/core/text/words.ts) finds exactly the words of
 * TOKEN_PATTERN, at the same offsets, in any range of any text: random strings over an
 * alphabet rich in the pattern's edge cases (dotted abbreviations, numerals with separators,
 * both apostrophes, accented and combining letters, surrogate pairs, lone surrogates, CJK, the
 * punctuation the scanner skips itself), cut anywhere (also inside a surrogate pair).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TOKEN_PATTERN } from '../../../src/core/text/tokenize.ts';
import { scanWords, WordBuffer, WordTable, wordKey } from '../../../src/core/text/words.ts';

interface Word {
  start: number;
  end: number;
  word: string;
}

/** The reference: the regular expression on the slice. */
function expected(text: string, from: number, to: number): Word[] {
  const slice = text.slice(from, to);
  return [...slice.matchAll(new RegExp(TOKEN_PATTERN.source, 'gu'))].map((m) => ({ start: from + m.index, end: from + m.index + m[0].length, word: m[0] }));
}

/** `wordKey` of a word on its own. */
function keyOf(word: string): [number, number] {
  const b = new WordBuffer();
  wordKey(word, 0, word.length, b, 0);
  return [b.key0[0]!, b.key1[0]!];
}

function scanned(text: string, from: number, to: number, buffer = new WordBuffer()): Word[] {
  const n = scanWords(text, from, to, buffer);
  const out: Word[] = [];
  for (let i = 0; i < n; i++) {
    const word = text.slice(buffer.start[i], buffer.end[i]);
    // Every key is the key of the word's characters, whichever path found it.
    expect([buffer.key0[i], buffer.key1[i]], word).toEqual(keyOf(word));
    out.push({ start: buffer.start[i]!, end: buffer.end[i]!, word });
  }
  return out;
}

const PIECES = [
  'a', 'b', 'z', 'A', 'U', 'S', 'N', 'Q', 'Z', 'word', 'US', 'U.S.', '.', ',', ';', ' ', ' ', '  ', '\n', '\t', '-', '(', ')', '"', '_', '@',
  '0', '1', '9', '42', '9,000', '3.5', '1.2.3', "'", '’', "'s", '’s', "n't", '‘', '“', '”', '—', '–', '…', '\u00A0', '\u2009', '\u200B', '\u2060',
  'é', 'É', 'ü', 'e\u0301', '\u0301', '\u0308', 'İ', 'ß', 'ª', '²', '½', 'µ', '×', '÷', '¿', '©',
  '𝐀', '𝐚', '😀', '\uD835', '\uDC00', '\uD800', '\uDFFF', '北', '朝', '鮮', 'ロ', 'ア', '١', '٢', 'م', 'Ж', 'ж', 'Ω', 'ǅ', 'ⅷ', '\u2070', '\u2071',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((xs) => xs.join(''));
/** A text and a range in it (cut anywhere, also between a surrogate pair's halves). */
const ranged = text.chain((t) =>
  fc.tuple(fc.constant(t), fc.nat({ max: t.length }), fc.nat({ max: t.length })).map(([s, a, b]): [string, number, number] => [s, Math.min(a, b), Math.max(a, b)]),
);

describe('scanWords', () => {
  it('finds what TOKEN_PATTERN finds, on whole texts', () => {
    fc.assert(fc.property(text, (t) => {
      expect(scanned(t, 0, t.length)).toEqual(expected(t, 0, t.length));
    }), { numRuns: 3000 });
  });

  it('finds what TOKEN_PATTERN finds on the slice, for any range', () => {
    // One buffer for all runs: it grows and is reused, as in the matcher.
    const buffer = new WordBuffer();
    fc.assert(fc.property(ranged, ([t, from, to]) => {
      expect(scanned(t, from, to, buffer)).toEqual(expected(t, from, to));
    }), { numRuns: 3000 });
  });

  it.each([
    ['the U.S. and U.K. said', ['the', 'U.S.', 'and', 'U.K.', 'said']],
    ['U.S and A.B.c', ['U', 'S', 'and', 'A.B.', 'c']],
    ['9,000 and 3.5 or 1,2.3, 4', ['9,000', 'and', '3.5', 'or', '1,2.3', '4']],
    ["don't won’t rock'n'roll abc'9 x'' ’tis", ["don't", 'won’t', "rock'n'roll", 'abc', '9', 'x', 'tis']],
    ['2022abc 80’s', ['2022', 'abc', '80', 's']],
    ['Kyïv Mkrtychev\u0301s 北朝鮮 𝐀𝐁c “quoted”—dash', ['Kyïv', 'Mkrtychev\u0301s', '北朝鮮', '𝐀𝐁c', 'quoted', 'dash']],
    ['U.É. É.U. x²', ['U.É.', 'É.U.', 'x²']],
  ])('%j', (t, words) => {
    expect(scanned(t, 0, t.length).map((w) => w.word)).toEqual(words);
    expect(expected(t, 0, t.length).map((w) => w.word)).toEqual(words);
  });

  it('grows its buffer for a range of many words', () => {
    const t = 'word '.repeat(5000);
    expect(scanned(t, 0, t.length)).toHaveLength(5000);
  });
});

describe('wordKey', () => {
  // A key ≥ 0 (key1) must be the word itself: two words of one length with such keys are equal
  // exactly when their keys are (the table then compares no characters).
  const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 10 });
  it('is the word itself for at most 8 ASCII characters, a hash (key1 < 0) otherwise', () => {
    fc.assert(fc.property(ascii, ascii, (a, b) => {
      const [a0, a1] = keyOf(a);
      expect(a1 >= 0).toBe(a.length <= 8);
      const [b0, b1] = keyOf(b);
      if (a.length === b.length && a1 >= 0) expect(a0 === b0 && a1 === b1).toBe(a === b);
    }), { numRuns: 5000 });
    // Near misses: one character apart, at every place.
    for (const w of ['a', 'ab', 'abc', 'abcd', 'abcde', 'abcdefg', 'abcdefgh']) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + String.fromCharCode(w.charCodeAt(i) ^ 1) + w.slice(i + 1);
        expect(keyOf(v)).not.toEqual(keyOf(w));
      }
    }
    expect(keyOf('é')[1]).toBe(-1);
    expect(keyOf('abcdefghi')[1]).toBeLessThan(0);
  });
});

describe('WordTable', () => {
  // Words looked up in place (a range of a text) hold what a Map of the words holds — also
  // when every key collides (`weak`: two bits of a hash key, so only the character check tells
  // words apart).
  const ops = fc.array(fc.tuple(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '’', '𝐀', '\uD800'), maxLength: 9 }), fc.boolean()), { maxLength: 400 });
  it.each([
    ['its key', (w: string): [number, number] => keyOf(w)],
    ['a 2-bit hash key', (w: string): [number, number] => [keyOf(w)[0] & 3, -1]],
  ])('is a map of words (%s)', (_, key) => {
    fc.assert(fc.property(ops, fc.integer({ min: 0, max: 3 }), (list, pad) => {
      const table = new WordTable<number>();
      const map = new Map<string, number>();
      const prefix = 'x'.repeat(pad);
      list.forEach(([w, add], i) => {
        const text = prefix + w + ' tail';
        const [k0, k1] = key(w);
        expect(table.get(text, pad, pad + w.length, k0, k1)).toBe(map.get(w));
        if (add && !map.has(w)) {
          expect(table.add(w, k0, k1, i)).toBe(map.size);
          map.set(w, i);
        }
        expect(table.size).toBe(map.size);
      });
      [...map.keys()].forEach((w, k) => {
        const [k0, k1] = key(w);
        expect(table.indexOf(w, 0, w.length, k0, k1)).toBe(k);
        expect(table.valueAt(k)).toBe(map.get(w));
      });
      table.clear();
      expect(table.size).toBe(0);
      for (const w of map.keys()) expect(table.get(w, 0, w.length, ...key(w))).toBeUndefined();
    }), { numRuns: 300 });
  });

  it('grows past its first sizes (slots, entries, characters)', () => {
    const table = new WordTable<number>();
    for (let i = 0; i < 5000; i++) table.add(`word${i}`, ...keyOf(`word${i}`), i);
    for (let i = 0; i < 5000; i++) table.add(`longer-word-${i}`, ...keyOf(`longer-word-${i}`), -i);
    const text = 'the word4999 and word0 and word2500 longer-word-77';
    expect(table.get(text, 4, 12, ...keyOf('word4999'))).toBe(4999);
    expect(table.get(text, 17, 22, ...keyOf('word0'))).toBe(0);
    expect(table.get(text, 27, 35, ...keyOf('word2500'))).toBe(2500);
    expect(table.get(text, 36, 50, ...keyOf('longer-word-77'))).toBe(-77);
    expect(table.get(text, 0, 3, ...keyOf('the'))).toBeUndefined();
  });
});
