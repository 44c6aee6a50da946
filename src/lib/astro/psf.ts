/**
 * The point-spread function, applied to each band plane as a sum of two circular Gaussians:
 *     PSF = (1 − w) · G(σ) + w · G(2.2 σ),   σ = FWHM / 2.3548
 * A ground-based PSF is close to a Moffat profile (β ≈ 3), a Gaussian core with power-law wings; the
 * broad second Gaussian carrying w ≈ 6–14% of the light imitates those wings. Each Gaussian is
 * separable (a row pass, then a column pass), so a 64 × 64 plane costs ~2·(taps)·4096 operations
 * instead of a 2-D convolution's (taps)²·4096; the wing, whose σ is large, is approximated by three
 * box filters (running sums, cost independent of σ). Light falling outside the image is lost, as it
 * would be from a real cutout.
 */

/** Ratio of the wing Gaussian's σ to the core's. */
export const PSF_WING_WIDTH = 2.2;

/** σ of a Gaussian with this FWHM: FWHM = 2√(2 ln 2) σ ≈ 2.3548 σ. */
export function fwhmToSigma(fwhm: number): number {
  return fwhm / (2 * Math.sqrt(2 * Math.LN2));
}

/** Normalised 1-D Gaussian taps out to 3σ (at least one tap each side), centre at index `radius`. */
export function gaussianTaps(sigma: number): Float32Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const taps = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let k = -radius; k <= radius; k++) {
    const v = Math.exp((-0.5 * k * k) / (sigma * sigma));
    taps[k + radius] = v;
    sum += v;
  }
  for (let k = 0; k < taps.length; k++) taps[k] /= sum;
  return taps;
}

/**
 * dst[p] += weight · (G ⊛ src)[p] for one size × size plane (offsets srcOff / dstOff into their
 * buffers), G the separable Gaussian of `taps`; `tmp` (size² floats) is scratch. Zero outside.
 */
export function addBlurred(
  src: Float32Array,
  srcOff: number,
  dst: Float32Array,
  dstOff: number,
  size: number,
  taps: Float32Array,
  weight: number,
  tmp: Float32Array,
): void {
  const radius = (taps.length - 1) >> 1;
  // Row pass: tmp = rows of src convolved with taps.
  for (let j = 0; j < size; j++) {
    const row = srcOff + j * size;
    const out = j * size;
    for (let i = 0; i < size; i++) {
      const k0 = Math.max(-radius, -i);
      const k1 = Math.min(radius, size - 1 - i);
      let acc = 0;
      for (let k = k0; k <= k1; k++) acc += taps[k + radius] * src[row + i + k];
      tmp[out + i] = acc;
    }
  }
  // Column pass, a whole row of tmp at a time (contiguous reads): dst += weight · columns ⊛ taps.
  for (let j = 0; j < size; j++) {
    const k0 = Math.max(-radius, -j);
    const k1 = Math.min(radius, size - 1 - j);
    const out = dstOff + j * size;
    for (let k = k0; k <= k1; k++) {
      const w = weight * taps[k + radius];
      const from = (j + k) * size;
      for (let i = 0; i < size; i++) dst[out + i] += w * tmp[from + i];
    }
  }
}

/**
 * Widths (odd) of three successive box filters whose combination has variance σ² as closely as
 * integers allow (Kovesi 2010, "Fast almost-Gaussian filtering"): three boxes approximate a Gaussian
 * to a few per cent, at a cost that does not grow with σ.
 */
export function boxWidths(sigma: number): [number, number, number] {
  const passes = 3;
  const ideal = Math.sqrt((12 * sigma * sigma) / passes + 1);
  let wl = Math.floor(ideal);
  if (wl % 2 === 0) wl--;
  wl = Math.max(1, wl);
  const wu = wl + 2;
  const m = Math.round((12 * sigma * sigma - passes * wl * wl - 4 * passes * wl - 3 * passes) / (-4 * wl - 4));
  return [0, 1, 2].map((k) => (k < m ? wl : wu)) as [number, number, number];
}

/** One box-filter pass of odd `width` along rows (stride 1) or columns (stride size), zero outside. */
function boxPass(
  src: Float32Array,
  srcOff: number,
  dst: Float32Array,
  dstOff: number,
  size: number,
  width: number,
  alongRows: boolean,
): void {
  const r = (width - 1) >> 1;
  const inv = 1 / width;
  const step = alongRows ? 1 : size;
  const lineStep = alongRows ? size : 1;
  for (let line = 0; line < size; line++) {
    const s0 = srcOff + line * lineStep;
    const d0 = dstOff + line * lineStep;
    // Running sum over the window [i − r, i + r] of the line.
    let acc = 0;
    for (let k = 0; k <= Math.min(r, size - 1); k++) acc += src[s0 + k * step];
    for (let i = 0; i < size; i++) {
      dst[d0 + i * step] = acc * inv;
      const enter = i + r + 1;
      const leave = i - r;
      if (enter < size) acc += src[s0 + enter * step];
      if (leave >= 0) acc -= src[s0 + leave * step];
    }
  }
}

/**
 * dst[p] += weight · (≈G ⊛ src)[p], G a Gaussian of `sigma` approximated by three box filters in each
 * direction (used for the PSF's broad, faint wing, where a few per cent of shape error is invisible).
 * `tmp` and `tmp2` are size² scratch planes.
 */
export function addBoxBlurred(
  src: Float32Array,
  srcOff: number,
  dst: Float32Array,
  dstOff: number,
  size: number,
  sigma: number,
  weight: number,
  tmp: Float32Array,
  tmp2: Float32Array,
): void {
  const widths = boxWidths(sigma);
  boxPass(src, srcOff, tmp, 0, size, widths[0], true);
  boxPass(tmp, 0, tmp2, 0, size, widths[1], true);
  boxPass(tmp2, 0, tmp, 0, size, widths[2], true);
  boxPass(tmp, 0, tmp2, 0, size, widths[0], false);
  boxPass(tmp2, 0, tmp, 0, size, widths[1], false);
  boxPass(tmp, 0, tmp2, 0, size, widths[2], false);
  const n = size * size;
  for (let p = 0; p < n; p++) dst[dstOff + p] += weight * tmp2[p];
}

/**
 * Convolves each plane of `src` (planes.length planes of size²) with the double-Gaussian PSF of core
 * FWHM fwhm[b] (pixels) and wing fraction `wing`, writing into `dst` (overwritten). `tmp`, `tmp2`: size² scratch.
 */
export function convolvePsf(
  src: Float32Array,
  dst: Float32Array,
  size: number,
  fwhm: readonly number[],
  wing: number,
  tmp: Float32Array,
  tmp2: Float32Array,
): void {
  const plane = size * size;
  dst.fill(0, 0, fwhm.length * plane);
  for (let b = 0; b < fwhm.length; b++) {
    const sigma = fwhmToSigma(fwhm[b]);
    addBlurred(src, b * plane, dst, b * plane, size, gaussianTaps(sigma), 1 - wing, tmp);
    if (wing > 0) addBoxBlurred(src, b * plane, dst, b * plane, size, PSF_WING_WIDTH * sigma, wing, tmp, tmp2);
  }
}
