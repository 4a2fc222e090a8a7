/**
 * The Porter stemmer of the `stemmer` package (2.0.1), without its regular expressions, for
 * words of 3 to 30 lowercase ASCII letters; any other word goes to the package itself.
 *
 * Why hand-written: every distinct word of a page that may reach the index's concepts is
 * stemmed (the caches are per page), and the package runs up to a dozen regular expressions a
 * word, each building its match — most of a distinct word's cost on the 200 KB bench page
 * (bench/ab.ts). This works on the word's character codes in place and builds one string at
 * the end (none when the word is its own stem).
 *
 * It follows the package step by step, with the package's own reading of each rule: its
 * measure expressions (`gt0`, `eq1`, `gt1`, `vowelInStem`, `consonantLike`) are read as
 * regular expressions are, any way of splitting the word into consonant and vowel runs that
 * fits (`[^aeiou][^aeiouy]*` and `[aeiouy][aeiou]*`), computed as the set of places each run
 * can end (a bit mask); its `^(.+?)(suffix|…)$` takes the longest listed suffix after at least
 * one letter. test/unit/core/porter.test.ts holds it equal to the package on random words rich
 * in Porter's endings and on every word of the lexicon.
 */
import { stemmer } from 'stemmer';

const A = 97;
const E = 101;
const I = 105;
const O = 111;
const U = 117;
const Y = 121;
/** Where an initial y is kept while stemming ('Y': never a vowel), as the package does. */
const BIG_Y = 89;

/** 1: a e i o u; 2: y; 0: any other code (consonants, and the initial 'Y'). */
const KIND = new Uint8Array(128);
for (const c of [A, E, I, O, U]) KIND[c] = 1;
KIND[Y] = 2;

/** [^aeiou]: the first letter of a consonant run (y too). */
function c0(c: number): boolean {
  return KIND[c] !== 1;
}
/** [^aeiouy]: the next letters of a consonant run. */
function cRest(c: number): boolean {
  return KIND[c] === 0;
}
/** [aeiouy]: the first letter of a vowel run. */
function v0(c: number): boolean {
  return KIND[c] !== 0;
}
/** [aeiou]: the next letters of a vowel run. */
function vRest(c: number): boolean {
  return KIND[c] === 1;
}

/** The word being stemmed: its codes, its current length. */
const b = new Uint8Array(40);

/** Places (bits) where a consonant run starting at one of `from` can end, within b[0, n). */
function cEnds(from: number, n: number): number {
  let out = 0;
  for (let p = 0; p < n; p++) {
    if ((from & (1 << p)) === 0 || !c0(b[p]!)) continue;
    let q = p + 1;
    out |= 1 << q;
    while (q < n && cRest(b[q]!)) out |= 1 << ++q;
  }
  return out;
}

/** Places where a vowel run starting at one of `from` can end, within b[0, n). */
function vEnds(from: number, n: number): number {
  let out = 0;
  for (let p = 0; p < n; p++) {
    if ((from & (1 << p)) === 0 || !v0(b[p]!)) continue;
    let q = p + 1;
    out |= 1 << q;
    while (q < n && vRest(b[q]!)) out |= 1 << ++q;
  }
  return out;
}

/** `^C?`: where the word's first (optional) consonant run can end. */
function start(n: number): number {
  return 1 | cEnds(1, n);
}

/** `^C?VC` on b[0, n) (measure > 0). */
function gt0(n: number): boolean {
  return cEnds(vEnds(start(n), n), n) !== 0;
}

/** `^C?(VC){2,}` on b[0, n) (measure > 1). */
function gt1(n: number): boolean {
  const once = cEnds(vEnds(start(n), n), n);
  return once !== 0 && cEnds(vEnds(once, n), n) !== 0;
}

/** `^C?VCV?$` on b[0, n) (measure = 1). */
function eq1(n: number): boolean {
  const vc = cEnds(vEnds(start(n), n), n);
  return ((vc | vEnds(vc, n)) & (1 << n)) !== 0;
}

/** `^C?[aeiouy]` on b[0, n). */
function vowelInStem(n: number): boolean {
  const from = start(n);
  for (let p = 0; p < n; p++) if ((from & (1 << p)) !== 0 && v0(b[p]!)) return true;
  return false;
}

/** `^C[aeiouy][^aeiouwxy]$` on b[0, n). */
function consonantLike(n: number): boolean {
  if (n < 3) return false;
  const ends = cEnds(1, n);
  const q = n - 2;
  if ((ends & (1 << q)) === 0 || !v0(b[q]!)) return false;
  // [^aeiouwxy] (lowercase: the initial 'Y' is in it).
  const last = b[n - 1]!;
  return KIND[last] === 0 && last !== 119 && last !== 120;
}

