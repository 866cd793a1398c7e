/**
 * The recorder's one DuckDB file: candles, open interest, liquidation prints and the stream's
 * gaps of every exchange and symbol, each row under a key that makes writing it twice a no-op
 * (INSERT OR IGNORE), so a restart, a repeated frame or an overlapping backfill never doubles a
 * row. Rows wait in memory for at most one flush (a second) and are committed together: DuckDB's
 * write-ahead log makes each commit durable, so `kill -9` loses at most the rows not yet flushed
 * and the file reopens whole.
 *
 * Times are epoch milliseconds (BIGINT), as everywhere else in LiqLens.
 */
import { stat } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Timeframe } from '../../core/timeframes';
import type { Candle, ExchangeId, LiquidationPrint, OpenInterestSample } from '../../core/types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS candles (
  exchange VARCHAR NOT NULL, symbol VARCHAR NOT NULL, timeframe VARCHAR NOT NULL, time BIGINT NOT NULL,
  open DOUBLE NOT NULL, high DOUBLE NOT NULL, low DOUBLE NOT NULL, close DOUBLE NOT NULL, volume DOUBLE NOT NULL,
  PRIMARY KEY (exchange, symbol, timeframe, time));
-- step_ms: how far apart this series' samples are (60 000 where polled each minute, else the
-- history endpoint's period); source: 'current' (the open-interest endpoint) or 'history'.
CREATE TABLE IF NOT EXISTS open_interest (
  exchange VARCHAR NOT NULL, symbol VARCHAR NOT NULL, time BIGINT NOT NULL,
  open_interest DOUBLE NOT NULL, step_ms BIGINT NOT NULL, source VARCHAR NOT NULL,
  PRIMARY KEY (exchange, symbol, time));
-- side: the position liquidated (long/short); order_price: the liquidation order's price;
-- fill_price: its average fill where the exchange sends one; throttled: the stream sends at most
-- one print per symbol per interval (Binance, OKX), so cascades are undercounted.
CREATE TABLE IF NOT EXISTS prints (
  exchange VARCHAR NOT NULL, symbol VARCHAR NOT NULL, id VARCHAR NOT NULL, time BIGINT NOT NULL, side VARCHAR NOT NULL,
  quantity DOUBLE NOT NULL, order_price DOUBLE, fill_price DOUBLE, throttled BOOLEAN NOT NULL,
  PRIMARY KEY (exchange, id));
-- Stretches in which prints of a symbol may have been missed (exchanges never resend prints).
CREATE TABLE IF NOT EXISTS gaps (
  exchange VARCHAR NOT NULL, symbol VARCHAR NOT NULL, from_ms BIGINT NOT NULL, to_ms BIGINT NOT NULL, reason VARCHAR NOT NULL,
  PRIMARY KEY (exchange, symbol, from_ms));
-- The recorder's heartbeat per exchange: until when its stream was covering which symbols.
CREATE TABLE IF NOT EXISTS coverage (
  exchange VARCHAR NOT NULL, symbol VARCHAR NOT NULL, live_until BIGINT NOT NULL,
  PRIMARY KEY (exchange, symbol));
`;

export const TABLES = ['candles', 'open_interest', 'prints', 'gaps'] as const;
export type Table = (typeof TABLES)[number];

export interface StoredGap {
  exchange: ExchangeId;
  symbol: string;
  from: number;
  to: number;
  reason: string;
}

type Cell = string | number | boolean | null;

/** A SQL literal of a value the recorder produced (finite numbers, plain strings). */
function literal(v: Cell): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replaceAll("'", "''")}'`;
}

/** Rows per INSERT statement: keeps each statement's text to some hundred kB. */
const ROWS_PER_STATEMENT = 2_000;

