import { BANDS, IMAGE_SIZE, NOMINAL_SKY_SIGMA } from "./observing.ts";
import { bandsToRgb } from "./rgb.ts";

/**
 * Turns any image into the networks' input — the one function the browser, the classify CLI and the
 * tests share, so a model sees the same numbers wherever it runs:
 *
 *     Float32Array, CHW [R, G, B] planes of 64 × 64, values in [0, 1]
 *
 * the format of `simulateCutout(...).image`. Two kinds of input:
 *
 * - **"rgba"**: an already-stretched colour picture (a Legacy Survey or SDSS JPEG/PNG decoded by a
 *   canvas: RGBA bytes, rows top first). Values are divided by 255; grey pictures give R = G = B.
 * - **"bands"**: fluxes (e.g. from FITS), one plane (grey) or three planes in the order g, r, z.
 *   With `units: "nanomaggies"` (Legacy Survey cutouts are sky-subtracted and calibrated) the planes
 *   go straight into the survey stretch (rgb.ts). With `units: "unknown"` (the default) each plane's
 *   background (median) is subtracted and it is rescaled so that its noise (1.4826 × the median
 *   absolute deviation) equals the simulator's nominal sky noise in that band: the image then has
 *   the signal-to-noise contrast the networks were trained on. A single plane is used for all three
 *   bands (a grey image: the colour the network sees is that of a flat spectrum). NaNs (blank pixels)
 *   become the background.
 *
 * Geometry: the largest centred square is cut out (or the square `options.crop` names: the field the
 * networks were trained on at a known pixel scale, or the frame auto-framing chose), then resampled to 64 × 64 — by averaging the
 * input pixels each output pixel covers (area weights) when shrinking, by bilinear interpolation when
 * enlarging. Fluxes are resampled before the stretch (averaging fluxes, not colours, is what a
 * coarser pixel would have measured).
 */
export type ImageInput =
  | { kind: "rgba"; width: number; height: number; data: ArrayLike<number> }
  | { kind: "bands"; width: number; height: number; planes: readonly ArrayLike<number>[]; units?: "nanomaggies" | "unknown" };

export interface Preprocessed {
  /** CHW [R, G, B], 3 × 64 × 64, in [0, 1]. */
  data: Float32Array;
  width: number;
  height: number;
  /** The square that was used: left, top, side (input pixels; may be fractional and reach outside the image). */
  crop: CropBox;
}

/** A square of the input, in input pixels: left, top, side. Parts outside the image read as background. */
export interface CropBox {
  x: number;
  y: number;
  side: number;
}

export interface PreprocessOptions {
  /**
   * The square to resample instead of the largest centred one: from the pixel scale (pixelScale.ts
   * nativeCrop) or auto-framing (autoFrame.ts). Outside the image, RGBA pictures read as their
   * median colour (the sky) and flux planes as blank (then filled with the background).
   */
  crop?: CropBox;
}

/**
 * One output pixel's source: the first input index and the weights of consecutive input pixels, and
 * the weight of those that lie outside the image (they read as the fill; 0 when all are inside).
 */
interface Tap {
  start: number;
  weights: number[];
  outside?: number;
}

/** Weights mapping `inSize` input pixels (from `offset`) onto `outSize` output pixels along one axis. */
export function axisTaps(inSize: number, outSize: number, offset = 0): Tap[] {
  const scale = inSize / outSize;
  const taps: Tap[] = [];
  for (let o = 0; o < outSize; o++) {
    if (scale >= 1) {
      // Area average over [o·scale, (o + 1)·scale).
      const a = o * scale;
      const b = (o + 1) * scale;
      const start = Math.floor(a);
      const weights: number[] = [];
      for (let i = start; i < b; i++) weights.push((Math.min(b, i + 1) - Math.max(a, i)) / scale);
      taps.push({ start: offset + start, weights });
    } else {
      // Bilinear: the output pixel centre maps to input coordinate x = (o + ½)·scale − ½.
      const x = Math.min(inSize - 1, Math.max(0, (o + 0.5) * scale - 0.5));
      const i0 = Math.min(inSize - 2, Math.floor(x));
      if (inSize === 1) {
        taps.push({ start: offset, weights: [1] });
        continue;
      }
      const f = x - i0;
      taps.push({ start: offset + i0, weights: [1 - f, f] });
    }
  }
  return taps;
}

