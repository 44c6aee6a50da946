import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runOrt } from "../../../tests/support/runOrt.ts";
import { AUTOENCODER_SPEC, SEMANTIC_SIZE, semanticParams, semanticTargets } from "../../../src/lib/zoo/index.ts";
import type { AutoencoderSpec } from "../../../src/lib/zoo/index.ts";
import { trainAutoencoder } from "./pipeline.ts";
import { quantile } from "./metrics.ts";
import { psnr } from "../../../src/lib/nn/index.ts";
import { pca } from "./pca.ts";

// Small enough to train a few steps in a couple of seconds: the networks are the real ones.
const tiny: AutoencoderSpec = {
  ...AUTOENCODER_SPEC,
  name: "tiny-autoencoder",
  seed: "autoencoder-pipeline-test",
  trainImages: 5,
  testImages: 6,
  epochs: 1,
  batchSize: 5,
  sweepSizes: [2],
  sweepEpochs: 1,
  sweepTrainImages: 5,
  mapImages: 6,
  oodImages: 3,
};

describe("autoencoder pipeline", () => {
  it("simulates, trains, evaluates and writes encoder.onnx, decoder.onnx, weights.json, metrics.json, latent-map.json, bottleneck.json and CARD.md; the same seed gives the same weights", async () => {
    const dirs = [mkdtempSync(join(tmpdir(), "deep-sky-ae-")), mkdtempSync(join(tmpdir(), "deep-sky-ae-"))];
    try {
      const r = trainAutoencoder(tiny, {
        outDir: dirs[0],
        command: "npm run models:train -- tiny-autoencoder",
        progress: false,
        monitorImages: 2,
      });
      for (const f of ["encoder.onnx", "decoder.onnx", "weights.json", "metrics.json", "latent-map.json", "bottleneck.json", "CARD.md"])
        expect(existsSync(join(dirs[0], f))).toBe(true);
      expect(r.history).toHaveLength(1);
      expect(r.psnr).toBeCloseTo(psnr(r.mse), 10);
      expect(r.params.map((p) => p.name)).toHaveLength(4);
      expect(r.sweep.map((p) => p.latent)).toEqual([2]);
      const card = readFileSync(join(dirs[0], "CARD.md"), "utf8");
      for (const text of [
        "npm run models:train -- tiny-autoencoder",
        "PSNR",
        "Noise floor",
        "Total params",
        "Known limits",
        "Aragon-Calvo",
      ])
        expect(card).toContain(text);
      const map = JSON.parse(readFileSync(join(dirs[0], "latent-map.json"), "utf8"));
      expect(map.galaxies).toHaveLength(6);
      expect(map.galaxies[0].code).toHaveLength(tiny.latent);
      expect(map.anomalyThreshold).toBeGreaterThan(0);

      trainAutoencoder(tiny, { outDir: dirs[1], command: "again", progress: false, monitorImages: 2 });
      expect(readFileSync(join(dirs[1], "weights.json"), "utf8")).toBe(readFileSync(join(dirs[0], "weights.json"), "utf8"));

      // The exported files have the named inputs and outputs the site asks for.
      const z = await runOrt(new Uint8Array(readFileSync(join(dirs[0], "encoder.onnx"))), {
        image: { data: new Float32Array(12288).fill(0.2), dims: [1, 3, 64, 64] },
      });
      expect(z.latent.dims).toEqual([1, tiny.latent]);
      const y = await runOrt(new Uint8Array(readFileSync(join(dirs[0], "decoder.onnx"))), {
        latent: { data: z.latent.data, dims: [1, tiny.latent] },
      });
      expect(y.image.dims).toEqual([1, 3, 64, 64]);
    } finally {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  }, 60_000);

  it("semanticTargets and semanticParams are inverses, with the angle folded into [0, π)", () => {
    const p = { sersicN: 1.7, axisRatio: 0.35, effectiveRadius: 11, positionAngle: 2.9 };
    const back = semanticParams(semanticTargets(p));
    expect(back.sersicN).toBeCloseTo(1.7, 10);
    expect(back.axisRatio).toBeCloseTo(0.35, 10);
    expect(back.effectiveRadius).toBeCloseTo(11, 10);
    expect(back.positionAngle).toBeCloseTo(2.9, 10);
    expect(semanticTargets(p)).toHaveLength(SEMANTIC_SIZE);
  });

  it("pca finds the direction of largest variance first and projects onto it", () => {
    // Points along (1, 1)/√2 with a little spread along (1, −1)/√2.
    const codes: number[] = [];
    for (let i = -5; i <= 5; i++) codes.push(i + (i & 1 ? 0.1 : -0.1), i - (i & 1 ? 0.1 : -0.1));
    const p = pca(codes, 2, 2);
    expect(Math.abs(p.components[0][0])).toBeCloseTo(Math.SQRT1_2, 3);
    expect(p.components[0][0] * p.components[0][1]).toBeGreaterThan(0);
    expect(p.explained[0]).toBeGreaterThan(0.99);
    expect(p.project([3, 3])[0]).toBeCloseTo(3 * Math.SQRT2, 3);
  });

  it("quantile interpolates between order statistics", () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(quantile([5], 0.99)).toBe(5);
    expect(quantile([0, 10], 0.99)).toBeCloseTo(9.9, 10);
  });
});
