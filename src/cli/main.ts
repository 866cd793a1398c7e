/**
 * `liqlens`: the command-line face of src/core. Each subcommand lives in its own module
 * under ./commands and is listed once in COMMANDS.
 */
import { readFileSync } from 'node:fs';
import { CliError, helpText, takeWarnings, wantsHelp, wantsVersion } from './args';
import type { Command } from './command';

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  // Subcommands register here, one line each: name → lazily imported module.
  smc: () => import('./commands/smc'),
  record: () => import('./commands/record'),
  heatmap: () => import('./commands/heatmap'),
  score: () => import('./commands/score'),
  backtest: () => import('./commands/backtest'),
  export: () => import('./commands/export'),
};

function usage(): string {
  const names = Object.keys(COMMANDS).sort();
  return `usage: liqlens <command> [options]\ncommands: ${names.join(', ') || '(none yet)'}`;
}

/** `liqlens --help`: every command with what it does, and where to read more. */
async function overview(): Promise<string> {
  const names = Object.keys(COMMANDS).sort();
  const rows = await Promise.all(names.map(async (n) => [n, (await COMMANDS[n]!()).default.summary] as const));
  const width = Math.max(...names.map((n) => n.length));
  return [
    'usage: liqlens <command> [options]',
    '',
    'commands:',
    ...rows.map(([n, summary]) => `  ${n.padEnd(width)}  ${summary}`),
    '',
    'liqlens <command> --help   its usage, every option and an example',
    'liqlens --version          the version (also after a command)',
  ].join('\n');
}

function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    process.stdout.write(`${usage()}\n`);
    return 1;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${await overview()}\n`);
    return 0;
  }
  if (name === '-v' || wantsVersion([name])) {
    process.stdout.write(`liqlens ${version()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`liqlens: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  // After a command too, and before its module is loaded: a version needs none of it.
  if (wantsVersion(rest)) {
    process.stdout.write(`liqlens ${version()}\n`);
    return 0;
  }
  try {
    const command = (await load()).default;
    if (wantsHelp(rest)) {
      process.stdout.write(`${helpText(name, command.summary, command.flags)}\n`);
      return 0;
    }
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
