import { describe, expect, it } from "vitest";
import { constant, exponentialDecay, perEpoch, stepDecay } from "./schedules.ts";

describe("learning-rate schedules", () => {
  it("constant(η) returns η at every step", () => {
    const s = constant(0.3);
    expect([0, 1, 100].map(s)).toEqual([0.3, 0.3, 0.3]);
  });

  it("stepDecay multiplies η0 by γ every `every` steps", () => {
    const s = stepDecay({ initial: 1, factor: 0.5, every: 2 });
    expect([0, 1, 2, 3, 4].map(s)).toEqual([1, 1, 0.5, 0.5, 0.25]);
  });

  it("exponentialDecay is η0 γ^(k / decaySteps)", () => {
    const s = exponentialDecay({ initial: 2, rate: 0.25, decaySteps: 2 });
    expect(s(0)).toBe(2);
    expect(s(1)).toBeCloseTo(1, 15); // 2 · 0.25^0.5
    expect(s(4)).toBeCloseTo(0.125, 15);
  });

  it("perEpoch holds an epoch schedule constant within each epoch", () => {
    const s = perEpoch(stepDecay({ initial: 1, factor: 0.1, every: 1 }), 3);
    expect([0, 2, 3, 5, 6].map(s)).toEqual([1, 1, 0.1, 0.1, 0.1 ** 2]);
  });

  it("rejects a non-positive step interval", () => {
    expect(() => stepDecay({ initial: 1, factor: 0.5, every: 0 })).toThrow(RangeError);
  });
});
