import type { Rng } from "../random/rng.ts";
import type { Dataset } from "../data/dataset.ts";

/**
 * A toy photometric-redshift catalogue: galaxy colours in the five SDSS bands (u, g, r, i, z) and
 * each galaxy's true redshift, for regressing z from colours with a dense network.
 *
 * The physics, kept deliberately small:
 *
 * 1. **Rest-frame spectrum.** A galaxy of type t ∈ [0, 1] (0 = old, red elliptical; 1 = young,
 *    blue star-forming disc) has the flux density per unit frequency
 *        f_ν(λ) = (λ / 500 nm)^β(t) · B(λ),   β(t) = 1.6 − 1.6 t,
 *    a power law that rises to the red for old stellar populations and is flat (blue) for young ones.
 * 2. **The 4000 Å break.** Old stars' metal absorption lines pile up blueward of 400 nm, so the
 *    flux drops by a factor D(t) = 2.2 − 1.0 t below the break:
 *        B(λ) = 1 / D(t) + (1 − 1 / D(t)) · logistic((λ − 400 nm) / 8 nm).
 *    The break is the main redshift signal: strong for ellipticals, weak for star-forming galaxies.
 * 3. **Redshift.** Light emitted at λ is observed at λ(1 + z). A filter centred on λ_b therefore
 *    samples the rest-frame spectrum at λ_b / (1 + z) (we treat filters as narrow). As z grows the
 *    break walks from the u/g boundary (z ≈ 0) through g, r and i into z (z ≈ 1.2), reddening first
 *    g − r, then r − i, then i − z.
 * 4. **Magnitudes and colours.** m_b = −2.5 log₁₀ f_ν(λ_b / (1 + z)) + const + noise; the distance
 *    dimming and the constant are the same in every band, so they cancel in colours
 *        c = m_a − m_b = −2.5 log₁₀ [f_ν(λ_a / (1 + z)) / f_ν(λ_b / (1 + z))].
 *    Each magnitude gets independent Gaussian noise of σ = `magError` (photometric errors), so
 *    neighbouring colours share noise, as in real catalogues.
 *
 * What it leaves out, on purpose: dust, emission lines, the Lyman break (blueward of u for z < 2),
 * real filter curves and the K-correction's dependence on them. It keeps the essential difficulty:
 * galaxy type and redshift both redden colours, so some colours are ambiguous — the network has to
 * use all four colours together, and the scatter grows with the photometric noise.
 */

/** Central wavelengths of the SDSS u, g, r, i, z filters, in nm. */
export const SDSS_BANDS = { u: 354, g: 477, r: 623, i: 763, z: 913 } as const;

/** Redshift range of the catalogue (the 4000 Å break stays inside the filters: 913/400 − 1 ≈ 1.28). */
export const PHOTOZ_RANGE = { min: 0.02, max: 1.2 } as const;

/** Rest-frame f_ν of a galaxy of type t at wavelength λ (nm), in arbitrary units (see the module notes). */
export function restFrameFlux(lambdaNm: number, type: number): number {
  const beta = 1.6 - 1.6 * type;
  const breakStrength = 2.2 - 1.0 * type;
  const step = 1 / (1 + Math.exp(-(lambdaNm - 400) / 8));
  const b = 1 / breakStrength + (1 - 1 / breakStrength) * step;
  return (lambdaNm / 500) ** beta * b;
}

/** Noise-free colours [u−g, g−r, r−i, i−z] of a galaxy of type t at redshift z. */
export function galaxyColors(z: number, type: number): number[] {
  const bands = [SDSS_BANDS.u, SDSS_BANDS.g, SDSS_BANDS.r, SDSS_BANDS.i, SDSS_BANDS.z];
  const mags = bands.map((l) => -2.5 * Math.log10(restFrameFlux(l / (1 + z), type)));
  return mags.slice(0, 4).map((m, k) => m - mags[k + 1]);
}

export interface PhotozOptions {
  /** Number of galaxies. */
  n: number;
  /** σ of each band's magnitude error (mag). Typical survey values 0.02–0.2. */
  magError: number;
}

/**
 * n galaxies with z uniform in PHOTOZ_RANGE and type t uniform in [0, 1]; inputs are the four noisy
 * colours, the target is the true redshift.
 */
export function photozCatalog(rng: Rng, options: PhotozOptions): Dataset {
  const bands = [SDSS_BANDS.u, SDSS_BANDS.g, SDSS_BANDS.r, SDSS_BANDS.i, SDSS_BANDS.z];
  const x: number[][] = [];
  const y: number[] = [];
  for (let k = 0; k < options.n; k++) {
    const z = rng.uniform(PHOTOZ_RANGE.min, PHOTOZ_RANGE.max);
    const type = rng.uniform(0, 1);
    const mags = bands.map((l) => -2.5 * Math.log10(restFrameFlux(l / (1 + z), type)) + rng.normal(0, options.magError));
    x.push(mags.slice(0, 4).map((m, j) => m - mags[j + 1]));
    y.push(z);
  }
  return { x, y, inputNames: ["u−g", "g−r", "r−i", "i−z"], targetName: "redshift z", task: "regression" };
}
