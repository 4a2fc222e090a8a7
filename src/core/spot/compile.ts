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
import { packUints, unpackInt32 } from './packed.ts';
import { NEGATIONS } from './stance.ts';

export const INDEX_VERSION = 10;
/** Pair keys: concept numbers stay below 2^21, so lo × 2^21 + hi is an exact double. */
export const PAIR = 2 ** 21;

export interface PairPostings {
  k: number[];
  n: number[];
  v: number[];
}

/**
 * Triple postings, grouped by their pair prefix (a < b < c): `p` the sorted prefix keys
 * a × PAIR + b as differences, `m` how many thirds each prefix has, `c` the thirds of each
 * prefix ascending (the first as is, then differences), `n` the length of each third's view
 * list, `v` the lists, each as its first view id then differences.
 */
export interface TriplePostings {
  p: number[];
  m: number[];
  c: number[];
  n: number[];
  v: number[];
}

/** The flat, delta-encoded form of triple postings (see `TriplePostings`). */
export function encodeTriples(map: ReadonlyMap<number, ReadonlyMap<number, readonly number[]>>): TriplePostings {
  const out: TriplePostings = { p: [], m: [], c: [], n: [], v: [] };
  let prevKey = 0;
  for (const key of [...map.keys()].sort((a, b) => a - b)) {
    out.p.push(key - prevKey);
    prevKey = key;
    const thirds = map.get(key)!;
    const cs = [...thirds.keys()].sort((a, b) => a - b);
    out.m.push(cs.length);
    let prevC = 0;
    for (const c of cs) {
      out.c.push(c - prevC);
      prevC = c;
      pushList(out, thirds.get(c)!);
    }
  }
  return out;
}

/** The flat, delta-encoded form of pair postings (keys sorted; each list ascending). */
export function encodePairs(map: ReadonlyMap<number, readonly number[]>): PairPostings {
  const keys = [...map.keys()].sort((a, b) => a - b);
  const out: PairPostings = { k: [], n: [], v: [] };
  let prevKey = 0;
  for (const key of keys) {
    out.k.push(key - prevKey);
    prevKey = key;
    pushList(out, map.get(key)!);
  }
  return out;
}

/** One ascending list: its length to `n`, its values delta-encoded to `v`. */
function pushList(out: { n: number[]; v: number[] }, ids: readonly number[]): void {
  out.n.push(ids.length);
  let prev = 0;
  for (const id of ids) {
    out.v.push(id - prev);
    prev = id;
  }
}

/**
 * Views as one string: views joined by ';', each `n` (+ 'q' for a quote view) ':' then its
 * groups joined by ' ', a group's alternatives by '|', an alternative's concepts (base 36) by '+'.
 */
export function encodeViews(views: readonly CompiledView[]): string {
  return views
    .map((v) => `${v.n}${v.q ? 'q' : ''}:` + v.g.map((g) => alternatives(g).map((alt) => alt.map((x) => x.toString(36)).join('+')).join('|')).join(' '))
    .join(';');
}

/** The inverse of `encodeViews` (single-concept groups come back as bare numbers). */
export function decodeViews(s: string): CompiledView[] {
  return s.split(';').map((part) => {
    const colon = part.indexOf(':');
    const head = part.slice(0, colon);
    const body = part.slice(colon + 1);
    const g: Group[] = body === '' ? [] : body.split(' ').map((grp) => {
      const alts = grp.split('|').map((alt) => alt.split('+').map((x) => parseInt(x, 36)));
      return alts.length === 1 && alts[0]!.length === 1 ? alts[0]![0]! : alts;
    });
    const view: CompiledView = { g, n: parseInt(head, 10) };
    if (head.endsWith('q')) view.q = 1;
    return view;
  });
}

/** How many views a claim has, without decoding them. */
export function viewCount(v: CompiledClaim['v']): number {
  if (typeof v !== 'string') return v.length;
  let n = 1;
  for (let i = v.indexOf(';'); i >= 0; i = v.indexOf(';', i + 1)) n++;
  return n;
}

