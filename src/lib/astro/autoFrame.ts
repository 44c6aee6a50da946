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
 * 3. Background and noise from the faint tail of the smoothed map (see findSources); pixels above
 *    bg + max(4 noise, 2% of the range), opened to drop thin lines (openMask), are "source";
 *    8-connected components are the objects.
 * 4. Objects whose box lies within the outer 15% of a side (captions, watermarks, logos) are not
 *    candidates, nor are drawn lines anywhere (a marker box around the target, text): objects that
 *    fill less than MIN_FILL of the ellipse with their second moments. Point sources are not either, unless nothing else is: every star in a picture has
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
 * 6. Its size: the half-light radius r of the unsmoothed map over its pixels (the circle around the
 *    centroid holding half the object's background-subtracted light), robust to faint outskirts
 *    merged into the object (arcs, a neighbour's halo) that would inflate second moments; the crop
 *    is a square of side
 *    FRAME_SIDE_PER_RADIUS × r centred on the centroid: the ratio measured with this same function on
 *    simulated training cutouts (trainingFraming, checked by the tests), so the galaxy ends up as
 *    large in the network's 64 pixels as the training galaxies were.
 */

/** Working resolution: pictures are binned to at most this many pixels a side before segmenting. */
export const WORK_SIDE = 128;
/** Objects up to this multiple of the most compact object's half-peak radius, and round, are point-like (step 4). */
export const POINT_LIKE = 1.3;
/** Objects covering less than this fraction of their moment ellipse are drawn lines (boxes, text), not candidates. */
export const MIN_FILL = 0.35;
/** Objects whose bounding box lies within this fraction of the frame from an edge are ignored (captions). */
export const EDGE_BAND = 0.15;

/**
 * Crop side over the central source's half-light radius in the simulated training cutouts (64 px
 * frames), measured by `measureFraming` on 300 cutouts of each set with seed "framing" (the median;
 * the unit tests re-measure it from the simulator and fail if it drifts by more than 5%).
 */
export const FRAME_SIDE_PER_RADIUS = { morphology: 7.77, lens: 7.86 };
export type FramingSet = keyof typeof FRAME_SIDE_PER_RADIUS;

/** One object found in the picture (working pixels unless said otherwise). */
export interface FoundSource {
  /** Centroid, input pixels. */
  x: number;
  y: number;
  /** Half-light radius around the centroid, input pixels. */
  radius: number;
  /** Background-subtracted luminance summed over the object (working pixels). */
  flux: number;
  pixels: number;
  /** √(area above half the peak / π) on the smoothed map, input pixels. */
  halfRadius: number;
  /** Minor over major RMS axis (1 = round). */
  axisRatio: number;
  /**
   * Pixels over the area of the uniform ellipse with the same (unweighted) second moments: ≈ 1 for a
   * filled blob, far less for an outline (a box drawn around a target) or scattered text.
   */
  fill: number;
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

/**
 * The pixels above `level`, morphologically opened (eroded, then dilated, by a 3 × 3 square): lines
 * one or two working pixels wide (a marker box drawn around the target, text strokes, a thin trail)
 * disappear, and no longer join the objects they touch; blobs keep their shape.
 */
function openMask(map: Float32Array, W: number, H: number, level: number): Uint8Array {
  const above = (x: number, y: number) => x >= 0 && y >= 0 && x < W && y < H && map[y * W + x] > level;
  const eroded = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      let all = true;
      for (let dy = -1; dy <= 1 && all; dy++) for (let dx = -1; dx <= 1 && all; dx++) all = above(x + dx, y + dy);
      eroded[y * W + x] = all ? 1 : 0;
    }
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      if (!eroded[y * W + x]) continue;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const X = x + dx;
          const Y = y + dy;
          if (X >= 0 && Y >= 0 && X < W && Y < H) out[Y * W + X] = 1;
        }
    }
  return out;
}

