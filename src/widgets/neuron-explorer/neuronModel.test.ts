import { describe, expect, it } from "vitest";
import { parseState, serializeState } from "../shared/urlState.ts";
import { boundarySegment, clusters, gridPoints, heatmap, misclassified, neuronOutput, neuronSchema } from "./neuronModel.ts";

describe("neuronOutput (engine: matmul, add, activation)", () => {
  it("computes z = w·x + b and a = f(z) as by hand", () => {
    // z = 0.5·2 + (−1)·0.5 + 0.25 = 0.75
    const p = { w1: 0.5, w2: -1, b: 0.25 };
    expect(neuronOutput({ ...p, act: "linear" }, 2, 0.5)).toEqual({ z: 0.75, a: 0.75 });
    expect(neuronOutput({ ...p, act: "sigmoid" }, 2, 0.5).a).toBeCloseTo(1 / (1 + Math.exp(-0.75)), 14);
    expect(neuronOutput({ ...p, act: "tanh" }, 2, 0.5).a).toBeCloseTo(Math.tanh(0.75), 14);
    expect(neuronOutput({ ...p, act: "step" }, 2, 0.5).a).toBe(1);
    expect(neuronOutput({ ...p, act: "relu" }, -2, 0.5)).toEqual({ z: -1.25, a: 0 });
    expect(neuronOutput({ ...p, act: "step" }, -2, 0.5).a).toBe(0);
  });
});

describe("boundarySegment", () => {
  it("clips x₁ + x₂ − 1 = 0 to the square [−3, 3]²", () => {
    const s = boundarySegment(1, 1, -1)!;
    const ends = [
      [s.x1, s.y1],
      [s.x2, s.y2],
    ].sort((a, b) => a[0] - b[0]);
    expect(ends).toEqual([
      [-2, 3],
      [3, -2],
    ]);
  });
  it("gives a vertical line when w₂ = 0 and none when both weights are zero", () => {
    const s = boundarySegment(2, 0, -1)!;
    expect(s.x1).toBeCloseTo(0.5);
    expect(s.x2).toBeCloseTo(0.5);
    expect(boundarySegment(0, 0, 1)).toBeNull();
  });
  it("returns null when the line misses the square", () => {
    expect(boundarySegment(1, 0, -10)).toBeNull();
  });
});

describe("the challenge clusters", () => {
  it("are the same 24 points for the same seed and differ for another", () => {
    expect(clusters()).toEqual(clusters());
    expect(clusters()).toHaveLength(24);
    expect(clusters("other")).not.toEqual(clusters());
  });
  it("are separated by w = (1, −1), b = 0 but not by the default neuron", () => {
    expect(misclassified({ w1: 1, w2: -1, b: 0, act: "sigmoid" }, clusters())).toBe(0);
    expect(misclassified({ w1: 0.8, w2: 1, b: 0.2, act: "sigmoid" }, clusters())).toBeGreaterThan(3);
  });
});

describe("heatmap", () => {
  it("marks the z > 0 side as high and scales strength to [0, 1]", () => {
    const h = heatmap({ w1: 1, w2: 0, b: 0, act: "sigmoid" }, 4);
    const pts = gridPoints(4);
    pts.forEach((p, i) => expect(h.side[i]).toBe(p[0] > 0 ? "high" : "low"));
    expect(Math.max(...h.strength)).toBe(1);
    expect(Math.min(...h.strength)).toBeGreaterThanOrEqual(0);
  });
});

describe("URL state", () => {
  it("round-trips a setup", () => {
    const state = { x1: 1.5, x2: -2, w1: 1, w2: -1, b: 0, act: "relu" as const };
    const params = serializeState(neuronSchema, state, "neuron");
    expect(parseState(neuronSchema, params, "neuron")).toEqual({ state, problems: [] });
  });
  it("reports a bad activation and an out-of-range weight", () => {
    const { problems } = parseState(neuronSchema, new URLSearchParams("neuron.act=softmax&neuron.w1=99"), "neuron");
    expect(problems).toHaveLength(2);
  });
});
