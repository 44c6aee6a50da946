import type { FloatArray } from "../autodiff/dtype.ts";
import { Optimizer, assertUnitInterval } from "./optimizer.ts";
import type { BaseState, CommonOptions } from "./optimizer.ts";

/** Per-parameter state of `Momentum`. */
export interface MomentumState extends BaseState {
  /** v: the velocity, starting at 0. */
  velocity: Float64Array;
}

/** Options of `Momentum`. */
export interface MomentumOptions extends CommonOptions {
  /** α, the fraction of the previous velocity kept each step. Default 0.9. */
  momentum?: number;
}

/**
 * Classical (heavy-ball) momentum in the form the course uses:
 *   v ← αv − η∇E,   θ ← θ + v.
 * Defaults: η = 0.01, α = 0.9. (Equivalent to PyTorch's form v ← αv + g, θ ← θ − ηv when η is constant.)
 */
export class Momentum extends Optimizer<MomentumState> {
  readonly name = "momentum";
  /** α. */
  momentum: number;

  constructor(options: MomentumOptions = {}) {
    super(0.01, options);
    this.momentum = options.momentum ?? 0.9;
    assertUnitInterval("momentum", this.momentum);
  }

  protected initialState(size: number): MomentumState {
    return { t: 0, velocity: new Float64Array(size) };
  }

  protected update(data: FloatArray, grad: FloatArray, state: MomentumState, lr: number): void {
    const v = state.velocity;
    const alpha = this.momentum;
    for (let i = 0; i < data.length; i++) {
      v[i] = alpha * v[i] - lr * grad[i];
      data[i] += v[i];
    }
  }
}