/** Radius around (cx, cy) of the circle holding half of `total`, the object's light above `bg` (working pixels). */
function halfLightRadius(
  members: readonly number[],
  map: Float32Array,
  W: number,
  bg: number,
  cx: number,
  cy: number,
  total: number,
): number {
  const byDistance = members.map((p) => {
    const x = p % W;
    const y = (p - x) / W;
    return { d: Math.hypot(x - cx, y - cy), v: Math.max(0, map[p] - bg) };
  });
  byDistance.sort((a, b) => a.d - b.d);
  let acc = 0;
  for (const { d, v } of byDistance) {
    acc += v;
    // A pixel's light is spread over its area: count its distance to its outer half (+0.5).
    if (acc >= 0.5 * total) return d + 0.5;
  }
  return byDistance.length > 0 ? byDistance[byDistance.length - 1].d + 0.5 : 0;
}

/** Finds the objects of a luminance map (steps 2–4 and 6), in input-pixel coordinates. */
export function findSources(lum: Float32Array, width: number, height: number): FoundSource[] {
  const f = Math.max(1, Math.ceil(Math.max(width, height) / WORK_SIDE));
  const { map, W, H } = bin(lum, width, height, f);
  const sm = smooth(map, W, H);
  // Sky level and noise from the faint tail only (a galaxy may cover most of the frame, so the median
  // can be galaxy light): for Gaussian sky noise the 5th and 20th percentiles lie 1.645σ and 0.842σ
  // below the mean, so σ = (q20 − q5) / 0.803 and the sky is q20 + 0.842σ.
  const q05 = quantile(sm, 0.05);
  const q20 = quantile(sm, 0.2);
  const noise = (q20 - q05) / 0.8033;
  const bg = q20 + 0.8416 * noise;
  let peak = -Infinity;
  for (const v of sm) peak = Math.max(peak, v);
  const t = Math.max(4 * noise, 0.02 * (peak - bg), 1e-6);
  const mask = openMask(sm, W, H, bg + t);
  const label = new Int32Array(W * H).fill(-1);
  const coreLabel = new Int32Array(W * H).fill(-1);
  const sources: FoundSource[] = [];
  const stack: number[] = [];
  const edgeX = EDGE_BAND * W;
  const edgeY = EDGE_BAND * H;
  let id = 0;
  for (let start = 0; start < W * H; start++) {
    if (label[start] !== -1 || !mask[start]) continue;
    id++;
    label[start] = id;
    stack.push(start);
    const component: number[] = [];
    while (stack.length > 0) {
      const p = stack.pop()!;
      component.push(p);
      const px = p % W;
      const py = (p - px) / W;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const qx = px + dx;
          const qy = py + dy;
          if (qx < 0 || qy < 0 || qx >= W || qy >= H) continue;
          const q = qy * W + qx;
          if (label[q] === -1 && mask[q]) {
            label[q] = id;
            stack.push(q);
          }
        }
    }
    for (const members of deblend(component, sm, W, bg, coreLabel)) sources.push(measure(members));
  }
  return sources;

  /** One object's position, size and shape (steps 4 and 6). */
  function measure(members: readonly number[]): FoundSource {
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
    if (s <= 0) return { x: 0, y: 0, radius: 0, flux: 0, pixels: members.length, halfRadius: 0, axisRatio: 1, fill: 0, atEdge: true };
    const cx = sx / s;
    const cy = sy / s;
    let mxx = 0,
      myy = 0,
      mxy = 0,
      half = 0;
    // Unweighted moments of the object's pixels, for its fill factor (how much of its ellipse it covers).
    let gx = 0,
      gy = 0,
      gxx = 0,
      gyy = 0,
      gxy = 0;
    for (const p of members) {
      const v = Math.max(0, map[p] - bg);
      const x = p % W;
      const y = (p - x) / W;
      mxx += v * (x - cx) ** 2;
      myy += v * (y - cy) ** 2;
      mxy += v * (x - cx) * (y - cy);
      if (sm[p] - bg >= 0.5 * pk) half++;
      gx += x;
      gy += y;
      gxx += x * x;
      gyy += y * y;
      gxy += x * y;
    }
    mxx /= s;
    myy /= s;
    mxy /= s;
    // Largest eigenvalue of the 2 × 2 second-moment matrix.
    const root = Math.sqrt(0.25 * (mxx - myy) ** 2 + mxy * mxy);
    const lambda = 0.5 * (mxx + myy) + root;
    const lambdaMin = Math.max(0, 0.5 * (mxx + myy) - root);
    const m = members.length;
    const ux = gx / m;
    const uy = gy / m;
    const det = (gxx / m - ux * ux + 1 / 12) * (gyy / m - uy * uy + 1 / 12) - (gxy / m - ux * uy) ** 2;
    // A uniform ellipse of second moments λ₁, λ₂ has area 4π√(λ₁λ₂) (each pixel adds 1/12 of its own).
    const fill = m / (4 * Math.PI * Math.sqrt(Math.max(det, 1e-12)));
    const atEdge = x1 < edgeX || x0 > W - 1 - edgeX || y1 < edgeY || y0 > H - 1 - edgeY;
    return {
      // Working pixel i covers input pixels [i f, (i + 1) f): its centre is at (i + ½) f − ½.
      x: (cx + 0.5) * f - 0.5,
      y: (cy + 0.5) * f - 0.5,
      radius: halfLightRadius(members, map, W, bg, cx, cy, s) * f,
      flux: s,
      pixels: members.length,
      halfRadius: Math.sqrt(Math.max(1, half) / Math.PI) * f,
      axisRatio: lambda > 0 ? Math.sqrt(lambdaMin / lambda) : 1,
      fill,
      atEdge,
    };
  }
}

