// The galaxy denoiser's specification, shared by its training pipeline (models/training/denoiser),
// its tests and the lesson's widget: one place for the seed, the schedule, the image size and the
// input layout, so the page feeds the network exactly what it was trained on. The diffusion maths
// it serves (schedules, forward and reverse steps) lives in src/lib/diffusion.
import { MORPHOLOGY_CLASSES } from "../astro/index.ts";
import type { MorphologyClass } from "../astro/index.ts";
import type { ScheduleKind } from "../diffusion/index.ts";

export interface DenoiserSpec {
  name: string;
  title: string;
  /** Seed of the simulated galaxies, the weights, the noise draws and the shuffling. */
  seed: string;
  /** Side of the network's images in pixels (the 64 × 64 cutouts averaged over 2 × 2 blocks). */
  size: number;
  /** Colour channels of an image (R = z, G = r, B = g, as the classifiers see them). */
  channels: number;
  schedule: { kind: ScheduleKind; T: number };
  /** Filters per U-Net level: full resolution, ½, ¼. */
  widths: [number, number, number];
  classes: readonly MorphologyClass[];
  trainImages: number;
  testImages: number;
  batchSize: number;
  /** Optimisation steps (each a batch of fresh (x_t, t, ε) draws). */
  steps: number;
  learningRate: number;
  finalLearningRate: number;
  /** Wall-clock budget: training stops after this many minutes even if steps remain. */
  maxMinutes: number;
  /** Stop after this many steps while keeping the learning-rate plan of `steps` (reproduces a run the budget cut short). */
  stopAfterSteps?: number;
  /** Steps t at which the held-out denoising error is measured. */
  evalSteps: number[];
}

export const DENOISER_SPEC: DenoiserSpec = {
  name: "galaxy-denoiser",
  title: "Galaxy denoiser ε_θ(x_t, t): the noise predictor of a small diffusion model of galaxy images",
  seed: "galaxy-denoiser-v1",
  size: 32,
  channels: 3,
  schedule: { kind: "cosine", T: 1000 },
  widths: [8, 16, 32],
  classes: MORPHOLOGY_CLASSES,
  trainImages: 8000,
  testImages: 200,
  batchSize: 16,
  steps: 12000,
  learningRate: 2e-3,
  finalLearningRate: 1e-4,
  maxMinutes: 40,
  evalSteps: [50, 100, 250, 500, 750],
};

/** Graph input and output names of model.onnx: [N, channels + 1, size, size] in, ε out. */
export const DENOISER_IO = { input: "input", output: "epsilon" } as const;

/** What model.onnx expects, stored in its metadata ("preprocessing") and in the card. */
export function denoiserPreprocessing(spec: DenoiserSpec) {
  return {
    input: `float32 NCHW [N, ${spec.channels + 1}, ${spec.size}, ${spec.size}]: channels 0–${spec.channels - 1} the noisy image x_t, channel ${spec.channels} filled with t/T`,
    output: `${DENOISER_IO.output}: float32 [N, ${spec.channels}, ${spec.size}, ${spec.size}], the predicted noise ε̂`,
    data: `x0 = 2v − 1 with v the [0, 1] RGB cutout (R = z, G = r, B = g, Legacy Survey asinh stretch) averaged over 2 × 2 pixels (64 → ${spec.size})`,
    schedule: `${spec.schedule.kind}, T = ${spec.schedule.T}; x_t = sqrt(alphaBar_t) x0 + sqrt(1 − alphaBar_t) eps`,
    function: "src/lib/zoo/denoiser.ts: cutoutToData(), denoiserInput(); src/lib/diffusion/schedule.ts",
  };
}

/** Values of one network input: the noisy image's channels plus one constant channel holding t/T. */
export function denoiserInputValues(spec: DenoiserSpec): number {
  return (spec.channels + 1) * spec.size * spec.size;
}

/**
 * A 3 × 64 × 64 cutout in [0, 1] (simulateCutout's `image`) → the diffusion model's data space:
 * 2 × 2 block averages (32 × 32), mapped to [−1, 1] by x₀ = 2v − 1 (Ho et al.'s convention).
 */
export function cutoutToData(
  image: Float32Array,
  spec: DenoiserSpec = DENOISER_SPEC,
  out = new Float32Array(spec.channels * spec.size * spec.size),
): Float32Array {
  const s = spec.size;
  const big = Math.round(Math.sqrt(image.length / spec.channels));
  const f = big / s;
  if (!Number.isInteger(f) || f < 1) throw new RangeError(`a ${big}-pixel image cannot be averaged down to ${s}`);
  for (let c = 0; c < spec.channels; c++) {
    for (let y = 0; y < s; y++) {
      for (let x = 0; x < s; x++) {
        let sum = 0;
        for (let dy = 0; dy < f; dy++) for (let dx = 0; dx < f; dx++) sum += image[c * big * big + (y * f + dy) * big + x * f + dx];
        out[c * s * s + y * s + x] = (2 * sum) / (f * f) - 1;
      }
    }
  }
  return out;
}

/** Data space [−1, 1] → display values [0, 1] (clipped). */
export function dataToDisplay(x: ArrayLike<number>, out = new Float32Array(x.length)): Float32Array {
  for (let i = 0; i < x.length; i++) out[i] = Math.max(0, Math.min(1, (x[i] + 1) / 2));
  return out;
}

/**
 * The network input for `batch` noisy images x_t (each channels × size × size) at steps `steps`:
 * NCHW with the image channels first and a constant plane t/T last.
 */
export function denoiserInput(
  xt: ArrayLike<number>,
  steps: readonly number[],
  spec: DenoiserSpec = DENOISER_SPEC,
  out?: Float32Array,
): Float32Array {
  const plane = spec.size * spec.size;
  const img = spec.channels * plane;
  const per = img + plane;
  const batch = steps.length;
  if (xt.length !== batch * img) throw new RangeError(`${batch} images of ${img} values need ${batch * img} values, got ${xt.length}`);
  const input = out ?? new Float32Array(batch * per);
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < img; i++) input[b * per + i] = xt[b * img + i];
    input.fill(steps[b] / spec.schedule.T, b * per + img, (b + 1) * per);
  }
  return input;
}
