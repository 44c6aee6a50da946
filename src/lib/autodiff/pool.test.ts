import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { avgPool2d, gradInput, gradcheck, maxPool2d, tensor, upsample2d } from "./index.ts";

const rng = new Rng("pool");
const img = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 1, 4, 4]);

describe("pooling and upsampling", () => {
  it("maxPool2d 2×2 takes each window's maximum", () => {
    expect(Array.from(maxPool2d(img, 2).data)).toEqual([6, 8, 14, 16]);
  });

  it("avgPool2d 2×2 takes each window's mean", () => {
    expect(Array.from(avgPool2d(img, 2).data)).toEqual([3.5, 5.5, 11.5, 13.5]);
  });

  it("'same' pooling of an odd size pads at the end and averages only real pixels", () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
    expect(maxPool2d(x, 2, { padding: "same" }).shape).toEqual([1, 1, 2, 2]);
    expect(Array.from(maxPool2d(x, 2, { padding: "same" }).data)).toEqual([5, 6, 8, 9]);
    expect(Array.from(avgPool2d(x, 2, { padding: "same" }).data)).toEqual([3, 4.5, 7.5, 9]);
  });

  it("upsample2d repeats each pixel f×f times", () => {
    const y = upsample2d(tensor([1, 2, 3, 4], [1, 1, 2, 2]));
    expect(y.shape).toEqual([1, 1, 4, 4]);
    expect(Array.from(y.data)).toEqual([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]);
  });

  it("reject a non-4-D input, naming the op and shape", () => {
    expect(() => maxPool2d(tensor([1, 2]), 2)).toThrow("maxPool2d: expected input [N, C, H, W], got [2]");
  });

  for (const [shape, size, stride, padding] of [
    [[2, 3, 4, 4], 2, 2, "valid"],
    [[1, 2, 5, 5], 2, 2, "same"],
    [[1, 1, 5, 6], 3, 1, "valid"],
    [[2, 1, 5, 3], 3, 2, "same"],
  ] as const) {
    it(`max and average pooling of [${shape}] size ${size} stride ${stride} ${padding} have finite-difference gradients`, () => {
      const x = gradInput(shape, rng);
      expect(gradcheck((v) => maxPool2d(v, size, { stride, padding }), [x])).toMatchObject({ ok: true });
      expect(gradcheck((v) => avgPool2d(v, size, { stride, padding }), [x])).toMatchObject({ ok: true });
    });
  }

  it("upsample2d has finite-difference gradients for factors 2 and [1, 3]", () => {
    expect(gradcheck((v) => upsample2d(v), [gradInput([2, 2, 3, 2], rng)])).toMatchObject({ ok: true });
    expect(gradcheck((v) => upsample2d(v, [1, 3]), [gradInput([1, 1, 2, 2], rng)])).toMatchObject({ ok: true });
  });
});
