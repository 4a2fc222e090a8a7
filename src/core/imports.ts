/**
 * The reader's own datasets (issue #6): a picked file → a validated dataset ready to store;
 * the stored datasets → the one effective dataset the spotter and the cards use. Pure.
 *
 * Import runs the SAME checks as `claimlens dataset validate` (src/dataset/validate.ts) and,
 * for ClaimReview JSON-LD or a Fact Check Tools API response, the same mapping as
 * `claimlens dataset import-claimreview` (src/dataset/claimreview.ts). Every error names the
 * file, line, column and field of the picked file. A failed import returns errors only.
 *
 * Merging: an imported dataset stands alone (its records refer only to each other), so each
 * can be switched off on its own. In the effective dataset its ids are prefixed with
 * `<import id>:` (never a valid slug, so never clashing with the bundled ids or another import).
 */
import type { Claim, Dataset, Entity, Source, Statement } from './model.ts';
import { importClaimReview, originPath, slugify } from '../dataset/claimreview.ts';
import { formatIssue, formatPath, type DatasetIssue } from '../dataset/issues.ts';
import { parseDatasetText } from '../dataset/parse.ts';
import { validateDocuments } from '../dataset/validate.ts';
import { STORED_DATASET_VERSION, type DatasetFormat, type StoredDataset } from './storage-schema.ts';

/** Largest file an import reads (characters). */
export const MAX_IMPORT_CHARS = 20 * 1024 * 1024;
/** Most imported datasets kept. */
export const MAX_IMPORTS = 50;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether parsed input is ClaimReview (JSON-LD or Fact Check Tools) rather than a native dataset file. */
export function isClaimReviewInput(value: unknown): boolean {
  if (Array.isArray(value)) return true;
  if (!isObject(value)) return false;
  if ('@type' in value || '@graph' in value || '@context' in value) return true;
  // Fact Check Tools API: {claims: [{text, claimant, claimReview: [...]}]}; a native file has a
  // `dataset:` header, and its claims have ids.
  const claims = value['claims'];
  return !('dataset' in value) && Array.isArray(claims) && claims.some((c) => isObject(c) && 'claimReview' in c);
}

export type ImportOutcome =
  | { ok: true; stored: StoredDataset }
  | { ok: false; errors: DatasetIssue[] };

export interface ImportOptions {
  /** `Date.now()`. */
  now: number;
  /** Ids already taken: the bundled dataset's id and the other imports' ids. */
  takenIds: readonly string[];
}

/** Just the file's name (a reader's path never enters storage or messages). */
export function baseName(fileName: string): string {
  const name = fileName.split(/[\\/]/).pop() ?? '';
  return (name.trim() || 'dataset').slice(0, 200);
}

function uniqueId(wanted: string, taken: readonly string[]): string {
  const set = new Set(taken);
  let id = wanted;
  for (let n = 2; set.has(id); n++) id = `${wanted}-${n}`;
  return id;
}

/** Picked file text → a dataset to store, or every error with its location. */
export function importDatasetText(text: string, fileNameRaw: string, opts: ImportOptions): ImportOutcome {
  const file = baseName(fileNameRaw);
  const fail = (message: string, line: number | null = null): ImportOutcome => ({ ok: false, errors: [{ file, line, col: line === null ? null : 1, path: '', message }] });
  if (text.length > MAX_IMPORT_CHARS) return fail(`file too large (${Math.round(text.length / 1024 / 1024)} MB; at most ${MAX_IMPORT_CHARS / 1024 / 1024} MB)`);
  if (text.trim() === '') return fail('the file is empty');
  const parsed = parseDatasetText(text, file);
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors };

  let format: DatasetFormat;
  let value: unknown;
  let mapPath: ((path: readonly (string | number)[]) => (string | number)[] | null) | null = null;
  const errors: DatasetIssue[] = [];
  if (isClaimReviewInput(parsed.value)) {
    format = 'claimreview';
    const result = importClaimReview(parsed.value);
    for (const p of result.problems) {
      const pos = parsed.locate(p.path);
      errors.push({ file, line: pos?.line ?? null, col: pos?.col ?? null, path: formatPath(p.path), message: p.message });
    }
    const stem = file.replace(/\.[a-z0-9]+$/i, '');
    // The import's own header; a ClaimReview file has none.
    value = { dataset: { id: slugify(stem), name: stem, version: '1.0.0' }, ...result.records };
    mapPath = (path) => (path[0] === 'dataset' ? [] : originPath(result.origins, path));
  } else {
    format = 'native';
    value = parsed.value;
  }
  // No `readText`: a file picked in the browser comes without the source texts beside it.
  const checked = validateDocuments([{ file, value, locate: parsed.locate, mapPath }]);
  errors.push(...checked.errors);
  if (errors.length > 0 || checked.dataset === null) return { ok: false, errors };
  const dataset = checked.dataset;
  if (dataset.claims.length === 0) return fail('the dataset has no claims');
  const id = uniqueId(dataset.id, opts.takenIds);
  return {
    ok: true,
    stored: {
      version: STORED_DATASET_VERSION,
      meta: { id, name: dataset.name.slice(0, 200), enabled: true, importedAt: opts.now, fileName: file, format },
      dataset,
    },
  };
}

