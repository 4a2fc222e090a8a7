/**
 * Run time: the loaded index and the per-text matching.
 *
 * Per sentence: tokens → concepts (cached per word) → candidate claims through the inverted
 * index (each claim view is indexed under the alternatives of its rarest groups only — by the
 * pigeonhole principle a match must contain one of them) → coverage score → stance, speaker,
 * discrepancies. Denials that only point back ("denied the charges") take the claims of the
 * sentences just before.
 */
import type { ClaimMatch, Discrepancy } from '../model.ts';
import { findQuantities, sameQuantity, type Comparator, type Quantity } from '../text/numbers.ts';
import { sentenceBounds, terminatorCursor } from '../text/sentences.ts';
import { isUpper, normalizeWord, type Token } from '../text/tokenize.ts';
import { scanWords, WordBuffer, WordTable } from '../text/words.ts';
import { alternatives, decodeViews, INDEX_VERSION, PAIR, WEIGHT_SHARE, type CompiledData, type CompiledView, type Group } from './compile.ts';
import { conceptOf, vocabularyCheck } from './concepts.ts';
import { EntityRecognizer, type EntityMention } from './entities.ts';
import { unpackInt32, unpackUints } from './packed.ts';
import { ATTRIBUTION_CUES, DENIAL_CUES, STOP_WORDS } from './lexicon.ts';
import { NEGATIONS, relativeClauses, sentenceStance } from './stance.ts';

/** What one word as written brings (`rawInfo`), kept per written form for the page. */
interface RawInfo {
  /** Concepts the word brings to the pre-scan (its own, or its entity's when it starts a name). */
  c: number[];
  /** DENIAL | ATTRIBUTION. */
  f: number;
  /** Nothing for the pre-scan (no concept, no cue). */
  plain: boolean;
  /** Its token's fields, as `tokenize` gives them, and the concept of its normal form (wordConcept). */
  norm: string;
  cap: boolean;
  upper: boolean;
  digits: boolean;
  w: number;
}
/** Words that open an accusation, the antecedent of "the charges". */
const ACCUSATION_CUES = new Set(['accused', 'accuses', 'accuse', 'accusing', 'accusation', 'accusations', 'alleged', 'alleges', 'allegation', 'allegations', 'charged']);
/** Subject pronouns that stand for the entity of the sentence before. */
const SUBJECT_PRONOUNS = new Set(['it', 'they']);
const NO_CONCEPTS: number[] = [];
/** `rawCode` of a word that brings nothing to the pre-scan; of one whose object must be read. */
const PLAIN_WORD = -1;
const OTHER_WORD = -2;
const DENIAL = 1;
const ATTRIBUTION = 2;
/** Pre-scan verdicts. */
const SKIP = 0;
const SPEAKER_ONLY = 1;
const FULL = 2;

interface View {
  claim: number;
  groups: Group[];
  entities: number[];
  need: number;
  /** Specificity (Σ idf of matched groups) that a match must reach (0: none). */
  minWeight: number;
}

/** Weight of event coverage in the score (the rest is entity coverage). */
const EVENT_WEIGHT = 0.75;
/** A denial's anaphor ("the charges") reaches back over at most this many sentences. */
const ANAPHOR_SENTENCES = 3;
/** A denier's statement goes on for at most this many sentences after the denial. */
const DENIAL_CHAIN_SENTENCES = 6;
/** "He added …" refers to a speaker named (not itself resolved) at most this many sentences before. */
const SPEAKER_SENTENCES = 6;
/** "It faces …" refers to the entities named at most this many sentences before. */
const SUBJECT_SENTENCES = 2;
/**
 * How many sentences back a sentence's reading can depend on, so a text spotted in chunks
 * gives each chunk this much context and the chunks find exactly what one whole-text spot
 * finds (spot/chunked.ts; a property test holds it). Every look-back is bounded and none is
 * transitive: a denier going on takes the claims denied directly (by an anaphor within
 * ANAPHOR_SENTENCES, whose targets read a subject within SUBJECT_SENTENCES, or in words) by a
 * speaker who was named — or resolved from a name within SPEAKER_SENTENCES — in the
 * DENIAL_CHAIN_SENTENCES before; "he" is the last speaker named within SPEAKER_SENTENCES.
 */
export const LOOKBACK_SENTENCES = DENIAL_CHAIN_SENTENCES + Math.max(SPEAKER_SENTENCES, ANAPHOR_SENTENCES + SUBJECT_SENTENCES) + 1;

interface SentenceResult {
  /** Running number of the sentence in the text. */
  n: number;
  start: number;
  end: number;
  claims: number[];
  stance: string;
  /** The sentence reports an accusation ("accused", "alleged"). */
  accusation: boolean;
  /** Entity index of its speaker, or -1. */
  speaker: number;
  /** The claims it denies. */
  denied: number[];
}

/** Sort a short list of numbers ascending in place (insertion sort: no comparator calls). */
function sortNumbers(xs: number[], n = xs.length): void {
  if (n > 48) {
    if (n < xs.length) xs.length = n;
    xs.sort((a, b) => a - b);
    return;
  }
  for (let i = 1; i < n; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
}

/** Hash of a concept pair, for the pair table. */
function pairHash(lo: number, hi: number): number {
  return (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca77)) >>> 0;
}

/**
 * Concept number by name; 1 for an entity's concept (`@id`); the concepts of each entity and
 * its ancestors (memberOf), nearest first.
 */
function conceptTables(concepts: readonly string[], entities: CompiledData['entities']): [Map<string, number>, Uint8Array, number[][]] {
  const no = new Map<string, number>();
  const isEntity = new Uint8Array(concepts.length);
  for (let i = 0; i < concepts.length; i++) {
    const c = concepts[i]!;
    no.set(c, i);
    if (c.charCodeAt(0) === 64) isEntity[i] = 1;
  }
  const own = new Int32Array(entities.length);
  for (let i = 0; i < entities.length; i++) own[i] = no.get('@' + entities[i]![0]) ?? -1;
  const chains: number[][] = [];
  for (let i = 0; i < entities.length; i++) {
    const out: number[] = [];
    for (let e = i, guard = 0; e >= 0 && guard < 8; e = entities[e]![2], guard++) if (own[e]! >= 0) out.push(own[e]!);
    chains.push(out);
  }
  return [no, isEntity, chains];
}

/** From the views of each claim (`nv`): the first view id of each claim (and one past the last), the claim of each view. */
function numberViews(nv: Int32Array): [Int32Array, Int32Array] {
  const firstView = new Int32Array(nv.length + 1);
  for (let ci = 0; ci < nv.length; ci++) firstView[ci + 1] = firstView[ci]! + nv[ci]!;
  const viewClaim = new Int32Array(firstView[nv.length]!);
  for (let ci = 0, v = 0; ci < nv.length; ci++) for (let k = 0; k < nv[ci]!; k++) viewClaim[v++] = ci;
  return [firstView, viewClaim];
}

