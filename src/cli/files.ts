import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { CliError } from './args';

/** Reads a text file, transparently un-gzipping `.gz` files; a missing or unreadable file is a CliError. */
export async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch {
    throw new CliError(`cannot read ${path}: not a valid gzip file`);
  }
}
