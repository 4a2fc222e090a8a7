/**
 * Dataset errors: every problem found in a dataset names its file, line, column and field,
 * so that a human editing the YAML can go straight to it.
 */

/** One step of a path into a parsed document: a map key or a list index. */
export type PathSegment = string | number;

export interface DatasetIssue {
  /** File the problem is in, as given to the loader (`data/russia-nk.yaml`), or `<input>`. */
  file: string;
  /** 1-based line and column; null when the input carries no positions. */
  line: number | null;
  col: number | null;
  /** Field path in the file: `statements[3].speaker`; empty for the whole file. */
  path: string;
  message: string;
}

/** `statements[3].speaker` from `['statements', 3, 'speaker']`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** `data/russia-nk.yaml:42:7 statements[3].speaker: unknown entity "jon-kirby"`. */
export function formatIssue(issue: DatasetIssue): string {
  const where = issue.line === null ? issue.file : `${issue.file}:${issue.line}:${issue.col ?? 1}`;
  return issue.path === '' ? `${where} ${issue.message}` : `${where} ${issue.path}: ${issue.message}`;
}

/** Thrown by `loadDataset` when the dataset has any error; carries all of them. */
export class DatasetError extends Error {
  readonly issues: readonly DatasetIssue[];

  constructor(issues: readonly DatasetIssue[]) {
    const n = issues.length;
    super(`dataset has ${n} error${n === 1 ? '' : 's'}:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'DatasetError';
    this.issues = issues;
  }
}
