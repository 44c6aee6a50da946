// Pure logic of the galaxy-denoiser widget: the noisy cutout the learner denoises, the errors shown,
// and the plan of a few-step DDIM generation — all through src/lib/diffusion and the shared spec.
import { Rng } from "../../lib/random/index.ts";
import { MORPHOLOGY_CLASSES, simulateCutout } from "../../lib/astro/index.ts";
import type { MorphologyClass } from "../../lib/astro/index.ts";
import { coefficients, gaussianNoise, makeSchedule, noiseTo, samplingSteps } from "../../lib/diffusion/index.ts";
import { DENOISER_SPEC, cutoutToData, denoiserInput, imageStats } from "../../lib/zoo/index.ts";
import type { ImageStats } from "../../lib/zoo/index.ts";
import type { Schedule } from "../../lib/diffusion/index.ts";
import type { EpPreference } from "../../lib/inference/index.ts";
import { meanSquaredError } from "../../lib/nn/index.ts";
import { choiceField, numberField } from "../shared/urlState.ts";

export const DENOISER_PREFIX = "dn";

export const denoiserSchema = {
  t: numberField(250, { min: 1, max: DENOISER_SPEC.schedule.T, integer: true }),
  galaxy: choiceField<MorphologyClass>("spiral", MORPHOLOGY_CLASSES),
  seed: numberField(0, { min: 0, max: 9999, integer: true }),
  /** DDIM steps of the generation demo. */
  steps: numberField(10, { min: 1, max: 50, integer: true }),
  ep: choiceField<EpPreference>("auto", ["auto", "webgpu", "wasm"]),
};

/** Images generated at once (one batch per reverse step). */
export const GENERATED = 4;

export const denoiserSchedule = (): Schedule => makeSchedule(DENOISER_SPEC.schedule.kind, DENOISER_SPEC.schedule.T);

export interface DenoiseScene {
  /** Clean galaxy in data space [−1, 1], 3 × 32 × 32. */
  x0: Float32Array;
  eps: Float32Array;
  xt: Float32Array;
  t: number;
}

/** A held-out-style galaxy (seeded, never in the training set's streams) noised to step t. */
export function denoiseScene(galaxy: MorphologyClass, seed: number, t: number, schedule: Schedule): DenoiseScene {
  const rng = new Rng(`denoiser-demo/${galaxy}/${seed}`);
  const x0 = cutoutToData(simulateCutout(galaxy, rng.fork("galaxy"), { look: "nominal" }).image);
  const eps = gaussianNoise(rng.fork("noise"), x0.length);
  return { x0, eps, xt: noiseTo(schedule, x0, t, eps), t };
}

/** Mean squared error in display units [0, 1] ((x + 1)/2) between two data-space images: a quarter of theirs. */
export function displayMse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return meanSquaredError(a, b) / 4;
}

/** What you have without a network: x_t/√ᾱ_t, clipped to the data range. */
export function rescaledNoisy(scene: DenoiseScene, schedule: Schedule): Float32Array {
  const a = coefficients(schedule, scene.t).signalScale;
  return Float32Array.from(scene.xt, (v) => Math.max(-1, Math.min(1, v / a)));
}

/**
 * How much an error of ε̂ grows in the one-step estimate x̂₀ = (x_t − √(1 − ᾱ_t) ε̂)/√ᾱ_t: an error δ
 * in ε̂ moves x̂₀ by −δ·√(1 − ᾱ_t)/√ᾱ_t. Below 1 the estimate is a (blurry) average galaxy; far above
 * it, the network's small per-pixel errors in ε̂ dominate x̂₀ as coloured speckle.
 */
export function x0ErrorGain(schedule: Schedule, t: number): number {
  const c = coefficients(schedule, t);
  return c.noiseScale / c.signalScale;
}

/**
 * Above this gain the one-step x̂₀ of the shipped denoiser is speckle rather than a blob (measured on
 * 8 simulated galaxies: at gain 1.0, t = 500, x̂₀ is 1.4 times as rough as the clean galaxy; at 3.1,
 * t = 800, 2.3 times; at 4.2, t = 850, 5.5 times; at 6.4, t = 900, 13 times; at 12.8, t = 950, 26
 * times with half of its pixels clipped). The threshold belongs to the trained network: re-measure it
 * when the model is retrained (x0Estimate.test.ts checks it against the committed model).
 */
export const SPECKLE_GAIN = 4;

/** The network input for one noisy image. */
export function singleInput(scene: DenoiseScene): Float32Array {
  return denoiserInput(scene.xt, [scene.t]);
}

/** The DDIM plan of a generation: pairs (t → s) from T down to 0 in `count` jumps. */
export function generationPlan(count: number): [number, number][] {
  const steps = samplingSteps(DENOISER_SPEC.schedule.T, count);
  return steps.map((t, k) => [t, k + 1 < steps.length ? steps[k + 1] : 0]);
}

/** The starting noise of a generation: GENERATED images of N(0, I). */
export function generationNoise(seed: number): Float32Array {
  const s = DENOISER_SPEC;
  return gaussianNoise(new Rng(`denoiser-generate/${seed}`), GENERATED * s.channels * s.size * s.size);
}

/**
 * Clean simulated galaxies (data space, one image after another; the classes in turn) for judging a
 * generation: what the network was trained to produce. Seeded apart from the training streams.
 */
export function referenceGalaxies(count = 10): Float32Array {
  const n = DENOISER_SPEC.channels * DENOISER_SPEC.size * DENOISER_SPEC.size;
  const out = new Float32Array(count * n);
  const rng = new Rng("denoiser-reference");
  for (let i = 0; i < count; i++) {
    const kind = MORPHOLOGY_CLASSES[i % MORPHOLOGY_CLASSES.length];
    out.set(cutoutToData(simulateCutout(kind, rng.fork(String(i)), { look: "nominal" }).image), i * n);
  }
  return out;
}

/** Mean brightness and roughness (display units) of `images`, all DENOISER_SPEC.size on a side. */
export const statsOf = (images: ArrayLike<number>): ImageStats => imageStats(images, DENOISER_SPEC.size);

let reference: ImageStats | undefined;
/** The stats of referenceGalaxies(): always the same numbers, so simulated once, when first needed. */
export const referenceStats = (): ImageStats => (reference ??= statsOf(referenceGalaxies()));

/**
 * A plain-words comparison of generated images with real (simulated) cutouts by brightness and
 * pixel-scale roughness — measured on the images on screen, so it follows the model and the sampler.
 */
export function generationVerdict(generated: ImageStats, real: ImageStats): string {
  const f = (v: number) => v.toFixed(2);
  const b = generated.mean / real.mean;
  const q = generated.roughness / real.roughness;
  const brightness =
    b > 1.25
      ? `brighter than real cutouts (mean pixel ${f(generated.mean)} against ${f(real.mean)}: too little dark sky)`
      : b < 0.8
        ? `darker than real cutouts (mean pixel ${f(generated.mean)} against ${f(real.mean)})`
        : `about as bright as real cutouts (mean pixel ${f(generated.mean)} against ${f(real.mean)})`;
  const rough =
    q > 2
      ? `${q.toFixed(1)}× as rough pixel to pixel (leftover colour noise)`
      : q < 0.5
        ? `${(1 / q).toFixed(1)}× smoother pixel to pixel (blurred: no noise, few small sources)`
        : `about as rough pixel to pixel (${q.toFixed(1)}×)`;
  return `Measured on these images: ${brightness}, and ${rough}.`;
}
