import type { Rng } from "../random/rng.ts";

/**
 * One simulation parameter: the interval it is drawn from, how, and its unit. The samplers read these
 * objects, and the model cards print them, so the documentation cannot drift from the code. Why each
 * interval is what it is lives in rangeNotes.ts, keyed by the same names (its type demands a note for
 * every parameter): the browser draws galaxies without shipping 7 kB of gzipped prose.
 */
export interface ParamRange {
  min: number;
  max: number;
  /** "linear": uniform in [min, max]; "log": uniform in log (scale-free sizes and ratios); "int": integers min…max. */
  scale: "linear" | "log" | "int";
  unit: string;
}

/** Draws a value of `range` as its `scale` says. */
export function draw(rng: Rng, range: ParamRange): number {
  if (range.scale === "int") return rng.int(range.min, range.max + 1);
  if (range.scale === "log") return Math.exp(rng.uniform(Math.log(range.min), Math.log(range.max)));
  return rng.uniform(range.min, range.max);
}

const r = (min: number, max: number, scale: ParamRange["scale"], unit: string): ParamRange => ({ min, max, scale, unit });

/**
 * Seeing, depth, framing and the survey's look, shared by every cutout (binning: morphology cutouts
 * only). The look (stretch, colour balance, saturation, JPEG-like colour smoothing) randomises the
 * picture the way different surveys' colour images differ: SDSS gri, Legacy Surveys grz, KiDS gri.
 */
export const OBSERVING = {
  psfFwhm: r(0.6, 2, "linear", "arcsec (r band)"),
  psfWingFraction: r(0.06, 0.14, "linear", "of the PSF flux"),
  binning: r(1.5, 6, "log", "× 0.262″ pixel side (native pixels averaged per pixel)"),
  depth: r(0.25, 1.2, "log", "× nominal noise σ"),
  skyResidual: r(-0.15, 0.15, "linear", "× noise σ"),
  centreOffset: r(0, 5, "linear", "pixels (radius)"),
  neighbours: r(0, 5, "int", "galaxies"),
  neighbourRadius: r(0.6, 2.5, "log", "pixels (r_e)"),
  neighbourN: r(0.7, 4, "linear", ""),
  neighbourMag: r(19.5, 23, "linear", "r mag"),
  neighbourGMinusR: r(0.3, 1.7, "linear", "mag"),
  stars: r(0, 5, "int", "stars"),
  starMag: r(15, 22.5, "linear", "r mag"),
  starGMinusR: r(-0.3, 1.4, "linear", "mag"),
  stretchGain: r(0.3, 1.5, "log", "× the stretch's band scales"),
  colourBalance: r(0.85, 1.18, "log", "× each band's scale, drawn per band"),
  colourTilt: r(-0.05, 0.4, "linear", "ln of the z scale's factor (the g scale's is its inverse)"),
  stretchQ: r(5, 30, "log", "asinh softening Q"),
  stretchOffset: r(0.005, 0.06, "linear", "m, added to each scaled band"),
  peak: r(0.65, 1, "linear", "the picture's brightest value (white = 1)"),
  saturation: r(0, 1, "linear", "× each colour's distance from grey"),
  chromaSmoothing: r(0.5, 0.5, "linear", "probability"),
} as const;

/**
 * The one survey look of `simulateCutout(…, { look: "nominal" })`: DECaLS-like seeing and depth at the
 * native pixel scale, stretched with the Legacy Survey's own colours. For pictures that should all
 * look alike — the autoencoder's and the denoiser's data and the lesson figures drawn for them —
 * rather than the classifiers' randomised looks.
 */
export const NOMINAL_LOOK = {
  psfFwhm: r(0.9, 1.6, "linear", "arcsec (r band)"),
  depth: r(0.75, 1.5, "log", "× nominal noise σ"),
} as const;

