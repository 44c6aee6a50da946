import type { Tensor } from "../autodiff/tensor.ts";
import type { Layer, Model, SymbolicTensor } from "../nn/index.ts";
import { exportLayerGraph } from "./exportLayers.ts";
import type { ExportOptions } from "./exportLayers.ts";
import type { LayerGraph, LayerSpec } from "./layerSpec.ts";

/** Options of `exportModel`: the file's metadata (see `ExportOptions`) and the output names. */
export interface ExportModelOptions extends ExportOptions {
  /**
   * Names of the graph outputs, in `model.outputs` order. Default: "output" for a single output,
   * else each output node's name (its layer's name).
   */
  outputNames?: readonly string[];
}

/**
 * An engine model (Sequential or functional) → the bytes of an .onnx file that computes what
 * `predict(model, …)` computes: inference mode (Dropout is the identity, BatchNorm uses its moving
 * statistics), float32 weights (float64 models are rounded), one input per model input named as
 * the model names it ("input" for Sequential) with a symbolic batch dimension, one output per
 * model output. Shared layers store their weights once. Throws, naming the layer and listing the
 * supported kinds, on a layer it cannot export.
 */
export function exportModel(model: Model, options: ExportModelOptions): Uint8Array {
  return exportLayerGraph(modelToLayerGraph(model, options.outputNames), options);
}

/** The model's layer graph with every layer adapted to a `LayerSpec` (exported for tests and views). */
export function modelToLayerGraph(model: Model, outputNames?: readonly string[]): LayerGraph {
  const names = outputNames ?? (model.outputs.length === 1 ? ["output"] : model.outputs.map((n) => n.name));
  if (names.length !== model.outputs.length) {
    throw new Error(`exportModel: ${names.length} output name(s) for the ${model.outputs.length} output(s) of model '${model.name}'`);
  }
  if (new Set(names).size !== names.length) {
    throw new Error(`exportModel: output names must be distinct, got ${JSON.stringify(names)}; pass options.outputNames`);
  }
  const ids = new Map<SymbolicTensor, string>();
  for (const input of model.inputs) ids.set(input, input.name);
  const specs = new Map<Layer, LayerSpec>();
  const applications = new Map<Layer, number>();
  const nodes: LayerGraph["nodes"][number][] = [];
  for (const node of model.nodes) {
    const layer = node.layer;
    if (layer === null) continue;
    let spec = specs.get(layer);
    if (spec === undefined) {
      spec = layerToSpec(layer);
      specs.set(layer, spec);
    }
    // Layer and input names are unique within a model; a shared layer's later applications get "#k".
    const k = (applications.get(layer) ?? 0) + 1;
    applications.set(layer, k);
    const id = k === 1 ? layer.name : `${layer.name}#${k}`;
    nodes.push({ id, layer: spec, inputs: node.inputs.map((p) => ids.get(p)!) });
    ids.set(node, id);
  }
  return {
    inputs: model.inputs.map((n) => ({ name: n.name, shape: n.shape })),
    nodes,
    outputs: model.outputs.map((n, i) => ({ from: ids.get(n)!, name: names[i] })),
  };
}

type Config = Record<string, unknown>;

