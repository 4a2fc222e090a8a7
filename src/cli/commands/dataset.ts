/**
 * `claimlens dataset …`: validate, build, stats, import-claimreview, export-claimreview.
 * (`synth` is attached to the same command object by `synth.ts`.)
 */
import type { Command } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stringify } from 'yaml';
import type { Dataset, Stance } from '../../core/model.ts';
import { STANCES } from '../../core/model.ts';
import { compileIndex } from '../../core/spot/index.ts';
import { exportClaimReview, importClaimReview, originPath } from '../../dataset/claimreview.ts';
import { formatIssue, formatPath, type DatasetIssue } from '../../dataset/issues.ts';
import { datasetFilesIn, parsedDatasetFiles, validateDatasetFiles } from '../../dataset/load.ts';
import { parseDatasetText } from '../../dataset/parse.ts';
import { validateDocuments } from '../../dataset/validate.ts';

function printIssues(issues: readonly DatasetIssue[]): void {
  for (const issue of issues) process.stderr.write(`${formatIssue(issue)}\n`);
  process.stderr.write(`${issues.length} error${issues.length === 1 ? '' : 's'}\n`);
}

/** Loads and validates; prints the errors and sets exit code 1 when there are any. */
function loadOrReport(paths: readonly string[]): Dataset | null {
  const { dataset, errors } = validateDatasetFiles(paths.length > 0 ? paths : datasetFilesIn());
  if (dataset === null) {
    printIssues(errors);
    process.exitCode = 1;
  }
  return dataset;
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function writeOut(file: string | undefined, text: string): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, text);
}

/** The lines of `claimlens dataset stats`. */
export function datasetStats(dataset: Dataset): string[] {
  const lines: string[] = [];
  lines.push(`dataset ${dataset.id} ${dataset.version}: ${dataset.name}`);
  lines.push(`claims ${dataset.claims.length}, entities ${dataset.entities.length}, sources ${dataset.sources.length}, statements ${dataset.statements.length}`);
  const byStance = new Map<Stance, number>(STANCES.map((s) => [s, 0]));
  for (const st of dataset.statements) byStance.set(st.stance, (byStance.get(st.stance) ?? 0) + 1);
  lines.push(`statements by stance: ${[...byStance].map(([s, n]) => `${s} ${n}`).join(', ')}`);
  const dates = [
    ...dataset.sources.map((s) => s.published),
    ...dataset.statements.map((s) => s.date),
    ...dataset.claims.map((c) => c.firstReported),
  ].filter((d): d is string => d !== null).sort();
  lines.push(`date range: ${dates.length > 0 ? `${dates[0]} … ${dates[dates.length - 1]}` : 'none'}`);
  lines.push('');
  const width = Math.max(...dataset.claims.map((c) => c.id.length), 5);
  lines.push(`${'claim'.padEnd(width)}  reports  attributions  denials  disputes  sources`);
  for (const claim of dataset.claims) {
    const sts = dataset.statements.filter((s) => s.claim === claim.id);
    const count = (stance: Stance): number => sts.filter((s) => s.stance === stance).length;
    const row = [count('asserts') + count('confirms'), count('attributes'), count('denies'), count('disputes'), new Set(sts.map((s) => s.source)).size];
    lines.push(`${claim.id.padEnd(width)}  ${row.map((n, i) => String(n).padStart(['reports', 'attributions', 'denials', 'disputes', 'sources'][i]!.length)).join('  ')}`);
  }
  return lines;
}

