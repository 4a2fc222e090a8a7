import type { Command } from 'commander';

/** `claimlens scan FILE`: spot the dataset's claims in a page or text file. */
export function registerScanCommand(program: Command): void {
  program.command('scan').description('find the known claims in an .html or .txt file (or - for stdin)').argument('<file>');
}