/**
 * The table of pair keys and triple prefixes (see `Matcher.pairSlots`), from the shipped
 * postings (`PairPostings`, `TriplePostings`, unpacked): both key lists are sorted, merged
 * here. The view lists `pv`, `tv` and the thirds `tc` are turned from differences into
 * values in place; each concept of a key is marked in `trigger`. A function of its own (not
 * the loader's body), so that the engine optimises this loop alone, early.
 */
function pairTable(
  pk: Float64Array, pn: Int32Array, pv: Int32Array,
  tp: Float64Array, tm: Int32Array, tc: Int32Array, tn: Int32Array, tv: Int32Array,
  trigger: Uint8Array,
): { slots: Int32Array; mask: number; pairOff: Int32Array; extOff: Int32Array; extViewOff: Int32Array; filter: Int32Array; filterShift: number } {
  const bound = pk.length + tp.length;
  let size = 8;
  while (size < bound * 2) size *= 2;
  const slots = new Int32Array(3 * size);
  // The filter: one bit per pair hash's top bits, at least 8 bits per key (see `Matcher.pairFilter`).
  let filterBits = 5;
  while (1 << filterBits < bound * 8) filterBits++;
  const filter = new Int32Array(1 << (filterBits - 5));
  const filterShift = 32 - filterBits;
  const mask = size - 1;
  const pairOff = new Int32Array(bound + 1);
  const extOff = new Int32Array(bound + 1);
  const extViewOff = new Int32Array(tc.length + 1);
  let pi = 0;
  let ti = 0;
  let pKey = pk.length > 0 ? pk[0]! : Infinity;
  let tKey = tp.length > 0 ? tp[0]! : Infinity;
  let at = 0;
  let third = 0;
  let tAt = 0;
  let count = 0;
  while (pKey !== Infinity || tKey !== Infinity) {
    const key = Math.min(pKey, tKey);
    const lo = Math.floor(key / PAIR);
    const hi = key - lo * PAIR;
    const i = count++;
    trigger[lo] = 1;
    trigger[hi] = 1;
    pairOff[i] = at;
    extOff[i] = third;
    if (pKey === key) {
      let id = 0;
      for (let j = 0; j < pn[pi]!; j++, at++) pv[at] = id += pv[at]!;
      pi++;
      pKey = pi < pk.length ? pKey + pk[pi]! : Infinity;
    }
    if (tKey === key) {
      let c = 0;
      for (let j = 0; j < tm[ti]!; j++, third++) {
        tc[third] = c += tc[third]!;
        trigger[c] = 1;
        extViewOff[third] = tAt;
        let id = 0;
        for (let q = 0; q < tn[third]!; q++, tAt++) tv[tAt] = id += tv[tAt]!;
      }
      ti++;
      tKey = ti < tp.length ? tKey + tp[ti]! : Infinity;
    }
    const h = pairHash(lo, hi);
    const f = h >>> filterShift;
    filter[f >>> 5] = filter[f >>> 5]! | (1 << (f & 31));
    let slot = h & mask;
    while (slots[3 * slot] !== 0) slot = (slot + 1) & mask;
    slots[3 * slot] = i + 1;
    slots[3 * slot + 1] = lo;
    slots[3 * slot + 2] = hi;
  }
  pairOff[count] = at;
  extOff[count] = third;
  extViewOff[third] = tAt;
  return { slots, mask, pairOff, extOff, extViewOff, filter, filterShift };
}

export class Matcher {
  readonly claimCount: number;
  private readonly data: CompiledData;
  private readonly conceptNo: Map<string, number>;
  /** Views by id, built on first use (see `view`). */
  private readonly views: Array<View | undefined>;
  /** Claims' views decoded from the shipped strings (the compiled data is left as given). */
  private readonly decoded: Array<CompiledView[] | undefined> = [];
  /** Each claim's id and views as shipped (see `ShippedClaims`). */
  private readonly claimIds: string[];
  private readonly claimViewText: string[];
  /** Claim i's entities: claimEnt[claimEntOff[i] … claimEntOff[i + 1]), as arrays once used (`entitiesOf`). */
  private readonly claimEntOff: Int32Array;
  private readonly claimEnt: Int32Array;
  private readonly claimEntities: Array<number[] | undefined> = [];
  /** Per claim (sparse): its quantities, whether it is negative, the claims it outranks. */
  private readonly claimNum: Array<Array<[number, string, string]> | undefined> = [];
  private readonly claimNeg: Uint8Array;
  private readonly claimOver: Array<number[] | undefined> = [];
  /** Each concept's specificity (see `CompiledData.idf`). */
  private readonly idf: Float64Array;
  /** The claim of each view. */
  private readonly viewClaim: Int32Array;
  /** The first view id of each claim (its views are numbered consecutively), and one past the last. */
  private readonly firstView: Int32Array;
  /** 1 for an entity concept (`@id`): a participant, not evidence of the event. */
  private readonly entityConcept: Uint8Array;
  /** Views indexed under one concept c (views that need one group): singleIds[singleOff[c] … singleOff[c + 1]). */
  private readonly singleOff: Int32Array;
  private readonly singleIds: Int32Array;
  /**
   * Views indexed under a pair of concepts: an open-addressing hash table over typed arrays
   * (built in one pass at load, no Map entry or array per key). Slot s holds, at 3s, key
   * number + 1 (0: empty) and the key's pair lo, hi (one place in memory per probe); key
   * number → its views ids[off[k] … off[k + 1]).
   */
  private readonly pairSlots: Int32Array;
  private readonly pairMask: number;
  /**
   * A one-hash Bloom filter of the table's keys, by the top bits of their hash (the slot takes
   * the low bits): at least 8 bits per key, so small enough to stay in cache (64 KB at 10k
   * claims, against 1.5 MB of slots) and wrong about ≤ 12 % of the absent pairs. Most pairs
   * of a sentence's concepts are no key: they are turned away without a probe of the table.
   */
  private readonly pairFilter: Int32Array;
  private readonly pairFilterShift: number;
  private readonly pairOff: Int32Array;
  private readonly pairIds: Int32Array;
  /**
   * Triples by their pair prefix (a key of the same table; a prefix may have no views of its
   * own): key number → its thirds extC[extOff[k] … extOff[k + 1]) ascending; third t → its
   * views extIds[extViewOff[t] … extViewOff[t + 1]).
   */
  private readonly extOff: Int32Array;
  private readonly extC: Int32Array;
  private readonly extViewOff: Int32Array;
  private readonly extIds: Int32Array;
  /** Every concept that appears in an index key: sentences without one are skipped. */
  private readonly triggers: { has(c: number): boolean };
  /** The same as a byte per concept (1: a trigger), for the pre-scan's loop. */
  private readonly trigger: Uint8Array;
  /** Concept numbers of each entity and its ancestors (memberOf). */
  private readonly entityConcepts: number[][];
  private readonly recognizer: EntityRecognizer;
  /** Word normal form → concept number (-1: none in this index). */
  private readonly wordCache = new Map<string, number>();
  /** False for a word that cannot reach this index's concepts: not stemmed (`vocabularyCheck`). */
  private readonly mayHaveConcept: (norm: string) => boolean;
  /** Entities indexed under, that misspellings may name. */
  private readonly fuzzyTriggers = new Set<number>();
  /** First word of a name → [case flag of that word, trigger concepts of the entity]. */
  private readonly nameFirst = new Map<string, Array<[string, number[]]>>();
  /** What each word as written brings to the pre-scan (`rawInfo`), looked up in place. */
  private readonly rawCache = new WordTable<RawInfo>();
  /**
   * Per entry of `rawCache`, what the pre-scan needs, read without touching the entry's object:
   * the one concept a word brings when it brings one and no cue (≥ 0), PLAIN_WORD (nothing),
   * or OTHER_WORD (several concepts, or a cue: see the object).
   */
  private rawCode = new Int32Array(1024);
  private readonly words = new WordBuffer();
  /** The words of the sentence being analysed in full (`tokensOf`). */
  private readonly tokenWords = new WordBuffer();
  /** Per-sentence scratch: concepts seen (by stamp) and the distinct keys. */
  private readonly seen: Int32Array;
  private readonly viewSeen: Int32Array;
  private stamp = 0;
  /**
   * Views flattened into one integer pool, built when a sentence first reaches their claim
   * (the candidate check reads only integers: no object, no array per group). For view id,
   * `flatAt[id]` is its offset + 1 (0: not built yet); at the offset: G, need, then each
   * group as a concept number ≥ 0 (a one-word group) or −k followed by k alternatives, each
   * its length then its concepts. `flatWeight` holds each group's specificity at the group's
   * first slot; `flatMin` the view's minimum weight.
   */
  private readonly flatAt: Int32Array;
  private readonly flatMin: Float64Array;
  private pool = new Int32Array(1 << 14);
  private poolWeight = new Float64Array(1 << 14);
  private poolEnd = 0;
  private readonly keys: number[] = [];
  /** Entities named in the last analysed sentence (for "it" in the next one). */
  /** The entities named in sentence `n` (or, for "It …", in sentence `origin` before it). */
  private prevEntities: { n: number; origin: number; entities: number[] } = { n: -2, origin: -2, entities: [] };

