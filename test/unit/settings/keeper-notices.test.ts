/** Issue #8: a damaged notices list is kept aside before anything writes a notice over it. */
import { describe, expect, it } from 'vitest';
import { createKeeper } from '../../../src/background/settings.ts';

function area(init: Record<string, unknown>): { data: Map<string, unknown>; get(k: string | string[] | null): Promise<Record<string, unknown>>; set(v: Record<string, unknown>): Promise<void>; remove(k: string | string[]): Promise<void> } {
  const data = new Map(Object.entries(init));
  return {
    data,
    get: (k) => Promise.resolve(Object.fromEntries([...data].filter(([key]) => k === null || (Array.isArray(k) ? k.includes(key) : k === key)))),
    set: (v) => {
      for (const [key, x] of Object.entries(v)) data.set(key, structuredClone(x));
      return Promise.resolve();
    },
    remove: (k) => {
      for (const key of Array.isArray(k) ? k : [k]) data.delete(key);
      return Promise.resolve();
    },
  };
}

describe('keeper', () => {
  it.each(['note', 'notices', 'dismiss'] as const)('%s first: the damaged list is quarantined as it was, then the notice added', async (first) => {
    const damaged = '[{"id": "x", "code": ';
    const local = area({ notices: damaged });
    const keeper = createKeeper(local, () => 1000);
    if (first === 'note') await keeper.note('noticeSettingsRecovered', 'detail', 'n1');
    else if (first === 'notices') await keeper.notices();
    else await keeper.dismiss('nothing');
    const kept = [...local.data].filter(([k]) => k.startsWith('quarantine:notices:')).map(([, v]) => (v as { raw: unknown }).raw);
    expect(kept).toEqual([damaged]);
    const codes = (await keeper.notices()).map((n) => n.code);
    expect(codes).toContain('noticeNoticesReset');
    if (first === 'note') expect(codes).toContain('noticeSettingsRecovered');
  });
});
