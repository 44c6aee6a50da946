import { describe, expect, it } from "vitest";
import { beale, himmelblau, quadraticBowl, rosenbrock, saddle, surfaceById, surfaces } from "./index.ts";
import type { Surface } from "./index.ts";

/** Central difference (f(p + h) − f(p − h)) / 2h: error O(h²). */
function numericGrad(s: Surface, x: number, y: number, h = 1e-5): [number, number] {
  return [(s.f(x + h, y) - s.f(x - h, y)) / (2 * h), (s.f(x, y + h) - s.f(x, y - h)) / (2 * h)];
}

const all: Surface[] = [...surfaces, quadraticBowl({ conditionNumber: 25, angle: 0.7 }), rosenbrock({ a: 0.5, b: 10 })];

describe("loss surfaces", () => {
  it.each(all.map((s) => [s.name, s] as const))("%s: the gradient matches central finite differences across its domain", (_, s) => {
    const [x0, x1] = s.domain.x;
    const [y0, y1] = s.domain.y;
    for (let i = 0; i <= 6; i++) {
      for (let j = 0; j <= 6; j++) {
        // An off-grid lattice so no point sits exactly on a symmetry line.
        const x = x0 + ((x1 - x0) * (i + 0.37)) / 7;
        const y = y0 + ((y1 - y0) * (j + 0.61)) / 7;
        const [gx, gy] = s.grad(x, y);
        const [nx, ny] = numericGrad(s, x, y);
        const scale = 1 + Math.abs(gx) + Math.abs(gy);
        expect(Math.abs(gx - nx) / scale).toBeLessThan(1e-6);
        expect(Math.abs(gy - ny) / scale).toBeLessThan(1e-6);
      }
    }
  });

  it.each(all.map((s) => [s.name, s] as const))("%s: the gradient vanishes at every listed minimum and saddle", (_, s) => {
    for (const [x, y] of [...s.minima, ...(s.saddles ?? [])]) {
      const [gx, gy] = s.grad(x, y);
      // Solved to machine precision, not quoted from a table (a 6-decimal table leaves |∇E| ≈ 1e-4).
      expect(Math.hypot(gx, gy)).toBeLessThan(1e-10);
    }
  });

  it("Himmelblau's minima are the known roots, correctly rounded to 6 decimals", () => {
    const sixDecimals = himmelblau.minima.map(([x, y]) => [x.toFixed(6), y.toFixed(6)]);
    expect(sixDecimals).toEqual([
      ["3.000000", "2.000000"],
      ["-2.805118", "3.131313"],
      ["-3.779310", "-3.283186"],
      ["3.584428", "-1.848127"],
    ]);
  });

  it("the minima have the known values", () => {
    expect(rosenbrock().f(1, 1)).toBe(0);
    expect(beale.f(3, 0.5)).toBe(0);
    for (const [x, y] of himmelblau.minima) expect(himmelblau.f(x, y)).toBeLessThan(1e-9);
    expect(quadraticBowl({ conditionNumber: 100 }).f(0, 0)).toBe(0);
  });

  it("the quadratic bowl's curvature along its two axes is 1 and κ", () => {
    const bowl = quadraticBowl({ conditionNumber: 9, angle: Math.PI / 6 });
    const along = (ux: number, uy: number) => 2 * bowl.f(ux, uy); // E = ½λr² at r = 1
    expect(along(Math.cos(Math.PI / 6), Math.sin(Math.PI / 6))).toBeCloseTo(1, 12);
    expect(along(-Math.sin(Math.PI / 6), Math.cos(Math.PI / 6))).toBeCloseTo(9, 12);
  });

  it("the saddle rises along x and falls along y", () => {
    expect(saddle.f(1, 0)).toBeGreaterThan(0);
    expect(saddle.f(0, 1)).toBeLessThan(0);
  });

  it("surfaceById finds a surface and names unknown ids", () => {
    expect(surfaceById("beale")).toBe(beale);
    expect(() => surfaceById("ackley")).toThrow(
      'Unknown surface "ackley". Valid surfaces: quadratic, rosenbrock, himmelblau, saddle, beale.',
    );
  });
});