/** A claim's views, decoded. */
export function viewsOf(c: CompiledClaim): CompiledView[] {
  return typeof c.v === 'string' ? decodeViews(c.v) : c.v;
}

/** A group: alternatives of concept lists, or a bare concept (one alternative of one concept). */
export type Group = number | number[][];

/** The alternatives of a group, in full. */
export function alternatives(g: Group): number[][] {
  return typeof g === 'number' ? [[g]] : g;
}

/** One view: event groups (alternatives of concept-id lists), entity indices, how many groups are needed. */
export interface CompiledView {
  /**
   * Event groups: each an array of alternatives, each an array of concept numbers — or, in the
   * shipped index, a bare concept number for a group of one one-word alternative (most groups).
   */
  g: Group[];
  /** Event groups needed for a match. */
  n: number;
  /** 1 for a view made from a source's quote. */
  q?: 1;
}

export interface CompiledClaim {
  id: string;
  /**
   * Its views; in the shipped index, one string (see `encodeViews`): JSON.parse reads a
   * string far faster than nested arrays, and the matcher decodes a claim's views only when a
   * sentence first reaches them.
   */
  v: CompiledView[] | string;
  /** Entity indices of the claim (shared by all its views). */
  e: number[];
  /** Quantities in the canonical text: [value, comparator, as written] (absent: none). */
  num?: Array<[number, string, string]>;
  /** 1 when the canonical text itself is negative ("has not seen evidence"). */
  neg?: 1;
  /**
   * Claims this one outranks when one sentence matches both on shared words (see
   * `outranked` in matcher.ts): the claims it is `part-of` when it is their specific case
   * (it names a member of one of their entities) and the claims that are `context-for` it
   * (its background). Absent: none.
   */
  over?: number[];
}

/**
 * The postings as built (number arrays; see `CompiledData` for what each part holds). The
 * shipped index has each array packed into a string (`PackedPostings`, packed.ts).
 */
export interface Postings {
  single: Array<[number, number[]]>;
  pairs: PairPostings;
  triples: TriplePostings;
  idf: number[];
}

/** Postings keyed by one number (single concepts, pairs), each array packed (packed.ts). */
export interface PackedPostings {
  k: string;
  n: string;
  v: string;
}

/** Triple postings (`TriplePostings`), each array packed (packed.ts). */
export interface PackedTriples {
  p: string;
  m: string;
  c: string;
  n: string;
  v: string;
}

/**
 * The claims, column by column (10k objects, each with an array, took JSON.parse longer than
 * all the rest of the index). Claim i is line i of `ids` and of `v`.
 */
export interface ShippedClaims {
  /** Claim ids joined by '\n' (ids are slugs; compile refuses one with a line break). */
  ids: string;
  /** Each claim's views (`encodeViews`), joined by '\n'. */
  v: string;
  /** Packed: how many views each claim has. */
  nv: string;
  /** Packed: how many entities each claim has; `ev` their indices, claim after claim. */
  en: string;
  ev: string;
  /** [claim, its quantities] for the claims whose canonical text has numbers (see `CompiledClaim.num`). */
  num: Array<[number, Array<[number, string, string]>]>;
  /** Claims whose canonical text is negative (`CompiledClaim.neg`). */
  neg: number[];
  /** [claim, the claims it outranks] (`CompiledClaim.over`). */
  over: Array<[number, number[]]>;
}

/**
 * The shipped index (JSON). Integer arrays are packed into strings (packed.ts): JSON.parse of
 * a string is a copy, and the loader reads it straight into typed arrays.
 */
