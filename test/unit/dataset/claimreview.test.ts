/**
 * ClaimReview import and export: JSON-LD (@graph, array, single object) and the Fact Check
 * Tools API shape; native → ClaimReview → native keeps what ClaimReview carries; a failed
 * import writes nothing and reports every error with its location.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Dataset } from '../../../src/core/model.ts';
import { exportClaimReview, importClaimReview } from '../../../src/dataset/claimreview.ts';
import { formatIssue } from '../../../src/dataset/issues.ts';
import { validateDatasetFiles } from '../../../src/dataset/load.ts';
import { validateDataset } from '../../../src/dataset/validate.ts';

const DIR = 'test/fixtures/dataset/claimreview';
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(DIR, name), 'utf8'));
const base = validateDatasetFiles(['test/fixtures/dataset/valid.yaml']).dataset!;

/** The imported records, merged into `known`, must make a valid dataset. */
function mergeValid(known: Dataset, records: ReturnType<typeof importClaimReview>['records']): Dataset {
  const merged = {
    dataset: { id: known.id, name: known.name, version: known.version },
    entities: [...known.entities, ...records.entities],
    sources: [...known.sources, ...records.sources].map((s) => ({ ...s, text: null })),
    claims: [...known.claims, ...records.claims],
    statements: [...known.statements, ...records.statements],
  };
  const result = validateDataset(merged);
  expect(result.errors.map(formatIssue)).toEqual([]);
  return result.dataset!;
}

