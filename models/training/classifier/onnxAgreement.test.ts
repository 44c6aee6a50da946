import { describe, expect, it } from "vitest";
import { readFileSync, statSync } from "node:fs";
import { runOrt } from "../../../tests/support/runOrt.ts";
import { Rng } from "../../../src/lib/random/index.ts";
import { Tensor, noGrad, softmax } from "../../../src/lib/autodiff/index.ts";
import { weightsFromJSON } from "../../../src/lib/nn/index.ts";
import { simulateCutout } from "../../../src/lib/astro/index.ts";
import { CLASSIFIERS, CLASSIFIER_IO, buildClassifier } from "../../../src/lib/zoo/index.ts";
import { exportGraph } from "./exportGraph.ts";
import { committedFile } from "../shared/paths.ts";

// For every committed classifier: weights.json reloaded into the engine and model.onnx run by
// onnxruntime-web give the same probabilities (and embeddings, for a backbone) on simulated cutouts.
// The files are committed: a missing one fails here, loudly (committedFile), never a silent skip.
for (const spec of Object.values(CLASSIFIERS)) {
  describe(`committed model ${spec.name}`, () => {
    it("the engine (weights.json) and onnxruntime (model.onnx) agree within 1e-4 on simulated cutouts; the file is ≤ 2 MB", async () => {
      const onnx = committedFile(spec.name, "model.onnx");
      const model = buildClassifier(spec, "reload");
      weightsFromJSON(model, readFileSync(committedFile(spec.name, "weights.json"), "utf8"));
      const n = 2 * spec.classes.length;
      const data = new Float32Array(n * 12288);
      const rng = new Rng(`agreement/${spec.name}`);
      for (let i = 0; i < n; i++) data.set(simulateCutout(spec.classes[i % spec.classes.length], rng.fork(String(i))).image, i * 12288);
      const engine = noGrad(() => softmax(model.forward(new Tensor(data.slice(), [n, 3, 64, 64]))[0]));
      expect(statSync(onnx).size).toBeLessThanOrEqual(2 * 1024 * 1024);
      const ort = await runOrt(new Uint8Array(readFileSync(onnx)), { [CLASSIFIER_IO.input]: { data, dims: [n, 3, 64, 64] } });
      expect(ort[CLASSIFIER_IO.output].dims).toEqual([n, spec.classes.length]);
      let worst = 0;
      for (let i = 0; i < engine.size; i++) worst = Math.max(worst, Math.abs(ort[CLASSIFIER_IO.output].data[i] - engine.data[i]));
      expect(worst).toBeLessThan(1e-4);
      if (spec.exportBackbone) {
        const emb = noGrad(() => exportGraph(model, "b", CLASSIFIER_IO.embedding).forward(new Tensor(data.slice(), [n, 3, 64, 64]))[0]);
        const out = await runOrt(new Uint8Array(readFileSync(committedFile(spec.name, "backbone.onnx"))), {
          [CLASSIFIER_IO.input]: { data, dims: [n, 3, 64, 64] },
        });
        let w = 0;
        for (let i = 0; i < emb.size; i++)
          w = Math.max(w, Math.abs(out[CLASSIFIER_IO.embedding].data[i] - emb.data[i]) / Math.max(1, Math.abs(emb.data[i])));
        expect(w).toBeLessThan(1e-4);
      }
    });
  });
}
