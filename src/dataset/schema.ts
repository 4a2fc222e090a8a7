/**
 * The shape of one human-edited dataset file (YAML or JSON), as a zod 4 schema.
 *
 * A dataset may be split over several files; each file may hold any of the sections, and
 * exactly one of them holds the `dataset:` header. Optional fields get their defaults here
 * (empty lists, `null`), except where "unknown" must be said out loud: a source's `author`,
 * `published` and `url` are required and take an explicit `null` when unknown, so that no
 * value is ever left out by accident (and none is ever invented).
 *
 * Only the shape is checked here; formats that need a precise message (slug ids, dates,
 * URLs) and every cross-reference are checked in `validate.ts`.
 */
import { z } from 'zod';
import { STANCES, type Stance } from '../core/model.ts';

/** A string with something in it (whitespace alone is empty). */
const text = z.string().refine((s) => s.trim() !== '', { message: 'must not be empty' });
const nullableText = text.nullable();
const id = z.string();
const idList = z.array(id).default([]);

export const ENTITY_KINDS = ['person', 'organisation', 'country', 'place'] as const;
export const ALIAS_KINDS = ['alias', 'spelling', 'metonym', 'short'] as const;
export const RELATION_TYPES = ['context-for', 'part-of', 'contradicts'] as const;

export const datasetMetaSchema = z.strictObject({
  id,
  name: text,
  version: text,
});

export const aliasSchema = z.strictObject({
  name: text,
  kind: z.enum(ALIAS_KINDS).default('alias'),
  source: id.nullable().default(null),
});

export const roleSchema = z.strictObject({
  title: text,
  organisation: id.nullable().default(null),
  asOf: text,
  source: id,
});

export const entitySchema = z.strictObject({
  id,
  kind: z.enum(ENTITY_KINDS),
  name: text,
  aliases: z.array(aliasSchema).default([]),
  roles: z.array(roleSchema).default([]),
  memberOf: id.nullable().default(null),
  /** Who establishes the canonical spelling (outlet or body), for spelling discrepancies. */
  nameAuthority: text.nullable().optional(),
});

export const sourceSchema = z.strictObject({
  id,
  outlet: text,
  title: nullableText.default(null),
  author: nullableText,
  published: nullableText,
  url: nullableText,
  cites: idList,
  text: nullableText.default(null),
});

export const claimRelationSchema = z.strictObject({
  type: z.enum(RELATION_TYPES),
  claim: id,
});

export const claimSchema = z.strictObject({
  id,
  text,
  topic: text,
  firstReported: nullableText.default(null),
  entities: idList,
  relations: z.array(claimRelationSchema).default([]),
  /** Owned by the spotting core (see `Claim.cues`); validated for shape only. */
  cues: z.array(z.array(z.string().min(1)).min(1)).optional(),
});

export const statementSchema = z.strictObject({
  id,
  claim: id,
  source: id,
  quote: text,
  speaker: id.nullable().default(null),
  stance: z.enum(STANCES as readonly Stance[] as [Stance, ...Stance[]]),
  via: id.nullable().default(null),
  date: nullableText.default(null),
  rating: nullableText.default(null),
});

/**
 * The top level of a file. Records are checked one by one (see `ITEM_SCHEMAS`), so that one
 * bad record is reported without hiding the errors of the others.
 */
export const datasetFileSchema = z.strictObject({
  dataset: z.unknown().optional(),
  entities: z.array(z.unknown()).default([]),
  sources: z.array(z.unknown()).default([]),
  claims: z.array(z.unknown()).default([]),
  statements: z.array(z.unknown()).default([]),
});

/** The sections of a dataset file that hold records with ids, in the order they are checked. */
export const SECTIONS = ['entities', 'sources', 'claims', 'statements'] as const;
export type Section = (typeof SECTIONS)[number];

export const ITEM_SCHEMAS = {
  entities: entitySchema,
  sources: sourceSchema,
  claims: claimSchema,
  statements: statementSchema,
} as const;

/** Every field name the format knows, for "did you mean" on an unknown field. */
export const KNOWN_FIELDS: readonly string[] = [
  ...new Set(
    [datasetFileSchema, datasetMetaSchema, aliasSchema, roleSchema, entitySchema, sourceSchema, claimRelationSchema, claimSchema, statementSchema].flatMap(
      (schema) => Object.keys(schema.shape),
    ),
  ),
];
