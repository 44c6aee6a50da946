import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { gradcheck, tensor, zeros } from "../autodiff/index.ts";
import type { Tensor } from "../autodiff/index.ts";
import {
  Activation,
  AvgPool2D,
  BatchNorm,
  Conv2D,
  Dense,
  Dropout,
  Flatten,
  MaxPool2D,
  Sequential,
  UpSampling2D,
  initializers,
  summary,
  summaryData,
} from "./index.ts";

describe("Dense", () => {
  it("computes act(x·W + b) with W [in, units]", () => {
    const model = new Sequential([new Dense(2, { activation: "relu" })], { inputShape: [3] });
    const dense = model.layers[0] as Dense;
    dense.kernel!.data.set([1, -1, 2, 0, 0, 1]);
    dense.bias!.data.set([0.5, -10]);
    const y = model.call(tensor([[1, 2, 3]]));
    expect(y.toArray()).toEqual([[5.5, 0]]);
  });

  it("rejects an input of the wrong shape with an error naming the layer and both shapes", () => {
    const model = new Sequential([new Dense(4)], { inputShape: [3] });
    expect(() => model.call(zeros([10, 4]))).toThrow("Model 'sequential': input 'input' expected shape [None, 3], got [10, 4]");
    expect(() => model.layers[0].forward([zeros([10, 4])], { training: false, rng: new Rng(0) })).toThrow(
      "Dense 'dense': expected input shape [None, 3], got [10, 4]",
    );
  });

  it("rejects an image input, naming the layer", () => {
    expect(() => new Sequential([new Dense(4)], { inputShape: [1, 8, 8] })).toThrow(
      /Dense '\(unnamed\)': expects input \[features\] \(flatten images first\), got \[1, 8, 8\]/,
    );
  });

  it("rejects an unknown activation, listing the valid ones", () => {
    expect(() => new Dense(4, { activation: "sigmod" })).toThrow(/Unknown activation "sigmod". Valid activations: linear, step, sigmoid/);
    expect(() => new Activation("swishy")).toThrow(/Unknown activation "swishy"/);
  });
});

describe("Conv2D and pooling layers", () => {
  it("map NCHW shapes like Keras with 'same' and 'valid' padding", () => {
    const model = new Sequential(
      [
        new Conv2D(8, 3, { padding: "same", activation: "relu" }),
        new MaxPool2D(2),
        new Conv2D(4, [3, 2], { strides: 2 }),
        new AvgPool2D(2, { padding: "same" }),
        new UpSampling2D(2),
        new Flatten(),
      ],
      { inputShape: [3, 16, 16] },
    );
    expect(model.layers.map((l) => l.outputShape)).toEqual([[8, 16, 16], [8, 8, 8], [4, 3, 4], [4, 2, 2], [4, 4, 4], [64]]);
    expect(model.call(zeros([2, 3, 16, 16])).shape).toEqual([2, 64]);
  });

  it("Conv2D refuses a kernel that does not fit, naming the layer and shape", () => {
    expect(() => new Sequential([new Conv2D(2, 5)], { inputShape: [1, 3, 3] })).toThrow(
      /Conv2D '\(unnamed\)': kernel 5×5 does not fit input \[1, 3, 3\]/,
    );
  });
});

