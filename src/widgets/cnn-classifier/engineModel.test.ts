import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Rng } from "../../lib/random/index.ts";
import { simulateCutout } from "../../lib/astro/index.ts";
import { ModelRunner } from "../../lib/inference/index.ts";
import { loadNodeRuntime } from "../../lib/inference/nodeRuntime.ts";
import { CLASSIFIERS, CLASSIFIER_IDS } from "../../lib/zoo/index.ts";
import { engineForward, loadEngineModel, modelSummary } from "./engineModel.ts";

const MODELS_DIR = join(import.meta.dirname, "../../../models");

describe("the classifier demo's engine model", () => {
  it("modelSummary gives each layer's output shape and parameter count (3×3 convs 12, 24, 48; dense 64)", () => {
    const { rows, total } = modelSummary("galaxy-morphology");
    const params = Object.fromEntries(rows.map((r) => [r.name, r.params]));
    expect(params.conv1).toBe(3 * 3 * 3 * 12 + 12);
    expect(params.conv2).toBe(3 * 3 * 12 * 24 + 24);
    expect(params.conv3).toBe(3 * 3 * 24 * 48 + 48);
    expect(params.embedding).toBe(768 * 64 + 64);
    expect(params.logits).toBe(64 * 5 + 5);
    expect(rows.find((r) => r.name === "flatten")?.shape).toBe("N × 768");
    expect(total).toBe(rows.reduce((s, r) => s + r.params, 0));
  });

  for (const id of CLASSIFIER_IDS) {
    const dir = join(MODELS_DIR, id);
    // The model files are committed: a missing one fails here (readFileSync), it is never skipped.
    it(`${id}: the feature-map forward pass (weights.json) gives onnxruntime's probabilities (model.onnx, through src/lib/inference) within 1e-4`, async () => {
      const model = loadEngineModel(id, readFileSync(join(dir, "weights.json"), "utf8"));
      const classifier = new ModelRunner({ loadRuntime: loadNodeRuntime });
      const source = { id, bytes: new Uint8Array(readFileSync(join(dir, "model.onnx"))), labels: CLASSIFIERS[id].classes };
      const classes = CLASSIFIERS[id].classes;
      const rng = new Rng(`feature-maps/${id}`);
      let worst = 0;
      for (let i = 0; i < classes.length + 1; i++) {
        const { image } = simulateCutout(classes[i % classes.length] as never, rng.fork(String(i)));
        const engine = engineForward(model, image);
        expect(engine.layers.map((l) => [l.name, l.channels, l.height, l.width])).toEqual([
          ["conv1", 12, 32, 32],
          ["conv2", 24, 16, 16],
          ["conv3", 48, 8, 8],
        ]);
        for (const layer of engine.layers) expect(Math.min(...layer.data)).toBeGreaterThanOrEqual(0);
        const ort = await classifier.predict(source, image, "wasm");
        expect(ort.ep).toBe("wasm");
        expect(ort.notice).toBeNull();
        for (let k = 0; k < classes.length; k++) worst = Math.max(worst, Math.abs(ort.probabilities[k] - engine.probabilities[k]));
      }
      expect(worst).toBeLessThan(1e-4);
      await classifier.dispose();
    });
  }
});