export class RecordingDb {
  private pending: Record<Table | 'coverage', Cell[][]> = { candles: [], open_interest: [], prints: [], gaps: [], coverage: [] };
  /** Rows committed by this process (new ones only: a row already in the file does not count). */
  readonly written: Record<Table, number> = { candles: 0, open_interest: 0, prints: 0, gaps: 0 };
  private flushing: Promise<void> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
  ) {}

  static async open(path: string, options: { readOnly?: boolean } = {}): Promise<RecordingDb> {
    // A recorder beside other work: a bounded buffer pool and two threads are plenty for its writes.
    const instance = await DuckDBInstance.create(path, {
      memory_limit: '256MB',
      threads: '2',
      ...(options.readOnly ? { access_mode: 'READ_ONLY' } : {}),
    });
    const db = await instance.connect();
    if (!options.readOnly) await db.run(SCHEMA);
    return new RecordingDb(path, instance, db);
  }

  // ── writing ───────────────────────────────────────────────────────────────────────────────

  addCandles(exchange: ExchangeId, symbol: string, timeframe: Timeframe, candles: readonly Candle[]): void {
    for (const c of candles) this.pending.candles.push([exchange, symbol, timeframe, c.time, c.open, c.high, c.low, c.close, c.volume]);
  }

  addOpenInterest(exchange: ExchangeId, symbol: string, samples: readonly OpenInterestSample[], stepMs: number, source: 'current' | 'history'): void {
    for (const s of samples) this.pending.open_interest.push([exchange, symbol, s.time, s.openInterest, stepMs, source]);
  }

  addPrints(prints: readonly LiquidationPrint[]): void {
    for (const p of prints) {
      const fill = p.priceBasis === 'fill' ? p.price : null;
      const order = p.orderPrice ?? (fill === null ? p.price : null);
      this.pending.prints.push([p.exchange, p.symbol, p.id, p.time, p.side, p.quantity, order, fill, p.throttled]);
    }
  }

  addGap(g: StoredGap): void {
    this.pending.gaps.push([g.exchange, g.symbol, g.from, g.to, g.reason]);
  }

  /** The stream of `exchange` covered these symbols up to `at` (written with the next flush). */
  covered(exchange: ExchangeId, symbols: Iterable<string>, at: number): void {
    for (const s of symbols) this.pending.coverage.push([exchange, s, at]);
  }

  /** Rows waiting for the next flush. */
  get waiting(): number {
    return Object.values(this.pending).reduce((n, rows) => n + rows.length, 0);
  }

  /** Commits every waiting row in one transaction (one flush at a time, in order). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.commit());
    return this.flushing;
  }

  private async commit(): Promise<void> {
    const batch = this.pending;
    this.pending = { candles: [], open_interest: [], prints: [], gaps: [], coverage: [] };
    if (Object.values(batch).every((rows) => rows.length === 0)) return;
    await this.db.run('BEGIN TRANSACTION');
    try {
      const counts: Partial<Record<Table, number>> = {};
      for (const table of TABLES) {
        for (let i = 0; i < batch[table].length; i += ROWS_PER_STATEMENT) {
          const rows = batch[table].slice(i, i + ROWS_PER_STATEMENT);
          const result = await this.db.run(`INSERT OR IGNORE INTO ${table} VALUES ${rows.map((r) => `(${r.map(literal).join(',')})`).join(',')}`);
          counts[table] = (counts[table] ?? 0) + Number(result.rowsChanged);
        }
      }
      // Coverage only moves forward: the latest time per symbol wins.
      const latest = new Map<string, Cell[]>();
      for (const row of batch.coverage) latest.set(`${row[0]}\u0000${row[1]}`, row);
      if (latest.size > 0) {
        await this.db.run(
          `INSERT INTO coverage VALUES ${[...latest.values()].map((r) => `(${r.map(literal).join(',')})`).join(',')}
           ON CONFLICT (exchange, symbol) DO UPDATE SET live_until = greatest(coverage.live_until, excluded.live_until)`,
        );
      }
      await this.db.run('COMMIT');
      for (const table of TABLES) this.written[table] += counts[table] ?? 0;
    } catch (error) {
      await this.db.run('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  // ── reading ───────────────────────────────────────────────────────────────────────────────

  private async rows(sql: string, ...params: Cell[]): Promise<Record<string, unknown>[]> {
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => literal(params[Number(n) - 1]!));
    return (await this.db.runAndReadAll(text)).getRowObjectsJS() as Record<string, unknown>[];
  }

  /** The newest stored candle's open time, or null. */
  async lastCandleTime(exchange: ExchangeId, symbol: string, timeframe: Timeframe): Promise<number | null> {
    const [row] = await this.rows('SELECT max(time) AS t FROM candles WHERE exchange = $1 AND symbol = $2 AND timeframe = $3', exchange, symbol, timeframe);
    return row?.t === null || row?.t === undefined ? null : Number(row.t);
  }

  async lastOpenInterestTime(exchange: ExchangeId, symbol: string): Promise<number | null> {
    const [row] = await this.rows('SELECT max(time) AS t FROM open_interest WHERE exchange = $1 AND symbol = $2', exchange, symbol);
    return row?.t === null || row?.t === undefined ? null : Number(row.t);
  }

  /** Until when a previous run's stream covered each symbol of `exchange`. */
  async coverage(exchange: ExchangeId): Promise<Map<string, number>> {
    const rows = await this.rows('SELECT symbol, live_until FROM coverage WHERE exchange = $1', exchange);
    return new Map(rows.map((r) => [String(r.symbol), Number(r.live_until)]));
  }

  /** Symbols with candles of `exchange`, the timeframes they were recorded in. */
  async symbols(exchange?: ExchangeId): Promise<{ exchange: ExchangeId; symbol: string; timeframe: Timeframe }[]> {
    const rows = await this.rows(
      `SELECT DISTINCT exchange, symbol, timeframe FROM candles ${exchange ? 'WHERE exchange = $1' : ''} ORDER BY 1, 2, 3`,
      ...(exchange ? [exchange] : []),
    );
    return rows.map((r) => ({ exchange: r.exchange as ExchangeId, symbol: String(r.symbol), timeframe: r.timeframe as Timeframe }));
  }

  async candles(exchange: ExchangeId, symbol: string, timeframe: Timeframe, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<Candle[]> {
    const rows = await this.rows(
      'SELECT time, open, high, low, close, volume FROM candles WHERE exchange = $1 AND symbol = $2 AND timeframe = $3 AND time >= $4 AND time < $5 ORDER BY time',
      exchange, symbol, timeframe, from, to,
    );
    return rows.map((r) => ({ time: Number(r.time), open: Number(r.open), high: Number(r.high), low: Number(r.low), close: Number(r.close), volume: Number(r.volume) }));
  }

  async openInterest(exchange: ExchangeId, symbol: string, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<(OpenInterestSample & { stepMs: number })[]> {
    const rows = await this.rows(
      'SELECT time, open_interest, step_ms FROM open_interest WHERE exchange = $1 AND symbol = $2 AND time >= $3 AND time < $4 ORDER BY time',
      exchange, symbol, from, to,
    );
    return rows.map((r) => ({ time: Number(r.time), openInterest: Number(r.open_interest), stepMs: Number(r.step_ms) }));
  }

  async prints(exchange: ExchangeId, symbol: string, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<LiquidationPrint[]> {
    const rows = await this.rows(
      'SELECT id, time, side, quantity, order_price, fill_price, throttled FROM prints WHERE exchange = $1 AND symbol = $2 AND time >= $3 AND time < $4 ORDER BY time, id',
      exchange, symbol, from, to,
    );
    return rows.map((r) => {
      const fill = r.fill_price === null ? null : Number(r.fill_price);
      const order = r.order_price === null ? null : Number(r.order_price);
      const price = (fill ?? order)!;
      const quantity = Number(r.quantity);
      return {
        id: String(r.id), exchange, symbol, side: r.side as LiquidationPrint['side'], price, quantity, notional: price * quantity,
        time: Number(r.time), throttled: Boolean(r.throttled), priceBasis: fill === null ? 'order' : 'fill',
        ...(fill !== null && order !== null ? { orderPrice: order } : {}),
      };
    });
  }

  async gaps(exchange: ExchangeId, symbol: string, from = 0, to = Number.MAX_SAFE_INTEGER): Promise<StoredGap[]> {
    const rows = await this.rows(
      'SELECT from_ms, to_ms, reason FROM gaps WHERE exchange = $1 AND symbol = $2 AND to_ms > $3 AND from_ms < $4 ORDER BY from_ms',
      exchange, symbol, from, to,
    );
    return rows.map((r) => ({ exchange, symbol, from: Number(r.from_ms), to: Number(r.to_ms), reason: String(r.reason) }));
  }

  /** Rows of each table by UTC day (of the row's time), newest days last. */
  async rowsPerDay(since = 0): Promise<{ day: string; table: Table; rows: number }[]> {
    const parts = TABLES.map((t) => `SELECT '${t}' AS tbl, strftime(make_timestamp(${t === 'gaps' ? 'from_ms' : 'time'} * 1000), '%Y-%m-%d') AS day, count(*) AS n FROM ${t} WHERE ${t === 'gaps' ? 'from_ms' : 'time'} >= ${Math.floor(since)} GROUP BY 1, 2`);
    const rows = await this.rows(`${parts.join(' UNION ALL ')} ORDER BY day, tbl`);
    return rows.map((r) => ({ day: String(r.day), table: r.tbl as Table, rows: Number(r.n) }));
  }

  async totals(): Promise<Record<Table, number>> {
    const rows = await this.rows(TABLES.map((t) => `SELECT '${t}' AS tbl, count(*) AS n FROM ${t}`).join(' UNION ALL '));
    return Object.fromEntries(rows.map((r) => [r.tbl, Number(r.n)])) as Record<Table, number>;
  }

  /** Bytes on disk: the file and its write-ahead log. */
  async bytes(): Promise<number> {
    const size = async (p: string) => (await stat(p).catch(() => ({ size: 0 }))).size;
    return (await size(this.path)) + (await size(`${this.path}.wal`));
  }

  /** The `n` of a counting query of the export. */
  async count(sql: string): Promise<number> {
    const [row] = await this.rows(sql);
    return Number(row?.n ?? 0);
  }

  /** Runs a statement of the export (COPY … TO). */
  async run(sql: string): Promise<void> {
    await this.db.run(sql);
  }

  async close(): Promise<void> {
    await this.flush();
    this.db.closeSync();
    this.instance.closeSync();
  }
}
