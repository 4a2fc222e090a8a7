/**
 * Reads dataset files from disk and validates them (Node only: the one module of the
 * dataset tools that touches the file system).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../core/model.ts';
import { DatasetError, type DatasetIssue } from './issues.ts';
import { parseDatasetText } from './parse.ts';
import { validateDocuments, type DocInput, type ValidationResult } from './validate.ts';

/** The repository's `data/` folder. */
export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');

/** Every `*.yaml` / `*.yml` / `*.json` file directly in `dir`, sorted by name. */
export function datasetFilesIn(dir: string = DATA_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => /\.(?:ya?ml|json)$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** How a path is shown in errors: relative to the working directory when inside it. */
function displayName(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || rel === '' ? path : rel;
}

/** Reads a source's bundled text, relative to the dataset file that names it. */
function readText(fileByName: Map<string, string>) {
  return (file: string, relPath: string): string | null => {
    const full = resolve(dirname(fileByName.get(file) ?? file), relPath);
    return existsSync(full) ? readFileSync(full, 'utf8') : null;
  };
}

export interface ParsedDatasetFiles {
  docs: DocInput[];
  /** Files that cannot be read or parsed. */
  errors: DatasetIssue[];
  /** Reads a source's bundled text relative to the dataset file naming it. */
  readText: (file: string, relPath: string) => string | null;
}

/** Reads and parses the files (no validation yet). */
export function parsedDatasetFiles(paths: readonly string[]): ParsedDatasetFiles {
  const fileByName = new Map<string, string>();
  const docs: DocInput[] = [];
  const errors: DatasetIssue[] = [];
  for (const path of paths) {
    const full = resolve(path);
    const name = displayName(full);
    fileByName.set(name, full);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (err) {
      errors.push({ file: name, line: null, col: null, path: '', message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      continue;
    }
    const parsed = parseDatasetText(text, name);
    if (parsed.errors.length > 0) errors.push(...parsed.errors);
    else docs.push({ file: name, value: parsed.value, locate: parsed.locate });
  }
  return { docs, errors, readText: readText(fileByName) };
}

/**
 * Parses and validates the dataset files (default: every dataset file in `data/`),
 * together: records in one file may refer to records in another.
 */
export function validateDatasetFiles(paths: readonly string[] = datasetFilesIn()): ValidationResult {
  const { docs, errors, readText } = parsedDatasetFiles(paths);
  // A file that does not parse hides its records from the others: checking references
  // now would only add noise, so report the syntax errors alone.
  if (errors.length > 0) return { dataset: null, errors };
  if (docs.length === 0) return { dataset: null, errors: [{ file: displayName(DATA_DIR), line: null, col: null, path: '', message: 'no dataset files' }] };
  return validateDocuments(docs, { readText });
}

/** Loads the dataset; throws a `DatasetError` carrying every error when it is not valid. */
export async function loadDataset(paths?: readonly string[]): Promise<Dataset> {
  return loadDatasetSync(paths);
}

export function loadDatasetSync(paths?: readonly string[]): Dataset {
  const result = validateDatasetFiles(paths);
  if (result.dataset === null) throw new DatasetError(result.errors);
  return result.dataset;
}
