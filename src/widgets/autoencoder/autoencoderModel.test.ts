import { describe, expect, it } from "vitest";
import { parseState } from "../shared/urlState.ts";
import { semanticTargets } from "../../lib/zoo/index.ts";
import {
  GALLERY_SIZE,
  LATENT,
  angleDifference,
  autoencoderSchema,
  checksum,
  classCentres,
  classMeanCodes,
  codeAt,
  errorMap,
  estimateParams,
  galleryImage,
  galleryItems,
  isAnomaly,
  mapBounds,
  nearestGalaxy,
  parseLatentMap,
  project,
  radians,
  sliderCode,
} from "./autoencoderModel.ts";
import { meanSquaredError, psnr } from "../../lib/nn/index.ts";
import type { LatentMap } from "./autoencoderModel.ts";
import { bottleneckChart } from "./bottleneckModel.ts";

/** A small map with orthonormal components along the first two axes. */
function toyMap(): LatentMap {
  const e = (j: number) => Array.from({ length: LATENT }, (_, k) => (k === j ? 1 : 0));
  const code = (a: number, b: number, rest = 0) => Array.from({ length: LATENT }, (_, k) => (k === 0 ? a : k === 1 ? b : rest));
  const galaxies = [
    { a: 0, b: 0, c: 0, mse: 0.001 },
    { a: 2, b: 0, c: 1, mse: 0.002 },
    { a: 0, b: 3, c: 1, mse: 0.003 },
  ].map((g, index) => ({
    index,
    seed: String(index),
    class: g.c,
    code: code(g.a, g.b, 0.5),
    xy: [g.a, g.b],
    sersicN: 1,
    axisRatio: 0.5,
    effectiveRadius: 4,
    positionAngle: 0,
    mse: g.mse,
  }));
  return {
    name: "toy",
    latent: LATENT,
    semanticUnits: 5,
    medianMse: 0.002,
    anomalyThreshold: 0.003,
    noiseVariance: 0.001,
    classes: ["elliptical", "spiral"],
    pca: { mean: new Array(LATENT).fill(0).map((_, k) => (k > 1 ? 0.5 : 0)), components: [e(0), e(1)], explained: [0.5, 0.3] },
    galaxies,
  };
}

