/**
 * schema.org ClaimReview (https://schema.org/ClaimReview) ↔ native dataset records.
 * Pure: the options page reuses it in the browser.
 *
 * Import reads JSON-LD (one ClaimReview, an array, or a page's `@graph`) and the Google Fact
 * Check Tools API response (`{claims: [{text, claimant, claimDate, claimReview: [...]}]}`).
 * The mapping, both ways:
 *   claimReviewed / text                 ↔ Claim.text
 *   itemReviewed.author / claimant       ↔ the speaker Entity (reused when the dataset knows the name)
 *   itemReviewed.datePublished / claimDate ↔ Claim.firstReported
 *   itemReviewed.appearance, firstAppearance ↔ Sources (cited by the fact-check's source)
 *   author / publisher (+ url, headline, datePublished) ↔ the fact-checker's Source
 *   reviewRating.alternateName / textualRating ↔ a `rates` Statement (its quote: the claim as
 *                                          the fact-checker worded it; its rating: the verdict)
 * What ClaimReview cannot carry (ids, topics, relations, other statements' quotes, roles,
 * aliases) is not exported; imported ids are slugs of the names, imported topics `imported`.
 */
import type { Claim, Dataset, Entity, EntityKind, Source, Statement } from '../core/model.ts';
import { formatPath, type PathSegment } from './issues.ts';

/** Native records made by an import: a dataset file without its `dataset:` header. */
export interface ImportedRecords {
  entities: Entity[];
  sources: Source[];
  claims: Claim[];
  statements: Statement[];
}

/** Where an imported record came from in the input (for errors found when validating it). */
export interface RecordOrigin {
  /** Path of the input object the record was made from. */
  base: PathSegment[];
  /** Input paths of the record's fields, where they differ from `base`. */
  fields: Record<string, PathSegment[]>;
}

export interface ImportProblem {
  path: PathSegment[];
  message: string;
}

