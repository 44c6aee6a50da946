/**
 * Variance schedules of a diffusion model (Ho et al. 2020; Nichol & Dhariwal 2021).
 *
 * Steps are numbered t = 1 … T as in the papers; index 0 of every array is the clean image
 * (β₀ = 0, α₀ = ᾱ₀ = 1), so `alphaBars[t]` is ᾱ_t for t = 0 … T.
 *
 *   α_t = 1 − β_t,   ᾱ_t = Π_{s=1}^{t} α_s
 */
export type ScheduleKind = "linear" | "cosine";

export interface Schedule {
  kind: ScheduleKind;
  /** Number of noising steps T. */
  T: number;
  /** β_t for t = 0 … T (β₀ = 0): the variance of the noise added at step t. */
  betas: Float64Array;
  /** α_t = 1 − β_t. */
  alphas: Float64Array;
  /** ᾱ_t = Π_{s ≤ t} α_s: how much of the clean signal's variance survives to step t. */
  alphaBars: Float64Array;
}

function fromBetas(kind: ScheduleKind, betas: Float64Array): Schedule {
  const T = betas.length - 1;
  const alphas = new Float64Array(T + 1);
  const alphaBars = new Float64Array(T + 1);
  alphas[0] = 1;
  alphaBars[0] = 1;
  for (let t = 1; t <= T; t++) {
    alphas[t] = 1 - betas[t];
    alphaBars[t] = alphaBars[t - 1] * alphas[t];
  }
  return { kind, T, betas, alphas, alphaBars };
}

function checkT(T: number): void {
  if (!Number.isInteger(T) || T < 1) throw new RangeError(`a schedule needs T ≥ 1 steps, got ${T}`);
}

/**
 * The linear schedule of Ho et al. (2020): β_t = β₁ + (t − 1)(β_T − β₁)/(T − 1), from β₁ to β_T
 * (their T = 1000, β₁ = 10⁻⁴, β_T = 0.02).
 */
export function linearSchedule(T: number, beta1 = 1e-4, betaT = 0.02): Schedule {
  checkT(T);
  if (!(beta1 > 0 && betaT < 1 && beta1 <= betaT)) throw new RangeError(`linear schedule needs 0 < β₁ ≤ β_T < 1, got ${beta1}, ${betaT}`);
  const betas = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) betas[t] = T === 1 ? beta1 : beta1 + ((t - 1) * (betaT - beta1)) / (T - 1);
  return fromBetas("linear", betas);
}

/**
 * The cosine schedule of Nichol & Dhariwal (2021): ᾱ_t = f(t)/f(0) with f(t) = cos²(((t/T + s)/(1 + s))·π/2),
 * and β_t = 1 − ᾱ_t/ᾱ_{t−1} clipped at `maxBeta` (0.999) so the last steps stay finite. It destroys
 * information more evenly over t than the linear one, which matters for small images.
 */
export function cosineSchedule(T: number, s = 0.008, maxBeta = 0.999): Schedule {
  checkT(T);
  const f = (t: number) => Math.cos((((t / T + s) / (1 + s)) * Math.PI) / 2) ** 2;
  const betas = new Float64Array(T + 1);
  for (let t = 1; t <= T; t++) betas[t] = Math.min(maxBeta, 1 - f(t) / f(t - 1));
  return fromBetas("cosine", betas);
}

/** A schedule by name (linear with Ho et al.'s β range scaled to T steps, or cosine). */
export function makeSchedule(kind: ScheduleKind, T: number): Schedule {
  // Ho et al.'s β range is for T = 1000; for shorter chains scale it so that ᾱ_T is still ≈ 0.
  return kind === "cosine" ? cosineSchedule(T) : linearSchedule(T, Math.min(0.1, 1e-4 * (1000 / T)), Math.min(0.5, 0.02 * (1000 / T)));
}

/** √ᾱ_t, √(1 − ᾱ_t), 1 − ᾱ_t and the signal-to-noise ratio ᾱ_t / (1 − ᾱ_t) of step t. */
export interface StepCoefficients {
  t: number;
  alphaBar: number;
  /** √ᾱ_t: the factor on the clean image. */
  signalScale: number;
  /** 1 − ᾱ_t: the variance of the noise in x_t. */
  noiseVariance: number;
  /** √(1 − ᾱ_t): the factor on ε. */
  noiseScale: number;
  /** SNR(t) = ᾱ_t / (1 − ᾱ_t) (Infinity at t = 0). */
  snr: number;
}

export function coefficients(schedule: Schedule, t: number): StepCoefficients {
  checkStep(schedule, t);
  const a = schedule.alphaBars[t];
  return {
    t,
    alphaBar: a,
    signalScale: Math.sqrt(a),
    noiseVariance: 1 - a,
    noiseScale: Math.sqrt(1 - a),
    snr: t === 0 ? Infinity : a / (1 - a),
  };
}

export function checkStep(schedule: Schedule, t: number): void {
  if (!Number.isInteger(t) || t < 0 || t > schedule.T) throw new RangeError(`step t must be an integer in 0 … ${schedule.T}, got ${t}`);
}
