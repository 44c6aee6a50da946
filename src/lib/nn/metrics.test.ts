import { describe, expect, it } from "vitest";
import { meanSquaredError, psnr } from "./metrics.ts";

describe("image error metrics", () => {
  it("meanSquaredError averages squared differences, by hand", () => {
    expect(meanSquaredError([0, 0.5, 1, 1], [0, 0, 1, 0])).toBeCloseTo((0.25 + 1) / 4, 12);
    expect(() => meanSquaredError([1, 2], [1])).toThrow(RangeError);
    expect(() => meanSquaredError([], [])).toThrow(RangeError);
  });

  it("psnr is 10 log₁₀(1/MSE): 20 dB at 0.01, 10 dB more per tenfold smaller error, ∞ for a perfect copy", () => {
    expect(psnr(0.01)).toBeCloseTo(20, 12);
    expect(psnr(0.001) - psnr(0.01)).toBeCloseTo(10, 12);
    expect(psnr(0)).toBe(Infinity);
  });
});
