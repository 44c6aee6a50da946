import type { Rng } from "../random/rng.ts";
import { BAND_NOISE, BANDS, IMAGE_SIZE, NOMINAL_SKY_SIGMA, PSF_BAND_FACTOR, arcsecToPixels } from "./observing.ts";
import { convolvePsf } from "./psf.ts";
import { draw, LENS, NOMINAL_LOOK, OBSERVING } from "./ranges.ts";
import { LEGACY_SURVEY_STRETCH, bandsToRgb, smoothChroma } from "./rgb.ts";
import type { RgbStretch } from "./rgb.ts";
import { Scene } from "./scene.ts";
import { addNeighbours, addStars, drawEdgeOn, drawElliptical, drawIrregular, drawMerger, drawSpiral } from "./galaxies.ts";
import type { DrawnGalaxy, GalaxyDetails, Structure } from "./galaxies.ts";
import { drawLensScene } from "./lensScenes.ts";
import type { LensParams, LookalikeParams } from "./lensScenes.ts";

/** The galaxy-morphology classes, in the model's output order. */
export const MORPHOLOGY_CLASSES = ["elliptical", "spiral", "edge-on", "irregular", "merger"] as const;
export type MorphologyClass = (typeof MORPHOLOGY_CLASSES)[number];

/** The lens-finder classes, in the model's output order (index 1 is the positive class). */
export const LENS_CLASSES = ["non-lens", "lens"] as const;
export type LensClass = (typeof LENS_CLASSES)[number];

export type CutoutKind = MorphologyClass | LensClass;

/** How the cutout was observed. */
export interface ObservingParams {
  /** Core FWHM of the PSF in r, arcseconds. */
  psfFwhmArcsec: number;
  /** Core FWHM in pixels per band [g, r, z] (of the binned pixels). */
  psfFwhmPixels: [number, number, number];
  psfWingFraction: number;
  /** Native 0.262″ pixels averaged along each side of a pixel (1 for lens-finder cutouts). */
  binning: number;
  /** Noise multiplier relative to the nominal depth. */
  depth: number;
  /** Sky noise σ per pixel [g, r, z] (nanomaggies): depth × NOMINAL_SKY_SIGMA / binning. */
  skySigma: [number, number, number];
  /** Constant left by sky subtraction [g, r, z] (nanomaggies). */
  skyOffset: [number, number, number];
  /** The survey look: the stretch that made the picture and whether its colour was JPEG-smoothed. */
  stretch: RgbStretch;
  chromaSmoothed: boolean;
}

/** Everything that went into a cutout. */
export interface CutoutParams {
  kind: CutoutKind;
  /** The main galaxy (the red galaxy for lens-finder cutouts, the brightest member for mergers). */
  structure: Structure;
  details: GalaxyDetails;
  /** Lensing parameters ("lens" only). */
  lens: LensParams | null;
  /** How a "non-lens" was made to resemble a lens. */
  lookalike: LookalikeParams | null;
  /** Background galaxies, foreground stars and (lenses) unlensed blue companions added. */
  neighbours: number;
  stars: number;
  companions: number;
  observing: ObservingParams;
}

/** A simulated cutout. */
export interface Cutout {
  /** The network input: CHW float32 [R, G, B] planes of 64 × 64 in [0, 1] (R = z, G = r, B = g; see rgb.ts), in the cutout's drawn survey look. */
  image: Float32Array;
  /** The calibrated fluxes: planes [g, r, z] in nanomaggies per pixel, sky subtracted, with noise. */
  flux: Float32Array;
  params: CutoutParams;
}

export interface SimulateOptions {
  /** Buffers to write into (3 × 64 × 64 each) instead of new ones: saves allocation in bulk generation. */
  image?: Float32Array;
  flux?: Float32Array;
  /**
   * "randomised" (default): the survey look is drawn per cutout (OBSERVING), as the classifiers are
   * trained. "nominal": one look (NOMINAL_LOOK seeing and depth, native pixels, the Legacy Survey
   * stretch, no colour smoothing), for models and figures that expect pictures that all look alike.
   */
  look?: "randomised" | "nominal";
}

// One set of working buffers, reused by every call (JavaScript runs one call at a time per thread).
const scene = new Scene(IMAGE_SIZE);

const drawers: Record<MorphologyClass, (s: Scene, rng: Rng, x: number, y: number) => DrawnGalaxy> = {
  elliptical: drawElliptical,
  spiral: drawSpiral,
  "edge-on": drawEdgeOn,
  irregular: drawIrregular,
  merger: drawMerger,
};

/**
 * Simulates one survey-like colour cutout of `kind`. Deterministic: the same `rng` state gives the
 * same bytes on every platform (pass `rng.fork(label)` per image for order-independent datasets).
 *
 * Steps: choose the observing conditions (OBSERVING); draw the main object near the centre and its
 * surroundings in calibrated flux (galaxies.ts, lensScenes.ts); convolve each band with the PSF;
 * add Poisson (sky + source) and read noise and a sky-subtraction residual; stretch to RGB (rgb.ts)
 * in a randomly drawn survey look (gain, colour balance and tilt, softening, sky offset, saturation, and
 * JPEG-like colour smoothing): domain randomisation, so that a network trained on these pictures
 * does not learn one survey's colours.
 *
 * Binning (morphology cutouts only): a pixel averages b × b native pixels, so the PSF is b times
 * narrower in pixels and the noise b times lower, while the surface brightness per pixel (what
 * the galaxies are drawn in) is unchanged — a galaxy of the same size in pixels that is b times
 * larger on the sky, as when a nearby galaxy's picture is shrunk to the frame.
 */
