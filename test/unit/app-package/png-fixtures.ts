import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

/** A pixel as [r, g, b, a], 8 bits each. */
export type Pixel = readonly [number, number, number, number];

export const WHITE: Pixel = [255, 255, 255, 255];
export const CLEAR: Pixel = [0, 0, 0, 0];

/** An 8-bit RGBA PNG, written by pngjs, whose pixels come from `pixelAt`. */
export function rgbaPng(width: number, height: number, pixelAt: (x: number, y: number) => Pixel): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) png.data.set(pixelAt(x, y), (y * width + x) * 4);
  return PNG.sync.write(png);
}

/** A 16-bit-per-sample RGBA PNG, written by pngjs (which takes 16-bit samples in host byte order). */
export function rgba16Png(width: number, height: number, pixelAt: (x: number, y: number) => Pixel): Buffer {
  const samples = new Uint16Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) samples.set(pixelAt(x, y).map((v) => v * 257), (y * width + x) * 4);
  }
  const png = new PNG({ width, height, bitDepth: 16 });
  png.data = Buffer.from(samples.buffer);
  return PNG.sync.write(png, { bitDepth: 16, colorType: 6, inputColorType: 6 });
}

/**
 * What pngjs cannot write: any colour type and bit depth, a palette and a `tRNS` chunk, Adam7
 * interlacing, image data split over several IDAT chunks. `samplesAt` gives the raw samples of a
 * pixel (one palette index, one grey value, RGB, …) at `bitDepth` bits each.
 */
export interface RawPng {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: 1 | 2 | 4 | 8 | 16;
  samplesAt: (x: number, y: number) => readonly number[];
  interlaced?: boolean;
  /** RGB triples, for colour type 3. */
  palette?: ReadonlyArray<readonly [number, number, number]>;
  /** The `tRNS` chunk's bytes: alpha per palette entry, or the transparent grey / RGB as 16-bit values. */
  transparency?: Buffer;
  /** Split the compressed image data over this many IDAT chunks. */
  idatChunks?: number;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** The Adam7 passes (PNG specification, section 8.2): first column, first row, column step, row step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** One scanline with filter type 0: the samples packed big-endian, most significant bits first. */
function scanline(spec: RawPng, xs: number[], y: number): Buffer {
  const samples = xs.flatMap((x) => [...spec.samplesAt(x, y)]);
  const bits = spec.bitDepth;
  const line = Buffer.alloc(1 + Math.ceil((samples.length * bits) / 8));
  samples.forEach((value, i) => {
    if (bits === 16) line.writeUInt16BE(value, 1 + i * 2);
    else if (bits === 8) line[1 + i] = value;
    else {
      const bit = i * bits;
      line[1 + (bit >> 3)]! |= value << (8 - bits - (bit & 7));
    }
  });
  return line;
}

export function rawPng(spec: RawPng): Buffer {
  const range = (from: number, to: number, step: number): number[] => {
    const out: number[] = [];
    for (let i = from; i < to; i += step) out.push(i);
    return out;
  };
  const passes = spec.interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  const lines: Buffer[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const xs = range(x0, spec.width, dx);
    if (xs.length === 0) continue;
    for (const y of range(y0, spec.height, dy)) lines.push(scanline(spec, xs, y));
  }
  const compressed = deflateSync(Buffer.concat(lines));
  const parts = spec.idatChunks ?? 1;
  const size = Math.ceil(compressed.length / parts);
  const idat = range(0, compressed.length, size).map((at) => chunk('IDAT', compressed.subarray(at, at + size)));

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr[8] = spec.bitDepth;
  ihdr[9] = spec.colorType;
  ihdr[12] = spec.interlaced ? 1 : 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(spec.palette ? [chunk('PLTE', Buffer.from(spec.palette.flat()))] : []),
    ...(spec.transparency ? [chunk('tRNS', spec.transparency)] : []),
    ...idat,
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
