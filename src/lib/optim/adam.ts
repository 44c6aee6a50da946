import type { FloatArray } from "../autodiff/dtype.ts";
import { Optimizer, assertNonNegative, assertUnitInterval } from "./optimizer.ts";
import type { BaseState, CommonOptions } from "./optimizer.ts";

/** Per-parameter state of `Adam`. */
export interface AdamState extends BaseState {
  /** m: biased first-moment estimate (moving average of g). */
  m: Float64Array;
  /** v: biased second raw-moment estimate (moving average of g²). */
  v: Float64Array;
}

/** Options of `Adam`. */
export interface AdamOptions extends CommonOptions {
  /** β1, decay of the first moment. Default 0.9. */
  beta1?: number;
  /** β2, decay of the second moment. Default 0.999. */
  beta2?: number;
  /** ε, added to √v̂ (outside the root, after bias correction). Default 1e-8. */
  epsilon?: number;
}

/**
 * Adam, exactly Algorithm 1 of Kingma & Ba (2015), per parameter (t counts that parameter's updates):
 *   t ← t + 1
 *   m ← β1 m + (1 − β1) g
 *   v ← β2 v + (1 − β2) g²
 *   m̂ = m / (1 − β1^t),   v̂ = v / (1 − β2^t)
 *   θ ← θ − η m̂ / (√v̂ + ε)
 * Defaults (the paper's): η = 0.001, β1 = 0.9, β2 = 0.999, ε = 1e-8.
 */
export class Adam extends Optimizer<AdamState> {
  readonly name = "adam";
  /** β1. */
  beta1: number;
  /** β2. */
  beta2: number;
  /** ε. */
  epsilon: number;

  constructor(options: AdamOptions = {}) {
    super(0.001, options);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.epsilon = options.epsilon ?? 1e-8;
    assertUnitInterval("beta1", this.beta1);
    assertUnitInterval("beta2", this.beta2);
    assertNonNegative("epsilon", this.epsilon);
  }

  protected initialState(size: number): AdamState {
    return { t: 0, m: new Float64Array(size), v: new Float64Array(size) };
  }

  protected update(data: FloatArray, grad: FloatArray, state: AdamState, lr: number): void {
    const { m, v, t } = state;
    const b1 = this.beta1;
    const b2 = this.beta2;
    const correction1 = 1 - b1 ** t;
    const correction2 = 1 - b2 ** t;
    for (let i = 0; i < data.length; i++) {
      const g = grad[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      const mHat = m[i] / correction1;
      const vHat = v[i] / correction2;
      data[i] -= (lr * mHat) / (Math.sqrt(vHat) + this.epsilon);
    }
  }
}
