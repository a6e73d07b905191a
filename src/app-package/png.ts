/**
 * Just enough PNG to check the app icons: the header (size, colour type) and, for 8-bit
 * non-interlaced images, every pixel as RGBA. Icons are tiny, so decoding them whole is cheap.
 */
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** PNG colour types (PNG specification, section 11.2.2). */
const GRAY = 0;
const RGB = 2;
const PALETTE = 3;
const GRAY_ALPHA = 4;
const RGBA = 6;
const CHANNELS: Readonly<Record<number, number>> = { [GRAY]: 1, [RGB]: 3, [PALETTE]: 1, [GRAY_ALPHA]: 2, [RGBA]: 4 };

/** What the IHDR chunk says. */
export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

/** A decoded image: `rgba` holds width × height pixels, four bytes each, row by row. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Buffer;
}

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Buffer): Chunk[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  const found: Chunk[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    const data = png.subarray(at + 8, at + 8 + length);
    if (data.length !== length) throw new Error(`PNG chunk ${type} is truncated`);
    found.push({ type, data });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  if (found[0]?.type !== 'IHDR') throw new Error('PNG without IHDR');
  return found;
}

function headerOf(chunk: Chunk): PngHeader {
  const d = chunk.data;
  if (d.length < 13) throw new Error('PNG IHDR is too short');
  return { width: d.readUInt32BE(0), height: d.readUInt32BE(4), bitDepth: d[8] as number, colorType: d[9] as number, interlaced: d[12] === 1 };
}

/** Size and format from the IHDR chunk, without decoding pixels. */
export function readPngHeader(png: Buffer): PngHeader {
  return headerOf(chunks(png)[0] as Chunk);
}

/** The Paeth predictor of filter type 4 (PNG specification, section 9.4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/** Undo the per-row filters; returns the raw samples, `stride` bytes per row. */
function unfilter(inflated: Buffer, height: number, stride: number, bpp: number): Buffer {
  if (inflated.length < height * (stride + 1)) throw new Error('PNG image data is too short');
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = inflated[y * (stride + 1)] as number;
    const line = y * stride;
    const src = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x++) {
      const raw = inflated[src + x] as number;
      const left = x >= bpp ? (out[line + x - bpp] as number) : 0;
      const up = y > 0 ? (out[line - stride + x] as number) : 0;
      const upLeft = x >= bpp && y > 0 ? (out[line - stride + x - bpp] as number) : 0;
      let value: number;
      switch (filter) {
        case 0: value = raw; break;
        case 1: value = raw + left; break;
        case 2: value = raw + up; break;
        case 3: value = raw + ((left + up) >> 1); break;
        case 4: value = raw + paeth(left, up, upLeft); break;
        default: throw new Error(`PNG row ${y} has unknown filter type ${filter}`);
      }
      out[line + x] = value & 0xff;
    }
  }
  return out;
}

/** Decode an 8-bit, non-interlaced PNG of any colour type to RGBA. */
export function decodePng(png: Buffer): RgbaImage {
  const all = chunks(png);
  const header = headerOf(all[0] as Chunk);
  const { width, height, bitDepth, colorType } = header;
  const channels = CHANNELS[colorType];
  if (channels === undefined) throw new Error(`PNG colour type ${colorType} is not valid`);
  if (bitDepth !== 8 || header.interlaced) throw new Error('only 8-bit, non-interlaced PNG images can be checked');

  const palette = all.find((c) => c.type === 'PLTE')?.data;
  const paletteAlpha = all.find((c) => c.type === 'tRNS')?.data;
  const samples = unfilter(inflateSync(Buffer.concat(all.filter((c) => c.type === 'IDAT').map((c) => c.data))), height, width * channels, channels);

  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const s = i * channels;
    const o = i * 4;
    const v = samples[s] as number;
    switch (colorType) {
      case GRAY: rgba.fill(v, o, o + 3); rgba[o + 3] = 255; break;
      case GRAY_ALPHA: rgba.fill(v, o, o + 3); rgba[o + 3] = samples[s + 1] as number; break;
      case RGB: samples.copy(rgba, o, s, s + 3); rgba[o + 3] = 255; break;
      case RGBA: samples.copy(rgba, o, s, s + 4); break;
      default: {
        if (!palette || v * 3 + 3 > palette.length) throw new Error('PNG palette index out of range');
        palette.copy(rgba, o, v * 3, v * 3 + 3);
        rgba[o + 3] = paletteAlpha && v < paletteAlpha.length ? (paletteAlpha[v] as number) : 255;
      }
    }
  }
  return { width, height, rgba };
}
