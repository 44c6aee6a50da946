import { checkStep } from "./schedule.ts";
import type { Schedule } from "./schedule.ts";

/**
 * The clean-image estimate implied by a noise prediction: the forward formula solved for x₀,
 *   x̂₀ = (x_t − √(1 − ᾱ_t) · ε̂) / √ᾱ_t.
 * `clip` bounds the result (e.g. to the data range [−1, 1]), as DDPM samplers usually do.
 */
export function predictX0(
  schedule: Schedule,
  xt: ArrayLike<number>,
  t: number,
  epsHat: ArrayLike<number>,
  clip: number | null = null,
  out = new Float32Array(xt.length),
): Float32Array {
  checkStep(schedule, t);
  const a = Math.sqrt(schedule.alphaBars[t]);
  const b = Math.sqrt(1 - schedule.alphaBars[t]);
  for (let i = 0; i < xt.length; i++) {
    const v = (xt[i] - b * epsHat[i]) / a;
    out[i] = clip === null ? v : Math.max(-clip, Math.min(clip, v));
  }
  return out;
}

/** Which variance the ancestral step adds back: β_t (Ho et al.'s σ²_t = β_t) or the posterior β̃_t. */
export type ReverseVariance = "beta" | "posterior";

/** σ_t of the ancestral step: √β_t, or √β̃_t with β̃_t = β_t (1 − ᾱ_{t−1}) / (1 − ᾱ_t). */
export function reverseSigma(schedule: Schedule, t: number, variance: ReverseVariance = "posterior"): number {
  checkStep(schedule, t);
  if (t === 0) return 0;
  const beta = schedule.betas[t];
  return Math.sqrt(variance === "beta" ? beta : (beta * (1 - schedule.alphaBars[t - 1])) / (1 - schedule.alphaBars[t]));
}

/**
 * One ancestral (DDPM) reverse step, Ho et al. (2020) Algorithm 2:
 *   x_{t−1} = (1/√α_t) · (x_t − β_t/√(1 − ᾱ_t) · ε̂) + σ_t · z,
 * with z ~ N(0, I) given by the caller (`z` null or t = 1: no noise is added).
 */
export function ddpmStep(
  schedule: Schedule,
  xt: ArrayLike<number>,
  t: number,
  epsHat: ArrayLike<number>,
  z: ArrayLike<number> | null,
  variance: ReverseVariance = "posterior",
  out = new Float32Array(xt.length),
): Float32Array {
  checkStep(schedule, t);
  if (t < 1) throw new RangeError("the reverse step goes from t ≥ 1 to t − 1");
  const inv = 1 / Math.sqrt(schedule.alphas[t]);
  const c = schedule.betas[t] / Math.sqrt(1 - schedule.alphaBars[t]);
  const sigma = t > 1 && z !== null ? reverseSigma(schedule, t, variance) : 0;
  for (let i = 0; i < xt.length; i++) out[i] = inv * (xt[i] - c * epsHat[i]) + (sigma > 0 ? sigma * (z as ArrayLike<number>)[i] : 0);
  return out;
}

/**
 * One deterministic DDIM step (Song et al. 2021, η = 0) from t to any earlier step s < t: estimate
 * x̂₀, then re-noise it to step s with the *same* predicted noise,
 *   x_s = √ᾱ_s · x̂₀ + √(1 − ᾱ_s) · ε̂.
 * It can skip steps, so a few of them sample a model trained with T = 1000.
 */
export function ddimStep(
  schedule: Schedule,
  xt: ArrayLike<number>,
  t: number,
  s: number,
  epsHat: ArrayLike<number>,
  clip: number | null = null,
  out = new Float32Array(xt.length),
): Float32Array {
  checkStep(schedule, t);
  checkStep(schedule, s);
  if (!(s < t)) throw new RangeError(`a DDIM step goes to an earlier step: s = ${s} is not < t = ${t}`);
  const x0 = predictX0(schedule, xt, t, epsHat, clip);
  const a = Math.sqrt(schedule.alphaBars[s]);
  const b = Math.sqrt(1 - schedule.alphaBars[s]);
  // With clipping, ε̂ is recomputed from the clipped x̂₀ so the step stays consistent.
  const at = Math.sqrt(schedule.alphaBars[t]);
  const bt = Math.sqrt(1 - schedule.alphaBars[t]);
  for (let i = 0; i < xt.length; i++) {
    const e = clip === null ? epsHat[i] : (xt[i] - at * x0[i]) / bt;
    out[i] = a * x0[i] + b * e;
  }
  return out;
}

/** `count` steps from T down to 1, evenly spaced (the DDIM sub-sequence), then 0 is the target. */
export function samplingSteps(T: number, count: number): number[] {
  const n = Math.max(1, Math.min(T, Math.round(count)));
  const steps: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = Math.round(T - (k * (T - 1)) / Math.max(1, n - 1));
    if (steps[steps.length - 1] !== t) steps.push(t);
  }
  return steps;
}