/** Elliptical galaxies: red, smooth, centrally concentrated Sérsic profiles. */
export const ELLIPTICAL = {
  sersicN: r(2.5, 6, "linear", ""),
  axisRatio: r(0.5, 1, "linear", "b/a"),
  effectiveRadius: r(2.5, 16, "log", "pixels"),
  surfaceBrightness: r(19.5, 22, "linear", "r mag/arcsec² (mean within r_e)"),
  gMinusR: r(0.7, 1, "linear", "mag"),
  rMinusZ: r(0.35, 0.6, "linear", "mag"),
} as const;

/** Spiral galaxies seen at low to moderate inclination: disk, bulge, arms, bar, star-forming knots. */
export const SPIRAL = {
  diskScaleLength: r(2.5, 9, "log", "pixels"),
  surfaceBrightness: r(19.8, 22.5, "linear", "r mag/arcsec² (mean within r_e)"),
  cosInclination: r(0.34, 1, "linear", "cos i"),
  diskThickness: r(0.1, 0.16, "linear", "q₀"),
  bulgeToTotal: r(0.05, 0.6, "linear", ""),
  bulgeN: r(1.5, 4, "linear", ""),
  bulgeRadius: r(0.2, 0.5, "linear", "× h"),
  arms: r(2, 4, "int", "arms"),
  pitchAngle: r(10, 35, "linear", "degrees"),
  armFraction: r(0.3, 0.7, "linear", "of the disk light"),
  armSharpness: r(2, 6, "linear", "exponent"),
  flocculentProbability: r(0.4, 0.4, "linear", ""),
  flocculence: r(0.4, 0.9, "linear", "share of the arms broken into segments"),
  flocculentSegments: r(3, 8, "int", "segments per turn"),
  barProbability: r(0.45, 0.45, "linear", ""),
  barLength: r(0.8, 1.8, "linear", "× h"),
  barAxisRatio: r(0.2, 0.35, "linear", "b/a"),
  barFraction: r(0.05, 0.2, "linear", "of the total light"),
  ringProbability: r(0.25, 0.25, "linear", ""),
  ringRadius: r(1.2, 3, "linear", "× h (at least the bar's half-length)"),
  ringWidth: r(0.15, 0.4, "linear", "× h"),
  ringStrength: r(0.3, 1, "linear", "× the arms' crest"),
  knots: r(0, 40, "int", "HII regions"),
  knotFraction: r(0.03, 0.15, "linear", "of the total light"),
  knotSigma: r(0.4, 1.2, "linear", "pixels"),
  diskGMinusR: r(0.4, 0.65, "linear", "mag"),
  armGMinusR: r(0.15, 0.4, "linear", "mag"),
  knotGMinusR: r(-0.15, 0.2, "linear", "mag"),
  bulgeGMinusR: r(0.65, 0.85, "linear", "mag"),
} as const;

/** Disk galaxies seen edge-on: thin, often split by a dust lane. */
export const EDGE_ON = {
  diskScaleLength: r(3, 10, "log", "pixels"),
  surfaceBrightness: r(20, 22, "linear", "r mag/arcsec² (mean within r_e)"),
  inclination: r(80, 90, "linear", "degrees"),
  thickness: r(0.08, 0.2, "linear", "z₀ / h"),
  bulgeToTotal: r(0, 0.3, "linear", ""),
  bulgeAxisRatio: r(0.55, 0.9, "linear", "b/a"),
  dustProbability: r(0.75, 0.75, "linear", ""),
  dustOpticalDepth: r(0.6, 2.5, "linear", "τ in r"),
  dustWidth: r(0.4, 0.8, "linear", "× z₀"),
  gMinusR: r(0.55, 0.85, "linear", "mag"),
} as const;

