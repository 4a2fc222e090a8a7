/** The shipped index's compact parts (compile.ts) decode to what was encoded. */
import { describe, expect, test } from 'vitest';
import { claimsOf, compileData, decodeViews, encodePairs, encodeTriples, encodeViews, viewCount, type CompiledView } from '../../../src/core/spot/compile.ts';
import { unpackUints } from '../../../src/core/spot/packed.ts';
import { compileIndex, loadIndex, spotClaims, type CompiledIndex } from '../../../src/core/spot/index.ts';
import { prng } from '../../../src/dataset/synth.ts';
import { synthDataset, synthPage } from '../../../src/dataset/synth.ts';

describe('compact index parts', () => {
  test('views survive the string form', () => {
    const views: CompiledView[] = [
      { g: [3, [[40, 41], [7]], 1295], n: 3 },
      { g: [36, 0], n: 2, q: 1 },
      { g: [], n: 0 },
    ];
    const s = encodeViews(views);
    expect(typeof s).toBe('string');
    expect(viewCount(s)).toBe(3);
    expect(decodeViews(s)).toEqual(views);
  });

  test('pair postings are sorted keys and lists as differences', () => {
    const map = new Map([[2 ** 21 * 5 + 9, [4, 10, 11]], [2 ** 21 + 2, [0]]]);
    const p = encodePairs(map);
    expect(p.n).toEqual([1, 3]);
    expect(p.k).toEqual([2 ** 21 + 2, 2 ** 21 * 4 + 7]);
    expect(p.v).toEqual([0, 4, 6, 1]);
  });

  test('triple postings are sorted prefixes, thirds and lists as differences', () => {
    const P = 2 ** 21;
    const map = new Map([
      [P * 5 + 9, new Map([[12, [4, 10]], [10, [7]]])],
      [P + 2, new Map([[3, [0, 1]]])],
    ]);
    const t = encodeTriples(map);
    expect(t.p).toEqual([P + 2, P * 4 + 7]);
    expect(t.m).toEqual([1, 2]);
    expect(t.c).toEqual([3, 10, 2]);
    expect(t.n).toEqual([2, 1, 2]);
    expect(t.v).toEqual([0, 1, 7, 4, 6]);
  });

  test('the index read back from JSON spots as the one in memory', () => {
    const dataset = synthDataset({ claims: 500, seed: 5 });
    const compiled = compileIndex(dataset);
    const text = synthPage(dataset, 40, 9);
    const fromJson = spotClaims(loadIndex(JSON.parse(JSON.stringify(compiled))), text);
    expect(fromJson.length).toBeGreaterThan(0);
    expect(fromJson).toEqual(spotClaims(loadIndex(compiled), text));
  });

  test('claims ship column by column and read back as they were compiled', () => {
    const dataset = synthDataset({ claims: 300, seed: 8 });
    const data = compileData(dataset);
    expect(typeof data.claims.ids).toBe('string');
    const claims = claimsOf(JSON.parse(JSON.stringify(data)));
    expect(claims.map((c) => c.id)).toEqual(dataset.claims.map((c) => c.id));
    const byId = new Map(dataset.entities.map((e, i) => [e.id, i]));
    claims.forEach((c, i) => {
      expect(c.e).toEqual(dataset.claims[i]!.entities.map((id) => byId.get(id)));
      expect(decodeViews(c.v as string).length).toBeGreaterThan(0);
    });
    expect(claimsOf({ claims: [{ v: 7 }] })).toEqual([]);
  });

  test('a claim id with a line break is refused at compile; a damaged packed field at load names it', () => {
    const dataset = synthDataset({ claims: 20, seed: 2 });
    const bad = { ...dataset, claims: dataset.claims.map((c, i) => (i === 3 ? { ...c, id: 'a\nb' } : c)) };
    expect(() => compileIndex(bad)).toThrow(/claim id "a\\nb" has a line break/);
    const data = JSON.parse(JSON.stringify(compileIndex(dataset))) as { pairs: { v: string } };
    data.pairs.v = data.pairs.v.slice(0, -1);
    expect(() => loadIndex(data as unknown as CompiledIndex)).toThrow(/loadIndex: pairs\.v/);
  });

  // The index only narrows which views a sentence is checked against: every view whose groups a
  // sentence covers must be reached through one of its keys (single, pair or triple), whatever
  // the long-pair threshold. Checked against a brute-force pass over all views.
  for (const longPair of [0, 2, 1000]) {
    test(`every covered view is a candidate (long pairs over ${longPair} views → triples)`, () => {
      const dataset = synthDataset({ claims: 1500, seed: 11 });
      const data = compileData(dataset, { longPair });
      if (longPair === 0) expect(unpackUints(data.triples.p, 'p').length).toBeGreaterThan(0);
      if (longPair === 1000) expect(unpackUints(data.triples.p, 'p').length).toBe(0);
      const claims = claimsOf(data);
      const m = loadIndex(data as unknown as CompiledIndex) as unknown as {
        seen: Int32Array;
        stamp: number;
        viewSeen: Int32Array;
        viewClaim: Int32Array;
        triggers: { has(c: number): boolean };
        flatCovered(id: number, marks: Int32Array, stamp: number): boolean;
        eachCandidateList(keys: number[], marks: Int32Array, stamp: number, visit: (ids: ArrayLike<number>, from: number, to: number) => boolean): boolean;
      };
      const r = prng(longPair + 3);
      const concepts = data.concepts.length;
      let covered = 0;
      for (let trial = 0; trial < 400; trial++) {
        // Concepts of a few claims' views (so views are covered), plus random ones.
        const present = new Set<number>();
        for (let k = 0; k < 1 + Math.floor(r() * 3); k++) {
          const c = claims[Math.floor(r() * claims.length)]!;
          for (const v of decodeViews(c.v as string)) {
            for (const g of v.g) {
              if (r() < 0.25) continue;
              const alts = typeof g === 'number' ? [[g]] : g;
              for (const x of alts[Math.floor(r() * alts.length)]!) present.add(x);
            }
          }
        }
        for (let k = 0; k < Math.floor(r() * 12); k++) present.add(Math.floor(r() * concepts));
        const stamp = ++m.stamp;
        for (const x of present) m.seen[x] = stamp;
        const brute = new Set<number>();
        for (let id = 0; id < m.viewClaim.length; id++) if (m.flatCovered(id, m.seen, stamp)) brute.add(id);
        const reached = new Set<number>();
        const keys = [...present].filter((x) => m.triggers.has(x)).sort((a, b) => a - b);
        m.eachCandidateList(keys, m.seen, stamp, (ids, from, to) => {
          for (let i = from; i < to; i++) reached.add(ids[i]!);
          return false;
        });
        for (const id of brute) expect(reached.has(id), `view ${id} covered but not reached`).toBe(true);
        covered += brute.size;
      }
      expect(covered).toBeGreaterThan(100);
    });
  }
});
