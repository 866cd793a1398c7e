/**
 * "Report this page" on the paths a trader visits (issue 20): only trade pages answer, and the
 * path is a template, never the page's own text; the bridge's findings admit only the library's
 * shapes of frame id and version.
 */
import { describe, expect, it } from 'vitest';
import { parseBridgeMessage } from '../../src/bridge/protocol';
import { pageReport } from '../../src/content/pageReport';
import { parseTradePageUrl } from '../../src/site/pageUrl';

const report = (href: string, chartSymbol: string | null = null) => pageReport('0.1.0', href, parseTradePageUrl(href), true, { kind: 'waiting' }, null, chartSymbol);

describe('the page report', () => {
  it('carries the chart\'s symbol only in a symbol\'s shape, with the one expected', () => {
    const href = 'https://www.binance.com/en/futures/BTCUSDT';
    expect(report(href, 'BTCUSDT@PRICETYPE=LAST')).toMatchObject({ chartSymbol: 'BTCUSDT@PRICETYPE=LAST', expectedSymbol: 'BTCUSDT' });
    expect(report(href, 'BINANCE:BTCUSDT.P')!.chartSymbol).toBe('BINANCE:BTCUSDT.P');
    for (const forged of ['trader@example.com', 'BTCUSDT?token=3f9a', 'a'.repeat(80)]) expect(report(href, forged)!.chartSymbol).toBeNull();
  });

  it.each([
    ['https://www.binance.com/en/my/settings/api-management/apikey_id_8f3a9c', 'an API-key page'],
    ['https://www.binance.com/en/my/wallet/account/main;jsessionid=0123456789ABCDEF', 'a wallet page with a session id in its path'],
    ['https://www.bybit.com/en/reset-password/trader@example.com/token-3f9a0c7d', 'a password reset link'],
    ['https://www.okx.com/join/REFCODE123', 'a referral page'],
    ['https://www.binance.com/en/futures/BTCUSDT;jsessionid=0123456789ABCDEF', 'a trade path with a session id'],
  ])('does not answer on %s (%s)', (href) => {
    expect(report(href)).toBeNull();
  });

  it.each([
    ['https://www.binance.com/en/futures/BTCUSDT?ref=ABC#x', '/{lang}/futures/{symbol}'],
    ['https://www.binance.com/futures/ethusdt', '/futures/{symbol}'],
    ['https://www.binance.com/zh-CN/trade/BTC_USDT', '/{lang}/trade/{symbol}'],
    ['https://www.bybit.com/trade/usdt/BTCUSDT', '/trade/usdt/{symbol}'],
    ['https://www.bybit.com/en/trade/spot/BTC/USDT', '/{lang}/trade/spot/{symbol}/{symbol}'],
    ['https://www.okx.com/trade-swap/btc-usdt-swap', '/trade-swap/{symbol}'],
  ])('gives the path of %s as the template %s', (href, template) => {
    expect(report(href)?.path).toBe(template);
  });
});

describe('findings the report admits', () => {
  const findings = {
    frames: [{ index: 0, id: 'tradingview_7c2d1', origin: 'https://www.binance.com' }], foreignFrames: 0, foreign: [], globals: [], layout: null, handles: ['frame0.tradingViewApi'],
    widgetConstructor: { defined: false, widgets: 0 }, missing: [], threw: [], version: '27.001 (internal id 5b3a6e52 @ 2024-01-01)', chosen: 'frame0.tradingViewApi', geometryRead: true,
  };
  it('takes the library\'s own shapes of frame id and version, and a frame without an id', () => {
    expect(parseBridgeMessage({ type: 'findings', findings })).not.toBeNull();
    expect(parseBridgeMessage({ type: 'findings', findings: { ...findings, version: '27.001', frames: [{ index: 1, id: '', origin: 'https://www.binance.com' }] } })).not.toBeNull();
  });
  it.each([
    ['an email address as the version', { ...findings, version: 'trader@example.com' }],
    ['a token as the version', { ...findings, version: 'reset-3f9a0c7d (token)' }],
    ['a page-chosen frame id', { ...findings, frames: [{ index: 0, id: 'apikey_8f3a9c', origin: 'https://www.binance.com' }] }],
    ['a session id as a frame id', { ...findings, frames: [{ index: 0, id: 'JSESSIONID-0123456789', origin: 'https://www.binance.com' }] }],
  ])('refuses %s', (_, bad) => {
    expect(parseBridgeMessage({ type: 'findings', findings: bad })).toBeNull();
  });
});
