/**
 * The repository's root folder, found by walking up to package.json. Tools locate data, builds
 * and pages from here rather than from their own folder, so they work bundled (npm run bench)
 * as well as run from source.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'wxt.config.ts'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no LiqLens repository above ${from}`);
  }
}

export const REPO_ROOT = findRoot(import.meta.dirname);
