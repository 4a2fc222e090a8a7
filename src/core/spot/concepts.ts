/**
 * From a word's normal form to its concept: stop words and numbers have none; irregular
 * forms go to their base; the rest are stemmed (Porter, `stemmer`) and mapped through the
 * synonym groups. Concept ids: `~stem` for a synonym group (named by its first word), the
 * plain stem otherwise, `@entity-id` for entities (see entities.ts).
 */
import { stemmer } from 'stemmer';
import { isNumberWord } from '../text/numbers.ts';
import { IRREGULAR, STOP_WORDS, SYNONYMS } from './lexicon.ts';

/** IRREGULAR as a Map: an own-key lookup, never Object.prototype's ("constructor"). */
const IRREGULAR_OF = new Map(Object.entries(IRREGULAR));

function baseStem(norm: string): string {
  return stemmer(IRREGULAR_OF.get(norm) ?? norm);
}

const SYNONYM_OF = new Map<string, string>();
for (const group of SYNONYMS) {
  const head = '~' + baseStem(group[0]!);
  for (const w of group) {
    const s = baseStem(w);
    if (!SYNONYM_OF.has(s)) SYNONYM_OF.set(s, head);
  }
}

/** The concept of a normal-form word, or null for stop words, numbers and one-letter words. */
export function conceptOf(norm: string): string | null {
  if (norm.length < 2 || STOP_WORDS.has(norm) || isNumberWord(norm)) return null;
  const c = norm.charCodeAt(0);
  if (c >= 48 && c <= 57) return null;
  const s = baseStem(norm);
  return SYNONYM_OF.get(s) ?? s;
}

/** The stems of each synonym group, by the group's concept (`~head`). */
const GROUP_STEMS = new Map<string, string[]>();
for (const [stem, head] of SYNONYM_OF) {
  const list = GROUP_STEMS.get(head);
  if (list) list.push(stem);
  else GROUP_STEMS.set(head, [stem]);
}

/** A word's or a stem's first `n` letters, y written i (the stemmer turns y into i, never back). */
function prefixKey(s: string, n: number): string {
  const k = s.length > n ? s.slice(0, n) : s;
  return k.includes('y') ? k.replace(/y/g, 'i') : k;
}

/**
 * A cheap pre-check before stemming: false only for a word whose concept (`conceptOf`) cannot
 * be one of `concepts`. The stemmer rewrites only a word's ending, after a part that keeps at
 * least the first letter and, when the stem has three letters or more, the first three (y may
 * become i): so a word can reach a stem only if it starts as the stem does. Irregular forms
 * (sought → seek) are listed whole. Held to `conceptOf` by a property test over random and
 * English-like words (test/unit/core/concepts.test.ts).
 */
export function vocabularyCheck(concepts: readonly string[]): (norm: string) => boolean {
  const set = new Set(concepts);
  const three = new Set<string>();
  const short = new Set<string>();
  for (const c of concepts) {
    if (c.charCodeAt(0) === 64) continue; // '@': entities are not words' concepts
    for (const s of c.charCodeAt(0) === 126 ? (GROUP_STEMS.get(c) ?? []) : [c]) {
      if (s.length >= 3) three.add(prefixKey(s, 3));
      else short.add(prefixKey(s, 2));
    }
  }
  const irregular = new Set<string>();
  for (const w of IRREGULAR_OF.keys()) {
    const c = conceptOf(w);
    if (c !== null && set.has(c)) irregular.add(w);
  }
  return (norm) => three.has(prefixKey(norm, 3)) || (short.size > 0 && (short.has(prefixKey(norm, 2)) || short.has(prefixKey(norm, 1)))) || irregular.has(norm);
}
