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
import { splitSentences } from '../text/sentences.ts';
import { tokenize, type Token } from '../text/tokenize.ts';
import { INDEX_VERSION, type CompiledData, type CompiledView } from './compile.ts';
import { conceptOf } from './concepts.ts';
import { EntityRecognizer, type EntityMention } from './entities.ts';
import { ATTRIBUTION_CUES, DENIAL_CUES, STOP_WORDS } from './lexicon.ts';
import { sentenceStance } from './stance.ts';

interface View {
  claim: number;
  groups: number[][][];
  entities: number[];
  need: number;
}

/** Weight of event coverage in the score (the rest is entity coverage). */
const EVENT_WEIGHT = 0.75;
/** A denial's anaphor ("the charges") reaches back over at most this many sentences. */
const ANAPHOR_SENTENCES = 3;

interface SentenceResult {
  /** Running number of the sentence in the text. */
  n: number;
  start: number;
  end: number;
  claims: number[];
  stance: string;
}

export class Matcher {
  readonly claimCount: number;
  private readonly data: CompiledData;
  private readonly conceptNo = new Map<string, number>();
  private readonly views: View[] = [];
  private readonly postings = new Map<number, number[]>();
  /** Concept numbers of each entity and its ancestors (memberOf). */
  private readonly entityConcepts: number[][];
  private readonly recognizer: EntityRecognizer;
  /** Word normal form → concept number (-1: none in this index). */
  private readonly wordCache = new Map<string, number>();
  private readonly denialConcept = -2;
  /** First words of the names of entities that some claim is indexed under. */
  private readonly triggerNames = new Set<string>();
  /** Entities indexed under, that misspellings may name. */
  private readonly fuzzyTriggers = new Set<number>();

  constructor(data: CompiledData) {
    if (data.format !== 'claimlens-index' || data.version !== INDEX_VERSION) {
      throw new Error(`loadIndex: unsupported index (format ${String(data.format)}, version ${String(data.version)}; expected version ${INDEX_VERSION})`);
    }
    this.data = data;
    this.claimCount = data.claims.length;
    data.concepts.forEach((c, i) => this.conceptNo.set(c, i));
    this.entityConcepts = data.entities.map((_, i) => {
      const out: number[] = [];
      for (let e = i, guard = 0; e >= 0 && guard < 8; e = data.entities[e]![2], guard++) {
        const n = this.conceptNo.get('@' + data.entities[e]![0]);
        if (n !== undefined) out.push(n);
      }
      return out;
    });
    this.recognizer = new EntityRecognizer(data.forms, data.fuzzy, data.entities.map((e) => e[1]));
    const df = new Uint32Array(data.concepts.length);
    for (const c of data.claims) for (const v of c.v) for (const g of v.g) for (const alt of g) for (const x of alt) df[x]!++;
    data.claims.forEach((c, ci) => {
      for (const v of c.v) this.addView(ci, v, df);
    });
    for (const [entity, words] of data.forms) {
      if (this.entityConcepts[entity]!.some((c) => this.postings.has(c))) this.triggerNames.add(words.split(' ')[0]!);
    }
    data.fuzzy.forEach(([, entity]) => {
      if (this.entityConcepts[entity]!.some((c) => this.postings.has(c))) this.fuzzyTriggers.add(entity);
    });
  }

  private addView(claim: number, v: CompiledView, df: Uint32Array): void {
    if (v.g.length === 0) return;
    const id = this.views.length;
    this.views.push({ claim, groups: v.g, entities: v.e, need: v.n });
    const cost = (g: number[][]): number => g.reduce((s, alt) => s + (df[alt[0]!] ?? 0), 0);
    const order = v.g.map((g, i) => [cost(g), i] as const).sort((a, b) => a[0] - b[0]);
    const k = v.g.length - v.n + 1;
    for (let i = 0; i < k && i < order.length; i++) {
      for (const alt of v.g[order[i]![1]]!) {
        // Index under the rarest concept of a multi-word alternative.
        let best = alt[0]!;
        for (const x of alt) if ((df[x] ?? 0) < (df[best] ?? 0)) best = x;
        let list = this.postings.get(best);
        if (!list) this.postings.set(best, (list = []));
        if (list[list.length - 1] !== id) list.push(id);
      }
    }
  }

  /** Forget the per-word cache (benchmarks: every run pays as a fresh page would). */
  clearCache(): void {
    this.wordCache.clear();
  }

