import type { Tensor } from "../../autodiff/tensor.ts";
import { avgPool2d, maxPool2d } from "../../autodiff/pool.ts";
import { pair, windowGeometry } from "../../autodiff/padding.ts";
import { Layer } from "../layer.ts";
import type { CallContext, LayerOptions } from "../layer.ts";

export interface Pool2DLayerOptions extends LayerOptions {
  /** Default: the pool size. */
  strides?: number | [number, number];
  /** Default "valid". */
  padding?: "valid" | "same";
}

/** Shared by MaxPool2D and AvgPool2D: [C, H, W] → [C, OH, OW], no weights. */
abstract class Pool2D extends Layer {
  /** [pH, pW]. */
  readonly poolSize: [number, number];
  /** [sH, sW]. */
  readonly strides: [number, number];
  readonly padding: "valid" | "same";

  constructor(poolSize: number | [number, number] = 2, options: Pool2DLayerOptions = {}) {
    super(options);
    this.poolSize = pair(poolSize);
    this.strides = pair(options.strides ?? poolSize);
    this.padding = options.padding ?? "valid";
  }

  computeOutputShape(inputShapes: number[][]): number[] {
    const s = inputShapes[0];
    if (s.length !== 3) throw new RangeError(`${this.describe()}: expects input [channels, height, width], got [${s.join(", ")}]`);
    const g = windowGeometry(s[1], s[2], this.poolSize[0], this.poolSize[1], this.strides[0], this.strides[1], this.padding);
    if (g.h.out < 1 || g.w.out < 1)
      throw new RangeError(`${this.describe()}: pool ${this.poolSize.join("×")} does not fit input [${s.join(", ")}]`);
    return [s[0], g.h.out, g.w.out];
  }

  getConfig(): Record<string, unknown> {
    return { poolSize: this.poolSize, strides: this.strides, padding: this.padding };
  }
}

/** Max pooling over poolSize windows. */
export class MaxPool2D extends Pool2D {
  readonly kind = "MaxPool2D";
  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return maxPool2d(inputs[0], this.poolSize, { stride: this.strides, padding: this.padding });
  }
}

/** Average pooling over poolSize windows (padding not counted). */
export class AvgPool2D extends Pool2D {
  readonly kind = "AvgPool2D";
  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return avgPool2d(inputs[0], this.poolSize, { stride: this.strides, padding: this.padding });
  }
}
