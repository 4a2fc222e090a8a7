/**
 * The dataset tools' pure API (safe in the browser). File loading is in `load.ts` (Node).
 */
export { DatasetError, formatIssue, formatPath, type DatasetIssue, type PathSegment } from './issues.ts';
export { parseDatasetText, type Locate, type ParsedFile, type Position } from './parse.ts';
export { validateDataset, validateDocuments, assertValid, isValidDate, urlProblem, splitSourceText, SLUG, type DocInput, type ValidateOptions, type ValidationResult } from './validate.ts';
