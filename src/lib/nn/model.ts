import type { Tensor } from "../autodiff/tensor.ts";
import type { DType } from "../autodiff/dtype.ts";
import { Rng } from "../random/rng.ts";
import { Layer, SymbolicTensor, batchShape } from "./layer.ts";
import type { CallContext } from "./layer.ts";

export interface ModelOptions {
  inputs: SymbolicTensor | SymbolicTensor[];
  outputs: SymbolicTensor | SymbolicTensor[];
  name?: string;
  /** Seed (or generator) of the weight initialisation; each layer draws from rng.fork(layer name). Default seed 0. */
  seed?: number | string | Rng;
  /** Element type of the weights. Default "float32". */
  dtype?: DType;
}

/** "MaxPool2D" → "max_pool2d": the default layer name prefix, as in Keras. */
function snakeCase(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
}

/**
 * A functional model: a directed acyclic graph of layers from `inputs` to `outputs` (several of
 * each allowed). On construction, unnamed layers and inputs get unique names, nodes are ordered
 * topologically and every layer is built (its weights initialised) from the seed.
 */
export class Model {
  /** "Model" for functional models, "Sequential" for the subclass. */
  readonly kind: string = "Model";
  readonly name: string;
  /** Input nodes in order; each has a shape without batch. */
  readonly inputs: SymbolicTensor[];
  /** Output nodes in order. */
  readonly outputs: SymbolicTensor[];
  /** Every node (inputs first), parents before children: the layer graph for export and views. */
  readonly nodes: SymbolicTensor[];
  /** Distinct layers in topological order. */
  readonly layers: Layer[];
  readonly dtype: DType;

  constructor(options: ModelOptions) {
    this.name = options.name ?? "model";
    this.inputs = Array.isArray(options.inputs) ? options.inputs.slice() : [options.inputs];
    this.outputs = Array.isArray(options.outputs) ? options.outputs.slice() : [options.outputs];
    this.dtype = options.dtype ?? "float32";
    this.nodes = topoSort(this.outputs);
    for (const node of this.nodes) {
      if (node.layer === null && !this.inputs.includes(node)) {
        throw new Error(
          `Model '${this.name}': an output depends on an Input of shape ${batchShape(node.shape)} that is not listed in inputs`,
        );
      }
    }
    this.layers = [];
    for (const node of this.nodes) if (node.layer !== null && !this.layers.includes(node.layer)) this.layers.push(node.layer);
    assignNames(this.inputs, this.layers, this.name);
    const seed = options.seed ?? 0;
    const rng = seed instanceof Rng ? seed : new Rng(seed);
    for (const node of this.nodes) {
      if (node.layer !== null)
        node.layer.build(
          node.inputs.map((n) => n.shape),
          rng.fork(node.layer.name),
          this.dtype,
        );
    }
  }

  /** Shape (without batch) of the first input. */
  get inputShape(): number[] {
    return this.inputs[0].shape.slice();
  }

  get inputShapes(): number[][] {
    return this.inputs.map((n) => n.shape.slice());
  }

  get outputShapes(): number[][] {
    return this.outputs.map((n) => n.shape.slice());
  }

  /**
   * Runs the graph on batched inputs (one tensor per model input) and returns one tensor per output.
   * Pass `trace` to receive every node's value (for views of intermediate activations).
   */
  forward(inputs: Tensor | Tensor[], ctx: Partial<CallContext> = {}, trace?: Map<SymbolicTensor, Tensor>): Tensor[] {
    const xs = Array.isArray(inputs) ? inputs : [inputs];
    if (xs.length !== this.inputs.length) {
      throw new RangeError(`Model '${this.name}': expected ${this.inputs.length} input tensor(s), got ${xs.length}`);
    }
    const context: CallContext = { training: ctx.training ?? false, rng: ctx.rng ?? new Rng(0) };
    const values = trace ?? new Map<SymbolicTensor, Tensor>();
    this.inputs.forEach((node, i) => {
      const x = xs[i];
      const ok = x.shape.length === node.shape.length + 1 && node.shape.every((d, k) => d === x.shape[k + 1]);
      if (!ok) {
        throw new RangeError(
          `Model '${this.name}': input '${node.name}' expected shape ${batchShape(node.shape)}, got [${x.shape.join(", ")}]`,
        );
      }
      if (x.dtype !== this.dtype)
        throw new TypeError(`Model '${this.name}': input '${node.name}' is ${x.dtype}, the model is ${this.dtype}`);
      values.set(node, x);
    });
    for (const node of this.nodes) {
      if (node.layer === null) continue;
      values.set(
        node,
        node.layer.forward(
          node.inputs.map((n) => values.get(n)!),
          context,
        ),
      );
    }
    return this.outputs.map((n) => values.get(n)!);
  }

  /** The first output for a single input (a convenience over `forward`). */
  call(x: Tensor | Tensor[], ctx: Partial<CallContext> = {}): Tensor {
    return this.forward(x, ctx)[0];
  }

  /** Every weight tensor, layer by layer. */
  weights(): Tensor[] {
    return this.layers.flatMap((l) => l.weights());
  }

  /** The tensors the optimizer updates (frozen layers excluded). */
  trainableWeights(): Tensor[] {
    return this.layers.flatMap((l) => l.trainableWeights());
  }

  nonTrainableWeights(): Tensor[] {
    return this.layers.flatMap((l) => l.nonTrainableWeights());
  }

  countParams(): number {
    return this.layers.reduce((s, l) => s + l.countParams(), 0);
  }

  /** The layer called `name`; throws listing the names if absent. */
  getLayer(name: string): Layer {
    const layer = this.layers.find((l) => l.name === name);
    if (layer === undefined)
      throw new Error(`Model '${this.name}' has no layer '${name}'. Layers: ${this.layers.map((l) => l.name).join(", ")}`);
    return layer;
  }
}

function topoSort(outputs: SymbolicTensor[]): SymbolicTensor[] {
  const order: SymbolicTensor[] = [];
  const state = new Map<SymbolicTensor, "visiting" | "done">();
  const visit = (node: SymbolicTensor): void => {
    const s = state.get(node);
    if (s === "done") return;
    if (s === "visiting") throw new Error("Model: the layer graph has a cycle");
    state.set(node, "visiting");
    for (const p of node.inputs) visit(p);
    state.set(node, "done");
    order.push(node);
  };
  for (const o of outputs) visit(o);
  return order;
}

function assignNames(inputs: SymbolicTensor[], layers: Layer[], modelName: string): void {
  const used = new Set<string>();
  const claim = (name: string, what: string): void => {
    if (used.has(name)) throw new Error(`Model '${modelName}': two ${what}s are named '${name}'`);
    used.add(name);
  };
  for (const n of inputs) if (n.inputName) claim(n.inputName, "input");
  for (const l of layers) if (l.name) claim(l.name, "layer");
  const fresh = (prefix: string): string => {
    let name = prefix;
    for (let k = 1; used.has(name); k++) name = `${prefix}_${k}`;
    used.add(name);
    return name;
  };
  for (const n of inputs) if (!n.inputName) n.inputName = fresh("input");
  for (const l of layers) if (!l.name) l.name = fresh(snakeCase(l.kind));
}
