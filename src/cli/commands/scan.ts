/**
 * `claimlens scan FILE`: spot the dataset's claims in a page (.html), a text file (.txt), or
 * stdin (`-`; HTML when it starts with "<"). HTML is reduced to visible text by the content
 * script's own rules (src/content/page-text.ts, on happy-dom).
 *
 * Output: a readable table, or with `--json` exactly
 * `{"matches":[{"claimId","text","sentence","start","end","stance","speaker","score","discrepancies"}]}`
 * where `start`/`end` index the phrase in the extracted text (for .txt, the file's own text),
 * `speaker` is null when none is stated, and `discrepancies` are their message strings
 * (`spelling: "Myrtychev" vs "Mkrtychev" (US Treasury)`, `number: "20" vs "more than two dozen"`).
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { ClaimMatch, Dataset } from '../../core/model.ts';
import { compileIndex, loadIndex, spotClaims, type MatchIndex } from '../../core/spot/index.ts';
import { extractPageText } from '../../content/page-text.ts';
import { wholeText } from '../../content/text-chunks.ts';

export interface ScanRow {
  claimId: string;
  text: string;
  sentence: string;
  start: number;
  end: number;
  stance: string;
  speaker: string | null;
  score: number;
  discrepancies: string[];
}

function isDatasetShape(x: unknown): x is Dataset {
  const d = x as Partial<Dataset> | null;
  return !!d && Array.isArray(d.claims) && Array.isArray(d.entities) && Array.isArray(d.statements) && Array.isArray(d.sources);
}

/**
 * The dataset to scan with: `path` a dataset file or folder (default: the repository's
 * `data/`), read and validated by the dataset tools; a `.json` file holding a whole
 * `Dataset` object (test fixtures, synthetic data) is taken as is.
 */
export async function loadScanDataset(path?: string): Promise<Dataset> {
  if (path && extname(path) === '.json') {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (isDatasetShape(parsed)) return parsed;
  }
  const load = await import('../../dataset/load.ts');
  if (!path) return load.loadDataset();
  const { statSync } = await import('node:fs');
  const files = statSync(path).isDirectory() ? load.datasetFilesIn(resolve(path)) : [path];
  return load.loadDataset(files);
}

/** HTML → visible text and block breaks, by the content script's rules. */
export async function htmlToText(html: string): Promise<{ text: string; blockBreaks: number[] }> {
  const { Window } = await import('happy-dom');
  const window = new Window({ settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html');
    const page = extractPageText(doc.body as unknown as Node);
    return { text: wholeText(page), blockBreaks: page.blockBreaks };
  } finally {
    await window.happyDOM.close();
  }
}

export function toRows(text: string, matches: readonly ClaimMatch[]): ScanRow[] {
  return matches.map((m) => ({
    claimId: m.claimId,
    text: text.slice(m.start, m.end),
    sentence: text.slice(m.sentenceStart, m.sentenceEnd),
    start: m.start,
    end: m.end,
    stance: m.stance,
    speaker: m.speaker,
    score: m.score,
    discrepancies: m.discrepancies.map((d) => d.message),
  }));
}

export async function scanText(index: MatchIndex, input: string, html: boolean): Promise<{ text: string; matches: ClaimMatch[] }> {
  if (html) {
    const { text, blockBreaks } = await htmlToText(input);
    return { text, matches: spotClaims(index, text, blockBreaks) };
  }
  return { text: input, matches: spotClaims(index, input) };
}

function table(rows: readonly ScanRow[]): string {
  if (rows.length === 0) return 'no known claims found\n';
  const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);
  const lines = rows.map((r) => [r.claimId, r.stance, r.speaker ?? '—', r.score.toFixed(2), `${r.start}–${r.end}`, clip(r.text, 70) + (r.discrepancies.length ? `  [${r.discrepancies.join('; ')}]` : '')]);
  const head = ['CLAIM', 'STANCE', 'SPEAKER', 'SCORE', 'AT', 'PHRASE'];
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]): string => l.map((c, i) => (i === l.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [fmt(head), ...lines.map(fmt)].join('\n') + `\n${rows.length} match${rows.length === 1 ? '' : 'es'}\n`;
}

/** `claimlens scan FILE`: spot the dataset's claims in a page or text file. */
export function registerScanCommand(program: Command): void {
  program
    .command('scan')
    .description('find the known claims in an .html or .txt file (or - for stdin)')
    .argument('<file>', '.html, .htm, .txt, or - for stdin')
    .option('--json', 'print {"matches":[…]} as JSON')
    .option('--data <path>', 'dataset file or folder (default: the bundled data/)')
    .action(async (file: string, opts: { json?: boolean; data?: string }) => {
      const input = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
      const ext = extname(file).toLowerCase();
      const html = ext === '.html' || ext === '.htm' || (file === '-' && input.trimStart().startsWith('<'));
      const dataset = await loadScanDataset(opts.data);
      const index = loadIndex(compileIndex(dataset));
      const { text, matches } = await scanText(index, input, html);
      const rows = toRows(text, matches);
      process.stdout.write(opts.json ? JSON.stringify({ matches: rows }) + '\n' : table(rows));
    });
}
