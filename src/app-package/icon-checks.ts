/**
 * What Teams asks of the two app icons and the manifest schema cannot check: the colour icon is
 * 192×192, the outline icon 32×32 and white on a transparent background. pngjs reads every valid
 * PNG (any bit depth and colour type, palettes and `tRNS` transparency, interlacing) as 8-bit RGBA.
 */
import { PNG } from 'pngjs';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** An icon's pixels as 8-bit RGBA, row by row, whatever format the file uses. */
export interface IconPixels {
  width: number;
  height: number;
  rgba: Buffer;
}

/** Decode a PNG (checking its chunk CRCs); throws with pngjs's reason when it is not a valid PNG. */
export function readIcon(png: Buffer): IconPixels {
  const { width, height, data } = PNG.sync.read(png);
  return { width, height, rgba: data };
}

/**
 * Coordinates of the first pixel that is neither white (any opacity) nor fully transparent;
 * undefined when every pixel passes.
 */
export function firstNonWhitePixel({ width, rgba }: IconPixels): { x: number; y: number } | undefined {
  for (let i = 0; i < rgba.length; i += 4) {
    const transparent = rgba[i + 3] === 0;
    const white = rgba[i] === 255 && rgba[i + 1] === 255 && rgba[i + 2] === 255;
    if (!transparent && !white) return { x: (i / 4) % width, y: Math.floor(i / 4 / width) };
  }
  return undefined;
}

/** The icon's pixels, or the problem that stops us from reading them (pushed to `problems`). */
function sizedIcon(label: string, png: Buffer, size: number, problems: string[]): IconPixels | undefined {
  let icon: IconPixels;
  try {
    icon = readIcon(png);
  } catch (error) {
    problems.push(`${label} is not a readable PNG (${error instanceof Error ? error.message : String(error)}).`);
    return undefined;
  }
  if (icon.width === size && icon.height === size) return icon;
  problems.push(`${label} must be ${size}×${size} pixels; it is ${icon.width}×${icon.height}.`);
  return undefined;
}

/** Every problem with the icons, in words an admin can act on; empty when both are fine. */
export function checkIcons(icons: { color: Buffer; outline: Buffer; colorName: string; outlineName: string }): string[] {
  const problems: string[] = [];
  sizedIcon(`The colour icon ${icons.colorName}`, icons.color, COLOR_ICON_SIZE, problems);
  const outline = sizedIcon(`The outline icon ${icons.outlineName}`, icons.outline, OUTLINE_ICON_SIZE, problems);
  const pixel = outline && firstNonWhitePixel(outline);
  if (pixel) {
    problems.push(`The outline icon ${icons.outlineName} must be white on a transparent background; the pixel at (${pixel.x}, ${pixel.y}) is neither.`);
  }
  return problems;
}
