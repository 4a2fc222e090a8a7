/**
 * Quantities in text: "9,000" = "9000" = "nine thousand"; "more than two dozen" = "over two
 * dozen" (> 24) ≈ "at least 24" (≥ 24). Years ("2022") and ordinals are not quantities.
 */
import type { Token } from './tokenize.ts';

export type Comparator = '=' | '>' | '<' | '~';

export interface Quantity {
  value: number;
  cmp: Comparator;
  /** Offsets of the whole expression, comparator included. */
  start: number;
  end: number;
}

// Null-prototype tables: `in` sees only their own words, never Object.prototype's ("constructor").
const UNITS: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
const SCALES: Record<string, number> = Object.assign(Object.create(null) as Record<string, number>, { dozen: 12, dozens: 12, hundred: 100, hundreds: 100, thousand: 1000, thousands: 1000, million: 1e6, millions: 1e6, billion: 1e9, billions: 1e9 });

/** Comparator phrases (normal forms), longest first. "over" etc. mean "more than". */
const COMPARATORS: Array<[string[], Comparator]> = [
  [['more', 'than'], '>'], [['greater', 'than'], '>'], [['at', 'least'], '>'], [['upwards', 'of'], '>'],
  [['in', 'excess', 'of'], '>'], [['over'], '>'], [['above'], '>'], [['exceeding'], '>'],
  [['fewer', 'than'], '<'], [['less', 'than'], '<'], [['under'], '<'], [['up', 'to'], '<'], [['below'], '<'],
  [['about'], '~'], [['around'], '~'], [['nearly'], '~'], [['almost'], '~'], [['approximately'], '~'],
  [['roughly'], '~'], [['some'], '~'], [['some'], '~'], [['an', 'estimated'], '~'],
];

const NUMBER_WORDS = new Set([...Object.keys(UNITS), ...Object.keys(SCALES)]);

/** True for normal forms that are part of a written number. */
export function isNumberWord(norm: string): boolean {
  return NUMBER_WORDS.has(norm);
}

function digitValue(t: Token): number | null {
  const s = t.norm;
  // "9,000" / "9.000" thousands groups, or a decimal "9.5".
  if (/^\d{1,3}(?:,\d{3})+$/.test(s)) return Number(s.replace(/,/g, ''));
  if (/^\d+(?:\.\d+)?$/.test(s)) return Number(s);
  return null;
}

/** The quantities among `tokens` (one sentence's tokens, in order). */
export function findQuantities(tokens: readonly Token[]): Quantity[] {
  const out: Quantity[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let value: number | null;
    let j: number;
    if (t.digits) {
      value = digitValue(t);
      if (value === null) continue;
      // A bare four-digit year is a date, not a quantity.
      if (/^\d{4}$/.test(t.norm) && value >= 1900 && value <= 2100) continue;
      j = i + 1;
    } else if (t.norm in UNITS || ((t.norm === 'a' || t.norm === 'several') && tokens[i + 1] && (tokens[i + 1]!.norm === 'dozen' || tokens[i + 1]!.norm === 'hundred' || tokens[i + 1]!.norm === 'thousand'))) {
      value = t.norm in UNITS ? UNITS[t.norm]! : 1;
      j = i + 1;
      // "twenty four", "twenty-four"
      const next = tokens[j];
      if (next && value >= 20 && value % 10 === 0 && next.norm in UNITS && UNITS[next.norm]! < 10) {
        value += UNITS[next.norm]!;
        j++;
      }
    } else if (t.norm === 'dozens' || t.norm === 'hundreds' || t.norm === 'thousands') {
      value = 2 * SCALES[t.norm]!;
      out.push({ value, cmp: '>', start: t.start, end: t.end });
      continue;
    } else continue;
    // Scales: "nine thousand", "two dozen", "9 million".
    while (j < tokens.length && tokens[j]!.norm in SCALES && !tokens[j]!.norm.endsWith('s')) {
      value *= SCALES[tokens[j]!.norm]!;
      j++;
    }
    let start = t.start;
    let cmp: Comparator = '=';
    for (const [words, c] of COMPARATORS) {
      const k = i - words.length;
      if (k < 0) continue;
      if (words.every((w, n) => tokens[k + n]!.norm === w)) {
        cmp = c;
        start = tokens[k]!.start;
        break;
      }
    }
    out.push({ value, cmp, start, end: tokens[j - 1]!.end });
    i = j - 1;
  }
  return out;
}

/** Do two quantities say the same thing? "> 24" = "≥ 24"; "~" allows 10%. */
export function sameQuantity(a: Quantity, b: Quantity): boolean {
  if (a.value === b.value) {
    if (a.cmp === b.cmp || a.cmp === '~' || b.cmp === '~') return true;
    return false;
  }
  const close = Math.abs(a.value - b.value) <= 0.1 * Math.max(a.value, b.value);
  if ((a.cmp === '~' || b.cmp === '~') && close) return true;
  // "at least 24" is read as "> 24" above; "more than 9,000" and "9,000-plus" likewise.
  if (a.cmp === '>' && b.cmp === '>' && Math.abs(a.value - b.value) <= 1) return true;
  return false;
}
