import type { Tensor } from "../../autodiff/tensor.ts";
import type { DType } from "../../autodiff/dtype.ts";
import { conv2d } from "../../autodiff/conv.ts";
import { activation } from "../../autodiff/activations.ts";
import { windowGeometry, pair } from "../../autodiff/padding.ts";
import type { Rng } from "../../random/rng.ts";
import { Layer } from "../layer.ts";
import type { CallContext, LayerOptions } from "../layer.ts";

export interface Conv2DLayerOptions extends LayerOptions {
  /** Default 1. */
  strides?: number | [number, number];
  /** "valid" (default) or "same" (SAME_UPPER, output ceil(size / stride)). */
  padding?: "valid" | "same";
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: string;
  biasInitializer?: string;
}

/**
 * 2-D convolution on NCHW images: input [C, H, W] → [filters, OH, OW].
 * Weights: kernel [filters, C, kH, kW] (ONNX/PyTorch layout), bias [filters]. Params: kH·kW·C·filters + filters.
 */
export class Conv2D extends Layer {
  readonly kind = "Conv2D";
  readonly filters: number;
  /** [kH, kW]. */
  readonly kernelSize: [number, number];
  /** [sH, sW]. */
  readonly strides: [number, number];
  readonly padding: "valid" | "same";
  readonly activation: string;
  readonly useBias: boolean;
  readonly kernelInitializer: string;
  readonly biasInitializer: string;
  kernel: Tensor | null = null;
  bias: Tensor | null = null;
  #act: (x: Tensor) => Tensor;

  constructor(filters: number, kernelSize: number | [number, number], options: Conv2DLayerOptions = {}) {
    super(options);
    if (!Number.isInteger(filters) || filters < 1) throw new RangeError(`Conv2D: filters must be a positive integer, got ${filters}`);
    this.filters = filters;
    this.kernelSize = pair(kernelSize);
    this.strides = pair(options.strides ?? 1);
    this.padding = options.padding ?? "valid";
    this.activation = options.activation ?? "linear";
    this.#act = activation(this.activation);
    this.useBias = options.useBias ?? true;
    this.kernelInitializer = options.kernelInitializer ?? "glorotUniform";
    this.biasInitializer = options.biasInitializer ?? "zeros";
  }

  computeOutputShape(inputShapes: number[][]): number[] {
    const s = inputShapes[0];
    if (s.length !== 3) throw new RangeError(`${this.describe()}: expects input [channels, height, width], got [${s.join(", ")}]`);
    const [kh, kw] = this.kernelSize;
    const g = windowGeometry(s[1], s[2], kh, kw, this.strides[0], this.strides[1], this.padding);
    if (g.h.out < 1 || g.w.out < 1) {
      throw new RangeError(`${this.describe()}: kernel ${kh}×${kw} does not fit input [${s.join(", ")}] with padding "${this.padding}"`);
    }
    return [this.filters, g.h.out, g.w.out];
  }

  protected override createWeights(inputShapes: number[][], rng: Rng, dtype: DType): void {
    const c = inputShapes[0][0];
    const [kh, kw] = this.kernelSize;
    const fans = { fanIn: c * kh * kw, fanOut: this.filters * kh * kw };
    this.kernel = this.addWeight("kernel", [this.filters, c, kh, kw], this.kernelInitializer, fans, rng, dtype);
    if (this.useBias) this.bias = this.addWeight("bias", [this.filters], this.biasInitializer, fans, rng, dtype);
  }

  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    return this.#act(conv2d(inputs[0], this.kernel!, this.bias, { stride: this.strides, padding: this.padding }));
  }

  getConfig(): Record<string, unknown> {
    return {
      filters: this.filters,
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
    };
  }
}
