/**
 * Flags, help and errors of every command, on commander: each command declares its flags once
 * (name, value, what it does) with a usage line and an example; `--help` is built from that
 * declaration, and parsing stays strict: unknown flags and missing values are errors, never ignored.
 */
import { Command as Commander, CommanderError, Option } from 'commander';

export class CliError extends Error {}

const warnings: string[] = [];

/**
 * A note for stderr about input that was read anyway (rows skipped, uneven spacing). Printed
 * once the command succeeds; where it fails, its one error line says all there is to say.
 */
export function warn(line: string): void {
  warnings.push(line);
}

export function takeWarnings(): string[] {
  return warnings.splice(0);
}

export interface FlagHelp {
  /** The flag without its dashes: `swing-length`. */
  name: string;
  /** What its value is (`N`, `FILE.csv`); absent for a switch such as `--json`. */
  value?: string;
  /** What it does, with its default where it has one. */
  help: string;
}

export interface FlagSpec {
  /** After `usage: liqlens `; several forms of one command are separate lines. */
  usage: string;
  flags: readonly FlagHelp[];
  /** Whole command lines a user can copy. */
  examples: readonly string[];
}

export interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

/** The command's commander definition: its flags, its usage and examples (the help's text). */
function definition(name: string, summary: string, spec: FlagSpec): Commander {
  const cmd = new Commander(`liqlens ${name}`)
    .description(summary)
    .usage(spec.usage.replace(new RegExp(`^${name}\\s*`), ''))
    .argument('[inputs...]')
    .helpOption(false)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} });
  for (const f of spec.flags) cmd.addOption(new Option(f.value ? `--${f.name} <${f.value}>` : `--${f.name}`, f.help));
  cmd.addOption(new Option('-h, --help', 'this help'));
  cmd.addOption(new Option('-V, --version', "liqlens's version"));
  return cmd;
}

/** `liqlens <name> --help`: usage, every flag, an example. */
export function helpText(name: string, summary: string, spec: FlagSpec): string {
  const text = definition(name, summary, spec).helpInformation().replace(/\[inputs\.\.\.\]\s*\n?/, '');
  return `${text}\nExample${spec.examples.length > 1 ? 's' : ''}:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`;
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  for (const arg of argv) {
    // An empty value is as missing as none: commander would take it.
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0 && eq === arg.length - 1) throw new CliError(`${arg.slice(0, -1)} needs a value`);
  }
  const cmd = definition('x', '', spec);
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (error) {
    throw new CliError(error instanceof CommanderError ? commanderMessage(error) : String(error));
  }
  const opts = cmd.opts<Record<string, string | boolean | undefined>>();
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (const f of spec.flags) {
    const value = opts[new Option(`--${f.name}`).attributeName()];
    if (value === undefined) continue;
    if (f.value === undefined) switches.add(f.name);
    else if (value === '') throw new CliError(`--${f.name} needs a value`);
    else values.set(f.name, String(value));
  }
  return { positional: [...cmd.args], values, switches };
}

/** Commander's words, in the ones liqlens has always used (tests and users' scripts read them). */
function commanderMessage(error: CommanderError): string {
  const flag = /'(--?[^'\s]+)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'commander.unknownOption') return `unknown flag ${flag.split('=')[0]}`;
  if (error.code === 'commander.optionMissingArgument') return `${flag} needs a value`;
  return error.message.replace(/^error:\s*/, '');
}

/** A flag's value as a number within bounds, or the default where the flag is absent. */
export function numberFlag(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const raw = args.values.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new CliError(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** `--help` or `-h` anywhere among a command's arguments. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** `--version` or `-V` anywhere: the version, whatever the command (as after `liqlens` alone). */
export function wantsVersion(argv: readonly string[]): boolean {
  return argv.includes('--version') || argv.includes('-V');
}
