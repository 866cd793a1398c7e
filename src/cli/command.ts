/** One `liqlens` subcommand. `run` returns the process exit code; a CliError becomes a one-line message and exit 2. */
export interface Command {
  summary: string;
  run(argv: readonly string[]): Promise<number>;
}
