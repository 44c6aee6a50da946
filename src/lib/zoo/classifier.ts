// The two shipped image classifiers (galaxy morphology, lens finder): what each classifies, its
// network's shape, its data, its training schedule, its graph's input and output names, what its input
// must be and whether predictions average the 8 flips and turns. Read by the site (the CNN and transfer
// lessons), the classify CLI and the training pipeline (models/training/classifier), so the three
// cannot disagree about any of it. The engine network itself is built in classifierNetwork.ts, so a
// page that only names the classes or prepares an input does not load the engine's layers.
import {
  DIHEDRAL_VIEWS,
  IMAGE_SIZE,
  LEGACY_SURVEY_STRETCH,
  LENS_CLASSES,
  MORPHOLOGY_CLASSES,
  PIXEL_SCALE_ARCSEC,
  dihedralViews,
} from "../astro/index.ts";
import type { CutoutKind } from "../astro/index.ts";

/** Training-time augmentation (each applied independently per image; see augment.ts). */
export interface AugmentOptions {
  /** Random horizontal/vertical flips and 90° rotations (the sky has no up). */
  flipsAndRotations: boolean;
  /** Largest shift in pixels along each axis (wrapping around the edges). */
  maxShift: number;
  /** Probability of an extra Gaussian blur (PSF variation) and its largest σ in pixels. */
  blurProbability: number;
  maxBlurSigma: number;
  /** Largest σ of extra Gaussian pixel noise, in units of the [0, 1] image. */
  maxNoise: number;
  /** Stretch variation: v → gain · v^γ with γ and gain within these ± fractions of 1. */
  gammaJitter: number;
  gainJitter: number;
  /**
   * Largest zoom about the centre (e.g. 1.25: scales from 1/1.25 to 1.25, log-uniform; default none):
   * real pictures of unknown scale are framed by a measured size, which errs by tens of per cent.
   */
  maxZoom?: number;
}

export interface ClassifierSpec {
  /** Folder name under models/ and the ONNX graph name. */
  name: string;
  /** What the lesson's model picker calls it. */
  label: string;
  title: string;
  /** Output order = class index; each class is simulated by the kind of the same name. */
  classes: readonly CutoutKind[];
  /** Seed of everything: data (fork "train"/"test"), weights (fork "init"), shuffling and augmentation. */
  seed: string;
  trainImages: number;
  testImages: number;
  epochs: number;
  batchSize: number;
  /** Adam's learning rate, decayed along a cosine to `finalLearningRate` over the run. */
  learningRate: number;
  finalLearningRate: number;
  augment: AugmentOptions;
  /** Held-out accuracy the model should reach (checked and reported in the card). */
  targetAccuracy: number;
  /** Also export the convolutional part plus the 64-unit dense layer as backbone.onnx (an embedding). */
  exportBackbone: boolean;
  /** Wall-clock budget: training stops at the end of the epoch that passes it (the card says so). */
  maxMinutes: number;
  /** Filters of the three convolutions (default [8, 16, 32]) and units of the embedding (default 64). */
  widths?: readonly [number, number, number];
  hidden?: number;
  /** Stop after this many epochs (the learning-rate schedule still spans `epochs`): reproduces a run the time budget cut short. */
  stopAfterEpochs?: number;
  /** Batch normalisation between each convolution and its ReLU (default false). */
  batchNorm?: boolean;
  /**
   * Test-time augmentation: every prediction (held-out evaluation, the site, the classify CLI)
   * averages the probabilities of the image's 8 flips and quarter turns (dihedral.ts). The card
   * reports the single-view accuracy too.
   */
  testTimeAugmentation?: boolean;
}

/** What the network's shape depends on: the number of classes and the spec's optional widths. */
export type ClassifierArchitecture = { classes: readonly string[] } & Pick<ClassifierSpec, "widths" | "hidden" | "batchNorm">;

export const DEFAULT_AUGMENT: AugmentOptions = {
  flipsAndRotations: true,
  maxShift: 3,
  blurProbability: 0.3,
  maxBlurSigma: 0.8,
  maxNoise: 0.03,
  gammaJitter: 0.15,
  gainJitter: 0.1,
};

/** The shipped classifiers' ids (folder names under models/), in the order the site lists them. */
export const CLASSIFIER_IDS = ["galaxy-morphology", "lens-finder"] as const;
export type ClassifierId = (typeof CLASSIFIER_IDS)[number];

