import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Tensor } from "../../lib/autodiff/index.ts";
import { getWeights, modelFromConfig, trainStep, weightsFromJSON } from "../../lib/nn/index.ts";
import type { WeightsJSON } from "../../lib/nn/index.ts";
import { createOptimizer } from "../../lib/optim/index.ts";
import { parseState } from "../shared/urlState.ts";
import {
  BACKBONE_LAYERS,
  EMBEDDING_SIZE,
  EPOCHS,
  IMAGE_VALUES,
  accuracy,
  challengeMet,
  headStart,
  paramTable,
  scratchNetwork,
  scratchStart,
  stackImages,
  taskExample,
  MIN_BAR_FWHM,
  transferNetwork,
} from "./transferModel.ts";
import { transferSchema } from "./transferState.ts";

const backboneLayer = (weightName: string) => (BACKBONE_LAYERS as readonly string[]).includes(weightName.split("/")[0]);

describe("paramTable", () => {
  const table = paramTable();

  it("counts the frozen backbone and the new head from the engine: 62,584 frozen, 130 trainable (the lesson's sums)", () => {
    // conv1 12·(3·3·3)+12 = 336, conv2 24·(3·3·12)+24 = 2616, conv3 48·(3·3·24)+48 = 10 416,
    // embedding 768·64+64 = 49 216; the new head 64·2+2 = 130.
    expect(table.frozen).toBe(336 + 2616 + 10416 + 49216);
    expect(table.trainable).toBe(64 * 2 + 2);
    expect(table.scratchTrainable).toBe(table.frozen + table.trainable);
  });

  it("marks each layer frozen, trainable or weightless, and the rows add up to the totals", () => {
    const byRole = (role: string) => table.rows.filter((r) => r.role === role);
    expect(byRole("frozen").map((r) => r.name)).toEqual(["conv1", "conv2", "conv3", "embedding"]);
    expect(byRole("trainable").map((r) => r.name)).toEqual(["logits"]);
    expect(byRole("none").every((r) => r.params === 0)).toBe(true);
    expect(byRole("frozen").reduce((s, r) => s + r.params, 0)).toBe(table.frozen);
    expect(byRole("trainable").reduce((s, r) => s + r.params, 0)).toBe(table.trainable);
    expect(table.rows.find((r) => r.name === "conv1")?.shape).toBe("12\u2009×\u200932\u2009×\u200932");
  });

  it("the frozen count equals the number of values of the shipped backbone weights (weights.json)", () => {
    const json = JSON.parse(readFileSync("models/galaxy-morphology/weights.json", "utf8")) as WeightsJSON;
    const net = transferNetwork();
    // The trained weights load into the transferred network's backbone layers (the head is new: 2 classes, not 5).
    const loaded = scratchNetwork("morphology-shape");
    expect(() => weightsFromJSON(loaded, json)).toThrow(); // the 5-class logits do not fit a 2-class head
    const frozenValues = getWeights(net)
      .filter((w) => backboneLayer(w.name))
      .reduce((s, w) => s + w.data.length, 0);
    expect(frozenValues).toBe(paramTable().frozen);
  });
});

describe("transferNetwork", () => {
  it("gives the frozen layers no gradient: a training step changes only the head's weights", () => {
    const net = transferNetwork();
    const before = getWeights(net).map((w) => ({ name: w.name, data: Float32Array.from(w.data) }));
    const x = new Tensor(stackImages([taskExample("lens", "train", 1, 0).image, taskExample("lens", "train", 1, 1).image]), [2, 3, 64, 64]);
    const y = new Tensor(new Float32Array([0, 1]), [2]);
    trainStep(net, x, y, { loss: "softmaxCrossEntropy", optimizer: createOptimizer("adam", { learningRate: 0.01 }) });
    // Which tensors received a gradient in the backward pass: only the head's kernel and bias.
    const withGrad = net.layers.flatMap((l) => l.weightList.filter((w) => w.tensor.grad !== null).map((w) => `${l.name}/${w.name}`));
    expect(withGrad).toEqual(["logits/kernel", "logits/bias"]);
    const after = getWeights(net);
    for (const w of before) {
      const now = after.find((a) => a.name === w.name)!.data;
      const changed = now.some((v, i) => v !== w.data[i]);
      expect([w.name, changed]).toEqual([w.name, !backboneLayer(w.name)]);
    }
  });
});

