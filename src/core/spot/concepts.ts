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
