/**
 * Sentence splitting (src/core/text/sentences.ts) walks character codes; it must split exactly
 * as the regular-expression version it replaced (kept below as the reference, unchanged) on
 * random text rich in its cases: terminators, closers, openers, abbreviations, initials,
 * dotted initialisms, spaces of several kinds, newlines, non-ASCII capitals (İ lowercases to
 * two code units), surrogate pairs — and any range.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitSentences, terminatorCursor } from '../../../src/core/text/sentences.ts';

// ---- the reference: the previous implementation, verbatim ----
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'sen', 'rep',
  'gov', 'pres', 'rev', 'hon', 'st', 'jr', 'sr', 'inc', 'co', 'corp', 'ltd', 'vs', 'no', 'nos', 'fig', 'approx',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'etc', 'e.g', 'i.e',
]);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 13;
}
function isCloser(ch: string): boolean {
  return ch === '"' || ch === "'" || ch === '”' || ch === '’' || ch === ')' || ch === ']' || ch === '»';
}
function isTerminator(ch: string): boolean {
  return ch === '.' || ch === '!' || ch === '?' || ch === '…';
}
/** Can `ch` open a sentence: an uppercase letter, a digit, or an opening quote/bracket. */
function opensSentence(ch: string): boolean {
  if (ch === '"' || ch === '“' || ch === '‘' || ch === "'" || ch === '(' || ch === '[' || ch === '«') return true;
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
  return ch !== ch.toLowerCase();
}

/** The word (letters and inner dots) that ends just before `i`, lowercased. */
function wordBefore(text: string, i: number): string {
  let j = i;
  while (j > 0) {
    const ch = text[j - 1] ?? '';
    if (ch === '.' || /[\p{L}]/u.test(ch)) j--;
    else break;
  }
  return text.slice(j, i).toLowerCase();
}

function trimmed(text: string, s: number, e: number, out: Array<[number, number]>): void {
  while (s < e && (isSpace(text.charCodeAt(s)) || text.charCodeAt(s) === 10)) s++;
  while (e > s && (isSpace(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 10)) e--;
  if (e > s) out.push([s, e]);
}

/**
 * Sentence spans of `text[from, to)`, trimmed of surrounding whitespace.
 * `to` should be a block end (the caller splits at block breaks).
 */
function reference(text: string, from = 0, to = text.length): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = from;
  // Jump from terminator to terminator: most characters cannot end a sentence.
  const re = /[.!?…\n]/g;
  re.lastIndex = from;
  for (let found = re.exec(text); found !== null && found.index < to; found = re.exec(text)) {
    const i = found.index;
    const ch = found[0];
    if (ch === '\n') {
      trimmed(text, start, i, out);
      start = i + 1;
      continue;
    }
    let j = i + 1;
    while (j < to && (isTerminator(text[j] ?? '') || isCloser(text[j] ?? ''))) j++;
    if (j < to && !isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== 10) continue;
    let k = j;
    while (k < to && isSpace(text.charCodeAt(k))) k++;
    if (k < to && text.charCodeAt(k) !== 10 && !opensSentence(text[k] ?? '')) continue;
    if (ch === '.') {
      const w = wordBefore(text, i);
      if (ABBREVIATIONS.has(w)) continue;
      // A dotted initialism ("U.S.") or a lone initial ("John F. Kennedy") before a capital
      // word most often runs on ("the U.S. Treasury").
      if (/^(?:\p{L}\.)+\p{L}$/u.test(w) || /^\p{Lu}$/u.test(text.slice(i - 1, i)) && w.length === 1) {
        if (k < to && /\p{Lu}/u.test(text[k] ?? '')) continue;
      }
    }
    trimmed(text, start, j, out);
    start = j;
    re.lastIndex = j;
  }
  trimmed(text, start, to, out);
  return out;
}
// ---- end of the reference ----

