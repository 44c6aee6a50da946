import { windowGeometry } from "../autodiff/padding.ts";
import { GraphBuilder } from "./graphBuilder.ts";
import { float, int, ints, string } from "./ir.ts";
import type { ActivationSpec, LayerGraph, LayerSpec } from "./layerSpec.ts";
import { ENGINE_ALPHA } from "./engineAlphas.ts";
import { GELU_C, GELU_CUBIC } from "../autodiff/activations.ts";

/** A value flowing between layers: its graph name and its shape without the batch axis. */
export interface Value {
  name: string;
  shape: readonly number[];
}

/** The symbolic name of the batch dimension in every exported model. */
export const BATCH = "batch";

/**
 * Appends the nodes of one layer applied to `inputs` (one value, or a list for Add/Concatenate) and
 * returns the layer's output. Shapes are tracked so "same" padding can be turned into the explicit
 * pads the engine uses (never ONNX's auto_pad, whose even-kernel/strided behaviour would be a
 * second, drifting definition).
 */
export function addLayer(g: GraphBuilder, layer: LayerSpec, inputs: Value | readonly Value[]): Value {
  const xs = (Array.isArray(inputs) ? inputs : [inputs]) as readonly Value[];
  if (layer.kind === "Add" || layer.kind === "Concatenate") return addMerge(g, layer, xs);
  if (xs.length !== 1) throw new Error(`${where(layer)}: takes one input, got ${xs.length}`);
  const x = xs[0];
  const prefix = layer.name;
  switch (layer.kind) {
    case "Dense": {
      expectRank(layer, x, 1);
      if (x.shape[0] !== layer.inFeatures) throw new Error(`${where(layer)}: expects ${layer.inFeatures} features, got ${x.shape[0]}`);
      // Gemm: Y = A·B + C with B = W stored [in, out] (transB = 0), C broadcast over the batch.
      const inputs = [x.name, g.constant(`${prefix}/kernel`, [layer.inFeatures, layer.units], layer.kernel)];
      if (layer.bias !== null) inputs.push(g.constant(`${prefix}/bias`, [layer.units], layer.bias));
      const y = g.node("Gemm", inputs, {}, { node: prefix });
      return addActivation(g, layer.activation, { name: y, shape: [layer.units] }, prefix);
    }
    case "Conv2D": {
      expectRank(layer, x, 3);
      const [filters, inC, kH, kW] = layer.kernelShape;
      const [C, H, W] = x.shape;
      if (C !== inC) throw new Error(`${where(layer)}: expects ${inC} input channels, got ${C}`);
      const geo = windowGeometry(H, W, kH, kW, layer.strides[0], layer.strides[1], layer.padding);
      const inputs = [x.name, g.constant(`${prefix}/kernel`, layer.kernelShape, layer.kernel)];
      if (layer.bias !== null) inputs.push(g.constant(`${prefix}/bias`, [filters], layer.bias));
      const y = g.node(
        "Conv",
        inputs,
        {
          kernel_shape: ints([kH, kW]),
          strides: ints(layer.strides),
          // ONNX pads order: [top, left, bottom, right] (all "begin" values, then all "end" values).
          pads: ints([geo.h.before, geo.w.before, geo.h.after, geo.w.after]),
        },
        { node: prefix },
      );
      return addActivation(g, layer.activation, { name: y, shape: [filters, geo.h.out, geo.w.out] }, prefix);
    }
    case "MaxPool2D":
    case "AvgPool2D": {
      expectRank(layer, x, 3);
      const [C, H, W] = x.shape;
      const [kH, kW] = layer.poolSize;
      const geo = windowGeometry(H, W, kH, kW, layer.strides[0], layer.strides[1], layer.padding);
      // MaxPool pads never win the max; AveragePool's default count_include_pad = 0 divides by the
      // number of real cells — both as in the engine.
      const y = g.node(
        layer.kind === "MaxPool2D" ? "MaxPool" : "AveragePool",
        [x.name],
        {
          kernel_shape: ints([kH, kW]),
          strides: ints(layer.strides),
          pads: ints([geo.h.before, geo.w.before, geo.h.after, geo.w.after]),
        },
        { node: prefix },
      );
      return { name: y, shape: [C, geo.h.out, geo.w.out] };
    }
    case "Flatten": {
      // Row-major NCHW flattening, the engine's order too.
      const size = x.shape.reduce((a, b) => a * b, 1);
      return { name: g.node("Flatten", [x.name], { axis: int(1) }, { node: prefix }), shape: [size] };
    }
    case "Reshape": {
      const size = x.shape.reduce((a, b) => a * b, 1);
      const target = layer.targetShape.reduce((a, b) => a * b, 1);
      if (size !== target) throw new Error(`${where(layer)}: cannot reshape [${x.shape.join(", ")}] to [${layer.targetShape.join(", ")}]`);
      const shape = g.int64Constant(`${prefix}/shape`, [-1, ...layer.targetShape]);
      return { name: g.node("Reshape", [x.name, shape], {}, { node: prefix }), shape: layer.targetShape };
    }
    case "Dropout":
      // Dropout is the identity at inference time; the node keeps the layer visible in viewers.
      return { name: g.node("Identity", [x.name], {}, { node: prefix }), shape: x.shape };
    case "Activation":
      return addActivation(g, layer.activation, x, prefix);
    case "UpSampling2D": {
      expectRank(layer, x, 3);
      const [C, H, W] = x.shape;
      const [fh, fw] = layer.size;
      // Nearest with asymmetric coordinates and floor rounding: out[i] = in[⌊i / f⌋], the engine's rule.
      const scales = g.constant(`${prefix}/scales`, [4], Float32Array.of(1, 1, fh, fw));
      const y = g.node(
        "Resize",
        [x.name, "", scales],
        { mode: string("nearest"), coordinate_transformation_mode: string("asymmetric"), nearest_mode: string("floor") },
        { node: prefix },
      );
      return { name: y, shape: [C, H * fh, W * fw] };
    }
    case "BatchNorm": {
      const C = x.shape[0];
      if (layer.gamma.length !== C) throw new Error(`${where(layer)}: has ${layer.gamma.length} channels, input has ${C}`);
      // Inference form on axis 1 (features of [N, F] or channels of [N, C, H, W]).
      const y = g.node(
        "BatchNormalization",
        [
          x.name,
          g.constant(`${prefix}/gamma`, [C], layer.gamma),
          g.constant(`${prefix}/beta`, [C], layer.beta),
          g.constant(`${prefix}/mean`, [C], layer.mean),
          g.constant(`${prefix}/variance`, [C], layer.variance),
        ],
        { epsilon: float(layer.epsilon) },
        { node: prefix },
      );
      return { name: y, shape: x.shape };
    }
  }
}