export interface CompiledData {
  format: 'claimlens-index';
  version: number;
  concepts: string[];
  /** [id, canonical name, memberOf index or -1, authority of the spelling or null]. */
  entities: Array<[string, string, number, string | null]>;
  forms: CompiledForm[];
  fuzzy: Array<[string, number]>;
  claims: ShippedClaims;
  /**
   * Inverted index, views numbered in claim order: for one-group views, the views of each
   * concept (keyed like `pairs`: `k` the sorted concepts as differences) …
   */
  single: PackedPostings;
  /**
   * … and the pair postings for the others (see `postings`), flat and delta-encoded (a third
   * of the nested form's size, and parsed without an array per key): `k` the sorted keys
   * lo × PAIR + hi as differences from the key before, `n` the length of each key's view list,
   * `v` the lists one after the other, each as its first view id then differences.
   */
  pairs: PackedPostings;
  /**
   * … and, for views that need three groups or more, triples of concepts (see `postings`,
   * `TriplePostings`): a sentence is then checked only against views sharing three of its
   * concepts, so two common words together no longer reach every claim that has both.
   */
  triples: PackedTriples;
  /** Specificity of each concept: ln(1 + views / views using it) × 100, rounded (packed). */
  idf: string;
}

/**
 * A pair key shared by more views than this is "long": a view that needs three groups or more
 * is indexed under it extended by a third concept instead (see `postings`).
 */
export const LONG_PAIR = 2;

/**
 * The inverted index. Each alternative is represented by its rarest concept. A view that
 * needs one group is indexed under the alternatives of its G − n + 1 rarest groups
 * (pigeonhole: a match contains one of them). A view that needs n ≥ 2 groups satisfies ≥ 2 of
 * any G − n + 2 groups, so it is indexed under every pair of alternatives of two different
 * groups among its rarest G − n + 2: a sentence is checked only against views sharing a pair
 * of its concepts. But two words common on pages that many claims share ("large", "spring")
 * would reach all those claims, more of them the larger the dataset: a view that needs n ≥ 3
 * groups is indexed under such a long pair (shared by more than LONG_PAIR views) only together
 * with a third concept, every alternative of every other group (a match that has the pair's
 * two groups has a third: n ≥ 3) — a triple. Alternatives of different groups that share
 * their concept make a shorter key (a pair, a single concept).
 */
