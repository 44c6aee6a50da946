import { describe, expect, it } from "vitest";
import { boxWidths, convolvePsf, fwhmToSigma } from "./psf.ts";

const SIZE = 64;
const N = SIZE * SIZE;

describe("PSF", () => {
  it("box widths reproduce the Gaussian variance within 15% (Kovesi's three-box scheme)", () => {
    for (const sigma of [2, 3.5, 5, 7]) {
      const v = boxWidths(sigma).reduce((s, w) => s + (w * w - 1) / 12, 0);
      expect(Math.sqrt(v) / sigma).toBeGreaterThan(0.85);
      expect(Math.sqrt(v) / sigma).toBeLessThan(1.15);
    }
  });

  it("spreads a point into a profile of the requested FWHM, conserving its flux", () => {
    const src = new Float32Array(3 * N);
    const dst = new Float32Array(3 * N);
    const fwhm = [4, 5, 6];
    for (let b = 0; b < 3; b++) src[b * N + 32 * SIZE + 32] = 1;
    convolvePsf(src, dst, SIZE, fwhm, 0, new Float32Array(N), new Float32Array(N));
    for (let b = 0; b < 3; b++) {
      const plane = dst.subarray(b * N, (b + 1) * N);
      expect(plane.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
      // Second moment along x of the blurred point: σ².
      let m2 = 0;
      for (let j = 0; j < SIZE; j++) for (let i = 0; i < SIZE; i++) m2 += plane[j * SIZE + i] * (i - 32) ** 2;
      expect(Math.sqrt(m2)).toBeCloseTo(fwhmToSigma(fwhm[b]), 1);
    }
  });

  it("adds wings that keep the flux and broaden the profile", () => {
    const tmp = new Float32Array(N);
    const tmp2 = new Float32Array(N);
    const src = new Float32Array(3 * N);
    src[32 * SIZE + 32] = 1;
    const withWings = new Float32Array(3 * N);
    const without = new Float32Array(3 * N);
    convolvePsf(src, withWings, SIZE, [4, 4, 4], 0.1, tmp, tmp2);
    convolvePsf(src, without, SIZE, [4, 4, 4], 0, tmp, tmp2);
    expect(withWings.subarray(0, N).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 3);
    const far = 32 * SIZE + 32 + 7;
    expect(withWings[far]).toBeGreaterThan(3 * without[far]);
    expect(withWings[32 * SIZE + 32]).toBeLessThan(without[32 * SIZE + 32]);
  });
});
