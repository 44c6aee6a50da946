import type { FloatArray } from "../autodiff/dtype.ts";
import type { Schedule } from "./schedules.ts";

/**
 * Anything an optimizer can update: a flat buffer of values and the gradient of the loss with
 * respect to it (null when no gradient reached it this step). Engine Tensors satisfy this
 * structurally; so does a 2-D playground point (see `point.ts`), which is the one mechanism used
 * for loss-surface widgets too.
 */
export interface Parameter {
  /** The values, updated in place by `step`. */
  data: FloatArray;
  /** dE/dθ for the current step, same length as `data`; null → the parameter is skipped. */
  grad: FloatArray | null;
}

/** Every optimizer's per-parameter state records how many updates that parameter has received. */
export interface BaseState {
  /** Number of updates applied to this parameter (Adam's t in its bias correction). */
  t: number;
}

/** Options every optimizer accepts. */
export interface CommonOptions {
  /**
   * η: a fixed number, or a schedule evaluated at the optimizer's iteration counter (0 for the first
   * `step` call, 1 for the second, …). For per-epoch decay, pass `perEpoch(schedule, stepsPerEpoch)`.
   */
  learningRate?: number | Schedule;
  /**
   * λ for L2 weight decay, added to the gradient before the update: g ← g + λθ (the "coupled" form;
   * for Adam this is Adam with L2, not AdamW). Default 0.
   */
  weightDecay?: number;
}

/**
 * The shared machinery: per-parameter state in a WeakMap keyed by the parameter object (so
 * Tensors and playground points need no ids), an iteration counter for schedules, weight decay.
 * Subclasses write only the update rule, in float64, for one parameter.
 */
export abstract class Optimizer<S extends BaseState> {
  /** The name used by `createOptimizer` ("sgd", "adam", …). */
  abstract readonly name: string;
  /** η or its schedule; may be changed between steps. */
  learningRate: number | Schedule;
  /** λ of coupled L2 weight decay. */
  weightDecay: number;
  /** How many times `step` has been called since construction or `reset`. */
  iterations = 0;
  #states = new WeakMap<Parameter, S>();

  constructor(defaultLearningRate: number, options: CommonOptions) {
    this.learningRate = options.learningRate ?? defaultLearningRate;
    this.weightDecay = options.weightDecay ?? 0;
    if (typeof this.learningRate === "number") assertNonNegative("learningRate", this.learningRate);
    assertNonNegative("weightDecay", this.weightDecay);
  }

  /** η for the next step: the fixed rate, or the schedule at the current iteration. */
  currentLearningRate(): number {
    const lr = this.learningRate;
    return typeof lr === "number" ? lr : lr(this.iterations);
  }

  /** Applies one update to every parameter that has a gradient; parameters with `grad === null` keep their values and state. */
  step(params: Iterable<Parameter>): void {
    const lr = this.currentLearningRate();
    for (const param of params) {
      const grad = param.grad;
      if (grad === null) continue;
      const n = param.data.length;
      if (grad.length !== n) {
        throw new Error(`${this.name}: gradient has ${grad.length} elements but the parameter has ${n}`);
      }
      let state = this.#states.get(param);
      if (state === undefined) {
        state = this.initialState(n);
        this.#states.set(param, state);
      }
      state.t += 1;
      this.update(param.data, this.decayed(param.data, grad), state, lr);
    }
    this.iterations += 1;
  }

  /** The live state of one parameter (undefined before its first update). Read it; don't mutate it. */
  state(param: Parameter): Readonly<S> | undefined {
    return this.#states.get(param);
  }

  /** Forgets all per-parameter state and the iteration counter. */
  reset(): void {
    this.#states = new WeakMap();
    this.iterations = 0;
  }

  /** g + λθ, or g itself when λ = 0. */
  private decayed(data: FloatArray, grad: FloatArray): FloatArray {
    if (this.weightDecay === 0) return grad;
    const out = new Float64Array(grad.length);
    for (let i = 0; i < grad.length; i++) out[i] = grad[i] + this.weightDecay * data[i];
    return out;
  }

  /** Fresh state for a parameter of `size` elements (t = 0, zero buffers). */
  protected abstract initialState(size: number): S;

  /** The update rule, applied in place to `data`; `state.t` has already been incremented. */
  protected abstract update(data: FloatArray, grad: FloatArray, state: S, learningRate: number): void;
}

/** Throws a readable error for a negative or non-finite hyperparameter. */
export function assertNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
}

/** Throws unless 0 <= value < 1 (decay rates, momentum, β1, β2). */
export function assertUnitInterval(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0 && value < 1)) {
    throw new RangeError(`${name} must be in [0, 1), got ${value}`);
  }
}
