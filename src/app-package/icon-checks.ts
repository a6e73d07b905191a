/**
 * What Teams asks of the two app icons and the manifest schema cannot check: the colour icon is
 * 192×192, the outline icon 32×32 and white on a transparent background.
 */
import { decodePng, readPngHeader } from './png';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

function sizeProblem(label: string, png: Buffer, size: number): string | undefined {
  try {
    const { width, height } = readPngHeader(png);
    return width === size && height === size ? undefined : `${label} must be ${size}×${size} pixels; it is ${width}×${height}.`;
  } catch (error) {
    return `${label} is not a readable PNG (${error instanceof Error ? error.message : String(error)}).`;
  }
}

/**
 * Coordinates of the first outline pixel that is neither white (any opacity) nor fully
 * transparent; undefined when every pixel passes.
 */
export function firstNonWhitePixel(png: Buffer): { x: number; y: number } | undefined {
  const { width, rgba } = decodePng(png);
  for (let i = 0; i < rgba.length; i += 4) {
    const transparent = rgba[i + 3] === 0;
    const white = rgba[i] === 255 && rgba[i + 1] === 255 && rgba[i + 2] === 255;
    if (!transparent && !white) return { x: (i / 4) % width, y: Math.floor(i / 4 / width) };
  }
  return undefined;
}

/** Every problem with the icons, in words an admin can act on; empty when both are fine. */
export function checkIcons(icons: { color: Buffer; outline: Buffer; colorName: string; outlineName: string }): string[] {
  const problems: string[] = [];
  const color = sizeProblem(`The colour icon ${icons.colorName}`, icons.color, COLOR_ICON_SIZE);
  if (color) problems.push(color);
  const outline = sizeProblem(`The outline icon ${icons.outlineName}`, icons.outline, OUTLINE_ICON_SIZE);
  if (outline) {
    problems.push(outline);
    return problems;
  }
  try {
    const pixel = firstNonWhitePixel(icons.outline);
    if (pixel) {
      problems.push(`The outline icon ${icons.outlineName} must be white on a transparent background; the pixel at (${pixel.x}, ${pixel.y}) is neither.`);
    }
  } catch (error) {
    problems.push(`The outline icon ${icons.outlineName} cannot be checked (${error instanceof Error ? error.message : String(error)}).`);
  }
  return problems;
}
