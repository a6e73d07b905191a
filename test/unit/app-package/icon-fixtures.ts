import { rawPng, rgba16Png, CLEAR, WHITE, type Pixel } from './png-fixtures';

/** What an outline icon pixel is meant to look like. */
export type Paint = 'white' | 'clear' | 'grey';

/** The outline shape: a white square in the middle of a transparent 32×32 icon, with an optional flaw. */
export const outlinePaint =
  (flaw?: { x: number; y: number }) =>
  (x: number, y: number): Paint =>
    flaw && flaw.x === x && flaw.y === y ? 'grey' : x >= 8 && x < 24 && y >= 8 && y < 24 ? 'white' : 'clear';

const RGBA: Record<Paint, Pixel> = { white: WHITE, clear: CLEAR, grey: [128, 128, 128, 255] };

/**
 * One outline icon saved in ways image editors and optimisers (optipng, pngquant, oxipng) save
 * icons, each a valid PNG the hand-written decoder of earlier versions refused or misread.
 */
export const OUTLINE_FORMATS: ReadonlyArray<{ how: string; make: (paint: (x: number, y: number) => Paint) => Buffer }> = [
  { how: '16 bits per sample, RGBA', make: (paint) => rgba16Png(32, 32, (x, y) => RGBA[paint(x, y)]) },
  {
    how: 'interlaced (Adam7), 8-bit RGBA',
    make: (paint) => rawPng({ width: 32, height: 32, colorType: 6, bitDepth: 8, interlaced: true, samplesAt: (x, y) => RGBA[paint(x, y)] }),
  },
  {
    how: 'a 2-bit palette whose transparent entry is set in tRNS',
    make: (paint) =>
      rawPng({
        width: 32,
        height: 32,
        colorType: 3,
        bitDepth: 2,
        palette: [[0, 0, 0], [255, 255, 255], [128, 128, 128]],
        transparency: Buffer.from([0]),
        samplesAt: (x, y) => [{ clear: 0, white: 1, grey: 2 }[paint(x, y)]],
      }),
  },
  {
    how: 'RGB whose black is made transparent by tRNS',
    make: (paint) =>
      rawPng({
        width: 32,
        height: 32,
        colorType: 2,
        bitDepth: 8,
        transparency: Buffer.from([0, 0, 0, 0, 0, 0]),
        // CLEAR is transparent black: its RGB is the colour key.
        samplesAt: (x, y) => RGBA[paint(x, y)].slice(0, 3),
      }),
  },
  {
    how: '2-bit grey whose black is made transparent by tRNS',
    make: (paint) =>
      rawPng({ width: 32, height: 32, colorType: 0, bitDepth: 2, transparency: Buffer.from([0, 0]), samplesAt: (x, y) => [{ clear: 0, white: 3, grey: 1 }[paint(x, y)]] }),
  },
  {
    how: '16-bit grey with alpha, the image data split over three IDAT chunks',
    make: (paint) =>
      rawPng({
        width: 32,
        height: 32,
        colorType: 4,
        bitDepth: 16,
        idatChunks: 3,
        samplesAt: (x, y) => ({ clear: [0, 0], white: [65535, 65535], grey: [32768, 65535] })[paint(x, y)],
      }),
  },
];
