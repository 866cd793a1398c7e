/**
 * Draws LiqLens's toolbar and notification icons (a lens over a dark tile) into public/icon/
 * as PNGs, pixel by pixel with 4× supersampling: no image tool needed. Run: npx tsx tools/drawIcons.mts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { REPO_ROOT } from './repoRoot';

const BG = [24, 26, 32];
const RING = [240, 185, 11];
const BAND = [246, 70, 93];

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** RGBA of one sample point in a unit square: tile, red liquidation band, lens ring and handle. */
function sample(x: number, y: number): [number, number, number, number] {
  const r = 0.18; // tile corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if (Math.hypot(x - cx, y - cy) > r) return [0, 0, 0, 0];
  const d = Math.hypot(x - 0.44, y - 0.44);
  if (Math.abs(d - 0.24) < 0.06) return [...RING, 255] as [number, number, number, number];
  // The handle, from the ring towards the lower right.
  const t = ((x - 0.6) + (y - 0.6)) / 2;
  if (t > 0 && t < 0.24 && Math.abs((x - 0.6) - (y - 0.6)) < 0.1) return [...RING, 255] as [number, number, number, number];
  if (d < 0.18 && Math.abs(y - 0.5) < 0.05) return [...BAND, 255] as [number, number, number, number];
  return [...BG, 255] as [number, number, number, number];
}

function png(size: number): Buffer {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const acc: [number, number, number, number] = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const [r, g, b, a] = sample((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          acc[0] += r * a; acc[1] += g * a; acc[2] += b * a; acc[3] += a;
        }
      }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      const alpha = acc[3]! / (ss * ss);
      for (let k = 0; k < 3; k++) raw[o + k] = acc[3]! > 0 ? Math.round(acc[k]! / acc[3]!) : 0;
      raw[o + 3] = Math.round(alpha);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

for (const size of [16, 32, 48, 128]) writeFileSync(resolve(REPO_ROOT, `public/icon/${size}.png`), png(size));
console.log('icons written to public/icon/');
