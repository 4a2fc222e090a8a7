/**
 * What claimlens keeps in extension storage, and how a stored value is read back (issue #6,
 * issue #8). Pure: the background passes raw values in and writes what this returns.
 *
 *   storage.sync   settings            {version, pausedSites, markStyle, …}       (settings.ts)
 *   storage.local  settings            the same, only when storage.sync refused it (quota)
 *   storage.local  dataset:<id>        {version, meta, dataset}   one key per imported dataset,
 *                                      so an import is one atomic write and never half there
 *   storage.local  quarantine:<key>:<time>  {key, at, reason, raw} a stored value we could not
 *                                      read, kept aside untouched (never silently dropped)
 *   storage.local  notices             [{id, at, code, detail, quarantineKey}] for the options page
 *
 * Reading never throws: a corrupted or foreign-shaped value recovers to a working state
 * (defaults for what cannot be read, everything readable kept), with problems listed so the
 * caller keeps the raw value aside and leaves a notice. Every shape carries a `version`;
 * older versions migrate forward step by step, a newer version (written by a later claimlens)
 * is read as far as it can be and not written over.
 */
import type { Dataset } from './model.ts';
import {
  DEFAULT_SETTINGS,
  HOVER_DELAY_MAX,
  HOVER_DELAY_MIN,
  MARK_STRENGTHS,
  MARK_STYLES,
  MAX_PAUSED_SITES,
  SETTINGS_VERSION,
  defaultSettings,
  normalizeSite,
  type Settings,
} from './settings.ts';

export const SETTINGS_KEY = 'settings';
export const DATASET_KEY_PREFIX = 'dataset:';
export const QUARANTINE_KEY_PREFIX = 'quarantine:';
export const NOTICES_KEY = 'notices';
/** Most notices kept (oldest dropped first; the quarantined values themselves stay). */
export const MAX_NOTICES = 20;
export const STORED_DATASET_VERSION = 1;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

// ---- settings ---------------------------------------------------------------------------------

export interface SettingsRead {
  settings: Settings;
  /** The version the stored value had (0: written before versions existed; null: nothing stored). */
  storedVersion: number | null;
  /** What could not be read (each a short sentence naming the field); empty when all was fine. */
  problems: string[];
  /** Whether the result should be written back (migrated or repaired). */
  write: boolean;
  /** Whether the raw value must be kept aside before anything is written over it. */
  quarantine: boolean;
  /** Written by a newer claimlens: read what we know, never write over it. */
  newer: boolean;
}

/**
 * Forward migrations: `MIGRATIONS[n]` turns a version-n object into a version-(n+1) object.
 * Version 0 is the unversioned object of the first builds: the same field names, no `version`.
 */
const MIGRATIONS: Record<number, (old: Json) => Json> = {
  0: (old) => ({ ...old, version: 1 }),
};

const SETTINGS_FIELDS = ['version', 'pausedSites', 'markStyle', 'strength', 'hoverDelayMs', 'showDenials', 'bundledEnabled'] as const;

