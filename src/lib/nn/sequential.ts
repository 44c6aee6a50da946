import type { DType } from "../autodiff/dtype.ts";
import type { Rng } from "../random/rng.ts";
import { Input } from "./layer.ts";
import type { Layer, SymbolicTensor } from "./layer.ts";
import { Model } from "./model.ts";

export interface SequentialOptions {
  /** Shape of one example without the batch axis, e.g. [2] or [1, 64, 64] (NCHW). */
  inputShape: number[];
  name?: string;
  seed?: number | string | Rng;
  dtype?: DType;
}

/** A plain stack of single-input layers: `layers` in order, each feeding the next. */
export class Sequential extends Model {
  override readonly kind = "Sequential";

  constructor(layers: Layer[], options: SequentialOptions) {
    if (layers.length === 0) throw new RangeError("Sequential: needs at least one layer");
    const input = Input(options.inputShape, { name: "input" });
    let x: SymbolicTensor = input;
    for (const layer of layers) x = layer.apply(x);
    super({ inputs: input, outputs: x, name: options.name ?? "sequential", seed: options.seed, dtype: options.dtype });
  }
}