/**
 * Splits an object that holds several bright cores (a galaxy merged with a neighbour at the
 * detection threshold): the cores are its connected parts above half its peak (on the smoothed map)
 * that hold at least a tenth of the brightest core's light; every pixel goes to the core whose
 * centroid is nearest. One core: the object is returned whole.
 */
function deblend(members: readonly number[], sm: Float32Array, W: number, bg: number, coreLabel: Int32Array): number[][] {
  let pk = 0;
  for (const p of members) pk = Math.max(pk, sm[p] - bg);
  const level = 0.5 * pk;
  const cores: { flux: number; x: number; y: number }[] = [];
  const inObject = new Set(members);
  for (const start of members) {
    if (coreLabel[start] !== -1 || sm[start] - bg <= level) continue;
    const k = cores.length;
    const core = { flux: 0, x: 0, y: 0 };
    const stack = [start];
    coreLabel[start] = k;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const v = sm[p] - bg;
      const x = p % W;
      const y = (p - x) / W;
      core.flux += v;
      core.x += v * x;
      core.y += v * y;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          if (x + dx < 0 || x + dx >= W) continue;
          const q = p + dy * W + dx;
          if (inObject.has(q) && coreLabel[q] === -1 && sm[q] - bg > level) {
            coreLabel[q] = k;
            stack.push(q);
          }
        }
    }
    cores.push({ flux: core.flux, x: core.x / core.flux, y: core.y / core.flux });
  }
  const brightest = Math.max(...cores.map((c) => c.flux));
  const kept = cores.filter((c) => c.flux >= 0.1 * brightest);
  if (kept.length <= 1) return [[...members]];
  const parts: number[][] = kept.map(() => []);
  for (const p of members) {
    const x = p % W;
    const y = (p - x) / W;
    let best = 0;
    for (let k = 1; k < kept.length; k++)
      if (Math.hypot(x - kept[k].x, y - kept[k].y) < Math.hypot(x - kept[best].x, y - kept[best].y)) best = k;
    parts[best].push(p);
  }
  return parts;
}

/** Step 5: the central source among `sources` of a `width` × `height` picture, or null. */
export function centralSource(sources: readonly FoundSource[], width: number, height: number): FoundSource | null {
  const candidates = sources.filter((s) => !s.atEdge && s.flux > 0 && s.pixels >= 3 && s.fill >= MIN_FILL);
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
  // Never smaller than 8 input pixels (a few pixels of signal cannot be blown up into a galaxy), and
  // never wider than the picture's longer side: someone framed the picture around its object, and a
  // crop wider than that means the object merged with its surroundings (arcs, halos, neighbours).
  const side = Math.min(Math.max(width, height), Math.max(8, FRAME_SIDE_PER_RADIUS[set] * source.radius));
  return { crop: { x: source.x + 0.5 - side / 2, y: source.y + 0.5 - side / 2, side }, source, sources };
}