describe('import-claimreview', () => {
  it('reads a page @graph of JSON-LD ClaimReviews (ignoring other nodes)', () => {
    const { records, problems } = importClaimReview(readJson('example-checks.jsonld'), base);
    expect(problems).toEqual([]);
    expect(records.claims.map((c) => [c.text, c.firstReported, c.topic])).toEqual([
      ['The River Bridge will be closed to traffic for a whole year.', '2024-05-28', 'imported'],
      ['The town library now opens on Sundays.', null, 'imported'],
    ]);
    expect(records.entities.map((e) => [e.name, e.kind])).toEqual([['Sam Doe', 'person'], ['Example Town Council', 'organisation']]);
    expect(records.claims[0]!.entities).toEqual([records.entities[0]!.id]);
    const checker = records.sources.find((s) => s.url === 'https://example.org/checks/river-bridge-closure')!;
    expect(checker).toMatchObject({ outlet: 'Example Checks', title: 'Will the River Bridge close for a whole year?', author: null, published: '2024-06-03' });
    const radio = records.sources.find((s) => s.outlet === 'Example Town Radio')!;
    const weekly = records.sources.find((s) => s.outlet === 'Example Weekly')!;
    expect(weekly).toMatchObject({ author: 'Ada Writer', published: '2024-05-30', url: 'https://example.org/weekly/bridge', title: null });
    expect(checker.cites).toEqual([radio.id, weekly.id]);
    expect(records.statements[0]).toMatchObject({ claim: records.claims[0]!.id, source: checker.id, stance: 'rates', rating: 'Mostly false', via: radio.id, date: '2024-06-03', speaker: null });
    mergeValid(base, records);
  });

  it('reads the same review as a single object and as an array', () => {
    const graph = (readJson('example-checks.jsonld') as { '@graph': unknown[] })['@graph'];
    const single = importClaimReview(graph[1]).records;
    const array = importClaimReview([graph[1]]).records;
    expect(single).toEqual(array);
    expect(single.statements.map((s) => s.rating)).toEqual(['Mostly false']);
  });

  it('reads a Fact Check Tools API response: one rates statement per review', () => {
    const { records, problems } = importClaimReview(readJson('factcheck-api.json'), base);
    expect(problems).toEqual([]);
    expect(records.claims).toHaveLength(1);
    expect(records.claims[0]).toMatchObject({ text: 'The harbour ferry fare doubled this spring.', firstReported: '2024-04-10' });
    expect(records.entities.map((e) => e.name)).toEqual(['Alex Example']);
    expect(records.statements.map((s) => [s.rating, s.date, records.sources.find((x) => x.id === s.source)?.outlet])).toEqual([
      ['False', '2024-04-15', 'Example Checks'],
      ['Misleading', '2024-04-16', 'Example Verify'],
    ]);
    mergeValid(base, records);
  });

  it('reuses an entity the dataset already knows by name or alias, and keeps new ids clear of existing ones', () => {
    const input = { '@type': 'ClaimReview', claimReviewed: 'The city council approved new bike lanes.', itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Roe' } }, author: { '@type': 'Organization', name: 'Example Checks' }, reviewRating: { alternateName: 'True' } };
    const { records } = importClaimReview(input, base);
    expect(records.entities).toEqual([]);
    expect(records.claims[0]!.entities).toEqual(['jane-roe']);
    expect(records.claims[0]!.id).not.toBe('bike-lanes-approved');
    mergeValid(base, records);
  });

  it('reports input problems with their paths', () => {
    const { problems } = importClaimReview(readJson('broken-import.jsonld'));
    expect(problems).toEqual([{ path: [1, 'claimReviewed'], message: 'missing claim text' }]);
    expect(importClaimReview({ '@type': 'WebPage' }).problems[0]!.message).toMatch(/^no ClaimReview found/);
  });
});

describe('ClaimReview round trip', () => {
  const native: Dataset = validateDataset({
    dataset: { id: 'rt', name: 'Round trip', version: '1.0.0' },
    entities: [{ id: 'sam-doe', kind: 'person', name: 'Sam Doe' }],
    sources: [
      { id: 'radio', outlet: 'Example Town Radio', title: 'Bridge works', author: null, published: '2024-05-28', url: 'https://example.org/radio/bridge' },
      { id: 'weekly', outlet: 'Example Weekly', title: null, author: 'Ada Writer', published: '2024-05-30', url: 'https://example.org/weekly/bridge' },
      { id: 'checks', outlet: 'Example Checks', title: 'Will the bridge close?', author: null, published: '2024-06-03', url: 'https://example.org/checks/bridge', cites: ['radio', 'weekly'] },
    ],
    claims: [
      { id: 'bridge-closed-a-year', text: 'The River Bridge will be closed for a year.', topic: 'town', firstReported: '2024-05-28', entities: ['sam-doe'] },
      { id: 'library-sundays', text: 'The library opens on Sundays.', topic: 'town', firstReported: null },
    ],
    statements: [
      { id: 'radio-sam', claim: 'bridge-closed-a-year', source: 'radio', quote: 'It will be shut for a year, Doe said.', speaker: 'sam-doe', stance: 'attributes', date: '2024-05-28' },
      { id: 'weekly-sam', claim: 'bridge-closed-a-year', source: 'weekly', quote: 'A year-long closure, says Doe.', speaker: 'sam-doe', stance: 'attributes', date: '2024-05-30' },
      { id: 'checks-rates', claim: 'bridge-closed-a-year', source: 'checks', quote: 'The River Bridge will be closed for a year.', speaker: null, stance: 'rates', via: 'radio', date: '2024-06-03', rating: 'Mostly false' },
    ],
  }).dataset!;

  it('native → ClaimReview → native keeps claim texts, dates, speaker, appearances, fact-checker and rating', () => {
    const exported = exportClaimReview(native);
    const back = mergeValid({ ...native, entities: [], sources: [], claims: [], statements: [] }, importClaimReview(JSON.parse(JSON.stringify(exported))).records);
    const strip = (d: Dataset) => ({
      claims: d.claims.map((c) => [c.text, c.firstReported, c.entities.map((e) => d.entities.find((x) => x.id === e)?.name)]),
      entities: d.entities.map((e) => [e.name, e.kind]),
      sources: d.sources.map((s) => [s.outlet, s.title, s.author, s.published, s.url, s.cites.map((c) => d.sources.find((x) => x.id === c)?.url)]).sort(),
      verdicts: d.statements.filter((s) => s.stance === 'rates').map((s) => [d.claims.find((c) => c.id === s.claim)?.text, d.sources.find((x) => x.id === s.source)?.outlet, s.rating, s.date, s.quote, d.sources.find((x) => x.id === s.via)?.url]),
    });
    expect(strip(back)).toEqual(strip(native));
  });

  it('exports one ClaimReview per verdict and one per claim without a verdict', () => {
    const graph = exportClaimReview(native)['@graph'] as Record<string, unknown>[];
    expect(graph.map((g) => [g['claimReviewed'], (g['reviewRating'] as { alternateName?: string } | undefined)?.alternateName ?? null])).toEqual([
      ['The River Bridge will be closed for a year.', 'Mostly false'],
      ['The library opens on Sundays.', null],
    ]);
    expect(graph[0]).toMatchObject({ author: { '@type': 'Organization', name: 'Example Checks' }, url: 'https://example.org/checks/bridge', datePublished: '2024-06-03', itemReviewed: { author: { '@type': 'Person', name: 'Sam Doe' }, firstAppearance: { url: 'https://example.org/radio/bridge' } } });
  });
});

describe('claimlens dataset import-claimreview (CLI)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'claimlens-import-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const run = (...args: string[]) => spawnSync(process.execPath, ['bin/claimlens.js', 'dataset', ...args], { encoding: 'utf8' });

  it('a failed import writes nothing and reports every error with its location', () => {
    const out = join(tmp, 'rejected.yaml');
    const r = run('import-claimreview', `${DIR}/broken-import.jsonld`, '--out', out, '--data', 'test/fixtures/dataset/valid.yaml');
    expect(r.status).toBe(1);
    expect(existsSync(out)).toBe(false);
    const file = `${DIR}/broken-import.jsonld`;
    expect(r.stderr.split('\n').filter((l) => l.startsWith(file))).toEqual([
      `${file}:5:12 [0].url: URL must be http(s), not "javascript:"`,
      `${file}:6:22 [0].datePublished: not a valid date: "2024-13-01" (use YYYY-MM-DD, or YYYY-MM when the day is unknown)`,
      `${file}:12:3 [1].claimReviewed: missing claim text`,
    ]);
    expect(r.stderr).toContain('nothing written');
  });

  it('a good import writes YAML records that validate together with the dataset', () => {
    const out = join(tmp, 'imported.yaml');
    const r = run('import-claimreview', `${DIR}/factcheck-api.json`, '--out', out, '--data', 'test/fixtures/dataset/valid.yaml');
    expect(r.stderr).toContain('imported 1 claims');
    expect(r.status).toBe(0);
    const written = parse(readFileSync(out, 'utf8')) as { claims: { text: string }[] };
    expect(written.claims.map((c) => c.text)).toEqual(['The harbour ferry fare doubled this spring.']);
  });
});
