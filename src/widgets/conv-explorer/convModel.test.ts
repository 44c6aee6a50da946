import { describe, expect, it } from "vitest";
import { KERNELS, SIZE, convolve, galaxyPlane, kernelOf, moveFocus, pool, termsAt } from "./convModel.ts";

describe("convolution explorer model", () => {
  const plane = galaxyPlane("spiral");

  it("the galaxy plane is the 64 × 64 r band in [0, 1], and the same on every call", () => {
    expect(plane.length).toBe(SIZE * SIZE);
    expect(Math.min(...plane)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...plane)).toBeLessThanOrEqual(1);
    expect(galaxyPlane("spiral")).toEqual(plane);
  });

  it("the identity kernel returns the image unchanged", () => {
    expect(convolve(plane, KERNELS.identity)).toEqual(plane);
  });

  it("the nine products at any pixel (edges included) sum to the engine's conv2d value there", () => {
    for (const name of ["edge", "vertical-edge", "blur", "sharpen"] as const) {
      const out = convolve(plane, KERNELS[name]);
      for (const [x, y] of [
        [0, 0],
        [32, 30],
        [63, 10],
        [5, 63],
      ]) {
        const terms = termsAt(plane, KERNELS[name], x, y);
        expect(terms).toHaveLength(9);
        expect(terms.reduce((s, t) => s + t.product, 0)).toBeCloseTo(out[y * SIZE + x], 5);
      }
    }
    const corner = termsAt(plane, KERNELS.edge, 0, 0);
    expect(corner.filter((t) => t.outside)).toHaveLength(5);
    expect(corner.filter((t) => t.outside).every((t) => t.pixel === 0)).toBe(true);
  });

  it("is a cross-correlation: the top-left weight meets the top-left neighbour", () => {
    const k = [1, 0, 0, 0, 0, 0, 0, 0, 0];
    const out = convolve(plane, k);
    expect(out[10 * SIZE + 10]).toBeCloseTo(plane[9 * SIZE + 9], 6);
  });

  it("2 × 2 max pooling keeps each block's largest value; average pooling its mean", () => {
    const out = convolve(plane, KERNELS.edge);
    const mx = pool(out, "max");
    const av = pool(out, "avg");
    expect(mx.length).toBe(32 * 32);
    const block = [out[20 * SIZE + 14], out[20 * SIZE + 15], out[21 * SIZE + 14], out[21 * SIZE + 15]];
    expect(mx[10 * 32 + 7]).toBeCloseTo(Math.max(...block), 6);
    expect(av[10 * 32 + 7]).toBeCloseTo(block.reduce((a, b) => a + b, 0) / 4, 6);
  });

  it("custom kernels come from the learner's nine weights", () => {
    expect(kernelOf("custom", [1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(kernelOf("blur", [])).toEqual(KERNELS.blur);
  });

  it("arrow keys move the focus by one pixel (Shift: eight) and stop at the edges", () => {
    expect(moveFocus("ArrowRight", false, 10, 10)).toEqual({ x: 11, y: 10 });
    expect(moveFocus("ArrowUp", true, 10, 4)).toEqual({ x: 10, y: 0 });
    expect(moveFocus("ArrowLeft", false, 0, 5)).toEqual({ x: 0, y: 5 });
    expect(moveFocus("End", false, 1, 1)).toEqual({ x: 63, y: 63 });
    expect(moveFocus("a", false, 1, 1)).toBeNull();
  });
});
