import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { trainingPairs } from "./trainingPairs.ts";
import { timeEmbedding } from "./timeEmbedding.ts";
import { cosineSchedule } from "./schedule.ts";

describe("trainingPairs", () => {
  const s = cosineSchedule(50);
  const data = Float32Array.from([1, 1, -1, -1, 0.5, -0.5]);
  it("each row is [x_t, embedding(t)] → ε with x_t = √ᾱ_t x₀ + √(1 − ᾱ_t) ε for one of the data points", () => {
    const p = trainingPairs(s, data, 2, 200, new Rng(1), 4);
    expect(p.inputs.length).toBe(200 * 6);
    expect(p.targets.length).toBe(400);
    for (let r = 0; r < 200; r++) {
      const t = p.steps[r];
      expect(t).toBeGreaterThanOrEqual(1);
      expect(t).toBeLessThanOrEqual(50);
      const a = Math.sqrt(s.alphaBars[t]);
      const b = Math.sqrt(1 - s.alphaBars[t]);
      // Recover x₀ and check that it is one of the data points.
      const x = (p.inputs[r * 6] - b * p.targets[r * 2]) / a;
      const y = (p.inputs[r * 6 + 1] - b * p.targets[r * 2 + 1]) / a;
      const match = [0, 1, 2].some((k) => Math.abs(x - data[2 * k]) < 1e-3 && Math.abs(y - data[2 * k + 1]) < 1e-3);
      expect(match).toBe(true);
      const emb = timeEmbedding(t, 50, 4);
      for (let k = 0; k < 4; k++) expect(p.inputs[r * 6 + 2 + k]).toBeCloseTo(emb[k], 6);
    }
  });
  it("is deterministic per seed", () => {
    const a = trainingPairs(s, data, 2, 20, new Rng("x"));
    const b = trainingPairs(s, data, 2, 20, new Rng("x"));
    expect(Array.from(a.inputs)).toEqual(Array.from(b.inputs));
    expect(Array.from(a.targets)).toEqual(Array.from(b.targets));
  });
});

describe("timeEmbedding", () => {
  it("is sin and cos of 2^k·π·t/T", () => {
    const e = timeEmbedding(25, 100, 6);
    for (let k = 0; k < 3; k++) {
      expect(e[2 * k]).toBeCloseTo(Math.sin(2 ** k * Math.PI * 0.25), 6);
      expect(e[2 * k + 1]).toBeCloseTo(Math.cos(2 ** k * Math.PI * 0.25), 6);
    }
  });
  it("needs an even number of features", () => {
    expect(() => timeEmbedding(1, 10, 3)).toThrow(RangeError);
  });
});
