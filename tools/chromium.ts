/**
 * Finds a Chromium that still loads unpacked extensions from the command line (branded Google
 * Chrome no longer does): $LIQLENS_CHROMIUM, Debian's /usr/bin/chromium, or Playwright's own
 * build where the user installed one. Never downloads anything.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const SYSTEM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'];

export class ChromiumNotFound extends Error {}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const named = env.LIQLENS_CHROMIUM;
  if (named) {
    if (existsSync(named)) return named;
    throw new ChromiumNotFound(`LIQLENS_CHROMIUM names ${named}, which does not exist.`);
  }
  for (const candidate of SYSTEM_CANDIDATES) if (existsSync(candidate)) return candidate;
  try {
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own installed: fall through to the advice below.
  }
  throw new ChromiumNotFound(
    'No Chromium found. Install one that accepts unpacked extensions:\n' +
      '  Debian/Ubuntu:  sudo apt-get install chromium\n' +
      '  any system:     npx playwright install chromium\n' +
      'or point LIQLENS_CHROMIUM at a Chromium (not branded Google Chrome) executable.',
  );
}
