/**
 * The settings service (issue #6) and the keeper of what could not be read (issue #8).
 *
 * Settings live in storage.sync (they follow the reader between browsers) and fall back to
 * storage.local when sync refuses them (quota). Every read goes through core/storage-schema:
 * old versions migrate forward, a damaged value recovers field by field, and the raw value is
 * first kept aside under a `quarantine:` key with a notice for the options page. Nothing is
 * held only in memory: a stopped service worker reads everything again. What was read is kept
 * in memory until storage says the settings changed (`invalidate`, from storage.onChanged) or
 * this service writes them (issue #7: every page asks for them at its start, and its spot
 * request again through the effective dataset; two storage reads each, measured 6–18 ms
 * before a page's text could be spotted).
 */
import {
  NOTICES_KEY,
  SETTINGS_KEY,
  addNotice,
  applySettingsPatch,
  quarantineKey,
  readNotices,
  readSettings,
  type Notice,
  type NoticeCode,
  type QuarantinedValue,
} from '../core/storage-schema.ts';
import { normalizeSite, withSitePaused, type Settings } from '../core/settings.ts';
import type { KeyValueArea } from './tab-store.ts';

/** A storage area; `getBytesInUse` where the browser has it. */
export interface StorageArea extends KeyValueArea {
  getBytesInUse?: (keys: string | string[] | null) => Promise<number>;
}

/** Runs async steps one after another (read-modify-write without lost updates). */
export function serial(): <T>(step: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(step: () => Promise<T>): Promise<T> => {
    const run = last.then(step, step);
    last = run.catch(() => undefined);
    return run;
  };
}

/** Keeps unreadable values aside and the notices about them, in storage.local. */
export interface Keeper {
  /** Copies `raw` to a quarantine key, leaves a notice, returns the quarantine key. */
  setAside(area: 'sync' | 'local', key: string, raw: unknown, problems: string[], code: NoticeCode): Promise<string>;
  note(code: NoticeCode, detail: string, id: string, quarantined?: string | null): Promise<void>;
  notices(): Promise<Notice[]>;
  dismiss(id: string): Promise<void>;
}

export function createKeeper(local: KeyValueArea, now: () => number = Date.now): Keeper {
  const queue = serial();
  /**
   * The notices list, read inside the queue. A damaged list (hand-edited, half written) is kept
   * aside first, like any other unreadable value, with a notice that says so — whichever call
   * meets it first (issue #8: adding a notice must not write over it silently).
   */
  const readList = async (): Promise<Notice[]> => {
    const raw = (await local.get(NOTICES_KEY))[NOTICES_KEY];
    const r = readNotices(raw);
    if (!r.damaged) return r.notices;
    const at = now();
    const qkey = quarantineKey(NOTICES_KEY, at);
    await local.set({ [qkey]: { key: NOTICES_KEY, area: 'local', at, problems: ['notices: unreadable entries'], raw } });
    const notices = addNotice(r.notices, { id: 'notices-reset', at, code: 'noticeNoticesReset', detail: '', quarantineKey: qkey });
    await local.set({ [NOTICES_KEY]: notices });
    return notices;
  };
  const note = (code: NoticeCode, detail: string, id: string, quarantined: string | null = null): Promise<void> =>
    queue(async () => {
      const notices = await readList();
      await local.set({ [NOTICES_KEY]: addNotice(notices, { id, at: now(), code, detail: detail.slice(0, 2000), quarantineKey: quarantined }) });
    });
  return {
    async setAside(area, key, raw, problems, code) {
      const at = now();
      const qkey = quarantineKey(key, at);
      const value: QuarantinedValue = { key, area, at, problems, raw };
      await local.set({ [qkey]: value });
      await note(code, problems.join('; '), qkey, qkey);
      return qkey;
    },
    note,
    notices: () => queue(readList),
    dismiss: (id) =>
      queue(async () => {
        const notices = await readList();
        await local.set({ [NOTICES_KEY]: notices.filter((n) => n.id !== id) });
      }),
  };
}

export interface SettingsService {
  /** The current settings (recovering and migrating the stored value when needed). */
  get(): Promise<Settings>;
  /** Apply a change; an invalid change changes nothing and says why. */
  update(patch: unknown): Promise<{ settings: Settings } | { error: string }>;
  setSitePaused(host: string, paused: boolean): Promise<{ settings: Settings } | { error: string }>;
  /** The stored settings changed (storage.onChanged): the next `get` reads them again. */
  invalidate(): void;
}

export interface SettingsDeps {
  sync: StorageArea;
  local: StorageArea;
  keeper: Keeper;
}

export function createSettingsService(deps: SettingsDeps): SettingsService {
  const { sync, local, keeper } = deps;
  const queue = serial();

  async function write(settings: Settings): Promise<void> {
    try {
      await sync.set({ [SETTINGS_KEY]: settings });
      // Back in sync: drop a local fallback copy, if any.
      if ((await local.get(SETTINGS_KEY))[SETTINGS_KEY] !== undefined) await local.remove(SETTINGS_KEY);
    } catch {
      // storage.sync refused (quota, or sync unavailable): keep them locally.
      await local.set({ [SETTINGS_KEY]: settings });
    }
  }

  async function read(): Promise<Settings> {
    const [inSync, inLocal] = await Promise.all([sync.get(SETTINGS_KEY), local.get(SETTINGS_KEY)]);
    const area = inLocal[SETTINGS_KEY] !== undefined ? 'local' : 'sync';
    const raw = area === 'local' ? inLocal[SETTINGS_KEY] : inSync[SETTINGS_KEY];
    const r = readSettings(raw);
    if (r.newer) await keeper.note('noticeSettingsNewer', `version ${r.storedVersion ?? '?'}`, 'settings-newer');
    if (r.quarantine) await keeper.setAside(area, SETTINGS_KEY, raw, r.problems, 'noticeSettingsRecovered');
    if (r.write) await write(r.settings);
    return r.settings;
  }

  /** The settings as last read (a read in flight included); null: read them again. */
  let cached: Promise<Settings> | null = null;
  const invalidate = (): void => {
    cached = null;
  };

  async function change(next: (cur: Settings) => { settings: Settings; problems: string[] }): Promise<{ settings: Settings } | { error: string }> {
    return queue(async () => {
      const cur = await read();
      const { settings, problems } = next(cur);
      if (problems.length > 0) return { error: problems.join('; ') };
      invalidate();
      await write(settings);
      invalidate();
      return { settings };
    });
  }

  return {
    get() {
      if (cached) return cached;
      const got = queue(read);
      cached = got;
      // A failed read is not kept: the next get tries again.
      got.catch(() => {
        if (cached === got) cached = null;
      });
      return got;
    },
    invalidate,
    update: (patch) => change((cur) => applySettingsPatch(cur, patch)),
    setSitePaused: (host, paused) =>
      change((cur) => {
        if (normalizeSite(host) === null) return { settings: cur, problems: [`not a site name: "${host}"`] };
        return { settings: withSitePaused(cur, host, paused), problems: [] };
      }),
  };
}
