/**
 * Spotting in chunks equals one whole-text spot, on texts where a sentence's reading reaches
 * far back: a denier going on over several sentences after an anaphoric denial, "he added"
 * after a named speaker, "It …" after a named country. These two texts once made the chunked
 * spot differ (the property test in test/unit/property/spot.property.test.ts found them):
 * a denial chain that passed through an earlier chained denial, and a look-back (6 sentences)
 * longer than the chunk's context (4).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contextStart, nextChunk, spotInSlices } from '../../../src/core/spot/chunked.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';
import { LOOKBACK_SENTENCES } from '../../../src/core/spot/matcher.ts';
import { splitSentences } from '../../../src/core/text/sentences.ts';
import { loadDatasetSync } from '../../../src/dataset/load.ts';
import type { ClaimMatch } from '../../../src/core/model.ts';
import { vocabulary } from '../property/vocabulary.ts';

const data = loadDatasetSync();
const index = loadIndex(compileIndex(data));
const vocab = vocabulary(data);
const HOSTILE = ['😀', '\uD800', 'e\u0301', 'مرحبا', '\u202Etxet\u202C', '北朝鮮はロシアに武器を供給した。', '\u0000', '\uFEFF', '\u00A0', '\u2028', '\t', '\r\n', '"', '“', '”', "'", ':', ';', '.', '…', '!', '?', '(', ')', '—', '-', '1,000', '3.5', '2023'];
const CUES = [' said ', ' told reporters ', ' He added: ', ' denied the charges. ', ' has denied ', ' according to ', ' rejected ', ' did not ', ' claims that '];
const piece = fc.oneof(fc.constantFrom(...vocab), fc.constantFrom(...CUES), fc.constantFrom(...HOSTILE));
const sentence = fc.array(piece, { minLength: 1, maxLength: 6 }).map((xs) => xs.join(' ').replace(/[\n\r\u2028\u2029]/g, ' '));
const hugeBlock = fc.array(sentence, { minLength: 200, maxLength: 400 }).map((xs) => xs.join('. '));

const key = (m: ClaimMatch): string => `${m.claimId}@${m.start}-${m.end}:${m.stance}:${m.speaker ?? ''}`;

describe('chunked spotting', () => {
  it.each([17, 180])('finds what one whole-text spot finds (generated text, seed %i)', async (seed) => {
    const [text] = fc.sample(hugeBlock, { seed, numRuns: 1 }) as [string];
    const whole = spotClaims(index, text, [text.length]);
    const sliced = await spotInSlices(index, text, [text.length]);
    expect(whole.length).toBeGreaterThan(50);
    // The text is cut into several chunks.
    expect(nextChunk(text, [text.length], 0).to).toBeLessThan(text.length);
    expect(sliced.map(key).sort()).toEqual(whole.map(key).sort());
  });

  it('gives each chunk the look-back of the matcher in whole sentences', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const from = text.indexOf('Sentence number 30');
    const ctx = contextStart(text, [text.length], from);
    const before = splitSentences(text, 0, from).filter(([s]) => s >= ctx);
    expect(before.length).toBeGreaterThanOrEqual(LOOKBACK_SENTENCES);
    expect(splitSentences(text, 0, text.length).some(([s]) => s === ctx)).toBe(true);
  });
});

describe('deferred speech-only sentences', () => {
  // A sentence that only reports speech is read when a later one resolves "he" / "it said"
  // (Matcher.spot): the matches are exactly those of reading each at once (the reference).
  const eager = loadIndex(compileIndex(data));
  (eager as unknown as { eagerSpeakers: boolean }).eagerSpeakers = true;
  const SPEECH = [' said ', ' told reporters ', ' He added: ', ' He said ', ' It said ', ' according to ', ' John Kirby said ', ' Kirby told reporters ', ' “We ', ' he added '];
  const part = fc.oneof(fc.constantFrom(...vocab), fc.constantFrom(...SPEECH), fc.constantFrom('.', ',', '“', '”', ':'));
  const line = fc.array(part, { minLength: 1, maxLength: 8 }).map((xs) => xs.join(' '));
  const page = fc.array(line, { minLength: 1, maxLength: 30 }).map((xs) => xs.join('. '));

  it('finds what reading them at once finds', () => {
    let speakers = 0;
    fc.assert(
      fc.property(page, (text) => {
        const lazy = spotClaims(index, text);
        expect(lazy).toEqual(spotClaims(eager, text));
        speakers += lazy.filter((m) => m.speaker !== null).length;
      }),
      { numRuns: 400 },
    );
    expect(speakers).toBeGreaterThan(50);
  });

  it('resolves "he" to a speaker named sentences before, past a claim that names none', () => {
    const text = 'John Kirby told reporters on Thursday that talks were under way. Russia wants North Korean munitions in exchange for food. He added that Russia wants North Korean munitions in exchange for food.';
    const ms = spotClaims(index, text).filter((m) => m.claimId === 'food-for-weapons');
    expect(ms.map((m) => m.speaker)).toEqual([null, 'John Kirby']);
    expect(ms).toEqual(spotClaims(eager, text).filter((m) => m.claimId === 'food-for-weapons'));
  });
});
