import type { FloatArray } from "../autodiff/dtype.ts";
import { Optimizer, assertUnitInterval } from "./optimizer.ts";
import type { BaseState, CommonOptions } from "./optimizer.ts";

/** Per-parameter state of `Nesterov`. */
export interface NesterovState extends BaseState {
  /** v: the velocity, starting at 0. */
  velocity: Float64Array;
}

/** Options of `Nesterov`. */
export interface NesterovOptions extends CommonOptions {
  /** α, the fraction of the previous velocity kept each step. Default 0.9. */
  momentum?: number;
}

/**
 * Nesterov accelerated gradient. Sutskever et al. (2013) write it with a look-ahead gradient:
 *   v ← αv − η∇E(θ + αv),   θ ← θ + v,
 * which needs the gradient at a point other than the stored parameters. We store the look-ahead
 * point φ = θ + αv instead (Bengio et al. 2012; the form Keras and PyTorch use), so the gradient
 * the training loop computes at the stored parameters is exactly ∇E(φ):
 *   v ← αv − η∇E(φ),   φ ← φ + αv − η∇E(φ)      (with the new v).
 * Substituting φ = θ + αv shows the two are the same sequence. Defaults: η = 0.01, α = 0.9.
 */
export class Nesterov extends Optimizer<NesterovState> {
  readonly name = "nesterov";
  /** α. */
  momentum: number;

  constructor(options: NesterovOptions = {}) {
    super(0.01, options);
    this.momentum = options.momentum ?? 0.9;
    assertUnitInterval("momentum", this.momentum);
  }

  protected initialState(size: number): NesterovState {
    return { t: 0, velocity: new Float64Array(size) };
  }

  protected update(data: FloatArray, grad: FloatArray, state: NesterovState, lr: number): void {
    const v = state.velocity;
    const alpha = this.momentum;
    for (let i = 0; i < data.length; i++) {
      v[i] = alpha * v[i] - lr * grad[i];
      data[i] += alpha * v[i] - lr * grad[i];
    }
  }
}
