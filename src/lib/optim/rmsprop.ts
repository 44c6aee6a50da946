import type { FloatArray } from "../autodiff/dtype.ts";
import { Optimizer, assertNonNegative, assertUnitInterval } from "./optimizer.ts";
import type { BaseState, CommonOptions } from "./optimizer.ts";

/** Per-parameter state of `RMSProp`. */
export interface RMSPropState extends BaseState {
  /** S: the exponential moving average of squared gradients, element-wise. */
  meanSquares: Float64Array;
}

/** Options of `RMSProp`. */
export interface RMSPropOptions extends CommonOptions {
  /** ρ, the decay of the moving average of g². Default 0.9. */
  rho?: number;
  /** ε, added to √S (outside the root). Default 1e-8. */
  epsilon?: number;
}

/**
 * RMSProp (Hinton, Coursera lecture 6e): AdaGrad with a leaky average instead of a sum, so the
 * step size does not decay to zero:
 *   S ← ρS + (1 − ρ)g²,   θ ← θ − η g / (√S + ε).
 * Defaults: η = 0.001, ρ = 0.9, ε = 1e-8. S starts at 0 (no bias correction, unlike Adam).
 */
export class RMSProp extends Optimizer<RMSPropState> {
  readonly name = "rmsprop";
  /** ρ. */
  rho: number;
  /** ε. */
  epsilon: number;

  constructor(options: RMSPropOptions = {}) {
    super(0.001, options);
    this.rho = options.rho ?? 0.9;
    this.epsilon = options.epsilon ?? 1e-8;
    assertUnitInterval("rho", this.rho);
    assertNonNegative("epsilon", this.epsilon);
  }

  protected initialState(size: number): RMSPropState {
    return { t: 0, meanSquares: new Float64Array(size) };
  }

  protected update(data: FloatArray, grad: FloatArray, state: RMSPropState, lr: number): void {
    const S = state.meanSquares;
    const rho = this.rho;
    for (let i = 0; i < data.length; i++) {
      const g = grad[i];
      S[i] = rho * S[i] + (1 - rho) * g * g;
      data[i] -= (lr * g) / (Math.sqrt(S[i]) + this.epsilon);
    }
  }
}
