import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { runOrt } from "../tests/support/runOrt.ts";
import { Rng } from "../src/lib/random/index.ts";
import { Tensor, noGrad, softmax } from "../src/lib/autodiff/index.ts";
import { weightsFromJSON } from "../src/lib/nn/index.ts";
import { simulateCutout } from "../src/lib/astro/index.ts";
import { MODEL_SPECS, buildNetwork } from "../src/lib/astro/model-specs.ts";
import { exportGraph } from "./pipeline.ts";

// For every committed model: weights.json reloaded into the engine and model.onnx run by
// onnxruntime-web give the same probabilities (and embeddings, for a backbone) on simulated cutouts.
// Skipped for models that have not been trained yet.
for (const spec of Object.values(MODEL_SPECS)) {
  const dir = join(import.meta.dirname, spec.name);
  const present = existsSync(join(dir, "model.onnx")) && existsSync(join(dir, "weights.json"));
  describe(`committed model ${spec.name}`, () => {
    it.skipIf(!present)("the engine (weights.json) and onnxruntime (model.onnx) agree within 1e-4 on simulated cutouts; the file is ≤ 2 MB", async () => {
      const model = buildNetwork(spec.classes.length, "reload", spec.widths, spec.hidden, spec.batchNorm);
      weightsFromJSON(model, readFileSync(join(dir, "weights.json"), "utf8"));
      const n = 2 * spec.classes.length;
      const data = new Float32Array(n * 12288);
      const rng = new Rng(`agreement/${spec.name}`);
      for (let i = 0; i < n; i++) data.set(simulateCutout(spec.classes[i % spec.classes.length], rng.fork(String(i))).image, i * 12288);
      const engine = noGrad(() => softmax(model.forward(new Tensor(data.slice(), [n, 3, 64, 64]))[0]));
      const bytes = readFileSync(join(dir, "model.onnx"));
      expect(statSync(join(dir, "model.onnx")).size).toBeLessThanOrEqual(2 * 1024 * 1024);
      const ort = await runOrt(new Uint8Array(bytes), { input: { data, dims: [n, 3, 64, 64] } });
      expect(ort.probabilities.dims).toEqual([n, spec.classes.length]);
      let worst = 0;
      for (let i = 0; i < engine.size; i++) worst = Math.max(worst, Math.abs(ort.probabilities.data[i] - engine.data[i]));
      expect(worst).toBeLessThan(1e-4);
      if (existsSync(join(dir, "backbone.onnx"))) {
        const emb = noGrad(() => exportGraph(model, "b", "embedding").forward(new Tensor(data.slice(), [n, 3, 64, 64]))[0]);
        const out = await runOrt(new Uint8Array(readFileSync(join(dir, "backbone.onnx"))), { input: { data, dims: [n, 3, 64, 64] } });
        let w = 0;
        for (let i = 0; i < emb.size; i++) w = Math.max(w, Math.abs(out.embedding.data[i] - emb.data[i]) / Math.max(1, Math.abs(emb.data[i])));
        expect(w).toBeLessThan(1e-4);
      }
    });
  });
}
