import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, isPaused, normalizeSite, pausedBy, withSitePaused, defaultSettings } from '../../../src/core/settings.ts';
import {
  STORED_DATASET_VERSION,
  addNotice,
  applySettingsPatch,
  readNotices,
  readSettings,
  readStoredDataset,
  type Notice,
} from '../../../src/core/storage-schema.ts';
import { checkStoredDataset } from '../../../src/core/imports.ts';
import type { Dataset } from '../../../src/core/model.ts';

describe('sites', () => {
  it.each([
    ['example.org', 'example.org'],
    ['  https://www.Example.ORG/news/a?b#c ', 'www.example.org'],
    ['news.example.org:8080', 'news.example.org'],
    ['127.0.0.1', '127.0.0.1'],
    ['', null],
    ['not a host', null],
    ['-bad.example', null],
    ['javascript:alert(1)', null],
  ])('normalizeSite(%j) = %j', (input, expected) => {
    expect(normalizeSite(input)).toBe(expected);
  });

  it('a paused site pauses its subdomains, not look-alikes', () => {
    const s = { pausedSites: ['example.org'] };
    expect(pausedBy(s, 'example.org')).toBe('example.org');
    expect(isPaused(s, 'news.example.org')).toBe(true);
    expect(isPaused(s, 'badexample.org')).toBe(false);
    expect(isPaused(s, 'example.org.evil.test')).toBe(false);
  });

  it('pausing and resuming a host', () => {
    const paused = withSitePaused(defaultSettings(), 'News.Example.org', true);
    expect(paused.pausedSites).toEqual(['news.example.org']);
    expect(withSitePaused(paused, 'news.example.org', true)).toBe(paused);
    // Resuming a host removes every entry that pauses it, parent domains included.
    const two = { ...paused, pausedSites: ['example.org', 'news.example.org', 'other.test'] };
    expect(withSitePaused(two, 'news.example.org', false).pausedSites).toEqual(['other.test']);
  });
});

describe('readSettings: versions and migrations', () => {
  it('nothing stored: defaults, nothing to write', () => {
    const r = readSettings(undefined);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r).toMatchObject({ storedVersion: null, write: false, quarantine: false, problems: [] });
  });

  it('v0 (unversioned) migrates to the current version keeping everything the reader set', () => {
    const v0 = { pausedSites: ['example.org', 'news.example.net'], markStyle: 'background', strength: 'strong', hoverDelayMs: 900, showDenials: false, bundledEnabled: false };
    const r = readSettings(v0);
    expect(r.storedVersion).toBe(0);
    expect(r.settings).toEqual({ ...v0, version: SETTINGS_VERSION });
    expect(r.write).toBe(true);
    expect(r.quarantine).toBe(false);
    expect(r.problems).toEqual([]);
  });

  it('a partial v0 keeps what it has and takes defaults for the rest', () => {
    const r = readSettings({ pausedSites: ['example.org'] });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, pausedSites: ['example.org'] });
    expect(r.problems).toEqual([]);
  });

  it('the current version reads back unchanged and needs no write', () => {
    const s = { ...DEFAULT_SETTINGS, pausedSites: ['a.example'], hoverDelayMs: 0 };
    const r = readSettings(s);
    expect(r.settings).toEqual(s);
    expect(r.write).toBe(false);
  });

  it('a newer version is read as far as known and never written over', () => {
    const r = readSettings({ version: SETTINGS_VERSION + 1, pausedSites: ['a.example'], markStyle: 'background', futureThing: { x: 1 } });
    expect(r.newer).toBe(true);
    expect(r.settings.pausedSites).toEqual(['a.example']);
    expect(r.settings.markStyle).toBe('background');
    expect(r.write).toBe(false);
    expect(r.quarantine).toBe(false);
  });
});

describe('readSettings: recovery from corrupted or foreign values', () => {
  it.each([['a string', 'oops'], ['a number', 42], ['a list', [1, 2]], ['true', true]])('%s → defaults, kept aside', (_, raw) => {
    const r = readSettings(raw);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.quarantine).toBe(true);
    expect(r.write).toBe(true);
    expect(r.problems[0]).toMatch(/^settings: expected an object/);
  });

  it('bad fields fall back one by one; good ones are kept; each problem names its field', () => {
    const r = readSettings({ version: 1, pausedSites: ['example.org', 7, 'not a host', 'EXAMPLE.org'], markStyle: 'sparkles', strength: 'strong', hoverDelayMs: -5, showDenials: 'yes', extra: 1 });
    expect(r.settings).toEqual({ ...DEFAULT_SETTINGS, pausedSites: ['example.org'], strength: 'strong' });
    expect(r.quarantine).toBe(true);
    const text = r.problems.join('\n');
    for (const field of ['pausedSites[1]', 'pausedSites[2]', 'markStyle', 'hoverDelayMs', 'showDenials', 'unknown field extra']) expect(text).toContain(field);
    expect(text).not.toContain('strength');
  });

  it('a non-numeric version is a problem, the fields are still read', () => {
    const r = readSettings({ version: 'two', markStyle: 'background' });
    expect(r.settings.markStyle).toBe('background');
    expect(r.problems[0]).toContain('settings.version');
    expect(r.quarantine).toBe(true);
  });
});

