import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { randomNormal, tensor, zeros } from "../autodiff/index.ts";
import { Adam } from "../optim/index.ts";
import {
  Add,
  Concatenate,
  Conv2D,
  Dense,
  Flatten,
  Input,
  MaxPool2D,
  Model,
  Sequential,
  UpSampling2D,
  fit,
  getWeights,
  modelFromConfig,
  modelToConfig,
  predictOutputs,
  setWeights,
  summary,
  summaryData,
  weightsFromJSON,
  weightsToJSON,
} from "./index.ts";

function twoHeaded(seed = 0): Model {
  const image = Input([1, 8, 8], { name: "image" });
  const meta = Input([3], { name: "meta" });
  const h = new Flatten().apply(new MaxPool2D(2).apply(new Conv2D(2, 3, { padding: "same", activation: "relu" }).apply(image)));
  const m = new Dense(4, { activation: "relu" }).apply(meta);
  const joined = new Concatenate().apply([h, m]);
  const cls = new Dense(3, { name: "cls" }).apply(joined);
  const reg = new Dense(1, { name: "reg" }).apply(new Add().apply([new Dense(5).apply(joined), new Dense(5).apply(joined)]));
  return new Model({ inputs: [image, meta], outputs: [cls, reg], seed });
}

describe("functional models", () => {
  it("support several inputs and outputs, with nodes listing their input nodes", () => {
    const model = twoHeaded();
    expect(model.inputShapes).toEqual([[1, 8, 8], [3]]);
    expect(model.outputShapes).toEqual([[3], [1]]);
    const concat = model.nodes.find((n) => n.layer?.kind === "Concatenate")!;
    expect(concat.shape).toEqual([36]);
    expect(concat.inputs.map((n) => n.name)).toEqual(["flatten", "dense"]);
    const [a, b] = model.forward([zeros([2, 1, 8, 8]), zeros([2, 3])]);
    expect(a.shape).toEqual([2, 3]);
    expect(b.shape).toEqual([2, 1]);
  });

  it("train on a sum of one loss per output", () => {
    const model = twoHeaded(1);
    const rng = new Rng("multi");
    const x = [randomNormal([16, 1, 8, 8], rng), randomNormal([16, 3], rng)];
    const y = [tensor(Array.from({ length: 16 }, (_, i) => i % 3)), randomNormal([16, 1], rng)];
    const h = fit(model, x, y, {
      loss: ["softmaxCrossEntropy", "mse"],
      optimizer: new Adam({ learningRate: 0.01 }),
      epochs: 30,
      batchSize: 16,
    });
    expect(h.loss[29]).toBeLessThan(h.loss[0] * 0.5);
    expect(predictOutputs(model, x).map((t) => t.shape)).toEqual([
      [16, 3],
      [16, 1],
    ]);
  });

  it("summaries list input layers and connections", () => {
    const d = summaryData(twoHeaded());
    expect(d.rows[0]).toMatchObject({ name: "image", kind: "InputLayer", params: 0 });
    expect(d.rows.find((r) => r.name === "concatenate")!.connectedTo).toEqual(["flatten", "dense"]);
    expect(summary(twoHeaded())).toContain("Connected to");
  });

  it("reject an output that depends on an input not listed", () => {
    const a = Input([2]);
    const b = Input([2]);
    const out = new Add().apply([a, b]);
    expect(() => new Model({ inputs: [a], outputs: out })).toThrow(/depends on an Input of shape \[None, 2\] that is not listed/);
  });

  it("an autoencoder-style decoder upsamples back to the input size", () => {
    const x = Input([1, 8, 8]);
    const z = new MaxPool2D(2).apply(new Conv2D(4, 3, { padding: "same", activation: "relu" }).apply(x));
    const y = new Conv2D(1, 3, { padding: "same" }).apply(new UpSampling2D(2).apply(z));
    expect(new Model({ inputs: x, outputs: y }).outputShapes).toEqual([[1, 8, 8]]);
  });
});

describe("weights and configs", () => {
  it("round-trip weights through JSON into a fresh model with the same architecture", () => {
    const a = new Sequential([new Dense(3, { activation: "tanh" }), new Dense(1)], { inputShape: [2], seed: 1 });
    const b = new Sequential([new Dense(3, { activation: "tanh" }), new Dense(1)], { inputShape: [2], seed: 2 });
    const x = tensor([[0.3, -0.7]]);
    expect(b.call(x).item()).not.toBe(a.call(x).item());
    weightsFromJSON(b, JSON.stringify(weightsToJSON(a)));
    expect(b.call(x).item()).toBe(a.call(x).item());
    expect(weightsToJSON(a).weights.map((w) => [w.name, w.shape])).toEqual([
      ["dense/kernel", [2, 3]],
      ["dense/bias", [3]],
      ["dense_1/kernel", [3, 1]],
      ["dense_1/bias", [1]],
    ]);
  });

  it("refuse weights of the wrong shape with an error naming the weight and both shapes", () => {
    const a = new Sequential([new Dense(3)], { inputShape: [2] });
    const w = getWeights(a);
    w[0] = { ...w[0], shape: [3, 3], data: new Float32Array(9) };
    expect(() => setWeights(a, w)).toThrow("setWeights: weight 'dense/kernel' has shape [2, 3], got [3, 3]");
  });

  it("rebuild a functional model from its config with the same layer graph", () => {
    const model = twoHeaded(3);
    const config = JSON.parse(JSON.stringify(modelToConfig(model)));
    const copy = modelFromConfig(config, 9);
    expect(modelToConfig(copy)).toEqual(modelToConfig(model));
    setWeights(copy, getWeights(model));
    const x = [randomNormal([2, 1, 8, 8], new Rng(1)), randomNormal([2, 3], new Rng(2))];
    expect(Array.from(copy.forward(x)[1].data)).toEqual(Array.from(model.forward(x)[1].data));
  });

  it("rebuild a Sequential model from its config", () => {
    const model = new Sequential([new Conv2D(2, 3), new Flatten(), new Dense(2)], { inputShape: [1, 5, 5] });
    const copy = modelFromConfig(modelToConfig(model));
    expect(copy).toBeInstanceOf(Sequential);
    expect(summaryData(copy).totalParams).toBe(summaryData(model).totalParams);
  });
});
