/**
 * The matcher on sentences written for these tests (never taken from the evaluation set),
 * against the seed fixture dataset (test/fixtures/spot/seed-dataset.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, test } from 'vitest';
import type { Dataset } from '../../../src/core/model.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';

const dataset = JSON.parse(readFileSync('test/fixtures/spot/seed-dataset.json', 'utf8')) as Dataset;
// Through JSON, as the extension ships it.
const index = loadIndex(JSON.parse(JSON.stringify(compileIndex(dataset))));
const spot = (text: string) => spotClaims(index, text);
const ids = (text: string) => [...new Set(spot(text).map((m) => m.claimId))].sort();

describe('finds claims however they are worded', () => {
  test.each([
    // paraphrase and synonyms
    ['paraphrase', 'Moscow wants to trade grain for North Korean arms.', 'food-for-weapons'],
    ['synonyms', 'Russia proposes swapping foodstuffs for ammunition from Pyongyang.', 'food-for-weapons'],
    // voice and word order
    ['passive voice', 'Food is being offered to Pyongyang by the Kremlin in return for munitions.', 'food-for-weapons'],
    ['clause order', 'In exchange for weapons, the Kremlin would send food to North Korea.', 'food-for-weapons'],
    // inflection
    ['inflection', 'Russia offered North Korea food while seeking its munitions.', 'food-for-weapons'],
    ['inflection (delegation)', 'Moscow will send delegations to North Korea.', 'delegation-to-nk'],
    // aliases, metonyms, misspellings
    ['metonym', 'Beijing is weighing whether to provide weapons to Moscow.', 'china-considering-arms'],
    ['listed misspelling', 'The US Treasury sanctioned Ashot Mkrytchev for brokering arms deals.', 'mkrtychev-sanctions'],
    ['unseen misspelling', 'The Treasury Department blacklisted Ashot Mkrtichev over weapons deals.', 'mkrtychev-sanctions'],
    ['short name alias', 'North Korea shipped arms to Wagner, the Russian mercenary outfit.', 'nk-arms-to-wagner'],
    ['demonym', 'Iranian drones were sold to Russia last year.', 'iran-drones'],
    // numbers do not block a match
    ['other number', 'North Korea would provide 20 types of weapons to Russia.', 'two-dozen-kinds'],
    ['same number, other form', 'Russia will get at least 24 kinds of weapons from North Korea.', 'two-dozen-kinds'],
    ['multi-word cue', 'Russia and North Korea breached UN Security Council resolutions with an arms deal.', 'violates-unsc'],
  ])('%s: %s', (_what, text, claim) => {
    expect(ids(text)).toContain(claim);
  });
});

describe('is not fooled by topic words', () => {
  test.each([
    'North Korea test-fired a new solid-fuel missile on Thursday.',
    'Kim Jong Un met Vladimir Putin at a summit to discuss military cooperation and satellites.',
    'Russia exports grain to Africa and the Middle East.',
    'North Korea faces sanctions over its weapons programme.',
    'Russia lost 2,000 tanks, officials said.',
    'More than two dozen people attended the meeting in Moscow.',
    'Wagner composed operas; his music is still played in Russia.',
  ])('%s', (text) => {
    expect(spot(text)).toEqual([]);
  });
});

describe('stance and speaker', () => {
  test.each([
    ['Russia is offering North Korea food in exchange for weapons.', 'food-for-weapons', 'asserts', null],
    ['Kirby said Russia is offering North Korea food in exchange for weapons.', 'food-for-weapons', 'attributes', 'John Kirby'],
    ['Russia is offering North Korea food for weapons, according to the White House.', 'food-for-weapons', 'attributes', 'US government'],
    ['“Russia is seeking food-for-arms swaps with Pyongyang,” said John Kirby.', 'food-for-weapons', 'attributes', 'John Kirby'],
    ['North Korea denied delivering arms to the Wagner Group.', 'nk-arms-to-wagner', 'denies', 'North Korea'],
    ['Analysts questioned whether Iran had supplied drones to Russia.', 'iran-drones', 'questions', null],
    ['Beijing has rejected claims that it is considering supplying weapons to Russia.', 'china-considering-arms', 'denies', 'China'],
  ])('%s', (text, claim, stance, speaker) => {
    const m = spot(text).find((x) => x.claimId === claim);
    expect(m).toBeDefined();
    expect(m!.stance).toBe(stance);
    expect(m!.speaker).toBe(speaker);
  });

  it('resolves "He added" to the last named speaker', () => {
    const text = 'John Kirby told reporters on Thursday that talks were under way. He added that Russia wants North Korean munitions in exchange for food.';
    const m = spot(text).find((x) => x.claimId === 'food-for-weapons');
    expect(m?.speaker).toBe('John Kirby');
    expect(m?.speakerId).toBe('john-kirby');
  });
});

describe('anaphora: a denial of "the charges" denies the claims reported just before', () => {
  it('takes the claims of the sentences just before, spoken by the denier', () => {
    const text =
      'Washington says North Korea delivered arms to the Wagner Group. It also said Pyongyang covertly sent artillery shells to Russia through the Middle East and Africa. Pyongyang has rejected the allegations.';
    const denials = spot(text).filter((m) => m.stance === 'denies');
    expect(denials.map((m) => m.claimId).sort()).toEqual(['nk-arms-to-wagner', 'shells-via-middle-east-africa']);
    for (const d of denials) {
      expect(d.speaker).toBe('North Korea');
      expect(text.slice(d.start, d.end)).toBe('Pyongyang has rejected the allegations');
    }
  });
  it('does not reach back past three sentences', () => {
    const text =
      'Iran sold drones to Russia. The weather was cold. Markets fell. Trains ran late. Tehran has denied the claims.';
    expect(spot(text).filter((m) => m.stance === 'denies')).toEqual([]);
  });
  it('a denial with no claim before it is no match', () => {
    expect(spot('Pyongyang has denied the charges.')).toEqual([]);
  });
});

describe('discrepancies', () => {
  it('names a number that differs from the dataset', () => {
    const m = spot('North Korea would provide 20 types of weapons to Russia.').find((x) => x.claimId === 'two-dozen-kinds')!;
    expect(m.discrepancies.map((d) => d.message)).toEqual(['number: "20" vs "more than two dozen"']);
  });
  test.each(['over two dozen', 'more than 24', 'at least 24'])('no discrepancy for "%s"', (n) => {
    const m = spot(`Russia would get ${n} kinds of weapons from North Korea.`).find((x) => x.claimId === 'two-dozen-kinds')!;
    expect(m.discrepancies).toEqual([]);
  });
  test.each([
    ['Ashot Myrtychev', 'Myrtychev'],
    ['Ashot Mkrytchev', 'Mkrytchev'],
    ['Ashot Mkrtichev', 'Mkrtichev'],
  ])('spelling of %s', (name, found) => {
    const m = spot(`The US Treasury sanctioned ${name} for brokering weapons deals.`).find((x) => x.claimId === 'mkrtychev-sanctions')!;
    expect(m.discrepancies.map((d) => d.message)).toEqual([`spelling: "${found}" vs "Mkrtychev" (US Treasury)`]);
  });
  it('no spelling discrepancy for the canonical spelling', () => {
    const m = spot('The US Treasury sanctioned Ashot Mkrtychev for brokering weapons deals.').find((x) => x.claimId === 'mkrtychev-sanctions')!;
    expect(m.discrepancies).toEqual([]);
  });
});

describe('offsets', () => {
  it('the phrase and the sentence are verbatim slices', () => {
    const text = 'Markets were calm.\n\nMr. Kirby said on Thursday that Russia is offering North Korea food in exchange for munitions. Nothing else.';
    const [m] = spot(text);
    expect(m).toBeDefined();
    expect(text.slice(m!.start, m!.end)).toBe('Russia is offering North Korea food in exchange for munitions');
    expect(text.slice(m!.sentenceStart, m!.sentenceEnd)).toBe('Mr. Kirby said on Thursday that Russia is offering North Korea food in exchange for munitions.');
    expect(m!.speaker).toBe('John Kirby');
  });
  it('counts UTF-16 units and never splits a surrogate pair', () => {
    const text = '🇺🇸🚀 Russia 😀 is offering North Korea food in exchange for munitions 😀.';
    const [m] = spot(text);
    expect(m).toBeDefined();
    expect(text.slice(m!.start, m!.end)).toBe('Russia 😀 is offering North Korea food in exchange for munitions');
    for (const at of [m!.start, m!.end, m!.sentenceStart, m!.sentenceEnd]) {
      const c = text.charCodeAt(at);
      expect(c >= 0xdc00 && c <= 0xdfff).toBe(false);
    }
  });
  it('block breaks end sentences', () => {
    const text = 'Russia is offering North Korea food Headline About Munitions';
    expect(spot(text).map((m) => m.claimId)).toEqual(['food-for-weapons']);
    expect(spotClaims(index, text, [35])).toEqual([]);
  });
});

describe('index', () => {
  it('rejects an index of another version', () => {
    expect(() => loadIndex({ format: 'claimlens-index', version: 999 })).toThrow(/unsupported index/);
  });
  it('counts claims', () => {
    expect(index.claimCount).toBe(dataset.claims.length);
  });
});

describe('word tables see only their own words', () => {
  // "constructor" is a key of every plain object through its prototype: it once read as a
  // number word (no concept) and as a number in findQuantities.
  it('"constructor" is an ordinary word', async () => {
    const { conceptOf } = await import('../../../src/core/spot/concepts.ts');
    const { findQuantities, isNumberWord } = await import('../../../src/core/text/numbers.ts');
    const { tokenize } = await import('../../../src/core/text/tokenize.ts');
    expect(isNumberWord('constructor')).toBe(false);
    expect(conceptOf('constructor')).toBe('constructor');
    expect(findQuantities(tokenize('the constructor built twenty constructor halls'))).toEqual([expect.objectContaining({ value: 20 })]);
  });
});
