import type { FloatArray } from "../autodiff/dtype.ts";
import { Optimizer } from "./optimizer.ts";
import type { BaseState, CommonOptions } from "./optimizer.ts";

/** Plain gradient descent keeps no state beyond its update count. */
export type SGDState = BaseState;

/** Options of `SGD`: learningRate η (default 0.01), weightDecay λ (default 0). */
export type SGDOptions = CommonOptions;

/** Gradient descent: θ ← θ − η∇E. */
export class SGD extends Optimizer<SGDState> {
  readonly name = "sgd";

  constructor(options: SGDOptions = {}) {
    super(0.01, options);
  }

  protected initialState(): SGDState {
    return { t: 0 };
  }

  protected update(data: FloatArray, grad: FloatArray, _state: SGDState, lr: number): void {
    for (let i = 0; i < data.length; i++) data[i] -= lr * grad[i];
  }
}
