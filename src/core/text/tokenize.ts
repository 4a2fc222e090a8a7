/**
 * Word tokens with exact UTF-16 offsets into the original text, and their normal form.
 *
 * Normal form: lowercase, diacritics folded ("Kyiv" = "Kyïv"), curly apostrophes straight,
 * possessive "'s" dropped, dotted abbreviations joined ("U.S." → "us", flagged `upper`).
 * Tokens never start or end inside a surrogate pair: the pattern only matches whole code points.
 */

import { scanWords, TOKEN_PATTERN, WordBuffer } from './words.ts';

export interface Token {
  /** Offsets into the original text (UTF-16 code units). */
  start: number;
  end: number;
  /** The normal form (see above). */
  norm: string;
  /** First letter is uppercase in the text. */
  cap: boolean;
  /** Every letter is uppercase (an acronym: "US", "DPRK", "U.S."). */
  upper: boolean;
  /** A numeral written with digits ("9,000", "2022"). */
  digits: boolean;
}

/**
 * One alternation, tried in order: dotted abbreviations (U.S., U.N.), numerals with
 * thousands separators or decimals, then words with inner apostrophes (words.ts, which scans
 * text by these rules without the regular expression where it can).
 */
export { TOKEN_PATTERN };
const WORDS = new WordBuffer();
const NON_ASCII = /[^ -~\t\n\r]/;
const MARKS = /\p{M}+/gu;

/** Lowercase and fold diacritics and curly apostrophes. Cheap for plain ASCII. */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(MARKS, '').replace(/’/g, "'");
}

/** The normal form of one word as written (see the module comment). */
export function normalizeWord(raw: string): string {
  let w = fold(raw);
  if (w.includes('.')) {
    // A dotted abbreviation ("u.s.") or a numeral ("9.5"): numerals keep their dots.
    if (!/\d/.test(w)) w = w.replace(/\./g, '');
  }
  if (w.endsWith("'s")) w = w.slice(0, -2);
  else if (w.endsWith("'")) w = w.slice(0, -1);
  return w;
}

export function isUpper(raw: string): boolean {
  return raw !== raw.toLowerCase() && raw === raw.toUpperCase();
}

/** Tokenise `text` between `from` and `to` (default: all of it). */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const count = scanWords(text, from, to, WORDS);
  const { start, end } = WORDS;
  for (let i = 0; i < count; i++) {
    const raw = text.slice(start[i], end[i]);
    const c = raw.charCodeAt(0);
    const digits = c >= 48 && c <= 57;
    const first = raw[0] ?? '';
    // A word whose first letter has an uppercase form other than itself (a lowercase letter) is no acronym.
    const upper = !digits && raw.length > 1 && first === first.toUpperCase() && isUpper(raw.replace(/['’]s$/, ''));
    out.push({
      start: start[i]!,
      end: end[i]!,
      norm: digits ? raw : normalizeWord(raw),
      cap: !digits && first !== first.toLowerCase(),
      upper,
      digits,
    });
  }
  return out;
}
