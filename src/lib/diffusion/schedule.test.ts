import { describe, expect, it } from "vitest";
import { coefficients, cosineSchedule, linearSchedule, makeSchedule } from "./schedule.ts";

describe("linearSchedule", () => {
  it("β_t runs linearly from β₁ to β_T and ᾱ_t is the running product of 1 − β_s (by hand, T = 3)", () => {
    const s = linearSchedule(3, 0.1, 0.3);
    expect(Array.from(s.betas)).toEqual([0, 0.1, expect.closeTo(0.2, 12), 0.3]);
    expect(s.alphas[2]).toBeCloseTo(0.8, 12);
    expect(s.alphaBars[0]).toBe(1);
    expect(s.alphaBars[1]).toBeCloseTo(0.9, 12);
    expect(s.alphaBars[2]).toBeCloseTo(0.9 * 0.8, 12);
    expect(s.alphaBars[3]).toBeCloseTo(0.9 * 0.8 * 0.7, 12);
  });
  it("matches the exercise family's formula β_s = β₁ + (s − 1)(β_T − β₁)/(T − 1)", () => {
    const s = linearSchedule(10, 0.02, 0.2);
    for (let t = 1; t <= 10; t++) expect(s.betas[t]).toBeCloseTo(0.02 + ((t - 1) * 0.18) / 9, 12);
  });
  it("Ho et al.'s T = 1000 schedule leaves almost no signal at t = T", () => {
    const s = linearSchedule(1000);
    expect(s.betas[1]).toBe(1e-4);
    expect(s.betas[1000]).toBeCloseTo(0.02, 12);
    expect(s.alphaBars[1000]).toBeLessThan(1e-4);
  });
  it("rejects T < 1 and β outside (0, 1)", () => {
    expect(() => linearSchedule(0)).toThrow(RangeError);
    expect(() => linearSchedule(10, 0, 0.1)).toThrow(RangeError);
    expect(() => linearSchedule(10, 0.1, 1)).toThrow(RangeError);
  });
});

describe("cosineSchedule", () => {
  it("ᾱ_t = f(t)/f(0) with f(t) = cos²(((t/T + s)/(1 + s))·π/2)", () => {
    const T = 100;
    const s = cosineSchedule(T);
    const f = (t: number) => Math.cos((((t / T + 0.008) / 1.008) * Math.PI) / 2) ** 2;
    for (const t of [1, 10, 50, 90]) expect(s.alphaBars[t]).toBeCloseTo(f(t) / f(0), 10);
    expect(s.alphaBars[T]).toBeLessThan(1e-3);
  });
  it("clips β at 0.999 so the last step stays finite", () => {
    const s = cosineSchedule(50);
    for (let t = 1; t <= 50; t++) expect(s.betas[t]).toBeLessThanOrEqual(0.999);
  });
});

describe("every schedule", () => {
  it("ᾱ_t decreases strictly from ᾱ₀ = 1, β_t stays in (0, 1)", () => {
    for (const s of [linearSchedule(1000), cosineSchedule(1000), makeSchedule("linear", 50), makeSchedule("cosine", 50)]) {
      expect(s.alphaBars[0]).toBe(1);
      for (let t = 1; t <= s.T; t++) {
        expect(s.alphaBars[t]).toBeLessThan(s.alphaBars[t - 1]);
        expect(s.betas[t]).toBeGreaterThan(0);
        expect(s.betas[t]).toBeLessThan(1);
      }
    }
  });
  it("makeSchedule('linear', T) still ends near pure noise for short chains", () => {
    expect(makeSchedule("linear", 50).alphaBars[50]).toBeLessThan(0.01);
  });
});

describe("coefficients", () => {
  it("gives √ᾱ, √(1 − ᾱ), 1 − ᾱ and SNR = ᾱ/(1 − ᾱ)", () => {
    const s = linearSchedule(3, 0.1, 0.3);
    const c = coefficients(s, 2);
    expect(c.alphaBar).toBeCloseTo(0.72, 12);
    expect(c.signalScale).toBeCloseTo(Math.sqrt(0.72), 12);
    expect(c.noiseScale).toBeCloseTo(Math.sqrt(0.28), 12);
    expect(c.noiseVariance).toBeCloseTo(0.28, 12);
    expect(c.snr).toBeCloseTo(0.72 / 0.28, 12);
    expect(coefficients(s, 0).snr).toBe(Infinity);
  });
  it("rejects steps outside 0 … T", () => {
    const s = linearSchedule(3, 0.1, 0.3);
    expect(() => coefficients(s, 4)).toThrow(RangeError);
    expect(() => coefficients(s, 1.5)).toThrow(RangeError);
  });
});