/** Add (a chain of binary Adds, summing left to right like the engine) or Concat. */
function addMerge(g: GraphBuilder, layer: Extract<LayerSpec, { kind: "Add" | "Concatenate" }>, xs: readonly Value[]): Value {
  if (xs.length < 2) throw new Error(`${where(layer)}: needs at least two inputs, got ${xs.length}`);
  const shapes = xs.map((x) => `[${x.shape.join(", ")}]`).join(", ");
  if (layer.kind === "Add") {
    if (!xs.every((x) => sameShape(x.shape, xs[0].shape))) throw new Error(`${where(layer)}: inputs must have one shape, got ${shapes}`);
    let sum = xs[0].name;
    for (let k = 1; k < xs.length; k++) sum = g.node("Add", [sum, xs[k].name], {}, { node: layer.name });
    return { name: sum, shape: xs[0].shape };
  }
  // `axis` counts axes of the batched tensor, as ONNX Concat does; shapes here lack the batch axis.
  const rank = xs[0].shape.length + 1;
  const axis = layer.axis < 0 ? layer.axis + rank : layer.axis;
  const fits =
    axis >= 1 &&
    axis < rank &&
    xs.every((x) => x.shape.length === rank - 1 && x.shape.every((d, i) => i === axis - 1 || d === xs[0].shape[i]));
  if (!fits) throw new Error(`${where(layer)}: cannot concatenate ${shapes} along axis ${layer.axis}`);
  const shape = xs[0].shape.slice();
  shape[axis - 1] = xs.reduce((s, x) => s + x.shape[axis - 1], 0);
  return {
    name: g.node(
      "Concat",
      xs.map((x) => x.name),
      { axis: int(axis) },
      { node: layer.name },
    ),
    shape,
  };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Appends the nodes of an activation. Most are one ONNX op; two are compositions:
 *  - swish/silu: x·Sigmoid(x);
 *  - gelu: the engine's tanh approximation ½x(1 + tanh(√(2/π)(x + 0.044715x³))), built from
 *    Mul/Add/Tanh because Gelu only became an ONNX op in opset 20 and we target opset 17.
 * softmax/logSoftmax act on the last axis, as in the engine (opset ≥ 13 semantics: one axis).
 */
export function addActivation(g: GraphBuilder, activation: ActivationSpec | undefined, x: Value, prefix: string): Value {
  if (activation === undefined) return x;
  const name = typeof activation === "string" ? activation : activation.name;
  const alpha = typeof activation === "string" ? undefined : activation.alpha;
  const node = (op: string, inputs: string[], attrs = {}) => g.node(op, inputs, attrs, { node: `${prefix}/${name}` });
  const out = (value: string): Value => ({ name: value, shape: x.shape });
  switch (name) {
    case "linear":
      return x;
    case "step": {
      // 1 where x > 0, else 0: Greater gives a boolean tensor, Cast (to = 1, FLOAT) makes it 0/1.
      const zero = g.constant(`${prefix}/step/zero`, [], Float32Array.of(0));
      return out(node("Cast", [node("Greater", [x.name, zero])], { to: int(1) }));
    }
    case "relu":
      return out(node("Relu", [x.name]));
    case "sigmoid":
      return out(node("Sigmoid", [x.name]));
    case "tanh":
      return out(node("Tanh", [x.name]));
    case "softplus":
      return out(node("Softplus", [x.name]));
    case "leakyRelu":
      return out(node("LeakyRelu", [x.name], { alpha: float(alpha ?? ENGINE_ALPHA.leakyRelu) }));
    case "elu":
      return out(node("Elu", [x.name], { alpha: float(alpha ?? ENGINE_ALPHA.elu) }));
    case "softmax":
      return out(node("Softmax", [x.name], { axis: int(-1) }));
    case "logSoftmax":
      return out(node("LogSoftmax", [x.name], { axis: int(-1) }));
    case "swish":
    case "silu":
      return out(node("Mul", [x.name, node("Sigmoid", [x.name])]));
    case "gelu": {
      const c = (label: string, v: number) => g.constant(`${prefix}/gelu/${label}`, [], Float32Array.of(v));
      const x3 = node("Mul", [node("Mul", [x.name, x.name]), x.name]);
      const inner = node("Add", [x.name, node("Mul", [x3, c("k", GELU_CUBIC)])]);
      const t = node("Tanh", [node("Mul", [inner, c("sqrt_2_over_pi", GELU_C)])]);
      const onePlus = node("Add", [t, c("one", 1)]);
      return out(node("Mul", [node("Mul", [x.name, onePlus]), c("half", 0.5)]));
    }
    default:
      throw new Error(`Cannot export activation "${name}" (in ${prefix}) to ONNX.`);
  }
}

/** Options of `layersToGraph`. */
export interface LayersToGraphOptions {
  /** Graph name. */
  name: string;
  /** Input shape without the batch axis. */
  inputShape: readonly number[];
  inputName?: string;
  outputName?: string;
}

/** A Sequential chain of layers as an ONNX graph with input "input" [batch, …] and output "output". */
export function layersToGraph(layers: readonly LayerSpec[], options: LayersToGraphOptions): GraphBuilder {
  const inputName = options.inputName ?? "input";
  const nodes = layers.map((layer, i) => ({ id: `#${i}`, layer, inputs: [i === 0 ? inputName : `#${i - 1}`] }));
  return layerGraphToGraph(
    {
      inputs: [{ name: inputName, shape: options.inputShape }],
      nodes,
      outputs: [{ from: nodes.at(-1)?.id ?? inputName, name: options.outputName ?? "output" }],
    },
    options.name,
  );
}

/**
 * A graph of layers (Sequential or functional) as an ONNX graph called `name`: one input
 * [batch, …shape] per graph input, the layers' nodes in the given order, one output per
 * `outputs` entry under its exact name (output names are reserved first, so no layer takes them).
 */
export function layerGraphToGraph(graph: LayerGraph, name: string): GraphBuilder {
  const g = new GraphBuilder(name);
  const values = new Map<string, Value>();
  for (const input of graph.inputs) {
    values.set(input.name, { name: g.input(input.name, [BATCH, ...input.shape]), shape: input.shape });
  }
  for (const output of graph.outputs) g.reserve(output.name);
  const read = (id: string, reader: string): Value => {
    const value = values.get(id);
    if (value === undefined)
      throw new Error(`layerGraphToGraph: ${reader} reads "${id}", which is neither a graph input nor an earlier node`);
    return value;
  };
  for (const node of graph.nodes) {
    if (values.has(node.id)) throw new Error(`layerGraphToGraph: two values have the id "${node.id}"`);
    const inputs = node.inputs.map((id) => read(id, `${where(node.layer)}`));
    values.set(node.id, addLayer(g, node.layer, inputs));
  }
  for (const output of graph.outputs) finishOutput(g, read(output.from, `output "${output.name}"`), output.name);
  return g;
}

/** Names the final value `outputName` (through an Identity) and declares it as a graph output. */
export function finishOutput(g: GraphBuilder, x: Value, outputName: string): void {
  const y = g.node("Identity", [x.name], {}, { node: outputName, output: outputName });
  g.output(y, [BATCH, ...x.shape]);
}

function expectRank(layer: LayerSpec, x: Value, rank: number): void {
  if (x.shape.length !== rank) {
    throw new Error(`${where(layer)}: expects an input of rank ${rank} (without batch), got [${x.shape.join(", ")}]`);
  }
}

function where(layer: LayerSpec): string {
  return `${layer.kind} layer "${layer.name}"`;
}
