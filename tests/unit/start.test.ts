/** `npm start` on a machine without a usable Chromium: advice and a non-zero exit, never a hang. */
import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';

test('npm start without a browser says what to install and exits non-zero by itself', async () => {
  // A Chromium that does not exist is the same path as none installed: findChromium refuses it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/start.ts', '--no-build'], {
    env: { ...process.env, LIQLENS_CHROMIUM: '/nonexistent/chromium', DISPLAY: '' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // No kill here: if something kept the process alive, the test's own timeout fails it.
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  expect(code).toBe(1);
  expect(stderr).toContain('LIQLENS_CHROMIUM names /nonexistent/chromium, which does not exist.');
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
});
