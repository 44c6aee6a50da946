// Held-out evaluation of the galaxy denoiser: at fixed steps t, noise every test image with a fixed
// ε, let the network predict ε̂, and compare the one-step clean estimate x̂₀ with the truth — and
// with what you get from the noisy image alone.
import { Rng } from "../../../src/lib/random/index.ts";
import { Tensor, noGrad } from "../../../src/lib/autodiff/index.ts";
import { psnr } from "../../../src/lib/nn/index.ts";
import type { Model } from "../../../src/lib/nn/index.ts";
import { coefficients, ddimStep, gaussianNoise, noiseTo, predictX0, samplingSteps } from "../../../src/lib/diffusion/index.ts";
import type { Schedule } from "../../../src/lib/diffusion/index.ts";
import { denoiserInput, imageStats } from "../../../src/lib/zoo/index.ts";
import type { DenoiserSpec } from "../../../src/lib/zoo/index.ts";
import type { GalaxyImages } from "./data.ts";

export interface StepEvaluation {
  t: number;
  alphaBar: number;
  snr: number;
  /** Mean of (ε̂ − ε)² over every value: the training loss at this t. */
  epsMse: number;
  /** MSE and PSNR of the rescaled noisy image x_t/√ᾱ_t (clipped to the data range) against x₀, in display units [0, 1]. */
  noisyMse: number;
  noisyPsnr: number;
  /** The same for the network's one-step estimate x̂₀ (clipped to [−1, 1]). */
  denoisedMse: number;
  denoisedPsnr: number;
}

/** ε̂ for `batch` noisy images at the given steps (inference mode, no gradients). */
export function predictNoise(model: Model, spec: DenoiserSpec, xt: Float32Array, steps: number[]): Float32Array {
  const input = denoiserInput(xt, steps, spec);
  return noGrad(() =>
    Float32Array.from(
      model.forward(new Tensor(input, [steps.length, spec.channels + 1, spec.size, spec.size]), { training: false })[0].data,
    ),
  );
}

export function evaluateDenoiser(model: Model, spec: DenoiserSpec, schedule: Schedule, test: GalaxyImages, batch = 25): StepEvaluation[] {
  const n = test.size;
  const results: StepEvaluation[] = [];
  for (const t of spec.evalSteps) {
    const rng = new Rng(spec.seed).fork(`evaluate/${t}`);
    const c = coefficients(schedule, t);
    let eps2 = 0;
    let noisy2 = 0;
    let den2 = 0;
    for (let s = 0; s < test.count; s += batch) {
      const e = Math.min(test.count, s + batch);
      const x0 = test.data.subarray(s * n, e * n);
      const eps = gaussianNoise(rng, x0.length);
      const xt = noiseTo(schedule, x0, t, eps);
      const epsHat = predictNoise(
        model,
        spec,
        xt,
        Array.from({ length: e - s }, () => t),
      );
      const x0Hat = predictX0(schedule, xt, t, epsHat, 1);
      for (let i = 0; i < x0.length; i++) {
        eps2 += (epsHat[i] - eps[i]) ** 2;
        const noisy = Math.max(-1, Math.min(1, xt[i] / c.signalScale));
        // Display units: v = (x + 1)/2, so squared errors are a quarter of the data-space ones.
        noisy2 += ((noisy - x0[i]) / 2) ** 2;
        den2 += ((x0Hat[i] - x0[i]) / 2) ** 2;
      }
    }
    const total = test.count * n;
    results.push({
      t,
      alphaBar: c.alphaBar,
      snr: c.snr,
      epsMse: eps2 / total,
      noisyMse: noisy2 / total,
      noisyPsnr: psnr(noisy2 / total),
      denoisedMse: den2 / total,
      denoisedPsnr: psnr(den2 / total),
    });
  }
  return results;
}

export interface GenerationCheck {
  images: number;
  ddimSteps: number;
  /** Mean pixel value in display units [0, 1]: generated vs held-out real galaxies (mostly sky). */
  generatedMean: number;
  realMean: number;
  /** Mean squared difference of horizontally adjacent pixels (display units): pixel-scale noise. */
  generatedRoughness: number;
  realRoughness: number;
}

/**
 * A crude, honest check of generation: `images` samples from pure noise with `ddimSteps` DDIM steps
 * (x̂₀ clipped to [−1, 1], as the lesson's widget does), compared with held-out galaxies by their mean
 * brightness and their pixel-scale roughness. It cannot say a sample looks like a galaxy; it can say
 * when the samples are too bright or too noisy.
 */
export function checkGeneration(
  model: Model,
  spec: DenoiserSpec,
  schedule: Schedule,
  test: GalaxyImages,
  images = 16,
  ddimSteps = 10,
): GenerationCheck {
  const n = spec.channels * spec.size * spec.size;
  let x = gaussianNoise(new Rng(spec.seed).fork("generate"), images * n);
  const steps = samplingSteps(spec.schedule.T, ddimSteps);
  for (let k = 0; k < steps.length; k++) {
    const t = steps[k];
    const eps = predictNoise(
      model,
      spec,
      x,
      Array.from({ length: images }, () => t),
    );
    x = ddimStep(schedule, x, t, k + 1 < steps.length ? steps[k + 1] : 0, eps, 1);
  }
  const g = imageStats(x, spec.size);
  const r = imageStats(test.data, spec.size);
  return {
    images,
    ddimSteps: steps.length,
    generatedMean: g.mean,
    realMean: r.mean,
    generatedRoughness: g.roughness,
    realRoughness: r.roughness,
  };
}