/** Irregular galaxies: clumpy, asymmetric, blue. */
export const IRREGULAR = {
  scaleLength: r(2.5, 7, "log", "pixels"),
  surfaceBrightness: r(21, 23, "linear", "r mag/arcsec² (mean within r_e)"),
  axisRatio: r(0.3, 0.9, "linear", "b/a"),
  clumps: r(3, 16, "int", "clumps"),
  clumpFraction: r(0.15, 0.55, "linear", "of the total light"),
  clumpSigma: r(0.4, 2, "linear", "pixels"),
  clumpScatter: r(0.6, 1.5, "linear", "× scale length"),
  asymmetry: r(0.3, 1, "linear", "× scale length"),
  gMinusR: r(0.1, 0.45, "linear", "mag"),
  clumpGMinusR: r(-0.15, 0.25, "linear", "mag"),
} as const;

/** Galaxy mergers: two or three galaxies overlapping, with tidal tails and bridges. */
export const MERGER = {
  thirdMemberProbability: r(0.2, 0.2, "linear", ""),
  memberRadius: r(2, 8, "log", "pixels"),
  surfaceBrightness: r(19.8, 22, "linear", "r mag/arcsec² (mean within r_e)"),
  memberN: r(0.8, 4, "linear", ""),
  memberAxisRatio: r(0.4, 1, "linear", "b/a"),
  separation: r(0.9, 2.6, "linear", "× (r_e,1 + r_e,2), at least 6 px"),
  fluxRatio: r(1, 4, "log", ""),
  tails: r(1, 3, "int", "tails"),
  tailLength: r(1.5, 4, "linear", "× r_e"),
  tailFraction: r(0.06, 0.2, "linear", "of the member's light"),
  tailCurvature: r(0.5, 1.6, "linear", "radians"),
  bridgeProbability: r(0.5, 0.5, "linear", ""),
  distortion: r(0.15, 0.5, "linear", "× r_e"),
  gMinusR: r(0.4, 1, "linear", "mag"),
  doubleNucleusProbability: r(0.45, 0.45, "linear", ""),
  nucleusSeparation: r(3, 9, "linear", "pixels (at least 1.3 PSF FWHM)"),
  nucleusRadius: r(0.7, 2.2, "log", "pixels (r_e)"),
  envelopeFraction: r(0.5, 0.85, "linear", "of the merger's light"),
  envelopeRadius: r(2, 4, "linear", "× the nuclei's separation (4–16 px)"),
  spiralMemberProbability: r(0.35, 0.35, "linear", "of early-stage pairs"),
  spiralMemberSize: r(0.35, 0.65, "linear", "× a spiral's disk scale length"),
} as const;

/**
 * Strong lenses: a luminous red galaxy (alone, or the brightest of a group whose members deflect too)
 * bending the light of a blue background galaxy into arcs, a ring or multiple images.
 */
export const LENS = {
  seeing: r(0.6, 1.5, "linear", "arcsec (r band; instead of OBSERVING.psfFwhm)"),
  saturation: r(0.5, 1, "linear", "× each colour's distance from grey (instead of OBSERVING.saturation)"),
  lensRadius: r(2.5, 12, "log", "pixels"),
  lensN: r(3, 5, "linear", ""),
  lensAxisRatio: r(0.55, 1, "linear", "b/a"),
  lensSurfaceBrightness: r(19.3, 21.5, "linear", "r mag/arcsec² (mean within r_e)"),
  lensGMinusR: r(0.75, 1.9, "linear", "mag"),
  lensRMinusZ: r(0.4, 1.3, "linear", "mag"),
  einsteinRadius: r(0.9, 3.2, "log", "arcsec"),
  resolvedEinsteinRadius: r(1.1, 1.1, "linear", "× the PSF FWHM (smallest θ_E)"),
  groupProbability: r(0.25, 0.25, "linear", ""),
  groupEinsteinRadius: r(2.5, 5.5, "linear", "arcsec"),
  groupMembers: r(1, 3, "int", "galaxies"),
  memberEinsteinRadius: r(0.25, 0.8, "linear", "arcsec"),
  memberDistance: r(0.35, 1.2, "linear", "× θ_E"),
  memberFluxRatio: r(0.15, 0.7, "log", "× the lens galaxy's flux"),
  massAxisRatio: r(0.6, 1, "linear", "b/a"),
  shear: r(0, 0.1, "linear", "γ"),
  sourceOffset: r(0, 0.7, "linear", "× θ_E (radius, area-uniform)"),
  sourceRadius: r(0.6, 2.5, "log", "pixels"),
  sourceAxisRatio: r(0.4, 1, "linear", "b/a"),
  arcContrast: r(-1, 1.5, "linear", "mag fainter than the lens galaxy (r, all images)"),
  groupArcContrast: r(-1.5, 1, "linear", "mag fainter than the brightest group galaxy (r, all images)"),
  faintestArcs: r(22.8, 22.8, "linear", "r mag (all images, at nominal depth)"),
  sourceGMinusR: r(-0.1, 0.5, "linear", "mag"),
  sourceRMinusZ: r(-0.1, 0.4, "linear", "mag"),
  sourceClumps: r(0, 4, "int", "clumps"),
} as const;