describe("autoencoder lab model", () => {
  it("the URL schema reads slider values and rejects out-of-range ones", () => {
    const p = parseState(autoencoderSchema, new URLSearchParams("ae.n=2.5&ae.q=3&ae.base=spiral"), "ae");
    expect(p.state.n).toBe(2.5);
    expect(p.state.q).toBe(0.6);
    expect(p.state.base).toBe("spiral");
    expect(p.problems).toHaveLength(1);
  });

  it("the gallery has one galaxy per trained class and a strong lens the model never saw, the same on every call", () => {
    const items = galleryItems(0);
    expect(items).toHaveLength(GALLERY_SIZE);
    expect(items.filter((i) => !i.inTraining).map((i) => i.kind)).toEqual(["lens"]);
    const a = galleryImage(items[0]);
    expect(a.image).toHaveLength(3 * 64 * 64);
    expect(checksum(galleryImage(items[0]).image)).toBe(checksum(a.image));
    expect(a.truth.sersicN).toBeGreaterThanOrEqual(3);
  });

  it("MSE, PSNR and the error map agree on a hand-made pair of images", () => {
    const a = new Float32Array(3 * 64 * 64).fill(0.5);
    const b = a.slice();
    b[0] = 0.8; // red plane, pixel 0
    expect(meanSquaredError(a, b) * a.length).toBeCloseTo(0.09, 6); // float32 0.8 − 0.5
    expect(psnr(0.01)).toBeCloseTo(20, 10);
    const m = errorMap(a, b);
    expect(m[0]).toBeCloseTo(Math.sqrt(0.09 / 3), 6);
    expect(m[1]).toBe(0);
    expect(() => meanSquaredError(a, new Float32Array(3))).toThrow(RangeError);
  });

  it("codeAt is the reference galaxy's code at its own map point and moves along the principal directions elsewhere", () => {
    const map = parseLatentMap(toyMap());
    expect(Array.from(codeAt(map, 1, 2, 0))).toEqual(map.galaxies[1].code);
    const z = codeAt(map, 1, 2.5, -1);
    expect(z[0]).toBeCloseTo(2.5, 6);
    expect(z[1]).toBeCloseTo(-1, 6);
    expect(z[5]).toBeCloseTo(0.5, 6);
    expect(project(map, z)).toEqual([expect.closeTo(2.5, 6), expect.closeTo(-1, 6)]);
    expect(nearestGalaxy(map, 0.1, 2.4)).toBe(2);
    const [x0, x1, y0, y1] = mapBounds(map);
    expect(x0).toBeLessThan(0);
    expect(x1).toBeGreaterThan(2);
    expect(y0).toBeLessThan(0);
    expect(y1).toBeGreaterThan(3);
  });

  it("class centres and class-average codes summarise the map; anomalies are errors above the threshold", () => {
    const map = toyMap();
    const c = classCentres(map);
    expect(c[1]).toEqual({ name: "spiral", count: 2, x: 1, y: 1.5 });
    expect(classMeanCodes(map)[1][0]).toBeCloseTo(1, 6);
    expect(isAnomaly(0.006, 0.005)).toBe(true);
    expect(isAnomaly(0.005, 0.005)).toBe(false);
    expect(isAnomaly(0.5, 0)).toBe(false);
  });

  it("the sliders' code carries the normalised parameters in the semantic units and the free units unchanged; the estimate inverts it", () => {
    const params = { sersicN: 3.2, axisRatio: 0.4, effectiveRadius: 7, positionAngle: radians(120) };
    const free = new Float32Array(LATENT).fill(0.25);
    const z = sliderCode(params, free);
    expect(Array.from(z.slice(0, 5))).toEqual(semanticTargets(params).map((v) => expect.closeTo(v, 6)));
    expect(z[10]).toBe(0.25);
    const back = estimateParams(z);
    expect(back.sersicN).toBeCloseTo(3.2, 5);
    expect(back.axisRatio).toBeCloseTo(0.4, 5);
    expect(back.effectiveRadius).toBeCloseTo(7, 4);
    expect(back.positionAngle).toBeCloseTo(radians(120), 5);
  });

  it("angle differences fold θ and θ + 180° together", () => {
    expect(angleDifference(10, 170)).toBe(20);
    expect(angleDifference(0, 180)).toBe(0);
    expect(angleDifference(30, 75)).toBe(45);
  });

  it("rejects a latent map of the wrong shape with a readable message", () => {
    expect(() => parseLatentMap({})).toThrow(/latent map/);
    expect(() => parseLatentMap({ ...toyMap(), latent: 3 })).toThrow(/3 units/);
  });

  it("the bottleneck chart puts bigger codes to the right on a log scale and better PSNR higher, for every series", () => {
    const c = bottleneckChart(
      [
        [
          { latent: 8, psnr: 22 },
          { latent: 2, psnr: 18 },
          { latent: 32, psnr: 25 },
        ],
        [
          { latent: 1, psnr: 15 },
          { latent: 16, psnr: 24 },
        ],
      ],
      500,
      250,
    );
    const [a, b] = c.series;
    expect(a.points.map((p) => p.latent)).toEqual([2, 8, 32]);
    expect(a.points[1].x - a.points[0].x).toBeCloseTo(a.points[2].x - a.points[1].x, 6);
    expect(a.points[2].y).toBeLessThan(a.points[0].y);
    expect(b.points[0].x).toBe(c.left);
    expect(c.xTicks.map((t) => t.latent)).toEqual([1, 2, 8, 16, 32]);
    expect(c.yTicks.length).toBeGreaterThan(1);
  });
});