export interface ImportResult {
  records: ImportedRecords;
  /** `origins.get('claims[0]')`: where that record came from. */
  origins: Map<string, RecordOrigin>;
  /** Problems with the input itself (missing claim text …); validation comes after. */
  problems: ImportProblem[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

function types(v: Json): string[] {
  const t = v['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** `2023-03-30` from `2023-03-30T12:00:00Z`; other strings as they are (validation judges them). */
function isoDate(v: unknown): string | null {
  const s = str(v);
  if (s === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  return m ? m[1]! : s;
}

/** A lowercase slug of a name: at most `words` words and 48 characters. */
export function slugify(text: string, words = 6): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '')
    .slice(0, words)
    .join('-')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug === '' ? 'item' : slug;
}

const ORG_WORDS = /\b(?:ministry|department|government|party|agency|office|council|news|times|post|inc|ltd|group|committee|union|association|university|institute|bank|company|corporation|network|press)\b/i;

function kindOf(person: Json | null, name: string): EntityKind {
  const t = person ? types(person) : [];
  if (t.includes('Person')) return 'person';
  if (t.includes('Country')) return 'country';
  if (t.includes('Place')) return 'place';
  if (t.length > 0) return 'organisation';
  // The Fact Check Tools API gives the claimant as a bare name: a guess is unavoidable.
  return /^(?:[A-Z][\p{L}'.-]+\s){1,3}[A-Z][\p{L}'.-]+$/u.test(name) && !ORG_WORDS.test(name) ? 'person' : 'organisation';
}

/** One claim review in the neutral shape both inputs map to. */
interface ReviewInput {
  path: PathSegment[];
  claimText: string | null;
  claimTextPath: PathSegment[];
  speaker: { name: string; node: Json | null; path: PathSegment[] } | null;
  claimDate: string | null;
  claimDatePath: PathSegment[];
  appearances: { node: Json; path: PathSegment[] }[];
  review: {
    outlet: string | null;
    author: string | null;
    url: string | null;
    title: string | null;
    date: string | null;
    rating: string | null;
    path: PathSegment[];
  } | null;
}

function nameOf(v: unknown): string | null {
  if (typeof v === 'string') return str(v);
  if (isObject(v)) return str(v['name']) ?? str(v['alternateName']);
  return null;
}

function fromJsonLd(node: Json, path: PathSegment[]): ReviewInput {
  const item = isObject(node['itemReviewed']) ? node['itemReviewed'] : null;
  const itemPath = [...path, 'itemReviewed'];
  const authorRaw = item ? (Array.isArray(item['author']) ? item['author'][0] : item['author']) : undefined;
  const speakerName = nameOf(authorRaw);
  const appearances: { node: Json; path: PathSegment[] }[] = [];
  if (item) {
    for (const key of ['firstAppearance', 'appearance'] as const) {
      const v = item[key];
      const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
      list.forEach((a, i) => {
        if (isObject(a)) appearances.push({ node: a, path: Array.isArray(v) ? [...itemPath, key, i] : [...itemPath, key] });
      });
    }
  }
  const rating = isObject(node['reviewRating']) ? node['reviewRating'] : null;
  const author = Array.isArray(node['author']) ? node['author'][0] : node['author'];
  const authorObj = isObject(author) ? author : null;
  const publisher = nameOf(node['publisher']);
  const isPerson = authorObj !== null && types(authorObj).includes('Person');
  return {
    path,
    claimText: str(node['claimReviewed']),
    claimTextPath: [...path, 'claimReviewed'],
    speaker: speakerName ? { name: speakerName, node: isObject(authorRaw) ? authorRaw : null, path: [...itemPath, 'author'] } : null,
    claimDate: item ? isoDate(item['datePublished']) : null,
    claimDatePath: [...itemPath, 'datePublished'],
    appearances,
    review: rating
      ? {
          outlet: isPerson ? (publisher ?? nameOf(author)) : (nameOf(author) ?? publisher),
          author: isPerson ? nameOf(author) : null,
          url: str(node['url']),
          title: str(node['headline']) ?? str(node['name']),
          date: isoDate(node['datePublished']),
          rating: str(rating['alternateName']) ?? str(rating['name']) ?? (rating['ratingValue'] !== undefined ? String(rating['ratingValue']) : null),
          path,
        }
      : null,
  };
}

function fromFactCheckApi(claim: Json, path: PathSegment[]): ReviewInput[] {
  const reviews = Array.isArray(claim['claimReview']) ? claim['claimReview'] : [];
  const base = {
    path,
    claimText: str(claim['text']),
    claimTextPath: [...path, 'text'],
    speaker: str(claim['claimant']) ? { name: str(claim['claimant'])!, node: null, path: [...path, 'claimant'] } : null,
    claimDate: isoDate(claim['claimDate']),
    claimDatePath: [...path, 'claimDate'],
    appearances: [],
  };
  if (reviews.length === 0) return [{ ...base, review: null }];
  return reviews.map((r, i) => {
    const review = isObject(r) ? r : {};
    const publisher = isObject(review['publisher']) ? review['publisher'] : {};
    return {
      ...base,
      review: {
        outlet: str(publisher['name']) ?? str(publisher['site']),
        author: null,
        url: str(review['url']),
        title: str(review['title']),
        date: isoDate(review['reviewDate']),
        rating: str(review['textualRating']),
        path: [...path, 'claimReview', i],
      },
    };
  });
}

/** Finds the claim reviews in any of the accepted input shapes. */
function collect(input: unknown, problems: ImportProblem[]): ReviewInput[] {
  if (isObject(input) && Array.isArray(input['claims'])) {
    return input['claims'].flatMap((c, i) => (isObject(c) ? fromFactCheckApi(c, ['claims', i]) : (problems.push({ path: ['claims', i], message: 'expected a claim object' }), [])));
  }
  const found: ReviewInput[] = [];
  const visit = (v: unknown, path: PathSegment[]): void => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, i]));
    else if (isObject(v)) {
      if (types(v).includes('ClaimReview')) found.push(fromJsonLd(v, path));
      else if (Array.isArray(v['@graph'])) visit(v['@graph'], [...path, '@graph']);
    }
  };
  visit(input, []);
  if (found.length === 0) problems.push({ path: [], message: 'no ClaimReview found (expected a ClaimReview object, an array, a @graph, or a Fact Check Tools API response)' });
  return found;
}

/**
 * Maps ClaimReview input to native records. `known` (the dataset being imported into) lets
 * speakers and sources already in it be reused, and keeps new ids clear of its ids.
 */
