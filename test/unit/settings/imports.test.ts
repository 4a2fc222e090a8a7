import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { importDatasetText, isClaimReviewInput, mergeDatasets, namespaceDataset, revisionOf, toDatasetFile, checkStoredDataset, baseName } from '../../../src/core/imports.ts';
import { compileIndex, loadIndex, spotClaims } from '../../../src/core/spot/index.ts';
import { buildClaimCard } from '../../../src/core/card.ts';
import { validateDocuments } from '../../../src/dataset/validate.ts';
import type { Dataset } from '../../../src/core/model.ts';

const fixture = (name: string): string => readFileSync(`test/fixtures/import/${name}`, 'utf8');
const opts = { now: 1_700_000_000_000, takenIds: ['claimlens-bundled'] };

describe('importDatasetText', () => {
  it('maps a ClaimReview JSON-LD file to a validated dataset with its meta', () => {
    const r = importDatasetText(fixture('lakeview-claimreview.json'), '/home/reader/Downloads/lakeview-claimreview.json', opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { meta, dataset } = r.stored;
    expect(meta).toEqual({ id: 'lakeview-claimreview', name: 'lakeview-claimreview', enabled: true, importedAt: opts.now, fileName: 'lakeview-claimreview.json', format: 'claimreview' });
    expect(dataset.claims.map((c) => c.text)).toEqual(['Lakeview will close its public library in June']);
    expect(dataset.entities.map((e) => [e.name, e.kind])).toEqual([['Mara Quillfeather', 'person']]);
    const rating = dataset.statements.find((s) => s.stance === 'rates');
    expect(rating).toMatchObject({ rating: 'False', date: '2024-05-03' });
    expect(dataset.sources.map((s) => s.url).sort()).toEqual(['https://factcheck.example.org/2024/lakeview-library', 'https://news.example.org/lakeview-library']);
  });

  it('reads a native YAML dataset through the same validator', () => {
    const r = importDatasetText(fixture('lakeview-native.yaml'), 'lakeview-native.yaml', opts);
    expect(r.ok && r.stored.meta).toMatchObject({ id: 'lakeview-council', name: 'Lakeview council claims', format: 'native' });
    // Exactly what the CLI validator gives for the same file.
    expect(r.ok && r.stored.dataset).toEqual(validateDocuments([{ file: 'x', value: toDatasetFile(r.ok ? r.stored.dataset : (null as never)) }]).dataset);
  });

  it('returns every error of a broken ClaimReview file with line and field', () => {
    const r = importDatasetText(fixture('broken-claimreview.json'), 'broken-claimreview.json', opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      expect.objectContaining({ file: 'broken-claimreview.json', line: 13, path: '@graph[1].claimReviewed', message: 'missing claim text' }),
      expect.objectContaining({ file: 'broken-claimreview.json', line: 7, path: '@graph[0].datePublished', message: expect.stringContaining('not a valid date: "2024-13-45"') }),
    ]);
  });

  it('returns syntax errors and validation errors of native files with their lines', () => {
    const syntax = importDatasetText('{"dataset": {"id": "x",}', 'bad.json', opts);
    expect(!syntax.ok && syntax.errors[0]).toMatchObject({ file: 'bad.json', line: 1 });
    const text = fixture('lakeview-native.yaml').replace('speaker: tomas-ebberling', 'speaker: tomas-eberling');
    const r = importDatasetText(text, 'lakeview-native.yaml', opts);
    const line = text.split('\n').findIndex((l) => l.includes('speaker: tomas-eberling')) + 1;
    expect(!r.ok && r.errors).toEqual([expect.objectContaining({ line, col: 14, path: 'statements[0].speaker', message: expect.stringContaining('did you mean "tomas-ebberling"') })]);
  });

  it('refuses empty, claimless and oversized files', () => {
    expect(importDatasetText('  ', 'e.json', opts).ok).toBe(false);
    const r = importDatasetText('dataset: {id: a, name: A, version: 1.0.0}\n', 'a.yaml', opts);
    expect(!r.ok && r.errors[0]!.message).toBe('the dataset has no claims');
  });

  it('gives a taken id a suffix', () => {
    const r = importDatasetText(fixture('lakeview-native.yaml'), 'x.yaml', { ...opts, takenIds: ['lakeview-council', 'lakeview-council-2'] });
    expect(r.ok && r.stored.meta.id).toBe('lakeview-council-3');
  });

  it('tells ClaimReview input from native files', () => {
    expect(isClaimReviewInput([{}])).toBe(true);
    expect(isClaimReviewInput({ '@type': 'ClaimReview' })).toBe(true);
    expect(isClaimReviewInput({ claims: [{ text: 'a', claimReview: [] }] })).toBe(true);
    expect(isClaimReviewInput({ dataset: {}, claims: [{ id: 'a' }] })).toBe(false);
    expect(baseName('C:\\Users\\me\\f.json')).toBe('f.json');
  });
});

