// What the one-step estimate x̂₀ of the shipped galaxy denoiser looks like at low and high noise,
// measured with the committed model through the site's ModelRunner (onnxruntime-web under Node). The
// lesson once promised "a smooth blob at high noise"; the first shipped network's estimate was coloured
// speckle from t ≈ 650 on, the retrained one's from t ≈ 850. The formula is right (x̂₀ = (x_t − √(1 − ᾱ) ε̂)/√ᾱ); what the promise missed is that the
// network's errors in ε̂ reach x̂₀ multiplied by √(1 − ᾱ)/√ᾱ, and at high t they are not smooth.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ModelRunner } from "../../lib/inference/index.ts";
import { loadNodeRuntime } from "../../lib/inference/nodeRuntime.ts";
import { coefficients, predictX0 } from "../../lib/diffusion/index.ts";
import { MORPHOLOGY_CLASSES } from "../../lib/astro/index.ts";
import { SHIPPED_NETWORKS } from "../../lib/zoo/index.ts";
import { SPECKLE_GAIN, denoiseScene, denoiserSchedule, singleInput, x0ErrorGain } from "./denoiserModel.ts";

/** Mean squared difference of horizontally neighbouring pixels over the three channels (roughness). */
function roughness(img: ArrayLike<number>, side = 32): number {
  let s = 0;
  let n = 0;
  for (let c = 0; c < 3; c++)
    for (let y = 0; y < side; y++)
      for (let x = 1; x < side; x++) {
        const i = c * side * side + y * side + x;
        s += (img[i] - img[i - 1]) ** 2;
        n++;
      }
  return s / n;
}

describe("the galaxy denoiser's one-step x̂₀", () => {
  const schedule = denoiserSchedule();

  it("amplifies errors of ε̂ by √(1 − ᾱ)/√ᾱ, which passes the speckle threshold between t = 800 and t = 900", () => {
    const c = coefficients(schedule, 950);
    expect(x0ErrorGain(schedule, 950)).toBeCloseTo(c.noiseScale / c.signalScale, 12);
    // δ in ε̂ moves x̂₀ by exactly −gain·δ.
    const sc = denoiseScene("spiral", 0, 950, schedule);
    const eps = Float32Array.from(sc.eps);
    const shifted = Float32Array.from(eps, (v, i) => (i === 5 ? v + 0.01 : v));
    const d = predictX0(schedule, sc.xt, 950, shifted)[5] - predictX0(schedule, sc.xt, 950, eps)[5];
    expect(d).toBeCloseTo(-0.01 * x0ErrorGain(schedule, 950), 4);
    expect(x0ErrorGain(schedule, 800)).toBeLessThan(SPECKLE_GAIN);
    expect(x0ErrorGain(schedule, 900)).toBeGreaterThan(SPECKLE_GAIN);
  });

  it("is a blurry galaxy below the speckle threshold but speckle above it: many times rougher than the clean galaxy, often clipped", async () => {
    const runner = new ModelRunner({ loadRuntime: loadNodeRuntime });
    const source = {
      ...SHIPPED_NETWORKS["galaxy-denoiser"],
      bytes: new Uint8Array(readFileSync(new URL("../../../models/galaxy-denoiser/model.onnx", import.meta.url))),
    };
    const measure = async (t: number) => {
      let ratio = 0;
      let clipped = 0;
      const seeds = 4;
      for (let seed = 0; seed < seeds; seed++) {
        const sc = denoiseScene(MORPHOLOGY_CLASSES[seed % MORPHOLOGY_CLASSES.length], seed, t, schedule);
        const r = await runner.infer(source, singleInput(sc), "wasm", 1);
        const raw = predictX0(schedule, sc.xt, t, r.output);
        const shown = predictX0(schedule, sc.xt, t, r.output, 1);
        ratio += roughness(shown) / roughness(sc.x0) / seeds;
        for (const v of raw) if (Math.abs(v) > 1) clipped += 1 / (seeds * raw.length);
      }
      return { ratio, clipped };
    };
    // t = 800 is the last step below SPECKLE_GAIN, t = 950 far above it (see the first test).
    const low = await measure(800);
    const high = await measure(950);
    await runner.dispose();
    console.log(
      `one-step x̂₀ roughness / clean galaxy's: t = 800 → ${low.ratio.toFixed(1)} (${(100 * low.clipped).toFixed(0)} % clipped), t = 950 → ${high.ratio.toFixed(1)} (${(100 * high.clipped).toFixed(0)} % clipped)`,
    );
    expect(low.ratio).toBeLessThan(4);
    expect(high.ratio).toBeGreaterThan(10);
    expect(high.clipped).toBeGreaterThan(0.25);
  }, 120_000);
});