export function postings(claims: readonly CompiledClaim[], conceptCount: number, longPair = LONG_PAIR): Postings {
  const df = new Uint32Array(conceptCount);
  for (const c of claims) for (const v of viewsOf(c)) for (const g of v.g) for (const alt of alternatives(g)) for (const x of alt) df[x]!++;
  const single = new Map<number, number[]>();
  const pairs = new Map<number, number[]>();
  const triples = new Map<number, Map<number, number[]>>();
  const add = (map: Map<number, number[]>, key: number, id: number): void => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    if (list[list.length - 1] !== id) list.push(id);
  };
  /** Index view `id` under the concepts `xs` (two or three, any order, repeats allowed). */
  const addKey = (xs: number[], id: number): void => {
    const k = [...new Set(xs)].sort((a, b) => a - b);
    if (k.length === 1) add(single, k[0]!, id);
    else if (k.length === 2) add(pairs, k[0]! * PAIR + k[1]!, id);
    else {
      const prefix = k[0]! * PAIR + k[1]!;
      let thirds = triples.get(prefix);
      if (!thirds) triples.set(prefix, (thirds = new Map()));
      add(thirds, k[2]!, id);
    }
  };
  const rep = (alt: number[]): number => {
    let best = alt[0]!;
    for (const x of alt) if (df[x]! < df[best]!) best = x;
    return best;
  };
  let views = 0;
  for (const c of claims) views += viewCount(c.v);
  const idfOf = (x: number): number => (df[x] === 0 ? 0 : Math.round(Math.log(1 + views / df[x]!) * 100) / 100);
  /** Per view needing ≥ 2 groups, what its keys are made of. */
  const keyed: Array<{
    view: number;
    need: number;
    /** Key groups (indices) and their alternatives' representatives. */
    keyIdx: number[];
    key: number[][];
    /** Group indices rarest first, and their Σ df (same order). */
    rarest: number[];
    cost: number[];
    groups: number[][];
    /** Each group's weight (by group index). */
    w: number[];
  }> = [];
  /** How many views each pair key would have. */
  const pairViews = new Map<number, number>();
  let id = 0;
  for (const c of claims) {
    for (const v of viewsOf(c)) {
      const view = id++;
      if (v.g.length === 0) continue;
      const groups = v.g.map((g) => alternatives(g).map(rep));
      const order = groups.map((g, i) => [g.reduce((s, x) => s + df[x]!, 0), i] as const).sort((a, b) => a[0] - b[0]);
      if (v.n <= 1) {
        for (let i = 0; i < v.g.length - v.n + 1 && i < order.length; i++) for (const x of groups[order[i]![1]]!) add(single, x, view);
        continue;
      }
      const w = groups.map((g) => Math.max(...g.map((x) => idfOf(x))));
      const rarest = order.map(([, i]) => i);
      const keyIdx = keySet(rarest, w, v.n, 2);
      const entry = { view, need: v.n, keyIdx, key: keyIdx.map((i) => groups[i]!), rarest, groups, w, cost: order.map(([d]) => d) };
      keyed.push(entry);
      forEachPair(entry.key, (a, b) => {
        if (a === b) return;
        const k = a < b ? a * PAIR + b : b * PAIR + a;
        pairViews.set(k, (pairViews.get(k) ?? 0) + 1);
      });
    }
  }
  for (const e of keyed) {
    forEachPair(e.key, (a, b, i, j) => {
      const long = a !== b && (pairViews.get(a < b ? a * PAIR + b : b * PAIR + a) ?? 0) > longPair;
      if (!long || e.need < 3) {
        addKey([a, b], e.view);
        return;
      }
      for (const g of thirdGroups(e, e.keyIdx[i]!, e.keyIdx[j]!)) for (const x of e.groups[g]!) addKey([a, b, x], e.view);
    });
  }
  const idf = Array.from(df, (_, x) => idfOf(x));
  return { single: [...single], pairs: encodePairs(pairs), triples: encodeTriples(triples), idf };
}

/**
 * Groups of which a match has at least `k` (k = 2: its pair keys; k = 3: its thirds), given
 * the groups rarest first (`order`), their weights `w` and the groups needed `need`. Count
 * rule: any G − need + k groups. Weight rule (derived views, need < G): the heaviest groups T
 * such that the rest plus any k − 1 of T stays under the share a match needs — then a match has
 * ≥ k groups of T, and T leaves out the common words. The smaller set.
 */
function keySet(order: readonly number[], w: readonly number[], need: number, k: number): number[] {
  const g = order.length;
  let out = order.slice(0, Math.min(g, g - need + k));
  if (need < g) {
    const total = w.reduce((a, b) => a + b, 0);
    const heavy = w.map((x, i) => [x, i] as const).sort((a, b) => b[0] - a[0]);
    let top = 0;
    for (let i = 0; i < k - 1 && i < heavy.length; i++) top += heavy[i]![0];
    let taken = 0;
    const t: number[] = [];
    for (const [x, i] of heavy) {
      t.push(i);
      taken += x;
      if (t.length >= k - 1 && total - taken + top < WEIGHT_SHARE * total - 1e-9) break;
    }
    if (t.length >= k - 1 && total - taken + top < WEIGHT_SHARE * total - 1e-9 && t.length < out.length) out = t;
  }
  return out;
}

/**
 * For a view indexed under a long pair of groups gi, gj: other groups of which a match that has
 * gi and gj has at least one. Count rule: it has ≥ need − 2 of the G − 2 others, so one of
 * their G − need + 1 rarest. Weight rule (derived views, need < G): the heaviest others S such
 * that gi, gj and all the others but S stay under the share a match needs. The one of the two
 * whose concepts are rarer in all (the shorter lists).
 */
