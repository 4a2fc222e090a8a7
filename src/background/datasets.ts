/**
 * The reader's datasets (issue #6): import, switch on/off, export, remove, and the effective
 * dataset + index (bundled + enabled imports) that the claims service serves.
 *
 * Each import is one `dataset:<id>` key in storage.local, written in one `set` (atomic: never
 * half there). Reading re-checks each with the dataset validator (core/storage-schema +
 * core/imports); what cannot be read is kept aside with a notice and left out. The effective
 * index is compiled here when imports are in use (the shipped index otherwise) and cached in
 * memory by revision only: a stopped service worker rebuilds it from storage on demand.
 */
import type { Dataset } from '../core/model.ts';
import type { CompiledIndex } from '../core/spot/index.ts';
import { checkStoredDataset, importDatasetText, mergeDatasets, MAX_IMPORTS, revisionOf, toDatasetFile } from '../core/imports.ts';
import { DATASET_KEY_PREFIX, datasetKey, datasetStats, readStoredDataset, type StoredDataset } from '../core/storage-schema.ts';
import type { DatasetsView, ImportReply } from '../messaging/protocol.ts';
import type { Keeper, SettingsService, StorageArea } from './settings.ts';

/** Share of the storage.local quota beyond which the options page warns. */
export const QUOTA_WARN_SHARE = 0.8;

export interface Effective {
  dataset: Dataset | null;
  index: CompiledIndex | null;
  revision: string;
}

export interface DatasetsDeps {
  local: StorageArea;
  keeper: Keeper;
  settings: SettingsService;
  /** The bundled dataset and its shipped index (null when the build has none). */
  loadBundled(): Promise<{ dataset: Dataset; index: CompiledIndex | null } | null>;
  compile(dataset: Dataset): CompiledIndex;
  /** storage.local's quota in bytes (Chrome: `storage.local.QUOTA_BYTES`), or null when none is known. */
  quotaBytes: number | null;
  now?: () => number;
}

export interface DatasetsService {
  imports(): Promise<StoredDataset[]>;
  view(): Promise<Omit<DatasetsView, 'notices'>>;
  importFile(fileName: string, text: string): Promise<ImportReply>;
  setEnabled(id: string, enabled: boolean): Promise<{ ok: true } | { error: string }>;
  exportFile(id: string): Promise<{ fileName: string; text: string } | { error: string }>;
  remove(id: string): Promise<{ ok: true } | { error: string }>;
  effective(): Promise<Effective>;
  /** Forget what is cached (storage changed). */
  invalidate(): void;
}