export const CLASSIFIERS: Record<ClassifierId, ClassifierSpec> = {
  "galaxy-morphology": {
    name: "galaxy-morphology",
    label: "Galaxy morphology",
    title: "Galaxy morphology (elliptical / spiral / edge-on / irregular / merger)",
    classes: MORPHOLOGY_CLASSES,
    seed: "galaxy-morphology-v1",
    trainImages: 12000,
    testImages: 1500,
    epochs: 20,
    batchSize: 32,
    learningRate: 2e-3,
    finalLearningRate: 1e-4,
    augment: { ...DEFAULT_AUGMENT, maxZoom: 1.3 },
    targetAccuracy: 0.9,
    exportBackbone: true,
    maxMinutes: 40,
    // Wider than the default (8, 16, 32): the randomised survey looks and richer structures need
    // more filters (held-out 85% → 88% at 8000 images); 12, 24, 48 runs in about 1.5× the time
    // of the narrow network in onnxruntime-web, where 16, 32, 64 took 2.3×.
    widths: [12, 24, 48],
  },
  "lens-finder": {
    name: "lens-finder",
    label: "Lens finder",
    title: "Strong-lens finder (non-lens / lens)",
    classes: LENS_CLASSES,
    seed: "lens-finder-v2",
    trainImages: 30000,
    testImages: 2000,
    epochs: 36,
    batchSize: 32,
    learningRate: 2e-3,
    finalLearningRate: 1e-4,
    augment: DEFAULT_AUGMENT,
    targetAccuracy: 0.95,
    exportBackbone: false,
    maxMinutes: 60,
    // Wider than the default (8, 16, 32): faint arcs among look-alikes need more filters, and the
    // engine's WebAssembly kernels train this in the time the narrow network took before.
    widths: [12, 24, 48],
    testTimeAugmentation: true,
  },
};

/** Whether `id` names a shipped classifier. */
export function isClassifierId(id: string): id is ClassifierId {
  return (CLASSIFIER_IDS as readonly string[]).includes(id);
}

/** Graph input and output names of model.onnx, and of backbone.onnx's output (the embedding). */
export const CLASSIFIER_IO = { input: "input", output: "probabilities", embedding: "embedding" } as const;

/** Input shape without the batch axis: three colour planes of 64 × 64. */
export const CLASSIFIER_INPUT_SHAPE = [3, IMAGE_SIZE, IMAGE_SIZE] as const;

/** What the exported classifiers expect, stored in the .onnx metadata ("preprocessing") and quoted by the cards. */
export const CLASSIFIER_PREPROCESSING = {
  input: `float32 NCHW [N, 3, ${IMAGE_SIZE}, ${IMAGE_SIZE}]`,
  channels: ["R = z band", "G = r band", "B = g band"],
  range: [0, 1],
  stretch: `Lupton et al. (2004) colour-preserving asinh as legacypipe's dr2_rgb: scales g ${LEGACY_SURVEY_STRETCH.scales[0]}, r ${LEGACY_SURVEY_STRETCH.scales[1]}, z ${LEGACY_SURVEY_STRETCH.scales[2]}, m ${LEGACY_SURVEY_STRETCH.m}, Q ${LEGACY_SURVEY_STRETCH.Q}`,
  pixelScaleArcsec: PIXEL_SCALE_ARCSEC,
  function: "src/lib/astro/preprocess.ts preprocess(): centre crop, resample to 64 × 64, stretch (or /255 for RGBA pictures)",
} as const;

/**
 * The test-time-augmentation decision, in one place: how many views of an image one prediction
 * averages — its 8 flips and quarter turns when the spec asks for it (dihedral.ts), else the image alone.
 */
export function predictionViews(spec: Pick<ClassifierSpec, "testTimeAugmentation">): number {
  return spec.testTimeAugmentation ? DIHEDRAL_VIEWS : 1;
}

/**
 * The network input for one preprocessed CHW cutout (preprocess() of src/lib/astro) and how many
 * views it holds: the image itself, or its 8 views stacked into a batch whose probabilities the
 * caller averages (ModelRunner.predict does, given `views`).
 */
export function classifierInput(
  spec: Pick<ClassifierSpec, "testTimeAugmentation">,
  image: Float32Array,
): { input: Float32Array; views: number } {
  const views = predictionViews(spec);
  return views === 1 ? { input: image, views } : { input: dihedralViews(image, 3, IMAGE_SIZE), views };
}
