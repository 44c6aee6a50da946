import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { circles, columnStats, gaussians, regression1d, regression1dTruth, regression2d, spirals, standardize, xor } from "./index.ts";

const gens = { circles, xor, spirals, gaussians, regression1d, regression2d };

describe("toy dataset generators", () => {
  it("give the same rows for the same seed and different rows for another seed", () => {
    for (const [name, gen] of Object.entries(gens)) {
      const a = gen(new Rng(7), { n: 50, noise: 0.2 });
      const b = gen(new Rng(7), { n: 50, noise: 0.2 });
      const c = gen(new Rng(8), { n: 50, noise: 0.2 });
      expect(a, name).toEqual(b);
      expect(a.x, name).not.toEqual(c.x);
      expect(a.x).toHaveLength(50);
      expect(a.y).toHaveLength(50);
      expect(
        a.x.every((r) => r.length === a.inputNames.length && r.every(Number.isFinite)),
        name,
      ).toBe(true);
    }
  });

  it("give balanced 0/1 classes for the classification sets", () => {
    for (const gen of [circles, spirals, gaussians]) {
      const d = gen(new Rng(1), { n: 200, noise: 0.1 });
      expect(d.task).toBe("classification");
      expect(d.y.filter((v) => v === 1)).toHaveLength(100);
      expect(d.y.every((v) => v === 0 || v === 1)).toBe(true);
    }
  });

  it("label XOR by the sign of x₁·x₂ when noise is zero", () => {
    const d = xor(new Rng(3), { n: 100, noise: 0 });
    d.x.forEach(([a, b], i) => expect(d.y[i]).toBe(a * b > 0 ? 1 : 0));
  });

  it("put the inner circle inside radius 2.5 and the outer ring beyond 3.5 without noise", () => {
    const d = circles(new Rng(2), { n: 100, noise: 0 });
    d.x.forEach(([a, b], i) => {
      const r = Math.hypot(a, b);
      if (d.y[i] === 1) expect(r).toBeLessThanOrEqual(2.5);
      else expect(r).toBeGreaterThanOrEqual(3.5);
    });
  });

  it("scatter the 1-D regression around its true curve with the requested σ", () => {
    const d = regression1d(new Rng(4), { n: 4000, noise: 0.3 });
    const res = d.x.map(([x], i) => d.y[i] - regression1dTruth(x));
    const sd = Math.sqrt(res.reduce((s, r) => s + r * r, 0) / res.length);
    expect(sd).toBeCloseTo(0.3, 1);
  });
});

describe("z-scoring", () => {
  it("gives columns of mean 0 and standard deviation 1, and leaves constant columns at 0", () => {
    const rows = [
      [1, 5],
      [2, 5],
      [3, 5],
    ];
    const stats = columnStats(rows);
    expect(stats.mean).toEqual([2, 5]);
    expect(stats.std[1]).toBe(1);
    const z = standardize(rows, stats);
    expect(z.map((r) => r[1])).toEqual([0, 0, 0]);
    expect(z[0][0]).toBeCloseTo(-Math.sqrt(1.5), 12);
  });
});
