import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import * as ad from "../autodiff/index.ts";
import type { Tensor } from "../autodiff/index.ts";
import { encodeModel } from "./encodeModel.ts";
import { layerGraphToGraph, layersToGraph } from "./layersToGraph.ts";
import type { LayerSpec } from "./layerSpec.ts";
import { runOrt } from "../../../tests/support/runOrt.ts";
import { batchNorm, maxAbsDiff, randomData } from "./reference.test-util.ts";

// Each layer spec is exported, run in onnxruntime-web (float32) and compared with the engine's own
// ops computing in float64 on the same float32 weights.
const TOL = 1e-5;

async function runSpecs(layers: LayerSpec[], inputShape: number[], x: Float32Array, batch: number) {
  const bytes = encodeModel(layersToGraph(layers, { name: "t", inputShape }).build());
  const out = await runOrt(bytes, { input: { data: x, dims: [batch, ...inputShape] } });
  return out.output;
}

const f64 = (data: Float32Array, shape: number[]): Tensor => ad.tensor(Float64Array.from(data), shape);

describe("layersToGraph exports layers that onnxruntime computes exactly like the engine", () => {
  it.each([
    ["4×4 kernel, stride 2, same", 4, 2, "same"],
    ["2×2 kernel, stride 1, same", 2, 1, "same"],
    ["3×3 kernel, stride 2, same", 3, 2, "same"],
    ["3×3 kernel, stride 1, valid", 3, 1, "valid"],
  ] as const)("Conv2D with a %s padding", async (_, k, stride, padding) => {
    const rng = new Rng(`conv-${k}-${stride}-${padding}`);
    const [N, C, H, W, F] = [2, 2, 7, 6, 3];
    const kernel = randomData(rng, F * C * k * k, 0.5);
    const bias = randomData(rng, F);
    const x = randomData(rng, N * C * H * W);
    const layer: LayerSpec = {
      kind: "Conv2D",
      name: "conv",
      kernel,
      kernelShape: [F, C, k, k],
      bias,
      strides: [stride, stride],
      padding,
      activation: "relu",
    };
    const out = await runSpecs([layer], [C, H, W], x, N);
    const ref = ad.relu(ad.conv2d(f64(x, [N, C, H, W]), f64(kernel, [F, C, k, k]), f64(bias, [F]), { stride, padding }));
    expect(out.dims).toEqual(ref.shape);
    expect(maxAbsDiff(out.data, ref.data)).toBeLessThan(TOL);
  });

  it.each([
    ["MaxPool2D", 2, 2, "valid"],
    ["MaxPool2D", 3, 2, "same"],
    ["AvgPool2D", 3, 2, "same"],
    ["AvgPool2D", 2, 1, "same"],
  ] as const)("%s with a %i×%i window, stride %i, %s padding", async (kind, k, stride, padding) => {
    const rng = new Rng(`${kind}-${k}-${stride}`);
    const [N, C, H, W] = [1, 2, 7, 5];
    const x = randomData(rng, N * C * H * W);
    const out = await runSpecs([{ kind, name: "pool", poolSize: [k, k], strides: [stride, stride], padding }], [C, H, W], x, N);
    const pool = kind === "MaxPool2D" ? ad.maxPool2d : ad.avgPool2d;
    const ref = pool(f64(x, [N, C, H, W]), k, { stride, padding });
    expect(out.dims).toEqual(ref.shape);
    expect(maxAbsDiff(out.data, ref.data)).toBeLessThan(TOL);
  });

  it("UpSampling2D repeats pixels like the engine's upsample2d", async () => {
    const x = randomData(new Rng("up"), 2 * 3 * 2);
    const out = await runSpecs([{ kind: "UpSampling2D", name: "up", size: [2, 3] }], [2, 3, 2], x, 1);
    const ref = ad.upsample2d(f64(x, [1, 2, 3, 2]), [2, 3]);
    expect(out.dims).toEqual(ref.shape);
    expect(maxAbsDiff(out.data, ref.data)).toBeLessThan(TOL);
  });

  it.each(["linear", "relu", "sigmoid", "tanh", "softplus", "leakyRelu", "elu", "gelu", "swish", "silu", "softmax", "logSoftmax"])(
    "the %s activation matches the engine's",
    async (name) => {
      const x = Float32Array.from({ length: 2 * 17 }, (_, i) => -5 + (10 * i) / 33);
      const out = await runSpecs([{ kind: "Activation", name: "act", activation: name }], [17], x, 2);
      const ref = ad.activation(name)(f64(x, [2, 17]));
      expect(maxAbsDiff(out.data, ref.data)).toBeLessThan(TOL);
    },
  );

  it("leakyRelu and elu carry a non-default α", async () => {
    const x = Float32Array.from({ length: 9 }, (_, i) => i - 4);
    const leaky = await runSpecs([{ kind: "Activation", name: "a", activation: { name: "leakyRelu", alpha: 0.05 } }], [9], x, 1);
    expect(maxAbsDiff(leaky.data, ad.leakyRelu(f64(x, [1, 9]), 0.05).data)).toBeLessThan(TOL);
    const elu = await runSpecs([{ kind: "Activation", name: "a", activation: { name: "elu", alpha: 0.5 } }], [9], x, 1);
    expect(maxAbsDiff(elu.data, ad.elu(f64(x, [1, 9]), 0.5).data)).toBeLessThan(TOL);
  });

  it("Dense (xW + b) + Dropout (identity) + Reshape + Flatten keep the engine's row-major order", async () => {
    const rng = new Rng("dense");
    const kernel = randomData(rng, 6 * 12);
    const bias = randomData(rng, 12);
    const x = randomData(rng, 3 * 6);
    const layers: LayerSpec[] = [
      { kind: "Dense", name: "d", kernel, inFeatures: 6, units: 12, bias, activation: "tanh" },
      { kind: "Dropout", name: "drop" },
      { kind: "Reshape", name: "r", targetShape: [3, 2, 2] },
      { kind: "Flatten", name: "f" },
    ];
    const out = await runSpecs(layers, [6], x, 3);
    const ref = ad.tanh(ad.add(ad.matmul(f64(x, [3, 6]), f64(kernel, [6, 12])), f64(bias, [12])));
    expect(out.dims).toEqual([3, 12]);
    expect(maxAbsDiff(out.data, ref.data)).toBeLessThan(TOL);
  });

  it("BatchNorm normalises features of a [batch, features] input", async () => {
    const rng = new Rng("bn2d");
    const [gamma, beta, mean] = [randomData(rng, 4), randomData(rng, 4), randomData(rng, 4)];
    const variance = Float32Array.from(randomData(rng, 4), (v) => v * v + 0.1);
    const x = randomData(rng, 3 * 4);
    const out = await runSpecs([{ kind: "BatchNorm", name: "bn", gamma, beta, mean, variance, epsilon: 1e-5 }], [4], x, 3);
    const ref = batchNorm(x, { n: 3, c: 4, h: 1, w: 1 }, gamma, beta, mean, variance, 1e-5);
    expect(maxAbsDiff(out.data, ref)).toBeLessThan(TOL);
  });

  it("names the layer when shapes do not fit", () => {
    const layer: LayerSpec = { kind: "Dense", name: "dense_2", kernel: new Float32Array(6), inFeatures: 3, units: 2, bias: null };
    expect(() => layersToGraph([layer], { name: "t", inputShape: [4] })).toThrow('Dense layer "dense_2": expects 3 features, got 4');
  });

  it("names an activation it cannot export", () => {
    expect(() => layersToGraph([{ kind: "Activation", name: "act", activation: "mish" }], { name: "t", inputShape: [2] })).toThrow(
      'Cannot export activation "mish" (in act) to ONNX.',
    );
  });

  it("names a merge layer whose inputs do not fit, and a single-input layer given several", () => {
    const two = (layer: LayerSpec) => () =>
      layerGraphToGraph(
        {
          inputs: [
            { name: "a", shape: [2, 3] },
            { name: "b", shape: [3, 3] },
          ],
          nodes: [{ id: "m", layer, inputs: ["a", "b"] }],
          outputs: [{ from: "m", name: "y" }],
        },
        "t",
      );
    expect(two({ kind: "Add", name: "add" })).toThrow('Add layer "add": inputs must have one shape, got [2, 3], [3, 3]');
    expect(two({ kind: "Concatenate", name: "cat", axis: -1 })).toThrow(
      'Concatenate layer "cat": cannot concatenate [2, 3], [3, 3] along axis -1',
    );
    expect(two({ kind: "Flatten", name: "flat" })).toThrow('Flatten layer "flat": takes one input, got 2');
    expect(two({ kind: "Concatenate", name: "cat", axis: 1 })).not.toThrow();
  });

  it("refuses a node that reads a value not defined before it", () => {
    const graph = {
      inputs: [{ name: "x", shape: [2] }],
      nodes: [{ id: "f", layer: { kind: "Flatten", name: "f" } as LayerSpec, inputs: ["g"] }],
      outputs: [],
    };
    expect(() => layerGraphToGraph(graph, "t")).toThrow('Flatten layer "f" reads "g", which is neither a graph input nor an earlier node');
  });
});
