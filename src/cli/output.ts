/** Writing a command's JSON result without building it as one string first. */
import { once } from 'node:events';

/** Text gathered before each write to the stream. */
const BATCH_CHARS = 64 * 1024;

/**
 * `JSON.stringify(value)` and a newline, byte for byte, written in pieces: each top-level array
 * or iterable (a generator mapping a long list as it goes) is written element by element, so a
 * result of hundreds of thousands of objects is never one string, nor one mapped copy.
 */
export async function writeJson(value: Readonly<Record<string, unknown>>, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  let text = '{';
  const flush = async () => {
    const ready = out.write(text);
    text = '';
    if (!ready) await once(out, 'drain');
  };
  let first = true;
  for (const [key, field] of Object.entries(value)) {
    const list = isList(field) ? field : null;
    const whole = list ? '' : JSON.stringify(field);
    if (whole === undefined) continue; // as JSON.stringify leaves out undefined fields
    text += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!list) {
      text += whole;
      continue;
    }
    text += '[';
    let n = 0;
    for (const item of list) {
      text += `${n++ === 0 ? '' : ','}${JSON.stringify(item) ?? 'null'}`;
      if (text.length >= BATCH_CHARS) await flush();
    }
    text += ']';
  }
  text += '}\n';
  await flush();
}

function isList(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.iterator in value;
}
