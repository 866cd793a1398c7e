/** The exchange registry: what the manifest, the pages and the feeds read from it. */
import { describe, expect, it } from 'vitest';
import {
  API_HOST_PERMISSIONS, CONTENT_SCRIPT_MATCHES, EXCHANGE_IDS, exchange, exchangeNamesText, feedId, isExchangeId, marketId, parseFeedId, parseMarketId, withExchange,
} from '../../src/exchanges';
import { EXCHANGE_REST } from '../../src/exchanges/rest';

describe('the registry', () => {
  it('lists each exchange once, with its REST side, and the manifest entries follow from its hosts', () => {
    expect(new Set(EXCHANGE_IDS).size).toBe(EXCHANGE_IDS.length);
    expect(Object.keys(EXCHANGE_REST).sort()).toEqual([...EXCHANGE_IDS].sort());
    expect(API_HOST_PERMISSIONS).toEqual(EXCHANGE_IDS.flatMap((id) => exchange(id).apiHosts.map((h) => `https://${h}/*`)));
    expect(CONTENT_SCRIPT_MATCHES).toEqual(EXCHANGE_IDS.flatMap((id) => exchange(id).siteHosts.map((h) => `https://${h}/*`)));
    // The manifest asks for the exchanges' own hosts only.
    expect([...API_HOST_PERMISSIONS, ...CONTENT_SCRIPT_MATCHES].every((m) => /^https:\/\/[a-z0-9.-]+\/\*$/.test(m))).toBe(true);
  });

  it('names the exchanges in a sentence', () => {
    const names = EXCHANGE_IDS.map((id) => exchange(id).name);
    expect(exchangeNamesText()).toBe(`${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);
    expect(exchangeNamesText('or')).toBe(`${names.slice(0, -1).join(', ')} or ${names.at(-1)}`);
    expect(exchangeNamesText()).toContain('Binance, Bybit');
  });

  it('builds feed ids and takes them apart in one place; anything else is not a feed id', () => {
    const key = { exchange: 'bybit' as const, symbol: 'ETHUSDT', timeframe: '15m' };
    expect(feedId(key)).toBe('bybit:ETHUSDT:15m');
    expect(parseFeedId(feedId(key))).toEqual(key);
    expect(withExchange('bybit:ETHUSDT:15m', 'binance')).toBe('binance:ETHUSDT:15m');
    for (const bad of ['mtgox:ETHUSDT:15m', 'bybit:ETHUSDT', 'bybit::15m', 'bybit:ETHUSDT:15m:x', '']) expect(parseFeedId(bad)).toBeNull();
    expect(isExchangeId('binance')).toBe(true);
    expect(isExchangeId('toString')).toBe(false);
  });

  it('names a market across timeframes for notification ids and mutes', () => {
    expect(marketId({ exchange: 'binance', symbol: 'BTCUSDT' })).toBe('binance:BTCUSDT');
    expect(parseMarketId('binance:BTCUSDT:cluster:long:123:456')).toEqual({ exchange: 'binance', symbol: 'BTCUSDT' });
    expect(parseMarketId('mtgox:BTCUSDT:x')).toBeNull();
    expect(parseMarketId('binance:btc<usdt:x')).toBeNull();
  });

  it('each exchange says how to subscribe, keep alive and reach its futures page', () => {
    expect(exchange('binance').stream.request('subscribe', ['BTCUSDT'], 3)).toEqual({ message: '{"method":"SUBSCRIBE","params":["btcusdt@forceOrder"],"id":3}', id: 3 });
    expect(exchange('bybit').stream.request('subscribe', ['BTCUSDT'], 3)).toEqual({ message: '{"op":"subscribe","req_id":"3","args":["allLiquidation.BTCUSDT"]}', id: '3' });
    expect(exchange('bybit').stream.keepAlive(4)).toBe('{"op":"ping","req_id":"4"}');
    expect(exchange('binance').futuresPageUrl('ETHUSDT')).toBe('https://www.binance.com/en/futures/ETHUSDT');
    expect(exchange('bybit').futuresPageUrl('ETHUSDT')).toBe('https://www.bybit.com/trade/usdt/ETHUSDT');
    // OKX: one channel per instType carries every swap, so unsubscribing one symbol sends nothing.
    expect(exchange('okx').stream.request('subscribe', ['BTCUSDT', 'ETHUSDT'], 3)).toEqual({ message: '{"op":"subscribe","args":[{"channel":"liquidation-orders","instType":"SWAP"}]}', id: 'liquidation-orders:SWAP' });
    expect(exchange('okx').stream.request('unsubscribe', ['BTCUSDT'], 4)).toBeNull();
    expect(exchange('okx').stream.keepAlive(5)).toBe('ping');
    expect(exchange('okx').futuresPageUrl('ETHUSDT')).toBe('https://www.okx.com/trade-swap/eth-usdt-swap');
  });
});

describe('symbols as the charts\' datafeeds name them', () => {
  it.each([
    ['binance', 'BTCUSDT@PRICETYPE=LAST', 'BTCUSDT'],
    ['binance', 'BINANCE:BTCUSDT.P', 'BTCUSDT'],
    ['binance', 'BTCUSDT.P', 'BTCUSDT'],
    ['binance', 'BTCUSDTPERP', 'BTCUSDT'],
    ['binance', 'btcusdt', 'BTCUSDT'],
    ['binance', 'ETHUSDT@PRICETYPE=MARK', 'ETHUSDT'],
    ['bybit', 'BYBIT:ETHUSDT.P', 'ETHUSDT'],
    ['bybit', 'btcusdt.p', 'BTCUSDT'],
    ['bybit', 'BTCUSDT_PERP', 'BTCUSDT'],
    ['okx', 'BTC-USDT-SWAP', 'BTCUSDT'],
    ['okx', 'OKX:eth-usdt-swap', 'ETHUSDT'],
    ['okx', 'BTC-USDT', 'BTCUSDT'],
    ['okx', 'BTCUSDT.P', 'BTCUSDT'],
  ] as const)('%s: %s is %s', (id, name, symbol) => {
    expect(exchange(id).chartSymbol(name)).toBe(symbol);
  });

  it.each([
    ['binance', 'BTCUSD_PERP'], // coin-margined: not a pair LiqLens reads
    ['binance', 'BINANCE:'],
    ['bybit', '<img src=x>'],
    ['okx', 'BTC-USD-SWAP'],
    ['okx', ''],
  ] as const)('%s: %s is none LiqLens reads', (id, name) => {
    expect(exchange(id).chartSymbol(name)).toBeNull();
  });
});
