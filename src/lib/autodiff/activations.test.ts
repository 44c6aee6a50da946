import { describe, expect, it } from "vitest";
import { Rng } from "../random/index.ts";
import {
  activation,
  elu,
  gelu,
  gradInput,
  gradcheck,
  leakyRelu,
  logSoftmax,
  relu,
  sigmoid,
  softmax,
  softplus,
  swish,
  tanh,
  tensor,
} from "./index.ts";
import type { Tensor } from "./index.ts";

const rng = new Rng("activations");
const f64 = (v: number[]) => tensor(v, undefined, { dtype: "float64" });

describe("activations", () => {
  it("compute known values", () => {
    expect(Array.from(relu(f64([-1, 0, 2])).data)).toEqual([0, 0, 2]);
    expect(Array.from(leakyRelu(f64([-1, 2]), 0.1).data)).toEqual([-0.1, 2]);
    expect(sigmoid(f64([0])).item()).toBe(0.5);
    expect(tanh(f64([0])).item()).toBe(0);
    expect(elu(f64([-1]), 1).item()).toBeCloseTo(Math.exp(-1) - 1, 15);
    expect(softplus(f64([0])).item()).toBeCloseTo(Math.log(2), 15);
    expect(swish(f64([1])).item()).toBeCloseTo(1 / (1 + Math.exp(-1)), 15);
    // GELU uses the tanh approximation: gelu(1) = ½(1 + tanh(√(2/π)·1.044715)) ≈ 0.841192
    expect(gelu(f64([1])).item()).toBeCloseTo(0.8411919906, 9);
  });

  it("sigmoid and softplus stay finite for huge |x|", () => {
    const y = sigmoid(f64([-1000, 1000]));
    expect(Array.from(y.data)).toEqual([0, 1]);
    expect(softplus(f64([1000])).item()).toBe(1000);
  });

  const smooth: [string, (x: Tensor) => Tensor][] = [
    ["sigmoid", sigmoid],
    ["tanh", tanh],
    ["softplus", softplus],
    ["gelu", gelu],
    ["swish", swish],
    ["relu", relu],
    ["leakyRelu(0.1)", (x) => leakyRelu(x, 0.1)],
    ["elu(0.7)", (x) => elu(x, 0.7)],
  ];
  for (const [name, f] of smooth) {
    it(`${name} has finite-difference gradients (away from any kink)`, () => {
      expect(gradcheck(f, [gradInput([3, 5], rng, -3, 3, 0.05)])).toMatchObject({ ok: true });
    });
  }
});

describe("softmax and logSoftmax", () => {
  it("softmax rows sum to 1 and are unchanged by adding a constant (max-subtracted)", () => {
    const y = softmax(tensor([1, 2, 3, 1001, 1002, 1003], [2, 3], { dtype: "float64" }));
    for (let k = 0; k < 3; k++) expect(y.data[k]).toBeCloseTo(y.data[k + 3], 12);
    expect(y.data[0] + y.data[1] + y.data[2]).toBeCloseTo(1, 14);
    expect(y.data[2]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 14);
  });

  it("logSoftmax equals log(softmax) and is finite for extreme logits", () => {
    const x = tensor([0, -2000, 5], [1, 3], { dtype: "float64" });
    const ls = logSoftmax(x);
    expect(Number.isFinite(ls.data[1])).toBe(true);
    expect(ls.data[2]).toBeCloseTo(-Math.log1p(Math.exp(-5)), 12);
    expect(ls.data[0]).toBeCloseTo(Math.log(softmax(x).data[0]), 12);
  });

  for (const axis of [-1, 0, 1]) {
    it(`softmax and logSoftmax along axis ${axis} of [3,4,2] have finite-difference gradients`, () => {
      const x = gradInput([3, 4, 2], rng, -3, 3);
      expect(gradcheck((v) => softmax(v, axis), [x])).toMatchObject({ ok: true });
      expect(gradcheck((v) => logSoftmax(v, axis), [x])).toMatchObject({ ok: true });
    });
  }
});

describe("activation(name)", () => {
  it("looks up activations by name", () => {
    expect(activation("relu")(f64([-1, 1])).data[1]).toBe(1);
    const x = f64([1]);
    expect(activation("linear")(x)).toBe(x);
  });

  it("throws an error naming the unknown activation and listing the valid ones", () => {
    expect(() => activation("relu6")).toThrow('Unknown activation "relu6". Valid activations: linear, step, sigmoid, tanh, relu');
  });
});
