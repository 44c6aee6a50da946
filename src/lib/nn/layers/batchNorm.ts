import type { Tensor } from "../../autodiff/tensor.ts";
import type { DType } from "../../autodiff/dtype.ts";
import { add, mul, sub, div, sqrt, square } from "../../autodiff/elementwise.ts";
import { mean } from "../../autodiff/reduce.ts";
import { reshape } from "../../autodiff/shape.ts";
import type { Rng } from "../../random/rng.ts";
import { Layer } from "../layer.ts";
import type { CallContext, LayerOptions } from "../layer.ts";

export interface BatchNormOptions extends LayerOptions {
  /** Moving-average decay of the statistics. Default 0.99 (Keras). */
  momentum?: number;
  /** ε added to the variance. Default 1e-3 (Keras). */
  epsilon?: number;
}

/**
 * Batch normalisation over axis 1 (channels of NCHW, features of [N, F]):
 *   y = γ · (x − μ) / √(σ² + ε) + β
 * Training uses the batch mean and (biased) variance and updates
 * moving ← momentum·moving + (1 − momentum)·batch; inference uses the moving statistics.
 * Weights: gamma, beta (trainable), movingMean, movingVariance (non-trainable); 4·C params.
 * Built from primitive ops, so its gradient needs no code of its own.
 */
export class BatchNorm extends Layer {
  readonly kind = "BatchNorm";
  readonly momentum: number;
  readonly epsilon: number;
  gamma: Tensor | null = null;
  beta: Tensor | null = null;
  movingMean: Tensor | null = null;
  movingVariance: Tensor | null = null;

  constructor(options: BatchNormOptions = {}) {
    super(options);
    this.momentum = options.momentum ?? 0.99;
    this.epsilon = options.epsilon ?? 1e-3;
  }

  computeOutputShape(inputShapes: number[][]): number[] {
    const s = inputShapes[0];
    if (s.length !== 1 && s.length !== 3)
      throw new RangeError(`${this.describe()}: expects input [features] or [channels, height, width], got [${s.join(", ")}]`);
    return s.slice();
  }

  protected override createWeights(inputShapes: number[][], rng: Rng, dtype: DType): void {
    const c = inputShapes[0][0];
    const fans = { fanIn: c, fanOut: c };
    this.gamma = this.addWeight("gamma", [c], "ones", fans, rng, dtype);
    this.beta = this.addWeight("beta", [c], "zeros", fans, rng, dtype);
    this.movingMean = this.addWeight("movingMean", [c], "zeros", fans, rng, dtype, false);
    this.movingVariance = this.addWeight("movingVariance", [c], "ones", fans, rng, dtype, false);
  }

  call(inputs: Tensor[], ctx: CallContext): Tensor {
    const x = inputs[0];
    const c = x.shape[1];
    // Per-channel vectors reshaped to broadcast over [N, C] or [N, C, H, W].
    const bshape = x.shape.length === 4 ? [1, c, 1, 1] : [1, c];
    const axes = x.shape.length === 4 ? [0, 2, 3] : [0];
    let mu: Tensor;
    let variance: Tensor;
    if (ctx.training) {
      mu = mean(x, axes, true);
      variance = mean(square(sub(x, mu)), axes, true);
      const m = this.momentum;
      const mm = this.movingMean!.data;
      const mv = this.movingVariance!.data;
      for (let k = 0; k < c; k++) {
        mm[k] = m * mm[k] + (1 - m) * mu.data[k];
        mv[k] = m * mv[k] + (1 - m) * variance.data[k];
      }
    } else {
      mu = reshape(this.movingMean!, bshape);
      variance = reshape(this.movingVariance!, bshape);
    }
    const xhat = div(sub(x, mu), sqrt(add(variance, this.epsilon)));
    return add(mul(xhat, reshape(this.gamma!, bshape)), reshape(this.beta!, bshape));
  }

  getConfig(): Record<string, unknown> {
    return { momentum: this.momentum, epsilon: this.epsilon, axis: 1 };
  }
}