describe('applySettingsPatch', () => {
  it('applies a valid change and refuses an invalid one whole', () => {
    const cur = defaultSettings();
    expect(applySettingsPatch(cur, { markStyle: 'background', hoverDelayMs: 500 }).settings).toMatchObject({ markStyle: 'background', hoverDelayMs: 500 });
    const bad = applySettingsPatch(cur, { markStyle: 'background', hoverDelayMs: 99999 });
    expect(bad.settings).toBe(cur);
    expect(bad.problems.join()).toContain('hoverDelayMs');
    expect(applySettingsPatch(cur, { version: 9 }).problems).toHaveLength(1);
    expect(applySettingsPatch(cur, 'x').problems).toHaveLength(1);
  });
});

const tinyDataset: Dataset = {
  id: 'tiny',
  name: 'Tiny',
  version: '1.0.0',
  entities: [{ id: 'ann-example', kind: 'person', name: 'Ann Example', aliases: [], roles: [], memberOf: null }],
  sources: [{ id: 'gazette', outlet: 'Example Gazette', title: null, author: null, published: '2024-01-02', url: 'https://news.example.org/a', cites: [], text: null }],
  claims: [{ id: 'tiny-claim', text: 'The pier reopens in May.', topic: 't', firstReported: '2024-01-02', entities: ['ann-example'], relations: [] }],
  statements: [{ id: 's1', claim: 'tiny-claim', source: 'gazette', quote: 'the pier reopens in May', speaker: 'ann-example', stance: 'attributes', via: null, date: '2024-01-02', rating: null }],
};
const meta = { id: 'tiny', name: 'Tiny', enabled: false, importedAt: 5, fileName: 'tiny.yaml', format: 'native' };

describe('readStoredDataset', () => {
  it('reads a sound value as it is', () => {
    const r = readStoredDataset('dataset:tiny', { version: STORED_DATASET_VERSION, meta, dataset: tinyDataset }, checkStoredDataset);
    expect(r.ok && r.stored).toEqual({ version: 1, meta, dataset: tinyDataset });
    expect(r.ok && r.write).toBe(false);
  });

  it('rebuilds a damaged meta from the dataset, keeping what is readable', () => {
    const r = readStoredDataset('dataset:tiny', { version: 1, meta: { ...meta, enabled: 'no', format: 7 }, dataset: tinyDataset }, checkStoredDataset);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.stored.meta).toEqual({ ...meta, enabled: true, format: 'native' });
    expect(r.write).toBe(true);
    expect(r.problems.join('\n')).toMatch(/meta\.enabled[\s\S]*meta\.format/);
    const noMeta = readStoredDataset('dataset:tiny', { version: 1, dataset: tinyDataset }, checkStoredDataset);
    expect(noMeta.ok && noMeta.stored.meta).toMatchObject({ id: 'tiny', name: 'Tiny', enabled: true });
  });

  it('refuses a dataset that fails the validator (a hand-edited store) and says why', () => {
    const broken = { ...tinyDataset, statements: [{ ...tinyDataset.statements[0]!, speaker: 'nobody' }] };
    const r = readStoredDataset('dataset:tiny', { version: 1, meta, dataset: broken }, checkStoredDataset);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.join('\n')).toContain('unknown entity "nobody"');
    expect(readStoredDataset('dataset:x', 'garbage', checkStoredDataset).ok).toBe(false);
  });

  it('leaves a newer version alone', () => {
    const r = readStoredDataset('dataset:tiny', { version: 99, meta, dataset: tinyDataset }, checkStoredDataset);
    expect(r).toMatchObject({ ok: false, newer: true });
  });
});

describe('notices', () => {
  const n = (id: string): Notice => ({ id, at: 1, code: 'noticeSettingsRecovered', detail: 'd', quarantineKey: null });
  it('reads good notices, drops junk and says so', () => {
    expect(readNotices(undefined)).toEqual({ notices: [], damaged: false });
    expect(readNotices([n('a'), { id: 3 }])).toEqual({ notices: [n('a')], damaged: true });
    expect(readNotices('x').damaged).toBe(true);
  });
  it('keeps at most 20, newest last, no duplicates', () => {
    let list: Notice[] = [];
    for (let i = 0; i < 25; i++) list = addNotice(list, n(String(i)));
    list = addNotice(list, n('24'));
    expect(list).toHaveLength(20);
    expect(list.at(-1)!.id).toBe('24');
    expect(list[0]!.id).toBe('5');
  });
});
