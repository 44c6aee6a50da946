import type { Padding } from "../autodiff/padding.ts";

/**
 * An activation as the engine names it ("relu", "gelu", "leakyRelu", …), optionally with its α
 * (leakyRelu default 0.2, elu default 1 — the engine's defaults).
 */
export type ActivationSpec = string | { name: string; alpha?: number };

/**
 * One layer of a model, reduced to what the ONNX graph needs: kind, configuration and weights.
 * `exportModel` adapts the engine's layer objects to this; `layersToGraph` turns a chain of these
 * into ONNX nodes. Shapes exclude the batch axis; images are [C, H, W].
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
  | { kind: "Reshape"; name: string; targetShape: readonly number[] };