function thirdGroups(e: { need: number; rarest: number[]; cost: number[]; w: number[] }, gi: number, gj: number): number[] {
  const others: number[] = [];
  const otherCost: number[] = [];
  e.rarest.forEach((g, k) => {
    if (g !== gi && g !== gj) {
      others.push(g);
      otherCost.push(e.cost[k]!);
    }
  });
  const byCount = others.slice(0, others.length - (e.need - 2) + 1);
  const g = e.rarest.length;
  if (e.need >= g) return byCount;
  const total = e.w.reduce((a, b) => a + b, 0);
  const heavy = others.map((o) => [e.w[o]!, o] as const).sort((a, b) => b[0] - a[0]);
  let rest = total;
  const s: number[] = [];
  for (const [x, o] of heavy) {
    s.push(o);
    rest -= x;
    if (rest < WEIGHT_SHARE * total - 1e-9) break;
  }
  if (!(rest < WEIGHT_SHARE * total - 1e-9)) return byCount;
  const costOf = (set: number[]): number => set.reduce((sum, o) => sum + otherCost[others.indexOf(o)]!, 0);
  return costOf(s) < costOf(byCount) ? s : byCount;
}

/** Every pair of alternatives (representatives) of two different groups, with the groups' positions. */
function forEachPair(groups: readonly number[][], f: (a: number, b: number, gi: number, gj: number) => void): void {
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      for (const a of groups[i]!) for (const b of groups[j]!) f(a, b, i, j);
    }
  }
}

/**
 * Share of a derived view's specificity (Σ idf of its groups) that a match must cover: the
 * groups it matches must carry most of the claim's information, not only its common words.
 */
export const WEIGHT_SHARE = 0.6;

/** Event groups needed out of `n`: all of 1–2, then ⌈0.6 n⌉ (quotes: all up to 6, then ⌈0.85 n⌉). */
export function groupsNeeded(n: number, quote: boolean): number {
  if (n <= 2) return n;
  // A quote is one outlet's whole sentence: only (nearly) all of it is that claim again.
  if (quote) return n <= 6 ? n : Math.ceil(0.85 * n);
  return Math.max(2, Math.ceil(0.6 * n));
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

export function compileData(dataset: Dataset, options: { longPair?: number } = {}): CompiledData {
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
    views.push({ g: groups, n: c.cues && c.cues.length > 0 ? groups.length : groupsNeeded(groups.length, false) });
    for (const s of statementsOf.get(c.id) ?? []) {
      if ((s.stance !== 'asserts' && s.stance !== 'attributes' && s.stance !== 'confirms')) continue;
      const pc = phraseConcepts(s.quote);
      if (pc.events.length < 3) continue;
      // A quote that says nothing beyond the main view adds no way to match.
      const main = new Set(groups.flat(2));
      if (pc.events.every((ev) => main.has(conceptNo.get(ev) ?? -1))) continue;
      const g = pc.events.map((ev) => [[intern(ev)]]);
      views.push({ g, n: groupsNeeded(g.length, true), q: 1 });
    }
    const num = findQuantities(tokenize(c.text)).map((q): [number, string, string] => [q.value, q.cmp, c.text.slice(q.start, q.end)]);
    const out: CompiledClaim = { id: c.id, v: views, e: ents };
    if (num.length > 0) out.num = num;
    if (tokenize(c.text).some((t) => NEGATIONS.has(t.norm))) out.neg = 1;
    return out;
  });
  // Precedence between related claims: the specific claim over the whole it is part of, the
  // main claim over its context.
  const claimNo = new Map(dataset.claims.map((c, i) => [c.id, i]));
  const addOver = (winner: number | undefined, loser: number | undefined): void => {
    if (winner === undefined || loser === undefined || winner === loser) return;
    const list = (claims[winner]!.over ??= []);
    if (!list.includes(loser)) list.push(loser);
  };
  const byId = new Map(dataset.entities.map((e) => [e.id, e]));
  /** Does `part` narrow a participant of `whole` (names a member of one of its entities: Wagner ⊂ Russia)? */
  const narrows = (part: Claim, whole: Claim): boolean =>
    part.entities.some((id) => {
      if (whole.entities.includes(id)) return false;
      for (let e = byId.get(id)?.memberOf ?? null, guard = 0; e !== null && guard < 8; e = byId.get(e)?.memberOf ?? null, guard++) {
        if (whole.entities.includes(e)) return true;
      }
      return false;
    });
  dataset.claims.forEach((c, i) => {
    for (const r of c.relations ?? []) {
      // Only a part that is a specific case of the whole (a narrower participant) outranks it:
      // a detail of an event ("two dozen kinds of weapons") reported with the event reports both.
      const whole = claimNo.get(r.claim);
      if (r.type === 'part-of') {
        if (whole !== undefined && narrows(c, dataset.claims[whole]!)) addOver(i, whole);
      }
      else if (r.type === 'context-for') addOver(claimNo.get(r.claim), i);
    }
  });
  const index = postings(claims, concepts.length, options.longPair);
  const single = encodePairs(new Map(index.single));
  return {
    format: 'claimlens-index', version: INDEX_VERSION, concepts, entities, forms, fuzzy,
    claims: shipClaims(claims),
    single: { k: packUints(single.k), n: packUints(single.n), v: packUints(single.v) },
    pairs: { k: packUints(index.pairs.k), n: packUints(index.pairs.n), v: packUints(index.pairs.v) },
    triples: { p: packUints(index.triples.p), m: packUints(index.triples.m), c: packUints(index.triples.c), n: packUints(index.triples.n), v: packUints(index.triples.v) },
    idf: packUints(index.idf.map((x) => Math.round(x * 100))),
  };
}

