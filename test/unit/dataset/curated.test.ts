/**
 * The shipped dataset (data/*.yaml): valid, every quote verbatim in its bundled source,
 * the claims and denials that outside evaluations name, the seeds unchanged.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/core/model.ts';
import { formatIssue } from '../../../src/dataset/issues.ts';
import { DATA_DIR, datasetFilesIn, validateDatasetFiles } from '../../../src/dataset/load.ts';

const REQUIRED_CLAIMS = [
  'food-for-weapons', 'two-dozen-kinds', 'delegation-to-nk', 'violates-unsc', 'mkrtychev-sanctions',
  'nk-received-cash-aircraft', 'yellen-9000-equipment', 'putin-desperate', 'shells-via-middle-east-africa',
  'nk-arms-to-wagner', 'iran-drones', 'china-considering-arms', 'nk-food-shortage', 'kostin-children-killed',
  'kostin-children-deported', 'cleverly-desperation', 'gershkovich-detained',
];

/** sha256 of the seed articles in /work/shared/seeds, taken when they were copied in. */
const SEED_SHA256: Record<string, string> = {
  'latinpost-2023-03-30.txt': '204260f82b70e14dd778e5f82a82bcd1c27fc02229c7d79aa93304f40fc07871',
  'telegraph-2023-03-30.txt': 'b64faeb70368b9c326c7cd86ec29e06080e51b43f465998ee52ba9180b6ee20f',
};

let ds: Dataset;
beforeAll(() => {
  const result = validateDatasetFiles(datasetFilesIn());
  if (result.dataset === null) throw new Error(result.errors.map(formatIssue).join('\n'));
  ds = result.dataset;
});

/** A bundled text's body: what follows its `---` header line (read here independently of the validator). */
function body(relPath: string): string {
  const content = readFileSync(join(DATA_DIR, relPath), 'utf8');
  const i = content.indexOf('\n---\n');
  return i < 0 ? content : content.slice(i + 5);
}

describe('the curated dataset', () => {
  it('validates without errors', () => {
    const result = validateDatasetFiles(datasetFilesIn());
    expect(result.errors.map(formatIssue)).toEqual([]);
  });

  it('keeps the seed articles byte-identical', () => {
    for (const [name, sha] of Object.entries(SEED_SHA256)) {
      const bytes = readFileSync(join(DATA_DIR, 'sources', name));
      expect(createHash('sha256').update(bytes).digest('hex'), name).toBe(sha);
    }
  });

  it('has both seed articles as sources, the Telegraph with unknown url and author', () => {
    const lp = ds.sources.find((s) => s.id === 'latinpost-2023-03-30');
    const tg = ds.sources.find((s) => s.id === 'telegraph-2023-03-30');
    expect(lp).toMatchObject({ outlet: 'Latin Post', author: 'Mary Webber', published: '2023-03-30', text: 'sources/latinpost-2023-03-30.txt' });
    expect(lp?.url).toMatch(/^https:\/\/latinpost\.com\//);
    expect(tg).toMatchObject({ outlet: 'The Telegraph', author: null, url: null, published: '2023-03-30' });
  });

  it('quotes every statement verbatim from its source text', () => {
    const texts = new Map(ds.sources.filter((s) => s.text !== null).map((s) => [s.id, body(s.text!)]));
    const checked = ds.statements.filter((st) => texts.has(st.source));
    expect(checked.length).toBe(ds.statements.length);
    for (const st of checked) expect(texts.get(st.source)!.includes(st.quote), `${st.id}: ${st.quote}`).toBe(true);
  });

  it('has the required claims, each with at least one statement', () => {
    const ids = new Set(ds.claims.map((c) => c.id));
    for (const id of REQUIRED_CLAIMS) {
      expect(ids.has(id), id).toBe(true);
      expect(ds.statements.some((st) => st.claim === id), `statement for ${id}`).toBe(true);
    }
  });

  it.each([
    ['shells-via-middle-east-africa', ['north-korea'], 'Pyongyang has denied the charges.'],
    ['nk-arms-to-wagner', ['north-korea'], 'Pyongyang has denied the charges.'],
    ['china-considering-arms', ['china', 'wang-wenbin'], 'strongly rejected the US claims'],
  ])('%s is denied by %j', (claim, speakers, words) => {
    const denials = ds.statements.filter((st) => st.claim === claim && st.stance === 'denies');
    expect([...new Set(denials.map((d) => d.speaker))].sort()).toEqual([...speakers].sort());
    expect(denials.some((d) => d.quote.includes(words))).toBe(true);
    for (const d of denials) expect(d.source).toBe('telegraph-2023-03-30');
  });

  it.each([
    ['Pyongyang', 'north-korea'], ['DPRK', 'north-korea'], ['Moscow', 'russia'], ['the Kremlin', 'russia'],
    ['Beijing', 'china'], ['Washington', 'united-states'], ['the administration', 'white-house'],
    ['Mkrytchev', 'ashot-mkrtychev'], ['Myrtychev', 'ashot-mkrtychev'], ['Kirby', 'john-kirby'], ['Wagner', 'wagner-group'],
  ])('the name %s points to %s', (name, id) => {
    const owners = ds.entities.filter((e) => [e.name, ...e.aliases.map((a) => a.name)].includes(name));
    expect(owners.map((e) => e.id)).toEqual([id]);
  });

  it('spells Mkrtychev as the US Treasury does, and records the seeds\' misspellings with their sources', () => {
    const e = ds.entities.find((x) => x.id === 'ashot-mkrtychev')!;
    expect(e.name).toBe('Ashot Mkrtychev');
    expect(e.nameAuthority).toBe('US Treasury');
    expect(e.aliases.find((a) => a.name === 'Ashot Mkrytchev')?.source).toBe('latinpost-2023-03-30');
    expect(e.aliases.find((a) => a.name === 'Ashot Myrtychev')?.source).toBe('telegraph-2023-03-30');
  });

  it('gives Kirby his role, stated by a source', () => {
    const kirby = ds.entities.find((x) => x.id === 'john-kirby')!;
    expect(kirby.roles).toContainEqual({ title: 'spokesman', organisation: 'white-house-nsc', asOf: '2023-03-30', source: 'latinpost-2023-03-30' });
  });

  it('attributes claims through the upstream sources the seeds cite', () => {
    const via = (id: string) => ds.statements.find((st) => st.id === id)?.via;
    expect(via('lp-food-for-weapons-evidence')).toBe('ap-news-russia-nk-deal');
    expect(via('lp-yellen-9000')).toBe('al-jazeera-treasury-sanctions');
    expect(via('lp-kostin-children-killed')).toBe('cnbc-news-kostin-children');
    expect(via('lp-borrell-tweet')).toBe('cnn-borrell-gershkovich');
    expect(via('tg-38-north-below-minimum')).toBe('38-north-food-report');
  });

  it('invents no URL: only the Latin Post article has one', () => {
    expect(ds.sources.filter((s) => s.url !== null).map((s) => s.id)).toEqual(['latinpost-2023-03-30']);
  });
});
