/**
 * A learning-rate schedule: a pure function from a step (or epoch) index, counted from 0, to η.
 * Optimizers evaluate it at their iteration counter; `perEpoch` converts an epoch schedule.
 */
export type Schedule = (step: number) => number;

/** η(k) = η0 for every k. */
export function constant(learningRate: number): Schedule {
  return () => learningRate;
}

/** Options of `stepDecay`. */
export interface StepDecayOptions {
  /** η0, the rate for the first `every` steps. */
  initial: number;
  /** The factor γ applied every `every` steps (e.g. 0.5 halves the rate). */
  factor: number;
  /** Steps between drops (a positive integer). */
  every: number;
}

/** η(k) = η0 · γ^⌊k / every⌋: piecewise constant, dropping by γ every `every` steps. */
export function stepDecay(options: StepDecayOptions): Schedule {
  const { initial, factor, every } = options;
  if (!(Number.isInteger(every) && every > 0)) throw new RangeError(`every must be a positive integer, got ${every}`);
  return (step) => initial * factor ** Math.floor(step / every);
}

/** Options of `exponentialDecay`. */
export interface ExponentialDecayOptions {
  /** η0, the rate at step 0. */
  initial: number;
  /** γ, the factor by which η shrinks over `decaySteps` steps (0 < γ <= 1 to decay). */
  rate: number;
  /** Steps over which η is multiplied by γ once; default 1 (η(k) = η0 γ^k). */
  decaySteps?: number;
}

/** η(k) = η0 · γ^(k / decaySteps): smooth decay (TensorFlow's ExponentialDecay without staircase). */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const { initial, rate } = options;
  const decaySteps = options.decaySteps ?? 1;
  if (!(decaySteps > 0)) throw new RangeError(`decaySteps must be > 0, got ${decaySteps}`);
  return (step) => initial * rate ** (step / decaySteps);
}

/**
 * Turns an epoch schedule into a step schedule: step k belongs to epoch ⌊k / stepsPerEpoch⌋.
 * Use it when the optimizer (which counts steps) should follow a per-epoch schedule.
 */
export function perEpoch(schedule: Schedule, stepsPerEpoch: number): Schedule {
  if (!(Number.isInteger(stepsPerEpoch) && stepsPerEpoch > 0)) {
    throw new RangeError(`stepsPerEpoch must be a positive integer, got ${stepsPerEpoch}`);
  }
  return (step) => schedule(Math.floor(step / stepsPerEpoch));
}