/** The claims column by column (`ShippedClaims`); each claim's views as one string, decoded on first use at run time. */
function shipClaims(claims: readonly CompiledClaim[]): ShippedClaims {
  const out: ShippedClaims = { ids: '', v: '', nv: '', en: '', ev: '', num: [], neg: [], over: [] };
  claims.forEach((c, i) => {
    if (c.id.includes('\n')) throw new Error(`compileIndex: claim id ${JSON.stringify(c.id)} has a line break`);
    if (c.num) out.num.push([i, c.num]);
    if (c.neg) out.neg.push(i);
    if (c.over) out.over.push([i, c.over]);
  });
  out.ids = claims.map((c) => c.id).join('\n');
  out.v = claims.map((c) => (typeof c.v === 'string' ? c.v : encodeViews(c.v))).join('\n');
  out.nv = packUints(claims.map((c) => viewCount(c.v)));
  out.en = packUints(claims.map((c) => c.e.length));
  out.ev = packUints(claims.flatMap((c) => c.e));
  return out;
}

/**
 * The claims of a shipped index, one object each (views as their strings), or [] for an index
 * of another shape. For tools and the warm-up text; the matcher reads the columns itself.
 */
export function claimsOf(data: unknown): CompiledClaim[] {
  try {
    const sc = (data as { claims?: ShippedClaims } | null)?.claims;
    if (!sc || typeof sc.ids !== 'string' || typeof sc.v !== 'string') return [];
    const nv = unpackInt32(sc.nv, 'claims.nv');
    const en = unpackInt32(sc.en, 'claims.en');
    const ev = unpackInt32(sc.ev, 'claims.ev');
    const ids = nv.length === 0 ? [] : sc.ids.split('\n');
    const vs = nv.length === 0 ? [] : sc.v.split('\n');
    if (ids.length !== nv.length || vs.length !== nv.length || en.length !== nv.length) return [];
    let at = 0;
    const out: CompiledClaim[] = ids.map((id, i) => ({ id, v: vs[i]!, e: Array.from(ev.subarray(at, (at += en[i]!))) }));
    for (const [i, num] of sc.num) out[i]!.num = num;
    for (const i of sc.neg) out[i]!.neg = 1;
    for (const [i, over] of sc.over) out[i]!.over = over;
    return out;
  } catch {
    return [];
  }
}