const PIECES = [
  'the', 'word', 'Kennedy', 'Mr', 'mrs', 'Gen', 'St', 'approx', 'e.g', 'i.e', 'etc', 'U', 'S', 'F', 'x', 'A.B', 'U.S', 'u.s',
  '.', '.', '.', '!', '?', '…', '"', "'", '”', '’', ')', ']', '»', '“', '‘', '(', '[', '«', ',', ':',
  ' ', ' ', ' ', '  ', '\n', '\u00A0', '\u2009', '\u202F', '\t', '\r', '9', '42',
  '. T', '. The', ' İ.', 'A.B.C.D', 'x.y.z.w', 'İ', 'É', 'é', 'Ω', 'ω', 'Σ', 'ǅ', '𝐀', '😀', '\uD835', '北', 'ß',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((xs) => xs.join(''));
const ranged = text.chain((t) =>
  fc.tuple(fc.constant(t), fc.nat({ max: t.length }), fc.nat({ max: t.length })).map(([s, a, b]): [string, number, number] => [s, Math.min(a, b), Math.max(a, b)]),
);

describe('splitSentences', () => {
  it('splits as the reference does, on whole texts', () => {
    fc.assert(fc.property(text, (t) => {
      expect(splitSentences(t)).toEqual(reference(t));
    }), { numRuns: 4000 });
  });

  it('splits as the reference does, in any range', () => {
    fc.assert(fc.property(ranged, ([t, from, to]) => {
      expect(splitSentences(t, from, to)).toEqual(reference(t, from, to));
    }), { numRuns: 4000 });
  });

  it('splits the same with a cursor kept over consecutive blocks', () => {
    const blocks = text.chain((t) => fc.tuple(fc.constant(t), fc.uniqueArray(fc.nat({ max: t.length }), { maxLength: 12 })));
    fc.assert(fc.property(blocks, ([t, cuts]) => {
      const ends = [...cuts.filter((c) => c > 0).sort((a, b) => a - b), t.length];
      const cursor = terminatorCursor();
      let from = 0;
      for (const end of ends) {
        if (end <= from) continue;
        expect(splitSentences(t, from, end, cursor)).toEqual(reference(t, from, end));
        from = end;
      }
    }), { numRuns: 3000 });
  });

  it('splits the same with one cursor over ranges in any order (it only skips what it searched)', () => {
    const ranges = text.chain((t) => fc.tuple(fc.constant(t), fc.array(fc.tuple(fc.nat({ max: t.length }), fc.nat({ max: t.length })), { maxLength: 12 })));
    fc.assert(fc.property(ranges, ([t, pairs]) => {
      const cursor = terminatorCursor();
      for (const [a, b] of pairs) {
        const [from, to] = a <= b ? [a, b] : [b, a];
        expect(splitSentences(t, from, to, cursor)).toEqual(reference(t, from, to));
      }
    }), { numRuns: 3000 });
  });

  it.each([
    ['Mr. Smith met Gen. Lee. They left.', ['Mr. Smith met Gen. Lee.', 'They left.']],
    ['The U.S. Treasury said so. John F. Kennedy spoke!', ['The U.S. Treasury said so.', 'John F. Kennedy spoke!']],
    ['He said "never." Then he left… “Why?” asked Ann.', ['He said "never."', 'Then he left…', '“Why?” asked Ann.']],
    ['It cost 3.5 million. 9 were sold.\nNext line', ['It cost 3.5 million.', '9 were sold.', 'Next line']],
    ['The A.B.C.D. Board met.', ['The A.B.C.D. Board met.']],
    // İ lowercases to two code units: not read as an initial.
    ['Sir İ. Kennedy came.', ['Sir İ.', 'Kennedy came.']],
    ['lower. case after a period stays.', ['lower. case after a period stays.']],
  ])('%j', (t, sentences) => {
    expect(splitSentences(t).map(([s, e]) => t.slice(s, e))).toEqual(sentences);
  });
});
