import { Tensor } from "../autodiff/tensor.ts";
import type { DType } from "../autodiff/dtype.ts";
import { allocate } from "../autodiff/dtype.ts";
import type { Rng } from "../random/rng.ts";
import { initializer } from "./initializers.ts";
import type { Fans } from "./initializers.ts";

/** What a layer's forward pass may depend on besides its inputs. */
export interface CallContext {
  /** Training mode: dropout drops, batch norm uses batch statistics and updates its moving ones. */
  training: boolean;
  /** Source of dropout masks. */
  rng: Rng;
}

/** Options every layer accepts. */
export interface LayerOptions {
  /** Unique within a model; unnamed layers are named by the model ("dense", "dense_1", …). */
  name?: string;
  /** False freezes the layer: its weights get no gradient and count as non-trainable. */
  trainable?: boolean;
}

/** One weight of a layer, e.g. { name: "kernel", tensor, trainable: true }. */
export interface LayerWeight {
  /** Short name within the layer ("kernel", "bias", "gamma", "movingMean", …). */
  name: string;
  tensor: Tensor;
  /** False for state that is not learned by gradient (batch norm's moving statistics). */
  trainable: boolean;
}

/** "[None, 3, 8, 8]"-style shape with the batch axis, as Keras prints it. */
export function batchShape(shape: readonly number[]): string {
  return `[None, ${shape.join(", ")}]`.replace(", ]", "]");
}

/**
 * A Keras-shaped layer. Shapes given to and returned by `computeOutputShape`/`build` exclude the
 * batch axis; tensors passed to `call` include it (NCHW for images). Subclasses set `kind`, define
 * `computeOutputShape`, `call`, `getConfig`, and create weights in `build` with `addWeight`.
 */
export abstract class Layer {
  /** The layer type, as in Keras and ONNX export: "Dense", "Conv2D", "MaxPool2D", … */
  abstract readonly kind: string;
  /** Unique name within its model; "" until the model (or `build`) assigns one. */
  name: string;
  /** Input shapes (without batch) the layer was built for; null before `build`. */
  inputShapes: number[][] | null = null;
  /** Output shape (without batch); null before `build`. */
  outputShape: number[] | null = null;
  /** The layer's weights in a fixed order (kernel before bias), empty for weightless layers. */
  readonly weightList: LayerWeight[] = [];
  #trainable: boolean;

  constructor(options: LayerOptions = {}) {
    this.name = options.name ?? "";
    this.#trainable = options.trainable ?? true;
  }

  /** Whether the layer's learnable weights are updated by training. */
  get trainable(): boolean {
    return this.#trainable;
  }

  set trainable(value: boolean) {
    this.#trainable = value;
    for (const w of this.weightList) if (w.trainable) w.tensor.requiresGrad = value;
  }

  get built(): boolean {
    return this.inputShapes !== null;
  }

  /** How many inputs the layer takes (1 except for merge layers). */
  get inputCount(): number | "many" {
    return 1;
  }

  /** "Dense 'dense_1'" — how the layer is named in error messages. */
  describe(): string {
    return `${this.kind} '${this.name || "(unnamed)"}'`;
  }

  /** Output shape (without batch) for these input shapes; throws naming the layer if they don't fit. */
  abstract computeOutputShape(inputShapes: number[][]): number[];

  /** The forward computation on batched tensors. */
  abstract call(inputs: Tensor[], ctx: CallContext): Tensor;

  /** The layer's hyperparameters as plain JSON (enough to rebuild it and to export it to ONNX). */
  abstract getConfig(): Record<string, unknown>;

  /** Creates the weights for these input shapes. Called once, by the model, with a per-layer rng. */
  build(inputShapes: number[][], rng: Rng, dtype: DType = "float32"): void {
    if (this.built) {
      if (JSON.stringify(inputShapes) !== JSON.stringify(this.inputShapes)) {
        throw new RangeError(
          `${this.describe()} was built for input shapes ${JSON.stringify(this.inputShapes)}, now given ${JSON.stringify(inputShapes)}`,
        );
      }
      return;
    }
    this.outputShape = this.computeOutputShape(inputShapes);
    this.createWeights(inputShapes, rng, dtype);
    this.inputShapes = inputShapes.map((s) => s.slice());
  }

