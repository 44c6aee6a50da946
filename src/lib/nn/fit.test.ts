import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { tensor, zeros } from "../autodiff/index.ts";
import type { Tensor } from "../autodiff/index.ts";
import { SGD, Adam } from "../optim/index.ts";
import { Conv2D, Dense, Flatten, MaxPool2D, Sequential, evaluate, fit, predict } from "./index.ts";

function xorData(): { x: Tensor; y: Tensor } {
  return {
    x: tensor([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]),
    y: tensor([[0], [1], [1], [0]]),
  };
}

/**
 * Two-class 1×12×12 images: a bright horizontal bar (class 0) or vertical bar (class 1) at a
 * random position, plus Gaussian noise. Labels as a [N] tensor of class indices.
 */
function barsData(n: number, rng: Rng): { x: Tensor; y: Tensor } {
  const size = 12;
  const x = zeros([n, 1, size, size]);
  const y = zeros([n]);
  for (let i = 0; i < n; i++) {
    const cls = i % 2;
    const at = rng.int(1, size - 1);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const on = cls === 0 ? r === at : c === at;
        x.data[i * size * size + r * size + c] = (on ? 1 : 0) + rng.normal(0, 0.3);
      }
    }
    y.data[i] = cls;
  }
  return { x, y };
}

describe("fit", () => {
  it("an MLP learns XOR", () => {
    const { x, y } = xorData();
    const model = new Sequential([new Dense(8, { activation: "tanh" }), new Dense(1)], { inputShape: [2], seed: 1 });
    const h = fit(model, x, y, {
      loss: "binaryCrossEntropyWithLogits",
      optimizer: new Adam({ learningRate: 0.05 }),
      epochs: 300,
      batchSize: 4,
      metrics: ["accuracy"],
    });
    expect(h.loss[h.loss.length - 1]).toBeLessThan(0.05);
    expect(h.accuracy[h.accuracy.length - 1]).toBe(1);
    const p = predict(model, x);
    expect(Array.from(p.data, (v) => (v > 0 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  it("a small CNN tells horizontal from vertical bars in noise (> 95% on held-out data)", () => {
    const rng = new Rng("bars");
    const train = barsData(200, rng);
    const test = barsData(100, rng);
    const model = new Sequential(
      [new Conv2D(4, 3, { padding: "same", activation: "relu" }), new MaxPool2D(2), new Flatten(), new Dense(2)],
      { inputShape: [1, 12, 12], seed: 3 },
    );
    const h = fit(model, train.x, train.y, {
      loss: "softmaxCrossEntropy",
      optimizer: new Adam({ learningRate: 0.01 }),
      epochs: 8,
      batchSize: 16,
      metrics: ["accuracy"],
      rng: new Rng(4),
    });
    expect(h.epochs).toBe(8);
    const result = evaluate(model, test.x, test.y, { loss: "softmaxCrossEntropy", metrics: ["accuracy"] });
    expect(result.accuracy).toBeGreaterThan(0.95);
  });

  it("is deterministic: same seeds give the same history", () => {
    const run = () => {
      const { x, y } = xorData();
      const model = new Sequential([new Dense(4, { activation: "tanh" }), new Dense(1)], { inputShape: [2], seed: 5 });
      return fit(model, x, y, { loss: "mse", optimizer: new SGD({ learningRate: 0.1 }), epochs: 5, batchSize: 2 }).loss;
    };
    expect(run()).toEqual(run());
  });

  it("holds out the last validationSplit rows and reports valLoss and valAccuracy per epoch", () => {
    const rng = new Rng("split");
    const data = barsData(40, rng);
    const model = new Sequential([new Flatten(), new Dense(2)], { inputShape: [1, 12, 12] });
    const batches: number[] = [];
    const h = fit(model, data.x, data.y, {
      loss: "softmaxCrossEntropy",
      optimizer: new SGD({ learningRate: 0.05 }),
      epochs: 3,
      batchSize: 8,
      validationSplit: 0.25,
      metrics: ["accuracy"],
      callbacks: [{ onBatchEnd: (b, logs) => void batches.push(logs.size) }],
    });
    expect(h.valLoss).toHaveLength(3);
    expect(h.valAccuracy).toHaveLength(3);
    expect(batches.slice(0, 4)).toEqual([8, 8, 8, 6]);
  });

  it("stops early when the monitored loss stops improving, restoring the best weights", () => {
    const { x, y } = xorData();
    const model = new Sequential([new Dense(1)], { inputShape: [2] });
    // A learning rate of 0 never improves: training stops after `patience` epochs past the first.
    const h = fit(model, x, y, {
      loss: "mse",
      optimizer: new SGD({ learningRate: 0 }),
      epochs: 50,
      earlyStopping: { patience: 2, minDelta: 1e-6, restoreBestWeights: true },
    });
    expect(h.stoppedEarly).toBe(true);
    expect(h.epochs).toBe(3);
  });

  it("lets a callback stop training by returning 'stop'", () => {
    const { x, y } = xorData();
    const model = new Sequential([new Dense(1)], { inputShape: [2] });
    const h = fit(model, x, y, {
      loss: "mse",
      optimizer: new SGD(),
      epochs: 10,
      callbacks: [{ onEpochEnd: (e) => (e === 1 ? "stop" : undefined) }],
    });
    expect(h.epochs).toBe(2);
  });

  it("rejects targets with a different number of rows and an unknown loss", () => {
    const model = new Sequential([new Dense(1)], { inputShape: [2] });
    expect(() => fit(model, zeros([4, 2]), zeros([3, 1]), { loss: "mse", optimizer: new SGD() })).toThrow(
      /same number of rows; got \[4, 2\], \[3, 1\]/,
    );
    expect(() => fit(model, zeros([4, 2]), zeros([4, 1]), { loss: "hinge" as "mse", optimizer: new SGD() })).toThrow(
      /Unknown loss "hinge". Valid losses: mse/,
    );
  });
});

describe("bad data", () => {
  it("fit, predict and evaluate refuse NaN or infinite values, naming the tensor, row and element", () => {
    const model = new Sequential([new Dense(1)], { inputShape: [2], seed: 1 });
    const x = tensor([0, 1, 2, Number.NaN], [2, 2]);
    const y = tensor([0, 1], [2, 1]);
    const options = { loss: "mse" as const, optimizer: new SGD({ learningRate: 0.1 }), epochs: 1, batchSize: 2 };
    expect(() => fit(model, x, y, options)).toThrow("fit: tensor 1 of shape [2, 2] holds NaN in row 1 (element 1)");
    expect(() => predict(model, x)).toThrow(/predict: tensor 1 .* holds NaN in row 1/);
    const badY = tensor([0, Number.POSITIVE_INFINITY], [2, 1]);
    expect(() => fit(model, tensor([0, 1, 2, 3], [2, 2]), badY, options)).toThrow(
      /fit: tensor 2 of shape \[2, 1\] holds Infinity in row 1/,
    );
  });
});
