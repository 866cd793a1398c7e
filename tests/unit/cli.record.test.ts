/**
 * `liqlens record` as a user runs it (a child process) against the replay exchange at 600×:
 * what it writes parses with the same parsers the replay loads its recordings with, and equals
 * what the replay served and sent.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCandleCsv, parseOpenInterestCsv } from '../../src/core/candles';
import { liquidationPrintId } from '../../src/exchanges/shared/prints';
import { parseLiquidationCsv } from '../../src/exchanges/liquidationCsv';
import { startReplayServer, type ReplayServer } from '../../tools/replay/server';
import { liqlensProcess } from './cliProcess';

let server: ReplayServer;
const sent = new Set<string>();

const liqlens = liqlensProcess;

beforeAll(async () => {
  server = await startReplayServer({ port: 0, speed: 600 });
  server.onSent((_exchange, prints) => prints.forEach((p) => sent.add(liquidationPrintId(p))));
});
afterAll(() => server.close());

describe('liqlens record', () => {
  it('records candles, open interest and prints of Binance BTCUSDT into replayable files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'liqlens-record-'));
    const r = await liqlens('record', '--exchange', 'binance', '--symbol', 'BTCUSDT', '--minutes', '0.15', '--out', out, '--source', server.url);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    const read = (name: string) => readFileSync(join(out, name), 'utf8');

    const candles = parseCandleCsv(read('BTCUSDT_1m.csv'));
    expect(candles.issues).toEqual([]);
    expect(candles.rows.length).toBe(summary.candles);
    expect(candles.rows.length).toBeGreaterThan(30); // 9 s at 600× is 90 replay minutes
    const view = server.views.binance.get('BTCUSDT')!;
    const served = view.candles('1m', { start: candles.rows[0]!.time, end: candles.rows.at(-1)!.time, limit: 100_000 });
    expect(candles.rows).toEqual(served.map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume })));

    const prints = parseLiquidationCsv(read('BTCUSDT_liquidations.csv'), 'binance');
    expect(prints.issues).toEqual([]);
    expect(prints.rows.length).toBeGreaterThan(0);
    expect(prints.rows.map((p) => p.id).sort()).toEqual([...sent].sort());

    const oi = parseOpenInterestCsv(read('BTCUSDT_open_interest.csv'));
    expect(oi.issues).toEqual([]);
    expect(oi.rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(read('recording.json'))).toMatchObject({ exchange: 'binance', symbol: 'BTCUSDT', prints: prints.rows.length, gaps: 0 });
  }, 30_000);

  it('says plainly when the symbol does not exist or a flag is missing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'liqlens-record-'));
    const unknown = await liqlens('record', '--exchange', 'binance', '--symbol', 'NOPEUSDT', '--minutes', '1', '--out', out, '--source', server.url);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('NOPEUSDT is not a USDT-margined perpetual on Binance');
    const missing = await liqlens('record', '--exchange', 'mtgox', '--symbol', 'BTCUSDT', '--minutes', '1', '--out', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--exchange must be one of binance, bybit');
  });
});
