/** A small, strict flag parser: unknown flags and missing values are errors, never ignored. */

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

export interface FlagSpec {
  /** Flags that take a value, e.g. `--swing-length 50`. */
  values?: readonly string[];
  /** Flags that stand alone, e.g. `--json`. */
  switches?: readonly string[];
}

export interface ParsedArgs {
  positional: string[];
  values: Map<string, string>;
  switches: Set<string>;
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (spec.switches?.includes(name)) {
      if (eq > 0) throw new CliError(`--${name} takes no value`);
      switches.add(name);
    } else if (spec.values?.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new CliError(`--${name} needs a value`);
      values.set(name, value);
    } else {
      throw new CliError(`unknown flag --${name}`);
    }
  }
  return { positional, values, switches };
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
