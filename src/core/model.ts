/**
 * The claimlens data model: the shapes that the dataset tools write and that the
 * spotting core, the background and the card read. Pure types, no runtime code.
 *
 * Ids are lowercase slugs (`food-for-weapons`, `john-kirby`, `telegraph-2023-03-30`).
 * Dates are ISO 8601 calendar dates (`2023-03-30`), or a year-month (`2022-11`) where
 * a source gives no day. Unknown values are `null`, never invented.
 */

/** How a source's sentence stands to a claim. */
export type Stance =
  /** The outlet states the claim in its own voice. */
  | 'asserts'
  /** The outlet reports someone asserting it ("Kirby said ..."). */
  | 'attributes'
  /** Someone denies or rejects it. */
  | 'denies'
  /** Someone disputes or questions it without a flat denial. */
  | 'disputes'
  /** Someone confirms it. */
  | 'confirms'
  /** A fact-checker's verdict on it (with a rating text). */
  | 'rates';

export const STANCES: readonly Stance[] = ['asserts', 'attributes', 'denies', 'disputes', 'confirms', 'rates'];

/** The stance of a sentence on a page, as the spotter reads it (adds `questions`). */
export type PageStance = 'asserts' | 'attributes' | 'denies' | 'questions';

export type EntityKind = 'person' | 'organisation' | 'country' | 'place';

export type ClaimRelationType = 'context-for' | 'part-of' | 'contradicts';

export interface Role {
  /** "spokesman", "Treasury Secretary". */
  title: string;
  /** Entity id of the organisation the role is held in, if any. */
  organisation: string | null;
  /** The date at which a source states the role (ISO date). */
  asOf: string;
  /** Source id that states the role. */
  source: string;
}

export interface Entity {
  id: string;
  kind: EntityKind;
  /** Canonical name: "John Kirby", "North Korea", "Ashot Mkrtychev". */
  name: string;
  /**
   * Every other name and spelling seen in sources: metonyms ("Pyongyang"), short forms
   * ("DPRK", "Kirby"), misspellings ("Mkrytchev"). Each alias may carry the source that uses it.
   */
  aliases: Alias[];
  roles: Role[];
  /** Entity id of the country or organisation this entity belongs to, if any (Kirby → us-government). */
  memberOf: string | null;
  /**
   * Optional: who establishes the canonical spelling of `name` (outlet or body, e.g. "US Treasury"),
   * named in spelling discrepancies: `spelling: "Myrtychev" vs "Mkrtychev" (US Treasury)`.
   */
  nameAuthority?: string | null;
}

export interface Alias {
  name: string;
  /** How the alias relates to the canonical name. */
  kind: 'alias' | 'spelling' | 'metonym' | 'short';
  /** Source id where this form is seen (null: common knowledge, e.g. "DPRK"). */
  source: string | null;
}

export interface Source {
  id: string;
  outlet: string;
  title: string | null;
  /** null when the source names no author. */
  author: string | null;
  /** ISO date of publication; null when unknown. */
  published: string | null;
  /** http(s) URL; null when unknown. Never invented. */
  url: string | null;
  /** Source ids this source cites ("as reported by Associated Press News"). */
  cites: string[];
  /** Path (relative to the dataset file) of the bundled text of the source, if any. */
  text: string | null;
}

export interface Statement {
  id: string;
  claim: string;
  source: string;
  /** Verbatim words of the source. */
  quote: string;
  /** Entity id of who asserted (or denied) it; null when the outlet speaks for itself. */
  speaker: string | null;
  stance: Stance;
  /** Source id of the upstream source the statement cites, if any. */
  via: string | null;
  /** ISO date of the statement (or of its report). */
  date: string | null;
  /** A fact-checker's rating text, for `rates`. */
  rating: string | null;
}

export interface ClaimRelation {
  type: ClaimRelationType;
  claim: string;
}

export interface Claim {
  id: string;
  /** One neutral canonical sentence. */
  text: string;
  topic: string;
  /** ISO date the claim was first reported. */
  firstReported: string | null;
  /** Entity ids of the claim's key entities. */
  entities: string[];
  relations: ClaimRelation[];
  /**
   * Optional matching cues: groups of words or phrases, each group a set of
   * alternatives ("food" / "famine relief"). The spotting core reads them; when absent
   * it derives its cues from `text`. They describe the claim, never a particular outlet's sentence.
   */
  cues?: string[][];
}

export interface Dataset {
  /** Dataset id ("claimlens-bundled"). */
  id: string;
  name: string;
  /** Semantic version of the data. */
  version: string;
  claims: Claim[];
  entities: Entity[];
  sources: Source[];
  statements: Statement[];
}

/** A discrepancy between a page's sentence and the dataset. */
export interface Discrepancy {
  kind: 'spelling' | 'number';
  /** The form on the page. */
  found: string;
  /** The form in the dataset. */
  expected: string;
  /** Who uses the expected form (outlet or entity name), if known. */
  authority: string | null;
  /** Human-readable: `spelling: "Myrtychev" vs "Mkrtychev" (US Treasury)`. */
  message: string;
}

/** One spotted claim in a page's text. Offsets are UTF-16 code units into the text. */
export interface ClaimMatch {
  claimId: string;
  /** Start and end of the claim phrase. Never inside a surrogate pair. */
  start: number;
  end: number;
  /** Start and end of the sentence the phrase is in. */
  sentenceStart: number;
  sentenceEnd: number;
  /** 0..1. */
  score: number;
  stance: PageStance;
  /** Name of the speaker the sentence names, or null. */
  speaker: string | null;
  /** Entity id of that speaker, where known. */
  speakerId: string | null;
  discrepancies: Discrepancy[];
}
