import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { gaussianNoise, noiseTo, sampleForward } from "./forward.ts";
import { cosineSchedule, linearSchedule } from "./schedule.ts";

describe("forward process", () => {
  it("x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε, as in the forward-noising exercise (by hand)", () => {
    const s = linearSchedule(3, 0.1, 0.3);
    const a = 0.9 * 0.8;
    const xt = noiseTo(s, [0.5, -0.25], 2, [1, -2]);
    expect(xt[0]).toBeCloseTo(Math.sqrt(a) * 0.5 + Math.sqrt(1 - a) * 1, 6);
    expect(xt[1]).toBeCloseTo(Math.sqrt(a) * -0.25 + Math.sqrt(1 - a) * -2, 6);
    expect(Array.from(noiseTo(s, [0.5], 0, [3]))).toEqual([0.5]);
  });
  it("samples of q(x_t | x₀) have mean √ᾱ_t x₀ and variance 1 − ᾱ_t (20 000 draws per pixel)", () => {
    const s = cosineSchedule(100);
    const x0 = Float32Array.from([0.8, -0.5, 0]);
    const rng = new Rng("forward-statistics");
    for (const t of [5, 40, 90]) {
      const n = 20000;
      const sum = new Float64Array(3);
      const sum2 = new Float64Array(3);
      for (let k = 0; k < n; k++) {
        const { xt } = sampleForward(s, x0, t, rng);
        for (let i = 0; i < 3; i++) {
          sum[i] += xt[i];
          sum2[i] += xt[i] * xt[i];
        }
      }
      const varExpected = 1 - s.alphaBars[t];
      for (let i = 0; i < 3; i++) {
        const mean = sum[i] / n;
        const variance = sum2[i] / n - mean * mean;
        // Standard errors: √(var/n) for the mean, ≈ var·√(2/n) for the variance; allow 4 of each.
        expect(Math.abs(mean - Math.sqrt(s.alphaBars[t]) * x0[i])).toBeLessThan(4 * Math.sqrt(varExpected / n));
        expect(Math.abs(variance - varExpected)).toBeLessThan(4 * varExpected * Math.sqrt(2 / n));
      }
    }
  });
  it("the same seed gives the same noise and the same x_t", () => {
    const s = linearSchedule(100);
    const a = sampleForward(s, [0.1, 0.2, 0.3], 50, new Rng(7));
    const b = sampleForward(s, [0.1, 0.2, 0.3], 50, new Rng(7));
    expect(Array.from(a.xt)).toEqual(Array.from(b.xt));
    expect(Array.from(gaussianNoise(new Rng(3), 4))).toEqual(Array.from(gaussianNoise(new Rng(3), 4)));
    expect(Array.from(gaussianNoise(new Rng(3), 4))).not.toEqual(Array.from(gaussianNoise(new Rng(4), 4)));
  });
  it("refuses noise of the wrong length", () => {
    expect(() => noiseTo(linearSchedule(10), [1, 2], 3, [1])).toThrow(RangeError);
  });
});
