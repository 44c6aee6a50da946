import { describe, expect, it } from "vitest";
import { readFileSync, statSync } from "node:fs";
import { Rng } from "../../../src/lib/random/index.ts";
import { weightsFromJSON } from "../../../src/lib/nn/index.ts";
import { simulateCutout } from "../../../src/lib/astro/index.ts";
import { ModelRunner } from "../../../src/lib/inference/index.ts";
import { loadNodeRuntime } from "../../../src/lib/inference/nodeRuntime.ts";
import { makeSchedule, sampleForward } from "../../../src/lib/diffusion/index.ts";
import {
  DENOISER_SPEC,
  SHIPPED_NETWORKS,
  buildDenoiser,
  cutoutToData,
  denoiserInput,
  denoiserInputValues,
} from "../../../src/lib/zoo/index.ts";
import { predictNoise } from "./evaluate.ts";
import { committedFile } from "../shared/paths.ts";

/** Noisy held-out-like inputs: simulated galaxies noised at several steps. */
function parityBatch(count: number): { xt: Float32Array; steps: number[] } {
  const spec = DENOISER_SPEC;
  const schedule = makeSchedule(spec.schedule.kind, spec.schedule.T);
  const rng = new Rng("denoiser-agreement");
  const n = spec.channels * spec.size * spec.size;
  const xt = new Float32Array(count * n);
  const steps: number[] = [];
  for (let i = 0; i < count; i++) {
    const x0 = cutoutToData(simulateCutout(spec.classes[i % spec.classes.length], rng.fork(String(i)), { look: "nominal" }).image);
    const t = [1, 50, 250, 600, 1000][i % 5];
    xt.set(sampleForward(schedule, x0, t, rng.fork(`noise/${i}`)).xt, i * n);
    steps.push(t);
  }
  return { xt, steps };
}

// The committed galaxy denoiser: weights.json in the engine and model.onnx in onnxruntime-web (through
// the site's ModelRunner, Node runtime) predict the same noise. The files are committed: a missing
// one fails here, loudly (committedFile), never a silent skip.
const file = (name: string) => committedFile(DENOISER_SPEC.name, name);
describe(`committed model ${DENOISER_SPEC.name}`, () => {
  it("the engine (weights.json) and onnxruntime (model.onnx, via ModelRunner.infer) agree within 1e-4 on noisy galaxies; the file is ≤ 2 MB", async () => {
    const spec = DENOISER_SPEC;
    const model = buildDenoiser(spec, "reload");
    weightsFromJSON(model, readFileSync(file("weights.json"), "utf8"));
    const { xt, steps } = parityBatch(5);
    const engine = predictNoise(model, spec, xt, steps);
    expect(statSync(file("model.onnx")).size).toBeLessThanOrEqual(2 * 1024 * 1024);
    const runner = new ModelRunner({ loadRuntime: loadNodeRuntime });
    const source = { ...SHIPPED_NETWORKS["galaxy-denoiser"], bytes: new Uint8Array(readFileSync(file("model.onnx"))) };
    const result = await runner.infer(source, denoiserInput(xt, steps, spec), "wasm", steps.length);
    await runner.dispose();
    expect(result.outputDims).toEqual([steps.length, spec.channels, spec.size, spec.size]);
    expect(result.output.length).toBe(engine.length);
    expect(denoiserInputValues(spec) * steps.length).toBe(steps.length * (spec.channels + 1) * spec.size * spec.size);
    let worst = 0;
    for (let i = 0; i < engine.length; i++) worst = Math.max(worst, Math.abs(result.output[i] - engine[i]));
    expect(worst).toBeLessThan(1e-4);
  });
});