/**
 * Non-lenses chosen to look like lenses, one scene each: a red galaxy with unlensed blue companions
 * (the rest of the probability), or a ring galaxy, a face-on spiral, a group of red galaxies, a red
 * galaxy beside a thin blue edge-on disk, a blue star-forming galaxy or a merger.
 */
export const NON_LENS = {
  companions: r(1, 4, "int", "galaxies"),
  companionDistance: r(7, 26, "linear", "pixels"),
  companionRadius: r(0.6, 2.5, "log", "pixels"),
  companionAxisRatio: r(0.25, 1, "linear", "b/a"),
  companionMag: r(20.5, 23.5, "linear", "r mag"),
  companionGMinusR: r(-0.1, 0.6, "linear", "mag"),
  superposedProbability: r(0.05, 0.05, "linear", ""),
  spiralNeighbourProbability: r(0.2, 0.2, "linear", ""),
  ringProbability: r(0.08, 0.08, "linear", ""),
  ringRadius: r(3.5, 15, "log", "pixels"),
  ringWidth: r(0.5, 1.5, "linear", "pixels (σ)"),
  ringAxisRatio: r(0.6, 1, "linear", "b/a"),
  ringContrast: r(-1, 1.5, "linear", "mag fainter than the core (r)"),
  ringLopsidedness: r(0, 0.9, "linear", ""),
  ringKnots: r(0, 10, "int", "knots"),
  ringGMinusR: r(-0.1, 0.5, "linear", "mag"),
  ringCoreGMinusR: r(0.75, 1.9, "linear", "mag"),
  ringDiskFraction: r(0, 0.8, "linear", "× the ring's flux"),
  spiralProbability: r(0.15, 0.15, "linear", ""),
  spiralSize: r(0.5, 1.1, "linear", "× the spirals' sizes"),
  groupProbability: r(0.15, 0.15, "linear", ""),
  groupMembers: r(1, 3, "int", "galaxies"),
  groupDistance: r(6, 20, "linear", "pixels"),
  streakProbability: r(0.1, 0.1, "linear", ""),
  streakDistance: r(8, 20, "linear", "pixels"),
  streakRadius: r(2, 5, "linear", "pixels (r_e)"),
  streakAxisRatio: r(0.1, 0.3, "linear", "b/a"),
  starFormingProbability: r(0.08, 0.08, "linear", ""),
  mergerProbability: r(0.05, 0.05, "linear", ""),
} as const;

/** Every range table, by name (for cards and lessons). */
export const SIMULATION_RANGES = {
  observing: OBSERVING,
  nominalLook: NOMINAL_LOOK,
  elliptical: ELLIPTICAL,
  spiral: SPIRAL,
  edgeOn: EDGE_ON,
  irregular: IRREGULAR,
  merger: MERGER,
  lens: LENS,
  nonLens: NON_LENS,
} as const;
