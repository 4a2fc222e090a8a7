/**
 * On the seeds (issue #4, "done when"): scanning each bundled seed article finds every
 * curated statement of the shipped dataset (data/) at its quote, with a compatible stance
 * (asserts and attributes are both "reports it"; denies must be denies).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadScanDataset } from '../../../src/cli/commands/scan.ts';
import { datasetFilesIn } from '../../../src/dataset/load.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';

const dataset = await loadScanDataset();
const index = loadIndex(compileIndex(dataset));
const dataDir = dirname(datasetFilesIn()[0]!);

const stanceOk = (page: string, curated: string): boolean =>
  curated === 'denies' ? page === 'denies' : curated === 'disputes' ? page === 'denies' || page === 'questions' : page === 'asserts' || page === 'attributes';

const cases = dataset.statements
  .map((st) => ({ st, source: dataset.sources.find((s) => s.id === st.source)! }))
  .filter(({ source }) => source.text !== null)
  .map(({ st, source }) => [`${st.id} (${st.claim}, ${st.stance})`, st, resolve(dataDir, source.text!)] as const);

describe('every curated statement of the seeds is found', () => {
  test('there are statements with bundled sources', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  test.each(cases)('%s', (_name, st, file) => {
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf(st.quote);
    expect(at).toBeGreaterThanOrEqual(0);
    const matches = spotClaims(index, text).filter((m) => m.claimId === st.claim && m.sentenceStart < at + st.quote.length && m.sentenceEnd > at);
    expect(matches.map((m) => m.stance).some((s) => stanceOk(s, st.stance)), `found: ${JSON.stringify(matches.map((m) => m.stance))}`).toBe(true);
  });
});
