import { describe, expect, it } from 'vitest';
import type { ExchangeId } from '../../src/exchanges';
import { exchangeOfHost, parseTradePageUrl } from '../../src/site/pageUrl';

const btcPerp = (exchange: ExchangeId) => ({ exchange, market: 'futures', symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT' });
const spot = (exchange: ExchangeId, base: string, quote: string) => ({ exchange, market: 'spot', symbol: base + quote, base, quote });

describe('parseTradePageUrl', () => {
  it.each([
    ['https://www.binance.com/en/futures/BTCUSDT', btcPerp('binance')],
    ['https://www.binance.com/futures/BTCUSDT', btcPerp('binance')],
    ['https://binance.com/zh-CN/futures/BTCUSDT', btcPerp('binance')],
    ['https://www.binance.com/pt-BR/futures/btcusdt', btcPerp('binance')],
    ['https://www.binance.com/en/futures/BTCUSDT/', btcPerp('binance')],
    ['https://www.binance.com/en/futures/BTCUSDT?theme=dark&type=perpetual#chart', btcPerp('binance')],
    ['https://www.binance.com/en-TR/futures/ETHUSDC', { exchange: 'binance', market: 'futures', symbol: 'ETHUSDC', base: 'ETH', quote: 'USDC' }],
    ['https://www.binance.com/en/futures/1000PEPEUSDT', { exchange: 'binance', market: 'futures', symbol: '1000PEPEUSDT', base: '1000PEPE', quote: 'USDT' }],
    ['https://www.binance.com/en/trade/BTC_USDT', spot('binance', 'BTC', 'USDT')],
    ['https://www.binance.com/en/trade/BTC_USDT?type=spot', spot('binance', 'BTC', 'USDT')],
    ['https://www.binance.com/trade/eth_btc', spot('binance', 'ETH', 'BTC')],
    ['https://www.binance.com/en/trade/SOLFDUSD', spot('binance', 'SOL', 'FDUSD')],
    ['https://www.bybit.com/trade/usdt/BTCUSDT', btcPerp('bybit')],
    ['https://www.bybit.com/en/trade/usdt/BTCUSDT', btcPerp('bybit')],
    ['https://bybit.com/trade/usdt/btcusdt?affiliate_id=1', btcPerp('bybit')],
    ['https://www.bybit.com/en/trade/spot/BTC/USDT', spot('bybit', 'BTC', 'USDT')],
    ['https://www.bybit.com/trade/spot/eth/usdt', spot('bybit', 'ETH', 'USDT')],
    ['https://www.okx.com/trade-swap/btc-usdt-swap', btcPerp('okx')],
    ['https://www.okx.com/en/trade-swap/BTC-USDT-SWAP', btcPerp('okx')],
    ['https://okx.com/trade-swap/btc-usdt-swap?channelId=1#chart', btcPerp('okx')],
    ['https://www.okx.com/trade-spot/eth-usdt', spot('okx', 'ETH', 'USDT')],
  ])('%s is a trade page', (href, expected) => {
    expect(parseTradePageUrl(href)).toEqual(expected);
  });

  it.each([
    'https://www.binance.com/en/markets',
    'https://www.binance.com/en',
    'https://www.binance.com/en/futures/',
    'https://www.binance.com/en/futures/BTCUSDT/extra',
    'https://www.binance.com/en/delivery/BTCUSD_PERP',
    'https://www.binance.com/en/futures/BTCEUR',
    'https://www.binance.com/en/futures/USDT',
    'https://www.bybit.com/trade/usdt/',
    'https://www.okx.com/trade-swap/btc-usd-swap',
    'https://www.okx.com/trade-swap/btc-usdt-250328',
    'https://www.okx.com/trade-swap/btc-usdt',
    'https://www.okx.com/trade-futures/btc-usdt-swap',
    'https://www.bybit.com/trade/usdc/BTCPERP',
    'https://www.bybit.com/trade/inverse/BTCUSD',
    'https://www.bybit.com/en/trade/spot/BTC',
    'http://www.binance.com/en/futures/BTCUSDT',
    'https://evil-binance.com/en/futures/BTCUSDT',
    'https://binance.com.evil.io/en/futures/BTCUSDT',
    'https://www.binance.com/en/futures/BTC%3Cscript%3EUSDT',
    'https://www.binance.com/en/futures/%E0%A4%A',
    'not a url',
    '',
  ])('%s is not', (href) => {
    expect(parseTradePageUrl(href)).toBeNull();
  });
});

describe('exchangeOfHost', () => {
  it('knows the two sites and nothing that only looks like them', () => {
    expect(exchangeOfHost('WWW.BINANCE.COM')).toBe('binance');
    expect(exchangeOfHost('bybit.com')).toBe('bybit');
    expect(exchangeOfHost('accounts.binance.com')).toBeNull();
    expect(exchangeOfHost('bybit.com.example')).toBeNull();
  });
});