/** A normalised dataset as a native dataset file (what `claimlens dataset validate` reads). */
export function toDatasetFile(ds: Dataset): Json {
  return {
    dataset: { id: ds.id, name: ds.name, version: ds.version },
    entities: ds.entities,
    sources: ds.sources,
    claims: ds.claims,
    statements: ds.statements,
  };
}

/** Re-checks a stored dataset with the dataset validator (for storage-schema's readStoredDataset). */
export function checkStoredDataset(value: unknown): { dataset: Dataset | null; problems: string[] } {
  if (!isObject(value)) return { dataset: null, problems: ['not an object'] };
  const asFile = 'dataset' in value ? value : { dataset: { id: value['id'], name: value['name'], version: value['version'] }, ...pick(value, ['entities', 'sources', 'claims', 'statements']) };
  const r = validateDocuments([{ file: 'stored', value: asFile }]);
  return { dataset: r.dataset, problems: r.errors.map(formatIssue) };
}

function pick(o: Json, keys: string[]): Json {
  const out: Json = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

/** `dataset` with every id (and every reference) prefixed by `<prefix>:`. */
export function namespaceDataset(ds: Dataset, prefix: string): Dataset {
  const n = (id: string): string => `${prefix}:${id}`;
  const nn = (id: string | null): string | null => (id === null ? null : n(id));
  const entities: Entity[] = ds.entities.map((e) => ({
    ...e,
    id: n(e.id),
    aliases: e.aliases.map((a) => ({ ...a, source: nn(a.source) })),
    roles: e.roles.map((r) => ({ ...r, organisation: nn(r.organisation), source: n(r.source) })),
    memberOf: nn(e.memberOf),
  }));
  const sources: Source[] = ds.sources.map((s) => ({ ...s, id: n(s.id), cites: s.cites.map(n) }));
  const claims: Claim[] = ds.claims.map((c) => ({ ...c, id: n(c.id), entities: c.entities.map(n), relations: c.relations.map((r) => ({ ...r, claim: n(r.claim) })) }));
  const statements: Statement[] = ds.statements.map((s) => ({ ...s, id: n(s.id), claim: n(s.claim), source: n(s.source), speaker: nn(s.speaker), via: nn(s.via) }));
  return { ...ds, entities, sources, claims, statements };
}

/**
 * The dataset the extension uses: the bundled one (when switched on) plus every import that is
 * switched on. Null when there is nothing to use.
 */
export function mergeDatasets(bundled: Dataset | null, imports: readonly StoredDataset[]): Dataset | null {
  const parts: Dataset[] = [];
  if (bundled) parts.push(bundled);
  for (const s of imports) if (s.meta.enabled) parts.push(namespaceDataset(s.dataset, s.meta.id));
  if (parts.length === 0) return null;
  if (parts.length === 1 && parts[0] === bundled) return bundled;
  return {
    id: 'claimlens-effective',
    name: parts.map((p) => p.name).join(' + '),
    version: '0.0.0',
    entities: parts.flatMap((p) => p.entities),
    sources: parts.flatMap((p) => p.sources),
    claims: parts.flatMap((p) => p.claims),
    statements: parts.flatMap((p) => p.statements),
  };
}

/**
 * A key naming what the effective dataset is made of (which parts, which versions): the
 * background recompiles the index only when it changes, and tabs restart when it changes.
 */
export function revisionOf(bundled: { id: string; version: string } | null, imports: readonly StoredDataset[]): string {
  const parts = bundled ? [`${bundled.id}@${bundled.version}`] : [];
  for (const s of imports) if (s.meta.enabled) parts.push(`${s.meta.id}@${s.meta.importedAt}`);
  return parts.join('|') || 'none';
}