  constructor(data: CompiledData) {
    if (data.format !== 'claimlens-index' || data.version !== INDEX_VERSION) {
      throw new Error(`loadIndex: unsupported index (format ${String(data.format)}, version ${String(data.version)}; expected version ${INDEX_VERSION})`);
    }
    this.data = data;
    const sc = data.claims;
    const nv = unpackInt32(sc.nv, 'claims.nv');
    const claimCount = nv.length;
    this.claimCount = claimCount;
    this.claimIds = claimCount === 0 ? [] : sc.ids.split('\n');
    this.claimViewText = claimCount === 0 ? [] : sc.v.split('\n');
    const en = unpackInt32(sc.en, 'claims.en');
    this.claimEnt = unpackInt32(sc.ev, 'claims.ev');
    if (this.claimIds.length !== claimCount || this.claimViewText.length !== claimCount || en.length !== claimCount) {
      throw new Error(`loadIndex: claims: ${claimCount} view counts but ${this.claimIds.length} ids, ${this.claimViewText.length} view lines, ${en.length} entity counts`);
    }
    this.claimEntOff = new Int32Array(claimCount + 1);
    for (let i = 0; i < claimCount; i++) this.claimEntOff[i + 1] = this.claimEntOff[i]! + en[i]!;
    if (this.claimEntOff[claimCount] !== this.claimEnt.length) throw new Error('loadIndex: claims.ev: not as many entities as claims.en counts');
    this.claimNeg = new Uint8Array(claimCount);
    for (const [i, num] of sc.num) this.claimNum[i] = num;
    for (const i of sc.neg) this.claimNeg[i] = 1;
    for (const [i, over] of sc.over) this.claimOver[i] = over;
    const conceptCount = data.concepts.length;
    const idf = unpackUints(data.idf, 'idf');
    for (let i = 0; i < idf.length; i++) idf[i] = idf[i]! / 100;
    this.idf = idf;
    [this.conceptNo, this.entityConcept, this.entityConcepts] = conceptTables(data.concepts, data.entities);
    this.mayHaveConcept = vocabularyCheck(data.concepts);
    this.recognizer = new EntityRecognizer(data.forms, data.fuzzy, data.entities.map((e) => e[1]));
    // Views are built when a sentence first reaches them (most never are): load only numbers them.
    [this.firstView, this.viewClaim] = numberViews(nv);
    const viewCount = this.viewClaim.length;
    this.views = new Array<View | undefined>(viewCount);
    const trigger = new Uint8Array(conceptCount);
    this.trigger = trigger;
    this.triggers = { has: (c: number): boolean => trigger[c] === 1 };
    // Views of single concepts: keys as differences, the lists as first id then differences.
    const sk = unpackInt32(data.single.k, 'single.k');
    const sn = unpackInt32(data.single.n, 'single.n');
    const sv = unpackInt32(data.single.v, 'single.v');
    this.singleOff = new Int32Array(conceptCount + 1);
    this.singleIds = new Int32Array(sv.length);
    {
      let c = 0;
      let at = 0;
      for (let i = 0; i < sk.length; i++) {
        c += sk[i]!;
        if (c >= conceptCount) throw new Error(`loadIndex: single.k: concept ${c} out of range`);
        this.singleOff[c + 1] = sn[i]!;
        trigger[c] = 1;
        let id = 0;
        for (let j = 0; j < sn[i]!; j++, at++) this.singleIds[at] = id += sv[at]!;
      }
      for (let k = 0; k < conceptCount; k++) this.singleOff[k + 1] = this.singleOff[k + 1]! + this.singleOff[k]!;
    }
    // One table for pair keys and triple prefixes: both lists are sorted, merge them.
    const pk = unpackUints(data.pairs.k, 'pairs.k');
    const pn = unpackInt32(data.pairs.n, 'pairs.n');
    const pv = unpackInt32(data.pairs.v, 'pairs.v');
    const tp = unpackUints(data.triples.p, 'triples.p');
    const tm = unpackInt32(data.triples.m, 'triples.m');
    const tc = unpackInt32(data.triples.c, 'triples.c');
    const tn = unpackInt32(data.triples.n, 'triples.n');
    const tv = unpackInt32(data.triples.v, 'triples.v');
    const table = pairTable(pk, pn, pv, tp, tm, tc, tn, tv, trigger);
    this.pairSlots = table.slots;
    this.pairMask = table.mask;
    this.pairFilter = table.filter;
    this.pairFilterShift = table.filterShift;
    this.pairOff = table.pairOff;
    // The lists were read in place: their differences are now ids.
    this.pairIds = pv;
    this.extOff = table.extOff;
    this.extC = tc;
    this.extViewOff = table.extViewOff;
    this.extIds = tv;
    for (const [entity, words, flags] of data.forms) {
      const concepts = this.entityConcepts[entity]!.filter((c) => this.triggers.has(c));
      if (concepts.length === 0) continue;
      const space = words.indexOf(' ');
      const first = space < 0 ? words : words.slice(0, space);
      let list = this.nameFirst.get(first);
      if (!list) this.nameFirst.set(first, (list = []));
      list.push([flags[0] ?? 'l', concepts]);
    }
    this.seen = new Int32Array(data.concepts.length);
    this.viewSeen = new Int32Array(viewCount);
    this.flatAt = new Int32Array(viewCount);
    this.flatMin = new Float64Array(viewCount);
    data.fuzzy.forEach(([, entity]) => {
      if (this.entityConcepts[entity]!.some((c) => this.triggers.has(c))) this.fuzzyTriggers.add(entity);
    });
  }