  /** Subclasses with weights override this and call `addWeight`. */
  protected createWeights(_inputShapes: number[][], _rng: Rng, _dtype: DType): void {}

  /** Creates, registers and returns a weight tensor named `${layer}/${name}`. */
  protected addWeight(name: string, shape: number[], init: string, fans: Fans, rng: Rng, dtype: DType, trainable = true): Tensor {
    const data = allocate(
      dtype,
      shape.reduce((a, b) => a * b, 1),
    );
    initializer(init)(data, fans, rng.fork(name));
    const t = new Tensor(data, shape, { requiresGrad: trainable && this.#trainable, name: `${this.name}/${name}` });
    this.weightList.push({ name, tensor: t, trainable });
    return t;
  }

  /** Every weight tensor, in order. */
  weights(): Tensor[] {
    return this.weightList.map((w) => w.tensor);
  }

  /** Weights updated by the optimizer: none when the layer is frozen. */
  trainableWeights(): Tensor[] {
    return this.#trainable ? this.weightList.filter((w) => w.trainable).map((w) => w.tensor) : [];
  }

  /** Frozen weights and non-gradient state. */
  nonTrainableWeights(): Tensor[] {
    return this.weightList.filter((w) => !w.trainable || !this.#trainable).map((w) => w.tensor);
  }

  /** Number of scalar weights. */
  countParams(): number {
    return this.weightList.reduce((s, w) => s + w.tensor.size, 0);
  }

  /**
   * Checks the batched inputs against the built shapes (error names the layer and both shapes),
   * then runs `call`.
   */
  forward(inputs: Tensor[], ctx: CallContext): Tensor {
    const expected = this.inputShapes;
    if (expected === null) throw new Error(`${this.describe()} is not built; use it inside a model or call build() first`);
    if (inputs.length !== expected.length) {
      throw new RangeError(`${this.describe()}: expected ${expected.length} input(s), got ${inputs.length}`);
    }
    inputs.forEach((x, i) => {
      const s = expected[i];
      const ok = x.shape.length === s.length + 1 && s.every((d, k) => d === x.shape[k + 1]);
      if (!ok) throw new RangeError(`${this.describe()}: expected input shape ${batchShape(s)}, got [${x.shape.join(", ")}]`);
    });
    return this.call(inputs, ctx);
  }

  /** Functional API: connects this layer to symbolic inputs and returns its symbolic output. */
  apply(inputs: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const n = this.inputCount;
    if (n !== "many" && list.length !== n) throw new RangeError(`${this.describe()}: takes ${n} input(s), got ${list.length}`);
    const shapes = list.map((s) => s.shape);
    if (this.inputShapes !== null && JSON.stringify(shapes) !== JSON.stringify(this.inputShapes)) {
      throw new RangeError(
        `${this.describe()} is shared but was built for ${JSON.stringify(this.inputShapes)}, now applied to ${JSON.stringify(shapes)}`,
      );
    }
    return new SymbolicTensor(this.computeOutputShape(shapes), this, list);
  }
}

/**
 * A node of a functional model's graph: the (not yet computed) output of a layer applied to other
 * nodes, or a model input (layer null). Shapes exclude the batch axis.
 */
export class SymbolicTensor {
  /** Shape without the batch axis. */
  readonly shape: number[];
  /** The layer that computes this node; null for a model input. */
  readonly layer: Layer | null;
  /** The nodes the layer reads, in order; empty for an input. */
  readonly inputs: SymbolicTensor[];
  /** An input's name; for layer outputs, the layer's name once the model has named it. */
  inputName: string;

  constructor(shape: number[], layer: Layer | null, inputs: SymbolicTensor[], inputName = "") {
    this.shape = shape;
    this.layer = layer;
    this.inputs = inputs;
    this.inputName = inputName;
  }

  /** The input's name or the producing layer's name. */
  get name(): string {
    return this.layer === null ? this.inputName : this.layer.name;
  }
}

/** A model input of the given shape (without batch axis), e.g. Input([1, 64, 64]) for one-channel images. */
export function Input(shape: readonly number[], options: { name?: string } = {}): SymbolicTensor {
  if (!shape.every((d) => Number.isInteger(d) && d > 0)) throw new RangeError(`Input: invalid shape [${shape.join(", ")}]`);
  return new SymbolicTensor(shape.slice(), null, [], options.name ?? "");
}
