import { describe, expect, it } from "vitest";
import { deflection, renderLensedSource, totalDeflection } from "./lens.ts";
import type { LensSource, SieLens } from "./lens.ts";

const SIZE = 64;
const sis = (thetaE: number): SieLens => ({ x: 31.5, y: 31.5, thetaE, q: 1, angle: 0, gamma1: 0, gamma2: 0 });
const alpha = new Float64Array(2);

/** Flux-weighted mean distance of the lensed light from the lens centre. */
function meanRadius(img: Float32Array, lens: SieLens): number {
  let s = 0;
  let sr = 0;
  for (let j = 0; j < SIZE; j++) {
    for (let i = 0; i < SIZE; i++) {
      const v = img[j * SIZE + i];
      s += v;
      sr += v * Math.hypot(i - lens.x, j - lens.y);
    }
  }
  return sr / s;
}

describe("SIE lensing", () => {
  it("deflects by θ_E towards the centre for a singular isothermal sphere, at any radius", () => {
    const lens = sis(8);
    for (const [x, y] of [
      [40, 31.5],
      [31.5, 10],
      [20, 45],
    ]) {
      deflection(lens, x, y, alpha);
      expect(Math.hypot(alpha[0], alpha[1])).toBeCloseTo(8, 6);
      expect(alpha[0] * (x - lens.x) + alpha[1] * (y - lens.y)).toBeGreaterThan(0);
    }
  });

  it("tends to the SIS as the axis ratio tends to 1", () => {
    const near: SieLens = { ...sis(7), q: 0.998, angle: 0.7 };
    deflection(near, 40, 25, alpha);
    const a = Array.from(alpha);
    deflection(sis(7), 40, 25, alpha);
    expect(a[0]).toBeCloseTo(alpha[0], 2);
    expect(a[1]).toBeCloseTo(alpha[1], 2);
  });

  it("deflects more along the minor axis of a flattened lens (the mass is closer there)", () => {
    const lens: SieLens = { ...sis(8), q: 0.6 };
    deflection(lens, 31.5 + 8, 31.5, alpha);
    const major = Math.hypot(alpha[0], alpha[1]);
    deflection(lens, 31.5, 31.5 + 8, alpha);
    const minor = Math.hypot(alpha[0], alpha[1]);
    expect(minor).toBeGreaterThan(major);
  });

  it("images a source on the axis into an Einstein ring of radius θ_E", () => {
    const lens = sis(9);
    const source: LensSource = { x: 31.5, y: 31.5, re: 0.8, q: 1, angle: 0, clumps: [] };
    const img = new Float32Array(SIZE * SIZE);
    const mu = renderLensedSource(img, SIZE, lens, source);
    expect(meanRadius(img, lens)).toBeGreaterThan(0.93 * 9);
    expect(meanRadius(img, lens)).toBeLessThan(1.07 * 9);
    expect(mu).toBeGreaterThan(10); // a ring is highly magnified
  });

  it("puts arcs of an offset source near the Einstein radius (θ_E + β²/θ_E for an SIS) and conserves flux when unlensed", () => {
    const lens: SieLens = { ...sis(8), q: 0.8, angle: 0.3, gamma1: 0.02, gamma2: -0.01 };
    const source: LensSource = { x: 33, y: 31, re: 1, q: 0.7, angle: 1, clumps: [{ x: 33.5, y: 31.2, sigma: 0.4, fraction: 0.2 }] };
    const img = new Float32Array(SIZE * SIZE);
    renderLensedSource(img, SIZE, lens, source);
    const r = meanRadius(img, lens);
    expect(r).toBeGreaterThan(0.85 * 8);
    expect(r).toBeLessThan(1.2 * 8);
    const none = renderLensedSource(img, SIZE, { ...sis(0) }, source);
    expect(none).toBeCloseTo(1, 1);
  });
});

describe("several deflectors (group lenses)", () => {
  it("adds the deflections of each deflector", () => {
    const a: SieLens = { ...sis(6), q: 0.7, angle: 0.4, gamma1: 0.03 };
    const b: SieLens = { ...sis(2), x: 40, y: 25 };
    const sum = new Float64Array(2);
    totalDeflection([a, b], 20, 37, sum);
    deflection(a, 20, 37, alpha);
    const [ax, ay] = alpha;
    deflection(b, 20, 37, alpha);
    expect(sum[0]).toBeCloseTo(ax + alpha[0], 12);
    expect(sum[1]).toBeCloseTo(ay + alpha[1], 12);
  });

  it("widens the ring when a member adds its mass, and renders one deflector alike alone or in a list", () => {
    const source: LensSource = { x: 31.5, y: 31.5, re: 0.8, q: 1, angle: 0, clumps: [] };
    const one = new Float32Array(SIZE * SIZE);
    const list = new Float32Array(SIZE * SIZE);
    renderLensedSource(one, SIZE, sis(8), source);
    renderLensedSource(list, SIZE, [sis(8)], source);
    expect(Array.from(list)).toEqual(Array.from(one));
    const group = new Float32Array(SIZE * SIZE);
    renderLensedSource(group, SIZE, [sis(8), { ...sis(2), x: 31.5, y: 31.5 }], source);
    expect(meanRadius(group, sis(8))).toBeGreaterThan(0.93 * 10);
  });
});
