// The galaxy autoencoder: its networks, its latent layout and its training schedule, shared by the
// training pipeline (models/training/autoencoder) and the lesson's widget, so that both read the
// same sizes, the same seed and the same meaning of every latent unit.
import { Conv2D, Dense, Flatten, Input, Model, Reshape, UpSampling2D } from "../nn/index.ts";
import { MORPHOLOGY_CLASSES } from "../astro/index.ts";
import type { Structure } from "../astro/index.ts";

/**
 * The semantic latent units, in order: each is a structural parameter of the simulator's main galaxy,
 * rescaled so that the training set spans roughly −1.5 … 1.5. The position angle θ ∈ [0, π) enters as
 * (cos 2θ, sin 2θ): an ellipse turned by π is the same ellipse, and the pair has no jump at θ = 0 = π.
 */
export const SEMANTIC_UNITS = [
  { id: "sersicN", label: "Sérsic index n", min: 0.8, max: 5, step: 0.05 },
  { id: "axisRatio", label: "Axis ratio b/a", min: 0.1, max: 1, step: 0.01 },
  { id: "effectiveRadius", label: "Half-light radius r_e (pixels)", min: 1.5, max: 18, step: 0.1 },
  { id: "cos2theta", label: "cos 2θ", min: -1, max: 1, step: 0.01 },
  { id: "sin2theta", label: "sin 2θ", min: -1, max: 1, step: 0.01 },
] as const;

/** How many latent units carry the structural parameters (the first ones). */
export const SEMANTIC_SIZE = SEMANTIC_UNITS.length;

/** Everything the pipeline needs to reproduce the model, and what the widget needs to read it. */
export interface AutoencoderSpec {
  /** Folder under models/ and the ONNX graph names' stem. */
  name: string;
  /** Seed of everything: data (forks "train"/"test"), weights ("init"), shuffling, teacher forcing. */
  seed: string;
  /** Galaxies are the morphology classifier's five classes, in turn (balanced). */
  classes: readonly (typeof MORPHOLOGY_CLASSES)[number][];
  trainImages: number;
  testImages: number;
  epochs: number;
  batchSize: number;
  /** Adam's learning rate, on a cosine down to `finalLearningRate` over the run. */
  learningRate: number;
  finalLearningRate: number;
  /** Latent units: SEMANTIC_SIZE semantic ones first, then free ones. */
  latent: number;
  /** Weight of the supervised loss on the semantic units against the reconstruction MSE. */
  semanticWeight: number;
  /** Probability that a batch feeds the decoder the true structural parameters instead of the encoder's. */
  teacherForcing: number;
  /**
   * Probability that a batch gives the decoder zeros in place of the free units: it must then draw the
   * galaxy from the semantic units alone, so it cannot ignore them (the free units could otherwise
   * carry the same information and the sliders would do little).
   */
  freeDropout: number;
  /** Bottleneck sizes of the trade-off study (plain autoencoders, shorter runs), and their epochs. */
  sweepSizes: readonly number[];
  sweepEpochs: number;
  sweepTrainImages: number;
  /** Held-out galaxies whose latent codes the widget's map shows. */
  mapImages: number;
  /** Strong-lens cutouts (never seen in training) reconstructed to test anomaly detection. */
  oodImages: number;
}

export const AUTOENCODER_SPEC: AutoencoderSpec = {
  name: "galaxy-autoencoder",
  seed: "galaxy-autoencoder-v1",
  classes: MORPHOLOGY_CLASSES,
  trainImages: 3000,
  testImages: 500,
  epochs: 8,
  batchSize: 32,
  learningRate: 2e-3,
  finalLearningRate: 1e-4,
  latent: 16,
  semanticWeight: 0.3,
  teacherForcing: 0.5,
  freeDropout: 0.4,
  sweepSizes: [2, 8, 32],
  sweepEpochs: 4,
  sweepTrainImages: 1500,
  mapImages: 300,
  oodImages: 100,
};

/** Graph input and output names of the two exported files (encoder.onnx, decoder.onnx). */
export const ENCODER_IO = { input: "image", output: "latent" } as const;
export const DECODER_IO = { input: "latent", output: "image" } as const;

/**
 * The encoder f: image [3, 64, 64] → latent [k]. Four 3 × 3 convolutions of stride 2 halve the image
 * each time (64 → 32 → 16 → 8 → 4) while the channels grow (8, 16, 32, 32); a dense ReLU layer of 64
 * units reads the 32 × 4 × 4 = 512 features and a linear dense layer maps them to the k latent units
 * (linear, so the semantic units can take any value).
 */