export function importClaimReview(input: unknown, known?: Pick<Dataset, 'entities' | 'sources' | 'claims' | 'statements'>): ImportResult {
  const problems: ImportProblem[] = [];
  const records: ImportedRecords = { entities: [], sources: [], claims: [], statements: [] };
  const origins = new Map<string, RecordOrigin>();
  const taken = new Set<string>([...(known?.entities ?? []), ...(known?.sources ?? []), ...(known?.claims ?? []), ...(known?.statements ?? [])].map((r) => r.id));
  const freshId = (wanted: string): string => {
    let id = wanted;
    for (let n = 2; taken.has(id); n++) id = `${wanted}-${n}`;
    taken.add(id);
    return id;
  };
  const entityByName = new Map<string, string>();
  for (const e of known?.entities ?? []) for (const n of [e.name, ...e.aliases.map((a) => a.name)]) entityByName.set(n.toLowerCase(), e.id);
  /** Sources are the same when their URLs are, or (without URL) their outlet, title and date. */
  const sourceKey = (s: Pick<Source, 'url' | 'outlet' | 'title' | 'published'>): string => s.url ?? `${s.outlet}\u0000${s.title ?? ''}\u0000${s.published ?? ''}`;
  const sourceByKey = new Map<string, string>();
  for (const s of known?.sources ?? []) sourceByKey.set(sourceKey(s), s.id);
  const claimByText = new Map<string, string>();

  const addSource = (s: Omit<Source, 'id'>, idHint: string, origin: RecordOrigin): string => {
    const existing = sourceByKey.get(sourceKey(s));
    if (existing) return existing;
    const id = freshId(slugify(idHint));
    origins.set(`sources[${records.sources.length}]`, origin);
    records.sources.push({ id, ...s });
    sourceByKey.set(sourceKey(s), id);
    return id;
  };

  for (const r of collect(input, problems)) {
    if (r.claimText === null) {
      problems.push({ path: r.claimTextPath, message: 'missing claim text' });
      continue;
    }
    let speaker: string | null = null;
    if (r.speaker) {
      speaker = entityByName.get(r.speaker.name.toLowerCase()) ?? null;
      if (speaker === null) {
        speaker = freshId(slugify(r.speaker.name));
        origins.set(`entities[${records.entities.length}]`, { base: r.speaker.path, fields: {} });
        records.entities.push({ id: speaker, kind: kindOf(r.speaker.node, r.speaker.name), name: r.speaker.name, aliases: [], roles: [], memberOf: null });
        entityByName.set(r.speaker.name.toLowerCase(), speaker);
      }
    }
    let claimId = claimByText.get(r.claimText);
    if (claimId === undefined) {
      claimId = freshId(slugify(r.claimText));
      claimByText.set(r.claimText, claimId);
      origins.set(`claims[${records.claims.length}]`, { base: r.path, fields: { text: r.claimTextPath, firstReported: r.claimDatePath } });
      records.claims.push({ id: claimId, text: r.claimText, topic: 'imported', firstReported: r.claimDate, entities: speaker ? [speaker] : [], relations: [] });
    }
    const appearanceIds = r.appearances.map((a) => {
      const outlet = nameOf(a.node['publisher']) ?? nameOf(a.node['author']) ?? hostOf(str(a.node['url']));
      if (outlet === null) problems.push({ path: a.path, message: 'an appearance needs a publisher name or a url' });
      return addSource(
        {
          outlet: outlet ?? 'unknown',
          title: str(a.node['headline']) ?? str(a.node['name']),
          author: nameOf(a.node['publisher']) ? nameOf(a.node['author']) : null,
          published: isoDate(a.node['datePublished']),
          url: str(a.node['url']),
          cites: [],
          text: null,
        },
        `${outlet ?? 'appearance'} ${str(a.node['headline']) ?? isoDate(a.node['datePublished']) ?? ''}`,
        { base: a.path, fields: { url: [...a.path, 'url'], published: [...a.path, 'datePublished'] } },
      );
    });
    if (r.review) {
      const rv = r.review;
      if (rv.outlet === null) problems.push({ path: rv.path, message: 'the review names no fact-checker (author or publisher)' });
      if (rv.rating === null) problems.push({ path: rv.path, message: 'the review has no rating text (reviewRating.alternateName or textualRating)' });
      if (rv.outlet === null || rv.rating === null) continue;
      const isApi = rv.path.includes('claimReview');
      const f = (json: string, api: string): PathSegment[] => [...rv.path, isApi ? api : json];
      const sourceId = addSource(
        { outlet: rv.outlet, title: rv.title, author: rv.author, published: rv.date, url: rv.url, cites: [...new Set(appearanceIds)], text: null },
        `${rv.outlet} ${rv.title ?? rv.date ?? ''}`,
        { base: rv.path, fields: { url: f('url', 'url'), published: f('datePublished', 'reviewDate'), title: f('headline', 'title') } },
      );
      origins.set(`statements[${records.statements.length}]`, { base: rv.path, fields: { quote: r.claimTextPath, date: f('datePublished', 'reviewDate'), rating: f('reviewRating', 'textualRating') } });
      records.statements.push({
        id: freshId(slugify(`${rv.outlet} rates ${r.claimText}`, 8)),
        claim: claimId,
        source: sourceId,
        quote: r.claimText,
        speaker: null,
        stance: 'rates',
        via: appearanceIds[0] ?? null,
        date: rv.date,
        rating: rv.rating,
      });
    }
  }
  return { records, origins, problems };
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** Maps a path in the imported records (`['claims', 0, 'text']`) back to the input. */
export function originPath(origins: Map<string, RecordOrigin>, path: readonly PathSegment[]): PathSegment[] | null {
  const [section, index, field] = path;
  const origin = origins.get(formatPath([section ?? '', index ?? 0]));
  if (!origin) return null;
  return typeof field === 'string' && origin.fields[field] ? origin.fields[field] : origin.base;
}

const SCHEMA_TYPE: Record<EntityKind, string> = { person: 'Person', organisation: 'Organization', country: 'Country', place: 'Place' };

function creativeWork(s: Source): Json {
  const work: Json = { '@type': 'CreativeWork' };
  if (s.url) work['url'] = s.url;
  if (s.title) work['headline'] = s.title;
  if (s.published) work['datePublished'] = s.published;
  if (s.author) work['author'] = { '@type': 'Person', name: s.author };
  work['publisher'] = { '@type': 'Organization', name: s.outlet };
  return work;
}

/**
 * The dataset as schema.org ClaimReview JSON-LD (a `@graph`): one ClaimReview per `rates`
 * statement, and one without a review for each claim that has none, so that every claim with
 * its speaker and appearances is carried.
 */
export function exportClaimReview(dataset: Dataset): Json {
  const sources = new Map(dataset.sources.map((s) => [s.id, s]));
  const entities = new Map(dataset.entities.map((e) => [e.id, e]));
  const graph: Json[] = [];
  for (const claim of dataset.claims) {
    const statements = dataset.statements.filter((st) => st.claim === claim.id);
    const reports = statements.filter((st) => st.stance !== 'rates');
    const speakerId = reports.find((st) => st.speaker !== null && (st.stance === 'attributes' || st.stance === 'asserts' || st.stance === 'confirms'))?.speaker ?? null;
    const speaker = speakerId ? entities.get(speakerId) : undefined;
    const appearances = [...new Set(reports.map((st) => st.source))].map((id) => sources.get(id)).filter((s): s is Source => s !== undefined);
    const dated = appearances.filter((s) => s.published !== null).sort((a, b) => a.published!.localeCompare(b.published!));
    const first = dated[0] ?? appearances[0];
    const item: Json = { '@type': 'Claim' };
    if (speaker) item['author'] = { '@type': SCHEMA_TYPE[speaker.kind], name: speaker.name };
    if (claim.firstReported) item['datePublished'] = claim.firstReported;
    if (first) item['firstAppearance'] = creativeWork(first);
    const rest = appearances.filter((s) => s !== first);
    if (rest.length > 0) item['appearance'] = rest.map(creativeWork);
    const base = { '@type': 'ClaimReview', claimReviewed: claim.text, itemReviewed: item };
    const ratings = statements.filter((st) => st.stance === 'rates');
    if (ratings.length === 0) graph.push(base);
    for (const st of ratings) {
      const src = sources.get(st.source);
      const review: Json = { ...base };
      if (src) {
        review['author'] = src.author ? { '@type': 'Person', name: src.author } : { '@type': 'Organization', name: src.outlet };
        if (src.author) review['publisher'] = { '@type': 'Organization', name: src.outlet };
        if (src.url) review['url'] = src.url;
        if (src.title) review['headline'] = src.title;
      }
      const date = st.date ?? src?.published ?? null;
      if (date) review['datePublished'] = date;
      review['reviewRating'] = { '@type': 'Rating', alternateName: st.rating };
      graph.push(review);
    }
  }
  return { '@context': 'https://schema.org', '@graph': graph };
}
