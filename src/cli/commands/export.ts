/**
 * `liqlens export --db FILE --out DIR [--exchange ID] [--symbol S] [--from ISO] [--to ISO]`: a
 * recording as the files the rest of LiqLens reads, one folder per UTC day
 * (DIR/csv/<exchange>/<SYMBOL>/<YYYY-MM-DD>/ with the CSV files `record --out` writes), and as
 * Parquet partitioned DIR/parquet/<table>/exchange=/symbol=/date=/, which DuckDB, ClickHouse,
 * Spark or any engine reads when one machine is no longer enough.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliError, parseArgs } from '../args';
import type { Command } from '../command';
import { candleCsvRow, CSV_HEADERS, csvFileName, gapCsvRow, openInterestCsvRow, printCsvRow } from '../recordingCsv';
import { TABLES } from '../recording/db';
import { dbSelection, openRecording } from '../dbInputs';

const DAY = 86_400_000;

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
        const days = new Set([...candles, ...oi, ...prints].map((r) => Math.floor(r.time / DAY) * DAY));
        for (const day of [...days].sort()) {
          const dir = join(out, 'csv', ex, sym, new Date(day).toISOString().slice(0, 10));
          await mkdir(dir, { recursive: true });
          const inDay = <T extends { time: number }>(rows: T[]) => rows.filter((r) => r.time >= day && r.time < day + DAY);
          const write = (kind: keyof typeof CSV_HEADERS, lines: string[]) => writeFile(join(dir, csvFileName(kind, sym, timeframe)), `${CSV_HEADERS[kind]}\n${lines.map((l) => `${l}\n`).join('')}`);
          await write('candles', inDay(candles).map(candleCsvRow));
          await write('openInterest', inDay(oi).map(openInterestCsvRow));
          await write('prints', inDay(prints).map(printCsvRow));
          await write('gaps', gaps.filter((g) => g.to > day && g.from < day + DAY).map(gapCsvRow));
          files += 4;
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