/**
 * Like axisTaps for a span of input coordinates [start, start + side) that need not be whole pixels
 * nor inside the image: area weights of every input pixel the output pixel overlaps when shrinking,
 * bilinear interpolation between the two nearest pixel centres when enlarging.
 */
export function spanTaps(start: number, side: number, outSize: number, extent = Infinity): Tap[] {
  const scale = side / outSize;
  const taps: Tap[] = [];
  for (let o = 0; o < outSize; o++) {
    if (scale >= 1) {
      const a = start + o * scale;
      const b = a + scale;
      // Only pixels inside [0, extent) get a tap of their own; the rest is one weight for the fill,
      // so a crop far larger than the picture costs what the picture's pixels cost.
      const first = Math.max(0, Math.floor(a));
      const last = Math.min(extent, Math.ceil(b));
      const weights: number[] = [];
      for (let i = first; i < last; i++) weights.push((Math.min(b, i + 1) - Math.max(a, i)) / scale);
      // Exactly 0 when the span lies inside (a NaN fill times a rounding residue would still be NaN).
      const outside = (Math.max(0, Math.min(b, 0) - a) + Math.max(0, b - Math.max(a, extent))) / scale;
      taps.push({ start: first, weights, outside });
    } else {
      const x = start + (o + 0.5) * scale - 0.5;
      const i0 = Math.floor(x);
      const pair = [1 - (x - i0), x - i0];
      const inImage = (i: number) => i >= 0 && i < extent;
      taps.push({
        start: i0,
        weights: pair.map((w, k) => (inImage(i0 + k) ? w : 0)),
        outside: pair.reduce((sum, w, k) => sum + (inImage(i0 + k) ? 0 : w), 0),
      });
    }
  }
  return taps;
}

/**
 * Resamples one plane through per-axis taps: rows first, then columns. Pixels outside the image read
 * as `fill`: each axis's weights sum to 1, so the outside pixels of an output pixel weigh
 * 1 − (Σ inside row weights)(Σ inside column weights).
 */
function resample(get: (x: number, y: number) => number, rows: readonly Tap[], cols: readonly Tap[], out: Float32Array, fill = 0): void {
  const outW = cols.length;
  for (let oy = 0; oy < rows.length; oy++) {
    const ty = rows[oy];
    for (let ox = 0; ox < outW; ox++) {
      const tx = cols[ox];
      let acc = 0;
      for (let a = 0; a < ty.weights.length; a++) {
        if (ty.weights[a] === 0) continue;
        const y = ty.start + a;
        let row = 0;
        for (let b = 0; b < tx.weights.length; b++) if (tx.weights[b] !== 0) row += tx.weights[b] * get(tx.start + b, y);
        acc += ty.weights[a] * row;
      }
      if (ty.outside || tx.outside) acc += fill * (1 - (1 - (ty.outside ?? 0)) * (1 - (tx.outside ?? 0)));
      out[oy * outW + ox] = acc;
    }
  }
}

function median(values: Float32Array): number {
  const sorted = Float32Array.from(values).sort();
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m] : 0.5 * (sorted[m - 1] + sorted[m]);
}

/** Per-channel median of RGBA bytes, in [0, 1]: the sky colour that pads a crop reaching outside the picture. */
function rgbaMedian(data: ArrayLike<number>, pixels: number): [number, number, number] {
  // A strided sample of at most ~20 000 pixels is plenty for a median and keeps big pictures fast.
  const step = Math.max(1, Math.floor(pixels / 20000));
  const out: [number, number, number] = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    const values: number[] = [];
    for (let p = 0; p < pixels; p += step) values.push(data[p * 4 + c]);
    out[c] = median(Float32Array.from(values)) / 255;
  }
  return out;
}

