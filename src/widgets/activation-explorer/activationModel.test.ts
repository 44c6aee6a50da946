import { describe, expect, it } from "vitest";
import { parseState, serializeState } from "../shared/urlState.ts";
import { CHAIN_INPUT, activationSchema, chainGradients, chainParameters, curves, depthBelow, probe } from "./activationModel.ts";

describe("curves and probe", () => {
  it("read f and f′ from the engine at hand-checkable points", () => {
    expect(probe("sigmoid", 0)).toEqual({ x: 0, f: 0.5, df: 0.25 });
    expect(probe("relu", -1)).toEqual({ x: -1, f: 0, df: 0 });
    expect(probe("step", 1)).toEqual({ x: 1, f: 1, df: 0 });
    expect(curves("tanh")).toHaveLength(161);
  });
});

describe("chainGradients (engine backward through n one-input neurons)", () => {
  it("equals the hand-multiplied chain rule for two sigmoid layers", () => {
    const { w, b } = chainParameters(1, 2);
    const s = (z: number) => 1 / (1 + Math.exp(-z));
    const z1 = w[0] * CHAIN_INPUT + b[0];
    const h1 = s(z1);
    const z2 = w[1] * h1 + b[1];
    // dh2/dx = σ'(z2)·w2·σ'(z1)·w1
    const expected = s(z2) * (1 - s(z2)) * w[1] * s(z1) * (1 - s(z1)) * w[0];
    expect(chainGradients("sigmoid", 1, 2)[1]).toBeCloseTo(expected, 14);
  });

  it("gives the product of the weights for ReLU (every pre-activation is positive here)", () => {
    const { w } = chainParameters(3, 20);
    const product = w.reduce((p, v) => p * v, 1);
    expect(chainGradients("relu", 3, 20)[19]).toBeCloseTo(product, 10);
  });

  it("vanishes below 10⁻⁶ for sigmoid within 15 layers but not for ReLU within 50", () => {
    const sigmoidDepth = depthBelow(chainGradients("sigmoid", 1))!;
    expect(sigmoidDepth).toBeGreaterThan(6); // the lesson's default depth (5) and the e2e test's 6 stay above 10⁻⁶
    expect(sigmoidDepth).toBeLessThanOrEqual(15);
    expect(depthBelow(chainGradients("relu", 1))).toBeNull();
  });

  it("is exactly zero for the step function", () => {
    expect(chainGradients("step", 1, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it("is reproducible for a seed", () => {
    expect(chainGradients("tanh", 7)).toEqual(chainGradients("tanh", 7));
    expect(chainGradients("tanh", 7)).not.toEqual(chainGradients("tanh", 8));
  });
});

describe("URL state", () => {
  it("round-trips and flags bad values", () => {
    const state = { f: "gelu" as const, x: -1.5, depth: 30, seed: 4 };
    expect(parseState(activationSchema, serializeState(activationSchema, state, "act"), "act").state).toEqual(state);
    expect(parseState(activationSchema, new URLSearchParams("act.depth=0&act.f=softmax"), "act").problems).toHaveLength(2);
  });
});

describe("log axis helpers", () => {
  it("label powers of ten with superscripts", async () => {
    const { powerOfTenLabel } = await import("./activationModel.ts");
    expect(powerOfTenLabel(1e-6)).toBe("10⁻⁶");
    expect(powerOfTenLabel(1)).toBe("1");
    expect(powerOfTenLabel(100)).toBe("10²");
  });
  it("cover the values with whole decades, never less than 10⁻⁸ … 10¹", async () => {
    const { logWindow } = await import("./activationModel.ts");
    expect(logWindow([0.5, 2]).domain).toEqual([1e-8, 10]);
    expect(logWindow([3e-20, 0]).domain[0]).toBeCloseTo(1e-20, 30);
    // Ticks at multiples of the stride always include 10⁰.
    expect(logWindow([1e-33, 5]).ticks).toContain(1);
    expect(logWindow([0.5, 2]).ticks).toEqual([1, 1e-2, 1e-4, 1e-6, 1e-8]);
  });
});
