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
    const top = Math.max(R, G, B);
    if (top > 1) {
      R /= top;
      G /= top;
      B /= top;
    }
    out[p] = R;
    out[n + p] = G;
    out[2 * n + p] = B;
  }
  return out;
}
