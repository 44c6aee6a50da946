import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import { binaryCrossEntropyWithLogits, gradInput, gradcheck, mae, mse, softmaxCrossEntropy, tensor } from "./index.ts";

const rng = new Rng("losses");
const f64 = (v: number[], shape?: number[]) => tensor(v, shape, { dtype: "float64" });

describe("losses", () => {
  it("mse and mae average over every element", () => {
    expect(mse(f64([1, 2, 3]), f64([1, 0, 0])).item()).toBeCloseTo((0 + 4 + 9) / 3, 14);
    expect(mae(f64([1, 2, 3]), f64([1, 0, 0])).item()).toBeCloseTo(5 / 3, 14);
  });

  it("refuse predictions and targets of different shapes instead of broadcasting", () => {
    expect(() => mse(f64([1, 2], [2, 1]), f64([1, 2]))).toThrow("mse: predictions [2, 1] and targets [2] must have the same shape");
  });

  it("binaryCrossEntropyWithLogits equals −y ln σ(z) − (1−y) ln(1−σ(z))", () => {
    const z = [0.3, -2, 4];
    const y = [1, 0, 0.5];
    const s = (v: number) => 1 / (1 + Math.exp(-v));
    const expected = z.reduce((acc, v, i) => acc - y[i] * Math.log(s(v)) - (1 - y[i]) * Math.log(1 - s(v)), 0) / 3;
    expect(binaryCrossEntropyWithLogits(f64(z), f64(y)).item()).toBeCloseTo(expected, 12);
    expect(Number.isFinite(binaryCrossEntropyWithLogits(f64([1000, -1000]), f64([0, 1])).item())).toBe(true);
  });

  it("softmaxCrossEntropy with integer labels equals −mean log softmax at the label", () => {
    const z = f64([1, 2, 3, 0, 0, 0], [2, 3]);
    const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    const expected = (lse - 3 + Math.log(3)) / 2;
    expect(softmaxCrossEntropy(z, [2, 1]).item()).toBeCloseTo(expected, 12);
    expect(softmaxCrossEntropy(z, f64([0, 0, 1, 0, 1, 0], [2, 3])).item()).toBeCloseTo(expected, 12);
    expect(softmaxCrossEntropy(z, f64([2, 1])).item()).toBeCloseTo(expected, 12);
  });

  it("softmaxCrossEntropy rejects labels outside [0, K) and a wrong label count", () => {
    expect(() => softmaxCrossEntropy(f64([1, 2], [1, 2]), [2])).toThrow(/label 2 at row 0 is not a class index in \[0, 2\)/);
    expect(() => softmaxCrossEntropy(f64([1, 2], [1, 2]), [0, 1])).toThrow(/2 labels for 1 rows/);
  });

  it("all have finite-difference gradients with respect to the predictions", () => {
    const p = gradInput([4, 3], rng, -2, 2, 0.05);
    const t = gradInput([4, 3], rng, -2, 2);
    t.requiresGrad = false;
    expect(gradcheck((v) => mse(v, t), [p])).toMatchObject({ ok: true });
    expect(gradcheck((v) => mae(v, t), [p])).toMatchObject({ ok: true });
    const probs = f64([0.2, 0.8, 0, 1, 0, 0, 0.5, 0.5, 0, 0, 0.3, 0.7], [4, 3]);
    expect(gradcheck((v) => binaryCrossEntropyWithLogits(v, probs), [p])).toMatchObject({ ok: true });
    expect(gradcheck((v) => softmaxCrossEntropy(v, [0, 2, 1, 1]), [p])).toMatchObject({ ok: true });
    expect(gradcheck((v) => softmaxCrossEntropy(v, probs), [p])).toMatchObject({ ok: true });
    expect(gradcheck((v) => softmaxCrossEntropy(v, [0]), [gradInput([1, 1], rng)])).toMatchObject({ ok: true });
  });
});
