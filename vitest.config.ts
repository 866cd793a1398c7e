/**
 * Two kinds of unit tests: pure code in Node (tests/unit), and code that needs the browser's
 * own APIs, such as IndexedDB, in the real Chromium (tests/browser), never a fake.
 */
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { findChromium } from './tools/chromium.ts';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    projects: [
      { test: { name: 'node', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      // Needs the Firefox build (npm run build:firefox): `npm run test:firefox`, not `test:unit`.
      // One Firefox at a time (each file launches one): the machine running CI has two cores.
      { test: { name: 'firefox', include: ['tests/firefox/**/*.test.ts'], environment: 'node', testTimeout: 120_000, fileParallelism: false } },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
