import { BANDS, NOMINAL_SKY_SIGMA } from "./observing.ts";
import type { CropBox, ImageInput } from "./preprocess.ts";
import { bandsToRgb } from "./rgb.ts";

/**
 * Auto-framing: for a picture of unknown pixel scale (a JPEG from anywhere), find the central source
 * and crop so that it fills the frame the way it does in the training images.
 *
 * 1. Luminance: the mean of R, G, B in [0, 1] (a stretched picture), or, for flux planes, the
 *    survey asinh stretch of rgb.ts after scaling each plane to the simulator's sky noise — the same
 *    brightness scale the training images have.
 * 2. Work on a copy binned (area average) to at most WORK_SIDE pixels a side, so the steps below cost
 *    the same for any picture; smooth it with a Gaussian of σ = 1 working pixel.
 * 3. Background = median, noise = 1.4826 × MAD of the smoothed map; pixels above
 *    bg + max(4 noise, 2% of the range) are "source"; 8-connected components are the objects.
 * 4. Objects whose box lies within the outer 15% of a side (captions, watermarks, logos) are not
 *    candidates. Point sources are not either, unless nothing else is: every star in a picture has
 *    the PSF's shape, so the most compact object's half-peak radius (√(area above half its peak / π),
 *    on the smoothed map) estimates the PSF's; objects within POINT_LIKE × that radius, round
 *    (minor/major RMS axis ratio ≥ 0.75) and concentrated (RMS radius < 0.75 × half-peak radius: a
 *    stretched star is a flat-topped core with little light outside) are taken for stars. This is a
 *    heuristic: small round galaxies can pass for stars, which is why stars are only set aside when
 *    something else is there; the centre weighting of step 5 does most of the work. (Profile-shape tests that work on
 *    linear fluxes, such as isophotal versus half-peak area, fail on asinh-stretched pictures, where
 *    every profile looks logarithmic.)
 * 5. The central source is the candidate of largest flux × exp(−d² / 2(0.2 D)²), d its centroid's
 *    distance from the picture's centre and D the shorter side: a neighbour a third of the frame
 *    away must be ~5× brighter to win.
 * 6. Its size: the flux-weighted second moments of the unsmoothed map over its pixels; the radius is
 *    the RMS extent along the major axis, r = √λ_max. The crop is a square of side
 *    FRAME_SIDE_PER_RADIUS × r centred on the centroid: the ratio measured with this same function on
 *    simulated training cutouts (trainingFraming, checked by the tests), so the galaxy ends up as
 *    large in the network's 64 pixels as the training galaxies were.
 */

/** Working resolution: pictures are binned to at most this many pixels a side before segmenting. */
export const WORK_SIDE = 128;
/** Objects up to this multiple of the most compact object's half-peak radius, and round, are point-like (step 4). */
export const POINT_LIKE = 1.3;
/** Objects whose bounding box lies within this fraction of the frame from an edge are ignored (captions). */
export const EDGE_BAND = 0.15;

/**
 * Crop side over the central source's RMS major-axis radius in the simulated training cutouts (64 px
 * frames), measured by `measureFraming` on 300 cutouts of each set with seed "framing" (the median;
 * the unit tests re-measure it from the simulator and fail if it drifts by more than 5%).
 */
export const FRAME_SIDE_PER_RADIUS = { morphology: 11.93, lens: 10.41 };
export type FramingSet = keyof typeof FRAME_SIDE_PER_RADIUS;

/** One object found in the picture (working pixels unless said otherwise). */
export interface FoundSource {
  /** Centroid, input pixels. */
  x: number;
  y: number;
  /** RMS radius along the major axis, input pixels. */
  radius: number;
  /** Background-subtracted luminance summed over the object (working pixels). */
  flux: number;
  pixels: number;
  /** √(area above half the peak / π) on the smoothed map, input pixels. */
  halfRadius: number;
  /** Minor over major RMS axis (1 = round). */
  axisRatio: number;
  /** Box within the outer band of the frame: a caption or watermark, not a candidate. */
  atEdge: boolean;
}

export interface FrameResult {
  /** The square to hand to preprocess (input pixels; may reach outside the picture). */
  crop: CropBox;
  /** The central source, or null when none stood out (the crop is then the centred square). */
  source: FoundSource | null;
  /** Every object found, for display and tests. */
  sources: FoundSource[];
}

