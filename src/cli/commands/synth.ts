import type { Command } from 'commander';

/** `claimlens dataset synth --claims N --seed S`: a deterministic synthetic dataset for benchmarks. */
export function registerSynthCommand(dataset: Command): void {
  dataset.command('synth').description('write a deterministic synthetic dataset (for benchmarks)');
}
