/**
 * `liqlens smc FILE.csv [--swing-length N] [--internal-length N]`: the SMC structure of a candle
 * file as one JSON object on stdout. Indices are 0-based data rows of the file (after the
 * header). Rows the parser rejects are reported on stderr and skipped; indices still count them,
 * so every index points at the row it names.
 */
import type { Candle } from '../../core/types';
import { SmcEngine, type SmcSnapshot } from '../../core/smc';
import { SMC_KINDS } from '../../core/smc/kinds';
import { CliError, numberFlag, parseArgs } from '../args';
import type { Command } from '../command';
import { streamCandleFile } from '../heatmapInputs';
import { writeJson } from '../output';

/** Candles handed to the engine at a time. */
const CHUNK = 4_096;

const command: Command = {
  summary: `SMC structure (${SMC_KINDS.map((k) => k.named).join(', ')}) of a candle CSV, as JSON`,
  flags: {
    usage: 'smc FILE.csv [--swing-length N] [--internal-length N]',
    flags: [
      { name: 'swing-length', value: 'N', help: 'bars on each side of a swing pivot (default 50)' },
      { name: 'internal-length', value: 'N', help: 'bars on each side of an internal pivot (default 5)' },
    ],
    examples: ['liqlens smc data/bybit-linear/BTCUSDT_15m.csv.gz --swing-length 20 > smc.json'],
  },
  async run(argv) {
    const args = parseArgs(argv, command.flags);
    if (args.positional.length !== 1) throw new CliError(`usage: liqlens ${command.flags.usage}`);
    const file = args.positional[0]!;
    const swingLength = numberFlag(args, 'swing-length', 50, 1, 10_000);
    const internalLength = numberFlag(args, 'internal-length', 5, 1, 10_000);
    if (!Number.isInteger(swingLength) || !Number.isInteger(internalLength)) throw new CliError('pivot lengths must be whole numbers');

    // Candles go from the file into the engine a chunk at a time and are not kept: the engine
    // holds what it needs in its own columns.
    const engine = new SmcEngine({ swingLength, internalLength });
    let chunk: Candle[] = [];
    const { fileRow } = await streamCandleFile('smc', file, (candle) => {
      chunk.push(candle);
      if (chunk.length === CHUNK) {
        engine.appendAll(chunk);
        chunk = [];
      }
    });
    engine.appendAll(chunk);
    await writeJson(toJson(engine.snapshot({ handOver: true }), fileRow));
    return 0;
  },
};

export default command;

/**
 * The contract's JSON; more fields may be added, none renamed. Each kind writes its own entries
 * (core/smc/kinds.ts), each list a generator, mapped as writeJson writes it.
 */
export function toJson(s: SmcSnapshot, fileRow: readonly number[]): Record<string, unknown> {
  const row = (i: number) => fileRow[i]!;
  const lists: Record<string, unknown> = {};
  for (const kind of SMC_KINDS) Object.assign(lists, (kind.json as (objects: readonly unknown[], row: (i: number) => number) => object)(s[kind.list], row));
  return { bars: s.bars, ...lists, zones: s.zones && { ...s.zones, asOfIndex: row(s.zones.asOfIndex) }, trend: s.trend };
}