/** Mean of R, G, B in [0, 1] of an RGBA picture, or the stretched luminance of flux planes (step 1). */
export function luminance(input: ImageInput): Float32Array {
  const n = input.width * input.height;
  const out = new Float32Array(n);
  if (input.kind === "rgba") {
    for (let p = 0; p < n; p++) out[p] = (input.data[4 * p] + input.data[4 * p + 1] + input.data[4 * p + 2]) / 765;
    return out;
  }
  const flux = new Float32Array(3 * n);
  BANDS.forEach((band, b) => {
    const src = input.planes[input.planes.length === 3 ? b : 0];
    const plane = flux.subarray(b * n, (b + 1) * n);
    for (let p = 0; p < n; p++) plane[p] = Number.isFinite(src[p]) ? src[p] : Number.NaN;
    if (input.units !== "nanomaggies") {
      const finite = plane.filter((v) => Number.isFinite(v));
      const med = quantile(finite, 0.5);
      const noise =
        1.4826 *
          quantile(
            finite.map((v) => Math.abs(v - med)),
            0.5,
          ) || 1;
      const k = NOMINAL_SKY_SIGMA[band] / noise;
      for (let p = 0; p < n; p++) plane[p] = Number.isFinite(plane[p]) ? (plane[p] - med) * k : 0;
    } else for (let p = 0; p < n; p++) if (!Number.isFinite(plane[p])) plane[p] = 0;
  });
  const rgb = bandsToRgb(flux, n);
  for (let p = 0; p < n; p++) out[p] = (rgb[p] + rgb[n + p] + rgb[2 * n + p]) / 3;
  return out;
}

function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Area-average binning by an integer factor (step 2). */
function bin(lum: Float32Array, w: number, h: number, f: number): { map: Float32Array; W: number; H: number } {
  const W = Math.max(1, Math.floor(w / f));
  const H = Math.max(1, Math.floor(h / f));
  const map = new Float32Array(W * H);
  for (let Y = 0; Y < H; Y++) {
    for (let X = 0; X < W; X++) {
      let s = 0;
      for (let dy = 0; dy < f; dy++) for (let dx = 0; dx < f; dx++) s += lum[(Y * f + dy) * w + X * f + dx];
      map[Y * W + X] = s / (f * f);
    }
  }
  return { map, W, H };
}

/** Separable Gaussian blur of σ = 1 pixel (taps out to 3σ), edges clamped. */
function smooth(map: Float32Array, W: number, H: number): Float32Array {
  const k = [-3, -2, -1, 0, 1, 2, 3].map((d) => Math.exp(-0.5 * d * d));
  const norm = k.reduce((a, b) => a + b, 0);
  const tmp = new Float32Array(W * H);
  const out = new Float32Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let i = 0; i < 7; i++) s += k[i] * map[y * W + Math.min(W - 1, Math.max(0, x + i - 3))];
      tmp[y * W + x] = s / norm;
    }
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let s = 0;
      for (let i = 0; i < 7; i++) s += k[i] * tmp[Math.min(H - 1, Math.max(0, y + i - 3)) * W + x];
      out[y * W + x] = s / norm;
    }
  return out;
}

