/**
 * The imaging survey the simulator imitates: the DESI Legacy Imaging Surveys (DECaLS with DECam),
 * whose colour cutouts (g, r, z bands shown as blue, green, red) are the everyday view of a galaxy
 * for many astronomers. Fluxes are in nanomaggies, the Legacy Survey (and SDSS) linear flux unit:
 *     m = 22.5 − 2.5 log₁₀ f,   so f = 1 nmgy ⇔ m = 22.5 (AB).
 *
 * The numbers below are round values for a typical DECaLS coadd, chosen so that simulated images
 * have the contrast of the real ones. They are not a calibration of any particular brick.
 */

/** Side of a cutout in pixels (the network's input is 3 × 64 × 64). */
export const IMAGE_SIZE = 64;

/** Arcseconds per pixel: the DECam / Legacy Survey coadd pixel, so a cutout is 16.8″ across. */
export const PIXEL_SCALE_ARCSEC = 0.262;

/** Magnitude of a source of 1 nanomaggy. */
export const ZERO_POINT = 22.5;

/** The three bands, in the order of every flux buffer ([g plane, r plane, z plane]). */
export const BANDS = ["g", "r", "z"] as const;

export type Band = (typeof BANDS)[number];

/**
 * Per-band noise model of one coadd pixel (before sky subtraction):
 *     variance = (sky + f) / gain + readNoise²
 * where f ≥ 0 is the source flux in the pixel. The sky level comes from typical dark-sky surface
 * brightnesses at CTIO (g 22.0, r 21.0, z 19.6 mag/arcsec²) times the pixel area (0.0686 arcsec²);
 * the gain (electrons per nanomaggy of the whole coadd) is set so that the sky-limited noise matches
 * the DECaLS 5σ point-source depths g 24.0, r 23.4, z 22.5 for 1.3″ seeing; the read noise is a
 * small extra floor (a tenth of the variance) from the several exposures that make a coadd.
 */
export interface BandNoise {
  /** Sky brightness per pixel, nanomaggies (subtracted again, as the pipeline does). */
  sky: number;
  /** Electrons per nanomaggy (sets the Poisson noise of sky and source). */
  gain: number;
  /** Read noise of the coadd, in nanomaggies per pixel. */
  readNoise: number;
}

/** Sky-limited noise σ per pixel (nanomaggies) of the nominal survey depth: g 0.0073, r 0.0127, z 0.029. */
export const NOMINAL_SKY_SIGMA: Readonly<Record<Band, number>> = { g: 0.0073, r: 0.0127, z: 0.029 };

const SKY_LEVEL: Readonly<Record<Band, number>> = { g: 0.109, r: 0.273, z: 0.99 };

/** The noise model of each band, derived from the sky level and NOMINAL_SKY_SIGMA (90% Poisson, 10% read). */
export const BAND_NOISE: Readonly<Record<Band, BandNoise>> = Object.fromEntries(
  BANDS.map((b) => {
    const sigma2 = NOMINAL_SKY_SIGMA[b] ** 2;
    return [b, { sky: SKY_LEVEL[b], gain: SKY_LEVEL[b] / (0.9 * sigma2), readNoise: Math.sqrt(0.1 * sigma2) }];
  }),
) as Record<Band, BandNoise>;

/**
 * Seeing grows towards the blue (atmospheric turbulence: FWHM ∝ λ^−0.2); relative to r, the g band
 * (475 nm) is 6% broader and z (915 nm) 7% sharper.
 */
export const PSF_BAND_FACTOR: Readonly<Record<Band, number>> = { g: 1.06, r: 1, z: 0.93 };

/** Nanomaggies of a source of AB magnitude `mag`. */
export function magToFlux(mag: number): number {
  return 10 ** (-0.4 * (mag - ZERO_POINT));
}

/** AB magnitude of `flux` nanomaggies (NaN for flux ≤ 0). */
export function fluxToMag(flux: number): number {
  return flux > 0 ? ZERO_POINT - 2.5 * Math.log10(flux) : Number.NaN;
}

/** A colour as flux ratios per band relative to r: [f_g/f_r, 1, f_z/f_r] from g − r and r − z. */
export type Sed = readonly [number, number, number];

/** The flux ratios of a source with colours g − r and r − z (magnitudes; larger g − r is redder). */
export function sedFromColours(gMinusR: number, rMinusZ: number): Sed {
  return [10 ** (-0.4 * gMinusR), 1, 10 ** (0.4 * rMinusZ)];
}

/** Pixels per arcsecond → pixels: `arcsec` arcseconds on the sky in pixels. */
export function arcsecToPixels(arcsec: number): number {
  return arcsec / PIXEL_SCALE_ARCSEC;
}
