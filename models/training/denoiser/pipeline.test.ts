import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runOrt } from "../../../tests/support/runOrt.ts";
import { weightsFromJSON } from "../../../src/lib/nn/index.ts";
import { DENOISER_SPEC, buildDenoiser, denoiserInput } from "../../../src/lib/zoo/index.ts";
import type { DenoiserSpec } from "../../../src/lib/zoo/index.ts";
import { trainDenoiser } from "./pipeline.ts";
import { copyWithSymmetry, generateGalaxyImages } from "./data.ts";
import { predictNoise } from "./evaluate.ts";
import { psnr } from "../../../src/lib/nn/index.ts";

// A denoiser small enough to train for a few steps in a second or two.
const tiny: DenoiserSpec = {
  ...DENOISER_SPEC,
  name: "tiny-denoiser",
  seed: "denoiser-pipeline-test",
  widths: [2, 2, 2],
  trainImages: 6,
  testImages: 2,
  batchSize: 2,
  steps: 3,
  evalSteps: [10, 500],
};

describe("denoiser pipeline", () => {
  it("simulates, trains, evaluates and writes model.onnx, weights.json, metrics.json and CARD.md that agree with the engine; the same seed gives the same weights", async () => {
    const dirs = [mkdtempSync(join(tmpdir(), "deep-sky-dn-")), mkdtempSync(join(tmpdir(), "deep-sky-dn-"))];
    try {
      const r = trainDenoiser(tiny, { outDir: dirs[0], command: "npm run models:train -- galaxy-denoiser --steps 3", progress: false });
      for (const f of ["model.onnx", "weights.json", "metrics.json", "CARD.md"]) expect(existsSync(join(dirs[0], f))).toBe(true);
      expect(r.stepsRun).toBe(3);
      expect(r.evaluation.map((e) => e.t)).toEqual([10, 500]);
      for (const e of r.evaluation) {
        expect(e.noisyPsnr).toBeCloseTo(psnr(e.noisyMse), 10);
        expect(e.denoisedMse).toBeGreaterThan(0);
      }
      // More noise, worse noisy image.
      expect(r.evaluation[1].noisyMse).toBeGreaterThan(r.evaluation[0].noisyMse);
      const card = readFileSync(join(dirs[0], "CARD.md"), "utf8");
      expect(r.generation.images).toBe(16);
      expect(r.generation.realRoughness).toBeGreaterThan(0);
      for (const s of [
        "npm run models:train -- galaxy-denoiser --steps 3",
        "Total params",
        "denoised PSNR",
        "Generation from pure noise",
        "Known limits",
      ])
        expect(card).toContain(s);
      const metrics = JSON.parse(readFileSync(join(dirs[0], "metrics.json"), "utf8"));
      expect(metrics.spec.seed).toBe(tiny.seed);
      expect(JSON.stringify(metrics)).not.toMatch(/\/tmp\/|\/work\//);

      trainDenoiser(tiny, { outDir: dirs[1], command: "again", progress: false });
      expect(readFileSync(join(dirs[1], "weights.json"), "utf8")).toBe(readFileSync(join(dirs[0], "weights.json"), "utf8"));

      const model = buildDenoiser(tiny, "other-seed");
      weightsFromJSON(model, readFileSync(join(dirs[0], "weights.json"), "utf8"));
      const test = generateGalaxyImages(tiny, "test", 2);
      const engine = predictNoise(model, tiny, test.data, [100, 900]);
      const ort = await runOrt(new Uint8Array(readFileSync(join(dirs[0], "model.onnx"))), {
        input: { data: denoiserInput(test.data, [100, 900], tiny), dims: [2, 4, 32, 32] },
      });
      expect(ort.epsilon.dims).toEqual([2, 3, 32, 32]);
      let worst = 0;
      for (let i = 0; i < engine.length; i++) worst = Math.max(worst, Math.abs(ort.epsilon.data[i] - engine[i]));
      expect(worst).toBeLessThan(1e-4);
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  }, 60_000);

  it("copyWithSymmetry applies the flips and the transpose of the square", () => {
    const images = { data: Float32Array.from({ length: 4 }, (_, i) => i), count: 1, size: 4 };
    const out = new Float32Array(4);
    const at = (k: number) => (copyWithSymmetry(images, 0, k, 2, out, 0), Array.from(out));
    expect(at(0)).toEqual([0, 1, 2, 3]);
    expect(at(1)).toEqual([1, 0, 3, 2]);
    expect(at(2)).toEqual([2, 3, 0, 1]);
    expect(at(4)).toEqual([0, 2, 1, 3]);
  });
});
