/**
 * `liqlens smc FILE.csv [--swing-length N] [--internal-length N]`: the SMC structure of a candle
 * file as one JSON object on stdout. Indices are 0-based data rows of the file (after the
 * header). Rows the parser rejects are reported on stderr and skipped; indices still count them,
 * so every index points at the row it names.
 */
import type { Candle } from '../../core/types';
import { SmcEngine, type Scope, type SmcSnapshot } from '../../core/smc';
import { CliError, numberFlag, parseArgs } from '../args';
import type { Command } from '../command';
import { streamCandleFile } from '../heatmapInputs';
import { writeJson } from '../output';

/** Candles handed to the engine at a time. */
const CHUNK = 4_096;

const command: Command = {
  summary: 'SMC structure (swings, BOS/CHoCH, order blocks, FVGs, equal levels, sweeps) of a candle CSV, as JSON',
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
 * The contract's JSON; more fields may be added, none renamed. Each list is a generator, mapped
 * as writeJson writes it.
 */
export function toJson(s: SmcSnapshot, fileRow: readonly number[]): Record<string, unknown> {
  const row = (i: number) => fileRow[i]!;
  const mitigated = (changes: readonly { type: string; index: number }[]) => {
    const c = changes.find((x) => x.type === 'mitigated');
    return c ? row(c.index) : null;
  };
  const swings = function* (scope: Scope) {
    for (const w of s.swings) if (w.scope === scope) yield { index: row(w.anchorIndex), time: w.anchorTime, kind: w.kind, price: w.price, confirmIndex: row(w.confirmIndex) };
  };
  const breaks = function* (scope: Scope) {
    for (const b of s.breaks) if (b.scope === scope) yield { kind: b.kind, dir: b.dir, level: b.level, pivotIndex: row(b.pivotIndex), index: row(b.confirmIndex) };
  };
  return {
    bars: s.bars,
    swings: swings('swing'),
    internalSwings: swings('internal'),
    fvgs: (function* () {
      for (const g of s.fvgs) yield { index: row(g.anchorIndex), dir: g.dir, top: g.top, bottom: g.bottom, confirmIndex: row(g.confirmIndex), mitigatedIndex: mitigated(g.changes) };
    })(),
    breaks: breaks('swing'),
    internalBreaks: breaks('internal'),
    orderBlocks: (function* () {
      for (const o of s.orderBlocks) {
        if (o.scope === 'swing') yield { index: row(o.anchorIndex), dir: o.dir, top: o.top, bottom: o.bottom, confirmIndex: row(o.confirmIndex), mitigatedIndex: mitigated(o.changes) };
      }
    })(),
    equalLevels: (function* () {
      for (const e of s.equalLevels) yield { kind: e.kind, price: e.price, indices: e.indices.map(row), confirmIndex: row(e.confirmIndex) };
    })(),
    sweeps: (function* () {
      for (const w of s.sweeps) yield { index: row(w.anchorIndex), dir: w.dir, level: w.level, source: w.source, displacement: w.displacement };
    })(),
    zones: s.zones && { ...s.zones, asOfIndex: row(s.zones.asOfIndex) },
    trend: s.trend,
  };
}
