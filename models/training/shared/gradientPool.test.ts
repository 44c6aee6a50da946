import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Tensor, tensor } from "../../../src/lib/autodiff/index.ts";
import { computeGradients } from "../../../src/lib/nn/index.ts";
import { Rng } from "../../../src/lib/random/index.ts";
import { DEFAULT_AUGMENT, buildClassifier } from "../../../src/lib/zoo/index.ts";
import type { ClassifierSpec } from "../../../src/lib/zoo/index.ts";
import { trainModel } from "../classifier/pipeline.ts";
import { GradientPool, shardRng } from "./gradientPool.ts";
import type { ReplicaRecipe } from "./gradientPool.ts";
import { shardRanges } from "./gradientPoolLayout.ts";

// Batch normalisation on, so the moving statistics' reduction is checked too.
const architecture = { classes: ["elliptical", "spiral", "edge-on"], widths: [2, 3, 2] as const, hidden: 4, batchNorm: true };
const recipe: ReplicaRecipe = {
  kind: "classifier",
  architecture,
  initSeed: "pool-test/init",
  inputShape: [3, 64, 64],
  loss: "softmaxCrossEntropy",
  dropoutSeed: "pool-test/dropout",
};
const ROW = 3 * 64 * 64;

function batch(count: number, seed: number): { rows: Float32Array; labels: number[] } {
  const rng = new Rng(seed);
  const rows = new Float32Array(count * ROW);
  for (let i = 0; i < rows.length; i++) rows[i] = rng.next();
  return { rows, labels: Array.from({ length: count }, (_, i) => i % 3) };
}

describe("shardRanges", () => {
  it("cuts rows into contiguous ranges, the first ones one row longer, empty ones when rows are few", () => {
    expect(shardRanges(10, 3)).toEqual([
      [0, 4],
      [4, 7],
      [7, 10],
    ]);
    expect(shardRanges(32, 2)).toEqual([
      [0, 16],
      [16, 32],
    ]);
    expect(shardRanges(1, 3)).toEqual([
      [0, 1],
      [1, 1],
      [1, 1],
    ]);
  });
});

describe("GradientPool", () => {
  it("gives the row-weighted sum of the shards' gradients, statistics, losses and logits, in shard order", () => {
    const model = buildClassifier(architecture, recipe.initSeed);
    const pool = new GradientPool(3, recipe, model, 8);
    try {
      const { rows, labels } = batch(7, 5);
      const before = model.nonTrainableWeights().map((w) => Float32Array.from(w.data));
      const got = pool.gradients(model, rows, labels, 7, 11);

      // The same by hand: each shard on a fresh replica with the shard's dropout stream.
      const shards = shardRanges(7, 3);
      const expected = model.trainableWeights().map((w) => new Float64Array(w.size));
      const moving = before.map((w) => new Float64Array(w.length));
      let loss = 0;
      const logits: number[] = [];
      shards.forEach(([start, end], s) => {
        const replica = buildClassifier(architecture, recipe.initSeed);
        const share = (end - start) / 7;
        const x = new Tensor(rows.slice(start * ROW, end * ROW), [end - start, 3, 64, 64]);
        const r = computeGradients(replica, x, tensor(labels.slice(start, end)), {
          loss: "softmaxCrossEntropy",
          rng: shardRng(recipe.dropoutSeed, 11, s),
        });
        replica.trainableWeights().forEach((w, i) => w.grad!.forEach((g, j) => (expected[i][j] += share * g)));
        replica.nonTrainableWeights().forEach((w, i) => w.data.forEach((v, j) => (moving[i][j] += share * v)));
        loss += share * r.loss;
        logits.push(...r.outputs[0].data);
      });
      model.trainableWeights().forEach((w, i) => w.grad!.forEach((g, j) => expect(g).toBeCloseTo(expected[i][j], 6)));
      model.nonTrainableWeights().forEach((w, i) => w.data.forEach((v, j) => expect(v).toBeCloseTo(moving[i][j], 6)));
      expect(got.loss).toBeCloseTo(loss, 6);
      expect(Array.from(got.logits)).toEqual(logits);
      // The statistics moved (training-mode batch norm), so the check above was not of untouched values.
      expect(model.nonTrainableWeights()[0].data).not.toEqual(before[0]);

      // A batch smaller than the thread count leaves a worker idle and still works.
      const one = batch(1, 6);
      expect(Number.isFinite(pool.gradients(model, one.rows, one.labels, 1, 12).loss)).toBe(true);
    } finally {
      pool.close();
    }
  });

  it("a worker's error reaches the caller instead of hanging", () => {
    const bad = { ...recipe, kind: "transformer" };
    const model = buildClassifier(architecture, recipe.initSeed);
    expect(() => new GradientPool(2, bad as unknown as ReplicaRecipe, model, 4)).toThrow(
      /worker 1 failed: cannot build a replica of kind "transformer"/,
    );
  });
});

describe("training with --threads 2", () => {
  const tiny: ClassifierSpec = {
    name: "tiny",
    title: "Tiny",
    label: "Tiny",
    classes: ["elliptical", "spiral"],
    seed: "pool-pipeline-test",
    trainImages: 12,
    testImages: 4,
    epochs: 1,
    batchSize: 5,
    learningRate: 1e-3,
    finalLearningRate: 1e-4,
    augment: DEFAULT_AUGMENT,
    targetAccuracy: 0.5,
    exportBackbone: false,
    maxMinutes: 5,
    widths: [2, 2, 2],
    hidden: 4,
  };

  it("gives the same weights for the same seed and thread count, and says so in the card", () => {
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), "deep-sky-pool-")));
    try {
      for (const dir of dirs) trainModel(tiny, { outDir: dir, command: "x", progress: false, monitorImages: 4, threads: 2 });
      const weights = dirs.map((d) => readFileSync(join(d, "weights.json"), "utf8"));
      expect(weights[1]).toBe(weights[0]);
      expect(JSON.parse(readFileSync(join(dirs[0], "metrics.json"), "utf8")).threads).toBe(2);
      expect(readFileSync(join(dirs[0], "CARD.md"), "utf8")).toContain("2 threads computed each batch's gradient");
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});
