import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { argmax, gradInput, gradcheck, max, mean, min, sum, tensor } from "./index.ts";

const rng = new Rng("reduce");
const m = tensor([
  [1, 5, 3],
  [4, 2, 6],
]);

describe("reductions", () => {
  it("sum over all axes, one axis, and with keepDims", () => {
    expect(sum(m).item()).toBe(21);
    expect(sum(m).shape).toEqual([]);
    expect(Array.from(sum(m, 0).data)).toEqual([5, 7, 9]);
    expect(sum(m, 1, true).shape).toEqual([2, 1]);
    expect(Array.from(sum(m, -1).data)).toEqual([9, 12]);
  });

  it("mean and max/min along an axis", () => {
    expect(Array.from(mean(m, 1).data)).toEqual([3, 4]);
    expect(Array.from(max(m, 0).data)).toEqual([4, 5, 6]);
    expect(Array.from(min(m, 1).data)).toEqual([1, 2]);
    expect(max(m).item()).toBe(6);
    expect(argmax(m, 1)).toEqual([1, 2]);
  });

  it("reject an axis out of range, naming the op", () => {
    expect(() => sum(m, 2)).toThrow(/sum: axis 2 is out of range for a tensor of rank 2/);
  });

  for (const axes of [undefined, 0, 1, 2, [0, 2], [-1]] as const) {
    for (const keepDims of [false, true]) {
      it(`sum and mean over axes ${JSON.stringify(axes)} (keepDims ${keepDims}) have finite-difference gradients on [2,3,4]`, () => {
        const x = gradInput([2, 3, 4], rng);
        expect(gradcheck((v) => sum(v, axes, keepDims), [x])).toMatchObject({ ok: true });
        expect(gradcheck((v) => mean(v, axes, keepDims), [x])).toMatchObject({ ok: true });
      });
    }
  }

  it("max and min send the gradient to the extreme element (distinct values)", () => {
    const x = gradInput([3, 4], rng);
    expect(gradcheck((v) => max(v, 1), [x])).toMatchObject({ ok: true });
    expect(gradcheck((v) => min(v, 0, true), [x])).toMatchObject({ ok: true });
    expect(gradcheck((v) => max(v), [x])).toMatchObject({ ok: true });
  });

  it("reduce size-1 axes as identity", () => {
    const x = gradInput([1, 3, 1], rng);
    expect(sum(x, [0, 2]).shape).toEqual([3]);
    expect(gradcheck((v) => mean(v, 2), [x])).toMatchObject({ ok: true });
  });
});
