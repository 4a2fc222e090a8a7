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
export function splitSentences(text: string, from = 0, to = text.length): Array<[number, number]> {
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
