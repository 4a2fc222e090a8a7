/**
 * Build time: the dataset → the compact, JSON-serialisable matching index.
 *
 * Each claim gets one or more *views*, each a list of event groups (a group is a set of
 * alternatives; an alternative is a list of concepts that must all appear) plus the claim's
 * entities. The main view comes from the claim's `cues` when present (then every group is
 * required: cues are a precise query), else from the content words of its canonical text
 * (then ⌈60 %⌉ of them are required); further views come from the verbatim quotes of the
 * statements that assert or attribute it (so an outlet's own wording is always recognised).
 */
import type { Claim, Dataset, Entity } from '../model.ts';
import { findQuantities } from '../text/numbers.ts';
import { tokenize } from '../text/tokenize.ts';
import { conceptOf } from './concepts.ts';
import { caseFlags, EntityRecognizer, type CompiledForm } from './entities.ts';
import { COUNTRY_ALIASES } from './lexicon.ts';

export const INDEX_VERSION = 1;

/** One view: event groups (alternatives of concept-id lists), entity indices, how many groups are needed. */
export interface CompiledView {
  /** Event groups: each an array of alternatives, each an array of concept numbers. */
  g: number[][][];
  /** Entity indices of the claim (shared by all its views). */
  e: number[];
  /** Event groups needed for a match. */
  n: number;
  /** 1 for a view made from a source's quote. */
  q?: 1;
}

export interface CompiledClaim {
  id: string;
  v: CompiledView[];
  /** Quantities in the canonical text: [value, comparator, as written]. */
  num: Array<[number, string, string]>;
}

export interface CompiledData {
  format: 'claimlens-index';
  version: number;
  concepts: string[];
  /** [id, canonical name, memberOf index or -1, authority of the spelling or null]. */
  entities: Array<[string, string, number, string | null]>;
  forms: CompiledForm[];
  fuzzy: Array<[string, number]>;
  claims: CompiledClaim[];
}

/** Event groups needed out of `n`: all of 1–2, then 3 of 4, 4 of 5–6 … (⌈0.6 n⌉, at least 2). */
export function groupsNeeded(n: number, quote: boolean): number {
  if (n <= 2) return n;
  return Math.max(2, Math.ceil((quote ? 0.75 : 0.6) * n));
}

function entityForms(e: Entity): Array<{ name: string; spelling: boolean }> {
  const names: Array<{ name: string; spelling: boolean }> = [{ name: e.name, spelling: false }];
  for (const a of e.aliases) names.push({ name: a.name, spelling: a.kind === 'spelling' });
  const extra = new Set<string>();
  for (const n of [e.name, ...e.aliases.map((a) => a.name)]) {
    for (const x of COUNTRY_ALIASES[n.toLowerCase().replace(/\./g, '')] ?? []) extra.add(x);
  }
  for (const x of extra) names.push({ name: x, spelling: false });
  if (e.kind === 'person') {
    // A person is also named by surname alone ("Kirby said").
    for (const n of names.slice()) {
      const words = n.name.split(/\s+/);
      const last = words[words.length - 1];
      if (words.length > 1 && last && last.length >= 4) names.push({ name: last, spelling: n.spelling });
    }
  }
  return names;
}

export function compileData(dataset: Dataset): CompiledData {
  const concepts: string[] = [];
  const conceptNo = new Map<string, number>();
  const intern = (c: string): number => {
    let n = conceptNo.get(c);
    if (n === undefined) {
      n = concepts.length;
      concepts.push(c);
      conceptNo.set(c, n);
    }
    return n;
  };
  const entityNo = new Map(dataset.entities.map((e, i) => [e.id, i]));
  const entities: CompiledData['entities'] = dataset.entities.map((e) => [
    e.id,
    e.name,
    e.memberOf !== null && entityNo.has(e.memberOf) ? entityNo.get(e.memberOf)! : -1,
    e.nameAuthority ?? null,
  ]);
  const forms: CompiledForm[] = [];
  const seen = new Set<string>();
  const fuzzy: Array<[string, number]> = [];
  dataset.entities.forEach((e, i) => {
    for (const f of entityForms(e)) {
      const toks = tokenize(f.name);
      if (toks.length === 0) continue;
      const words = toks.map((t) => t.norm).join(' ');
      const key = `${i} ${words}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // A single lowercase common word ("administration") would fire everywhere: lowercase
      // aliases count only as phrases ("the administration").
      if (toks.length === 1 && !toks[0]!.cap && !toks[0]!.upper) continue;
      forms.push([i, words, caseFlags(toks), f.spelling ? 1 : 0]);
    }
    if (e.kind === 'person') {
      for (const t of tokenize(e.name)) if (t.norm.length >= 6) fuzzy.push([t.norm, i]);
    }
  });
  const recognizer = new EntityRecognizer(forms, fuzzy, dataset.entities.map((e) => e.name));

  /** The concepts of a phrase: entity mentions become `@id`, other words their concept. */
  const phraseConcepts = (text: string): { events: string[]; entities: number[] } => {
    const toks = tokenize(text);
    const mentions = recognizer.find(toks, text, () => true);
    const covered = new Set<number>();
    const ents: number[] = [];
    for (const m of mentions) {
      for (let k = m.first; k <= m.last; k++) covered.add(k);
      ents.push(m.entity);
    }
    const events: string[] = [];
    toks.forEach((t, k) => {
      if (covered.has(k)) return;
      const c = conceptOf(t.norm);
      if (c !== null && !events.includes(c)) events.push(c);
    });
    return { events, entities: ents };
  };

  const claimEntities = (c: Claim): number[] => c.entities.map((id) => entityNo.get(id)).filter((n): n is number => n !== undefined);

  // Statements by claim id, in one pass (not one pass over all statements per claim: 100k claims).
  const statementsOf = new Map<string, Dataset['statements']>();
  for (const s of dataset.statements) {
    let list = statementsOf.get(s.claim);
    if (!list) statementsOf.set(s.claim, (list = []));
    list.push(s);
  }

  const claims: CompiledClaim[] = dataset.claims.map((c) => {
    const ents = claimEntities(c);
    const views: CompiledView[] = [];
    let groups: number[][][];
    if (c.cues && c.cues.length > 0) {
      groups = c.cues.map((alts) =>
        alts
          .map((alt) => {
            const pc = phraseConcepts(alt);
            return [...pc.events.map(intern), ...pc.entities.map((e) => intern('@' + dataset.entities[e]!.id))];
          })
          .filter((a) => a.length > 0),
      ).filter((g) => g.length > 0);
    } else {
      groups = phraseConcepts(c.text).events.map((ev) => [[intern(ev)]]);
    }
    // Cues are a precise query: every group is needed. Derived groups need ⌈60 %⌉.
    views.push({ g: groups, e: ents, n: c.cues && c.cues.length > 0 ? groups.length : groupsNeeded(groups.length, false) });
    for (const s of statementsOf.get(c.id) ?? []) {
      if ((s.stance !== 'asserts' && s.stance !== 'attributes' && s.stance !== 'confirms')) continue;
      const pc = phraseConcepts(s.quote);
      if (pc.events.length < 3) continue;
      const g = pc.events.map((ev) => [[intern(ev)]]);
      views.push({ g, e: ents, n: groupsNeeded(g.length, true), q: 1 });
    }
    const num = findQuantities(tokenize(c.text)).map((q): [number, string, string] => [q.value, q.cmp, c.text.slice(q.start, q.end)]);
    return { id: c.id, v: views, num };
  });
  return { format: 'claimlens-index', version: INDEX_VERSION, concepts, entities, forms, fuzzy, claims };
}
