/**
 * The popup's "Report this page": the JSON of what the bridge found on the page the trader
 * looks at, with nothing private in it (the page here holds a session cookie, stored account
 * data, a positions table and a token in its address: none of it may appear).
 */
import { expect, test } from './fixtures';
import { paintedAfter } from './overlayHelpers';

test('"Report this page" gives the site, path, frames, handles, constructor, missing calls, version, chart mode and geometry, and nothing private', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  await extension.context.addCookies([{ name: 'session', value: 'secret-cookie-value', domain: 'www.bybit.com', path: '/', secure: true }]);
  const page = await extension.context.newPage();
  await page.goto('https://www.bybit.com/trade/usdt/BTCUSDT?token=secret-query-value#secret-fragment');
  await page.evaluate(() => {
    localStorage.setItem('account', 'secret-account-value');
    const positions = document.createElement('table');
    positions.className = 'positions';
    positions.insertRow().insertCell().textContent = 'BTCUSDT long 3 @ secret-position-value';
    document.body.append(positions);
  });
  await paintedAfter(sw, page, 0);

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await page.bringToFront(); // the popup reports the active tab
  await popup.getByRole('button', { name: 'Report this page' }).click();
  const text = popup.getByRole('textbox', { name: 'Page report' });
  await expect(text).toBeVisible();
  const json = await text.inputValue();
  const report = JSON.parse(json) as Record<string, unknown>;
  expect(Object.keys(report).sort()).toEqual([
    'bridge', 'chartMode', 'chartSymbol', 'chosen', 'expectedSymbol', 'foreign', 'foreignFrames', 'frames', 'geometryRead', 'globals', 'handles', 'layout',
    'libraryVersion', 'liqlens', 'missingCalls', 'page', 'path', 'site', 'throwingCalls', 'widgetConstructor',
  ]);
  expect(report).toMatchObject({
    site: 'www.bybit.com',
    path: '/trade/usdt/{symbol}',
    page: { exchange: 'bybit', market: 'futures', symbol: 'BTCUSDT' },
    bridge: 'connected',
    chartMode: 'tradingview',
    geometryRead: true,
    frames: [{ index: 0, id: 'tradingview_00001', origin: 'https://www.bybit.com' }],
    foreignFrames: 0,
    foreign: [],
    // The demo page's own chart globals (its lightweight-charts, top and frame) are listed once they exist.
    globals: expect.arrayContaining(['top.TradingView']),
    chartSymbol: 'BTCUSDT',
    expectedSymbol: 'BTCUSDT',
    layout: { charts: 1, active: 0 },
    handles: ['constructor#1'],
    chosen: 'constructor#1',
    widgetConstructor: { defined: true, widgets: 1 },
    missingCalls: [],
    throwingCalls: [],
    libraryVersion: 'CL v29.2.0 (internal id 3b7e3e05 @ 2025-04-08T10:49:22.516Z, LiqLens demo imitation, trading terminal)',
  });
  for (const name of report.globals as string[]) expect(name).toMatch(/^(?:top|frame\d+)\.[A-Za-z_$][\w$]*$/);
  expect(json).not.toMatch(/secret|cookie|token|fragment|position|account/i);
  await expect(popup.getByTestId('report-status')).toContainText('Paste it into a new LiqLens issue');
});

test('a page script that puts secrets in the chart frame\'s id and in the address gets none of them into the report', async ({ extension }) => {
  test.setTimeout(120_000);
  const sw = extension.serviceWorker;
  const page = await extension.context.newPage();
  await page.goto('https://www.binance.com/en/futures/BTCUSDT');
  await paintedAfter(sw, page, 0);
  const report = async () => {
    const popup = await extension.context.newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
    await page.bringToFront(); // the popup reports the active tab
    await popup.getByRole('button', { name: 'Report this page' }).click();
    return popup;
  };

  // The page's own script renames the chart's frame (the one the report lists) to an email with a
  // reset token, and adds a frame of that name. (A version in an email's shape: pageReport.test.ts.)
  const renamed = await page.evaluate(() => {
    const chart = document.querySelector<HTMLIFrameElement>('iframe[id^="tradingview_"]');
    if (chart) chart.id = 'secret.user@example.com?reset=secret-reset-token';
    const frame = document.createElement('iframe');
    frame.id = 'secret.other@example.com';
    document.body.append(frame);
    return chart !== null;
  });
  expect(renamed).toBe(true);
  const first = await report();
  const text = first.getByRole('textbox', { name: 'Page report' });
  await expect(text).toBeVisible();
  const json = await text.inputValue();
  expect((JSON.parse(json) as Record<string, unknown>).path).toBe('/{lang}/futures/{symbol}');
  expect(json).not.toMatch(/secret|example\.com|reset/i);
  await first.close();

  // Then a session id in the path, by the single-page app's own navigation: no longer a trade page's
  // address, so there is no report at all, only the refusal.
  await page.evaluate(() => history.pushState(null, '', '/en/futures/BTCUSDT;jsessionid=secret-session-id'));
  const second = await report();
  await expect(second.getByText('LiqLens reports on Binance, Bybit or OKX trade pages only')).toBeVisible();
  await expect(second.getByRole('textbox', { name: 'Page report' })).toHaveCount(0);
  expect(await second.locator('body').innerText()).not.toMatch(/secret|jsession/i);
});