describe("taskExample", () => {
  it("is deterministic: the same task, split, seed and index give the same pixels", () => {
    for (const task of ["lens", "bar"] as const) {
      const a = taskExample(task, "train", 7, 3);
      const b = taskExample(task, "train", 7, 3);
      expect(a.image).toHaveLength(IMAGE_VALUES);
      expect(Array.from(a.image)).toEqual(Array.from(b.image));
    }
  });

  it("draws other training examples for another seed, and one held-out set whatever the seed", () => {
    const a = taskExample("lens", "train", 1, 0).image;
    const b = taskExample("lens", "train", 2, 0).image;
    expect(a.some((v, i) => v !== b[i])).toBe(true);
    expect(Array.from(taskExample("lens", "held-out", 1, 5).image)).toEqual(Array.from(taskExample("lens", "held-out", 99, 5).image));
    const train = taskExample("lens", "train", 1, 5).image;
    expect(train.some((v, i) => v !== taskExample("lens", "held-out", 1, 5).image[i])).toBe(true);
  });

  it("alternates the classes, and each example is of its class (a galaxy-scale lens or a red galaxy with blue companions; a visible bar or none), in the one nominal look", () => {
    for (let i = 0; i < 8; i++) {
      const lens = taskExample("lens", "train", 3, i);
      expect(lens.label).toBe(i % 2);
      expect(lens.params.kind).toBe(i % 2 === 1 ? "lens" : "non-lens");
      if (i % 2 === 1) expect(lens.params.lens?.groupMembers).toBe(0);
      else expect(lens.params.lookalike?.scene).toBe("companions");
      const bar = taskExample("bar", "held-out", 0, i);
      expect(bar.label).toBe(i % 2);
      const d = bar.params.details;
      expect(d.kind).toBe("spiral");
      expect(d.kind === "spiral" && d.bar).toBe(i % 2 === 1);
      if (d.kind === "spiral" && d.bar) expect(d.barLength).toBeGreaterThanOrEqual(MIN_BAR_FWHM * bar.params.observing.psfFwhmPixels[1]);
      // One look for every example: native pixels and the same stretch.
      for (const e of [lens, bar]) {
        expect(e.params.observing.binning).toBe(1);
        expect(e.params.observing.stretch).toEqual(taskExample("lens", "held-out", 0, 0).params.observing.stretch);
      }
    }
  });
});

describe("worker start messages", () => {
  const n = 4;
  const labels = [0, 1, 0, 1];

  it("the head trains 130 parameters on [n, 64] embeddings, validated on exactly the held-out rows after every epoch", () => {
    const embeddings = Float32Array.from({ length: n * EMBEDDING_SIZE }, (_, i) => i);
    const held = Float32Array.from({ length: 10 * EMBEDDING_SIZE }, (_, i) => -1 - i);
    const m = headStart("h", 1, embeddings, labels, held, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(m.x[0].shape).toEqual([n + 10, EMBEDDING_SIZE]);
    expect(m.y[0].shape).toEqual([n + 10]);
    expect(Array.from(new Float32Array(m.y[0].buffer))).toEqual([...labels, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    // fit keeps the last floor(rows · split) rows for validation: exactly the 10 held-out ones.
    const rows = n + 10;
    expect(Math.floor(rows * m.options.validationSplit!)).toBe(10);
    expect(new Float32Array(m.x[0].buffer)[n * EMBEDDING_SIZE]).toBe(-1);
    for (const [k, h] of [
      [20, 200],
      [100, 200],
      [10, 200],
      [37, 200],
    ])
      expect(
        Math.floor(
          (k + h) *
            headStart("h", 1, new Float32Array(k * 64), new Array(k).fill(0), new Float32Array(h * 64), new Array(h).fill(0)).options
              .validationSplit!,
        ),
      ).toBe(h);
    expect(m.options.epochs).toBe(EPOCHS);
    expect(m.options.batchSize).toBe(n);
    expect(modelFromConfig(m.model).countParams()).toBe(130);
  });

  it("the scratch CNN trains every parameter of the same architecture on [n, 3, 64, 64] images", () => {
    const m = scratchStart("s", 1, new Float32Array(n * IMAGE_VALUES), labels, new Float32Array(3 * IMAGE_VALUES));
    expect(m.x[0].shape).toEqual([n, 3, 64, 64]);
    expect(m.probe?.[0].shape).toEqual([3, 3, 64, 64]);
    const model = modelFromConfig(m.model);
    expect(model.countParams()).toBe(paramTable().scratchTrainable);
    expect(model.trainableWeights().reduce((s, t) => s + t.size, 0)).toBe(model.countParams());
  });
});

describe("accuracy and the challenge", () => {
  it("accuracy is the fraction of rows whose larger logit is the true class", () => {
    expect(accuracy([0, 1, 2, 1, 0.5, 0.4, -1, 3], [1, 0, 1, 1])).toBe(0.75);
    expect(accuracy([], [])).toBeNaN();
  });

  it("the challenge needs 10 or fewer examples and the head at least 10 points ahead", () => {
    expect(challengeMet(10, 0.73, 0.56)).toBe(true);
    expect(challengeMet(10, 0.7, 0.6)).toBe(true);
    expect(challengeMet(10, 0.71, 0.615)).toBe(false);
    expect(challengeMet(20, 0.73, 0.57)).toBe(false); // the default settings alone do not complete it
  });

  it("the URL schema defaults to the lens task with 20 examples and rejects out-of-range counts", () => {
    const parsed = parseState(transferSchema, new URLSearchParams("tl.task=bar&tl.n=500"), "tl");
    expect(parsed.state.task).toBe("bar");
    expect(parsed.state.n).toBe(20);
    expect(parsed.problems.length).toBeGreaterThan(0);
  });
});