/** Finds the objects of a luminance map (steps 2–4 and 6), in input-pixel coordinates. */
export function findSources(lum: Float32Array, width: number, height: number): FoundSource[] {
  const f = Math.max(1, Math.ceil(Math.max(width, height) / WORK_SIDE));
  const { map, W, H } = bin(lum, width, height, f);
  const sm = smooth(map, W, H);
  const bg = quantile(sm, 0.5);
  const mad =
    1.4826 *
    quantile(
      sm.map((v) => Math.abs(v - bg)),
      0.5,
    );
  let peak = -Infinity;
  for (const v of sm) peak = Math.max(peak, v);
  const t = Math.max(4 * mad, 0.02 * (peak - bg), 1e-6);
  const label = new Int32Array(W * H).fill(-1);
  const sources: FoundSource[] = [];
  const stack: number[] = [];
  const members: number[] = [];
  const edgeX = EDGE_BAND * W;
  const edgeY = EDGE_BAND * H;
  for (let start = 0; start < W * H; start++) {
    if (label[start] !== -1 || sm[start] - bg <= t) continue;
    const id = sources.length;
    label[start] = id;
    stack.push(start);
    members.length = 0;
    while (stack.length > 0) {
      const p = stack.pop()!;
      members.push(p);
      const px = p % W;
      const py = (p - px) / W;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const qx = px + dx;
          const qy = py + dy;
          if (qx < 0 || qy < 0 || qx >= W || qy >= H) continue;
          const q = qy * W + qx;
          if (label[q] === -1 && sm[q] - bg > t) {
            label[q] = id;
            stack.push(q);
          }
        }
    }
    // Moments of the unsmoothed map (background subtracted, negatives ignored) over the object.
    let s = 0,
      sx = 0,
      sy = 0,
      pk = 0;
    let x0 = W,
      x1 = 0,
      y0 = H,
      y1 = 0;
    for (const p of members) {
      const v = Math.max(0, map[p] - bg);
      const x = p % W;
      const y = (p - x) / W;
      s += v;
      sx += v * x;
      sy += v * y;
      pk = Math.max(pk, sm[p] - bg);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    if (s <= 0) {
      sources.push({ x: 0, y: 0, radius: 0, flux: 0, pixels: members.length, halfRadius: 0, axisRatio: 1, atEdge: true });
      continue;
    }
    const cx = sx / s;
    const cy = sy / s;
    let mxx = 0,
      myy = 0,
      mxy = 0,
      half = 0;
    for (const p of members) {
      const v = Math.max(0, map[p] - bg);
      const x = p % W;
      const y = (p - x) / W;
      mxx += v * (x - cx) ** 2;
      myy += v * (y - cy) ** 2;
      mxy += v * (x - cx) * (y - cy);
      if (sm[p] - bg >= 0.5 * pk) half++;
    }
    mxx /= s;
    myy /= s;
    mxy /= s;
    // Largest eigenvalue of the 2 × 2 second-moment matrix.
    const root = Math.sqrt(0.25 * (mxx - myy) ** 2 + mxy * mxy);
    const lambda = 0.5 * (mxx + myy) + root;
    const lambdaMin = Math.max(0, 0.5 * (mxx + myy) - root);
    const atEdge = x1 < edgeX || x0 > W - 1 - edgeX || y1 < edgeY || y0 > H - 1 - edgeY;
    sources.push({
      // Working pixel i covers input pixels [i f, (i + 1) f): its centre is at (i + ½) f − ½.
      x: (cx + 0.5) * f - 0.5,
      y: (cy + 0.5) * f - 0.5,
      radius: Math.sqrt(Math.max(0, lambda)) * f,
      flux: s,
      pixels: members.length,
      halfRadius: Math.sqrt(Math.max(1, half) / Math.PI) * f,
      axisRatio: lambda > 0 ? Math.sqrt(lambdaMin / lambda) : 1,
      atEdge,
    });
  }
  return sources;
}

/** Step 5: the central source among `sources` of a `width` × `height` picture, or null. */
export function centralSource(sources: readonly FoundSource[], width: number, height: number): FoundSource | null {
  const candidates = sources.filter((s) => !s.atEdge && s.flux > 0 && s.pixels >= 3);
  const psf = Math.min(...sources.filter((s) => s.flux > 0 && s.pixels >= 3).map((s) => s.halfRadius));
  const pointLike = (s: FoundSource) => s.halfRadius <= POINT_LIKE * psf && s.axisRatio >= 0.75 && s.radius < 0.75 * s.halfRadius;
  const extended = candidates.filter((s) => !pointLike(s));
  const pool = extended.length > 0 ? extended : candidates;
  const scale = 0.2 * Math.min(width, height);
  let best: FoundSource | null = null;
  let bestScore = 0;
  for (const s of pool) {
    const d2 = (s.x - (width - 1) / 2) ** 2 + (s.y - (height - 1) / 2) ** 2;
    const score = s.flux * Math.exp(-d2 / (2 * scale * scale));
    if (score > bestScore) {
      bestScore = score;
      best = s;
    }
  }
  return best;
}

/**
 * Frames `input` on its central source (steps 1–6): the crop for preprocess. With no source found,
 * the largest centred square (what preprocess does by default).
 */
export function autoFrame(input: ImageInput, set: FramingSet = "morphology", lum: Float32Array = luminance(input)): FrameResult {
  const { width, height } = input;
  const sources = findSources(lum, width, height);
  const source = centralSource(sources, width, height);
  const side0 = Math.min(width, height);
  if (!source || !(source.radius > 0)) {
    return { crop: { x: Math.floor((width - side0) / 2), y: Math.floor((height - side0) / 2), side: side0 }, source: null, sources };
  }
  // Never smaller than 8 input pixels (a few pixels of signal cannot be blown up into a galaxy).
  const side = Math.max(8, FRAME_SIDE_PER_RADIUS[set] * source.radius);
  return { crop: { x: source.x + 0.5 - side / 2, y: source.y + 0.5 - side / 2, side }, source, sources };
}
