import type { DType } from "../autodiff/dtype.ts";
import type { Rng } from "../random/rng.ts";
import { Input, Layer } from "./layer.ts";
import type { SymbolicTensor } from "./layer.ts";
import { Model } from "./model.ts";
import { Sequential } from "./sequential.ts";
import { Dense } from "./layers/dense.ts";
import { Conv2D } from "./layers/conv2d.ts";
import { AvgPool2D, MaxPool2D } from "./layers/pool2d.ts";
import { Activation, Dropout, Flatten, Reshape, UpSampling2D } from "./layers/simple.ts";
import { BatchNorm } from "./layers/batchNorm.ts";
import { Add, Concatenate } from "./layers/merge.ts";

/** A layer as plain JSON: its kind, name, trainable flag and `getConfig()`. */
export interface LayerConfig {
  kind: string;
  name: string;
  trainable: boolean;
  config: Record<string, unknown>;
}

/**
 * A model's architecture as plain JSON (no weights): enough to rebuild it in a Worker or describe it
 * to an exporter. Nodes are listed parents first; `inputs` of a node name input nodes or layers.
 */
export interface ModelConfig {
  kind: "Sequential" | "Model";
  name: string;
  dtype: DType;
  inputs: { name: string; shape: number[] }[];
  layers: (LayerConfig & { inputs: string[] })[];
  outputs: string[];
}

// Each kind → how to rebuild it from getConfig(). Options carry name and trainable.
const factories: Record<string, (c: Record<string, any>, o: { name: string; trainable: boolean }) => Layer> = {
  Dense: (c, o) =>
    new Dense(c.units, {
      ...o,
      activation: c.activation,
      useBias: c.useBias,
      kernelInitializer: c.kernelInitializer,
      biasInitializer: c.biasInitializer,
    }),
  Conv2D: (c, o) =>
    new Conv2D(c.filters, c.kernelSize, {
      ...o,
      strides: c.strides,
      padding: c.padding,
      activation: c.activation,
      useBias: c.useBias,
      kernelInitializer: c.kernelInitializer,
      biasInitializer: c.biasInitializer,
    }),
  MaxPool2D: (c, o) => new MaxPool2D(c.poolSize, { ...o, strides: c.strides, padding: c.padding }),
  AvgPool2D: (c, o) => new AvgPool2D(c.poolSize, { ...o, strides: c.strides, padding: c.padding }),
  Flatten: (_c, o) => new Flatten(o),
  Reshape: (c, o) => new Reshape(c.targetShape, o),
  Dropout: (c, o) => new Dropout(c.rate, o),
  Activation: (c, o) => new Activation(c.activation, o),
  UpSampling2D: (c, o) => new UpSampling2D(c.size, o),
  BatchNorm: (c, o) => new BatchNorm({ ...o, momentum: c.momentum, epsilon: c.epsilon }),
  Add: (_c, o) => new Add(o),
  Concatenate: (c, o) => new Concatenate({ ...o, axis: c.axis }),
};

/** Every layer kind `layerFromConfig` can rebuild. */
export const layerKinds = Object.keys(factories);

export function layerToConfig(layer: Layer): LayerConfig {
  return { kind: layer.kind, name: layer.name, trainable: layer.trainable, config: layer.getConfig() };
}

/** A new, unbuilt layer from its config; throws naming an unknown kind and listing the valid ones. */
export function layerFromConfig(config: LayerConfig): Layer {
  const make = factories[config.kind];
  if (make === undefined) throw new Error(`Unknown layer kind "${config.kind}". Valid kinds: ${layerKinds.join(", ")}.`);
  return make(config.config, { name: config.name, trainable: config.trainable });
}

/** The architecture of `model` as JSON. Shared layers (one layer applied twice) are not supported. */
export function modelToConfig(model: Model): ModelConfig {
  const layers: ModelConfig["layers"] = [];
  for (const node of model.nodes) {
    if (node.layer === null) continue;
    if (layers.some((l) => l.name === node.layer!.name))
      throw new Error(`modelToConfig: layer '${node.layer.name}' is shared, which configs do not support`);
    layers.push({ ...layerToConfig(node.layer), inputs: node.inputs.map((n) => n.name) });
  }
  return {
    kind: model.kind === "Sequential" ? "Sequential" : "Model",
    name: model.name,
    dtype: model.dtype,
    inputs: model.inputs.map((n) => ({ name: n.name, shape: n.shape.slice() })),
    layers,
    outputs: model.outputs.map((n) => n.name),
  };
}

/** Rebuilds a model (fresh weights from `seed`) from `modelToConfig` output. */
export function modelFromConfig(config: ModelConfig, seed: number | string | Rng = 0): Model {
  if (config.kind === "Sequential") {
    return new Sequential(config.layers.map(layerFromConfig), {
      inputShape: config.inputs[0].shape,
      name: config.name,
      seed,
      dtype: config.dtype,
    });
  }
  const nodes = new Map<string, SymbolicTensor>();
  const inputs = config.inputs.map((i) => {
    const node = Input(i.shape, { name: i.name });
    nodes.set(i.name, node);
    return node;
  });
  for (const l of config.layers) {
    const ins = l.inputs.map((name) => {
      const n = nodes.get(name);
      if (n === undefined) throw new Error(`modelFromConfig: layer '${l.name}' reads unknown node '${name}'`);
      return n;
    });
    nodes.set(l.name, layerFromConfig(l).apply(ins.length === 1 ? ins[0] : ins));
  }
  const outputs = config.outputs.map((name) => {
    const n = nodes.get(name);
    if (n === undefined) throw new Error(`modelFromConfig: unknown output '${name}'`);
    return n;
  });
  return new Model({ inputs, outputs, name: config.name, seed, dtype: config.dtype });
}
