/**
 * `liqlens`: the command-line face of src/core. Each subcommand lives in its own module
 * under ./commands and is listed once in COMMANDS.
 */
import { CliError, takeWarnings } from './args';
import type { Command } from './command';

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  // Subcommands register here, one line each: name → lazily imported module.
  smc: () => import('./commands/smc'),
  record: () => import('./commands/record'),
  heatmap: () => import('./commands/heatmap'),
  score: () => import('./commands/score'),
  backtest: () => import('./commands/backtest'),
};

function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  return `usage: liqlens <command> [options]\ncommands: ${names.join(', ') || '(none yet)'}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 1 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`liqlens: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  try {
    const command = (await load()).default;
    const code = await command.run(rest);
    for (const line of takeWarnings()) process.stderr.write(`${line}\n`);
    return code;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`liqlens ${name}: ${error.message}\n`);
      return 2;
    }
    // A fault of liqlens, not of the input: one line, with the stack only on request.
    if (process.env.LIQLENS_DEBUG) throw error;
    process.stderr.write(`liqlens ${name}: internal error: ${error instanceof Error ? error.message : String(error)} (LIQLENS_DEBUG=1 shows where)\n`);
    return 1;
  }
}
