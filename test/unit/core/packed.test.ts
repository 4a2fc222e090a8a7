/** The shipped index's packed integer arrays (src/core/spot/packed.ts). */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { packUints, unpackInt32, unpackUints } from '../../../src/core/spot/packed.ts';

describe('packed integer arrays', () => {
  test('round trip: unpack(pack(xs)) = xs, for any integers up to 2^53 − 1', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(40), fc.nat(), fc.maxSafeNat())), (xs) => {
        const s = packUints(xs);
        expect(Array.from(unpackUints(s, 'xs'))).toEqual(xs);
        // JSON keeps it as it is (no escapes) and gives it back unchanged.
        expect(JSON.stringify(s)).toBe(`"${s}"`);
        expect(unpackUints(JSON.parse(JSON.stringify(s)), 'xs')).toEqual(Float64Array.from(xs));
      }),
      { numRuns: 300 },
    );
  });

  test('round trip into Int32Array for values below 2^31; refused above', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(40), fc.nat(2 ** 31 - 1))), (xs) => {
        expect(Array.from(unpackInt32(packUints(xs), 'xs'))).toEqual(xs);
      }),
      { numRuns: 300 },
    );
    expect(Array.from(unpackInt32(packUints([2 ** 31 - 1, 0, 2 ** 30]), 'xs'))).toEqual([2 ** 31 - 1, 0, 2 ** 30]);
    expect(() => unpackInt32(packUints([2 ** 31]), 'pairs.n')).toThrow(/pairs\.n/);
    expect(() => unpackInt32(packUints([2 ** 40]), 'pairs.n')).toThrow(/pairs\.n/);
  });

  test('small numbers take one character each', () => {
    expect(packUints([])).toBe('A');
    expect(packUints([0, 1, 31])).toBe('DABf');
    expect(packUints([32])).toBe('BgB');
    expect(packUints(Array.from({ length: 100 }, (_, i) => i % 32)).length).toBe(2 + 100);
  });

  test('refuses what pack does not make: negatives, fractions, unsafe integers', () => {
    for (const x of [-1, 0.5, 2 ** 53, NaN, Infinity]) expect(() => packUints([x])).toThrow(RangeError);
  });

  test('a malformed string is an error naming the field', () => {
    const good = packUints([5, 70000, 3]);
    for (const bad of [good.slice(0, -1), good + 'A', good.replace(/.$/, '!'), '', 'é', `${good}\n`]) {
      expect(() => unpackUints(bad, 'triples.v')).toThrow(/loadIndex: triples\.v/);
      expect(() => unpackInt32(bad, 'triples.v')).toThrow(/loadIndex: triples\.v/);
    }
    expect(() => unpackUints([1, 2], 'idf')).toThrow(/loadIndex: idf/);
    // More digits than 2^53 needs.
    expect(() => unpackUints('B' + '/'.repeat(12) + 'A', 'k')).toThrow(/loadIndex: k/);
  });
});