export function createDatasetsService(deps: DatasetsDeps): DatasetsService {
  const now = deps.now ?? Date.now;
  let importsCache: Promise<StoredDataset[]> | null = null;
  let bundledCache: ReturnType<DatasetsDeps['loadBundled']> | null = null;
  let effectiveCache: { revision: string; value: Promise<Effective> } | null = null;

  const bundled = (): ReturnType<DatasetsDeps['loadBundled']> => {
    bundledCache ??= deps.loadBundled().catch(() => null);
    return bundledCache;
  };

  async function readImports(): Promise<StoredDataset[]> {
    const all = await deps.local.get(null);
    const out: StoredDataset[] = [];
    for (const [key, raw] of Object.entries(all)) {
      if (!key.startsWith(DATASET_KEY_PREFIX)) continue;
      const r = readStoredDataset(key, raw, checkStoredDataset);
      if (r.ok) {
        out.push(r.stored);
        if (r.write) {
          await deps.keeper.note('noticeDatasetRecovered', r.problems.join('; '), `recovered:${key}`);
          await deps.local.set({ [key]: r.stored });
        }
      } else if (r.newer) {
        await deps.keeper.note('noticeDatasetNewer', r.problems.join('; '), `newer:${key}`);
      } else {
        // Keep the raw value aside first, then take it out of use.
        await deps.keeper.setAside('local', key, raw, r.problems, 'noticeDatasetSetAside');
        await deps.local.remove(key);
      }
    }
    return out.sort((a, b) => a.meta.importedAt - b.meta.importedAt || a.meta.id.localeCompare(b.meta.id));
  }

  const imports = (): Promise<StoredDataset[]> => {
    importsCache ??= readImports().catch((err: unknown) => {
      importsCache = null;
      throw err;
    });
    return importsCache;
  };

  async function bytesInUse(): Promise<number | null> {
    if (typeof deps.local.getBytesInUse === 'function') {
      try {
        return await deps.local.getBytesInUse(null);
      } catch {
        // Firefox has no storage.local.getBytesInUse: estimate below.
      }
    }
    const all = await deps.local.get(null);
    let n = 0;
    for (const [k, v] of Object.entries(all)) n += k.length + JSON.stringify(v ?? null).length;
    return n;
  }

  async function effective(): Promise<Effective> {
    const [b, list, settings] = await Promise.all([bundled(), imports(), deps.settings.get()]);
    const useBundled = b && settings.bundledEnabled ? b : null;
    const revision = revisionOf(useBundled ? useBundled.dataset : null, list);
    if (effectiveCache?.revision === revision) return effectiveCache.value;
    const value = (async (): Promise<Effective> => {
      const dataset = mergeDatasets(useBundled?.dataset ?? null, list);
      if (dataset === null) return { dataset: null, index: null, revision };
      // The shipped index when nothing was added; compiled here otherwise.
      const index = dataset === useBundled?.dataset && useBundled.index ? useBundled.index : deps.compile(dataset);
      return { dataset, index, revision };
    })();
    effectiveCache = { revision, value };
    return value;
  }

  const knownId = async (id: string): Promise<StoredDataset | undefined> => (await imports()).find((s) => s.meta.id === id);

  return {
    imports,
    invalidate() {
      importsCache = null;
    },
    effective,
    async view() {
      const [b, list, settings, used] = await Promise.all([bundled(), imports(), deps.settings.get(), bytesInUse()]);
      return {
        bundled: b ? { id: b.dataset.id, name: b.dataset.name, version: b.dataset.version, enabled: settings.bundledEnabled, stats: datasetStats(b.dataset) } : null,
        imports: list.map((s) => ({ meta: s.meta, stats: datasetStats(s.dataset) })),
        storage: { bytesInUse: used, quotaBytes: deps.quotaBytes, near: used !== null && deps.quotaBytes !== null && used > deps.quotaBytes * QUOTA_WARN_SHARE },
      };
    },
    async importFile(fileName, text) {
      const [b, list] = await Promise.all([bundled(), imports()]);
      const file = fileName.split(/[\\/]/).pop() || 'dataset';
      const fail = (message: string): ImportReply => ({ ok: false, errors: [{ file, line: null, col: null, path: '', message }] });
      if (list.length >= MAX_IMPORTS) return fail(`at most ${MAX_IMPORTS} imported datasets; remove one first`);
      const taken = [...(b ? [b.dataset.id] : []), ...list.map((s) => s.meta.id)];
      const r = importDatasetText(text, fileName, { now: now(), takenIds: taken });
      if (!r.ok) return r;
      const size = JSON.stringify(r.stored).length;
      const used = await bytesInUse();
      if (deps.quotaBytes !== null && used !== null && used + size > deps.quotaBytes) {
        return fail(`not enough storage: the dataset needs about ${Math.ceil(size / 1024)} KB, ${Math.max(0, Math.floor((deps.quotaBytes - used) / 1024))} KB are free`);
      }
      try {
        await deps.local.set({ [datasetKey(r.stored.meta.id)]: r.stored });
      } catch (err) {
        return fail(`could not store the dataset: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        importsCache = null;
      }
      return { ok: true, meta: r.stored.meta, stats: datasetStats(r.stored.dataset) };
    },
    async setEnabled(id, enabled) {
      const b = await bundled();
      if (b && id === b.dataset.id) {
        const r = await deps.settings.update({ bundledEnabled: enabled });
        return 'error' in r ? r : { ok: true };
      }
      const s = await knownId(id);
      if (!s) return { error: `no dataset "${id}"` };
      await deps.local.set({ [datasetKey(id)]: { ...s, meta: { ...s.meta, enabled } } });
      importsCache = null;
      return { ok: true };
    },
    async exportFile(id) {
      const b = await bundled();
      const ds = b && id === b.dataset.id ? b.dataset : (await knownId(id))?.dataset;
      if (!ds) return { error: `no dataset "${id}"` };
      return { fileName: `${id}.json`, text: `${JSON.stringify(toDatasetFile(ds), null, 2)}\n` };
    },
    async remove(id) {
      if (!(await knownId(id))) return { error: `no imported dataset "${id}"` };
      await deps.local.remove(datasetKey(id));
      importsCache = null;
      return { ok: true };
    },
  };
}
