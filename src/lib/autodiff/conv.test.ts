import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { axisGeometry, conv2d, gradInput, gradcheck, tensor } from "./index.ts";
import type { Padding } from "./index.ts";

const rng = new Rng("conv");

describe("conv2d", () => {
  it("cross-correlates a 3×3 image with a 2×2 kernel (hand-computed), plus bias", () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3]);
    const w = tensor([1, 0, 0, -1], [1, 1, 2, 2]);
    const y = conv2d(x, w, tensor([10]));
    expect(y.shape).toEqual([1, 1, 2, 2]);
    expect(Array.from(y.data)).toEqual([1 - 5 + 10, 2 - 6 + 10, 4 - 8 + 10, 5 - 9 + 10]);
  });

  it("'same' padding keeps the size at stride 1 and gives ceil(H/stride) at stride 2", () => {
    const x = tensor(new Float32Array(2 * 3 * 7 * 6), [2, 3, 7, 6]);
    const w = tensor(new Float32Array(4 * 3 * 3 * 3), [4, 3, 3, 3]);
    expect(conv2d(x, w, null, { padding: "same" }).shape).toEqual([2, 4, 7, 6]);
    expect(conv2d(x, w, null, { padding: "same", stride: 2 }).shape).toEqual([2, 4, 4, 3]);
    expect(conv2d(x, w, null, { padding: "valid", stride: 2 }).shape).toEqual([2, 4, 3, 2]);
  });

  it("'same' puts the odd padding pixel at the end (SAME_UPPER), like TensorFlow", () => {
    expect(axisGeometry(6, 3, 2, "same")).toEqual({ out: 3, before: 0, after: 1 });
    expect(axisGeometry(5, 3, 1, "same")).toEqual({ out: 5, before: 1, after: 1 });
    expect(axisGeometry(4, 2, 1, "same")).toEqual({ out: 4, before: 0, after: 1 });
  });

  it("a 3×3 kernel with 'same' padding sees zeros beyond the border", () => {
    const x = tensor([1, 2, 3, 4], [1, 1, 2, 2]);
    const w = tensor(new Float32Array(9).fill(1), [1, 1, 3, 3]);
    expect(Array.from(conv2d(x, w, null, { padding: "same" }).data)).toEqual([10, 10, 10, 10]);
  });

  it("rejects mismatched channels, naming the op and both shapes", () => {
    const x = tensor(new Float32Array(2 * 3 * 3), [1, 2, 3, 3]);
    const w = tensor(new Float32Array(3 * 9), [1, 3, 3, 3]);
    expect(() => conv2d(x, w)).toThrow(/conv2d: input \[1, 2, 3, 3\] and weight \[1, 3, 3, 3\] do not match/);
  });

  const cases: { x: number[]; w: number[]; stride: number | [number, number]; padding: Padding; bias: boolean }[] = [
    { x: [2, 3, 5, 5], w: [4, 3, 3, 3], stride: 1, padding: "valid", bias: true },
    { x: [1, 2, 6, 5], w: [3, 2, 3, 3], stride: 1, padding: "same", bias: true },
    { x: [2, 1, 7, 6], w: [2, 1, 3, 3], stride: 2, padding: "same", bias: false },
    { x: [1, 2, 7, 7], w: [2, 2, 3, 2], stride: 2, padding: "valid", bias: true },
    { x: [1, 2, 4, 5], w: [3, 2, 2, 2], stride: [1, 2], padding: 1, bias: true },
    { x: [2, 3, 4, 4], w: [2, 3, 1, 1], stride: 1, padding: "valid", bias: true },
    { x: [1, 1, 1, 1], w: [1, 1, 1, 1], stride: 1, padding: "valid", bias: true },
    { x: [1, 2, 5, 4], w: [2, 2, 4, 4], stride: 1, padding: "same", bias: false },
  ];
  for (const c of cases) {
    it(`has finite-difference gradients for x [${c.x}], w [${c.w}], stride ${JSON.stringify(c.stride)}, padding ${JSON.stringify(c.padding)}${c.bias ? ", bias" : ""}`, () => {
      const x = gradInput(c.x, rng);
      const w = gradInput(c.w, rng);
      const inputs = c.bias ? [x, w, gradInput([c.w[0]], rng)] : [x, w];
      const f = (...t: typeof inputs) => conv2d(t[0], t[1], c.bias ? t[2] : null, { stride: c.stride, padding: c.padding });
      expect(gradcheck(f, inputs)).toMatchObject({ ok: true });
    });
  }
});
