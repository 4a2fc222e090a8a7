/**
 * Validates a dataset (one or several parsed files) and returns the normalised `Dataset` or
 * every error found, each with its file, line, column and field path.
 *
 * Pure: no file system. A source's bundled text is read through the `readText` callback,
 * so the same checks run in Node (`load.ts`) and in the browser (the options page import).
 *
 * Checks, beyond the shape (schema.ts): slug ids, duplicate ids, references between records
 * (with a "did you mean"), dates, http(s) URLs, empty quotes, quotes verbatim in the
 * source's bundled text, a bundled text's header agreeing with its source record, `via`
 * among the sources the source cites, speakers where a stance needs one, rating iff `rates`,
 * and aliases that would make a name ambiguous.
 */
import { closestMatch } from 'leven';
import type { z } from 'zod';
import type { Alias, Claim, Dataset, Entity, Source, Statement } from '../core/model.ts';
import { DatasetError, type DatasetIssue, formatIssue, formatPath, type PathSegment } from './issues.ts';
import type { Locate, Position } from './parse.ts';
import {
  datasetFileSchema,
  datasetMetaSchema,
  entitySchema,
  ITEM_SCHEMAS,
  KNOWN_FIELDS,
  SECTIONS,
  sourceSchema,
  claimSchema,
  statementSchema,
  type Section,
} from './schema.ts';

export interface DocInput {
  /** Name used in error messages (`data/russia-nk.yaml`). */
  file: string;
  /** The parsed document. */
  value: unknown;
  /** Maps a path to its position; without it errors carry no line/column. */
  locate?: Locate | null;
  /**
   * Maps a record path to the path that `locate` and the messages use, e.g. from imported
   * records back to the ClaimReview input they were made from. Null: keep the path.
   */
  mapPath?: ((path: readonly PathSegment[]) => readonly PathSegment[] | null) | null;
}

export interface ValidateOptions {
  /**
   * Returns the content of a source's bundled text (`relPath` as written in `text:`,
   * relative to `file`), or null when it does not exist. Without it, quotes are not
   * checked against bundled texts (e.g. an import in the browser).
   */
  readText?: (file: string, relPath: string) => string | null;
}

export interface ValidationResult {
  /** The normalised dataset; null when there is any error. */
  dataset: Dataset | null;
  errors: DatasetIssue[];
}

/** A lowercase slug: `food-for-weapons`, `telegraph-2023-03-30`. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

/** True for `2023-03-30` (a real calendar date) or `2022-11` (year-month). */
export function isValidDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** Why `value` is not an acceptable dataset URL, or null when it is one (absolute http/https). */
export function urlProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `not an absolute URL: "${value}"`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `URL must be http(s), not "${url.protocol}"`;
  if (url.username !== '' || url.password !== '') return 'URL must not carry credentials';
  return null;
}

/** Splits a bundled source text into its `key: value` header (above a `---` line) and its body. */
export function splitSourceText(content: string): { header: Record<string, string>; body: string } {
  const m = /^((?:[a-z]+: .*\n)+)---\n/.exec(content);
  if (!m) return { header: {}, body: content };
  const header: Record<string, string> = {};
  for (const line of m[1]!.split('\n')) {
    const i = line.indexOf(': ');
    if (i > 0) header[line.slice(0, i)] = line.slice(i + 2);
  }
  return { header, body: content.slice(m[0].length) };
}

type Located<T> = { item: T; doc: DocInput; index: number; section: Section };

class Collector {
  readonly errors: DatasetIssue[] = [];

  add(doc: DocInput, recordPath: readonly PathSegment[], message: string, key = false): void {
    const path = doc.mapPath?.(recordPath) ?? recordPath;
    const pos: Position | null = doc.locate ? doc.locate(path, key) : null;
    this.errors.push({ file: doc.file, line: pos?.line ?? null, col: pos?.col ?? null, path: formatPath(path), message });
  }

