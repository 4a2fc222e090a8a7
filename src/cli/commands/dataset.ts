import type { Command } from 'commander';

/** `claimlens dataset …`: validate, build, stats, ClaimReview import/export, synth. */
export function registerDatasetCommands(program: Command): Command {
  return program.command('dataset').description('check, compile and convert the claims dataset');
}
