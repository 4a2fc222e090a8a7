/** The shipped index's compact parts (compile.ts) decode to what was encoded. */
import { describe, expect, test } from 'vitest';
import { decodeViews, encodePairs, encodeViews, viewCount, type CompiledView } from '../../../src/core/spot/compile.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';
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

  test('the index read back from JSON spots as the one in memory', () => {
    const dataset = synthDataset({ claims: 500, seed: 5 });
    const compiled = compileIndex(dataset);
    const text = synthPage(dataset, 40, 9);
    const fromJson = spotClaims(loadIndex(JSON.parse(JSON.stringify(compiled))), text);
    expect(fromJson.length).toBeGreaterThan(0);
    expect(fromJson).toEqual(spotClaims(loadIndex(compiled), text));
  });
});
