import { deflateSync } from 'node:zlib';
import { crc32 } from '../../../src/app-package';

/** A pixel as [r, g, b, a]. */
export type Pixel = readonly [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * An 8-bit RGBA PNG whose pixels come from `pixelAt`. Rows use the filter `filter` (0-4), so the
 * decoder's unfiltering is exercised beyond what the real icons happen to use.
 */
export function rgbaPng(width: number, height: number, pixelAt: (x: number, y: number) => Pixel, filter = 0): Buffer {
  const stride = width * 4;
  const raw = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) Buffer.from(pixelAt(x, y)).copy(raw, y * stride + x * 4);

  const filtered = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    filtered[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const value = raw[y * stride + x]!;
      const left = x >= 4 ? raw[y * stride + x - 4]! : 0;
      const up = y > 0 ? raw[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? raw[(y - 1) * stride + x - 4]! : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
      filtered[y * (stride + 1) + 1 + x] = (value - predictor) & 0xff;
    }
  }

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(filtered)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const WHITE: Pixel = [255, 255, 255, 255];
export const CLEAR: Pixel = [0, 0, 0, 0];