  /** A claim's views, decoded on first use. */
  private claimViews(ci: number): CompiledView[] {
    return (this.decoded[ci] ??= decodeViews(this.claimViewText[ci]!));
  }

  /** A claim's entity indices. */
  private entitiesOf(ci: number): number[] {
    return (this.claimEntities[ci] ??= Array.from(this.claimEnt.subarray(this.claimEntOff[ci]!, this.claimEntOff[ci + 1]!)));
  }

  /** Room for `n` more slots in the pool. */
  private reserve(n: number): void {
    if (this.poolEnd + n <= this.pool.length) return;
    let size = this.pool.length * 2;
    while (size < this.poolEnd + n) size *= 2;
    const pool = new Int32Array(size);
    pool.set(this.pool.subarray(0, this.poolEnd));
    const weight = new Float64Array(size);
    weight.set(this.poolWeight.subarray(0, this.poolEnd));
    this.pool = pool;
    this.poolWeight = weight;
  }

  /** Flatten all views of claim `ci` into the pool (see `flatAt`). */
  private flatten(ci: number): void {
    const views = this.claimViews(ci);
    const first = this.firstView[ci]!;
    for (let k = 0; k < views.length; k++) {
      const v = views[k]!;
      let size = 2;
      for (const g of v.g) {
        if (typeof g === 'number') size++;
        else {
          size++;
          for (const alt of g) size += 1 + alt.length;
        }
      }
      this.reserve(size);
      const pool = this.pool;
      const at = this.poolEnd;
      let p = at;
      pool[p++] = v.g.length;
      pool[p++] = v.n;
      let total = 0;
      for (const g of v.g) {
        const w = this.groupWeight(g);
        if (v.n < v.g.length) total += w;
        this.poolWeight[p] = w;
        if (typeof g === 'number') pool[p++] = g;
        else {
          pool[p++] = -g.length;
          for (const alt of g) {
            pool[p++] = alt.length;
            for (const x of alt) pool[p++] = x;
          }
        }
      }
      this.poolEnd = p;
      this.flatAt[first + k] = at + 1;
      // Cue views need every group: no weight test.
      this.flatMin[first + k] = v.n < v.g.length ? WEIGHT_SHARE * total : 0;
    }
  }

  /**
   * Does view `id` have enough groups (and weight) among the concepts whose `marks` entry is
   * `stamp`? Reads only the flat pool; stops at the first miss too many.
   */
  private flatCovered(id: number, marks: Int32Array, stamp: number): boolean {
    let at = this.flatAt[id]!;
    if (at === 0) {
      this.flatten(this.viewClaim[id]!);
      at = this.flatAt[id]!;
    }
    const pool = this.pool;
    let p = at - 1;
    const groups = pool[p++]!;
    const need = pool[p++]!;
    const minWeight = this.flatMin[id]!;
    const allowed = groups - need;
    let matched = 0;
    let missing = 0;
    let weight = 0;
    for (let gi = 0; gi < groups; gi++) {
      const head = p;
      const h = pool[p++]!;
      let hit = false;
      if (h >= 0) hit = marks[h] === stamp;
      else {
        for (let a = 0; a < -h; a++) {
          const len = pool[p++]!;
          if (!hit) {
            let all = true;
            for (let j = 0; j < len; j++) {
              if (marks[pool[p + j]!] !== stamp) {
                all = false;
                break;
              }
            }
            if (all) hit = true;
          }
          p += len;
        }
      }
      if (hit) {
        matched++;
        if (minWeight > 0) weight += this.poolWeight[head]!;
      } else if (++missing > allowed) return false;
    }
    return matched >= need && weight >= minWeight;
  }

  /** View `id`, built on first use. */
  private view(id: number): View {
    let view = this.views[id];
    if (view) return view;
    const ci = this.viewClaim[id]!;
    const v = this.claimViews(ci)[id - this.firstView[ci]!]!;
    let total = 0;
    if (v.n < v.g.length) for (const g of v.g) total += this.groupWeight(g);
    // Cue views need every group: no weight test.
    const minWeight = v.n < v.g.length ? WEIGHT_SHARE * total : 0;
    view = { claim: ci, groups: v.g, entities: this.entitiesOf(ci), need: v.n, minWeight };
    this.views[id] = view;
    return view;
  }

  /** The table's key number of the concept pair lo < hi, or -1. */
  private pairKey(lo: number, hi: number): number {
    const h = pairHash(lo, hi);
    const f = h >>> this.pairFilterShift;
    if ((this.pairFilter[f >>> 5]! & (1 << (f & 31))) === 0) return -1;
    const slots = this.pairSlots;
    for (let slot = h & this.pairMask; ; slot = (slot + 1) & this.pairMask) {
      const k = slots[3 * slot]!;
      if (k === 0) return -1;
      if (slots[3 * slot + 1] === lo && slots[3 * slot + 2] === hi) return k - 1;
    }
  }