  where(doc: DocInput, recordPath: readonly PathSegment[]): string {
    const path = doc.mapPath?.(recordPath) ?? recordPath;
    const pos = doc.locate ? doc.locate(path) : null;
    return pos ? `${doc.file}:${pos.line}:${pos.col}` : `${doc.file} ${formatPath(path)}`;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function didYouMean(target: string, candidates: readonly string[]): string {
  const best = closestMatch(target, candidates, { maxDistance: Math.max(2, Math.floor(target.length / 3)) });
  return best !== undefined && best !== target ? ` (did you mean "${best}"?)` : '';
}

/** Turns zod's issues into located dataset issues with plain messages. */
function reportSchemaIssues(out: Collector, doc: DocInput, prefix: readonly PathSegment[], raw: unknown, error: z.ZodError): void {
  for (const iss of error.issues) {
    const path = [...prefix, ...(iss.path as PathSegment[])];
    const input = valueAt(raw, iss.path as PathSegment[]);
    switch (iss.code) {
      case 'invalid_type':
        if (input === undefined) out.add(doc, path, 'required field is missing');
        else out.add(doc, path, `expected ${iss.expected}, got ${describe(input)}`);
        break;
      case 'invalid_value': {
        const values = iss.values.map(String);
        const got = typeof input === 'string' ? didYouMean(input, values) : '';
        out.add(doc, path, `must be one of ${values.join(', ')}; got ${describe(input)}${got}`);
        break;
      }
      case 'unrecognized_keys':
        for (const key of iss.keys) out.add(doc, [...path, key], `unknown field "${key}"${didYouMean(key, KNOWN_FIELDS)}`, true);
        break;
      case 'too_small':
        out.add(doc, path, 'must not be empty');
        break;
      default:
        out.add(doc, path, iss.message);
    }
  }
}

/** Validates the parsed files of one dataset together. */
export function validateDocuments(docs: readonly DocInput[], options: ValidateOptions = {}): ValidationResult {
  const out = new Collector();
  const metas: { meta: z.output<typeof datasetMetaSchema>; doc: DocInput }[] = [];
  const records: { [S in Section]: Located<z.output<(typeof ITEM_SCHEMAS)[S]>>[] } = { entities: [], sources: [], claims: [], statements: [] };
  /** Ids seen in each section, even on records that failed the schema (so one error does not cascade). */
  const seenIds: Record<Section, Set<string>> = { entities: new Set(), sources: new Set(), claims: new Set(), statements: new Set() };

  for (const doc of docs) {
    if (doc.value === null || doc.value === undefined || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
      out.add(doc, [], `a dataset file must be a mapping with dataset/entities/sources/claims/statements, got ${describe(doc.value)}`);
      continue;
    }
    const top = datasetFileSchema.safeParse(doc.value, { reportInput: true });
    if (!top.success) {
      reportSchemaIssues(out, doc, [], doc.value, top.error);
      continue;
    }
    if (top.data.dataset !== undefined) {
      const meta = datasetMetaSchema.safeParse(top.data.dataset, { reportInput: true });
      if (meta.success) metas.push({ meta: meta.data, doc });
      else reportSchemaIssues(out, doc, ['dataset'], top.data.dataset, meta.error);
    }
    for (const section of SECTIONS) {
      top.data[section].forEach((raw, index) => {
        const rawId = valueAt(raw, ['id']);
        if (typeof rawId === 'string') seenIds[section].add(rawId);
        const parsed = ITEM_SCHEMAS[section].safeParse(raw, { reportInput: true });
        if (!parsed.success) reportSchemaIssues(out, doc, [section, index], raw, parsed.error);
        // The cast is safe: `section` picks both the schema and the list.
        else (records[section] as Located<unknown>[]).push({ item: parsed.data, doc, index, section });
      });
    }
  }

  // The dataset header: exactly one.
  if (metas.length === 0 && docs.length > 0) out.add(docs[0]!, [], 'no file has a "dataset:" header (id, name, version)');
  for (const extra of metas.slice(1)) out.add(extra.doc, ['dataset'], `a second "dataset:" header (the first is at ${out.where(metas[0]!.doc, ['dataset'])})`);
  const meta = metas[0];
  if (meta) {
    if (!SLUG.test(meta.meta.id)) out.add(meta.doc, ['dataset', 'id'], `id must be a lowercase slug (a-z, 0-9, single hyphens), got "${meta.meta.id}"`);
    if (!/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(meta.meta.version)) out.add(meta.doc, ['dataset', 'version'], `version must be semantic (1.2.3), got "${meta.meta.version}"`);
  }

  // Ids: slugs, unique within their section.
  const byId = {} as { [S in Section]: Map<string, Located<z.output<(typeof ITEM_SCHEMAS)[S]>>> };
  for (const section of SECTIONS) {
    const map = new Map<string, Located<{ id: string }>>();
    for (const rec of records[section] as Located<{ id: string }>[]) {
      const at = [section, rec.index, 'id'];
      if (!SLUG.test(rec.item.id)) out.add(rec.doc, at, `id must be a lowercase slug (a-z, 0-9, single hyphens), got "${rec.item.id}"`);
      const first = map.get(rec.item.id);
      if (first) out.add(rec.doc, at, `duplicate id "${rec.item.id}" (first defined at ${out.where(first.doc, [section, first.index, 'id'])})`);
      else map.set(rec.item.id, rec);
    }
    (byId as Record<Section, unknown>)[section] = map;
  }

  const names: Record<Section, string> = { entities: 'entity', sources: 'source', claims: 'claim', statements: 'statement' };
  const candidates = {} as Record<Section, string[]>;
  for (const section of SECTIONS) candidates[section] = [...seenIds[section]];
  /** Reports a reference to an id that no record of `target` has. */
  const ref = (rec: Located<unknown>, path: readonly PathSegment[], target: Section, value: string | null): void => {
    if (value === null || seenIds[target].has(value)) return;
    out.add(rec.doc, [rec.section, rec.index, ...path], `unknown ${names[target]} "${value}"${didYouMean(value, candidates[target])}`);
  };
  const date = (rec: Located<unknown>, path: readonly PathSegment[], value: string | null): void => {
    if (value !== null && !isValidDate(value)) out.add(rec.doc, [rec.section, rec.index, ...path], `not a valid date: "${value}" (use YYYY-MM-DD, or YYYY-MM when the day is unknown)`);
  };

  // Entities.
  const aliasOwner = new Map<string, { rec: Located<unknown>; path: PathSegment[] }>();
  const claimName = (rec: Located<unknown>, path: PathSegment[], name: string): void => {
    const key = name.toLowerCase();
    const first = aliasOwner.get(key);
    if (first && first.rec.item !== rec.item) {
      const owner = (first.rec.item as { id: string }).id;
      out.add(rec.doc, [rec.section, rec.index, ...path], `name "${name}" is already used by entity "${owner}" (${out.where(first.rec.doc, [first.rec.section, first.rec.index, ...first.path])}): a name must point to one entity`);
    } else if (first) {
      out.add(rec.doc, [rec.section, rec.index, ...path], `name "${name}" is listed twice for this entity`);
    } else {
      aliasOwner.set(key, { rec, path });
    }
  };
  for (const rec of records.entities) {
    const e = rec.item;
    claimName(rec, ['name'], e.name);
    e.aliases.forEach((alias, i) => {
      claimName(rec, ['aliases', i, 'name'], alias.name);
      ref(rec, ['aliases', i, 'source'], 'sources', alias.source);
    });
    e.roles.forEach((role, i) => {
      ref(rec, ['roles', i, 'organisation'], 'entities', role.organisation);
      ref(rec, ['roles', i, 'source'], 'sources', role.source);
      date(rec, ['roles', i, 'asOf'], role.asOf);
    });
    ref(rec, ['memberOf'], 'entities', e.memberOf);
    if (e.memberOf === e.id) out.add(rec.doc, ['entities', rec.index, 'memberOf'], 'an entity cannot be a member of itself');
  }

  // Sources.
  const bodies = new Map<string, string>();
  for (const rec of records.sources) {
    const s = rec.item;
    date(rec, ['published'], s.published);
    if (s.url !== null) {
      const problem = urlProblem(s.url);
      if (problem) out.add(rec.doc, ['sources', rec.index, 'url'], problem);
    }
    s.cites.forEach((cited, i) => {
      ref(rec, ['cites', i], 'sources', cited);
      if (cited === s.id) out.add(rec.doc, ['sources', rec.index, 'cites', i], 'a source cannot cite itself');
    });
    if (s.text !== null && options.readText) {
      if (/^(?:[a-z]+:|\/|\\)/i.test(s.text) || s.text.split(/[\\/]/).includes('..')) {
        out.add(rec.doc, ['sources', rec.index, 'text'], `text must be a path inside the dataset folder, got "${s.text}"`);
        continue;
      }
      const content = options.readText(rec.doc.file, s.text);
      if (content === null) {
        out.add(rec.doc, ['sources', rec.index, 'text'], `bundled text "${s.text}" not found`);
        continue;
      }
      const { header, body } = splitSourceText(content);
      bodies.set(s.id, body);
      for (const field of ['outlet', 'title', 'author', 'published', 'url'] as const) {
        if (!(field in header)) continue;
        const stated = header[field] === 'unknown' ? null : header[field]!;
        if (stated !== s[field]) {
          out.add(rec.doc, ['sources', rec.index, field], `${JSON.stringify(s[field])} disagrees with the header of "${s.text}" (${field}: ${header[field]})`);
        }
      }
    }
  }

  // Claims.
  for (const rec of records.claims) {
    const c = rec.item;
    date(rec, ['firstReported'], c.firstReported);
    c.entities.forEach((e, i) => ref(rec, ['entities', i], 'entities', e));
    c.relations.forEach((r, i) => {
      ref(rec, ['relations', i, 'claim'], 'claims', r.claim);
      if (r.claim === c.id) out.add(rec.doc, ['claims', rec.index, 'relations', i, 'claim'], 'a claim cannot relate to itself');
    });
  }

  // Statements.
  for (const rec of records.statements) {
    const st = rec.item;
    const at = (field: string): PathSegment[] => ['statements', rec.index, field];
    ref(rec, ['claim'], 'claims', st.claim);
    ref(rec, ['source'], 'sources', st.source);
    ref(rec, ['speaker'], 'entities', st.speaker);
    ref(rec, ['via'], 'sources', st.via);
    date(rec, ['date'], st.date);
    const source = byId.sources.get(st.source)?.item;
    if (st.via !== null && source && seenIds.sources.has(st.via) && !source.cites.includes(st.via)) {
      out.add(rec.doc, at('via'), `source "${st.source}" does not cite "${st.via}" (add it to that source's cites)`);
    }
    if (st.speaker === null && ['attributes', 'denies', 'disputes', 'confirms'].includes(st.stance)) {
      out.add(rec.doc, at('speaker'), `a "${st.stance}" statement needs a speaker (who ${st.stance === 'attributes' ? 'asserts' : st.stance} it)`);
    }
    if (st.stance === 'rates' && st.rating === null) out.add(rec.doc, at('rating'), 'a "rates" statement needs the rating text');
    if (st.stance !== 'rates' && st.rating !== null) out.add(rec.doc, at('rating'), `only a "rates" statement has a rating (this one ${st.stance})`);
    const body = bodies.get(st.source);
    if (body !== undefined && !body.includes(st.quote)) {
      // The longest prefix of the quote that the text has: shows where the quote departs from it.
      let lo = 0;
      let hi = st.quote.length;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (body.includes(st.quote.slice(0, mid))) lo = mid;
        else hi = mid - 1;
      }
      const hint = lo > 0 ? `; it departs from the text at character ${lo + 1}: …${JSON.stringify(st.quote.slice(Math.max(0, lo - 20), lo + 10))}` : '';
      out.add(rec.doc, at('quote'), `quote is not verbatim in the text of source "${st.source}"${hint}`);
    }
  }

  if (out.errors.length > 0 || !meta) {
    // In file order, then top to bottom: the order a human fixes them in.
    const fileOrder = new Map(docs.map((d, i) => [d.file, i]));
    const rank = (e: DatasetIssue): [number, number, number] => [fileOrder.get(e.file) ?? -1, e.line ?? 0, e.col ?? 0];
    // Two records made from one input field (an import) can give the same error twice: keep one.
    const unique = [...new Map(out.errors.map((e) => [formatIssue(e), e])).values()];
    const errors = unique.sort((a, b) => {
      const [fa, la, ca] = rank(a);
      const [fb, lb, cb] = rank(b);
      return fa - fb || la - lb || ca - cb;
    });
    return { dataset: null, errors };
  }
  return {
    dataset: {
      id: meta.meta.id,
      name: meta.meta.name,
      version: meta.meta.version,
      entities: records.entities.map((r) => toEntity(r.item)),
      sources: records.sources.map((r) => toSource(r.item)),
      claims: records.claims.map((r) => toClaim(r.item)),
      statements: records.statements.map((r) => toStatement(r.item)),
    },
    errors: [],
  };
}

function toEntity(e: z.output<typeof entitySchema>): Entity {
  const aliases: Alias[] = e.aliases.map((a) => ({ name: a.name, kind: a.kind, source: a.source }));
  const entity: Entity = { id: e.id, kind: e.kind, name: e.name, aliases, roles: e.roles.map((r) => ({ ...r })), memberOf: e.memberOf };
  if (e.nameAuthority != null) entity.nameAuthority = e.nameAuthority;
  return entity;
}

function toSource(s: z.output<typeof sourceSchema>): Source {
  return { id: s.id, outlet: s.outlet, title: s.title, author: s.author, published: s.published, url: s.url, cites: [...s.cites], text: s.text };
}

function toClaim(c: z.output<typeof claimSchema>): Claim {
  const claim: Claim = { id: c.id, text: c.text, topic: c.topic, firstReported: c.firstReported, entities: [...c.entities], relations: c.relations.map((r) => ({ ...r })) };
  if (c.cues !== undefined) claim.cues = c.cues.map((g) => [...g]);
  return claim;
}

function toStatement(s: z.output<typeof statementSchema>): Statement {
  return { id: s.id, claim: s.claim, source: s.source, quote: s.quote, speaker: s.speaker, stance: s.stance, via: s.via, date: s.date, rating: s.rating };
}

/**
 * Validates one dataset object without files (e.g. an import in the options page).
 * `locate` maps field paths to positions when the object was parsed from text.
 */
export function validateDataset(obj: unknown, options: ValidateOptions & { file?: string; locate?: Locate | null } = {}): ValidationResult {
  return validateDocuments([{ file: options.file ?? '<input>', value: obj, locate: options.locate ?? null }], options);
}

/** Throws a readable error unless the result is valid; returns the dataset. */
export function assertValid(result: ValidationResult): Dataset {
  if (result.dataset === null) throw new DatasetError(result.errors);
  return result.dataset;
}