export function simulateCutout(kind: CutoutKind, rng: Rng, options: SimulateOptions = {}): Cutout {
  const size = IMAGE_SIZE;
  const n = size * size;
  scene.reset();
  const lensFinder = kind === "lens" || kind === "non-lens";
  const nominal = options.look === "nominal";
  // Lens searches run on good-seeing colour images (LENS.seeing, LENS.saturation).
  const fwhm = draw(rng, nominal ? NOMINAL_LOOK.psfFwhm : lensFinder ? LENS.seeing : OBSERVING.psfFwhm);
  const wing = draw(rng, OBSERVING.psfWingFraction);
  const depth = draw(rng, nominal ? NOMINAL_LOOK.depth : OBSERVING.depth);
  const binning = lensFinder || nominal ? 1 : draw(rng, OBSERVING.binning);
  // At least 1 pixel: a pixel integrates light over its area, and shrinking a picture smooths it
  // further, so even a sharp PSF spreads a star over a few pixels.
  const fwhmPx = BANDS.map((b) => Math.max(1, (arcsecToPixels(fwhm) / binning) * PSF_BAND_FACTOR[b])) as [number, number, number];
  scene.psfFwhm = fwhmPx[1];
  const offR = draw(rng, OBSERVING.centreOffset) * Math.sqrt(rng.next());
  const offA = rng.uniform(0, 2 * Math.PI);
  const cx = (size - 1) / 2 + offR * Math.cos(offA);
  const cy = (size - 1) / 2 + offR * Math.sin(offA);

  let main: DrawnGalaxy;
  let lens: LensParams | null = null;
  let lookalike: LookalikeParams | null = null;
  let companions = 0;
  let keepClear: number;
  if (kind === "lens" || kind === "non-lens") {
    ({ main, lens, lookalike, companions, keepClear } = drawLensScene(kind, scene, rng, cx, cy, { psfFwhmArcsec: fwhm, depth }));
  } else {
    main = drawers[kind](scene, rng, cx, cy);
    // Neighbours keep clear of the galaxy's body so that only mergers have overlapping companions;
    // small, faint ones may sit in its outskirts, as satellites and background galaxies do.
    keepClear = kind === "merger" ? 26 : Math.min(26, 5 + 1.3 * main.structure.effectiveRadius);
  }
  const neighbours = addNeighbours(scene, rng, cx, cy, keepClear);
  // Stars keep clear of the galaxy's body (a star on it would read as a second nucleus).
  const starsClear = kind === "merger" || kind === "lens" || kind === "non-lens" ? keepClear : 8 + 2.2 * main.structure.effectiveRadius;
  const stars = addStars(scene, rng, cx, cy, Math.min(20, starsClear));

  convolvePsf(scene.bands, scene.blurred, size, fwhmPx, wing, scene.tmp, scene.tmp2);

  const flux = options.flux ?? new Float32Array(3 * n);
  const skySigma = [0, 0, 0] as [number, number, number];
  const skyOffset = [0, 0, 0] as [number, number, number];
  BANDS.forEach((band, b) => {
    const noise = BAND_NOISE[band];
    const sigma = (depth * NOMINAL_SKY_SIGMA[band]) / binning;
    skySigma[b] = sigma;
    skyOffset[b] = draw(rng, OBSERVING.skyResidual) * sigma;
    const invGain = 1 / noise.gain;
    const read2 = noise.readNoise * noise.readNoise;
    const base = b * n;
    for (let p = 0; p < n; p++) {
      const f = scene.blurred[base + p];
      // Poisson noise of sky + source (Gaussian approximation: many electrons per pixel) and read
      // noise, averaged over the binning² native pixels.
      const sd = (depth / binning) * Math.sqrt((noise.sky + Math.max(0, f)) * invGain + read2);
      flux[base + p] = f + skyOffset[b] + sd * rng.normal();
    }
  });
  const stretch = nominal ? LEGACY_SURVEY_STRETCH : drawStretch(rng, lensFinder);
  const chromaSmoothed = !nominal && rng.bernoulli(OBSERVING.chromaSmoothing.min);
  const image = bandsToRgb(flux, n, options.image ?? new Float32Array(3 * n), stretch);
  if (chromaSmoothed) smoothChroma(image, size);
  return {
    image,
    flux,
    params: {
      kind,
      structure: main.structure,
      details: main.details,
      lens,
      lookalike,
      neighbours,
      stars,
      companions,
      observing: {
        psfFwhmArcsec: fwhm,
        psfFwhmPixels: fwhmPx,
        psfWingFraction: wing,
        binning,
        depth,
        skySigma,
        skyOffset,
        stretch,
        chromaSmoothed,
      },
    },
  };
}

/** A randomised survey look's stretch (OBSERVING; the lens finder's saturation from LENS). */
function drawStretch(rng: Rng, lensFinder: boolean): RgbStretch {
  const base = LEGACY_SURVEY_STRETCH.scales;
  const gain = draw(rng, OBSERVING.stretchGain);
  // A warm or cool tilt: the z (red) scale × e^tilt, the g (blue) scale × e^−tilt.
  const tilt = draw(rng, OBSERVING.colourTilt);
  return {
    scales: [0, 1, 2].map((b) => base[b] * gain * draw(rng, OBSERVING.colourBalance) * Math.exp((b - 1) * tilt)) as [
      number,
      number,
      number,
    ],
    m: draw(rng, OBSERVING.stretchOffset),
    Q: draw(rng, OBSERVING.stretchQ),
    saturation: draw(rng, lensFinder ? LENS.saturation : OBSERVING.saturation),
    peak: draw(rng, OBSERVING.peak),
  };
}