  /**
   * Visit the view lists indexed under the keys that the sorted concepts `keys[0 … count)` make (their
   * members, and nothing else among the index's concepts, are marked `stamp` in `marks`):
   * single concepts, pairs, triples. Stops, returning true, when `visit` does.
   */
  private eachCandidateList(keys: readonly number[], marks: Int32Array, stamp: number, visit: (ids: ArrayLike<number>, from: number, to: number) => boolean, count = keys.length): boolean {
    const { singleOff, singleIds, pairOff, pairIds, extOff, extC, extViewOff, extIds } = this;
    for (let i = 0; i < count; i++) {
      const a = keys[i]!;
      const s0 = singleOff[a]!;
      const s1 = singleOff[a + 1]!;
      if (s0 < s1 && visit(singleIds, s0, s1)) return true;
      for (let j = i + 1; j < count; j++) {
        const k = this.pairKey(a, keys[j]!);
        if (k < 0) continue;
        if (pairOff[k]! < pairOff[k + 1]! && visit(pairIds, pairOff[k]!, pairOff[k + 1]!)) return true;
        const e0 = extOff[k]!;
        const e1 = extOff[k + 1]!;
        if (e0 === e1) continue;
        // The prefix's thirds that the sentence has (all after keys[j]): scan a short list,
        // else look up each key left.
        if (e1 - e0 <= 4 * (count - j - 1)) {
          for (let t = e0; t < e1; t++) if (marks[extC[t]!] === stamp && visit(extIds, extViewOff[t]!, extViewOff[t + 1]!)) return true;
        } else {
          for (let m = j + 1; m < count; m++) {
            const c = keys[m]!;
            let lo = e0;
            let hi = e1 - 1;
            while (lo <= hi) {
              const mid = (lo + hi) >>> 1;
              const x = extC[mid]!;
              if (x < c) lo = mid + 1;
              else if (x > c) hi = mid - 1;
              else {
                if (visit(extIds, extViewOff[mid]!, extViewOff[mid + 1]!)) return true;
                break;
              }
            }
          }
        }
      }
    }
    return false;
  }

  /** Read every speech-only sentence at once, as before they were deferred: the reference of a property test. */
  private eagerSpeakers = false;

  /** Forget the per-word caches (benchmarks: every run pays as a fresh page would). */
  clearCache(): void {
    this.wordCache.clear();
    this.rawCache.clear();
  }

  private wordConcept(norm: string): number {
    let n = this.wordCache.get(norm);
    if (n === undefined) {
      const c = this.mayHaveConcept(norm) ? conceptOf(norm) : null;
      n = c === null ? -1 : (this.conceptNo.get(c) ?? -1);
      if (this.wordCache.size > 200_000) this.wordCache.clear();
      this.wordCache.set(norm, n);
    }
    return n;
  }

  spot(text: string, blockBreaks: readonly number[]): ClaimMatch[] {
    const out: ClaimMatch[] = [];
    const recent: SentenceResult[] = [];
    let previousSpeaker: { entity: number; name: string | null } | null = null;
    let speakerAt = -1;
    // The last named speaker, while recent enough to be "he".
    const lastSpeaker = (at: number): { entity: number; name: string | null } | null => (at - speakerAt <= SPEAKER_SENTENCES ? previousSpeaker : null);
    // The speech-only sentence kept before each analysed one (`pending`), read only when a
    // later sentence resolves "he" / "it said" (most never do): start, end, number of each, in
    // order. Reading one only moves the last speaker, and a speaker named in an analysed
    // sentence replaces it whatever they said, so those are dropped then; the rest are read
    // in order, each with the last speaker as it stood (exactly as if read at once).
    const deferred: number[] = [];
    const settle = (): void => {
      for (let d = 0; d < deferred.length; d += 3) {
        const at = deferred[d + 2]!;
        const before = lastSpeaker(at);
        const p = this.spotSentence(text, deferred[d]!, deferred[d + 1]!, at, SPEAKER_ONLY, recent, () => before, out);
        if (p?.speaker && !p.resolved) {
          previousSpeaker = p.speaker;
          speakerAt = at;
        }
      }
      deferred.length = 0;
    };
    let from = 0;
    let n = 0;
    let pending: [number, number, number] | null = null;
    this.prevEntities = { n: -2, origin: -2, entities: [] };
    const ends = [...blockBreaks.filter((b) => b > 0 && b < text.length), text.length];
    const cursor = terminatorCursor();
    const bounds: number[] = [];
    for (const blockEnd of ends) {
      if (blockEnd <= from) continue;
      // Appended for the whole page (emptying the list per block would drop its storage each time).
      const first = bounds.length;
      sentenceBounds(text, from, blockEnd, bounds, cursor);
      for (let b = first; b < bounds.length; b += 2) {
        const s = bounds[b]!;
        const e = bounds[b + 1]!;
        const kind = this.prescan(text, s, e);
        if (kind === SKIP) {
          n++;
          continue;
        }
        if (kind === SPEAKER_ONLY) {
          // Who speaks here matters only if a later match says "he said": look then.
          pending = [s, e, n++];
          continue;
        }
        if (pending) {
          deferred.push(pending[0], pending[1], pending[2]);
          pending = null;
          if (this.eagerSpeakers) settle();
        }
        const at = n++;
        const r = this.spotSentence(text, s, e, at, FULL, recent, () => {
          settle();
          return lastSpeaker(at);
        }, out);
        if (r) {
          if (r.speaker && !r.resolved) {
            // A speaker named here is the last one, whatever the sentences left unread said.
            previousSpeaker = r.speaker;
            speakerAt = at;
            deferred.length = 0;
          }
          if (r.result.claims.length > 0) {
            recent.push(r.result);
            if (recent.length > 8) recent.shift();
          }
        }
      }
      from = blockEnd;
    }
    return out;
  }

