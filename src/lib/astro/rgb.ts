/**
 * g, r, z fluxes → an RGB picture, the way the Legacy Survey viewer draws its JPEGs: the
 * colour-preserving asinh stretch of Lupton et al. (2004, PASP 116, 133), with the band weights and
 * offset of legacypipe's `sdss_rgb`/`dr2_rgb`:
 *
 *     v_b = max(0, s_b f_b + m)                   per band, s_g = 6.0, s_r = 3.4, s_z = 2.2, m = 0.03
 *     I   = (v_g + v_r + v_z) / 3                 a mean intensity
 *     k   = asinh(Q I) / (√Q · I),  Q = 20        the stretch, applied to all bands alike
 *     (R, G, B) = k · (v_z, v_r, v_g)             z shown red, r green, g blue
 *
 * Because one factor k multiplies all three bands, colours (flux ratios) survive the stretch: faint
 * and bright parts of a red galaxy are both red. asinh is linear for faint light (the noise stays
 * visible, as in the viewer) and logarithmic for bright light (cores do not saturate at once). Where a
 * channel would exceed 1 we divide all three by the largest (Lupton's choice) instead of clipping
 * each, so a bright red core stays red rather than turning white.
 */

/** The stretch's parameters (legacypipe's DR2 values). */
export interface RgbStretch {
  /** Multipliers of the g, r, z fluxes (nanomaggies) before the stretch. */
  scales: readonly [number, number, number];
  /** Offset added to each scaled band: lifts the sky to a dark grey so noise stays visible. */
  m: number;
  /** Softening: how soon asinh turns from linear to logarithmic. */
  Q: number;
  /**
   * Colour saturation (default 1): each pixel's (R, G, B) is moved towards its grey mean I' by this
   * factor, (R, G, B) → I' + s · ((R, G, B) − I'), before the division by the largest channel.
   */
  saturation?: number;
  /**
   * The brightest value of the picture's central object (default none: Lupton's per-pixel division
   * where a channel exceeds 1). When given, the whole picture is scaled so that the largest channel
   * value in its central square (the middle half of each side, where the object is) is `peak` (an
   * enlargement by at most 8×), and clipped at 1, as a viewer that sets the white level from the
   * galaxy does: its core keeps its structure instead of flattening into a white plateau, and a
   * brighter star elsewhere saturates.
   */
  peak?: number;
}

export const LEGACY_SURVEY_STRETCH: RgbStretch = { scales: [6.0, 3.4, 2.2], m: 0.03, Q: 20 };

/**
 * Stretches band planes [g, r, z] (nanomaggies, `n` pixels each, one plane after another) into
 * `out` as CHW planes [R, G, B] with values in [0, 1]. Returns `out`.
 */
export function bandsToRgb(
  flux: ArrayLike<number>,
  n: number,
  out: Float32Array = new Float32Array(3 * n),
  stretch: RgbStretch = LEGACY_SURVEY_STRETCH,
): Float32Array {
  const [sg, sr, sz] = stretch.scales;
  const { m, Q } = stretch;
  const sat = stretch.saturation ?? 1;
  let max = 0;
  const side = Math.round(Math.sqrt(n));
  const sqrtQ = Math.sqrt(Q);
  for (let p = 0; p < n; p++) {
    const g = Math.max(0, flux[p] * sg + m);
    const r = Math.max(0, flux[n + p] * sr + m);
    const z = Math.max(0, flux[2 * n + p] * sz + m);
    const I = (g + r + z) / 3;
    const k = I > 0 ? Math.asinh(Q * I) / (sqrtQ * I) : 0;
    let R = z * k;
    let G = r * k;
    let B = g * k;
    if (sat !== 1) {
      const grey = (R + G + B) / 3;
      R = Math.max(0, grey + sat * (R - grey));
      G = Math.max(0, grey + sat * (G - grey));
      B = Math.max(0, grey + sat * (B - grey));
    }
    const top = Math.max(R, G, B);
    if (stretch.peak === undefined && top > 1) {
      R /= top;
      G /= top;
      B /= top;
    }
    const i = p % side;
    const j = (p - i) / side;
    if (4 * i >= side && 4 * i < 3 * side && 4 * j >= side && 4 * j < 3 * side) max = Math.max(max, top);
    out[p] = R;
    out[n + p] = G;
    out[2 * n + p] = B;
  }
  if (stretch.peak !== undefined && max > 0) {
    const scale = Math.min(8, stretch.peak / max);
    for (let p = 0; p < 3 * n; p++) out[p] = Math.min(1, out[p] * scale);
  }
  return out;
}

/**
 * JPEG-like colour smoothing of a CHW [R, G, B] picture of size × size (in place): like JPEG's 4:2:0
 * chroma subsampling, the colour of each 2 × 2 block (each channel's difference from the pixel's grey
 * mean) is replaced by the block's average while each pixel keeps its own brightness; values stay in [0, 1].
 */
export function smoothChroma(rgb: Float32Array, size: number): Float32Array {
  const n = size * size;
  for (let j = 0; j + 1 < size; j += 2) {
    for (let i = 0; i + 1 < size; i += 2) {
      const ps = [j * size + i, j * size + i + 1, (j + 1) * size + i, (j + 1) * size + i + 1];
      const chroma = [0, 0, 0];
      for (const p of ps) {
        const grey = (rgb[p] + rgb[n + p] + rgb[2 * n + p]) / 3;
        for (let c = 0; c < 3; c++) chroma[c] += (rgb[c * n + p] - grey) / 4;
      }
      for (const p of ps) {
        const grey = (rgb[p] + rgb[n + p] + rgb[2 * n + p]) / 3;
        for (let c = 0; c < 3; c++) rgb[c * n + p] = Math.min(1, Math.max(0, grey + chroma[c]));
      }
    }
  }
  return rgb;
}
