/**
 * Entity mentions in a sentence's tokens: every name, alias, metonym and demonym of the
 * dataset's entities (plus the general country table of lexicon.ts and a person's surname),
 * with case rules (an acronym alias such as "US" matches only "US"/"U.S.", never the pronoun
 * "us"; a capitalised alias needs a capital in the text), and close misspellings of
 * distinctive names by edit distance.
 */
import type { Token } from '../text/tokenize.ts';
import { tokenize } from '../text/tokenize.ts';
import { deletes1, editBudget, osaDistance } from './fuzzy.ts';

/** Compiled form of one alias: [entity index, space-joined normal forms, case flags, spelling variant?]. */
export type CompiledForm = [entity: number, words: string, caseFlags: string, spelling: 0 | 1];

export interface EntityMention {
  entity: number;
  /** Token indices [first, last] in the sentence. */
  first: number;
  last: number;
  /** The page's form and the expected one, when the name is spelled differently. */
  misspelled: { found: string; expected: string } | null;
}

interface FormRef {
  entity: number;
  words: string[];
  flags: string;
  spelling: boolean;
}

/** Case flags of an alias's tokens: u = acronym (must be upper), c = capitalised, l = any. */
export function caseFlags(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.upper ? 'u' : t.cap ? 'c' : 'l')).join('');
}

function caseOk(t: Token, flag: string): boolean {
  if (flag === 'u') return t.upper;
  if (flag === 'c') return t.cap;
  return true;
}

export class EntityRecognizer {
  /** Forms of ≥ 2 words by "first second" (longest first), and one-word forms by their word. */
  private readonly byFirstTwo = new Map<string, FormRef[]>();
  private readonly byFirstOnly = new Map<string, FormRef[]>();
  /** First words of the forms of ≥ 2 words (most tokens start none: no key built for them). */
  private readonly startsLonger = new Set<string>();
  private readonly fuzzy = new Map<string, Array<[string, number]>>();
  private readonly fuzzyCache = new Map<string, [string, number] | null>();

  constructor(forms: readonly CompiledForm[], fuzzyWords: ReadonlyArray<[string, number]>, canonicalNames: readonly string[]) {
    // One pass (this runs at every index load): one-word forms by their word, in the given
    // order; forms of two words or more also by their first two words (thousands of people
    // may share a first name: "Anna" should not try every Anna's name), longest first.
    const unsorted = new Set<FormRef[]>();
    for (const form of forms) this.addForm(form, unsorted);
    // (Stable: forms of one length keep their order.)
    for (const list of unsorted) list.sort((a, b) => b.words.length - a.words.length);
    this.fuzzyWords = fuzzyWords;
    this.canonicalNames = canonicalNames;
  }

  /** File one form (see the constructor); a list that a longer form joins late goes to `unsorted`. */
  private addForm([entity, words, flags, spelling]: CompiledForm, unsorted: Set<FormRef[]>): void {
    const ref: FormRef = { entity, words: words.includes(' ') ? words.split(' ') : [words], flags, spelling: spelling === 1 };
    const first = ref.words[0]!;
    if (ref.words.length === 1) {
      const list = this.byFirstOnly.get(first);
      if (list) list.push(ref);
      else this.byFirstOnly.set(first, [ref]);
      return;
    }
    this.startsLonger.add(first);
    const key = `${first} ${ref.words[1]!}`;
    const list = this.byFirstTwo.get(key);
    if (!list) this.byFirstTwo.set(key, [ref]);
    else {
      if (list[list.length - 1]!.words.length < ref.words.length) unsorted.add(list);
      list.push(ref);
    }
  }

  private readonly fuzzyWords: ReadonlyArray<[string, number]>;
  private readonly canonicalNames: readonly string[];
  private fuzzyReady = false;
  private readonly canonicalCache = new Map<number, Map<string, string>>();

  /** The delete-one neighbourhoods, built on first use (most pages never need them). */
  private buildFuzzy(): void {
    this.fuzzyReady = true;
    for (const [word, entity] of this.fuzzyWords) {
      for (const d of deletes1(word)) {
        let list = this.fuzzy.get(d);
        if (!list) this.fuzzy.set(d, (list = []));
        list.push([word, entity]);
      }
    }
  }

