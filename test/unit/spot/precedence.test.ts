/**
 * Precedence between related claims (matcher.ts `outranked`), on sentences written for these
 * tests, against the seed fixture dataset plus an umbrella claim and the relations below. Each
 * case is checked against the same dataset without relations too, so that the test fails if
 * the rule stops applying (both claims match there).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Claim, Dataset } from '../../../src/core/model.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';

const base = JSON.parse(readFileSync('test/fixtures/spot/seed-dataset.json', 'utf8')) as Dataset;
const umbrella: Claim = {
  id: 'nk-supplies-arms-russia', text: 'North Korea has supplied arms to the Russian military.', topic: 'russia-north-korea-arms',
  firstReported: null, entities: ['north-korea', 'russia'], relations: [],
  cues: [['supply', 'deliver'], ['weapons'], ['Russian military', 'Russian army']],
};
const related: Record<string, Claim['relations']> = {
  'nk-arms-to-wagner': [{ type: 'part-of', claim: 'nk-supplies-arms-russia' }],
  'delegation-to-nk': [{ type: 'part-of', claim: 'food-for-weapons' }],
  'nk-food-shortage': [{ type: 'context-for', claim: 'food-for-weapons' }],
};
const withRelations: Dataset = { ...base, claims: [...base.claims.map((c) => ({ ...c, relations: related[c.id] ?? [] })), umbrella] };
const without: Dataset = { ...base, claims: [...base.claims.map((c) => ({ ...c, relations: [] })), umbrella] };
const index = loadIndex(JSON.parse(JSON.stringify(compileIndex(withRelations))));
const flat = loadIndex(compileIndex(without));
const ids = (ix: typeof index, text: string): string[] => [...new Set(spotClaims(ix, text).map((m) => m.claimId))].sort();

describe('a sentence reports the most specific of related claims', () => {
  test.each([
    [
      'part-of: the whole shares the specific claim’s words',
      'Washington accused North Korea of delivering arms to the Wagner mercenaries of the Russian military.',
      ['nk-arms-to-wagner'], ['nk-arms-to-wagner', 'nk-supplies-arms-russia'],
    ],
    [
      'context-for: the context claim rests on the main claim’s words plus one adjective',
      'Moscow is offering grain to famine-hit North Korea in exchange for munitions.',
      ['food-for-weapons'], ['food-for-weapons', 'nk-food-shortage'],
    ],
  ])('%s', (_what, text, expected, control) => {
    expect(ids(flat, text)).toEqual(control);
    expect(ids(index, text)).toEqual(expected);
  });

  test.each([
    ['a detail of the whole (not a narrower case) reports both', 'Russia is sending a delegation to North Korea to offer food in exchange for weapons.', ['delegation-to-nk', 'food-for-weapons']],
    ['the whole and the narrower case, each in its own words', 'North Korea supplied weapons to the Russian military, and it also delivered weapons to Wagner mercenaries.', ['nk-arms-to-wagner', 'nk-supplies-arms-russia']],
    ['a word written twice serves both', 'North Korea faces a severe food shortage, and Russia is offering it grain in exchange for munitions.', ['food-for-weapons', 'nk-food-shortage']],
    ['the whole alone', 'North Korea has supplied weapons to the Russian military, the Pentagon says.', ['nk-supplies-arms-russia']],
  ])('both stay when the sentence supports each on its own: %s', (_what, text, expected) => {
    expect(ids(index, text)).toEqual(expected);
  });

  test('a denial that points back takes the specific claim that was reported', () => {
    const text = 'Washington accused North Korea of delivering arms to the Wagner mercenaries of the Russian military. Pyongyang denied the claims.';
    const denials = (ix: typeof index): string[] => spotClaims(ix, text).filter((m) => m.stance === 'denies').map((m) => m.claimId).sort();
    expect(denials(flat)).toEqual(['nk-arms-to-wagner', 'nk-supplies-arms-russia']);
    expect(denials(index)).toEqual(['nk-arms-to-wagner']);
  });
});
