import type { ImageInput } from "./preprocess.ts";

/**
 * What is odd about a picture's colours, and what preprocessing does about it:
 *
 * - **grey**: one band only (a single FITS plane, or R = G = B within 2/255 for 99% of the pixels).
 *   The networks were trained on g, r, z colour; a grey picture is replicated into all three, so the
 *   network sees a flat spectrum and colour cues (red ellipticals, blue arcs) are missing.
 * - **inverted**: a bright sky with dark sources (a negative, as printed charts show the sky): the
 *   sky (the median of the outer 10% of the frame) is brighter than 0.6 and the centre holds pixels
 *   darker than it by 0.2. Inverted back (255 − v) before anything else.
 * - **overexposed**: more than 3% of the pixels have a channel at ≥ 250 of 255 (burnt-out cores):
 *   the structure there is lost; the picture is used as it is.
 */
export interface ColourCheck {
  grey: boolean;
  inverted: boolean;
  overexposed: boolean;
  /** Fraction of pixels with a saturated channel (RGBA only; 0 for flux planes). */
  saturatedFraction: number;
  /** Sentences for the person, one per finding. */
  warnings: string[];
}

export const GREY_TOLERANCE = 2;
export const SATURATED_FRACTION_MAX = 0.03;

export function checkColours(input: ImageInput): ColourCheck {
  const { width, height } = input;
  const n = width * height;
  if (input.kind === "bands") {
    const grey = input.planes.length === 1;
    return { grey, inverted: false, overexposed: false, saturatedFraction: 0, warnings: grey ? [GREY_WARNING] : [] };
  }
  const d = input.data;
  let colourful = 0;
  let saturated = 0;
  for (let p = 0; p < n; p++) {
    const r = d[4 * p],
      g = d[4 * p + 1],
      b = d[4 * p + 2];
    if (Math.abs(r - g) > GREY_TOLERANCE || Math.abs(g - b) > GREY_TOLERANCE || Math.abs(r - b) > GREY_TOLERANCE) colourful++;
    if (r >= 250 || g >= 250 || b >= 250) saturated++;
  }
  const grey = colourful <= 0.01 * n;
  const lum = (x: number, y: number) => (d[4 * (y * width + x)] + d[4 * (y * width + x) + 1] + d[4 * (y * width + x) + 2]) / 765;
  // The sky: the outer 10% of the frame; the centre: the middle half.
  const border: number[] = [];
  const centre: number[] = [];
  const bx = Math.max(1, Math.floor(0.1 * width));
  const by = Math.max(1, Math.floor(0.1 * height));
  const step = Math.max(1, Math.floor(Math.sqrt(n / 40000)));
  for (let y = 0; y < height; y += step)
    for (let x = 0; x < width; x += step) {
      if (x < bx || y < by || x >= width - bx || y >= height - by) border.push(lum(x, y));
      else if (x >= width / 4 && x < (3 * width) / 4 && y >= height / 4 && y < (3 * height) / 4) centre.push(lum(x, y));
    }
  border.sort((a, b) => a - b);
  centre.sort((a, b) => a - b);
  const sky = border.length > 0 ? border[border.length >> 1] : 0;
  const darkest = centre.length > 0 ? centre[Math.floor(0.02 * centre.length)] : sky;
  const inverted = sky > 0.6 && darkest < sky - 0.2;
  const saturatedFraction = saturated / n;
  // An inverted picture's white sky is "saturated" but not overexposed; judge it after inverting.
  const overexposed = !inverted && saturatedFraction > SATURATED_FRACTION_MAX;
  const warnings: string[] = [];
  if (inverted)
    warnings.push(
      "The picture looks inverted (a bright sky with dark objects, like a printed negative); it was inverted back before classifying.",
    );
  if (grey) warnings.push(GREY_WARNING);
  if (overexposed)
    warnings.push(
      `${(100 * saturatedFraction).toFixed(0)}% of the pixels are saturated (burnt-out white): the structure there is lost, so the answer is less reliable.`,
    );
  return { grey, inverted, overexposed, saturatedFraction, warnings };
}

const GREY_WARNING =
  "The picture has one band only (grey): it was copied into the three colour bands the network expects, so the network cannot use colour (red ellipticals, blue arms and arcs).";

/** The negative of RGBA bytes (alpha kept): undoes an inverted picture. */
export function invertRgba(data: ArrayLike<number>, pixels: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(4 * pixels);
  for (let p = 0; p < pixels; p++) {
    out[4 * p] = 255 - data[4 * p];
    out[4 * p + 1] = 255 - data[4 * p + 1];
    out[4 * p + 2] = 255 - data[4 * p + 2];
    out[4 * p + 3] = data[4 * p + 3];
  }
  return out;
}
