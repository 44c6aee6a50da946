import type { Tensor } from "../../autodiff/tensor.ts";
import { add } from "../../autodiff/elementwise.ts";
import { concat } from "../../autodiff/shape.ts";
import { Layer } from "../layer.ts";
import type { CallContext, LayerOptions } from "../layer.ts";

/** Elementwise sum of several inputs of one shape (residual connections). */
export class Add extends Layer {
  readonly kind = "Add";
  override get inputCount(): "many" {
    return "many";
  }
  computeOutputShape(inputShapes: number[][]): number[] {
    const first = JSON.stringify(inputShapes[0]);
    if (inputShapes.length < 2 || inputShapes.some((s) => JSON.stringify(s) !== first)) {
      throw new RangeError(`${this.describe()}: needs at least two inputs of one shape, got ${JSON.stringify(inputShapes)}`);
    }
    return inputShapes[0].slice();
  }
  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return inputs.slice(1).reduce((acc, x) => add(acc, x), inputs[0]);
  }
  getConfig(): Record<string, unknown> {
    return {};
  }
}

export interface ConcatenateOptions extends LayerOptions {
  /** Axis of the batched tensor (1 = channels of NCHW / features of [N, F]; negative counts from the end). Default 1. */
  axis?: number;
}

/** Joins inputs along `axis`; other axes must match. */
export class Concatenate extends Layer {
  readonly kind = "Concatenate";
  readonly axis: number;
  constructor(options: ConcatenateOptions = {}) {
    super(options);
    this.axis = options.axis ?? 1;
  }
  override get inputCount(): "many" {
    return "many";
  }
  computeOutputShape(inputShapes: number[][]): number[] {
    const rank = inputShapes[0].length + 1;
    const ax = (this.axis < 0 ? this.axis + rank : this.axis) - 1;
    const ok =
      inputShapes.length >= 2 &&
      ax >= 0 &&
      ax < rank - 1 &&
      inputShapes.every((s) => s.length === rank - 1 && s.every((d, i) => i === ax || d === inputShapes[0][i]));
    if (!ok) throw new RangeError(`${this.describe()}: cannot concatenate ${JSON.stringify(inputShapes)} along axis ${this.axis}`);
    const out = inputShapes[0].slice();
    out[ax] = inputShapes.reduce((s, sh) => s + sh[ax], 0);
    return out;
  }
  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return concat(inputs, this.axis);
  }
  getConfig(): Record<string, unknown> {
    return { axis: this.axis };
  }
}
