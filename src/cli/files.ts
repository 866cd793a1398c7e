/**
 * Reading the command line's input files as a stream of lines: `.gz` files are inflated on the
 * way, with a cap on how much text they may inflate to, and no file is ever held whole in memory.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { LineParser } from '../core/candles';
import type { ParseResult } from '../core/types';
import { CliError } from './args';

/**
 * The most text one input may hold (after inflating): 256 MB, far beyond the market-data CSVs
 * liqlens is for (a year of 1m candles is some 50 MB); LIQLENS_MAX_INPUT_MB raises or lowers it.
 */
export function maxInputBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.LIQLENS_MAX_INPUT_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 256) * 1024 * 1024;
}
/** The longest line read: a CSV row is some hundred characters; anything this long is not a CSV. */
export const MAX_LINE_CHARS = 1024 * 1024;

export interface LinesRead {
  /** Lines in the file (the last one counts even without an ending). */
  lines: number;
  /** Runs of blank lines, which the parsers skip: [first, last] line numbers, in order. */
  blank: [number, number][];
}

/**
 * Feeds every line of `path` (without its ending; \n, \r\n and \r all end a line) with its 1-based
 * number to `onLine`. A missing, unreadable, corrupt or too-large file is a CliError saying which.
 */
export async function readLines(path: string, onLine: (raw: string, line: number) => void, maxBytes = maxInputBytes()): Promise<LinesRead> {
  const gzip = path.endsWith('.gz');
  const tooLarge = (what: string) =>
    new CliError(`${path}: too large: ${what} more than ${mb(maxBytes)} of text, the most liqlens reads from one file (LIQLENS_MAX_INPUT_MB sets it)`);
  try {
    const { size } = await stat(path);
    if (!gzip && size > maxBytes) throw tooLarge('it holds');
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const file = createReadStream(path);
  const source = gzip ? file.pipe(createGunzip()) : file;
  file.on('error', (error) => source.destroy(error)); // pipe() does not pass the file's errors on
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 1;
  let bytes = 0;
  const blank: [number, number][] = [];
  const emit = (raw: string) => {
    if (raw.trim() === '') {
      const run = blank.at(-1);
      if (run && run[1] === line - 1) run[1] = line;
      else blank.push([line, line]);
    }
    onLine(raw, line++);
  };
  const ending = /\r\n|\n|\r/g;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        source.destroy();
        throw tooLarge(gzip ? 'it inflates to' : 'it holds');
      }
      const text = rest + decoder.write(chunk);
      // A \r at the very end may be the first half of \r\n: keep it for the next chunk.
      const end = text.endsWith('\r') ? text.length - 1 : text.length;
      let start = 0;
      // `rest` holds no line ending (save that \r), so only the new text needs searching.
      ending.lastIndex = Math.max(0, rest.length - 1);
      for (let m = ending.exec(text); m !== null && m.index < end; m = ending.exec(text)) {
        emit(text.slice(start, m.index));
        start = m.index + m[0].length;
      }
      rest = text.slice(start);
      if (rest.length > MAX_LINE_CHARS) {
        source.destroy();
        throw new CliError(`${path}: line ${line} is longer than ${mb(MAX_LINE_CHARS)}: not a CSV file`);
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (gzip && typeof code === 'string' && code.startsWith('Z_')) throw new CliError(`cannot read ${path}: not a valid gzip file (${(error as Error).message})`);
    throw new CliError(`cannot read ${path}: ${code ?? String(error)}`);
  }
  const last = (rest + decoder.end()).replace(/\r$/, '');
  emit(last);
  return { lines: line - 1, blank };
}

/** A file through a line-fed parser, with what `readLines` tells about its lines. */
export async function parseFile<T>(path: string, parser: LineParser<T>): Promise<ParseResult<T> & LinesRead> {
  const read = await readLines(path, (raw, line) => parser.push(raw, line));
  return { ...parser.result(), ...read };
}

function mb(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;
}