// Each layer kind → its LayerSpec, read from the documented contract: getConfig() and weightList.
const adapters: Record<string, (layer: Layer, c: Config) => LayerSpec> = {
  Dense: (layer, c) => {
    const kernel = weight(layer, "kernel");
    return {
      kind: "Dense",
      name: layer.name,
      kernel: f32(kernel),
      inFeatures: kernel.shape[0],
      units: kernel.shape[1],
      bias: optionalWeight(layer, "bias"),
      activation: str(layer, c, "activation"),
    };
  },
  Conv2D: (layer, c) => {
    const kernel = weight(layer, "kernel");
    const [f, ch, kh, kw] = kernel.shape;
    return {
      kind: "Conv2D",
      name: layer.name,
      kernel: f32(kernel),
      kernelShape: [f, ch, kh, kw],
      bias: optionalWeight(layer, "bias"),
      strides: pair(layer, c, "strides"),
      padding: padding(layer, c),
      activation: str(layer, c, "activation"),
    };
  },
  MaxPool2D: (layer, c) => pool("MaxPool2D", layer, c),
  AvgPool2D: (layer, c) => pool("AvgPool2D", layer, c),
  Flatten: (layer) => ({ kind: "Flatten", name: layer.name }),
  Reshape: (layer, c) => ({ kind: "Reshape", name: layer.name, targetShape: numbers(layer, c, "targetShape") }),
  Dropout: (layer) => ({ kind: "Dropout", name: layer.name }),
  Activation: (layer, c) => ({ kind: "Activation", name: layer.name, activation: str(layer, c, "activation") }),
  UpSampling2D: (layer, c) => {
    const interpolation = c.interpolation ?? "nearest";
    if (interpolation !== "nearest")
      throw new Error(`${describe(layer)}: cannot export interpolation "${String(interpolation)}" (only "nearest")`);
    return { kind: "UpSampling2D", name: layer.name, size: pair(layer, c, "size") };
  },
  BatchNorm: (layer, c) => {
    if ((c.axis ?? 1) !== 1) throw new Error(`${describe(layer)}: only axis 1 (channels/features) can be exported, got ${String(c.axis)}`);
    return {
      kind: "BatchNorm",
      name: layer.name,
      gamma: f32(weight(layer, "gamma")),
      beta: f32(weight(layer, "beta")),
      mean: f32(weight(layer, "movingMean")),
      variance: f32(weight(layer, "movingVariance")),
      epsilon: num(layer, c, "epsilon"),
    };
  },
  Add: (layer) => ({ kind: "Add", name: layer.name }),
  Concatenate: (layer, c) => ({ kind: "Concatenate", name: layer.name, axis: num(layer, c, "axis") }),
};

/** Every engine layer kind `exportModel` can write. */
export const exportableLayerKinds: readonly string[] = Object.keys(adapters);

/** One built engine layer as a `LayerSpec`; throws naming the layer and listing the supported kinds. */
export function layerToSpec(layer: Layer): LayerSpec {
  const adapt = Object.hasOwn(adapters, layer.kind) ? adapters[layer.kind] : undefined;
  if (adapt === undefined) {
    throw new Error(
      `Cannot export ${describe(layer)} to ONNX: kind "${layer.kind}" is not supported. Supported kinds: ${exportableLayerKinds.join(", ")}.`,
    );
  }
  if (!layer.built) throw new Error(`${describe(layer)} is not built; export a model, whose layers are built`);
  return adapt(layer, layer.getConfig());
}

function describe(layer: Layer): string {
  return `layer '${layer.name}' (${layer.kind})`;
}

function pool(kind: "MaxPool2D" | "AvgPool2D", layer: Layer, c: Config): LayerSpec {
  return { kind, name: layer.name, poolSize: pair(layer, c, "poolSize"), strides: pair(layer, c, "strides"), padding: padding(layer, c) };
}

function weight(layer: Layer, name: string): Tensor {
  const w = layer.weightList.find((entry) => entry.name === name);
  if (w === undefined) throw new Error(`${describe(layer)} has no weight "${name}"`);
  return w.tensor;
}

function optionalWeight(layer: Layer, name: string): Float32Array | null {
  return layer.weightList.some((entry) => entry.name === name) ? f32(weight(layer, name)) : null;
}

/** The weights as float32: the engine's own array when it is float32 already (read, never written). */
function f32(t: Tensor): Float32Array {
  return t.data instanceof Float32Array ? t.data : Float32Array.from(t.data);
}

function configError(layer: Layer, key: string, expected: string, value: unknown): Error {
  return new Error(`${describe(layer)}: config "${key}" should be ${expected}, got ${JSON.stringify(value)}`);
}

function num(layer: Layer, c: Config, key: string): number {
  const v = c[key];
  if (typeof v !== "number") throw configError(layer, key, "a number", v);
  return v;
}

function str(layer: Layer, c: Config, key: string): string {
  const v = c[key];
  if (typeof v !== "string") throw configError(layer, key, "a string", v);
  return v;
}

function numbers(layer: Layer, c: Config, key: string): number[] {
  const v = c[key];
  if (!Array.isArray(v) || !v.every((d) => typeof d === "number")) throw configError(layer, key, "a list of numbers", v);
  return v.slice();
}

function pair(layer: Layer, c: Config, key: string): [number, number] {
  const v = numbers(layer, c, key);
  if (v.length !== 2) throw configError(layer, key, "[height, width]", v);
  return [v[0], v[1]];
}

function padding(layer: Layer, c: Config): "valid" | "same" {
  const v = c.padding;
  if (v !== "valid" && v !== "same") throw configError(layer, "padding", '"valid" or "same"', v);
  return v;
}
