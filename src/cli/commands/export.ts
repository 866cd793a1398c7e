/**
 * `liqlens export --db FILE --out DIR [--exchange ID] [--symbol S] [--from ISO] [--to ISO]`: a
 * recording as the files the rest of LiqLens reads: a folder of day folders per exchange
 * (DIR/csv/<exchange>/<YYYY-MM-DD>/), as src/cli/dayFolders.ts reads them (candles with their
 * open interest as `<SYMBOL>_perp_<tf>_klines[_with_oi].csv`, `<SYMBOL>_liquidations.csv`, and the
 * stream's `<SYMBOL>_gaps.csv`), and as
 * Parquet partitioned DIR/parquet/<table>/exchange=/symbol=/date=/, which DuckDB, ClickHouse,
 * Spark or any engine reads when one machine is no longer enough.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError, parseArgs } from '../args';
import type { Command } from '../command';
import { CandleColumns } from '../../core/candles';
import { TIMEFRAME_MS } from '../../core/timeframes';
import { alignOpenInterest } from '../heatmapInputs';
import { TABLES } from '../recording/db';
import { candleCsvRow, CSV_HEADERS, csvFileName, gapCsvRow, printCsvRow } from '../recordingCsv';
import { dbSelection, openRecording } from '../dbInputs';

const DAY = 86_400_000;

/** The day folder's candle file: with an open-interest column where any was recorded, named so the day reader takes it. */
function dayCandleFile(symbol: string, timeframe: string, withOi: boolean): string {
  return `${symbol}_perp_${timeframe}_klines${withOi ? '_with_oi' : ''}.csv`;
}

const command: Command = {
  summary: 'a DuckDB recording as day folders of CSV files and as partitioned Parquet',
  flags: {
    usage: 'export --db FILE --out DIR [--exchange ID] [--symbol SYMBOL] [--from ISO] [--to ISO]',
    flags: [
      { name: 'db', value: 'FILE', help: 'the recording (liqlens record --db)' },
      { name: 'out', value: 'DIR', help: 'where csv/ and parquet/ are written' },
      { name: 'exchange', value: 'ID', help: 'only this exchange (default: all recorded)' },
      { name: 'symbol', value: 'SYMBOL', help: 'only this symbol (default: all recorded)' },
      { name: 'from', value: 'ISO', help: 'from this time (default: the start)' },
      { name: 'to', value: 'ISO', help: 'up to this time (default: the end)' },
    ],
    examples: ['liqlens export --db market.duckdb --out export/ --exchange binance --from 2026-11-01 --to 2026-12-01'],
  },
  async run(argv) {
    const args = parseArgs(argv, command.flags);
    const out = args.values.get('out');
    if (!args.values.get('db') || !out || args.positional.length > 0) throw new CliError(`usage: liqlens ${command.flags.usage}`);
    const { from, to, exchange, symbol } = dbSelection(args, false);
    const db = await openRecording(args.values.get('db')!);
    try {
      const series = (await db.symbols(exchange)).filter((s) => !symbol || s.symbol === symbol);
      if (series.length === 0) throw new CliError(`${db.path}: no candles recorded${exchange ? ` for ${exchange}` : ''}${symbol ? ` ${symbol}` : ''}`);
      let files = 0;
      for (const { exchange: ex, symbol: sym, timeframe } of series) {
        const [candles, oi, prints, gaps] = await Promise.all([db.candles(ex, sym, timeframe, from, to), db.openInterest(ex, sym, from, to), db.prints(ex, sym, from, to), db.gaps(ex, sym, from, to)]);
        const columns = new CandleColumns();
        candles.forEach((c) => columns.push(c));
        const oiAt = oi.length > 0 ? alignOpenInterest(oi, columns, TIMEFRAME_MS[timeframe]) : null;
        const days = new Set([...candles, ...prints].map((r) => Math.floor(r.time / DAY) * DAY));
        for (const day of [...days].sort()) {
          const dir = join(out, 'csv', ex, new Date(day).toISOString().slice(0, 10));
          await mkdir(dir, { recursive: true });
          const inDay = (t: number) => t >= day && t < day + DAY;
          const write = async (name: string, header: string, lines: string[]) => {
            await writeFile(join(dir, name), `${header}\n${lines.map((l) => `${l}\n`).join('')}`);
            files++;
          };
          const own = candles.flatMap((c, i) => (inDay(c.time) ? [i] : []));
          // The open-interest column only on days that have some (a day of none would be a file of refused samples).
          const withOi = oiAt !== null && own.some((i) => oiAt[i] !== undefined);
          const rows = own.map((i) => (withOi ? `${candleCsvRow(candles[i]!)},${oiAt![i] ?? ''}` : candleCsvRow(candles[i]!)));
          await write(dayCandleFile(sym, timeframe, withOi), `${CSV_HEADERS.candles}${withOi ? ',open_interest' : ''}`, rows);
          // A prints file marks a day folder as recorded (src/cli/dayFolders.ts): only days with prints get one.
          const dayPrints = prints.filter((p) => inDay(p.time));
          if (dayPrints.length > 0) await write(csvFileName('prints', sym, timeframe), CSV_HEADERS.prints, dayPrints.map(printCsvRow));
          const dayGaps = gaps.filter((g) => g.to > day && g.from < day + DAY);
          if (dayGaps.length > 0) await write(csvFileName('gaps', sym, timeframe), CSV_HEADERS.gaps, dayGaps.map(gapCsvRow));
        }
      }
      // Parquet: one COPY per table, partitioned by exchange, symbol and UTC date.
      const where = [
        exchange ? `exchange = '${exchange}'` : 'TRUE',
        symbol ? `symbol = '${symbol.replaceAll("'", "''")}'` : 'TRUE',
      ];
      const parquet: Record<string, number> = {};
      await mkdir(join(out, 'parquet'), { recursive: true });
      for (const table of TABLES) {
        const time = table === 'gaps' ? 'from_ms' : 'time';
        const target = resolve(out, 'parquet', table).replaceAll("'", "''");
        const select = `SELECT *, strftime(make_timestamp(${time} * 1000), '%Y-%m-%d') AS date FROM ${table} WHERE ${where.join(' AND ')} AND ${time} >= ${from} AND ${time} < ${to}`;
        parquet[table] = await db.count(`SELECT count(*) AS n FROM (${select})`);
        if (parquet[table] > 0) await db.run(`COPY (${select}) TO '${target}' (FORMAT parquet, PARTITION_BY (exchange, symbol, date), OVERWRITE_OR_IGNORE)`);
      }
      process.stdout.write(`${JSON.stringify({ out, series: series.length, csvFiles: files, parquetRows: parquet })}\n`);
      return 0;
    } finally {
      await db.close();
    }
  },
};

export default command;
