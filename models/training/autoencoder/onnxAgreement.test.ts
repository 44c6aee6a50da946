import { describe, expect, it } from "vitest";
import { readFileSync, statSync } from "node:fs";
import { Rng } from "../../../src/lib/random/index.ts";
import { Tensor, noGrad } from "../../../src/lib/autodiff/index.ts";
import { setWeights } from "../../../src/lib/nn/index.ts";
import type { Model, WeightsJSON } from "../../../src/lib/nn/index.ts";
import { simulateCutout } from "../../../src/lib/astro/index.ts";
import { AUTOENCODER_SPEC, DECODER_IO, ENCODER_IO, buildDecoder, buildEncoder } from "../../../src/lib/zoo/index.ts";
import { ModelRunner } from "../../../src/lib/inference/index.ts";
import { loadNodeRuntime } from "../../../src/lib/inference/nodeRuntime.ts";
import { committedFile } from "../shared/paths.ts";

// The committed galaxy autoencoder: weights.json reloaded into the engine and encoder.onnx /
// decoder.onnx run by onnxruntime-web (the Node build of the runtime the site uses, through the same
// ModelRunner) agree; and held-out reconstruction error stays under the bound the card states.
// The files are committed: a missing one fails here, loudly (committedFile), never a silent skip.
const spec = AUTOENCODER_SPEC;
const file = (name: string) => committedFile(spec.name, name);

/** Engine encoder and decoder with the committed weights (split by their enc_ / dec_ names). */
function engineModels(): { encoder: Model; decoder: Model } {
  const json = JSON.parse(readFileSync(file("weights.json"), "utf8")) as WeightsJSON;
  const encoder = buildEncoder(spec.latent, "reload");
  const decoder = buildDecoder(spec.latent, "reload");
  const load = (model: Model, prefix: string) =>
    setWeights(
      model,
      json.weights.filter((w) => w.name.startsWith(prefix)).map((w) => ({ name: w.name, shape: w.shape, data: w.values })),
    );
  load(encoder, "enc_");
  load(decoder, "dec_");
  return { encoder, decoder };
}

/** Fresh galaxies, from a seed the pipeline never used (one per class, in turn). */
function freshImages(n: number, seed: string): Float32Array {
  const data = new Float32Array(n * 12288);
  const rng = new Rng(seed);
  for (let i = 0; i < n; i++)
    data.set(simulateCutout(spec.classes[i % spec.classes.length], rng.fork(String(i)), { look: "nominal" }).image, i * 12288);
  return data;
}

describe(`committed model ${spec.name}`, () => {
  it("the engine (weights.json) and onnxruntime (encoder.onnx, decoder.onnx) agree within 1e-4 on simulated galaxies; each file is ≤ 500 kB", async () => {
    const { encoder, decoder } = engineModels();
    const n = 5;
    const data = freshImages(n, "autoencoder-agreement");
    const z = noGrad(() => encoder.forward(new Tensor(data.slice(), [n, 3, 64, 64]))[0]);
    const y = noGrad(() => decoder.forward(z)[0]);
    for (const f of ["encoder.onnx", "decoder.onnx"]) expect(statSync(file(f)).size).toBeLessThanOrEqual(500 * 1024);
    const runner = new ModelRunner({ loadRuntime: loadNodeRuntime, detectWebGpu: async () => ({ ok: false, reason: "Node" }) });
    const enc = {
      id: "enc",
      bytes: new Uint8Array(readFileSync(file("encoder.onnx"))),
      inputName: ENCODER_IO.input,
      outputName: ENCODER_IO.output,
    };
    const dec = {
      id: "dec",
      bytes: new Uint8Array(readFileSync(file("decoder.onnx"))),
      inputName: DECODER_IO.input,
      outputName: DECODER_IO.output,
      inputShape: [spec.latent],
    };
    const ortZ = await runner.infer(enc, data, "wasm", n);
    expect(ortZ.outputDims).toEqual([n, spec.latent]);
    let worst = 0;
    for (let i = 0; i < z.size; i++) worst = Math.max(worst, Math.abs(ortZ.output[i] - z.data[i]) / Math.max(1, Math.abs(z.data[i])));
    expect(worst).toBeLessThan(1e-4);
    // The decoder on the engine's codes, so the comparison isolates the decoder.
    const ortY = await runner.infer(dec, Float32Array.from(z.data), "wasm", n);
    expect(ortY.outputDims).toEqual([n, 3, 64, 64]);
    worst = 0;
    for (let i = 0; i < y.size; i++) worst = Math.max(worst, Math.abs(ortY.output[i] - y.data[i]));
    expect(worst).toBeLessThan(1e-4);
    await runner.dispose();
  });

  // 0.045: the pixel noise alone is ≈ 0.023 (no code can store it), and the simulator's arms, knots
  // and clumps are detail a 16-number code loses; the first-round simulator's plainer galaxies gave 0.035.
  it("reconstructs fresh held-out galaxies with a mean MSE per value below 0.045 (PSNR above 13.5 dB; pixel noise alone is ≈ 0.023)", () => {
    const { encoder, decoder } = engineModels();
    const n = 10;
    const data = freshImages(n, "autoencoder-bound");
    const y = noGrad(() => decoder.forward(encoder.forward(new Tensor(data.slice(), [n, 3, 64, 64]))[0])[0]);
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum += (y.data[i] - data[i]) ** 2;
    const mse = sum / data.length;
    expect(mse).toBeLessThan(0.045);
    // …and the committed metrics say the same thing about the full held-out set.
    const metrics = JSON.parse(readFileSync(file("metrics.json"), "utf8")) as { heldOut: { mse: number } };
    expect(metrics.heldOut.mse).toBeLessThan(0.045);
  });
});
