/**
 * The settings service keeps what it read until storage says the settings changed (issue #7:
 * each page's start and its spot request asked for them, two storage reads each).
 */
import { describe, expect, it } from 'vitest';
import { createKeeper, createSettingsService, type StorageArea } from '../../../src/background/settings.ts';

function countingArea(): StorageArea & { data: Map<string, unknown>; reads: number } {
  const data = new Map<string, unknown>();
  const area = {
    data,
    reads: 0,
    async get(keys: string | string[] | null) {
      area.reads++;
      const list = keys === null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(keys: string | string[]) {
      for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k);
    },
  };
  return area;
}

function setup() {
  const sync = countingArea();
  const local = countingArea();
  const settings = createSettingsService({ sync, local, keeper: createKeeper(local) });
  return { sync, local, settings, reads: () => sync.reads };
}

describe('settings service: what it read is kept until the settings change', () => {
  it('a second get reads no storage; concurrent gets share one read', async () => {
    const s = setup();
    const [a, b] = await Promise.all([s.settings.get(), s.settings.get()]);
    expect(b).toEqual(a);
    const after = s.reads();
    expect(after).toBe(1);
    await s.settings.get();
    expect(s.reads()).toBe(after);
  });

  it('after invalidate (storage.onChanged) the next get reads the stored value', async () => {
    const s = setup();
    expect((await s.settings.get()).pausedSites).toEqual([]);
    const stored = { ...(await s.settings.get()), pausedSites: ['example.org'] };
    s.sync.data.set('settings', stored); // written by another context (the options page, sync)
    expect((await s.settings.get()).pausedSites).toEqual([]); // not told yet: what was read
    s.settings.invalidate();
    expect((await s.settings.get()).pausedSites).toEqual(['example.org']);
  });

  it('its own writes are seen at once', async () => {
    const s = setup();
    await s.settings.get();
    const changing = s.settings.setSitePaused('news.example.org', true);
    await changing;
    expect((await s.settings.get()).pausedSites).toEqual(['news.example.org']);
    const r = await s.settings.update({ markStyle: 'background' });
    expect('settings' in r && r.settings.markStyle).toBe('background');
    expect((await s.settings.get()).markStyle).toBe('background');
  });

  it('a failed read is not kept', async () => {
    const s = setup();
    let fail = true;
    const get = s.sync.get.bind(s.sync);
    s.sync.get = async (keys) => {
      if (fail) throw new Error('storage unavailable');
      return get(keys);
    };
    await expect(s.settings.get()).rejects.toThrow('storage unavailable');
    fail = false;
    expect((await s.settings.get()).version).toBe(1);
  });
});
