/**
 * The claim card's view model (issue #5): everything the card shows about one claim, built
 * from the dataset (and, optionally, from the page's own match). Pure: runs in Node, in the
 * background and in tests; the Preact card only renders what this returns.
 *
 * Rules it keeps:
 * - Unknown stays unknown: a missing date, role, title or URL is `null` here, and the card
 *   says "unknown". Nothing is guessed.
 * - Every quote is the dataset's verbatim quote (only cleaned for display: bidi controls and
 *   other invisible controls removed, length capped with an ellipsis).
 * - A link is offered only for a well-formed http(s) URL (`safeHttpUrl`).
 * - Lists are capped; what is left out is counted (`omitted`), never silently dropped.
 */
import type {
  Claim,
  ClaimMatch,
  ClaimRelationType,
  Dataset,
  Discrepancy,
  Entity,
  PageStance,
  Role,
  Source,
  Stance,
  Statement,
} from './model.ts';

/** Longest string the card shows (quotes, titles); longer ones end with an ellipsis. */
export const MAX_TEXT = 600;
/** Longest short label (names, outlets, roles). */
export const MAX_LABEL = 120;
/** Most items a list of the model holds; the rest are counted in `omitted`. */
export const MAX_ITEMS = 25;

/** A list capped at `MAX_ITEMS`, with the count of what was left out. */
export interface CappedList<T> {
  items: T[];
  /** How many further items exist beyond `items`. */
  omitted: number;
}

/** A source as the card shows it. */
export interface CardSource {
  id: string;
  outlet: string;
  title: string | null;
  author: string | null;
  /** ISO date of publication, or null when unknown. */
  published: string | null;
  /** A safe http(s) URL, or null ("URL unknown"). */
  url: string | null;
}

/** A person or organisation as the card shows it, with the role held at the statement's date. */
export interface CardPerson {
  entityId: string | null;
  name: string;
  /** "National Security Council spokesman", or null when no source states one. */
  role: string | null;
  /** Name of the organisation of that role (or the one the entity belongs to), or null. */
  organisation: string | null;
  /** The date at which the role is stated (so the reader can see how current it is). */
  roleAsOf: string | null;
}

/** Someone who made the claim (Said by). */
export interface CardSaying {
  speaker: CardPerson;
  stance: Stance;
  quote: string;
  date: string | null;
  source: CardSource;
  /** The upstream source the reporting cites, if any. */
  via: CardSource | null;
}

/** An outlet that reported the claim (Reported by), with its own wording. */
export interface CardReport {
  source: CardSource;
  stance: Stance;
  /** The outlet's verbatim words. */
  quote: string;
  /** Who the outlet attributes it to, when it does. */
  speaker: CardPerson | null;
  date: string | null;
  /** Upstream sources ("as reported by Associated Press News"). */
  via: CardSource[];
  /** A fact-checker's rating, for `rates`. */
  rating: string | null;
}

/** Someone who denied or disputed the claim. */
export interface CardDenial {
  stance: 'denies' | 'disputes';
  /** Who denies; null when the outlet itself disputes it. */
  who: CardPerson | null;
  quote: string;
  date: string | null;
  source: CardSource;
  via: CardSource | null;
}

/** How the page's sentence stands to the claim. */
export interface CardPageRelation {
  stance: PageStance;
  /** "This page attributes it to John Kirby". */
  label: string;
  /** The speaker the page's sentence names, or null. */
  speaker: string | null;
  score: number;
}

/** One form of a name and who uses it. */
export interface CardSpelling {
  form: string;
  /** Outlets (or the entity's own source) that use this form; empty when not recorded. */
  usedBy: string[];
  canonical: boolean;
}

export type CardDiscrepancy =
  | { kind: 'spelling'; entity: string; forms: CardSpelling[]; message: string }
  | { kind: 'number'; forms: { form: string; usedBy: string[] }[]; message: string }
  /** A discrepancy the spotter found in the page's own sentence. */
  | { kind: 'page'; of: Discrepancy['kind']; found: string; expected: string; authority: string | null; message: string };

export interface CardRelatedClaim {
  id: string;
  text: string;
  relation: ClaimRelationType;
  /** The other claim points here (it is part of / context for / contradicts this one). */
  inverse: boolean;
  /** "Context for", "Part of", "Contradicts"; the inverse wording when the other claim points here. */
  label: string;
}

