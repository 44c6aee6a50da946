import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { gaussianNoise, noiseTo } from "./forward.ts";
import { ddimStep, ddpmStep, predictX0, reverseSigma, samplingSteps } from "./reverse.ts";
import { cosineSchedule, linearSchedule } from "./schedule.ts";

const x0 = Float32Array.from([0.7, -0.3, 0.05, -1]);

describe("predictX0", () => {
  it("inverts the forward process when given the true ε", () => {
    const s = cosineSchedule(200);
    const eps = gaussianNoise(new Rng(1), 4);
    for (const t of [1, 50, 150]) {
      const back = predictX0(s, noiseTo(s, x0, t, eps), t, eps);
      for (let i = 0; i < 4; i++) expect(back[i]).toBeCloseTo(x0[i], 3);
    }
  });
  it("matches the denoise-estimate exercise by hand: ᾱ = 0.64, x_t = 1, ε̂ = 0.5 → (1 − 0.6·0.5)/0.8", () => {
    const s = linearSchedule(1, 0.36, 0.36);
    expect(predictX0(s, [1], 1, [0.5])[0]).toBeCloseTo((1 - 0.6 * 0.5) / 0.8, 6);
  });
  it("clips to ±clip when asked", () => {
    const s = linearSchedule(10);
    expect(predictX0(s, [50], 5, [0], 1)[0]).toBe(1);
  });
});

describe("ddpmStep", () => {
  it("from t = 1 with the true ε returns x₀ exactly (no noise is added at the last step)", () => {
    const s = linearSchedule(100);
    const eps = gaussianNoise(new Rng(2), 4);
    const out = ddpmStep(s, noiseTo(s, x0, 1, eps), 1, eps, gaussianNoise(new Rng(3), 4));
    for (let i = 0; i < 4; i++) expect(out[i]).toBeCloseTo(x0[i], 5);
  });
  it("is x_{t−1} = (x_t − β_t/√(1 − ᾱ_t) ε̂)/√α_t + σ_t z (by hand)", () => {
    const s = linearSchedule(3, 0.1, 0.3);
    const out = ddpmStep(s, [1], 2, [0.5], [2], "beta");
    expect(out[0]).toBeCloseTo((1 - (0.2 / Math.sqrt(1 - 0.72)) * 0.5) / Math.sqrt(0.8) + Math.sqrt(0.2) * 2, 6);
    const post = ddpmStep(s, [1], 2, [0.5], [2]);
    expect(post[0]).toBeCloseTo((1 - (0.2 / Math.sqrt(0.28)) * 0.5) / Math.sqrt(0.8) + Math.sqrt((0.2 * 0.1) / 0.28) * 2, 6);
  });
  it("σ_t is √β_t or the posterior √(β_t(1 − ᾱ_{t−1})/(1 − ᾱ_t)), and 0 at t = 0", () => {
    const s = linearSchedule(3, 0.1, 0.3);
    expect(reverseSigma(s, 3, "beta")).toBeCloseTo(Math.sqrt(0.3), 12);
    expect(reverseSigma(s, 3)).toBeCloseTo(Math.sqrt((0.3 * (1 - 0.72)) / (1 - 0.72 * 0.7)), 12);
    expect(reverseSigma(s, 0)).toBe(0);
  });
});

describe("ddimStep", () => {
  it("with the true ε walks any chain of steps back to x₀ (deterministic sampling)", () => {
    // Linear: at the cosine schedule's t = T, √ᾱ ≈ 10⁻⁵ and float32 x_t no longer holds x₀.
    const s = linearSchedule(1000);
    const eps = gaussianNoise(new Rng(4), 4);
    const steps = samplingSteps(1000, 10);
    let x = noiseTo(s, x0, steps[0], eps);
    for (let k = 0; k < steps.length; k++) x = ddimStep(s, x, steps[k], k + 1 < steps.length ? steps[k + 1] : 0, eps);
    for (let i = 0; i < 4; i++) expect(x[i]).toBeCloseTo(x0[i], 3);
  });
  it("lands on the forward process of x̂₀ with the same ε̂: x_s = √ᾱ_s x̂₀ + √(1 − ᾱ_s) ε̂", () => {
    const s = linearSchedule(100);
    const xt = [0.3, -0.2];
    const e = [0.1, 0.4];
    const x0Hat = predictX0(s, xt, 60, e);
    const out = ddimStep(s, xt, 60, 20, e);
    for (let i = 0; i < 2; i++)
      expect(out[i]).toBeCloseTo(Math.sqrt(s.alphaBars[20]) * x0Hat[i] + Math.sqrt(1 - s.alphaBars[20]) * e[i], 5);
  });
  it("refuses to go forwards", () => {
    expect(() => ddimStep(linearSchedule(10), [0], 3, 5, [0])).toThrow(RangeError);
  });
});

describe("samplingSteps", () => {
  it("spreads `count` distinct steps from T down to 1", () => {
    expect(samplingSteps(1000, 5)).toEqual([1000, 750, 501, 251, 1]);
    expect(samplingSteps(10, 50)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(samplingSteps(10, 1)).toEqual([10]);
  });
});
