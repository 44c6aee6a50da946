import type { FloatArray } from "../autodiff/dtype.ts";
import { Optimizer, assertNonNegative } from "./optimizer.ts";
import type { BaseState, CommonOptions } from "./optimizer.ts";

/** Per-parameter state of `AdaGrad`. */
export interface AdaGradState extends BaseState {
  /** G: the running sum of squared gradients, element-wise. */
  sumSquares: Float64Array;
}

/** Options of `AdaGrad`. */
export interface AdaGradOptions extends CommonOptions {
  /** ε, added to √G (outside the root) to avoid division by zero. Default 1e-8. */
  epsilon?: number;
  /** G's starting value for every element. Default 0. */
  initialAccumulator?: number;
}

/**
 * AdaGrad (Duchi et al. 2011): each coordinate's step shrinks with the total squared gradient it
 * has seen, so rarely-updated coordinates keep large steps:
 *   G ← G + g²,   θ ← θ − η g / (√G + ε).
 * Defaults: η = 0.01, ε = 1e-8, G₀ = 0.
 */
export class AdaGrad extends Optimizer<AdaGradState> {
  readonly name = "adagrad";
  /** ε. */
  epsilon: number;
  /** G₀. */
  readonly initialAccumulator: number;

  constructor(options: AdaGradOptions = {}) {
    super(0.01, options);
    this.epsilon = options.epsilon ?? 1e-8;
    this.initialAccumulator = options.initialAccumulator ?? 0;
    assertNonNegative("epsilon", this.epsilon);
    assertNonNegative("initialAccumulator", this.initialAccumulator);
  }

  protected initialState(size: number): AdaGradState {
    return { t: 0, sumSquares: new Float64Array(size).fill(this.initialAccumulator) };
  }

  protected update(data: FloatArray, grad: FloatArray, state: AdaGradState, lr: number): void {
    const G = state.sumSquares;
    for (let i = 0; i < data.length; i++) {
      const g = grad[i];
      G[i] += g * g;
      data[i] -= (lr * g) / (Math.sqrt(G[i]) + this.epsilon);
    }
  }
}