/** Subtracts the median and rescales so that 1.4826 × MAD equals `sigma` (in place). */
function normaliseNoise(plane: Float32Array, sigma: number): void {
  const med = median(plane);
  const dev = plane.map((v) => Math.abs(v - med));
  let noise = 1.4826 * median(dev);
  if (!(noise > 0)) {
    // A noiseless image: fall back to the spread of all values, then to 1.
    let s = 0;
    for (const v of plane) s += (v - med) ** 2;
    noise = Math.sqrt(s / plane.length) || 1;
  }
  const k = sigma / noise;
  for (let p = 0; p < plane.length; p++) plane[p] = (plane[p] - med) * k;
}

/** The shared preprocessing (see the type's comment): any image → 3 × 64 × 64 network input. */
export function preprocess(input: ImageInput, size = IMAGE_SIZE, options: PreprocessOptions = {}): Preprocessed {
  const { width, height } = input;
  if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) {
    throw new RangeError(`preprocess: width and height must be positive integers, got ${width} × ${height}`);
  }
  let crop: CropBox;
  let cols: Tap[];
  let rows: Tap[];
  if (options.crop) {
    crop = options.crop;
    if (!(crop.side > 0 && Number.isFinite(crop.side) && Number.isFinite(crop.x) && Number.isFinite(crop.y))) {
      throw new RangeError(`preprocess: the crop must be a finite square of positive side, got ${JSON.stringify(crop)}`);
    }
    cols = spanTaps(crop.x, crop.side, size, width);
    rows = spanTaps(crop.y, crop.side, size, height);
  } else {
    const side = Math.min(width, height);
    crop = { x: Math.floor((width - side) / 2), y: Math.floor((height - side) / 2), side };
    cols = axisTaps(side, size, crop.x);
    rows = axisTaps(side, size, crop.y);
  }
  const n = size * size;
  const out = new Float32Array(3 * n);
  if (input.kind === "rgba") {
    if (input.data.length < width * height * 4)
      throw new RangeError(`preprocess: RGBA data of ${width} × ${height} needs ${width * height * 4} values, got ${input.data.length}`);
    const sky = options.crop ? rgbaMedian(input.data, width * height) : [0, 0, 0];
    for (let c = 0; c < 3; c++) {
      const fill = sky[c];
      resample((x, y) => input.data[(y * width + x) * 4 + c] / 255, rows, cols, out.subarray(c * n, (c + 1) * n), fill);
    }
    for (let p = 0; p < out.length; p++) out[p] = Math.min(1, Math.max(0, out[p]));
    return { data: out, width: size, height: size, crop };
  }
  const planes = input.planes;
  if (planes.length !== 1 && planes.length !== 3)
    throw new RangeError(`preprocess: give 1 (grey) or 3 (g, r, z) flux planes, got ${planes.length}`);
  for (const p of planes) {
    if (p.length < width * height)
      throw new RangeError(`preprocess: a ${width} × ${height} plane needs ${width * height} values, got ${p.length}`);
  }
  const flux = new Float32Array(3 * n);
  const calibrated = input.units === "nanomaggies";
  BANDS.forEach((band, b) => {
    const src = planes[planes.length === 3 ? b : 0];
    const dst = flux.subarray(b * n, (b + 1) * n);
    resample(
      (x, y) => {
        const v = src[y * width + x];
        return Number.isFinite(v) ? v : Number.NaN;
      },
      rows,
      cols,
      dst,
      Number.NaN,
    );
    // Blank pixels: replace by the plane's median (the background) after resampling.
    if (dst.some((v) => !Number.isFinite(v))) {
      const finite = dst.filter((v) => Number.isFinite(v));
      const fill = finite.length > 0 ? median(finite) : 0;
      for (let p = 0; p < n; p++) if (!Number.isFinite(dst[p])) dst[p] = fill;
    }
    if (!calibrated) normaliseNoise(dst, NOMINAL_SKY_SIGMA[band]);
  });
  bandsToRgb(flux, n, out);
  return { data: out, width: size, height: size, crop };
}
