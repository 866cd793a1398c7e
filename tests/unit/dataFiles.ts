/** The shipped recordings under data/, read as text (they are gzipped). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

export function readData(file: string): string {
  return gunzipSync(readFileSync(resolve(import.meta.dirname, '../../data', file))).toString('utf8');
}