  private wordConcept(norm: string): number {
    let n = this.wordCache.get(norm);
    if (n === undefined) {
      if (DENIAL_CUES.has(norm)) n = this.denialConcept;
      else {
        const c = conceptOf(norm);
        n = c === null ? -1 : (this.conceptNo.get(c) ?? -1);
      }
      if (this.wordCache.size > 200_000) this.wordCache.clear();
      this.wordCache.set(norm, n);
    }
    return n;
  }

  spot(text: string, blockBreaks: readonly number[]): ClaimMatch[] {
    const out: ClaimMatch[] = [];
    const recent: SentenceResult[] = [];
    let previousSpeaker: { entity: number; name: string | null } | null = null;
    let from = 0;
    let n = 0;
    const ends = [...blockBreaks.filter((b) => b > 0 && b < text.length), text.length];
    for (const blockEnd of ends) {
      if (blockEnd <= from) continue;
      for (const [s, e] of splitSentences(text, from, blockEnd)) {
        const r = this.spotSentence(text, s, e, n++, recent, previousSpeaker, out);
        if (r) {
          previousSpeaker = r.speaker ?? previousSpeaker;
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

  private spotSentence(
    text: string,
    s: number,
    e: number,
    n: number,
    recent: readonly SentenceResult[],
    previousSpeaker: { entity: number; name: string | null } | null,
    out: ClaimMatch[],
  ): { result: SentenceResult; speaker: { entity: number; name: string | null } | null } | null {
    const tokens = tokenize(text, s, e);
    let interesting = false;
    let hasDenial = false;
    const tokenConcept = new Int32Array(tokens.length).fill(-1);
    for (let i = 0; i < tokens.length; i++) {
      const c = this.wordConcept(tokens[i]!.norm);
      if (c === this.denialConcept) hasDenial = true;
      else if (c >= 0) {
        tokenConcept[i] = c;
        if (this.postings.has(c)) interesting = true;
      }
    }
    if (!interesting) {
      for (const t of tokens) {
        if (this.triggerNames.has(t.norm)) interesting = true;
        else if (t.cap && !t.upper && t.norm.length >= 6 && this.fuzzyTriggers.size > 0 && this.wordCache.get(t.norm) === -1) {
          const f = this.recognizer.fuzzyMatch(t.norm);
          if (f && this.fuzzyTriggers.has(f[1])) interesting = true;
        }
        if (interesting) break;
      }
    }
    const known = (w: string): boolean => STOP_WORDS.has(w) || (this.wordCache.get(w) ?? -1) !== -1;
    if (!interesting && !hasDenial) {
      // Still follow who speaks: "He added: …" and "it said …" refer to the last named speaker.
      if (!tokens.some((t) => ATTRIBUTION_CUES.has(t.norm))) return null;
      const st = sentenceStance(tokens, text, this.recognizer.find(tokens, text, known), previousSpeaker);
      const speaker = st.speakerEntity >= 0 || st.speakerName ? { entity: st.speakerEntity, name: st.speakerName } : null;
      return { result: { n, start: s, end: e, claims: [], stance: st.stance }, speaker };
    }
    const mentions = this.recognizer.find(tokens, text, known);
    const present = new Set<number>();
    for (let i = 0; i < tokens.length; i++) if (tokenConcept[i]! >= 0) present.add(tokenConcept[i]!);
    const entityPresent = new Set<number>();
    for (const m of mentions) {
      entityPresent.add(m.entity);
      for (const c of this.entityConcepts[m.entity] ?? []) present.add(c);
      // Ancestors count as present entities too (Kirby → US government).
      for (let a = this.data.entities[m.entity]![2], g = 0; a >= 0 && g < 8; a = this.data.entities[a]![2], g++) entityPresent.add(a);
    }
    // Candidate views, best per claim.
    const best = new Map<number, { score: number; used: Set<number>; view: View }>();
    const tried = new Set<number>();
    for (const c of present) {
      const list = this.postings.get(c);
      if (!list) continue;
      for (const vid of list) {
        if (tried.has(vid)) continue;
        tried.add(vid);
        const v = this.views[vid]!;
        let matched = 0;
        const used = new Set<number>();
        for (const g of v.groups) {
          for (const alt of g) {
            if (alt.every((x) => present.has(x))) {
              matched++;
              for (const x of alt) used.add(x);
              break;
            }
          }
        }
        if (matched < v.need) continue;
        let entMatched = 0;
        for (const en of v.entities) {
          if (entityPresent.has(en)) {
            entMatched++;
            for (const x of this.entityConcepts[en] ?? []) used.add(x);
          }
        }
        if (v.entities.length > 0 && entMatched === 0) continue;
        const score = EVENT_WEIGHT * (matched / v.groups.length) + (1 - EVENT_WEIGHT) * (v.entities.length ? entMatched / v.entities.length : 1);
        const prev = best.get(v.claim);
        if (!prev || score > prev.score) best.set(v.claim, { score, used, view: v });
      }
    }
    const st = sentenceStance(tokens, text, mentions, previousSpeaker);
    const speakerInfo = st.speakerEntity >= 0 || st.speakerName ? { entity: st.speakerEntity, name: st.speakerName } : null;
    const speaker = st.speakerEntity >= 0 ? this.data.entities[st.speakerEntity]![1] : st.speakerName;
    const speakerId = st.speakerEntity >= 0 ? this.data.entities[st.speakerEntity]![0] : null;
    const result: SentenceResult = { n, start: s, end: e, claims: [], stance: st.stance };

    if (best.size === 0 && st.stance === 'denies' && st.anaphorEnd >= 0) {
      // "Pyongyang has denied the charges": the claims reported just before.
      const picked: number[] = [];
      for (let i = recent.length - 1; i >= 0; i--) {
        const r = recent[i]!;
        if (n - r.n > ANAPHOR_SENTENCES || r.stance === 'denies') break;
        for (const c of r.claims) if (!picked.includes(c)) picked.push(c);
      }
      const withSpeaker = st.speakerEntity >= 0 ? picked.filter((c) => this.claimNamesEntity(c, st.speakerEntity)) : picked;
      const chosen = withSpeaker.length > 0 ? withSpeaker : picked;
      const phraseStart = tokens[0]!.start;
      const phraseEnd = tokens[st.anaphorEnd]!.end;
      for (const c of chosen) {
        out.push({
          claimId: this.data.claims[c]!.id, start: phraseStart, end: phraseEnd, sentenceStart: s, sentenceEnd: e,
          score: 0.5, stance: 'denies', speaker, speakerId, discrepancies: [],
        });
      }
      return { result, speaker: speakerInfo };
    }

    for (const [claim, b] of [...best.entries()].sort((x, y) => x[0] - y[0])) {
      let first = -1;
      let last = -1;
      for (let i = 0; i < tokens.length; i++) {
        if (tokenConcept[i]! >= 0 && b.used.has(tokenConcept[i]!)) {
          if (first < 0) first = i;
          last = i;
        }
      }
      for (const m of mentions) {
        if (!b.view.entities.includes(m.entity) && !this.entityConcepts[m.entity]!.some((x) => b.used.has(x))) continue;
        if (first < 0 || m.first < first) first = m.first;
        if (m.last > last) last = m.last;
      }
      if (first < 0) continue;
      const start = tokens[first]!.start;
      const end = tokens[last]!.end;
      out.push({
        claimId: this.data.claims[claim]!.id, start, end, sentenceStart: s, sentenceEnd: e,
        score: Math.round(b.score * 100) / 100, stance: st.stance, speaker, speakerId,
        discrepancies: this.discrepancies(claim, tokens, text, mentions, first, last),
      });
      result.claims.push(claim);
    }
    return { result, speaker: speakerInfo };
  }

  private claimNamesEntity(claim: number, entity: number): boolean {
    const concepts = new Set(this.entityConcepts[entity]);
    for (const v of this.data.claims[claim]!.v) {
      if (v.e.includes(entity)) return true;
      for (const g of v.g) for (const alt of g) if (alt.some((x) => concepts.has(x))) return true;
    }
    return false;
  }

  private discrepancies(claim: number, tokens: readonly Token[], text: string, mentions: readonly EntityMention[], first: number, last: number): Discrepancy[] {
    const out: Discrepancy[] = [];
    const nums = this.data.claims[claim]!.num;
    if (nums.length > 0) {
      const found = findQuantities(tokens).filter((q) => q.end > tokens[Math.max(0, first - 3)]!.start && q.start < tokens[Math.min(tokens.length - 1, last + 3)]!.end);
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
