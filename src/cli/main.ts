/**
 * The `claimlens` command line. Each group of subcommands lives in its own module under
 * `commands/` and registers itself on the program; this file only wires them.
 */
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { registerDatasetCommands } from './commands/dataset.ts';
import { registerScanCommand } from './commands/scan.ts';
import { registerSynthCommand } from './commands/synth.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('claimlens')
    .description('Spot known, sourced claims in news text; check and build the claims dataset.')
    .version(pkg.version, '-v, --version')
    .showHelpAfterError()
    .exitOverride();
  registerScanCommand(program);
  const dataset = registerDatasetCommands(program);
  registerSynthCommand(dataset);
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`claimlens: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
