// Public surface of the astronomy helpers: the galaxy and lens simulator, the FITS reader and the
// shared image preprocessing (the same function in the browser, the CLI and training).
export {
  IMAGE_SIZE,
  PIXEL_SCALE_ARCSEC,
  ZERO_POINT,
  BANDS,
  BAND_NOISE,
  NOMINAL_SKY_SIGMA,
  PSF_BAND_FACTOR,
  magToFlux,
  fluxToMag,
  sedFromColours,
  arcsecToPixels,
} from "./observing.ts";
export type { Band, BandNoise, Sed } from "./observing.ts";
export {
  SIMULATION_RANGES,
  NOMINAL_LOOK,
  OBSERVING,
  ELLIPTICAL,
  SPIRAL,
  EDGE_ON,
  IRREGULAR,
  MERGER,
  LENS,
  NON_LENS,
  draw,
} from "./ranges.ts";
export { RANGE_NOTES, rangesToMarkdown } from "./rangeNotes.ts";
export type { ParamRange } from "./ranges.ts";
export { simulateCutout, MORPHOLOGY_CLASSES, LENS_CLASSES } from "./simulate.ts";
export type { Cutout, CutoutKind, CutoutParams, MorphologyClass, LensClass, ObservingParams, SimulateOptions } from "./simulate.ts";
export type { Structure, GalaxyDetails } from "./galaxies.ts";
export type { LensParams, LookalikeParams } from "./lensScenes.ts";
export { deflection, renderLensedSource } from "./lens.ts";
export type { SieLens, LensSource } from "./lens.ts";
export { bandsToRgb, LEGACY_SURVEY_STRETCH } from "./rgb.ts";
export type { RgbStretch } from "./rgb.ts";
export { readFits, readFitsHeader, FitsError } from "./fits.ts";
export type { FitsImage, FitsValue, ReadFitsOptions } from "./fits.ts";
export { preprocess, axisTaps, spanTaps } from "./preprocess.ts";
export {
  NATIVE_FIELD_ARCSEC,
  SURVEY_PRESETS,
  PixelScaleError,
  isSurveyPreset,
  wcsPixelScale,
  resolvePixelScale,
  nativeCrop,
  checkPositive,
} from "./pixelScale.ts";
export type { SurveyPreset, ScaleChoice } from "./pixelScale.ts";
export { autoFrame, findSources, centralSource, luminance, FRAME_SIDE_PER_RADIUS } from "./autoFrame.ts";
export type { FoundSource, FrameResult, FramingSet } from "./autoFrame.ts";
export { checkColours, invertRgba } from "./colourChecks.ts";
export { withoutColour } from "./withoutColour.ts";
export type { ColourCheck } from "./colourChecks.ts";
export { prepareImage } from "./prepareImage.ts";
export type { PrepareOptions, PreparedImage, Framing } from "./prepareImage.ts";
export { DIHEDRAL_VIEWS, dihedralView, dihedralViews, meanOfRows } from "./dihedral.ts";
export type { ImageInput, Preprocessed, CropBox, PreprocessOptions } from "./preprocess.ts";
export { convolvePsf, fwhmToSigma, gaussianTaps, boxWidths } from "./psf.ts";
export { sersicB, erf } from "./profiles.ts";