  /** What a word as written brings to the pre-scan (`rawCache` keeps it per written form). */
  private rawInfo(raw: string): RawInfo {
    const c0 = raw.charCodeAt(0);
    const digits = c0 >= 48 && c0 <= 57;
    const first = raw[0] ?? '';
    // The token's fields exactly as tokenize() computes them.
    const norm = digits ? raw : normalizeWord(raw);
    const cap = !digits && first !== first.toLowerCase();
    // (A word whose first letter has an uppercase form other than itself, a small letter, is no acronym.)
    const tokenUpper = !digits && raw.length > 1 && first === first.toUpperCase() && isUpper(raw.replace(/['’]s$/, ''));
    const c = this.wordConcept(norm);
    let concepts = NO_CONCEPTS;
    let flags = 0;
    if (!digits) {
      concepts = [];
      if (c >= 0) concepts.push(c);
      if (DENIAL_CUES.has(norm)) flags |= DENIAL;
      if (ATTRIBUTION_CUES.has(norm)) flags |= ATTRIBUTION;
      const names = this.nameFirst.get(norm);
      // Whether the word is an acronym matters only for a name's first word or a capitalised word.
      const upper = (names !== undefined || cap) && raw.length > 1 && isUpper(raw);
      for (const [flag, ents] of names ?? []) {
        if ((flag === 'u' && !upper) || (flag === 'c' && !cap)) continue;
        for (const x of ents) if (!concepts.includes(x)) concepts.push(x);
      }
      if (cap && !upper && norm.length >= 6 && c < 0 && this.fuzzyTriggers.size > 0 && !STOP_WORDS.has(norm)) {
        const f = this.recognizer.fuzzyMatch(norm);
        if (f && this.fuzzyTriggers.has(f[1])) for (const x of this.entityConcepts[f[1]]!) if (this.triggers.has(x) && !concepts.includes(x)) concepts.push(x);
      }
    }
    return { c: concepts, f: flags, plain: concepts.length === 0 && flags === 0, norm, cap, upper: tokenUpper, digits, w: c };
  }

  /** The `rawCache` entry of the word `text[start, end)` (key `key0`, `key1`: `wordKey`), made now if new. */
  private entryAt(text: string, start: number, end: number, key0: number, key1: number): number {
    const k = this.rawCache.indexOf(text, start, end, key0, key1);
    return k >= 0 ? k : this.addWord(text.slice(start, end), key0, key1);
  }

  private addWord(raw: string, key0: number, key1: number): number {
    const cache = this.rawCache;
    const info = this.rawInfo(raw);
    if (cache.size > 200_000) cache.clear();
    const k = cache.add(raw, key0, key1, info);
    if (k >= this.rawCode.length) {
      const grown = new Int32Array(2 * this.rawCode.length);
      grown.set(this.rawCode);
      this.rawCode = grown;
    }
    this.rawCode[k] = info.plain ? PLAIN_WORD : info.f === 0 && info.c.length === 1 ? info.c[0]! : OTHER_WORD;
    return k;
  }

  /**
   * `tokenize(text, s, e)`, with each token's fields taken from the page's table of words (no
   * string, no normal form made again for a word seen before), and each token's concept into
   * `concepts` (−1: none).
   */
  private tokensOf(text: string, s: number, e: number): { tokens: Token[]; concepts: number[] } {
    const words = this.tokenWords;
    const count = scanWords(text, s, e, words);
    const { start, end, key0, key1 } = words;
    const tokens: Token[] = [];
    // (An array, not an Int32Array: a typed array of more than 64 bytes has its buffer outside
    // the heap, slow to allocate for one sentence.)
    const concepts: number[] = new Array<number>(count);
    for (let i = 0; i < count; i++) {
      const info = this.rawCache.valueAt(this.entryAt(text, start[i]!, end[i]!, key0[i]!, key1[i]!));
      tokens.push({ start: start[i]!, end: end[i]!, norm: info.norm, cap: info.cap, upper: info.upper, digits: info.digits });
      concepts[i] = info.w;
    }
    return { tokens, concepts };
  }

  /**
   * The cheap first look at a sentence: its words' trigger concepts (and names), without
   * tokens. Only a sentence that shares an index key with some claim view, or that denies
   * (it may point back), or that reports speech, goes on to the full analysis.
   */
  private prescan(text: string, s: number, e: number): number {
    const stamp = ++this.stamp;
    // The distinct trigger concepts: keys[0 … n) (the array is reused; `length = 0` would drop its storage).
    const keys = this.keys;
    let n = 0;
    let flags = 0;
    // The words' offsets and keys, then each one's info looked up in place (no string per word).
    const count = scanWords(text, s, e, this.words);
    const { start, end, key0, key1 } = this.words;
    const { seen, trigger } = this;
    for (let i = 0; i < count; i++) {
      const k = this.entryAt(text, start[i]!, end[i]!, key0[i]!, key1[i]!);
      // (Read after entryAt: adding a word may have grown the array.)
      const code = this.rawCode[k]!;
      if (code >= 0) {
        if (seen[code] !== stamp) {
          seen[code] = stamp;
          if (trigger[code] === 1) keys[n++] = code;
        }
        continue;
      }
      if (code === PLAIN_WORD) continue;
      const info = this.rawCache.valueAt(k);
      flags |= info.f;
      for (const c of info.c) {
        if (seen[c] !== stamp) {
          seen[c] = stamp;
          if (trigger[c] === 1) keys[n++] = c;
        }
      }
    }
    if (n > 0) {
      // Check the candidate views on the concepts seen (names by their first word: an
      // over-approximation that the full analysis then makes exact).
      sortNumbers(keys, n);
      if (this.eachCandidateList(keys, this.seen, stamp, this.anyCovered, n)) return FULL;
    }
    // A denial may point back ("denied the charges"); whether there is anything to point
    // back to is for the full analysis to say, so the reading never hangs on a distant past.
    if (flags & DENIAL) return FULL;
    if (flags & ATTRIBUTION) return SPEAKER_ONLY;
    return SKIP;
  }

  /** A group's specificity: the idf of its most specific concept. */
  private groupWeight(g: Group): number {
    if (typeof g === 'number') return this.idf[g] ?? 0;
    let w = 0;
    for (const alt of g) for (const x of alt) w = Math.max(w, this.idf[x] ?? 0);
    return w;
  }

  /** `anyViewCovered` for the current stamp (one function for every pre-scan: no closure per sentence). */
  private readonly anyCovered = (ids: ArrayLike<number>, from: number, to: number): boolean => this.anyViewCovered(ids, from, to, this.stamp);

  /** Does one of these views have enough groups among the concepts stamped `stamp`? */
  private anyViewCovered(ids: ArrayLike<number>, from: number, to: number, stamp: number): boolean {
    const viewSeen = this.viewSeen;
    for (let i = from; i < to; i++) {
      const id = ids[i]!;
      if (viewSeen[id] === stamp) continue;
      viewSeen[id] = stamp;
      if (this.flatCovered(id, this.seen, stamp)) return true;
    }
    return false;
  }

  private spotSentence(
    text: string,
    s: number,
    e: number,
    n: number,
    kind: number,
    recent: readonly SentenceResult[],
    previousSpeaker: () => { entity: number; name: string | null } | null,
    out: ClaimMatch[],
  ): { result: SentenceResult; speaker: { entity: number; name: string | null } | null; resolved: boolean } | null {
    const { tokens, concepts: tokenConcept } = this.tokensOf(text, s, e);
    const known = (w: string): boolean => STOP_WORDS.has(w) || this.wordConcept(w) >= 0;
    if (kind === SPEAKER_ONLY) {
      // Still follow who speaks: "He added: …" and "it said …" refer to the last named speaker.
      const st = sentenceStance(tokens, text, this.recognizer.find(tokens, text, known), previousSpeaker);
      const speaker = st.speakerEntity >= 0 || st.speakerName ? { entity: st.speakerEntity, name: st.speakerName } : null;
      return { result: { n, start: s, end: e, claims: [], stance: st.stance, accusation: false, speaker: st.speakerEntity, denied: [] }, speaker, resolved: st.speakerResolved };
    }
    const mentions = this.recognizer.find(tokens, text, known);
    const present = new Set<number>();
    for (let i = 0; i < tokens.length; i++) if (tokenConcept[i]! >= 0) present.add(tokenConcept[i]!);
    const entityPresent = new Set<number>();
    // "It faces …", "The country …": the subject is the entity named in the sentence before.
    const subject = tokens.slice(0, 4).some((t) => SUBJECT_PRONOUNS.has(t.norm)) || (tokens[0]?.norm === 'the' && tokens[1]?.norm === 'country');
    const inherits = subject && mentions.length === 0 && this.prevEntities.n === n - 1 && n - this.prevEntities.origin <= SUBJECT_SENTENCES;
    if (inherits) {
      for (const en of this.prevEntities.entities) {
        for (const a of this.ancestors(en)) {
          entityPresent.add(a);
          for (const c of this.entityConcepts[a] ?? []) present.add(c);
        }
      }
    }
    for (const m of mentions) {
      entityPresent.add(m.entity);
      for (const c of this.entityConcepts[m.entity] ?? []) present.add(c);
      // Ancestors count as present entities too (Kirby → US government).
      for (let a = this.data.entities[m.entity]![2], g = 0; a >= 0 && g < 8; a = this.data.entities[a]![2], g++) entityPresent.add(a);
    }
    // Candidate views, best per claim.
    const best = new Map<number, { score: number; used: Set<number>; events: Set<number>; view: View }>();
    const keys: number[] = [];
    for (const c of present) if (this.triggers.has(c)) keys.push(c);
    sortNumbers(keys);
    // Mark the present concepts for the flat check (a fresh stamp: no clearing).
    const stamp = ++this.stamp;
    const marks = this.seen;
    for (const c of present) marks[c] = stamp;
    // Candidate views, each checked once, best per claim.
    const viewSeen = this.viewSeen;
    const survivors: number[] = [];
    this.eachCandidateList(keys, marks, stamp, (ids, from, to) => {
      for (let i = from; i < to; i++) {
        const vid = ids[i]!;
        if (viewSeen[vid] === stamp) continue;
        viewSeen[vid] = stamp;
        // Count first, without allocating: most candidates fall short.
        if (this.flatCovered(vid, marks, stamp)) survivors.push(vid);
      }
      return false;
    });
    // In view order, whatever the key that reached them (the first best view of a claim wins).
    survivors.sort((x, y) => x - y);
    {
      for (const vid of survivors) {
        const v = this.view(vid);
        const used = new Set<number>();
        let matched = 0;
        for (const g of v.groups) {
          for (const alt of alternatives(g)) {
            if (alt.every((x) => present.has(x))) {
              for (const x of alt) used.add(x);
              matched++;
              break;
            }
          }
        }
        const events = new Set(used);
        let entMatched = 0;
        for (const en of v.entities) {
          // A claim's person may be named through the body they speak for ("Russia" for Putin).
          const parent = this.data.entities[en]![2];
          if (entityPresent.has(en) || (parent >= 0 && entityPresent.has(parent))) {
            entMatched++;
            for (const x of this.entityConcepts[en] ?? []) used.add(x);
          }
        }
        if (v.entities.length > 0 && entMatched === 0) continue;
        const score = EVENT_WEIGHT * (matched / v.groups.length) + (1 - EVENT_WEIGHT) * (v.entities.length ? entMatched / v.entities.length : 1);
        const prev = best.get(v.claim);
        if (!prev || score > prev.score) best.set(v.claim, { score, used, events, view: v });
      }
    }
    if (best.size > 1) for (const c of this.outranked(best, present, tokenConcept)) best.delete(c);
    this.prevEntities =
      mentions.length > 0 ? { n, origin: n, entities: mentions.map((m) => m.entity) } : inherits ? { ...this.prevEntities, n } : { n, origin: n, entities: [] };
    const st = sentenceStance(tokens, text, mentions, previousSpeaker);
    const speakerInfo = st.speakerEntity >= 0 || st.speakerName ? { entity: st.speakerEntity, name: st.speakerName } : null;
    const speaker = st.speakerEntity >= 0 ? this.data.entities[st.speakerEntity]![1] : st.speakerName;
    const speakerId = st.speakerEntity >= 0 ? this.data.entities[st.speakerEntity]![0] : null;
    const result: SentenceResult = { n, start: s, end: e, claims: [], stance: st.stance, accusation: tokens.some((t) => ACCUSATION_CUES.has(t.norm)), speaker: st.speakerEntity, denied: [] };

    if (st.stance === 'denies' && (st.anaphorEnd >= 0 || best.size === 0 || st.rebuttal)) {
      // "Pyongyang has denied the charges": the claims reported just before. Without an
      // anaphor ("Beijing dismissed it as a smear"), those of them that name the denier.
      const picked: number[] = [];
      for (let i = recent.length - 1; i >= 0; i--) {
        const r = recent[i]!;
        if (n - r.n > ANAPHOR_SENTENCES) break;
        // Earlier denials are transparent: "Beijing rejected the claims. Its spokesman said …".
        if (r.stance === 'denies') continue;
        for (const c of r.claims) if (!picked.includes(c) && !best.has(c)) picked.push(c);
        // "The US accused …" opens the run of claims that "the claims" refers to.
        if (r.accusation) break;
      }
      const chain = this.ancestors(st.speakerEntity);
      const withSpeaker = chain.length > 0 ? picked.filter((c) => chain.some((en) => this.claimNamesEntity(c, en))) : [];
      const chosen = st.anaphorEnd >= 0 ? (withSpeaker.length > 0 ? withSpeaker : picked) : withSpeaker;
      const phraseStart = tokens[0]!.start;
      const phraseEnd = tokens[st.anaphorEnd >= 0 ? st.anaphorEnd : tokens.length - 1]!.end;
      for (const c of chosen) {
        out.push({
          claimId: this.claimIds[c]!, start: phraseStart, end: phraseEnd, sentenceStart: s, sentenceEnd: e,
          score: 0.5, stance: 'denies', speaker, speakerId, discrepancies: [],
        });
        result.claims.push(c);
        result.denied.push(c);
      }
    }
    // A denier who goes on ("X denied A. “It is not us …”, X's spokesman said"): the same
    // claims, when the sentence negates or rebuts and its speaker is the denier or belongs to it.
    if (st.stance !== 'denies' || st.anaphorEnd < 0) {
      const negates = st.stance === 'denies' || st.rebuttal || tokens.some((t) => NEGATIONS.has(t.norm));
      const chain = this.ancestors(st.speakerEntity);
      if (negates && chain.length > 0) {
        const denied: number[] = [];
        for (let i = recent.length - 1; i >= 0; i--) {
          const r = recent[i]!;
          if (n - r.n > DENIAL_CHAIN_SENTENCES) break;
          if (r.speaker >= 0 && chain.includes(r.speaker)) for (const c of r.denied) if (!denied.includes(c)) denied.push(c);
        }
        const already = new Set(out.filter((m) => m.sentenceStart === s).map((m) => m.claimId));
        for (const c of denied) {
          if (best.has(c) || already.has(this.claimIds[c]!)) continue;
          out.push({
            claimId: this.claimIds[c]!, start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, sentenceStart: s, sentenceEnd: e,
            score: 0.5, stance: 'denies', speaker, speakerId, discrepancies: [],
          });
          // Not in result.denied: a chain goes back to the denial itself, never through a link.
          result.claims.push(c);
        }
        if (denied.length > 0) result.stance = 'denies';
      }
    }
    const clauses = best.size > 0 && st.cue >= 0 ? relativeClauses(tokens, text) : [];
    // The sentence's quantities, read once and only if a matched claim has a number.
    let quantityCache: Quantity[] | null = null;
    const quantities = (): Quantity[] => (quantityCache ??= findQuantities(tokens));

    for (const [claim, b] of [...best.entries()].sort((x, y) => x[0] - y[0])) {
      let first = -1;
      let last = -1;
      for (let i = 0; i < tokens.length; i++) {
        if (tokenConcept[i]! >= 0 && b.used.has(tokenConcept[i]!)) {
          if (first < 0) first = i;
          last = i;
        }
      }
      // A phrase whose event words sit inside ", which …," is background that the outlet
      // asserts, whatever the main verb says.
      const background = first >= 0 && clauses.some(([a, z]) => first >= a && last < z && (st.cue < a || st.cue >= z));
      // Reported speech that negates the claim's own words: "he does not deal arms".
      const negated = st.stance === 'attributes' && first >= 0 && this.claimNeg[claim] !== 1 && tokens.slice(Math.max(0, first - 2), last + 1).some((t) => NEGATIONS.has(t.norm));
      for (const m of mentions) {
        if (!b.view.entities.includes(m.entity) && !this.entityConcepts[m.entity]!.some((x) => b.used.has(x))) continue;
        if (first < 0 || m.first < first) first = m.first;
        if (m.last > last) last = m.last;
      }
      if (first < 0) continue;
      const start = tokens[first]!.start;
      const end = tokens[last]!.end;
      out.push({
        claimId: this.claimIds[claim]!, start, end, sentenceStart: s, sentenceEnd: e,
        score: Math.round(b.score * 100) / 100,
        // A rebuttal idiom denies what was said before; the sentence's own content is the speaker's.
        stance: background ? 'asserts' : st.rebuttal ? 'attributes' : negated ? 'denies' : st.stance,
        speaker: background ? null : speaker,
        speakerId: background ? null : speakerId,
        discrepancies: this.discrepancies(claim, tokens, text, mentions, first, last, quantities),
      });
      result.claims.push(claim);
      if (out[out.length - 1]!.stance === 'denies') result.denied.push(claim);
    }
    return { result, speaker: speakerInfo, resolved: st.speakerResolved };
  }

  /** Does view `v` have enough groups (and weight) among the concepts `has` accepts? */
  private covers(v: View, has: (x: number) => boolean): boolean {
    let matched = 0;
    let missing = 0;
    let weight = 0;
    const allowedMisses = v.groups.length - v.need;
    for (const g of v.groups) {
      let hit = false;
      if (typeof g === 'number') hit = has(g);
      else {
        for (const alt of g) {
          if (alt.every(has)) {
            hit = true;
            break;
          }
        }
      }
      if (hit) {
        matched++;
        if (v.minWeight > 0) weight += this.groupWeight(g);
      } else if (++missing > allowedMisses) return false;
    }
    return matched >= v.need && weight >= v.minWeight;
  }

  /**
   * Precedence between related claims matched in one sentence. A claim that is `part-of`
   * another as its specific case (a narrower participant: arms to Wagner, part of arms to
   * Russia), or that another is `context-for`, outranks it: when the other claim's match
   * needs event words that the outranking claim's match uses (an entity is a participant, not
   * evidence; a concept written twice can serve both), the sentence reports the specific or main claim and the other is dropped — it
   * stays only when the rest of the sentence supports it on its own ("supplied shells to the
   * Russian army and rifles to Wagner" reports both). A part that is a detail of the whole,
   * not a narrower case ("two dozen kinds of weapons" of the food-for-weapons deal), outranks
   * nothing: the sentence that gives the detail reports the deal too. So "accused North Korea of
   * supplying arms to the Wagner group" is the Wagner claim, not also the umbrella "North Korea
   * has supplied arms"; "offering food to the starving country" is the food-for-weapons deal,
   * not also the famine claim (its context); and a later "denied the claims" points back to
   * what was reported, the specific claim.
   */
  private outranked(best: Map<number, { events: Set<number>; view: View }>, present: ReadonlySet<number>, tokenConcept: readonly number[]): number[] {
    const dropped: number[] = [];
    // A word written twice ("a food shortage … offers it grain") can serve both claims.
    const twice = new Set<number>();
    const once = new Set<number>();
    for (const c of tokenConcept) if (c >= 0) (once.has(c) ? twice : once).add(c);
    for (const [a, ba] of best) {
      for (const b of this.claimOver[a] ?? []) {
        if (!best.has(b) || dropped.includes(b)) continue;
        const own = (x: number): boolean => present.has(x) && (this.entityConcept[x] === 1 || !ba.events.has(x) || twice.has(x));
        let standsAlone = false;
        for (let vid = this.firstView[b]!; vid < this.firstView[b + 1]! && !standsAlone; vid++) standsAlone = this.covers(this.view(vid), own);
        if (!standsAlone) dropped.push(b);
      }
    }
    return dropped;
  }

  /** An entity and the bodies it belongs to (Wang Wenbin → foreign ministry → China); [] for -1. */
  private ancestors(entity: number): number[] {
    const out: number[] = [];
    for (let e = entity, g = 0; e >= 0 && g < 8; e = this.data.entities[e]![2], g++) out.push(e);
    return out;
  }

  private claimNamesEntity(claim: number, entity: number): boolean {
    const concepts = new Set(this.entityConcepts[entity]);
    for (const v of this.claimViews(claim)) {
      if (this.entitiesOf(claim).includes(entity)) return true;
      for (const g of v.g) for (const alt of alternatives(g)) if (alt.some((x) => concepts.has(x))) return true;
    }
    return false;
  }

  private discrepancies(claim: number, tokens: readonly Token[], text: string, mentions: readonly EntityMention[], first: number, last: number, quantities: () => Quantity[]): Discrepancy[] {
    const out: Discrepancy[] = [];
    const nums = this.claimNum[claim] ?? [];
    if (nums.length > 0) {
      const found = quantities().filter((q) => q.end > tokens[Math.max(0, first - 3)]!.start && q.start < tokens[Math.min(tokens.length - 1, last + 3)]!.end);
      for (const [value, cmp, written] of nums) {
        const expected: Quantity = { value, cmp: cmp as Comparator, start: 0, end: 0 };
        if (found.length === 0 || found.some((q) => sameQuantity(q, expected))) continue;
        const q = found[0]!;
        const f = text.slice(q.start, q.end);
        out.push({ kind: 'number', found: f, expected: written, authority: null, message: `number: "${f}" vs "${written}"` });
      }
    }
    for (const m of mentions) {
      if (!m.misspelled || m.first < first || m.last > last) continue;
      const authority = this.data.entities[m.entity]![3];
      const { found, expected } = m.misspelled;
      if (out.some((d) => d.kind === 'spelling' && d.found === found)) continue;
      out.push({ kind: 'spelling', found, expected, authority, message: `spelling: "${found}" vs "${expected}"${authority ? ` (${authority})` : ''}` });
    }
    return out;
  }
}