  /** The words of an entity's canonical name, by normal form, as written. */
  private canonicalWords(entity: number): Map<string, string> {
    let m = this.canonicalCache.get(entity);
    if (!m) {
      m = new Map<string, string>();
      const text = this.canonicalNames[entity] ?? '';
      for (const t of tokenize(text)) m.set(t.norm, text.slice(t.start, t.end));
      this.canonicalCache.set(entity, m);
    }
    return m;
  }

  /** Can `norm` start a mention (exactly)? Used by the fast pre-scan. */
  startsMention(norm: string): boolean {
    return this.byFirstOnly.has(norm) || this.startsLonger.has(norm);
  }

  /** A close misspelling of a distinctive name word, or null. */
  fuzzyMatch(norm: string): [string, number] | null {
    const cached = this.fuzzyCache.get(norm);
    if (cached !== undefined) return cached;
    let best: [string, number] | null = null;
    if (!this.fuzzyReady) this.buildFuzzy();
    const budget = editBudget(norm.length);
    if (budget > 0) {
      let bestD = budget + 1;
      for (const d of deletes1(norm)) {
        for (const cand of this.fuzzy.get(d) ?? []) {
          if (cand[0] === norm) continue;
          const dist = osaDistance(norm, cand[0]);
          if (dist <= Math.min(budget, editBudget(cand[0].length)) && dist < bestD) {
            bestD = dist;
            best = cand;
          }
        }
      }
    }
    if (this.fuzzyCache.size > 50_000) this.fuzzyCache.clear();
    this.fuzzyCache.set(norm, best);
    return best;
  }

  /**
   * Mentions in `tokens` (longest alias first; no overlaps). `isKnownWord` tells which
   * words are ordinary vocabulary, never tried as misspelled names. `text` is the source of
   * the tokens' offsets, for the found form.
   */
  find(tokens: readonly Token[], text: string, isKnownWord: (norm: string) => boolean): EntityMention[] {
    const out: EntityMention[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const next = tokens[i + 1];
      const longer = next && this.startsLonger.has(t.norm) ? this.byFirstTwo.get(`${t.norm} ${next.norm}`) : undefined;
      const shorter = this.byFirstOnly.get(t.norm);
      let matched = false;
      for (const forms of longer ? (shorter ? [longer, shorter] : [longer]) : shorter ? [shorter] : []) {
        if (matched) break;
        for (const f of forms) {
          if (i + f.words.length > tokens.length) continue;
          let ok = true;
          for (let k = 0; k < f.words.length; k++) {
            const tk = tokens[i + k]!;
            if (tk.norm !== f.words[k] || !caseOk(tk, f.flags[k] ?? 'l')) {
              ok = false;
              break;
            }
          }
          if (!ok) continue;
          const last = i + f.words.length - 1;
          let misspelled: EntityMention['misspelled'] = null;
          if (f.spelling) {
            const canon = this.canonicalWords(f.entity);
            for (let k = i; k <= last; k++) {
              const tk = tokens[k]!;
              if (canon.has(tk.norm)) continue;
              const found = text.slice(tk.start, tk.end);
              let expected = '';
              let bestD = 99;
              for (const [n, form] of canon) {
                const d = osaDistance(tk.norm, n);
                if (d < bestD) {
                  bestD = d;
                  expected = form;
                }
              }
              if (expected) misspelled = { found, expected };
            }
          }
          out.push({ entity: f.entity, first: i, last, misspelled });
          i = last;
          matched = true;
          break;
        }
      }
      if (matched || !t.cap || t.upper || t.norm.length < 6 || isKnownWord(t.norm)) continue;
      const fz = this.fuzzyMatch(t.norm);
      if (fz) {
        const expected = this.canonicalWords(fz[1]).get(fz[0]) ?? fz[0];
        out.push({ entity: fz[1], first: i, last: i, misspelled: { found: text.slice(t.start, t.end), expected } });
      }
    }
    return out;
  }
}
