/**
 * `liqlens smc FILE.csv [--swing-length N] [--internal-length N]`: the SMC structure of a candle
 * file as one JSON object on stdout. Indices are 0-based data rows of the file (after the
 * header). Rows the parser rejects are reported on stderr and skipped; indices still count them,
 * so every index points at the row it names.
 */
import { runSmc, type SmcSnapshot } from '../../core/smc';
import { CliError, numberFlag, parseArgs } from '../args';
import type { Command } from '../command';
import { readCandleFile } from '../heatmapInputs';

const command: Command = {
  summary: 'SMC structure (swings, BOS/CHoCH, order blocks, FVGs, equal levels, sweeps) of a candle CSV, as JSON',
  async run(argv) {
    const args = parseArgs(argv, { values: ['swing-length', 'internal-length'] });
    if (args.positional.length !== 1) throw new CliError('usage: liqlens smc FILE.csv [--swing-length N] [--internal-length N]');
    const file = args.positional[0]!;
    const swingLength = numberFlag(args, 'swing-length', 50, 1, 10_000);
    const internalLength = numberFlag(args, 'internal-length', 5, 1, 10_000);
    if (!Number.isInteger(swingLength) || !Number.isInteger(internalLength)) throw new CliError('pivot lengths must be whole numbers');

    const { candles, fileRow } = await readCandleFile('smc', file);
    const snapshot = runSmc(candles, { swingLength, internalLength });
    process.stdout.write(`${JSON.stringify(toJson(snapshot, fileRow))}\n`);
    return 0;
  },
};

export default command;

/** The contract's JSON; more fields may be added, none renamed. */
export function toJson(s: SmcSnapshot, fileRow: readonly number[]) {
  const row = (i: number) => fileRow[i]!;
  const mitigated = (changes: readonly { type: string; index: number }[]) => {
    const c = changes.find((x) => x.type === 'mitigated');
    return c ? row(c.index) : null;
  };
  return {
    bars: s.bars,
    swings: s.swings
      .filter((w) => w.scope === 'swing')
      .map((w) => ({ index: row(w.anchorIndex), time: w.anchorTime, kind: w.kind, price: w.price, confirmIndex: row(w.confirmIndex) })),
    internalSwings: s.swings
      .filter((w) => w.scope === 'internal')
      .map((w) => ({ index: row(w.anchorIndex), time: w.anchorTime, kind: w.kind, price: w.price, confirmIndex: row(w.confirmIndex) })),
    fvgs: s.fvgs.map((g) => ({
      index: row(g.anchorIndex), dir: g.dir, top: g.top, bottom: g.bottom, confirmIndex: row(g.confirmIndex), mitigatedIndex: mitigated(g.changes),
    })),
    breaks: s.breaks
      .filter((b) => b.scope === 'swing')
      .map((b) => ({ kind: b.kind, dir: b.dir, level: b.level, pivotIndex: row(b.pivotIndex), index: row(b.confirmIndex) })),
    internalBreaks: s.breaks
      .filter((b) => b.scope === 'internal')
      .map((b) => ({ kind: b.kind, dir: b.dir, level: b.level, pivotIndex: row(b.pivotIndex), index: row(b.confirmIndex) })),
    orderBlocks: s.orderBlocks
      .filter((o) => o.scope === 'swing')
      .map((o) => ({ index: row(o.anchorIndex), dir: o.dir, top: o.top, bottom: o.bottom, confirmIndex: row(o.confirmIndex), mitigatedIndex: mitigated(o.changes) })),
    equalLevels: s.equalLevels.map((e) => ({ kind: e.kind, price: e.price, indices: e.indices.map(row), confirmIndex: row(e.confirmIndex) })),
    sweeps: s.sweeps.map((w) => ({ index: row(w.anchorIndex), dir: w.dir, level: w.level, source: w.source, displacement: w.displacement })),
    zones: s.zones && { ...s.zones, asOfIndex: row(s.zones.asOfIndex) },
    trend: s.trend,
  };
}
