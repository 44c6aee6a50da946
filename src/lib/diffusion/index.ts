/**
 * Diffusion models, without any UI: variance schedules, the closed-form forward process, DDPM
 * training pairs, the ancestral and DDIM reverse steps and a sinusoidal time embedding. The galaxy
 * denoiser that uses them (its spec, input layout and network) is in src/lib/zoo. Conventions:
 * steps t = 1 … T, index 0 is the clean data (ᾱ₀ = 1); ε ~ N(0, I); x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε.
 */
export { linearSchedule, cosineSchedule, makeSchedule, coefficients, checkStep } from "./schedule.ts";
export type { Schedule, ScheduleKind, StepCoefficients } from "./schedule.ts";
export { gaussianNoise, noiseTo, sampleForward } from "./forward.ts";
export { trainingPairs } from "./trainingPairs.ts";
export type { TrainingPairs } from "./trainingPairs.ts";
export { predictX0, reverseSigma, ddpmStep, ddimStep, samplingSteps } from "./reverse.ts";
export type { ReverseVariance } from "./reverse.ts";
export { timeEmbedding } from "./timeEmbedding.ts";
