/** The background's settings, datasets and reader services against in-memory storage (issue #6). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createKeeper, createSettingsService, type StorageArea } from '../../../src/background/settings.ts';
import { createDatasetsService } from '../../../src/background/datasets.ts';
import { createReaderService, popupClaims } from '../../../src/background/reader.ts';
import { badgeText, createBadge } from '../../../src/background/badge.ts';
import { createTabStore } from '../../../src/background/tab-store.ts';
import { createRouter } from '../../../src/background/router.ts';
import { compileIndex } from '../../../src/core/spot/index.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/settings.ts';
import type { Dataset } from '../../../src/core/model.ts';
import { BG_TO_CS, CS_TO_BG, UI_TO_BG, parseUiToBg } from '../../../src/messaging/protocol.ts';

function memoryArea(opts: { failSet?: boolean } = {}): StorageArea & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
  return {
    data,
    async get(keys) {
      const list = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, clone(data.get(k))]));
    },
    async set(items) {
      if (opts.failSet) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      for (const [k, v] of Object.entries(items)) data.set(k, clone(v));
    },
    async remove(keys) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
}

const bundled = JSON.parse(readFileSync('test/fixtures/spot/seed-dataset.json', 'utf8')) as Dataset;
const fixture = (name: string): string => readFileSync(`test/fixtures/import/${name}`, 'utf8');

function setup(opts: { syncFails?: boolean; quotaBytes?: number | null } = {}) {
  const sync = memoryArea({ failSet: opts.syncFails ?? false });
  const local = memoryArea();
  const session = memoryArea();
  let t = 1000;
  const now = () => ++t;
  const keeper = createKeeper(local, now);
  const settings = createSettingsService({ sync, local, keeper });
  let compiled = 0;
  const datasets = createDatasetsService({
    local,
    keeper,
    settings,
    loadBundled: async () => ({ dataset: bundled, index: compileIndex(bundled) }),
    compile: (ds) => (compiled++, compileIndex(ds)),
    quotaBytes: opts.quotaBytes ?? null,
    now,
  });
  const badges = new Map<number, string>();
  const sent: unknown[] = [];
  const tabs = createTabStore(session);
  const reader = createReaderService({
    settings, datasets, keeper, tabs, session,
    badge: createBadge({ setText: async (id, text) => void badges.set(id, text) }),
    broadcast: async (m) => void sent.push(m),
  });
  const route = createRouter({ extensionId: 'x', extensionOrigin: 'chrome-extension://x/', version: '1', tabs, reader, now });
  const page = (m: unknown) => route(m, { id: 'x', url: 'chrome-extension://x/options.html' });
  const content = (m: unknown, tabId = 3, url = 'https://news.example.org/a') => route(m, { id: 'x', url, tab: { id: tabId }, frameId: 0 });
  return { sync, local, session, keeper, settings, datasets, reader, badges, sent, page, content, compiled: () => compiled };
}

describe('settings service', () => {
  it('migrates a v0 value in storage.sync and writes it back', async () => {
    const s = setup();
    s.sync.data.set('settings', { pausedSites: ['example.org'], markStyle: 'background' });
    const got = await s.settings.get();
    expect(got).toMatchObject({ version: 1, pausedSites: ['example.org'], markStyle: 'background' });
    expect(s.sync.data.get('settings')).toEqual(got);
    expect(await s.keeper.notices()).toEqual([]);
  });

  it('a corrupted value recovers, the raw value is kept aside and a notice left', async () => {
    const s = setup();
    s.sync.data.set('settings', { version: 1, pausedSites: ['example.org', 42], markStyle: 'neon' });
    const got = await s.settings.get();
    expect(got).toEqual({ ...DEFAULT_SETTINGS, pausedSites: ['example.org'] });
    const q = [...s.local.data.entries()].filter(([k]) => k.startsWith('quarantine:settings:'));
    expect(q).toHaveLength(1);
    expect(q[0]![1]).toMatchObject({ key: 'settings', area: 'sync', raw: { version: 1, pausedSites: ['example.org', 42], markStyle: 'neon' } });
    const notices = await s.keeper.notices();
    expect(notices).toEqual([expect.objectContaining({ code: 'noticeSettingsRecovered', quarantineKey: q[0]![0] })]);
    // Read again: now sound, nothing more set aside.
    await s.settings.get();
    expect([...s.local.data.keys()].filter((k) => k.startsWith('quarantine:'))).toHaveLength(1);
  });

  it('falls back to storage.local when storage.sync refuses', async () => {
    const s = setup({ syncFails: true });
    const r = await s.settings.setSitePaused('news.example.org', true);
    expect('settings' in r && r.settings.pausedSites).toEqual(['news.example.org']);
    expect(s.local.data.get('settings')).toMatchObject({ pausedSites: ['news.example.org'] });
    expect((await s.settings.get()).pausedSites).toEqual(['news.example.org']);
  });

  it('an invalid change changes nothing; concurrent changes are all kept', async () => {
    const s = setup();
    expect(await s.settings.update({ hoverDelayMs: 'soon' })).toEqual({ error: expect.stringContaining('hoverDelayMs') });
    expect(s.sync.data.has('settings')).toBe(false);
    await Promise.all(['a.example', 'b.example', 'c.example'].map((h) => s.settings.setSitePaused(h, true)));
    expect((await s.settings.get()).pausedSites.sort()).toEqual(['a.example', 'b.example', 'c.example']);
  });
});

describe('datasets service', () => {
  it('imports a ClaimReview file into storage and the effective index', async () => {
    const s = setup();
    const before = await s.datasets.effective();
    expect(before.dataset).toBe(bundled);
    expect(s.compiled()).toBe(0);
    const r = await s.page({ type: UI_TO_BG.importDataset, fileName: 'lakeview-claimreview.json', text: fixture('lakeview-claimreview.json') });
    expect(r).toMatchObject({ ok: true, meta: { id: 'lakeview-claimreview', enabled: true }, stats: { claims: 1, sources: 2, firstDate: '2024-05-02', lastDate: '2024-05-03' } });
    expect(s.local.data.has('dataset:lakeview-claimreview')).toBe(true);
    const after = await s.datasets.effective();
    expect(after.revision).not.toBe(before.revision);
    expect(after.dataset!.claims).toHaveLength(bundled.claims.length + 1);
    expect(s.compiled()).toBe(1);
    await s.datasets.effective();
    expect(s.compiled()).toBe(1); // cached by revision
  });

  it('a failed import returns every error and changes nothing', async () => {
    const s = setup();
    await s.page({ type: UI_TO_BG.importDataset, fileName: 'lakeview-native.yaml', text: fixture('lakeview-native.yaml') });
    const snapshot = JSON.stringify([...s.local.data.entries()]);
    const r = await s.page({ type: UI_TO_BG.importDataset, fileName: 'broken-claimreview.json', text: fixture('broken-claimreview.json') });
    expect(r).toMatchObject({ ok: false, errors: [{ line: 13, path: '@graph[1].claimReviewed' }, { line: 7, path: '@graph[0].datePublished' }] });
    expect(JSON.stringify([...s.local.data.entries()])).toBe(snapshot);
  });

  it('refuses an import that would exceed the storage quota', async () => {
    const s = setup({ quotaBytes: 500 });
    const r = await s.page({ type: UI_TO_BG.importDataset, fileName: 'x.json', text: fixture('lakeview-claimreview.json') });
    expect(r).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('not enough storage') }] });
    expect([...s.local.data.keys()].filter((k) => k.startsWith('dataset:'))).toEqual([]);
  });

  it('switch off, export, remove; the bundled one can be switched off and exported', async () => {
    const s = setup();
    await s.page({ type: UI_TO_BG.importDataset, fileName: 'lakeview-native.yaml', text: fixture('lakeview-native.yaml') });
    expect(await s.page({ type: UI_TO_BG.setDatasetEnabled, id: 'lakeview-council', enabled: false })).toEqual({ ok: true });
    expect((await s.datasets.effective()).dataset).toBe(bundled);
    const exp = await s.page({ type: UI_TO_BG.exportDataset, id: 'lakeview-council' });
    expect(JSON.parse((exp as { text: string }).text)).toMatchObject({ dataset: { id: 'lakeview-council' }, claims: [{ id: 'ferry-free-children' }] });
    expect(await s.page({ type: UI_TO_BG.setDatasetEnabled, id: bundled.id, enabled: false })).toEqual({ ok: true });
    expect((await s.datasets.effective()).dataset).toBeNull();
    expect(await s.page({ type: UI_TO_BG.removeDataset, id: 'lakeview-council' })).toEqual({ ok: true });
    expect(s.local.data.has('dataset:lakeview-council')).toBe(false);
    expect(await s.page({ type: UI_TO_BG.removeDataset, id: bundled.id })).toMatchObject({ error: expect.any(String) });
    const view = await s.page({ type: UI_TO_BG.listDatasets });
    expect(view).toMatchObject({ bundled: { id: bundled.id, enabled: false }, imports: [], storage: { near: false } });
  });

  it('a damaged stored dataset is set aside with a notice; the others still load', async () => {
    const s = setup();
    await s.page({ type: UI_TO_BG.importDataset, fileName: 'lakeview-native.yaml', text: fixture('lakeview-native.yaml') });
    s.local.data.set('dataset:half-written', { version: 1, meta: { id: 'half-written' }, dataset: { claims: [{}] } });
    s.datasets.invalidate();
    const list = await s.datasets.imports();
    expect(list.map((d) => d.meta.id)).toEqual(['lakeview-council']);
    expect(s.local.data.has('dataset:half-written')).toBe(false);
    const q = [...s.local.data.entries()].find(([k]) => k.startsWith('quarantine:dataset:half-written:'));
    expect(q?.[1]).toMatchObject({ raw: { meta: { id: 'half-written' } } });
    expect((await s.keeper.notices()).map((n) => n.code)).toEqual(['noticeDatasetSetAside']);
  });

  it('a damaged notices list is itself kept aside', async () => {
    const s = setup();
    s.local.data.set('notices', 'garbage');
    const notices = await s.keeper.notices();
    expect(notices.map((n) => n.code)).toEqual(['noticeNoticesReset']);
    expect([...s.local.data.keys()].some((k) => k.startsWith('quarantine:notices:'))).toBe(true);
  });
});

describe('reader: reports, badge, popup, broadcast', () => {
  const claimId = bundled.claims[0]!.id;
  const found = [
    { claimId, phrase: 'p1', stance: 'attributes' as const, score: 1, speaker: 'John Kirby' },
    { claimId, phrase: 'p2', stance: 'denies' as const, score: 1 },
  ];

  it('badge: distinct claims, nothing when paused', () => {
    expect(badgeText(found, false)).toBe('1');
    expect(badgeText(found, true)).toBe('');
    expect(badgeText([], false)).toBe('');
  });

  it('a report sets the badge; the popup view groups by claim with the dataset counts', async () => {
    const s = setup();
    expect(await s.content({ type: CS_TO_BG.report, version: '1', found })).toEqual({ ok: true });
    expect(s.badges.get(3)).toBe('1');
    const view = await s.page({ type: UI_TO_BG.getPopup, tabId: 3 });
    expect(view).toMatchObject({ host: 'news.example.org', pausedBy: null, reported: true, capped: 0 });
    const claims = (view as { claims: ReturnType<typeof popupClaims> }).claims;
    expect(claims).toHaveLength(1);
    expect(claims[0]!.onPage).toEqual([{ stance: 'attributes', speaker: 'John Kirby', phrase: 'p1' }, { stance: 'denies', speaker: null, phrase: 'p2' }]);
    expect(claims[0]!.text).toBe(bundled.claims[0]!.text);
    const sts = bundled.statements.filter((x) => x.claim === claimId);
    expect(claims[0]!.denials).toBe(sts.filter((x) => x.stance === 'denies' || x.stance === 'disputes').length);
    expect(await s.page({ type: UI_TO_BG.getPopup, tabId: 99 })).toMatchObject({ host: null, reported: false, claims: [] });
  });

  it('pausing a site: the page reports paused, the badge clears, the tabs hear of it', async () => {
    const s = setup();
    const r = await s.page({ type: UI_TO_BG.setSitePaused, host: 'news.example.org', paused: true });
    expect(r).toMatchObject({ settings: { pausedSites: ['news.example.org'] } });
    await s.reader.onStorageChanged(['settings']);
    expect(s.sent).toEqual([{ type: BG_TO_CS.settings, settings: expect.objectContaining({ pausedSites: ['news.example.org'] }), revision: expect.any(String) }]);
    await s.content({ type: CS_TO_BG.report, version: '1', found, paused: true });
    expect(s.badges.get(3)).toBe('');
    expect(await s.page({ type: UI_TO_BG.getPopup, tabId: 3 })).toMatchObject({ pausedBy: 'news.example.org' });
    expect(await s.content({ type: CS_TO_BG.getSettings })).toMatchObject({ settings: { pausedSites: ['news.example.org'] } });
  });

  it('refuses malformed page messages and content scripts asking for page messages', async () => {
    const s = setup();
    expect(parseUiToBg({ type: UI_TO_BG.setSitePaused, host: '', paused: true })).toBeNull();
    expect(parseUiToBg({ type: UI_TO_BG.importDataset, fileName: 'a', text: 5 })).toBeNull();
    expect(await s.content({ type: UI_TO_BG.setSitePaused, host: 'x.example', paused: true })).toEqual({ error: 'not a content-script message' });
    expect(await s.content({ type: UI_TO_BG.importDataset, fileName: 'a', text: '' })).toEqual({ error: 'not a content-script message' });
  });
});