export function buildEncoder(latent: number, seed: string): Model {
  const input = Input([3, 64, 64], { name: ENCODER_IO.input });
  let x = new Conv2D(8, 3, { strides: 2, padding: "same", activation: "relu", name: "enc_conv1" }).apply(input);
  x = new Conv2D(16, 3, { strides: 2, padding: "same", activation: "relu", name: "enc_conv2" }).apply(x);
  x = new Conv2D(32, 3, { strides: 2, padding: "same", activation: "relu", name: "enc_conv3" }).apply(x);
  x = new Conv2D(32, 3, { strides: 2, padding: "same", activation: "relu", name: "enc_conv4" }).apply(x);
  x = new Flatten({ name: "enc_flatten" }).apply(x);
  x = new Dense(64, { activation: "relu", name: "enc_dense" }).apply(x);
  const z = new Dense(latent, { name: "enc_latent" }).apply(x);
  return new Model({ inputs: input, outputs: z, name: "encoder", seed: `${seed}/encoder` });
}

/**
 * The decoder g: latent [k] → image [3, 64, 64], the encoder's mirror without transposed
 * convolutions (the engine has none): a dense layer to 32 × 4 × 4, then "upsample ×2 (nearest) +
 * 3 × 3 convolution" three times (8, 16, 32 pixels; the third is linear and makes the three colour
 * planes at 32 × 32), a last ×2 upsampling to 64 × 64 and a 3 × 3 convolution that smooths the blocks, with a
 * sigmoid so every pixel lands in [0, 1] like the input.
 *
 * Why the colour planes are made at 32 × 32: the PSF (FWHM 3.4–6 pixels) makes the images smooth on
 * scales below ~2 pixels, and full-resolution convolutions with many channels would triple the
 * training time on a 2-core machine.
 */
export function buildDecoder(latent: number, seed: string): Model {
  const input = Input([latent], { name: DECODER_IO.input });
  let x = new Dense(32 * 4 * 4, { activation: "relu", name: "dec_dense" }).apply(input);
  x = new Reshape([32, 4, 4], { name: "dec_reshape" }).apply(x);
  x = new UpSampling2D(2, { name: "dec_up1" }).apply(x);
  x = new Conv2D(32, 3, { padding: "same", activation: "relu", name: "dec_conv1" }).apply(x);
  x = new UpSampling2D(2, { name: "dec_up2" }).apply(x);
  x = new Conv2D(16, 3, { padding: "same", activation: "relu", name: "dec_conv2" }).apply(x);
  x = new UpSampling2D(2, { name: "dec_up3" }).apply(x);
  x = new Conv2D(3, 3, { padding: "same", name: "dec_conv3" }).apply(x);
  x = new UpSampling2D(2, { name: "dec_up4" }).apply(x);
  const out = new Conv2D(3, 3, { padding: "same", activation: "sigmoid", name: "dec_out" });
  const image = out.apply(x);
  const model = new Model({ inputs: input, outputs: image, name: "decoder", seed: `${seed}/decoder` });
  // Start the output near the mean pixel value of the cutouts (≈ 0.25: sky, stretched), σ⁻¹(0.25) ≈ −1.1,
  // instead of 0.5 everywhere: the first steps then learn galaxies rather than the sky level.
  out.bias!.data.fill(-1.1);
  return model;
}

// Rescaling of each structural parameter to a latent unit (and back): centre and half-width.
const N_CENTRE = 2.5;
const N_SCALE = 1.5;
const Q_CENTRE = 0.6;
const Q_SCALE = 0.3;
const LOG_RE_CENTRE = Math.log(6);
const LOG_RE_SCALE = 0.6;

/** The structural parameters a slider shows (θ in radians, [0, π)). */
export interface SemanticParams {
  sersicN: number;
  axisRatio: number;
  effectiveRadius: number;
  positionAngle: number;
}

/** Structural parameters → the SEMANTIC_SIZE target values of the semantic units. */
export function semanticTargets(p: SemanticParams | Structure): number[] {
  return [
    (p.sersicN - N_CENTRE) / N_SCALE,
    (p.axisRatio - Q_CENTRE) / Q_SCALE,
    (Math.log(p.effectiveRadius) - LOG_RE_CENTRE) / LOG_RE_SCALE,
    Math.cos(2 * p.positionAngle),
    Math.sin(2 * p.positionAngle),
  ];
}

/** The semantic units (the first SEMANTIC_SIZE values of a latent code) → structural parameters. */
export function semanticParams(units: ArrayLike<number>): SemanticParams {
  const angle = 0.5 * Math.atan2(units[4], units[3]);
  return {
    sersicN: N_CENTRE + N_SCALE * units[0],
    axisRatio: Q_CENTRE + Q_SCALE * units[1],
    effectiveRadius: Math.exp(LOG_RE_CENTRE + LOG_RE_SCALE * units[2]),
    positionAngle: angle < 0 ? angle + Math.PI : angle,
  };
}

/**
 * Weight of the angle units in the semantic loss for a galaxy of axis ratio q: a round galaxy has no
 * position angle to recover, so its angle error should not count; full weight from b/a ≤ 0.8 down.
 */
export function angleWeight(axisRatio: number): number {
  return Math.max(0, Math.min(1, (1 - axisRatio) / 0.2));
}