describe("summary", () => {
  const model = new Sequential(
    [
      new Conv2D(8, 3, { padding: "same", activation: "relu" }),
      new MaxPool2D(2),
      new BatchNorm(),
      new Flatten(),
      new Dropout(0.5),
      new Dense(10),
    ],
    { inputShape: [1, 28, 28] },
  );

  it("counts parameters with Keras's formulas", () => {
    const d = summaryData(model);
    // Conv2D: kH·kW·C·F + F = 3·3·1·8 + 8 = 80; BatchNorm: 4·C = 32 (16 non-trainable); Dense: 1568·10 + 10.
    expect(d.rows.map((r) => r.params)).toEqual([80, 0, 32, 0, 0, 15690]);
    expect(d.totalParams).toBe(80 + 32 + 15690);
    expect(d.nonTrainableParams).toBe(16);
    expect(d.trainableParams).toBe(80 + 16 + 15690);
    expect(d.rows[0]).toMatchObject({ name: "conv2d", kind: "Conv2D", outputShape: [null, 8, 28, 28] });
    expect(d.rows.map((r) => r.name)).toEqual(["conv2d", "max_pool2d", "batch_norm", "flatten", "dropout", "dense"]);
  });

  it("prints a Keras-like table with totals", () => {
    const text = summary(model);
    expect(text).toContain('Model: "sequential"');
    expect(text).toMatch(/conv2d \(Conv2D\)\s+\(None, 8, 28, 28\)\s+80/);
    expect(text).toContain("Total params: 15,802");
    expect(text).toContain("Trainable params: 15,786");
    expect(text).toContain("Non-trainable params: 16");
  });

  it("moves a frozen layer's parameters to non-trainable and out of trainableWeights", () => {
    const m = new Sequential([new Dense(4), new Dense(2)], { inputShape: [3] });
    m.layers[0].trainable = false;
    expect(summaryData(m).trainableParams).toBe(10);
    expect(summaryData(m).nonTrainableParams).toBe(16);
    expect(m.trainableWeights().map((t) => t.name)).toEqual(["dense_1/kernel", "dense_1/bias"]);
    expect(m.layers[0].weights()[0].requiresGrad).toBe(false);
  });
});

describe("initialisers", () => {
  it("draw Glorot-uniform kernels inside ±√(6/(in+out)) deterministically from the seed", () => {
    const a = new Sequential([new Dense(50)], { inputShape: [30], seed: 7 });
    const b = new Sequential([new Dense(50)], { inputShape: [30], seed: 7 });
    const k = (a.layers[0] as Dense).kernel!.data;
    const limit = Math.sqrt(6 / 80);
    expect(Math.max(...Array.from(k, Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...Array.from(k, Math.abs))).toBeGreaterThan(0.9 * limit);
    expect(Array.from((b.layers[0] as Dense).kernel!.data)).toEqual(Array.from(k));
    expect(Array.from((a.layers[0] as Dense).bias!.data).every((v) => v === 0)).toBe(true);
  });

  it("heNormal has variance 2/fanIn", () => {
    const out = new Float64Array(20000);
    initializers.heNormal(out, { fanIn: 50, fanOut: 10 }, new Rng(1));
    const variance = out.reduce((s, v) => s + v * v, 0) / out.length;
    expect(Math.abs(variance / (2 / 50) - 1)).toBeLessThan(0.05); // sampling error ≈ 1%
  });
});

describe("gradients through layers", () => {
  it("a float64 conv → batchnorm → dense model has finite-difference gradients in training mode", () => {
    const model = new Sequential(
      [new Conv2D(2, 3, { activation: "tanh" }), new BatchNorm(), new Flatten(), new Dense(2, { activation: "softplus" })],
      {
        inputShape: [1, 5, 4],
        dtype: "float64",
        seed: 3,
      },
    );
    const x = tensor(
      Float64Array.from({ length: 3 * 20 }, (_, i) => Math.sin(i)),
      [3, 1, 5, 4],
      { dtype: "float64" },
    );
    const weights = model.trainableWeights();
    const f = (...ws: Tensor[]) => {
      void ws;
      return model.call(x, { training: true });
    };
    expect(gradcheck(f, weights)).toMatchObject({ ok: true });
  });

  it("BatchNorm normalises each channel in training and uses moving statistics at inference", () => {
    const model = new Sequential([new BatchNorm({ momentum: 0 })], { inputShape: [2], dtype: "float64" });
    const x = tensor(
      [
        [1, 10],
        [3, 30],
      ],
      undefined,
      { dtype: "float64" },
    );
    const y = model.call(x, { training: true });
    expect(y.data[0]).toBeCloseTo(-1 / Math.sqrt(1 + 1e-3), 10);
    expect(y.data[1]).toBeCloseTo(-10 / Math.sqrt(100 + 1e-3), 10);
    const bn = model.layers[0] as BatchNorm;
    expect(Array.from(bn.movingMean!.data)).toEqual([2, 20]);
    expect(Array.from(bn.movingVariance!.data)).toEqual([1, 100]);
    expect(model.call(x).data[3]).toBeCloseTo(10 / Math.sqrt(100 + 1e-3), 10);
  });
});
