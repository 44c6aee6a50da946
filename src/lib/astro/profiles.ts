/**
 * Light profiles and their rendering into pixel buffers.
 *
 * Pixel convention: pixel (i, j) — column i, row j — is the square [i − ½, i + ½] × [j − ½, j + ½],
 * so its centre is at (i, j). A buffer of a `size × size` image is row-major: index j·size + i.
 * Angles are counter-clockwise from the +x axis (to the right) in radians.
 */

/**
 * b_n of the Sérsic profile I(r) = I_e exp(−b_n [(r / r_e)^{1/n} − 1]), chosen so that r_e encloses
 * half the light: Ciotti & Bertin (1999)'s asymptotic series, accurate to 1e-4 for n ≥ 0.36.
 */
export function sersicB(n: number): number {
  return 2 * n - 1 / 3 + 4 / (405 * n) + 46 / (25515 * n * n) + 131 / (1148175 * n ** 3);
}

/** A rectangle of pixels, inclusive: columns x0…x1, rows y0…y1. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The pixels within `radius` of (cx, cy), clipped to the image (empty when x0 > x1). */
export function boxAround(cx: number, cy: number, radius: number, size: number): Box {
  return {
    x0: Math.max(0, Math.floor(cx - radius)),
    x1: Math.min(size - 1, Math.ceil(cx + radius)),
    y0: Math.max(0, Math.floor(cy - radius)),
    y1: Math.min(size - 1, Math.ceil(cy + radius)),
  };
}

/** The whole image as a box. */
export function fullBox(size: number): Box {
  return { x0: 0, x1: size - 1, y0: 0, y1: size - 1 };
}

/** An elliptical Sérsic component: centre, half-light radius along the major axis, n, axis ratio, angle. */
export interface SersicShape {
  x: number;
  y: number;
  /** Half-light radius along the major axis (pixels). */
  re: number;
  n: number;
  /** Axis ratio b/a in (0, 1]. */
  q: number;
  /** Position angle of the major axis (radians). */
  angle: number;
}

// Pixels closer than this to a profile's centre are integrated over a 4 × 4 sub-grid: a Sérsic core
// with r_e of a few pixels changes a lot across one pixel, and sampling only the centre would
// misplace light. Farther out the profile is smooth on pixel scales.
const OVERSAMPLE_RADIUS = 2;
const SUB = 4;

/**
 * Writes the Sérsic profile with I_e = 1 into `out` over the pixels of `box` (overwriting them; the
 * rest of `out` is untouched) and returns the sum of the written values. The profile is cut where it
 * falls below 1e-4 I_e (the box should cover that radius: see `sersicExtent`).
 */
export function renderSersic(out: Float32Array, size: number, box: Box, s: SersicShape): number {
  const b = sersicB(s.n);
  const halfInvN = 0.5 / s.n;
  const invRe2 = 1 / (s.re * s.re);
  const c = Math.cos(s.angle);
  const sn = Math.sin(s.angle);
  const invQ = 1 / s.q;
  const expB = Math.exp(b);
  const profile = (dx: number, dy: number): number => {
    const u = dx * c + dy * sn;
    const v = (-dx * sn + dy * c) * invQ;
    return expB * Math.exp(-b * Math.pow((u * u + v * v) * invRe2, halfInvN));
  };
  let sum = 0;
  const r0 = OVERSAMPLE_RADIUS * OVERSAMPLE_RADIUS;
  for (let j = box.y0; j <= box.y1; j++) {
    const dy = j - s.y;
    for (let i = box.x0; i <= box.x1; i++) {
      const dx = i - s.x;
      let v: number;
      if (dx * dx + dy * dy < r0) {
        v = 0;
        for (let a = 0; a < SUB; a++) {
          for (let bb = 0; bb < SUB; bb++) v += profile(dx + (a + 0.5) / SUB - 0.5, dy + (bb + 0.5) / SUB - 0.5);
        }
        v /= SUB * SUB;
      } else {
        v = profile(dx, dy);
      }
      if (v < 1e-4) v = 0;
      out[j * size + i] = v;
      sum += v;
    }
  }
  return sum;
}

