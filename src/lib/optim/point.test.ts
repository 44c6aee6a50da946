import { describe, expect, it } from "vitest";
import { createPoint, descend, stepPoint } from "./point.ts";
import { Adam } from "./adam.ts";
import { SGD } from "./sgd.ts";

describe("2-D points", () => {
  it("a point is an ordinary parameter whose state the optimizer exposes", () => {
    const adam = new Adam({ learningRate: 0.1 });
    const p = createPoint(1, -1);
    stepPoint(adam, p, (x, y) => [2 * x, 2 * y]);
    // First Adam step moves each coordinate by η·sign(g) (m̂/√v̂ = g/|g|).
    expect(p.data[0]).toBeCloseTo(0.9, 6);
    expect(p.data[1]).toBeCloseTo(-0.9, 6);
    // m1 = (1 − β1)·g = 0.1·(2, −2)
    const m = adam.state(p)!.m;
    expect(m[0]).toBeCloseTo(0.2, 12);
    expect(m[1]).toBeCloseTo(-0.2, 12);
  });

  it("descend returns the start and every step's position", () => {
    const path = descend(new SGD({ learningRate: 0.25 }), [1, 2], (x, y) => [x, y], 2);
    expect(path).toEqual([
      [1, 2],
      [0.75, 1.5],
      [0.5625, 1.125],
    ]);
  });
});