export interface ClaimCardModel {
  claimId: string;
  /** The canonical claim sentence. */
  claim: string;
  topic: string;
  firstReported: string | null;
  saidBy: CappedList<CardSaying>;
  reportedBy: CappedList<CardReport>;
  deniedBy: CappedList<CardDenial>;
  /** Present when the card is opened from a page match. */
  onThisPage: CardPageRelation | null;
  discrepancies: CappedList<CardDiscrepancy>;
  related: CappedList<CardRelatedClaim>;
  /** Dataset name and version, for the card's footer. */
  dataset: { name: string; version: string };
}

// ---------------------------------------------------------------------------------------------
// Text and URL safety

/**
 * Bidi embedding/override/isolate controls and marks, plus other invisible format controls
 * that can reorder or hide what the reader sees (Trojan-Source style). Removed for display.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** A surrogate half without its other half (malformed UTF-16: a hand-edited or hostile dataset). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Remove bidi and other invisible control characters (keeps ordinary text, newlines, tabs),
 * and replace lone surrogate halves with U+FFFD (issue #8: found by the property tests).
 */
export function stripControls(text: string): string {
  return text.replace(UNSAFE_CHARS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Clean `text` for display and cap it to `max` UTF-16 code units with an ellipsis, never
 * cutting a surrogate pair in half.
 */
export function displayText(text: string, max: number = MAX_TEXT): string {
  const clean = stripControls(text).replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  let cut = max - 1;
  const code = clean.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1; // do not split a surrogate pair
  return clean.slice(0, cut).trimEnd() + '…';
}

function label(text: string): string {
  return displayText(text, MAX_LABEL);
}

function optLabel(text: string | null | undefined): string | null {
  if (text == null) return null;
  const l = label(text);
  return l === '' ? null : l;
}

/**
 * `raw` as a link target when, and only when, it is a well-formed absolute http(s) URL without
 * credentials or hidden characters; otherwise null (javascript:, data:, relative, "unknown" …).
 */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if (s === '' || s.length > 2048) return null;
  // Control, space, bidi characters inside a URL are a sign of spoofing: refuse rather than repair.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/.test(s)) return null;
  if (!/^https?:\/\//i.test(s)) return null;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.hostname === '' || url.username !== '' || url.password !== '') return null;
  return url.href;
}

// ---------------------------------------------------------------------------------------------
// Lookups (built once per dataset object)

interface Lookups {
  claims: Map<string, Claim>;
  entities: Map<string, Entity>;
  sources: Map<string, Source>;
  statementsByClaim: Map<string, Statement[]>;
  /** Claims whose relations point at a claim id: id → [(from, type)]. */
  inverseRelations: Map<string, { from: string; type: ClaimRelationType }[]>;
}

const lookupCache = new WeakMap<Dataset, Lookups>();

function lookups(dataset: Dataset): Lookups {
  const cached = lookupCache.get(dataset);
  if (cached) return cached;
  const statementsByClaim = new Map<string, Statement[]>();
  for (const s of dataset.statements) {
    const list = statementsByClaim.get(s.claim);
    if (list) list.push(s);
    else statementsByClaim.set(s.claim, [s]);
  }
  const inverseRelations = new Map<string, { from: string; type: ClaimRelationType }[]>();
  for (const c of dataset.claims) {
    for (const r of c.relations) {
      const list = inverseRelations.get(r.claim) ?? [];
      list.push({ from: c.id, type: r.type });
      inverseRelations.set(r.claim, list);
    }
  }
  const l: Lookups = {
    claims: new Map(dataset.claims.map((c) => [c.id, c])),
    entities: new Map(dataset.entities.map((e) => [e.id, e])),
    sources: new Map(dataset.sources.map((s) => [s.id, s])),
    statementsByClaim,
    inverseRelations,
  };
  lookupCache.set(dataset, l);
  return l;
}

function cap<T>(all: T[], max: number = MAX_ITEMS): CappedList<T> {
  return { items: all.slice(0, max), omitted: Math.max(0, all.length - max) };
}

/** ISO dates compare as strings; a year-month sorts before the days of that month. */
function byDate(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1; // unknown dates last
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function cardSource(l: Lookups, id: string): CardSource {
  const s = l.sources.get(id);
  if (!s) return { id, outlet: label(id), title: null, author: null, published: null, url: null };
  return {
    id: s.id,
    outlet: label(s.outlet),
    title: s.title === null ? null : displayText(s.title),
    author: optLabel(s.author),
    published: s.published,
    url: safeHttpUrl(s.url),
  };
}

/**
 * The role an entity held at `date`: the latest role stated on or before that date; failing
 * that, the earliest stated after it (the card shows `roleAsOf`, so the reader sees which).
 */
export function roleAt(entity: Entity, date: string | null): Role | null {
  if (entity.roles.length === 0) return null;
  const sorted = [...entity.roles].sort((a, b) => byDate(a.asOf, b.asOf));
  if (date === null) return sorted[sorted.length - 1] ?? null;
  let best: Role | null = null;
  for (const r of sorted) if (r.asOf <= date) best = r;
  return best ?? sorted[0] ?? null;
}

function cardPerson(l: Lookups, entityId: string, date: string | null): CardPerson {
  const e = l.entities.get(entityId);
  if (!e) return { entityId, name: label(entityId), role: null, organisation: null, roleAsOf: null };
  const role = roleAt(e, date);
  const orgId = role?.organisation ?? e.memberOf;
  const org = orgId ? l.entities.get(orgId) : undefined;
  return {
    entityId: e.id,
    name: label(e.name),
    role: role ? label(role.title) : null,
    organisation: org ? label(org.name) : null,
    roleAsOf: role ? role.asOf : null,
  };
}

function statementDate(l: Lookups, s: Statement): string | null {
  return s.date ?? l.sources.get(s.source)?.published ?? null;
}

// ---------------------------------------------------------------------------------------------
// Discrepancies

/** Outlets whose statements' quotes contain `form` (word-bounded, case-insensitive). */
function outletsUsing(l: Lookups, dataset: Dataset, form: string): string[] {
  const needle = form.toLowerCase();
  const outlets = new Set<string>();
  for (const s of dataset.statements) {
    if (containsWord(s.quote.toLowerCase(), needle)) outlets.add(l.sources.get(s.source)?.outlet ?? s.source);
  }
  return [...outlets].map(label);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * `needle` occurs in `hay` with no letter or digit right before or after it. A plain search, not
 * a regular expression built from dataset text (a 1 MB alias overflowed the regex compiler).
 */
export function containsWord(hay: string, needle: string): boolean {
  if (needle.length === 0) return false;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
    const before = at > 0 ? String.fromCodePoint(hay.codePointAt(at - 1 - (at >= 2 && isLowSurrogate(hay.charCodeAt(at - 1)) ? 1 : 0))!) : '';
    const end = at + needle.length;
    const after = end < hay.length ? String.fromCodePoint(hay.codePointAt(end)!) : '';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) return true;
  }
  return false;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** The last word of a name (the surname of "Ashot Mkrtychev"), used to find it in quotes. */
function lastWord(name: string): string {
  const words = name.trim().split(/\s+/);
  return words[words.length - 1] ?? name;
}

function spellingDiscrepancy(l: Lookups, dataset: Dataset, e: Entity): CardDiscrepancy | null {
  const spellings = e.aliases.filter((a) => a.kind === 'spelling');
  if (spellings.length === 0) return null;
  const canonicalForm = lastWord(e.name);
  const forms: CardSpelling[] = [];
  const canonicalUsers = new Set(outletsUsing(l, dataset, canonicalForm));
  if (e.nameAuthority) canonicalUsers.add(label(e.nameAuthority));
  // Who states the canonical name: the sources behind the entity's roles also use it.
  for (const r of e.roles) {
    const s = l.sources.get(r.source);
    if (s) canonicalUsers.add(label(s.outlet));
  }
  forms.push({ form: label(canonicalForm), usedBy: [...canonicalUsers], canonical: true });
  const seen = new Set([canonicalForm.toLowerCase()]);
  for (const a of spellings) {
    const form = a.name.includes(' ') && lastWord(a.name) !== canonicalForm ? lastWord(a.name) : a.name;
    const key = form.toLowerCase();
    const users = new Set<string>();
    if (a.source) users.add(label(l.sources.get(a.source)?.outlet ?? a.source));
    for (const o of outletsUsing(l, dataset, form)) users.add(o);
    const existing = forms.find((f) => f.form.toLowerCase() === key);
    if (existing) {
      for (const u of users) if (!existing.usedBy.includes(u)) existing.usedBy.push(u);
      continue;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    forms.push({ form: label(form), usedBy: [...users], canonical: false });
  }
  if (forms.length < 2) return null;
  const message = forms
    .map((f) => `${f.form}${f.usedBy.length ? ` (${f.usedBy.join(', ')})` : ''}`)
    .join(' / ');
  return { kind: 'spelling', entity: label(e.name), forms, message: displayText(`${label(e.name)}: ${message}`) };
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50,
  hundred: 100, thousand: 1000, million: 1_000_000, billion: 1_000_000_000,
};

/**
 * Quantities in a quote: digits ("9,000", "2.5") and number words ("two dozen", "hundreds").
 * Years (1900–2099 standing alone) are not quantities. Returns the normalised values.
 */
export function quantities(quote: string): { form: string; value: number }[] {
  const out: { form: string; value: number }[] = [];
  const re = /\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds|thousands|dozens|a dozen|a hundred|a thousand)(\s+(?:dozen|hundred|thousand|million|billion))?\b/gi;
  for (const m of quote.matchAll(re)) {
    const head = (m[1] ?? '').toLowerCase();
    const tail = (m[2] ?? '').trim().toLowerCase();
    let value: number;
    if (/^[\d,.]+$/.test(head)) {
      value = Number(head.replace(/,/g, ''));
      if (!tail && /^(19|20)\d\d$/.test(head)) continue; // a year
    } else if (head === 'hundreds' || head === 'thousands' || head === 'dozens') {
      value = head === 'hundreds' ? 100 : head === 'thousands' ? 1000 : 12;
    } else if (head.startsWith('a ')) {
      value = head === 'a dozen' ? 12 : (NUMBER_WORDS[head.slice(2)] ?? NaN);
    } else {
      value = NUMBER_WORDS[head] ?? NaN;
    }
    if (tail) value *= tail === 'dozen' ? 12 : (NUMBER_WORDS[tail] ?? 1);
    if (!Number.isFinite(value)) continue;
    out.push({ form: m[0], value });
  }
  return out;
}

/**
 * Numbers that differ between the statements of a claim: when the statements that give a
 * quantity do not all give the same set of values, list each form with who uses it.
 */
function numberDiscrepancy(l: Lookups, statements: Statement[]): CardDiscrepancy | null {
  const byValueSet = new Map<string, { forms: Set<string>; usedBy: Set<string> }>();
  for (const s of statements) {
    const q = quantities(s.quote);
    if (q.length === 0) continue;
    const key = [...new Set(q.map((x) => x.value))].sort((a, b) => a - b).join('|');
    const entry = byValueSet.get(key) ?? { forms: new Set(), usedBy: new Set() };
    for (const x of q) entry.forms.add(x.form);
    entry.usedBy.add(l.sources.get(s.source)?.outlet ?? s.source);
    byValueSet.set(key, entry);
  }
  if (byValueSet.size < 2) return null;
  const forms = [...byValueSet.values()].map((e) => ({ form: label([...e.forms].join(', ')), usedBy: [...e.usedBy].map(label) }));
  return {
    kind: 'number',
    forms,
    message: displayText(`Numbers differ: ${forms.map((f) => `“${f.form}” (${f.usedBy.join(', ')})`).join(' vs ')}`),
  };
}

// ---------------------------------------------------------------------------------------------
// The card

const PAGE_LABELS: Record<PageStance, (speaker: string | null) => string> = {
  asserts: () => 'This page states the claim in its own voice',
  attributes: (s) => (s ? `This page attributes the claim to ${s}` : 'This page attributes the claim to someone'),
  denies: (s) => (s ? `This page reports a denial by ${s}` : 'This page reports a denial'),
  questions: (s) => (s ? `This page reports ${s} questioning the claim` : 'This page questions the claim'),
};

const RELATION_LABELS: Record<ClaimRelationType, [forward: string, inverse: string]> = {
  'context-for': ['Context for', 'Has context in'],
  'part-of': ['Part of', 'Includes'],
  contradicts: ['Contradicts', 'Contradicted by'],
};

/** How the page's sentence relates to the claim, as the card words it. */
export function pageRelation(l: Pick<Lookups, 'entities'>, match: ClaimMatch): CardPageRelation {
  const speakerName = match.speaker ?? (match.speakerId ? l.entities.get(match.speakerId)?.name ?? null : null);
  const speaker = speakerName ? label(speakerName) : null;
  return { stance: match.stance, label: PAGE_LABELS[match.stance](speaker), speaker, score: match.score };
}

function pageDiscrepancy(d: Discrepancy): CardDiscrepancy {
  return {
    kind: 'page',
    of: d.kind,
    found: label(d.found),
    expected: label(d.expected),
    authority: optLabel(d.authority),
    message: displayText(d.message),
  };
}

/**
 * The card's view model for `claimId`, or null when the dataset has no such claim.
 * `pageMatch` (the spotter's match on the current page) adds how the page relates to it.
 */
export function buildClaimCard(dataset: Dataset, claimId: string, pageMatch?: ClaimMatch): ClaimCardModel | null {
  const l = lookups(dataset);
  const claim = l.claims.get(claimId);
  if (!claim) return null;
  const statements = [...(l.statementsByClaim.get(claimId) ?? [])].sort((a, b) =>
    byDate(statementDate(l, a), statementDate(l, b)),
  );

  const saidBy: CardSaying[] = [];
  const seenSpeaker = new Set<string>();
  const reportedBy: CardReport[] = [];
  const seenOutletQuote = new Set<string>();
  const deniedBy: CardDenial[] = [];

  for (const s of statements) {
    const date = statementDate(l, s);
    const source = cardSource(l, s.source);
    const via = s.via ? cardSource(l, s.via) : null;
    const quote = displayText(s.quote);
    if (s.stance === 'denies' || s.stance === 'disputes') {
      deniedBy.push({ stance: s.stance, who: s.speaker ? cardPerson(l, s.speaker, date) : null, quote, date, source, via });
      continue;
    }
    // Said by: who made (or confirmed) the claim, once per speaker, earliest statement first.
    if (s.speaker && (s.stance === 'attributes' || s.stance === 'asserts' || s.stance === 'confirms')) {
      if (!seenSpeaker.has(s.speaker)) {
        seenSpeaker.add(s.speaker);
        saidBy.push({ speaker: cardPerson(l, s.speaker, date), stance: s.stance, quote, date, source, via });
      }
    }
    // Reported by: each outlet's own wording.
    const key = `${s.source}\u0000${s.quote}`;
    if (seenOutletQuote.has(key)) continue;
    seenOutletQuote.add(key);
    const cites = new Set<string>();
    if (s.via) cites.add(s.via);
    for (const c of l.sources.get(s.source)?.cites ?? []) cites.add(c);
    reportedBy.push({
      source,
      stance: s.stance,
      quote,
      speaker: s.speaker ? cardPerson(l, s.speaker, date) : null,
      date,
      via: [...cites].filter((c) => c !== s.source).map((c) => cardSource(l, c)),
      rating: s.rating === null ? null : label(s.rating),
    });
  }

  const discrepancies: CardDiscrepancy[] = [];
  if (pageMatch && pageMatch.claimId === claimId) for (const d of pageMatch.discrepancies) discrepancies.push(pageDiscrepancy(d));
  for (const entityId of claim.entities) {
    const e = l.entities.get(entityId);
    const d = e ? spellingDiscrepancy(l, dataset, e) : null;
    if (d) discrepancies.push(d);
  }
  const numbers = numberDiscrepancy(l, statements.filter((s) => s.stance !== 'denies' && s.stance !== 'disputes'));
  if (numbers) discrepancies.push(numbers);

  const related: CardRelatedClaim[] = [];
  const seenRelated = new Set<string>();
  const addRelated = (id: string, relation: ClaimRelationType, inverse: boolean): void => {
    const other = l.claims.get(id);
    if (!other || id === claimId || seenRelated.has(id)) return;
    seenRelated.add(id);
    related.push({ id, text: displayText(other.text), relation, inverse, label: RELATION_LABELS[relation][inverse ? 1 : 0] });
  };
  for (const r of claim.relations) addRelated(r.claim, r.type, false);
  for (const r of l.inverseRelations.get(claimId) ?? []) addRelated(r.from, r.type, true);

  return {
    claimId: claim.id,
    claim: displayText(claim.text),
    topic: label(claim.topic),
    firstReported: claim.firstReported,
    saidBy: cap(saidBy),
    reportedBy: cap(reportedBy),
    deniedBy: cap(deniedBy),
    onThisPage: pageMatch && pageMatch.claimId === claimId ? pageRelation(l, pageMatch) : null,
    discrepancies: cap(discrepancies),
    related: cap(related),
    dataset: { name: label(dataset.name), version: label(dataset.version) },
  };
}
