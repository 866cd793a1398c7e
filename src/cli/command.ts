/** One `liqlens` subcommand. `run` returns the process exit code; a CliError becomes a one-line message and exit 2. */
import type { FlagSpec } from './args';

export interface Command {
  summary: string;
  /** Its flags, usage and examples: `parseArgs` reads them, and `liqlens <command> --help` prints them. */
  flags: FlagSpec;
  run(argv: readonly string[]): Promise<number>;
}