describe('the effective dataset', () => {
  const imported = importDatasetText(fixture('lakeview-claimreview.json'), 'lakeview-claimreview.json', opts);
  const native = importDatasetText(fixture('lakeview-native.yaml'), 'lakeview-native.yaml', opts);
  if (!imported.ok || !native.ok) throw new Error('fixtures must import');
  const bundled: Dataset = JSON.parse(readFileSync('test/fixtures/spot/seed-dataset.json', 'utf8')) as Dataset;

  it('namespacing keeps every reference resolvable', () => {
    const ns = namespaceDataset(native.stored.dataset, 'imp');
    expect(ns.claims[0]!.id).toBe('imp:ferry-free-children');
    expect(ns.statements[0]).toMatchObject({ claim: 'imp:ferry-free-children', source: 'imp:example-gazette-2024-05-10', speaker: 'imp:tomas-ebberling' });
    const card = buildClaimCard(ns, 'imp:ferry-free-children');
    expect(card?.claimId).toBe('imp:ferry-free-children');
  });

  it('merges bundled + enabled imports, skipping disabled ones', () => {
    const off = { ...native.stored, meta: { ...native.stored.meta, enabled: false } };
    const merged = mergeDatasets(bundled, [imported.stored, off])!;
    expect(merged.claims.length).toBe(bundled.claims.length + 1);
    expect(merged.claims.some((c) => c.id.startsWith('lakeview-claimreview:'))).toBe(true);
    expect(merged.claims.some((c) => c.id.includes('ferry'))).toBe(false);
    expect(mergeDatasets(bundled, [])).toBe(bundled);
    expect(mergeDatasets(null, [off])).toBeNull();
    expect(revisionOf(bundled, [imported.stored, off])).toBe(`${bundled.id}@${bundled.version}|lakeview-claimreview@${opts.now}`);
    expect(revisionOf(null, [])).toBe('none');
  });

  it('the merged index spots an imported claim on a page and the bundled claims still', () => {
    const merged = mergeDatasets(bundled, [imported.stored])!;
    const index = loadIndex(compileIndex(merged));
    const found = spotClaims(index, 'Councillor Mara Quillfeather said on Thursday that Lakeview will close its public library in June.');
    expect(found.map((m) => m.claimId)).toEqual(['lakeview-claimreview:lakeview-will-close-its-public-library']);
    expect(buildClaimCard(merged, found[0]!.claimId, found[0])).not.toBeNull();
  });

  it('a stored dataset passes the stored-value check; a tampered one does not', () => {
    expect(checkStoredDataset(imported.stored.dataset).dataset).toEqual(imported.stored.dataset);
    const bad = { ...imported.stored.dataset, sources: [{ ...imported.stored.dataset.sources[0]!, url: 'javascript:alert(1)' }] };
    expect(checkStoredDataset(bad).dataset).toBeNull();
  });
});