/** Reads a stored settings value of any age or state. Never throws. */
export function readSettings(raw: unknown): SettingsRead {
  if (raw === undefined || raw === null) {
    return { settings: defaultSettings(), storedVersion: null, problems: [], write: false, quarantine: false, newer: false };
  }
  if (!isObject(raw)) {
    return {
      settings: defaultSettings(),
      storedVersion: null,
      problems: [`settings: expected an object, found ${describe(raw)}; defaults used`],
      write: true,
      quarantine: true,
      newer: false,
    };
  }
  const problems: string[] = [];
  let version: number;
  const v = raw['version'];
  if (v === undefined) version = 0;
  else if (typeof v === 'number' && Number.isInteger(v) && v >= 0) version = v;
  else {
    problems.push(`settings.version: expected a whole number, found ${describe(v)}`);
    version = SETTINGS_VERSION;
  }
  const newer = version > SETTINGS_VERSION;
  let obj: Json = raw;
  for (let n = version; n < SETTINGS_VERSION; n++) obj = MIGRATIONS[n]!(obj);

  const s = defaultSettings();
  const field = <K extends keyof Settings>(key: K, ok: (x: unknown) => boolean, expected: string): void => {
    if (!(key in obj)) return;
    const x = obj[key];
    if (ok(x)) (s as unknown as Json)[key] = x;
    else problems.push(`settings.${key}: expected ${expected}, found ${describe(x)}; default ${JSON.stringify(DEFAULT_SETTINGS[key])} used`);
  };
  field('markStyle', (x) => (MARK_STYLES as readonly unknown[]).includes(x), MARK_STYLES.join(' or '));
  field('strength', (x) => (MARK_STRENGTHS as readonly unknown[]).includes(x), MARK_STRENGTHS.join(', '));
  field(
    'hoverDelayMs',
    (x) => typeof x === 'number' && Number.isFinite(x) && x >= HOVER_DELAY_MIN && x <= HOVER_DELAY_MAX,
    `a number of ms from ${HOVER_DELAY_MIN} to ${HOVER_DELAY_MAX}`,
  );
  field('showDenials', (x) => typeof x === 'boolean', 'true or false');
  field('bundledEnabled', (x) => typeof x === 'boolean', 'true or false');

  if ('pausedSites' in obj) {
    const list = obj['pausedSites'];
    if (!Array.isArray(list)) {
      problems.push(`settings.pausedSites: expected a list of sites, found ${describe(list)}`);
    } else {
      const kept: string[] = [];
      list.forEach((item, i) => {
        const site = typeof item === 'string' ? normalizeSite(item) : null;
        if (site === null) problems.push(`settings.pausedSites[${i}]: not a site name: ${describe(item)}`);
        else if (!kept.includes(site)) kept.push(site);
      });
      if (kept.length > MAX_PAUSED_SITES) problems.push(`settings.pausedSites: ${kept.length} sites, only the last ${MAX_PAUSED_SITES} kept`);
      s.pausedSites = kept.slice(-MAX_PAUSED_SITES);
    }
  }
  // Fields we do not know: from a newer claimlens (kept there, untouched) or hand-edited.
  const unknown = Object.keys(obj).filter((k) => !(SETTINGS_FIELDS as readonly string[]).includes(k));
  if (!newer && unknown.length > 0) problems.push(`settings: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);

  return {
    settings: s,
    storedVersion: version,
    problems,
    write: !newer && (version < SETTINGS_VERSION || problems.length > 0),
    quarantine: !newer && problems.length > 0,
    newer,
  };
}

/** The settings a change asks for, checked like a stored value (an invalid change changes nothing). */
export function applySettingsPatch(current: Settings, patch: unknown): { settings: Settings; problems: string[] } {
  if (!isObject(patch)) return { settings: current, problems: ['a settings change must be an object'] };
  if ('version' in patch) return { settings: current, problems: ['a settings change cannot set the version'] };
  const merged = readSettings({ ...current, ...patch });
  if (merged.problems.length > 0) return { settings: current, problems: merged.problems };
  return { settings: merged.settings, problems: [] };
}

// ---- imported datasets ------------------------------------------------------------------------

export const DATASET_FORMATS = ['native', 'claimreview'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

export interface DatasetStats {
  claims: number;
  entities: number;
  sources: number;
  statements: number;
  /** Earliest and latest date in the dataset (sources, statements, claims), or null. */
  firstDate: string | null;
  lastDate: string | null;
}

/** What the options page lists about an imported dataset. */
export interface ImportedDatasetMeta {
  /** The storage id (`dataset:<id>`); unique among imports, never the bundled dataset's id. */
  id: string;
  name: string;
  enabled: boolean;
  /** `Date.now()` of the import. */
  importedAt: number;
  /** The file the reader picked (name only). */
  fileName: string;
  format: DatasetFormat;
}

/** The value of `dataset:<id>` in storage.local. */
export interface StoredDataset {
  version: typeof STORED_DATASET_VERSION;
  meta: ImportedDatasetMeta;
  /** The validated, normalised dataset. */
  dataset: Dataset;
}

export function datasetKey(id: string): string {
  return DATASET_KEY_PREFIX + id;
}

export function datasetStats(ds: Dataset): DatasetStats {
  const dates = [...ds.sources.map((s) => s.published), ...ds.statements.map((s) => s.date), ...ds.claims.map((c) => c.firstReported)]
    .filter((d): d is string => typeof d === 'string')
    .sort();
  return {
    claims: ds.claims.length,
    entities: ds.entities.length,
    sources: ds.sources.length,
    statements: ds.statements.length,
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
  };
}

export type StoredDatasetRead =
  | { ok: true; stored: StoredDataset; problems: string[]; write: boolean }
  | { ok: false; newer: boolean; problems: string[] };

/**
 * Reads `dataset:<id>`. The dataset itself is re-checked by `checkDataset` (the same validator
 * as an import: a hand-edited store cannot slip unchecked text into a card). A damaged `meta`
 * is rebuilt from the dataset (the reader's switch defaults to on); an unreadable dataset is
 * not used, and the caller keeps the raw value aside.
 */
export function readStoredDataset(
  key: string,
  raw: unknown,
  checkDataset: (value: unknown) => { dataset: Dataset | null; problems: string[] },
): StoredDatasetRead {
  const id = key.startsWith(DATASET_KEY_PREFIX) ? key.slice(DATASET_KEY_PREFIX.length) : key;
  if (!isObject(raw)) return { ok: false, newer: false, problems: [`${key}: expected an object, found ${describe(raw)}`] };
  const v = raw['version'];
  if (typeof v === 'number' && v > STORED_DATASET_VERSION) {
    return { ok: false, newer: true, problems: [`${key}: written by a newer claimlens (version ${v}); left as it is`] };
  }
  const problems: string[] = [];
  if (v !== STORED_DATASET_VERSION) problems.push(`${key}.version: expected ${STORED_DATASET_VERSION}, found ${describe(v)}`);
  const checked = checkDataset(raw['dataset']);
  if (checked.dataset === null) {
    return { ok: false, newer: false, problems: [`${key}.dataset: not a valid dataset`, ...checked.problems.slice(0, 10)] };
  }
  const m = isObject(raw['meta']) ? raw['meta'] : {};
  if (!isObject(raw['meta'])) problems.push(`${key}.meta: missing; rebuilt from the dataset`);
  const text = (k: string, fallback: string): string => {
    const x = m[k];
    if (typeof x === 'string' && x.trim() !== '' && x.length <= 500) return x;
    if (isObject(raw['meta'])) problems.push(`${key}.meta.${k}: expected text, found ${describe(x)}`);
    return fallback;
  };
  const enabledRaw = m['enabled'];
  if (isObject(raw['meta']) && typeof enabledRaw !== 'boolean') problems.push(`${key}.meta.enabled: expected true or false, found ${describe(enabledRaw)}; on`);
  const at = m['importedAt'];
  if (isObject(raw['meta']) && !(typeof at === 'number' && Number.isFinite(at) && at >= 0)) problems.push(`${key}.meta.importedAt: expected a time, found ${describe(at)}`);
  const format = m['format'];
  if (isObject(raw['meta']) && !(DATASET_FORMATS as readonly unknown[]).includes(format)) problems.push(`${key}.meta.format: expected native or claimreview, found ${describe(format)}`);
  const meta: ImportedDatasetMeta = {
    id,
    name: text('name', checked.dataset.name),
    enabled: typeof enabledRaw === 'boolean' ? enabledRaw : true,
    importedAt: typeof at === 'number' && Number.isFinite(at) && at >= 0 ? at : 0,
    fileName: typeof m['fileName'] === 'string' ? m['fileName'].slice(0, 500) : '',
    format: (DATASET_FORMATS as readonly unknown[]).includes(format) ? (format as DatasetFormat) : 'native',
  };
  if (isObject(raw['meta']) && m['id'] !== undefined && m['id'] !== id) problems.push(`${key}.meta.id: "${String(m['id'])}" does not match its key; the key wins`);
  return { ok: true, stored: { version: STORED_DATASET_VERSION, meta, dataset: checked.dataset }, problems, write: problems.length > 0 };
}

// ---- quarantine and notices -------------------------------------------------------------------

/** A stored value kept aside because it could not be read. */
export interface QuarantinedValue {
  /** The storage key it was read from. */
  key: string;
  /** `storage.sync` or `storage.local`. */
  area: 'sync' | 'local';
  at: number;
  problems: string[];
  /** The value exactly as it was found. */
  raw: unknown;
}

export function quarantineKey(key: string, at: number): string {
  return `${QUARANTINE_KEY_PREFIX}${key}:${at}`;
}

/** Message names (in `_locales/en/messages.json`) of the notices; `detail` is substitution $1. */
export const NOTICE_CODES = ['noticeSettingsRecovered', 'noticeSettingsNewer', 'noticeDatasetRecovered', 'noticeDatasetSetAside', 'noticeDatasetNewer', 'noticeNoticesReset'] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

export interface Notice {
  id: string;
  at: number;
  code: NoticeCode;
  /** A short detail (what could not be read), shown after the localized message. */
  detail: string;
  /** Where the raw value was kept aside, if it was. */
  quarantineKey: string | null;
}

/** Reads the stored notices; anything unreadable is dropped from the list (they are only notes). */
export function readNotices(raw: unknown): { notices: Notice[]; damaged: boolean } {
  if (raw === undefined) return { notices: [], damaged: false };
  if (!Array.isArray(raw)) return { notices: [], damaged: true };
  const notices: Notice[] = [];
  let damaged = false;
  for (const n of raw) {
    if (
      isObject(n) &&
      typeof n['id'] === 'string' &&
      typeof n['at'] === 'number' &&
      (NOTICE_CODES as readonly unknown[]).includes(n['code']) &&
      typeof n['detail'] === 'string' &&
      (n['quarantineKey'] === null || typeof n['quarantineKey'] === 'string')
    ) {
      notices.push({ id: n['id'], at: n['at'], code: n['code'] as NoticeCode, detail: n['detail'].slice(0, 2000), quarantineKey: n['quarantineKey'] as string | null });
    } else damaged = true;
  }
  return { notices: notices.slice(-MAX_NOTICES), damaged };
}

export function addNotice(list: readonly Notice[], notice: Notice): Notice[] {
  return [...list.filter((n) => n.id !== notice.id), notice].slice(-MAX_NOTICES);
}
