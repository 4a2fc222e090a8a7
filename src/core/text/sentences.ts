/**
 * Sentence bounds inside a text.
 *
 * Why hand-written: `Intl.Segmenter(…, {granularity: 'sentence'})` splits after "Mr." and
 * "Gen." (ICU without abbreviation suppressions), and in V8 it took ~1.4 s on a 200 KB page
 * (measured on this machine, Node 20.20) — three orders of magnitude over our budget.
 * These rules are the usual ones: a terminator [.!?…], optional closing quotes or brackets,
 * whitespace, then something that can open a sentence; never after a known abbreviation.
 * Newlines and the caller's block breaks always end a sentence.
 */

/** Titles and short forms after which a period does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'maj', 'sen', 'rep',
  'gov', 'pres', 'rev', 'hon', 'st', 'jr', 'sr', 'inc', 'co', 'corp', 'ltd', 'vs', 'no', 'nos', 'fig', 'approx',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'ft', 'etc', 'e.g', 'i.e',
]);

const TERMINATORS = /[.!?…\n]/g;
const MAX_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x2009 || c === 0x202f || c === 13;
}
/** " ' ” ’ ) ] » */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93 || c === 0xbb;
}
/** . ! ? … */
function isTerminator(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}
/** Can the character at `k` open a sentence: an uppercase letter, a digit, or an opening quote/bracket. */
function opensSentence(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 34 || c === 39 || c === 40 || c === 91;
  if (c === 0x201c || c === 0x2018 || c === 0xab) return true;
  const ch = text[k]!;
  return ch !== ch.toLowerCase();
}
/** Is the code unit at `k` a (BMP) letter? */
function isLetterAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /\p{L}/u.test(text[k]!);
}
function isUpperAt(text: string, k: number): boolean {
  const c = text.charCodeAt(k);
  if (c < 128) return c >= 65 && c <= 90;
  return /\p{Lu}/u.test(text[k]!);
}

function trimmed(text: string, s: number, e: number, out: number[]): void {
  while (s < e && (isSpace(text.charCodeAt(s)) || text.charCodeAt(s) === 10)) s++;
  while (e > s && (isSpace(text.charCodeAt(e - 1)) || text.charCodeAt(e - 1) === 10)) e--;
  if (e > s) out.push(s, e);
}

/**
 * Does the period at `i` (followed by a sentence opener at `k`) belong to the word before it:
 * a known abbreviation ("Mr."), or a dotted initialism ("U.S.") or a lone initial
 * ("John F. Kennedy") before a capital word, which most often runs on ("the U.S. Treasury")?
 */
function periodRunsOn(text: string, i: number, k: number, to: number): boolean {
  // The word (letters and inner dots) that ends at the period.
  let j = i;
  let dots = false;
  while (j > 0) {
    const c = text.charCodeAt(j - 1);
    if (c === 46) dots = true;
    else if (!isLetterAt(text, j - 1)) break;
    j--;
  }
  const len = i - j;
  // Lowercasing never shortens a word: a longer one is no abbreviation, and without a dot nor
  // as a single letter it is no initial.
  if (len === 0 || (len > MAX_ABBREVIATION && !dots)) return false;
  const w = text.slice(j, i).toLowerCase();
  if (ABBREVIATIONS.has(w)) return true;
  if ((dots && /^(?:\p{L}\.)+\p{L}$/u.test(w)) || (len === 1 && w.length === 1 && isUpperAt(text, i - 1))) {
    if (k < to && isUpperAt(text, k)) return true;
  }
  return false;
}

/**
 * Where the next terminator lies, kept across calls on one text (the blocks of a page, in
 * order; any order stays correct): there is none in [from, next). Without it, a block with no terminator
 * searched on to the next one in the whole text — for many such blocks, quadratic (1 MB of
 * 50-character blocks without a period: 4.6 s).
 */
export interface TerminatorCursor {
  from: number;
  next: number;
}

/** A cursor for a new text (knows nothing yet). */
export function terminatorCursor(): TerminatorCursor {
  return { from: 0, next: -1 };
}

/**
 * Sentence spans of `text[from, to)`, trimmed of surrounding whitespace.
 * `to` should be a block end (the caller splits at block breaks). `cursor`: see TerminatorCursor.
 */
export function splitSentences(text: string, from = 0, to = text.length, cursor?: TerminatorCursor): Array<[number, number]> {
  const flat: number[] = [];
  sentenceBounds(text, from, to, flat, cursor);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

/** `splitSentences` into a flat list: start, end, start, end … appended to `out` (no array per sentence). */
export function sentenceBounds(text: string, from: number, to: number, out: number[], cursor?: TerminatorCursor): void {
  let start = from;
  // Jump from terminator to terminator (a native search): most characters cannot end a sentence.
  const re = TERMINATORS;
  let at = from;
  if (cursor && from >= cursor.from && from <= cursor.next) at = cursor.next;
  for (;;) {
    let i: number;
    if (at >= to) i = at;
    else {
      re.lastIndex = at;
      // test(), not exec(): no match object; a match is one character, so it ends at lastIndex.
      i = re.test(text) ? re.lastIndex - 1 : text.length;
      if (cursor) {
        cursor.from = at;
        cursor.next = i;
      }
    }
    if (i >= to) break;
    at = i + 1;
    const c = text.charCodeAt(i);
    if (c === 10) {
      trimmed(text, start, i, out);
      start = i + 1;
      continue;
    }
    let j = i + 1;
    while (j < to && (isTerminator(text.charCodeAt(j)) || isCloser(text.charCodeAt(j)))) j++;
    if (j < to && !isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== 10) continue;
    let k = j;
    while (k < to && isSpace(text.charCodeAt(k))) k++;
    if (k < to && text.charCodeAt(k) !== 10 && !opensSentence(text, k)) continue;
    if (c === 46 && periodRunsOn(text, i, k, to)) continue;
    trimmed(text, start, j, out);
    start = j;
    at = j;
  }
  trimmed(text, start, to, out);
}
