import { afterAll, describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { activationNames, mul, randomNormal } from "../autodiff/index.ts";
import type { Tensor } from "../autodiff/index.ts";
import {
  Activation,
  Add,
  AvgPool2D,
  BatchNorm,
  Concatenate,
  Conv2D,
  Dense,
  Dropout,
  Flatten,
  Input,
  Layer,
  MaxPool2D,
  Model,
  Reshape,
  Sequential,
  UpSampling2D,
  fit,
  predictOutputs,
} from "../nn/index.ts";
import type { CallContext } from "../nn/index.ts";
import { Adam } from "../optim/index.ts";
import { exportModel, exportableLayerKinds, modelToLayerGraph } from "./exportModel.ts";
import { layerGraphToGraph } from "./layersToGraph.ts";
import { runOrt } from "../../../tests/support/runOrt.ts";
import type { FeedTensor } from "../../../tests/support/runOrt.ts";
import { maxAbsDiff } from "./reference.test-util.ts";
import { readModel } from "./readModel.test-util.ts";

// Every model is built with the real nn API from a seed, exported, run in onnxruntime-web and
// compared with the engine's own `predict` (both float32) on the same seeded inputs.
const TOL = 1e-5;
const BATCH = 3;

/** Largest difference seen per model, printed at the end when ONNX_REPORT_DIFFS is set. */
const diffs: Record<string, number> = {};
afterAll(() => {
  if (process.env.ONNX_REPORT_DIFFS) console.info("max |onnxruntime − engine| per model:", diffs);
});

/** Seeded normal inputs, one per model input, with `BATCH` rows. */
function inputsFor(model: Model, seed: string, scale = 1): Tensor[] {
  const rng = new Rng(seed);
  return model.inputs.map((n) => mul(randomNormal([BATCH, ...n.shape], rng.fork(n.name)), scale));
}

/**
 * Exports `model`, runs it in onnxruntime and checks every output against `predictOutputs`: names,
 * dims and values. Returns the largest difference.
 */
async function expectSameAsEngine(model: Model, x: Tensor[], outputNames: string[], label: string): Promise<number> {
  const bytes = exportModel(model, { name: label, outputNames });
  const feeds: Record<string, FeedTensor> = {};
  model.inputs.forEach((n, i) => (feeds[n.name] = { data: Float32Array.from(x[i].data), dims: x[i].shape }));
  const got = await runOrt(bytes, feeds);
  const want = predictOutputs(model, x);
  expect(Object.keys(got).sort()).toEqual(outputNames.slice().sort());
  let worst = 0;
  outputNames.forEach((name, k) => {
    expect(got[name].dims).toEqual(want[k].shape);
    worst = Math.max(worst, maxAbsDiff(got[name].data, want[k].data));
  });
  diffs[label] = worst;
  expect(worst).toBeLessThan(TOL);
  return worst;
}

describe("exportModel writes models that onnxruntime computes like the engine's predict", () => {
  it.each(activationNames)("an MLP of Dense layers with %s activations (and an inference-mode Dropout)", async (act) => {
    const model = new Sequential([new Dense(6, { activation: act }), new Dropout(0.5), new Dense(4, { activation: act })], {
      inputShape: [5],
      seed: `mlp-${act}`,
    });
    await expectSameAsEngine(model, inputsFor(model, `x-${act}`, 2), ["output"], `mlp-${act}`);
  });

  it("a float64 model, its weights rounded to float32", async () => {
    const model = new Sequential([new Dense(6, { activation: "gelu" }), new Dense(3)], { inputShape: [4], seed: "f64", dtype: "float64" });
    const rng = new Rng("x-f64");
    // Inputs already float32-representable, so the only rounding is the weights'.
    const x = randomNormal([BATCH, 4], rng, 0, 1, { dtype: "float64" });
    x.data.set(Float32Array.from(x.data));
    await expectSameAsEngine(model, [x], ["output"], "float64");
  });

  it("a CNN with same/valid padding, strides 2, an even kernel, max and average pooling, Flatten and a softmax Dense", async () => {
    const model = new Sequential(
      [
        new Conv2D(4, 3, { padding: "same", activation: "relu" }),
        new Conv2D(5, 4, { strides: 2, padding: "same", activation: "elu" }),
        new Conv2D(6, 3, { strides: 2, padding: "valid", activation: "leakyRelu" }),
        new MaxPool2D(2, { strides: 1, padding: "same" }),
        new AvgPool2D(2),
        new Flatten(),
        new Dense(5, { activation: "softmax" }),
      ],
      { inputShape: [2, 13, 12], seed: "cnn" },
    );
    await expectSameAsEngine(model, inputsFor(model, "x-cnn"), ["output"], "cnn");
  });

  it("a convolutional autoencoder with pooling, a Dense bottleneck, Reshape and UpSampling2D", async () => {
    const model = new Sequential(
      [
        new Conv2D(4, 3, { padding: "same", activation: "relu" }),
        new MaxPool2D(2),
        new Conv2D(2, 3, { padding: "same", activation: "tanh" }),
        new Flatten(),
        new Dense(16, { activation: "gelu" }),
        new Reshape([1, 4, 4]),
        new UpSampling2D(2),
        new Conv2D(3, 3, { padding: "same", activation: "swish" }),
        new UpSampling2D([1, 2]),
        new Conv2D(1, 3, { padding: "same", activation: "sigmoid" }),
      ],
      { inputShape: [1, 8, 8], seed: "autoencoder" },
    );
    expect(model.outputShapes).toEqual([[1, 8, 16]]);
    await expectSameAsEngine(model, inputsFor(model, "x-autoencoder"), ["output"], "autoencoder");
  });

  it("BatchNorm layers with the moving statistics of a few training steps", async () => {
    const model = new Sequential(
      [
        new Conv2D(3, 3, { padding: "same" }),
        new BatchNorm({ momentum: 0.5 }),
        new Activation("relu"),
        new Flatten(),
        new Dense(8),
        new BatchNorm({ momentum: 0.5, epsilon: 1e-2 }),
        new Dense(2),
      ],
      { inputShape: [2, 5, 5], seed: "batch-norm" },
    );
    const rng = new Rng("batch-norm-data");
    // Shifted, scaled inputs so the statistics are far from the initial mean 0 / variance 1.
    const x = mul(randomNormal([16, 2, 5, 5], rng.fork("x"), 2, 1), 3);
    const y = randomNormal([16, 2], rng.fork("y"));
    fit(model, x, y, { loss: "mse", optimizer: new Adam({ learningRate: 0.01 }), epochs: 2, batchSize: 8, rng: rng.fork("fit") });
    const bn = model.layers.filter((l) => l.kind === "BatchNorm") as BatchNorm[];
    for (const layer of bn) {
      expect(Math.max(...Array.from(layer.movingMean!.data, Math.abs))).toBeGreaterThan(0.1);
      expect(Array.from(layer.movingVariance!.data).some((v) => Math.abs(v - 1) > 0.1)).toBe(true);
    }
    await expectSameAsEngine(model, [mul(randomNormal([BATCH, 2, 5, 5], rng.fork("test"), 2, 1), 3)], ["output"], "batch-norm");
  });

  it("a functional model with two inputs, two outputs, Concatenate, Add, a node read by several layers and a shared layer", async () => {
    const image = Input([1, 6, 6], { name: "image" });
    const features = Input([3], { name: "features" });
    // Two image branches joined on the channel axis.
    const left = new Conv2D(2, 3, { padding: "same", activation: "relu" }).apply(image);
    const right = new Conv2D(3, 3, { padding: "same", activation: "tanh" }).apply(image);
    const joined = new Concatenate().apply([left, right]);
    const imageCode = new Dense(4, { activation: "relu" }).apply(new Flatten().apply(new MaxPool2D(2).apply(joined)));
    const featureCode = new Dense(4, { activation: "tanh" }).apply(features);
    // One Dense applied to both codes (shared weights); featureCode also feeds the Concatenate.
    const shared = new Dense(4, { name: "shared", activation: "elu" });
    const residual = new Add().apply([imageCode, shared.apply(imageCode), shared.apply(featureCode)]);
    const both = new Concatenate({ axis: -1 }).apply([imageCode, featureCode]);
    const classes = new Dense(3, { name: "classes", activation: "softmax" }).apply(both);
    const value = new Dense(1, { name: "value" }).apply(residual);
    const model = new Model({ inputs: [image, features], outputs: [classes, value], name: "two-heads", seed: "functional" });

    await expectSameAsEngine(model, inputsFor(model, "x-functional"), ["classes", "value"], "functional");

    const graph = layerGraphToGraph(modelToLayerGraph(model), "two-heads").build();
    expect(graph.initializers.filter((i) => i.name.startsWith("shared/")).map((i) => i.name)).toEqual(["shared/kernel", "shared/bias"]);
    expect(graph.nodes.filter((n) => n.opType === "Add")).toHaveLength(2);
  });

  it("names outputs as asked, even after a layer's own name", async () => {
    const x = Input([2], { name: "x" });
    const h = new Dense(3, { name: "hidden" }).apply(x);
    const y = new Dense(2, { name: "y" }).apply(h);
    const model = new Model({ inputs: x, outputs: [y, h], seed: 1 });
    expect(readModel(exportModel(model, { name: "m" })).outputs.map((o) => o.name)).toEqual(["y", "hidden"]);
    await expectSameAsEngine(model, inputsFor(model, "x-names"), ["hidden", "probabilities"], "output-names");
  });
});

describe("exportModel's file", () => {
  const model = new Sequential([new Conv2D(2, 3), new Flatten(), new Dense(3)], { inputShape: [1, 5, 5], seed: 2 });

  it("round-trips the model name, class labels (JSON), preprocessing and description", () => {
    const file = readModel(
      exportModel(model, {
        name: "galaxy-morphology",
        classLabels: ["spiral", "elliptical", "merger"],
        preprocessing: "asinh stretch, then scale to [0, 1]",
        description: "Three-class morphology classifier.",
      }),
    );
    expect(file.metadata).toEqual({
      name: "galaxy-morphology",
      class_labels: '["spiral","elliptical","merger"]',
      preprocessing: "asinh stretch, then scale to [0, 1]",
    });
    expect(JSON.parse(file.metadata.class_labels)).toEqual(["spiral", "elliptical", "merger"]);
    expect(file.docString).toBe("Three-class morphology classifier.");
    expect(file.graphName).toBe("galaxy-morphology");
  });

  it("names the input and output and leaves the batch dimension symbolic", async () => {
    const file = readModel(exportModel(model, { name: "m" }));
    expect(file.inputs).toEqual([{ name: "input", dims: ["batch", 1, 5, 5] }]);
    expect(file.outputs).toEqual([{ name: "output", dims: ["batch", 3] }]);
    const x = new Rng("one-row");
    const one = randomNormal([1, 1, 5, 5], x);
    const out = await runOrt(exportModel(model, { name: "m" }), { input: { data: one.data as Float32Array, dims: one.shape } });
    expect(out.output.dims).toEqual([1, 3]);
  });

  it("refuses a layer it cannot export, naming the layer and its kind and listing the supported kinds", () => {
    class Scale extends Layer {
      readonly kind = "Scale";
      computeOutputShape(shapes: number[][]): number[] {
        return shapes[0].slice();
      }
      call(inputs: Tensor[], _ctx: CallContext): Tensor {
        return mul(inputs[0], 2);
      }
      getConfig(): Record<string, unknown> {
        return {};
      }
    }
    const custom = new Sequential([new Dense(2), new Scale({ name: "double" })], { inputShape: [3] });
    expect(() => exportModel(custom, { name: "m" })).toThrow(
      `Cannot export layer 'double' (Scale) to ONNX: kind "Scale" is not supported. Supported kinds: ${exportableLayerKinds.join(", ")}.`,
    );
    expect(exportableLayerKinds).toContain("BatchNorm");
  });

  it("refuses output names that do not match the outputs", () => {
    expect(() => exportModel(model, { name: "m", outputNames: ["a", "b"] })).toThrow("2 output name(s) for the 1 output(s)");
  });
});