/** Does b[0, n) end with `s`? */
function endsWith(n: number, s: string): boolean {
  const m = s.length;
  if (m > n) return false;
  for (let i = 0; i < m; i++) if (b[n - m + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** Suffix rules: [suffix, replacement], longest suffixes first. */
type Rules = ReadonlyArray<readonly [string, string]>;
const byLength = (o: Record<string, string>): Rules => Object.entries(o).sort((x, y) => y[0].length - x[0].length);
const STEP2 = byLength({
  ational: 'ate', tional: 'tion', enci: 'ence', anci: 'ance', izer: 'ize', bli: 'ble', alli: 'al', entli: 'ent', eli: 'e',
  ousli: 'ous', ization: 'ize', ation: 'ate', ator: 'ate', alism: 'al', iveness: 'ive', fulness: 'ful', ousness: 'ous',
  aliti: 'al', iviti: 'ive', biliti: 'ble', logi: 'log',
});
const STEP3 = byLength({ icate: 'ic', ative: '', alize: 'al', iciti: 'ic', ical: 'ic', ful: '', ness: '' });
const STEP4 = byLength(Object.fromEntries('al ance ence er ic able ible ant ement ment ent ou ism ate iti ous ive ize'.split(' ').map((s) => [s, ''])));

/** The longest rule whose suffix ends b[0, n) after at least one letter, or -1. */
function rule(rules: Rules, n: number): number {
  for (let r = 0; r < rules.length; r++) {
    const s = rules[r]![0];
    if (s.length < n && endsWith(n, s)) return r;
  }
  return -1;
}

/** Replace the last `cut` letters of b[0, n) by `by`; the new length. */
function replace(n: number, cut: number, by: string): number {
  let k = n - cut;
  for (let i = 0; i < by.length; i++) b[k++] = by.charCodeAt(i);
  return k;
}

/** `stemmer(value)`, exactly. */
export function porterStem(value: string): string {
  const len = value.length;
  if (len < 3 || len > 30) return stemmer(value);
  for (let i = 0; i < len; i++) {
    const c = value.charCodeAt(i);
    if (c < A || c > 122) return stemmer(value);
    b[i] = c;
  }
  let k = len;
  const firstY = b[0] === Y;
  if (firstY) b[0] = BIG_Y;

  // Step 1a.
  if ((k >= 5 && endsWith(k, 'sses')) || (k >= 4 && endsWith(k, 'ies'))) k -= 2;
  else if (k >= 3 && b[k - 1] === 115 && b[k - 2] !== 115) k -= 1;

  // Step 1b.
  if (k >= 4 && endsWith(k, 'eed')) {
    if (gt0(k - 3)) k -= 1;
  } else {
    const stem = k >= 3 && endsWith(k, 'ed') ? k - 2 : k >= 4 && endsWith(k, 'ing') ? k - 3 : -1;
    if (stem > 0 && vowelInStem(stem)) {
      k = stem;
      if (endsWith(k, 'at') || endsWith(k, 'bl') || endsWith(k, 'iz')) b[k++] = E;
      else if (k >= 2 && b[k - 1] === b[k - 2] && KIND[b[k - 1]!] === 0 && b[k - 1] !== 108 && b[k - 1] !== 115 && b[k - 1] !== 122) k -= 1;
      else if (consonantLike(k)) b[k++] = E;
    }
  }

  // Step 1c.
  if (k >= 2 && b[k - 1] === Y && vowelInStem(k - 1)) b[k - 1] = I;

  // Steps 2 and 3.
  for (const rules of [STEP2, STEP3]) {
    const r = rule(rules, k);
    if (r >= 0) {
      const [s, by] = rules[r]!;
      if (gt0(k - s.length)) k = replace(k, s.length, by);
    }
  }

  // Step 4.
  const r = rule(STEP4, k);
  if (r >= 0) {
    const cut = k - STEP4[r]![0].length;
    if (gt1(cut)) k = cut;
  } else if (k >= 5 && endsWith(k, 'ion') && (b[k - 4] === 115 || b[k - 4] === 116) && gt1(k - 3)) k -= 3;

  // Step 5.
  if (k >= 2 && b[k - 1] === E && (gt1(k - 1) || (eq1(k - 1) && !consonantLike(k - 1)))) k -= 1;
  if (k >= 2 && b[k - 1] === 108 && b[k - 2] === 108 && gt1(k)) k -= 1;

  if (firstY) b[0] = Y;
  // The word itself, or its first k letters, when the stem only cut it (most words): no new codes.
  let same = 0;
  while (same < k && same < len && b[same] === value.charCodeAt(same)) same++;
  if (same === k) return k === len ? value : value.slice(0, k);
  let out = value.slice(0, same);
  for (let i = same; i < k; i++) out += String.fromCharCode(b[i]!);
  return out;
}