export function registerDatasetCommands(program: Command): Command {
  const dataset = program.command('dataset').description('check, compile and convert the claims dataset');

  dataset
    .command('validate')
    .description('check the dataset files (default: data/*.yaml); prints every error as file:line:col field: message')
    .argument('[paths...]', 'dataset files')
    .action((paths: string[]) => {
      const ds = loadOrReport(paths);
      if (ds) process.stdout.write(`ok: ${ds.claims.length} claims, ${ds.entities.length} entities, ${ds.sources.length} sources, ${ds.statements.length} statements\n`);
    });

  dataset
    .command('build')
    .description('validate, then write DIR/dataset.json (the normalised dataset) and DIR/index.json (the matching index)')
    .option('--out <dir>', 'output folder', 'build')
    .argument('[paths...]', 'dataset files (default: data/*.yaml)')
    .action((paths: string[], opts: { out: string }) => {
      const ds = loadOrReport(paths);
      if (!ds) return;
      mkdirSync(opts.out, { recursive: true });
      const outputs: [string, string][] = [
        ['dataset.json', JSON.stringify(ds)],
        ['index.json', JSON.stringify(compileIndex(ds))],
      ];
      for (const [name, text] of outputs) {
        const file = join(opts.out, name);
        writeFileSync(file, text);
        const raw = Buffer.byteLength(text);
        process.stdout.write(`${file}: ${kib(raw)} raw, ${kib(gzipSync(text).length)} gzip\n`);
      }
    });

  dataset
    .command('stats')
    .description('counts of claims, entities, sources, statements by stance, date range; attributions and denials per claim')
    .argument('[paths...]', 'dataset files (default: data/*.yaml)')
    .action((paths: string[]) => {
      const ds = loadOrReport(paths);
      if (ds) process.stdout.write(`${datasetStats(ds).join('\n')}\n`);
    });

  dataset
    .command('import-claimreview')
    .description('convert schema.org ClaimReview JSON-LD or a Fact Check Tools API response into native records (validated against the dataset)')
    .argument('<file>', 'a .json / .jsonld file')
    .option('--out <file>', 'write the records here (.json for JSON, else YAML) instead of stdout')
    .option('--data <paths...>', 'the dataset to import into (default: data/*.yaml)')
    .action((file: string, opts: { out?: string; data?: string[] }) => {
      const text = readFileSync(file, 'utf8');
      const parsed = parseDatasetText(text, file);
      if (parsed.errors.length > 0) {
        printIssues(parsed.errors);
        process.exitCode = 1;
        return;
      }
      const base = parsedDatasetFiles(opts.data ?? datasetFilesIn());
      const known = validateDocuments(base.docs, { readText: base.readText });
      if (base.errors.length > 0 || known.dataset === null) {
        process.stderr.write('the dataset to import into is not valid:\n');
        printIssues([...base.errors, ...known.errors]);
        process.exitCode = 1;
        return;
      }
      const result = importClaimReview(parsed.value, known.dataset);
      const problems: DatasetIssue[] = result.problems.map((p) => {
        const pos = parsed.locate(p.path);
        return { file, line: pos?.line ?? null, col: pos?.col ?? null, path: formatPath(p.path), message: p.message };
      });
      // Validate the new records together with the dataset: ids must not clash, references must resolve.
      const checked = validateDocuments(
        [...base.docs, { file, value: result.records, locate: parsed.locate, mapPath: (path) => originPath(result.origins, path) }],
        { readText: base.readText },
      );
      const errors = [...problems, ...checked.errors].sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0) : 0));
      if (errors.length > 0) {
        printIssues(errors);
        process.stderr.write('nothing written\n');
        process.exitCode = 1;
        return;
      }
      const out = opts.out?.endsWith('.json') ? `${JSON.stringify(result.records, null, 2)}\n` : stringify(result.records, { lineWidth: 0 });
      writeOut(opts.out, out);
      const r = result.records;
      process.stderr.write(`imported ${r.claims.length} claims, ${r.entities.length} entities, ${r.sources.length} sources, ${r.statements.length} statements${opts.out ? ` into ${opts.out}` : ''}\n`);
    });

  dataset
    .command('export-claimreview')
    .description('write the dataset as schema.org ClaimReview JSON-LD')
    .option('--out <file>', 'output file (default: stdout)')
    .argument('[paths...]', 'dataset files (default: data/*.yaml)')
    .action((paths: string[], opts: { out?: string }) => {
      const ds = loadOrReport(paths);
      if (ds) writeOut(opts.out, `${JSON.stringify(exportClaimReview(ds), null, 2)}\n`);
    });

  return dataset;
}

