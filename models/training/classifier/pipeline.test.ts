import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runOrt } from "../../../tests/support/runOrt.ts";
import { Rng } from "../../../src/lib/random/index.ts";
import { Tensor, noGrad, softmax } from "../../../src/lib/autodiff/index.ts";
import { weightsFromJSON } from "../../../src/lib/nn/index.ts";
import { dihedralViews, simulateCutout } from "../../../src/lib/astro/index.ts";
import { DEFAULT_AUGMENT, buildClassifier } from "../../../src/lib/zoo/index.ts";
import type { ClassifierSpec } from "../../../src/lib/zoo/index.ts";
import { reevaluateModel, trainModel } from "./pipeline.ts";
import { evaluateHeldOut } from "./evaluate.ts";
import { exportGraph } from "./exportGraph.ts";
import { generateDataset, imageAt } from "../shared/dataset.ts";
import { confusionMatrix, rocAuc } from "../shared/metrics.ts";
import { augmentInto } from "./augment.ts";

// A model small enough to train for a few steps in a second or two.
const tiny: ClassifierSpec = {
  name: "tiny",
  title: "Tiny pipeline check",
  label: "Tiny",
  classes: ["elliptical", "spiral"],
  seed: "pipeline-test",
  trainImages: 8,
  testImages: 4,
  epochs: 1,
  batchSize: 4,
  learningRate: 1e-3,
  finalLearningRate: 1e-4,
  augment: DEFAULT_AUGMENT,
  targetAccuracy: 0.5,
  exportBackbone: true,
  maxMinutes: 5,
  widths: [2, 2, 2],
  hidden: 4,
};

describe("training pipeline", () => {
  it("simulates, trains, evaluates and writes model.onnx, backbone.onnx, weights.json, metrics.json and CARD.md that agree with the engine", async () => {
    const dirs = [mkdtempSync(join(tmpdir(), "deep-sky-")), mkdtempSync(join(tmpdir(), "deep-sky-"))];
    try {
      const result = trainModel(tiny, { outDir: dirs[0], command: "npm run models:train -- tiny", progress: false, monitorImages: 4 });
      for (const f of ["model.onnx", "backbone.onnx", "weights.json", "metrics.json", "CARD.md"])
        expect(existsSync(join(dirs[0], f))).toBe(true);
      expect(result.confusion.flat().reduce((a, b) => a + b, 0)).toBe(4);
      expect(result.history).toHaveLength(1);
      const card = readFileSync(join(dirs[0], "CARD.md"), "utf8");
      expect(card).toContain("npm run models:train -- tiny");
      expect(card).toContain("Confusion matrix");
      expect(card).toContain("Total params");

      // The same seed gives the same weights.
      trainModel(tiny, { outDir: dirs[1], command: "again", progress: false, monitorImages: 4 });
      expect(readFileSync(join(dirs[1], "weights.json"), "utf8")).toBe(readFileSync(join(dirs[0], "weights.json"), "utf8"));

      // Reloaded weights in the engine and the ONNX files in onnxruntime agree.
      const model = buildClassifier(tiny, "other-seed");
      weightsFromJSON(model, readFileSync(join(dirs[0], "weights.json"), "utf8"));
      const data = new Float32Array(2 * 12288);
      data.set(simulateCutout("elliptical", new Rng(1)).image, 0);
      data.set(simulateCutout("spiral", new Rng(2)).image, 12288);
      const engine = noGrad(() => softmax(model.forward(new Tensor(data.slice(), [2, 3, 64, 64]))[0]));
      const ort = await runOrt(new Uint8Array(readFileSync(join(dirs[0], "model.onnx"))), { input: { data, dims: [2, 3, 64, 64] } });
      expect(ort.probabilities.dims).toEqual([2, 2]);
      for (let i = 0; i < 4; i++) expect(Math.abs(ort.probabilities.data[i] - engine.data[i])).toBeLessThan(1e-4);
      const embedding = noGrad(() => exportGraph(model, "b", "embedding").forward(new Tensor(data.slice(), [2, 3, 64, 64]))[0]);
      const ortEmbedding = await runOrt(new Uint8Array(readFileSync(join(dirs[0], "backbone.onnx"))), {
        input: { data, dims: [2, 3, 64, 64] },
      });
      expect(ortEmbedding.embedding.dims).toEqual([2, 4]);
      for (let i = 0; i < 8; i++) expect(Math.abs(ortEmbedding.embedding.data[i] - embedding.data[i])).toBeLessThan(1e-4);

      // Re-scoring the committed weights with test-time augmentation: 8 views, the single-view
      // accuracy is the run's, the card says so, and the training record is kept.
      const tta = reevaluateModel({ ...tiny, testTimeAugmentation: true }, dirs[0]);
      expect(tta.views).toBe(8);
      expect(tta.singleViewAccuracy).toBe(result.accuracy);
      expect(tta.history).toEqual(result.history);
      const ttaCard = readFileSync(join(dirs[0], "CARD.md"), "utf8");
      expect(ttaCard).toContain("8 flips and quarter turns");
      expect(ttaCard).toContain("npm run models:train -- tiny");
      expect(JSON.parse(readFileSync(join(dirs[0], "metrics.json"), "utf8")).views).toBe(8);
      // The averaged probabilities by hand for test image 0: the mean over its 8 views.
      const test = generateDataset(tiny.classes, tiny.seed, "test", tiny.testImages);
      const views = dihedralViews(imageAt(test, 0), 3, 64);
      const p = noGrad(() => softmax(model.forward(new Tensor(views, [8, 3, 64, 64]))[0])).data;
      const mean = [0, 1].map((j) => Array.from({ length: 8 }, (_, v) => p[v * 2 + j]).reduce((a, b) => a + b, 0) / 8);
      expect(
        evaluateHeldOut({ ...tiny, testTimeAugmentation: true }, model, test).confusion[test.labels[0]][mean[1] > mean[0] ? 1 : 0],
      ).toBeGreaterThan(0);
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("evaluation metrics", () => {
  it("confusionMatrix counts true rows against predicted columns", () => {
    expect(confusionMatrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], 3)).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 1],
    ]);
  });

  it("rocAuc is 1 for perfect ranking, 0.5 for ties, and the Mann–Whitney fraction otherwise", () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(rocAuc([0.5, 0.5, 0.5, 0.5], [false, true, false, true])).toBe(0.5);
    // Pairs (pos, neg): (0.3 > 0.1) (0.3 < 0.4) (0.9 > 0.1) (0.9 > 0.4) → 3 of 4.
    expect(rocAuc([0.1, 0.3, 0.4, 0.9], [false, true, false, true])).toBe(0.75);
  });
});

