import type { Padding } from "../autodiff/padding.ts";

/**
 * An activation as the engine names it ("relu", "gelu", "leakyRelu", …), optionally with its α
 * (leakyRelu and elu default to the engine's own α, see `ENGINE_ALPHA`).
 */
export type ActivationSpec = string | { name: string; alpha?: number };

/**
 * One layer of a model, reduced to what the ONNX graph needs: kind, configuration and weights.
 * `exportModel` adapts the engine's layer objects to this; `layerGraphToGraph` turns a graph of
 * these (`layersToGraph` a chain) into ONNX nodes. Shapes exclude the batch axis; images are
 * [C, H, W]. Add and Concatenate take two or more inputs, every other kind exactly one.
 */
export type LayerSpec =
  | {
      kind: "Dense";
      name: string;
      /** W, [inFeatures, units] row-major: y = xW + b. */
      kernel: Float32Array;
      inFeatures: number;
      units: number;
      bias: Float32Array | null;
      activation?: ActivationSpec;
    }
  | {
      kind: "Conv2D";
      name: string;
      /** [filters, inChannels, kH, kW] row-major. */
      kernel: Float32Array;
      kernelShape: readonly [number, number, number, number];
      bias: Float32Array | null;
      strides: readonly [number, number];
      padding: Padding;
      activation?: ActivationSpec;
    }
  | {
      kind: "MaxPool2D" | "AvgPool2D";
      name: string;
      poolSize: readonly [number, number];
      strides: readonly [number, number];
      padding: Padding;
    }
  | { kind: "Flatten"; name: string }
  | { kind: "Dropout"; name: string }
  | { kind: "Activation"; name: string; activation: ActivationSpec }
  | { kind: "UpSampling2D"; name: string; size: readonly [number, number] }
  | {
      kind: "BatchNorm";
      name: string;
      /** Per-channel (axis 1) γ, β and running statistics. */
      gamma: Float32Array;
      beta: Float32Array;
      mean: Float32Array;
      variance: Float32Array;
      epsilon: number;
    }
  | { kind: "Reshape"; name: string; targetShape: readonly number[] }
  /** Elementwise sum of inputs of one shape, added left to right as the engine does. */
  | { kind: "Add"; name: string }
  /** Joins inputs along `axis` of the batched tensor (1 = channels/features; negative counts from the end). */
  | { kind: "Concatenate"; name: string; axis: number };

/**
 * A directed acyclic graph of layer applications — a Sequential chain or a functional model.
 * Values are referred to by id: a graph input's id is its name, a node's id is its `id`.
 */
export interface LayerGraph {
  /** Graph inputs: name in the .onnx file and shape without the batch axis. */
  inputs: readonly { name: string; shape: readonly number[] }[];
  /**
   * Layer applications, parents first; `inputs` are ids of graph inputs or earlier nodes. One spec
   * object used by several nodes is a shared layer: its weights are stored once.
   */
  nodes: readonly { id: string; layer: LayerSpec; inputs: readonly string[] }[];
  /** Graph outputs: the id of the value they read and their name in the .onnx file. */
  outputs: readonly { from: string; name: string }[];
}
