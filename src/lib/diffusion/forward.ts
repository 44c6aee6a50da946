import type { Rng } from "../random/rng.ts";
import { checkStep } from "./schedule.ts";
import type { Schedule } from "./schedule.ts";

/** n independent standard normal values from `rng` (the ε of the forward process). */
export function gaussianNoise(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.normal();
  return out;
}

/**
 * The forward process in closed form, for a given noise draw:
 *   x_t = √ᾱ_t · x₀ + √(1 − ᾱ_t) · ε,
 * so that q(x_t | x₀) = N(√ᾱ_t x₀, (1 − ᾱ_t) I) when ε ~ N(0, I). Works on any array (an image, a
 * batch of points) element by element.
 */
export function noiseTo(
  schedule: Schedule,
  x0: ArrayLike<number>,
  t: number,
  eps: ArrayLike<number>,
  out = new Float32Array(x0.length),
): Float32Array {
  checkStep(schedule, t);
  if (eps.length !== x0.length) throw new RangeError(`noise has ${eps.length} values for ${x0.length} in x₀`);
  const a = Math.sqrt(schedule.alphaBars[t]);
  const b = Math.sqrt(1 - schedule.alphaBars[t]);
  for (let i = 0; i < x0.length; i++) out[i] = a * x0[i] + b * eps[i];
  return out;
}

/** One sample of q(x_t | x₀): draws ε from `rng` and returns it with x_t. */
export function sampleForward(schedule: Schedule, x0: ArrayLike<number>, t: number, rng: Rng): { xt: Float32Array; eps: Float32Array } {
  const eps = gaussianNoise(rng, x0.length);
  return { xt: noiseTo(schedule, x0, t, eps), eps };
}