/** Major-axis radius (pixels) where a Sérsic profile falls to 1e-4 I_e: [(1 + ln 10⁴ / b)^n] r_e. */
export function sersicExtent(re: number, n: number): number {
  return re * (1 + 9.21 / sersicB(n)) ** n;
}

/** erf(x) by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-ax * ax);
  return sign * y;
}

// Scratch for pixel-integrated 1-D Gaussian weights (a blob never spans more than the image).
const weightsX = new Float64Array(256);
const weightsY = new Float64Array(256);

/**
 * Fills w[k] (k = 0 … hi − lo) with the fraction of a 1-D Gaussian N(mu, σ²) falling in pixel lo + k:
 * Φ((i + ½ − μ)/σ) − Φ((i − ½ − μ)/σ), so the weights of a blob well inside the image sum to 1
 * even when σ is smaller than a pixel.
 */
function pixelGaussian(w: Float64Array, lo: number, hi: number, mu: number, sigma: number): void {
  const k = 1 / (Math.SQRT2 * sigma);
  let prev = erf((lo - 0.5 - mu) * k);
  for (let i = lo; i <= hi; i++) {
    const next = erf((i + 0.5 - mu) * k);
    w[i - lo] = 0.5 * (next - prev);
    prev = next;
  }
}

/**
 * Adds a round Gaussian blob of total flux fluxes[b] to each band plane of `bands` (planes of
 * size² pixels, one after another), integrating the Gaussian over each pixel.
 */
export function addGaussian(bands: Float32Array, size: number, x: number, y: number, sigma: number, fluxes: readonly number[]): void {
  const box = boxAround(x, y, 4 * sigma + 1, size);
  if (box.x0 > box.x1 || box.y0 > box.y1) return;
  pixelGaussian(weightsX, box.x0, box.x1, x, sigma);
  pixelGaussian(weightsY, box.y0, box.y1, y, sigma);
  const plane = size * size;
  for (let b = 0; b < fluxes.length; b++) {
    const f = fluxes[b];
    const base = b * plane;
    for (let j = box.y0; j <= box.y1; j++) {
      const wy = weightsY[j - box.y0] * f;
      const row = base + j * size;
      for (let i = box.x0; i <= box.x1; i++) bands[row + i] += wy * weightsX[i - box.x0];
    }
  }
}

/** Adds a point source (before the PSF) of fluxes[b] per band, split bilinearly among the 4 nearest pixels. */
export function addPoint(bands: Float32Array, size: number, x: number, y: number, fluxes: readonly number[]): void {
  const i0 = Math.floor(x);
  const j0 = Math.floor(y);
  const fx = x - i0;
  const fy = y - j0;
  const plane = size * size;
  const corners: [number, number, number][] = [
    [i0, j0, (1 - fx) * (1 - fy)],
    [i0 + 1, j0, fx * (1 - fy)],
    [i0, j0 + 1, (1 - fx) * fy],
    [i0 + 1, j0 + 1, fx * fy],
  ];
  for (const [i, j, w] of corners) {
    if (i < 0 || j < 0 || i >= size || j >= size) continue;
    for (let b = 0; b < fluxes.length; b++) bands[b * plane + j * size + i] += w * fluxes[b];
  }
}

/**
 * Adds `scale · sed[b] · src[p]` to band plane b of `bands` for the pixels p of `box`: deposits a
 * unit-shape component rendered into `src` with a colour. With `tau` (an optical-depth shape over
 * the same pixels) and per-band depths `tauScale[b]`, the light is dimmed by exp(−tauScale[b]·tau[p]).
 */
export function deposit(
  bands: Float32Array,
  size: number,
  src: Float32Array,
  box: Box,
  scale: number,
  sed: readonly number[],
  tau?: { map: Float32Array; scale: readonly number[] },
): void {
  const plane = size * size;
  for (let b = 0; b < sed.length; b++) {
    const f = scale * sed[b];
    const base = b * plane;
    const ts = tau === undefined ? 0 : tau.scale[b];
    for (let j = box.y0; j <= box.y1; j++) {
      const row = j * size;
      for (let i = box.x0; i <= box.x1; i++) {
        const p = row + i;
        const v = f * src[p];
        bands[base + p] += tau === undefined ? v : v * Math.exp(-ts * tau.map[p]);
      }
    }
  }
}
