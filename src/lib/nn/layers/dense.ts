import type { Tensor } from "../../autodiff/tensor.ts";
import type { DType } from "../../autodiff/dtype.ts";
import { add } from "../../autodiff/elementwise.ts";
import { matmul } from "../../autodiff/matmul.ts";
import { activation } from "../../autodiff/activations.ts";
import type { Rng } from "../../random/rng.ts";
import { Layer } from "../layer.ts";
import type { CallContext, LayerOptions } from "../layer.ts";

export interface DenseOptions extends LayerOptions {
  /** Activation name (see `activationNames`); default "linear". */
  activation?: string;
  useBias?: boolean;
  kernelInitializer?: string;
  biasInitializer?: string;
}

/** Fully connected layer y = act(x·W + b), W: [inFeatures, units], b: [units]. Params: in·units + units. */
export class Dense extends Layer {
  readonly kind = "Dense";
  /** Number of output features. */
  readonly units: number;
  readonly activation: string;
  readonly useBias: boolean;
  readonly kernelInitializer: string;
  readonly biasInitializer: string;
  /** [inFeatures, units]; null before build. */
  kernel: Tensor | null = null;
  /** [units]; null before build or without bias. */
  bias: Tensor | null = null;
  #act: (x: Tensor) => Tensor;

  constructor(units: number, options: DenseOptions = {}) {
    super(options);
    if (!Number.isInteger(units) || units < 1) throw new RangeError(`Dense: units must be a positive integer, got ${units}`);
    this.units = units;
    this.activation = options.activation ?? "linear";
    this.#act = activation(this.activation);
    this.useBias = options.useBias ?? true;
    this.kernelInitializer = options.kernelInitializer ?? "glorotUniform";
    this.biasInitializer = options.biasInitializer ?? "zeros";
  }

  computeOutputShape(inputShapes: number[][]): number[] {
    const s = inputShapes[0];
    if (s.length !== 1) throw new RangeError(`${this.describe()}: expects input [features] (flatten images first), got [${s.join(", ")}]`);
    return [this.units];
  }

  protected override createWeights(inputShapes: number[][], rng: Rng, dtype: DType): void {
    const fanIn = inputShapes[0][0];
    const fans = { fanIn, fanOut: this.units };
    this.kernel = this.addWeight("kernel", [fanIn, this.units], this.kernelInitializer, fans, rng, dtype);
    if (this.useBias) this.bias = this.addWeight("bias", [this.units], this.biasInitializer, fans, rng, dtype);
  }

  call(inputs: Tensor[], _ctx: CallContext): Tensor {
    let y = matmul(inputs[0], this.kernel!);
    if (this.bias !== null) y = add(y, this.bias);
    return this.#act(y);
  }

  getConfig(): Record<string, unknown> {
    return {
      units: this.units,
      activation: this.activation,
      useBias: this.useBias,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
    };
  }
}
