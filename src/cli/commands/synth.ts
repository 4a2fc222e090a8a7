import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { synthDataset } from '../../dataset/synth.ts';

function positiveInt(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected a non-negative integer, got "${v}"`);
  return n;
}

/** `claimlens dataset synth --claims N --seed S [--out FILE]`: a deterministic synthetic dataset for benchmarks. */
export function registerSynthCommand(dataset: Command): void {
  dataset
    .command('synth')
    .description('write a deterministic synthetic dataset (for benchmarks) as JSON')
    .requiredOption('--claims <n>', 'number of claims')
    .option('--seed <s>', 'random seed', '1')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((opts: { claims: string; seed: string; out?: string }) => {
      const ds = synthDataset({ claims: positiveInt('claims', opts.claims), seed: positiveInt('seed', opts.seed) });
      const json = JSON.stringify(ds) + '\n';
      if (opts.out) {
        writeFileSync(opts.out, json);
        process.stderr.write(`wrote ${opts.out}: ${ds.claims.length} claims, ${ds.entities.length} entities\n`);
      } else process.stdout.write(json);
    });
}