describe("augmentation", () => {
  it("keeps values in [0, 1] and, with every option off, returns the image unchanged", () => {
    const img = simulateCutout("spiral", new Rng(3)).image;
    const bytes = Uint8Array.from(img, (v) => Math.round(255 * v));
    const out = new Float32Array(12288);
    const off = { flipsAndRotations: false, maxShift: 0, blurProbability: 0, maxBlurSigma: 0, maxNoise: 0, gammaJitter: 0, gainJitter: 0 };
    augmentInto(bytes, 0, out, 0, new Rng(1), off);
    for (let p = 0; p < 12288; p++) expect(out[p]).toBeCloseTo(bytes[p] / 255, 6);
    augmentInto(bytes, 0, out, 0, new Rng(2), DEFAULT_AUGMENT);
    expect(out.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it("zooms about the centre: a centred square grows or shrinks with the drawn factor, within 1/maxZoom–maxZoom", () => {
    // A 16 × 16 bright square in the middle of the R plane (columns and rows 24–39).
    const bytes = new Uint8Array(12288);
    for (let y = 24; y < 40; y++) for (let x = 24; x < 40; x++) bytes[y * 64 + x] = 255;
    const out = new Float32Array(12288);
    const zoomOnly = {
      ...DEFAULT_AUGMENT,
      flipsAndRotations: false,
      maxShift: 0,
      blurProbability: 0,
      maxNoise: 0,
      gammaJitter: 0,
      gainJitter: 0,
    };
    const areas: number[] = [];
    for (let seed = 0; seed < 12; seed++) {
      augmentInto(bytes, 0, out, 0, new Rng(seed), { ...zoomOnly, maxZoom: 1.5 });
      let area = 0;
      for (let p = 0; p < 4096; p++) area += out[p];
      areas.push(area);
      // Still centred: the middle is lit, the corners dark.
      expect(out[32 * 64 + 32]).toBeCloseTo(1, 6);
      expect(out[0]).toBe(0);
    }
    // Area scales as zoom²: between 256 / 1.5² and 256 · 1.5² (bilinear edges add a little).
    expect(Math.min(...areas)).toBeGreaterThan(256 / 2.25 - 20);
    expect(Math.max(...areas)).toBeLessThan(256 * 2.25 + 40);
    expect(Math.max(...areas) / Math.min(...areas)).toBeGreaterThan(1.5);
  });

  it("a 90° rotation moves the top-left corner to another corner and preserves the total", () => {
    const bytes = new Uint8Array(12288);
    bytes[0] = 255; // pixel (0, 0) of the R plane
    const out = new Float32Array(12288);
    const rotOnly = {
      flipsAndRotations: true,
      maxShift: 0,
      blurProbability: 0,
      maxBlurSigma: 0,
      maxNoise: 0,
      gammaJitter: 0,
      gainJitter: 0,
    };
    for (let seed = 0; seed < 8; seed++) {
      augmentInto(bytes, 0, out, 0, new Rng(seed), rotOnly);
      const lit = [0, 63, 63 * 64, 63 * 64 + 63].filter((p) => out[p] === 1);
      expect(lit).toHaveLength(1);
      expect(out.reduce((a, b) => a + b, 0)).toBe(1);
    }
  });
});
