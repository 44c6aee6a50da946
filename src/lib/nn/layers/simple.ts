import type { Tensor } from "../../autodiff/tensor.ts";
import { flatten, reshape } from "../../autodiff/shape.ts";
import { dropout } from "../../autodiff/dropout.ts";
import { activation } from "../../autodiff/activations.ts";
import { upsample2d } from "../../autodiff/pool.ts";
import { pair } from "../../autodiff/padding.ts";
import { Layer } from "../layer.ts";
import type { CallContext, LayerOptions } from "../layer.ts";

// Weightless single-input layers.

/** [C, H, W] (or any shape) → [C·H·W], row-major (NCHW order, as ONNX Flatten with axis 1). */
export class Flatten extends Layer {
  readonly kind = "Flatten";
  computeOutputShape(inputShapes: number[][]): number[] {
    return [inputShapes[0].reduce((a, b) => a * b, 1)];
  }
  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return flatten(inputs[0]);
  }
  getConfig(): Record<string, unknown> {
    return {};
  }
}

/** Reshapes to `targetShape` (without batch). */
export class Reshape extends Layer {
  readonly kind = "Reshape";
  readonly targetShape: number[];
  constructor(targetShape: number[], options: LayerOptions = {}) {
    super(options);
    this.targetShape = targetShape.slice();
  }
  computeOutputShape(inputShapes: number[][]): number[] {
    const n = inputShapes[0].reduce((a, b) => a * b, 1);
    if (this.targetShape.reduce((a, b) => a * b, 1) !== n) {
      throw new RangeError(`${this.describe()}: cannot reshape [${inputShapes[0].join(", ")}] to [${this.targetShape.join(", ")}]`);
    }
    return this.targetShape.slice();
  }
  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return reshape(inputs[0], [inputs[0].shape[0], ...this.targetShape]);
  }
  getConfig(): Record<string, unknown> {
    return { targetShape: this.targetShape };
  }
}

/** Inverted dropout with probability `rate` while training; identity at inference. */
export class Dropout extends Layer {
  readonly kind = "Dropout";
  readonly rate: number;
  constructor(rate: number, options: LayerOptions = {}) {
    super(options);
    if (!(rate >= 0 && rate < 1)) throw new RangeError(`Dropout: rate must be in [0, 1), got ${rate}`);
    this.rate = rate;
  }
  computeOutputShape(inputShapes: number[][]): number[] {
    return inputShapes[0].slice();
  }
  call(inputs: Tensor[], ctx: CallContext): Tensor {
    return dropout(inputs[0], this.rate, ctx.rng, ctx.training);
  }
  getConfig(): Record<string, unknown> {
    return { rate: this.rate };
  }
}

/** Applies a named activation (see `activationNames`). */
export class Activation extends Layer {
  readonly kind = "Activation";
  readonly activation: string;
  #f: (x: Tensor) => Tensor;
  constructor(name: string, options: LayerOptions = {}) {
    super(options);
    this.#f = activation(name);
    this.activation = name;
  }
  computeOutputShape(inputShapes: number[][]): number[] {
    return inputShapes[0].slice();
  }
  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return this.#f(inputs[0]);
  }
  getConfig(): Record<string, unknown> {
    return { activation: this.activation };
  }
}

/** Nearest-neighbour upsampling: [C, H, W] → [C, H·sH, W·sW] (ONNX Resize, mode "nearest"). */
export class UpSampling2D extends Layer {
  readonly kind = "UpSampling2D";
  /** [sH, sW]. */
  readonly size: [number, number];
  constructor(size: number | [number, number] = 2, options: LayerOptions = {}) {
    super(options);
    this.size = pair(size);
  }
  computeOutputShape(inputShapes: number[][]): number[] {
    const s = inputShapes[0];
    if (s.length !== 3) throw new RangeError(`${this.describe()}: expects input [channels, height, width], got [${s.join(", ")}]`);
    return [s[0], s[1] * this.size[0], s[2] * this.size[1]];
  }
  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return upsample2d(inputs[0], this.size);
  }
  getConfig(): Record<string, unknown> {
    return { size: this.size, interpolation: "nearest" };
  }
}
