import { describe, expect, it } from "vitest";
import { checkColours, invertRgba } from "./colourChecks.ts";
import { prepareImage } from "./prepareImage.ts";
import { skyScene } from "./skyScene.test-util.ts";

const rgba = (data: ArrayLike<number>, size: number) => ({ kind: "rgba" as const, width: size, height: size, data });

describe("checkColours", () => {
  const s = skyScene("colours", 96, { caption: false });
  it("a survey colour picture passes without warnings", () => {
    const c = checkColours(rgba(s.rgba, s.size));
    expect(c).toMatchObject({ grey: false, inverted: false, overexposed: false });
    expect(c.warnings).toEqual([]);
  });
  it("detects an inverted picture, and prepareImage inverts it back (same network input as the original)", () => {
    const negative = invertRgba(s.rgba, s.size * s.size);
    const c = checkColours(rgba(negative, s.size));
    expect(c.inverted).toBe(true);
    expect(c.overexposed).toBe(false);
    expect(c.warnings.join(" ")).toMatch(/inverted/);
    const fromNegative = prepareImage(rgba(negative, s.size), { frame: "centre" });
    const fromPositive = prepareImage(rgba(s.rgba, s.size), { frame: "centre" });
    expect(Array.from(fromNegative.data)).toEqual(Array.from(fromPositive.data));
    expect(fromNegative.warnings.join(" ")).toMatch(/inverted back/);
  });
  it("detects a grey (single-band) picture and a single FITS plane, and the grey is replicated into the three bands", () => {
    const grey = Uint8ClampedArray.from(s.rgba);
    for (let p = 0; p < s.size * s.size; p++) grey.fill(s.rgba[4 * p + 1], 4 * p, 4 * p + 3);
    const c = checkColours(rgba(grey, s.size));
    expect(c.grey).toBe(true);
    expect(c.warnings.join(" ")).toMatch(/one band only/);
    const out = prepareImage(rgba(grey, s.size), { frame: "centre" });
    const n = 64 * 64;
    expect(Array.from(out.data.subarray(0, n))).toEqual(Array.from(out.data.subarray(n, 2 * n)));
    expect(checkColours({ kind: "bands", width: 2, height: 1, planes: [[1, 2]] }).grey).toBe(true);
  });
  it("flags an overexposed picture (more than 3% of pixels saturated)", () => {
    const burnt = Uint8ClampedArray.from(s.rgba);
    for (let p = 0; p < 0.1 * s.size * s.size; p++) burnt.set([255, 255, 255], 4 * (p + Math.floor(0.45 * s.size * s.size)));
    const c = checkColours(rgba(burnt, s.size));
    expect(c.overexposed).toBe(true);
    expect(c.saturatedFraction).toBeGreaterThan(0.09);
    expect(c.warnings.join(" ")).toMatch(/saturated/);
  });
});
