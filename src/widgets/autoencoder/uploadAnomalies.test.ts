// What the autoencoder demo says about the uploads the lesson used to suggest as anomalies (a
// screenshot, a star field), measured with the shipped encoder and decoder through the site's upload
// path (loadImageFile, then ModelRunner under Node). The star field is not flagged by the pixel
// error: the preprocessing turns it into mostly dark sky, which the decoder reproduces well. A
// screenshot depends on what is on it: large solid blocks are flagged; the site's own light pages,
// mostly white and small text (inverted to mostly dark), were not (0.6-0.7x the threshold).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ModelRunner, loadImageFile } from "../../lib/inference/index.ts";
import { loadNodeRuntime } from "../../lib/inference/nodeRuntime.ts";
import { SHIPPED_NETWORKS, semanticTargets } from "../../lib/zoo/index.ts";
import { meanSquaredError } from "../../lib/nn/index.ts";
import { Rng } from "../../lib/random/index.ts";
import { decodeInNode } from "../../../models/training/classifier/fileClassifier.ts";
import { encodePng } from "../../../models/training/shared/png.ts";
import { isAnomaly, parseLatentMap, physicalEstimate, sliderCode } from "./autoencoderModel.ts";

/** A star field: dark noisy sky and `stars` Gaussian stars of random brightness and tint (RGB, w × h). */
function starField(seed: string, stars: number, w = 200, h = 200): Uint8Array {
  const rng = new Rng(seed);
  const img = Float32Array.from({ length: w * h * 3 }, () => 8 + rng.normal(0, 3));
  for (let s = 0; s < stars; s++) {
    const x = rng.uniform(0, w);
    const y = rng.uniform(0, h);
    const flux = 255 * Math.exp(rng.uniform(-3, 0));
    const tint = [rng.uniform(0.7, 1), rng.uniform(0.7, 1), rng.uniform(0.7, 1)];
    for (let yy = Math.max(0, Math.floor(y - 6)); yy < Math.min(h, y + 6); yy++)
      for (let xx = Math.max(0, Math.floor(x - 6)); xx < Math.min(w, x + 6); xx++) {
        const v = flux * Math.exp(-((xx - x) ** 2 + (yy - y) ** 2) / (2 * 1.2 ** 2));
        for (let c = 0; c < 3; c++) img[(yy * w + xx) * 3 + c] += v * tint[c];
      }
  }
  return Uint8Array.from(img, (v) => Math.max(0, Math.min(255, Math.round(v))));
}

/** A screenshot-like page: white background, a blue header, lines of dark "text" and a grey button. */
function screenshotLike(w = 320, h = 240): Uint8Array {
  const rgb = new Uint8Array(w * h * 3).fill(255);
  const paint = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number]) => {
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) rgb.set(c, (y * w + x) * 3);
  };
  paint(0, 0, w, 28, [37, 99, 235]);
  for (let line = 0; line < 9; line++)
    for (let word = 0; word < 6; word++)
      paint(16 + word * 48, 48 + line * 18, 16 + word * 48 + 30 + ((line * 7 + word * 13) % 12), 48 + line * 18 + 8, [30, 30, 30]);
  paint(16, 214, 120, 234, [220, 220, 225]);
  return rgb;
}

describe("the autoencoder demo on uploads that are not galaxies", () => {
  it("clamps a read-out outside the physical range and names it, instead of printing b/a = −0.03", () => {
    const free = new Float32Array(16);
    const code = sliderCode({ sersicN: 2, axisRatio: 0.5, effectiveRadius: 5, positionAngle: 0 }, free);
    const t = semanticTargets({ sersicN: -1, axisRatio: -0.03, effectiveRadius: 5, positionAngle: 0 });
    code[0] = t[0];
    code[1] = t[1];
    const { params, clamped } = physicalEstimate(code);
    expect(params.axisRatio).toBe(0);
    expect(params.sersicN).toBe(0);
    expect(clamped.map((c) => c.name).sort()).toEqual(["axisRatio", "sersicN"]);
    expect(clamped.find((c) => c.name === "axisRatio")!.raw).toBeCloseTo(-0.03, 5);
    const fine = physicalEstimate(sliderCode({ sersicN: 2, axisRatio: 0.5, effectiveRadius: 5, positionAngle: 0 }, free));
    expect(fine.clamped).toEqual([]);
    expect(fine.params.axisRatio).toBeCloseTo(0.5, 5);
  });

  it("a star field is not flagged by the pixel error (it becomes mostly dark sky), a screenshot of large solid blocks is", async () => {
    const dir = new URL("../../../models/galaxy-autoencoder/", import.meta.url);
    const map = parseLatentMap(JSON.parse(readFileSync(new URL("latent-map.json", dir), "utf8")));
    const runner = new ModelRunner({ loadRuntime: loadNodeRuntime });
    const net = (id: "galaxy-autoencoder-encoder" | "galaxy-autoencoder-decoder", file: string) => ({
      ...SHIPPED_NETWORKS[id],
      bytes: new Uint8Array(readFileSync(new URL(file, dir))),
    });
    const encoder = net("galaxy-autoencoder-encoder", "encoder.onnx");
    const decoder = net("galaxy-autoencoder-decoder", "decoder.onnx");
    const lines: string[] = [];
    const flagged: boolean[] = [];
    for (const [name, rgb, w, h] of [
      ["star field", starField("stars", 100), 200, 200],
      ["screenshot", screenshotLike(), 320, 240],
    ] as const) {
      const loaded = await loadImageFile(encodePng(rgb, w, h), decodeInNode, { name });
      const code = (await runner.infer(encoder, loaded.prepared.data, "wasm")).output;
      const recon = (await runner.infer(decoder, code, "wasm")).output;
      const mse = meanSquaredError(loaded.prepared.data, recon);
      const { clamped } = physicalEstimate(code);
      lines.push(
        `${name}: MSE ${mse.toExponential(2)} = ${(mse / map.anomalyThreshold).toFixed(2)} × the anomaly threshold; clamped read-outs: ${clamped.map((c) => `${c.name} ${c.raw.toFixed(2)}`).join(", ") || "none"}`,
      );
      flagged.push(isAnomaly(mse, map.anomalyThreshold));
    }
    console.log(lines.join("\n"));
    expect(flagged).toEqual([false, true]);
    await runner.dispose();
  }, 120_000);
});
